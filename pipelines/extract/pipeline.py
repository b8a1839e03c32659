"""Extraction of one parsed document: run the extractors, resolve names within the document, and build
the records the graph is made of. Plain functions, no Dagster."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial

from ontology.iri import normalise
from ontology.records import (
    ActorRecord,
    ActorType,
    ClaimRecord,
    Document,
    DocumentKind,
    EventRecord,
    EventType,
    Evidence,
    Extraction,
    Link,
    Merge,
    Participation,
    PolicyRecord,
    Role,
)
from pipelines.extract import actors, claims, events, lexicon, policies, voice
from pipelines.extract.actors import Mention
from pipelines.extract.resolve import org_key, same_person_spelling
from pipelines.extract.text import Covered, mentions, paragraphs, sentences

# Linear time: a name starts at a word's start, its words are bounded and possessive (a run of capitals
# with no space would otherwise be retried from every letter, each try scanning to the run's end).
# the lookaheads let re refuse a position in one test (see actors._UPPER_FIRST)
_ACRONYM_AFTER = re.compile(
    r"(?=[A-Z])(?<![\w’'])(?P<long>[A-Z][\w’'-]{0,40}+(?:(?:[ \t]++|\n)(?:[A-Z][\w’'-]{0,40}+|of|for|and|the|du|de|des|on|in|&)){1,9})[ \t]++\((?P<acr>[A-Z][A-Za-z-]{1,11})\)"
)
_LEADING_STOPWORDS = re.compile(r"^(?:(?:The|A|An|Its|Their|His|Her|Our|This|That|These|Those)\s+)+")
_ACRONYM_BEFORE = re.compile(r"(?=[A-Z])\b(?P<acr>[A-Z][A-Z-]{1,10})\s+\((?P<long>[A-Z][^()\n]{4,80}?)\)")
_KEYNOTE = re.compile(r"\bkeynote\s+(?:address\s+|speech\s+)?(?:by|from)\s+")
_SOURCE_FIELD = re.compile(r"^[^\w\n]*Source:\s*(?P<value>[^\n·]+)", re.M)
_RULE_RANK = {
    "actor.listing": 0,
    "actor.apposition": 1,
    "actor.byline": 1,
    "actor.publisher": 2,
    "actor.country": 2,
    "actor.igo": 2,
    "actor.cue": 3,
    "actor.possessive": 4,
    "actor.acronym": 5,
    "actor.agent": 5,
    "actor.titled": 5,
    "actor.reported": 5,
    "actor.listed": 5,
    "actor.claimant": 6,
}
_GENERATIONAL = frozenset(["junior", "jr", "senior", "sr", "ii", "iii", "iv"])
_MAX_TEXT = 400_000  # characters read per document: longer texts are cut, never crash the run


@dataclass
class _Entity:
    name: str
    type: ActorType
    rank: int
    aliases: set[str] = field(default_factory=set)
    merges: dict[str, Evidence] = field(default_factory=dict)  # alias -> where it occurs, merge rule
    roles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    affiliations: dict[str, Evidence] = field(default_factory=dict)


class _Actors:
    """Actors of one document keyed by normalised name, with aliases resolved to canonical names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_key: dict[str, _Entity] = {}
        self.alias: dict[str, str] = {}  # normalised surface form -> canonical key

    def key_of(self, surface: str) -> str | None:
        key = normalise(surface)
        return self.alias.get(key, key if key in self.by_key else None)

    def add(self, m: Mention) -> _Entity | None:
        key = self.key_of(m.name) or normalise(m.name)
        if not key:
            return None
        rank = _RULE_RANK.get(m.rule, 9)
        entity = self.by_key.get(key)
        if entity is None:
            entity = self.by_key[key] = _Entity(m.name, m.type, rank)
        elif rank < entity.rank:
            entity.type, entity.rank = m.type, rank
        entity.evidence.append(Evidence(m.start, m.end, m.rule))
        if m.role and m.role not in entity.roles:
            entity.roles.append(m.role)
        if m.affiliation and normalise(m.affiliation) != key:
            entity.affiliations.setdefault(m.affiliation, Evidence(m.start, m.end, m.rule))
            self.add(Mention(m.affiliation, m.affiliation_type or ActorType.ORGANIZATION, m.start, m.end, m.rule))
        return entity

    def add_alias(self, alias: str, canonical: str, rule: str) -> None:
        """Read `alias` as another name of `canonical` (merging its entity, if it had one), recording why."""
        key = self.key_of(canonical)
        alias_key = normalise(alias)
        if not key or not alias_key or alias_key == key:
            return
        self.alias.setdefault(alias_key, key)
        entity = self.by_key[key]
        entity.aliases.add(alias)
        if alias not in entity.merges:
            start, end = _locate(self.text, alias) or (entity.evidence[0].start, entity.evidence[0].end)
            entity.merges[alias] = Evidence(start, end, rule)
        if alias_key in self.by_key:
            merged = self.by_key.pop(alias_key)
            entity.evidence.extend(merged.evidence)
            entity.aliases |= merged.aliases
            entity.merges = {**merged.merges, **entity.merges}
            entity.roles.extend(r for r in merged.roles if r not in entity.roles)
            for name, ev in merged.affiliations.items():
                entity.affiliations.setdefault(name, ev)
            for form, target in self.alias.items():
                if target == alias_key:
                    self.alias[form] = key

    def canonical(self, surface: str) -> str | None:
        key = self.key_of(surface)
        return self.by_key[key].name if key else None


