"""Entity resolution: when two surface forms name one actor, within a document and across documents.

The rules are deliberately conservative (a wrong merge is worse than a missed one):
- organisations: the same name once demonyms ("Chinese" -> "China") and abbreviations ("Open Source
  Software" -> "OSS") are normalised, a leading national qualifier before a name of three words or more is
  dropped ("U.S. General Services Administration") and plurals are made singular ("Services"/"Service");
- people: the same number of words, the same surname, and first names spelled almost alike
  ("Abhishek" / "Abishek"); across documents they must also share an affiliation.

Every merge keeps the surface form as an alias with a `Merge` record (rule, passage, and across
documents the node the form would otherwise have had), so the graph says what was merged and why.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from ontology.iri import normalise
from ontology.records import (
    ActorRecord,
    ActorType,
    EventRecord,
    Evidence,
    Extraction,
    Link,
    Merge,
    Participation,
    PolicyRecord,
)
from pipelines.extract import lexicon

_FIRST_NAME_SIMILARITY = 0.85
ACROSS_DOCUMENTS_RULE = "resolve.across_documents"


@lru_cache(maxsize=1 << 14)  # every pair of a document's organisations is compared
def org_key(name: str) -> str:
    """Organisation names equal under this key are one organisation."""
    words = [lexicon.demonyms().get(w, w) for w in name.split()]
    key = normalise(" ".join(words))
    for long_form, short in lexicon.ABBREVIATIONS:
        key = re.sub(rf"\b{long_form}\b", short, key)
    return key


def _base_key(name: str) -> str:
    """The organisation key without a leading national qualifier ("U.S. General Services Administration" ->
    the key of "General Services Administration"; a short rest such as "Central Bank" names a kind of body,
    not one body, and keeps it), with initials joined ("U.S." = "US") and words singular ("... Services" and
    "... Service": texts write both)."""
    words = name.split()
    if len(words) >= 4 and (words[0] in lexicon.countries() or words[0] in lexicon.demonyms()):
        words = words[1:]
    key = re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", org_key(" ".join(words)))
    return re.sub(r"(?<=[a-z]{3})s\b", "", key)


def same_person_spelling(a: str, b: str) -> bool:
    """Two spellings of one person's name: same surname, same word count, near-identical first names; or the
    same first name and surname, one of them with middle initials the other leaves out ("Jane Q Roe")."""
    wa, wb = normalise(a).split(), normalise(b).split()
    if len(wa) >= 2 and len(wb) >= 2 and wa[0] == wb[0] and wa[-1] == wb[-1] and len(wa[0]) > 1 and len(wa) != len(wb):
        middle = wa[1:-1] or wb[1:-1]
        return not (wa[1:-1] and wb[1:-1]) and all(len(w) == 1 for w in middle)
    if len(wa) < 2 or len(wa) != len(wb) or wa == wb or wa[-1] != wb[-1] or wa[1:-1] != wb[1:-1]:
        return False
    first_a, first_b = wa[0], wb[0]
    if min(len(first_a), len(first_b)) < 4 or first_a[0] != first_b[0]:
        return False
    return SequenceMatcher(None, first_a, first_b).ratio() >= _FIRST_NAME_SIMILARITY


def _canonical_names(extractions: list[Extraction]) -> dict[str, str]:
    """variant name -> canonical name, for actors of different documents that resolution merges."""
    docs: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, ActorType] = {}
    affiliations: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for actor in extraction.actors:
            docs[actor.name].add(extraction.document.doc_id)
            kinds.setdefault(actor.name, actor.type)
            affiliations[actor.name] |= {org_key(link.target) for link in actor.affiliations}

    def preference(name: str) -> tuple:  # the spelling most documents use, then the longest, then stable
        return (-len(docs[name]), -len(name), name)

    groups: dict[str, list[str]] = defaultdict(list)
    people_by_surname: dict[str, list[str]] = defaultdict(list)
    for name, kind in kinds.items():
        if kind is ActorType.PERSON:
            people_by_surname[normalise(name).split()[-1] if normalise(name) else ""].append(name)
        elif kind is not ActorType.COUNTRY:
            groups[_base_key(name)].append(name)
    mapping: dict[str, str] = {}
    for names in groups.values():
        if len({normalise(n) for n in names}) > 1:
            canonical = min(names, key=preference)
            mapping.update({n: canonical for n in names if normalise(n) != normalise(canonical)})
    for names in people_by_surname.values():
        for name in sorted(names, key=preference):
            if name in mapping:
                continue
            for other in names:
                if (
                    other not in mapping
                    and other != name
                    and docs[other] != docs[name]
                    and affiliations[name] & affiliations[other]
                    and same_person_spelling(name, other)
                ):
                    mapping[other] = name
    return mapping


def _rename_actors(extraction: Extraction, mapping: dict[str, str]) -> Extraction:
    def to(name: str) -> str:
        return mapping.get(name, name)

    def links(items: tuple[Link, ...]) -> tuple[Link, ...]:
        return tuple(dict.fromkeys(Link(to(link.target), link.evidence) for link in items))

    merged: dict[str, ActorRecord] = {}
    for actor in extraction.actors:
        if actor.name in mapping:
            evidence = actor.evidence[0] if actor.evidence else Evidence(0, 1, ACROSS_DOCUMENTS_RULE)
            merge = Merge(actor.name, Evidence(evidence.start, evidence.end, ACROSS_DOCUMENTS_RULE), actor.name)
            actor = replace(
                actor,
                name=to(actor.name),
                aliases=tuple(sorted({*actor.aliases, actor.name})),
                merges=(*actor.merges, merge),
            )
        actor = replace(
            actor, affiliations=tuple(link for link in links(actor.affiliations) if link.target != actor.name)
        )
        if actor.name in merged:  # the document named both spellings: one record
            first = merged[actor.name]
            actor = replace(
                first,
                evidence=tuple(dict.fromkeys((*first.evidence, *actor.evidence))),
                aliases=tuple(sorted({*first.aliases, *actor.aliases} - {first.name})),
                merges=(*first.merges, *actor.merges),
                roles=tuple(dict.fromkeys((*first.roles, *actor.roles))),
                affiliations=tuple(dict.fromkeys((*first.affiliations, *actor.affiliations))),
            )
        merged[actor.name] = actor
    events = tuple(
        replace(
            event,
            participants=tuple(
                dict.fromkeys(Participation(to(p.actor), p.role, p.evidence) for p in event.participants)
            ),
        )
        for event in extraction.events
    )
    policies = tuple(
        replace(policy, adopters=links(policy.adopters), runners=links(policy.runners))
        for policy in extraction.policies
    )
    claims = tuple(
        replace(claim, claimant=to(claim.claimant), about=tuple(dict.fromkeys(to(a) for a in claim.about)))
        for claim in extraction.claims
    )
    document = replace(
        extraction.document,
        authors=tuple(to(a) for a in extraction.document.authors),
        publisher=to(extraction.document.publisher) if extraction.document.publisher else None,
    )
    return Extraction(document, tuple(sorted(merged.values(), key=lambda a: a.name)), events, policies, claims)


def _expanded_names(records: list[EventRecord | PolicyRecord]) -> dict[str, str]:
    """short name -> the one long name whose acronym makes it ("OSPOs for Good Day" -> "Open Source
    Program Offices (OSPOs) for Good Day"), for events or policies that another document names short."""
    long_forms: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for merge in record.merges:
            if merge.evidence.rule == "merge.acronym" and len(merge.surface.split()) >= 2:
                long_forms[normalise(merge.surface)].add(record.name)
    names = {record.name for record in records}
    mapping = {}
    for name in names:
        targets = long_forms.get(normalise(name), set()) - {name}
        if len(targets) == 1:
            mapping[name] = targets.pop()
    return mapping


def _rename_records(extraction: Extraction, events: dict[str, str], policies: dict[str, str]) -> Extraction:
    def renamed(record, mapping: dict[str, str]):
        if record.name not in mapping:
            return record
        evidence = record.evidence[0] if record.evidence else Evidence(0, 1, ACROSS_DOCUMENTS_RULE)
        merge = Merge(record.name, Evidence(evidence.start, evidence.end, ACROSS_DOCUMENTS_RULE), record.name)
        return replace(
            record,
            name=mapping[record.name],
            aliases=tuple(sorted({*record.aliases, record.name})),
            merges=(*record.merges, merge),
        )

    new_events = tuple(
        replace(renamed(e, events), part_of=events.get(e.part_of, e.part_of) if e.part_of else None)
        for e in extraction.events
    )
    new_claims = tuple(
        replace(
            c,
            event=events.get(c.event, c.event) if c.event else None,
            about=tuple(dict.fromkeys(policies.get(a, a) for a in c.about)),
        )
        for c in extraction.claims
    )
    new_policies = tuple(renamed(p, policies) for p in extraction.policies)
    return replace(extraction, events=new_events, policies=new_policies, claims=new_claims)


_TYPE_PREFERENCE = (
    ActorType.GOVERNMENT_BODY,
    ActorType.IGO,
    ActorType.ORGANIZATION,
    ActorType.COUNTRY,
    ActorType.PERSON,
)


def harmonise_types(extractions: list[Extraction]) -> list[Extraction]:
    """One node has one type: an actor typed differently by different documents ("Ask Jeeves said" reads
    as a person, "X, analyst at Ask Jeeves" as an organisation) takes the type most documents give, and
    on a tie the organisation-like one (a name someone works at is not a person)."""
    votes: dict[str, Counter[ActorType]] = defaultdict(Counter)
    for extraction in extractions:
        for actor in extraction.actors:
            votes[actor.name][actor.type] += 1
    chosen = {
        name: max(counts, key=lambda t: (counts[t], -_TYPE_PREFERENCE.index(t)))
        for name, counts in votes.items()
        if len(counts) > 1
    }
    if not chosen:
        return extractions
    return [
        replace(
            extraction,
            actors=tuple(
                replace(actor, type=chosen[actor.name]) if actor.name in chosen else actor
                for actor in extraction.actors
            ),
        )
        for extraction in extractions
    ]


def resolve_across_documents(extractions: list[Extraction]) -> tuple[list[Extraction], dict[str, str]]:
    """The extractions with actors, events and policies renamed to one canonical name across documents,
    and the renames (surface name -> canonical name)."""
    actors = _canonical_names(extractions)
    events = _expanded_names([e for x in extractions for e in x.events])
    policies = _expanded_names([p for x in extractions for p in x.policies])
    if not (actors or events or policies):
        return harmonise_types(extractions), {}
    resolved = [_rename_records(_rename_actors(e, actors), events, policies) for e in extractions]
    return harmonise_types(resolved), {**actors, **events, **policies}