def _locate(text: str, form: str) -> tuple[int, int] | None:
    """The first occurrence of `form` as whole words. str.find, then a look at the neighbours: a regular
    expression with look-arounds tried at every position cost a whole scan of the text per alias."""
    if not form:
        return None
    position = text.find(form)
    while position >= 0:
        end = position + len(form)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            return position, end
        position = text.find(form, position + 1)
    return None


def _acronyms(text: str) -> list[tuple[str, str, int, int]]:
    """(acronym, long form, start, end) defined in the text either way round."""
    out = []
    for m in _ACRONYM_AFTER.finditer(text):
        long_form = " ".join(_LEADING_STOPWORDS.sub("", m.group("long")).split())
        acr = m.group("acr")
        if acr.isupper() or sum(c.isupper() for c in acr) >= 2:
            out.append((acr, long_form, m.start("long"), m.end()))
    for m in _ACRONYM_BEFORE.finditer(text):
        long_form = m.group("long").strip()
        if len(long_form.split()) >= 2 and long_form[0].isupper():
            out.append((m.group("acr"), long_form, m.start(), m.end()))
    return out


def _headline_case(title: str) -> bool:
    """A title with its lower-case-in-prose words capitalised ("Agencies Plan to Share More Code")."""
    words = [w for w in title.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    verbs_or_long = [w for w in words[1:] if len(w) > 3]  # small words ("of", "and") stay lower case in headlines
    return capitalised >= 0.8 * len(words) or (bool(verbs_or_long) and all(w[0].isupper() for w in verbs_or_long))


def _names_an_instrument(name: str) -> bool:
    """A long form whose head word makes it a policy or an event ("... Reform Act", "... Summit")."""
    words = name.split()
    return bool(words) and (words[-1] in lexicon.POLICY_HEADS or words[-1] in lexicon.EVENT_HEADS)


def _person_aliases(table: _Actors) -> None:
    """Surnames and first names of people, when no other person in the document shares them."""
    people = [e for e in table.by_key.values() if e.type is ActorType.PERSON]
    counts: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    for person in people:
        plain = re.sub(r"\s*\([^)]*\)", "", person.name)
        parts = plain.split()
        while len(parts) > 2 and parts[-1].rstrip(".").lower() in _GENERATIONAL:  # "Mariano Junior": not "Junior"
            parts = parts[:-1]
        candidates = {parts[-1], parts[0], plain}
        if len(parts) > 2:
            candidates.add(" ".join(parts[-2:]))
        forms[person.name] = sorted(candidates)
        counts.update(candidates)
    for person in people:
        for form in forms[person.name]:
            if counts[form] == 1 and form != person.name and normalise(form) not in table.by_key:
                table.add_alias(form, person.name, "merge.short_name")


def _merge_variants(table: _Actors) -> None:
    """Organisation names that differ only by a demonym ("Chinese"/"China"), an abbreviation
    ("Open Source Software"/"OSS") or a cut-off end ("Institut du Retour") are one organisation,
    named by its longest form."""
    orgs = sorted(
        (e for e in table.by_key.values() if e.type not in (ActorType.PERSON, ActorType.COUNTRY)),
        key=lambda e: -len(e.name),
    )
    for i, longer in enumerate(orgs):
        for shorter in orgs[i + 1 :]:
            if normalise(shorter.name) not in table.by_key:
                continue
            same = org_key(shorter.name) == org_key(longer.name)
            prefix = len(shorter.name.split()) >= 2 and longer.name.startswith((shorter.name + " ", shorter.name + ","))
            # "U.S. General Services Administration" is the "General Services Administration" of the same text
            qualifier = longer.name[: -len(shorter.name)].strip() if longer.name.endswith(" " + shorter.name) else ""
            national = len(shorter.name.split()) >= 2 and (
                qualifier in lexicon.countries() or qualifier in lexicon.demonyms()
            )
            if same or prefix or national:
                table.add_alias(shorter.name, longer.name, "merge.variant")


def _merge_spellings(table: _Actors) -> None:
    """People named twice with a near-identical spelling ("Abishek"/"Abhishek Singh") are one person, under
    the spelling read most often (then the one from the better rule); different affiliations keep them apart."""
    people = sorted(
        (e for e in table.by_key.values() if e.type is ActorType.PERSON),
        key=lambda e: (-len(e.evidence), e.rank, e.name),
    )
    for i, kept in enumerate(people):
        for other in people[i + 1 :]:
            if normalise(other.name) not in table.by_key or normalise(kept.name) not in table.by_key:
                continue
            theirs = {org_key(a) for a in other.affiliations}
            ours = {org_key(a) for a in kept.affiliations}
            if theirs and ours and not theirs & ours:
                continue
            if same_person_spelling(kept.name, other.name):
                table.add_alias(other.name, kept.name, "merge.spelling")


def _mention_index(text: str, table: _Actors) -> list[claims.Mention]:
    """Every occurrence of every known name or alias, longest match first, sorted by position."""
    forms: dict[str, str] = {}
    for key, entity in table.by_key.items():
        for form in {entity.name, *entity.aliases}:
            if len(form) >= 2:
                forms[form] = key
    if not forms:
        return []
    out = []
    for start, end, form in mentions(text, sorted(forms, key=len, reverse=True)):  # an honorific may lead
        entity = table.by_key[forms[form]]
        out.append((start, end, entity.name, entity.type))
    return out


def _between(index: list[claims.Mention], start: int, end: int) -> list[claims.Mention]:
    """Mentions inside text[start:end]; the index is sorted by start, so a bisection finds the first (a scan
    of the whole index per sentence made long documents quadratic)."""
    first = bisect_left(index, start, key=lambda m: m[0])
    out = []
    for m in index[first:]:
        if m[0] >= end:
            break
        if m[1] <= end:
            out.append(m)
    return out


def extract(doc: Document) -> Extraction:
    """Everything sovkg reads from one document."""
    text = doc.text[:_MAX_TEXT]
    year = events.year_hint(text, doc.published)
    table = _Actors(text)
    listings = actors.listings(text)

    mentions: list[Mention] = [*actors.listing_mentions(listings), *actors.appositions(text)]
    mentions += [
        Mention(a, ActorType.PERSON, 0, min(len(text), len(doc.title)), "actor.byline")
        for a in doc.authors
        if actors.looks_like_person(a)
    ]
    if doc.publisher:
        mentions.append(
            Mention(
                doc.publisher,
                actors.classify_name(doc.publisher) or ActorType.ORGANIZATION,
                0,
                min(len(text), len(doc.title)),
                "actor.publisher",
            )
        )
    source = _SOURCE_FIELD.search(text[:1500])
    original_publisher = None
    if source:
        original_publisher = source.group("value").split("|")[-1].strip()
        if original_publisher and len(original_publisher.split()) <= 5:
            mentions.append(
                Mention(
                    original_publisher,
                    ActorType.ORGANIZATION,
                    source.start("value"),
                    source.end("value"),
                    "actor.publisher",
                )
            )
    mentions += actors.cue_typed(text) + actors.possessive_orgs(text) + actors.reported_speakers(text)
    mentions += actors.listed_organisations(text)
    mentions += actors.apposed_people(text) + actors.attribution_lines(text) + actors.acronym_teams(text)
    acronyms = _acronyms(text)
    # "FITARA’s requirements": an acronym the text defines as a law or an event does not act
    not_actors = {acr for acr, long_form, _, _ in acronyms if _names_an_instrument(long_form)}
    mentions = [m for m in mentions if m.rule != "actor.agent" or m.name not in not_actors]
    if _headline_case(doc.title) and text.startswith(doc.title):
        # "Agencies Collaborate to Improve Open Government and Digital Services": in a headline every word is
        # capitalised, so a cue word there names someone only if the body names them too
        body = len(doc.title)
        mentions = [
            m for m in mentions
            if m.rule != "actor.cue" or m.start >= body or _locate(text[body:], text[m.start : m.end]) is not None
        ]
    for m in mentions:
        table.add(m)
        surface = text[m.start : m.end]
        if m.type is ActorType.COUNTRY and surface != m.name and surface in lexicon.countries():
            table.add_alias(surface, m.name, "merge.country_form")  # "US" -> "United States"

    # acronyms defined in the text become aliases; an unknown long form typed by its words is an actor
    for acr, long_form, start, end in acronyms:
        kind = actors.classify_name(long_form) or actors.classify_name(acr)
        if table.key_of(long_form) is None and kind is not None and kind is not ActorType.COUNTRY:
            table.add(Mention(long_form, kind, start, end, "actor.acronym"))
        if table.key_of(long_form) is not None:
            table.add_alias(acr, long_form, "merge.acronym")
    # "18F, USDS and GSA", "the Treasury, Example Lab and Acme": one known organisation types the list
    for items in actors.acronym_lists(text) + actors.name_lists(text):
        known = [table.key_of(m.name) for m in items]
        if any(k and table.by_key[k].type not in (ActorType.PERSON, ActorType.COUNTRY) for k in known):
            for m, key in zip(items, known, strict=True):
                if key is None:
                    table.add(m)
    _merge_variants(table)
    _merge_spellings(table)
    _person_aliases(table)
    for m in actors.titled_surnames(text):  # "President Obama" is the Barack Obama of the text, if it names one
        surname = m.name.split()[-1]
        key = table.key_of(surname)
        if key and table.by_key[key].type is ActorType.PERSON:
            table.add_alias(m.name, table.by_key[key].name, "merge.short_name")
        elif key is None and table.key_of(m.name) is None:
            table.add(m)
    index = _mention_index(text, table)

    event_records = _events(doc, text, year, listings, index, acronyms, table)
    policy_records = _policies(text, table, acronyms, index, doc)
    claim_records = _claims(doc, text, index, event_records, policy_records, original_publisher, table)

    actor_records = tuple(
        ActorRecord(
            name=e.name,
            type=e.type,
            evidence=tuple(dict.fromkeys(e.evidence)),
            aliases=tuple(sorted(e.aliases)),
            merges=tuple(Merge(alias, ev) for alias, ev in sorted(e.merges.items()) if alias in e.aliases),
            roles=tuple(e.roles),
            affiliations=tuple(
                Link(table.canonical(name) or name, ev)
                for name, ev in sorted(e.affiliations.items())
                if table.canonical(name) and table.canonical(name) != e.name
            ),
        )
        for e in sorted(table.by_key.values(), key=lambda e: e.name)
    )
    return Extraction(doc, actor_records, event_records, policy_records, claim_records)


def _events(
    doc: Document,
    text: str,
    year: int | None,
    listings: list[actors.ListingEntry],
    index: list[claims.Mention],
    acronyms: list[tuple[str, str, int, int]],
    table: _Actors,
) -> tuple[EventRecord, ...]:
    found: list[events.EventMention] = []
    if doc.kind is DocumentKind.SESSION_REPORT and doc.title:
        found += events.title_event(doc.title, text, year)
    elif doc.title and text.startswith(doc.title):
        page = events.header_event(doc.title, text, year)
        found += [page] if page else []
    # someone works "at" it or it speaks: "policy analyst at the Open Procurement Forum" is an organisation
    affiliations = {normalise(a) for e in table.by_key.values() for a in e.affiliations}
    speakers = {k for k, e in table.by_key.items() if any(ev.rule == "actor.reported" for ev in e.evidence)}
    found += [m for m in events.cue_events(text, year=year) if normalise(m.name) not in affiliations | speakers]
    if found and doc.kind is not DocumentKind.SESSION_REPORT:  # a recap of the event it names, section by section
        found += events.section_sessions(text, doc.sections)
    merged: dict[str, dict] = {}
    order: list[tuple[int, str]] = []
    for m in found:
        key = normalise(m.name)
        slot = merged.setdefault(
            key,
            {
                "name": m.name,
                "type": m.type,
                "evidence": [],
                "date": None,
                "location": None,
                "part_of": None,
                "aliases": set(),
                "merges": {},
            },
        )
        slot["evidence"].append(Evidence(m.start, m.end, m.rule))
        slot["date"] = slot["date"] or m.date
        slot["location"] = slot["location"] or m.location
        slot["part_of"] = slot["part_of"] or m.part_of
        for alias in events.name_aliases(m.name):
            slot["aliases"].add(alias)
            slot["merges"].setdefault(alias, Evidence(m.start, m.end, "merge.acronym"))
        order.append((m.start, key))
    for acr, long_form, start, end in acronyms:
        key = normalise(long_form)
        if key not in merged:  # "Annual OCSIT-sponsored North American Day (NAD)" defines the day's acronym
            key = next((k for k in merged if key.endswith(" " + k) and len(k.split()) >= 2), key)
        if key in merged:
            merged[key]["aliases"].add(acr)
            merged[key]["merges"].setdefault(acr, Evidence(start, end, "merge.acronym"))
    _add_editions(text, merged, order)
    order = _merge_cut_event_names(merged, order)
    order = _merge_event_aliases(merged, order)
    _dates_by_coreference(text, year, merged)
    _dates_of_today(doc, text, merged)
    # part-of: sessions go under the nearest side event before them, everything under the main conference,
    # the one that lasts longest ("Week" over "Day"), then the one named most often
    counts = Counter(key for _, key in order)
    conferences = [k for k, v in merged.items() if v["type"] is EventType.CONFERENCE]
    main = max(conferences, key=lambda k: (_event_span(merged[k]["name"]), counts[k])) if conferences else None
    page = next((k for k, v in merged.items() if any(ev.rule == "event.header" for ev in v["evidence"])), None)
    if main is None and page is not None:  # an event page's sessions and talks are part of its event
        main = page
    first_seen = {key: start for start, key in sorted(order, reverse=True)}
    _stated_parents(doc, text, merged)
    for key, slot in merged.items():
        if slot["part_of"] or key == main:
            continue
        if slot["type"] is EventType.SESSION:
            parents = [
                k for k, v in merged.items() if v["type"] is EventType.SIDE_EVENT and first_seen[k] <= first_seen[key]
            ]
            if parents:
                slot["part_of"] = merged[max(parents, key=lambda k: first_seen[k])]["name"]
                continue
        if main and (
            slot["type"] is not EventType.CONFERENCE or _event_span(slot["name"]) < _event_span(merged[main]["name"])
        ):
            slot["part_of"] = merged[main]["name"]
    for slot in merged.values():  # a session of a dated event without its own date is held within it
        parent = merged.get(normalise(slot["part_of"] or ""))
        if slot["type"] is EventType.SESSION and not slot["date"] and parent and parent["date"]:
            slot["date"] = parent["date"]
    participants: dict[str, list[Participation]] = defaultdict(list)
    if doc.kind is DocumentKind.SESSION_REPORT and doc.title:
        session = normalise(doc.title)
        for entry in listings:
            role = entry.role or Role.ATTENDEE
            participants[session].append(
                Participation(entry.person, role, Evidence(entry.start, entry.end, "event.listing"))
            )
    for m in _KEYNOTE.finditer(text):
        after = [x for x in index if x[0] >= m.end() and x[0] - m.end() < 3 and x[3] is ActorType.PERSON]
        before = [k for s, k in order if s < m.start()]
        if after and before:
            participants[before[-1]].append(
                Participation(after[0][2], Role.KEYNOTE, Evidence(m.start(), after[0][1], "event.keynote"))
            )
    return tuple(
        EventRecord(
            name=slot["name"],
            type=slot["type"],
            evidence=tuple(dict.fromkeys(slot["evidence"])),
            aliases=tuple(sorted(slot["aliases"])),
            merges=tuple(Merge(a, ev) for a, ev in sorted(slot["merges"].items())),
            start=slot["date"],
            location=slot["location"],
            part_of=slot["part_of"],
            participants=tuple(dict.fromkeys(participants.get(key, []))),
        )
        for key, slot in sorted(merged.items())
    )


def _new_event_slot(m: events.EventMention) -> dict:
    return {
        "name": m.name,
        "type": m.type,
        "evidence": [Evidence(m.start, m.end, m.rule)],
        "date": m.date,
        "location": m.location,
        "part_of": m.part_of,
        "aliases": set(),
        "merges": {},
    }


def _add_editions(text: str, merged: dict[str, dict], order: list[tuple[int, str]]) -> None:
    """ "the 2015 NAD talks": a year before a known event's name or acronym is that year's edition."""
    names = {form: slot["name"] for slot in merged.values() for form in (slot["name"], *slot["aliases"]) if len(form) > 2}
    for _, m in events.edition_of_known(text, names):
        key = normalise(m.name)
        if key in merged:
            slot = merged[key]
            slot["evidence"].append(Evidence(m.start, m.end, m.rule))
            slot["date"] = slot["date"] or m.date
            slot["location"] = slot["location"] or m.location
        else:
            merged[key] = _new_event_slot(m)
        order.append((m.start, key))


def _dates_by_coreference(text: str, year: int | None, merged: dict[str, dict]) -> None:
    """An undated event that is the document's only one with its head word takes the date of a sentence
    about "the summit" ("On March 13, 2024, 1,000 people gathered for the online summit")."""
    heads = Counter(events.head_word(slot["name"]).lower() for slot in merged.values())
    for slot in merged.values():
        head = events.head_word(slot["name"]).lower()
        if slot["date"] or heads[head] != 1 or head not in {"summit", "conference", "forum", "hackathon", "meetup",
                                                             "symposium", "workshop", "day", "week"}:
            continue
        found = events.coreferent_date(text, head, year)
        if found is None and len(merged) == 1:  # "The event runs from 3 to 5 June": the document's one event
            found = events.coreferent_date(text, "event", year)
        if found:
            slot["date"] = found[0]
            slot["evidence"].append(Evidence(found[1], found[2], "event.date_coreference"))


def _dates_of_today(doc: Document, text: str, merged: dict[str, dict]) -> None:
    """ "GENEVA, 14 May 2025 — The agency today opened X Week": an undated event that opens "today" starts on the
    dateline's date (else the publication date), and is held at the dateline's place when no other is given."""
    line = events.dateline(text)
    day, place = line if line else (doc.published, None)
    if not day:
        return
    for slot in merged.values():
        if slot["date"] is None and any(events.opens_today(text, ev.start) for ev in slot["evidence"] if ev.start > 0):
            slot["date"] = day
            slot["location"] = slot["location"] or place


def _event_span(name: str) -> int:
    """How long an event named so lasts, by its head word: a week or a forum holds the days within it."""
    words = [w for w in name.split() if not re.fullmatch(r"#?\d+", w)]  # "X Forum 2024" is a forum
    head = words[-1].lower() if words else ""
    return 2 if head in {"week", "weeks", "conference", "summit", "forum", "congress", "festival"} else 1


def _merge_cut_event_names(merged: dict[str, dict], order: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "Open Source Week" after "United Nations Open Source Week", "Industry Day" after "Agile Delivery
    Services Industry Day": a name of 2+ words that ends exactly one longer event name of the document is that
    event, cut short."""
    for key in sorted(merged, key=len):
        words = key.split()
        if len(words) < 2:
            continue
        longer = [k for k in merged if k != key and k.endswith(" " + key)]
        if len(longer) != 1:
            continue
        order = _fold_event(merged, key, longer[0], order, keep_merges=True)
    return order


def _fold_event(
    merged: dict[str, dict], key: str, into: str, order: list[tuple[int, str]], *, keep_merges: bool = False,
    repoint: bool = False
) -> list[tuple[int, str]]:
    """Fold the event `key` into `into`: its evidence, names (as aliases and a variant merge) and the date,
    place and parent `into` lacks; `keep_merges` carries its own merges over too, `repoint` moves events that
    were part of it to `into` (and leaves `into`'s own name out of its aliases). The new mention order."""
    slot, target = merged.pop(key), merged[into]
    target["evidence"] += slot["evidence"]
    names = {slot["name"], *slot["aliases"]}
    target["aliases"] |= names - {target["name"]} if repoint else names
    target["merges"].setdefault(slot["name"], Evidence(*_first_span(slot), "merge.variant"))
    if keep_merges:
        target["merges"].update({a: ev for a, ev in slot["merges"].items() if a not in target["merges"]})
    for field_name in ("date", "location", "part_of"):
        target[field_name] = target[field_name] or slot[field_name]
    if repoint:
        for other in merged.values():
            if other["part_of"] == slot["name"]:
                other["part_of"] = target["name"]
    return [(start, into if k == key else k) for start, k in order]


def _stated_parents(doc: Document, text: str, merged: dict[str, dict]) -> None:
    """What the text says an event is part of ("X took place at Y", "Y includes X") comes before any guess."""
    forms = {form: key for key, v in merged.items() for form in (v["name"], *v["aliases"]) if len(form) > 3}
    heads = Counter(events.head_word(v["name"]) for v in merged.values())
    for key, v in merged.items():  # "the camp" for the document's one camp
        head = events.head_word(v["name"])
        if heads[head] == 1 and head.isalpha() and head.lower() != head:
            forms.setdefault(f"the {head.lower()}", key)
            forms.setdefault(f"The {head.lower()}", key)
    own = normalise(doc.title) if doc.kind is DocumentKind.SESSION_REPORT and doc.title else None
    for slot in merged.values():  # "Example Fest 2005" is that year's Example Fest
        series = merged.get(normalise(re.sub(r"\s+(?:19|20)\d\d$", "", slot["name"])))
        if series and series is not slot and slot["part_of"] is None:
            slot["part_of"] = series["name"]
    for child, parent in events.stated_parents(text, forms, own if own in merged else None):
        if merged[child]["part_of"] is None and merged[parent]["part_of"] != merged[child]["name"]:
            merged[child]["part_of"] = merged[parent]["name"]


def _merge_event_aliases(merged: dict[str, dict], order: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "Open Forum #57" on the page of "IGF 2023 Open Forum #57 Public Code", "Internet Governance Forum 2023"
    beside "IGF 2023": an event named by another event's alias, or spelt out where the other is its
    acronym, is that event."""
    for key in sorted(merged, key=len, reverse=True):
        if key not in merged:
            continue
        name = merged[key]["name"]
        into = next(
            (
                k
                for k, v in merged.items()
                if k != key and (key in {normalise(a) for a in v["aliases"]} or events.abbreviates(v["name"], name))
            ),
            None,
        )
        if into is None:
            continue
        order = _fold_event(merged, key, into, order, repoint=True)
    return order


def _first_span(slot: dict) -> tuple[int, int]:
    first = min(slot["evidence"], key=lambda ev: ev.start)
    return first.start, first.end


def _sentence_owner(index: list[claims.Mention], start: int, end: int, kinds: set[ActorType]) -> str | None:
    """The one actor of `kinds` named in text[start:end] (None when there is none, or several)."""
    names = {m[2] for m in _between(index, start, end) if m[3] in kinds}
    return names.pop() if len(names) == 1 else None


def _policies(
    text: str,
    table: _Actors,
    acronyms: list[tuple[str, str, int, int]],
    index: list[claims.Mention],
    doc: Document | None = None,
) -> tuple[PolicyRecord, ...]:
    merged: dict[str, dict] = {}
    sentence_spans = sentences(text)
    owners = {ActorType.COUNTRY, ActorType.GOVERNMENT_BODY}
    for m in policies.cue_policies(text):
        sentence = next((s for s in sentence_spans if s.start <= m.start < s.end), None)
        name, aliases, adopter, runners = m.name, set(policies.aliases_of(m.name)), m.adopter, []
        if m.adopter and "’s " in m.name:  # "Norway’s free software purchasing policy" is also "free software purchasing policy"
            aliases.add(m.name.split("’s ", 1)[1])
        if m.owner_in_sentence:
            # "the government's 5 year plan" in a sentence about China; "legal frameworks" after "Tanzania"
            owner = _sentence_owner(index, sentence.start, m.start, owners) if sentence else None
            if owner is None and m.rule == "policy.generic":
                continue  # "a legal framework" of no one named is not a policy of the graph
            if owner is not None:
                name, adopter = f"{owner}’s {m.name}", owner
                aliases |= {m.name}
        if m.rule == "policy.initiative" and sentence:
            runners = sorted(
                {x[2] for x in _between(index, sentence.start, m.start) if x[3] not in (ActorType.PERSON,)}
            )
        key = normalise(name)
        slot = merged.setdefault(
            key,
            {
                "name": name,
                "type": m.type,
                "evidence": [],
                "adopters": {},
                "runners": {},
                "aliases": set(),
                "merges": {},
            },
        )
        slot["aliases"] |= aliases
        slot["evidence"].append(Evidence(m.start, m.end, m.rule))
        if m.rule == "policy.acronym":  # the gazetteer knows the instrument's kind better than its head word
            slot["aliases"].add(text[m.start : m.end])
            slot["type"] = m.type
        elif text[m.start : m.end] != name and m.rule == "policy.cue":
            slot["aliases"].add(text[m.start : m.end])
        if m.alias:
            slot["aliases"].add(m.alias)
        if m.rule == "policy.memo" and ": " in name:  # "M-23-22: Title" is also "M-23-22"
            slot["aliases"].add(name.split(": ")[0])
        if adopter is None and sentence:
            adopter = policies.adopters_before(text, sentence.start, m.start)
        first = name.split()[0] if len(name.split()) >= 3 else ""
        owner_key = table.key_of(first) if first.isupper() else None
        if owner_key and table.by_key[owner_key].type not in (ActorType.PERSON, ActorType.COUNTRY):
            runners = [*runners, first]  # "GSA IT Schedule 70", "EXA Open Source Agreement": the owner's acronym
        surfaces = [(adopter, "adopters", "policy.adopter"), (m.runner, "runners", "policy.runner")]
        surfaces += [(r, "runners", "policy.runner") for r in runners]
        for surface, bucket, rule in surfaces:
            if not surface:
                continue
            canonical = table.canonical(surface)
            if canonical is None and (actors.classify_name(surface) or actors.is_org_acronym(surface)):
                table.add(
                    Mention(
                        surface,
                        actors.classify_name(surface) or ActorType.ORGANIZATION,
                        m.start,
                        m.end,
                        "actor.cue",
                    )
                )
                canonical = table.canonical(surface)
            if canonical:
                span = (sentence.start, m.end) if sentence and bucket == "runners" and runners else (m.start, m.end)
                slot[bucket].setdefault(canonical, Evidence(*span, rule))
    for acr, long_form, start, end in acronyms:
        slot = merged.get(normalise(long_form)) or next((v for v in merged.values() if long_form in v["aliases"]), None)
        if slot is not None:
            slot["aliases"].add(acr)
            slot["merges"].setdefault(acr, Evidence(start, end, "merge.acronym"))
    _owners_by_reference(text, merged, table)
    forms = {form: key for key, slot in merged.items() for form in (slot["name"], *slot["aliases"])}
    owner = partial(_known_owner, table, with_people=True)
    we = _document_voice(doc, text, table) if doc is not None else None
    for cue in policies.owner_cues(text, forms, owner, sentence_spans, bodies=partial(_known_owner, table), we=we):
        slot = merged[forms[cue.form]]
        if cue.actor not in slot["adopters"] and cue.actor not in slot["runners"]:
            slot[cue.bucket][cue.actor] = Evidence(cue.start, cue.end, cue.rule)
    if doc is not None:
        _own_programmes(doc, text, merged, table)
        _issued_policy(doc, text, merged, table)
    return tuple(
        PolicyRecord(
            name=slot["name"],
            type=slot["type"],
            evidence=tuple(dict.fromkeys(slot["evidence"])),
            aliases=tuple(sorted(slot["aliases"] - {slot["name"]})),
            merges=tuple(Merge(a, ev) for a, ev in sorted(slot["merges"].items())),
            adopters=tuple(Link(a, ev) for a, ev in sorted(slot["adopters"].items())),
            runners=tuple(Link(a, ev) for a, ev in sorted(slot["runners"].items())),
        )
        for _, slot in sorted(merged.items())
    )


_OWNER_KINDS = frozenset({ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO, ActorType.COUNTRY})
# "OMB’s policy guidance in the memos", "recent EXA memos": whose the document's memoranda are
_MEMO_OWNER = re.compile(
    r"(?P<owner>[A-Z][\w.&-]{1,40}+(?:[ \t][A-Z][\w.&-]{1,40}+){0,4})(?:['’]s)?[ \t]+(?:[a-z-]{1,20}[ \t]+){0,5}?"
    r"(?:memos|memo|memoranda|memorandum)\b"
)


def _owners_by_reference(text: str, merged: dict[str, dict], table: _Actors) -> None:
    """Owners the text gives by reference: "GSA’s 21st Century IDEA lead" (a possessive before any name of a
    known policy) runs it; "OMB’s guidance in the memos" runs the document's memoranda no one else runs."""
    forms = {form: key for key, slot in merged.items() for form in (slot["name"], *slot["aliases"]) if len(form) > 2}
    if forms:
        pattern = re.compile(
            r"(?P<owner>[A-Z][\w.&-]{0,40}+(?:[ \t][A-Z][\w.&-]{0,40}+){0,4})['’]s[ \t]+(?P<form>"
            + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
            + r")(?![\w-])"
        )
        for m in pattern.finditer(text):
            owner = _known_owner(table, m.group("owner"))
            slot = merged[forms[m.group("form")]]
            if owner and not slot["adopters"] and owner not in slot["runners"]:
                slot["runners"][owner] = Evidence(m.start(), m.end(), "policy.runner")
    memos = [slot for slot in merged.values() if any(ev.rule == "policy.memo" for ev in slot["evidence"])]
    if not memos or all(slot["runners"] or slot["adopters"] for slot in memos):
        return
    owners = {}
    for m in _MEMO_OWNER.finditer(text):
        owner = _known_owner(table, m.group("owner"))
        if owner:
            owners.setdefault(owner, Evidence(m.start(), m.end(), "policy.runner"))
    if len(owners) == 1:  # one owner of "the memos" in the whole text: no doubt whose they are
        for slot in memos:
            if not slot["runners"] and not slot["adopters"]:
                slot["runners"].update(owners)


def _document_voice(doc: Document, text: str, table: _Actors) -> str | None:
    """The organisation a text speaks for as "we": its publisher, else the one its writers work at ("At Example
    Lab, we ...")."""
    if doc.publisher and (publisher := _known_owner(table, doc.publisher)):
        return publisher
    voice = next(iter(actors.we_at(text)), None)
    return _known_owner(table, (voice.group("a") or voice.group("b")).rstrip(".")) if voice else None


def _own_programmes(doc: Document, text: str, merged: dict[str, dict], table: _Actors) -> None:
    """The document's own organisation runs what it calls "our X" (its voice from "At Example Lab, we ..."),
    and, when it publishes a page whose title names a policy of no other owner, that policy."""
    voice = next(iter(actors.we_at(text)), None)
    writer = _known_owner(table, (voice.group("a") or voice.group("b")).rstrip(".")) if voice else None
    publisher = _known_owner(table, doc.publisher) if doc.publisher else None
    for slot in merged.values():
        if slot["adopters"] or slot["runners"]:
            continue
        forms = (slot["name"], *slot["aliases"])
        if writer:
            ours = next((m for form in forms for m in re.finditer(r"\b[Oo]ur\s+(?:[a-z-]+\s+){0,2}" + re.escape(form),
                                                                   text)), None)
            if ours:
                slot["runners"][writer] = Evidence(ours.start(), ours.end(), "policy.runner")
                continue
        if publisher and doc.title and any(form in doc.title for form in forms):
            slot["runners"][publisher] = Evidence(0, min(len(text), len(doc.title)), "policy.runner")


def _issued_policy(doc: Document, text: str, merged: dict[str, dict], table: _Actors) -> None:
    """A document that is itself a policy (it calls itself "this policy"; its title names one policy of no
    owner) is run by its issuer: the publisher, else the body it names as issuing guidance ("OMB will provide")."""
    if not doc.title:
        return
    named = [
        slot
        for slot in merged.values()
        if not slot["adopters"] and not slot["runners"] and any(form in doc.title for form in (slot["name"], *slot["aliases"]))
    ]
    if len(named) != 1:
        return
    issuer, _ = voice.document_issuer(doc, text, table.canonical)
    canonical = table.canonical(issuer) if issuer else None
    if canonical:
        named[0]["runners"][canonical] = Evidence(0, min(len(text), len(doc.title)), "policy.runner")


def _known_owner(table: _Actors, surface: str, *, with_people: bool = False) -> str | None:
    """The canonical name of an organisation, government body or country named by `surface` (or by its last
    words: "Recent OMB" is OMB); with people, a person too ("Chief Officer Jane Roe" is Jane Roe)."""
    words = surface.split()
    kinds = _OWNER_KINDS | {ActorType.PERSON} if with_people else _OWNER_KINDS
    for k in range(len(words)):
        key = table.key_of(" ".join(words[k:]))
        if key and table.by_key[key].type in kinds:
            return table.by_key[key].name
    return None


def _claims(
    doc: Document,
    text: str,
    index: list[claims.Mention],
    event_records: tuple[EventRecord, ...],
    policy_records: tuple[PolicyRecord, ...],
    original_publisher: str | None,
    table: _Actors,
) -> tuple[ClaimRecord, ...]:
    def mentions_in(start: int, end: int) -> list[claims.Mention]:
        return _between(index, start, end)

    def last_of(kinds: set[ActorType]):
        # the index's matches do not overlap, so their ends are sorted too: bisect instead of a scan per call
        of_kind = [m for m in index if m[3] in kinds]

        def find(position: int) -> str | None:
            before = bisect_right(of_kind, position, key=lambda m: m[1])
            return of_kind[before - 1][2] if before else None

        return find

    last_person = claims.pronoun_resolver(claims.antecedents(text, index, actors.looks_like_person))
    last_actor = last_of(set(ActorType) - {ActorType.COUNTRY, ActorType.PERSON})
    session = normalise(doc.title) if doc.kind is DocumentKind.SESSION_REPORT else None
    events_by_key = {normalise(e.name): e for e in event_records}
    event_positions = sorted((ev.start, e.name) for e in event_records for ev in e.evidence)
    conferences = [e.name for e in event_records if e.type is EventType.CONFERENCE]

    def event_for(position: int) -> str | None:
        if session and session in events_by_key:
            return events_by_key[session].name
        before = [name for start, name in event_positions if start < position]
        if before:
            return before[-1]
        return conferences[0] if len(conferences) == 1 else None

    summary_sections = {"summary"}
    publisher_sections = {"key takeaway", "key takeaways", "key insights", "method", "takeaway"}
    # direct speech first; sentences inside an attributed quotation are not read again
    found, quoted = claims.quote_claims(text, mentions_in, last_person)
    in_quotation = Covered(quoted)
    we = claims.first_person_owner(text, mentions_in)  # "At Example Lab, we ...": whose voice "we" is
    for para in paragraphs(text):
        speaker: str | None = None
        for sentence in sentences(text, para.start, para.end):
            if in_quotation.overlaps(sentence.start, sentence.end):
                continue
            claim = claims.sentence_claims(text, sentence, mentions_in, last_person, last_actor)
            if claim:
                found.append(claim)
                speaker = (
                    claim.claimant
                    if table.by_key.get(table.key_of(claim.claimant) or "")
                    and table.by_key[table.key_of(claim.claimant)].type is ActorType.PERSON
                    else None
                )
                continue
            if speaker and session and not mentions_in(sentence.start, sentence.start + 30):
                continued = claims.make_claim(text, sentence.start, sentence.end, speaker, "claim.continued")
                if continued:
                    found.append(continued)
                continue
            heading = next((s.heading.lower() for s in doc.sections if s.start <= sentence.start < s.end), "")
            claimant = None
            rule = ""
            if doc.kind is DocumentKind.ARTICLE_SUMMARY and heading in summary_sections:
                claimant, rule = original_publisher or doc.publisher, "claim.summary"
            elif doc.kind is DocumentKind.ARTICLE_SUMMARY and heading in publisher_sections:
                claimant, rule = doc.publisher, "claim.summary"
            elif (
                doc.kind is DocumentKind.NEWS_ARTICLE
                and doc.authors
                and claims.has_reporting_verb(sentence.text)
                and not claims.unnamed_speakers(sentence.text)
            ):
                claimant, rule = doc.authors[0], "claim.author"
            elif we and claims.in_first_person_voice(sentence.text):
                claimant, rule = we, "claim.voice"
            if claimant and table.canonical(claimant):
                extra = claims.make_claim(
                    text, sentence.start, sentence.end, table.canonical(claimant) or claimant, rule
                )
                if extra:
                    found.append(extra)
    # --- the voice of organisations, the issuer, the publisher and the author (voice.py) ---
    voiced, issuers = voice.claims(doc, text, mentions_in, [(c.start, c.end) for c in found] + quoted, we, table.canonical)
    for issuer in issuers:
        table.add(issuer)
    found += voiced
    # ---
    policy_forms = {p.name: p.name for p in policy_records} | {a: p.name for p in policy_records for a in p.aliases}
    out = []
    for c in found:
        about = [m[2] for m in _between(index, c.start, c.end) if m[2] != c.claimant]
        about += [name for form, name in policy_forms.items() if form in c.text]
        out.append(
            ClaimRecord(
                text=c.text,
                claimant=c.claimant,
                evidence=Evidence(c.start, c.end, c.rule),
                kind=c.kind,
                about=tuple(dict.fromkeys(about)),
                event=event_for(c.start),
            )
        )
    return tuple(dict.fromkeys(out))
