"""Applying the curation file to the extracted records, on every build, after entity resolution.

Decisions name items by IRI or label; they are looked up in what extraction and resolution produced
this time, so a decision holds when documents are re-read or rules change, and one whose target is
gone is reported as stale (never dropped silently). keep-apart acts inside resolution (the merge it
forbids is not made); relabel acts on the mapped triples, so the item keeps its IRI; the other
operations edit the records before they are mapped. Each applied decision becomes a `sovkg:Curation`
node in the `curation` named graph.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, XSD

from ontology import iri
from ontology.mapping import Triple, nquads, term_nt
from ontology.namespace import SOVKG
from ontology.records import (
    ActorRecord,
    ActorType,
    ClaimRecord,
    EventRecord,
    EventType,
    Evidence,
    Extraction,
    Merge,
    PolicyRecord,
    PolicyType,
)
from pipelines.curate.model import CurationFile, Decision
from pipelines.extract import resolve

CURATION_KEY = "curation"  # the named graph's key beside the documents' ids
REPORT_FILE = "curation-report.json"  # in <out>/.state: what the last build applied, what was stale
MERGE_RULE = "curation.merge"
ADD_RULE = "curation.add"
_MINT: dict[str, Callable[[str], URIRef]] = {
    "actor": iri.actor_iri,
    "event": iri.event_iri,
    "policy": iri.policy_iri,
}


@dataclass(frozen=True)
class Item:
    cls: str  # actor | event | policy | claim
    iri: URIRef
    name: str  # the record's name (a claim's text)
    doc_id: str = ""  # claims only
    claimant: str = ""  # claims only
    type: str = ""  # actors, events, policies: the class local name


@dataclass(frozen=True)
class Stale:
    number: int
    op: str
    why: str


@dataclass
class CurationReport:
    """What the last application did: applied decisions (with the items they changed) and stale ones."""

    applied: list[tuple[Decision, list[URIRef], list[URIRef]]] = field(default_factory=list)  # (d, items, rejected)
    stale: list[Stale] = field(default_factory=list)

    def as_json(self, path: object) -> dict[str, object]:
        return {
            "file": str(path or ""),
            "applied": sorted({d.number for d, _, _ in self.applied}),
            "stale": {str(s.number): s.why for s in self.stale},
        }

    def rows(self) -> list[list[object]]:
        return [[s.number, s.op, s.why] for s in self.stale]


class _NotApplicable(Exception):
    """The decision's target is gone or does not fit: it is reported as stale."""


def _claim_label(text: str) -> str:
    return text if len(text) <= 120 else text[:117].rstrip() + "..."


class Index:
    """Every actor, event, policy and claim of the extractions, by IRI and by normalised label."""

    def __init__(self, extractions: list[Extraction]) -> None:
        self.by_iri: dict[str, Item] = {}
        for extraction in extractions:
            doc_id = extraction.document.doc_id
            for actor in extraction.actors:
                self._add(Item("actor", iri.actor_iri(actor.name), actor.name, type=actor.type.value))
            for event in extraction.events:
                self._add(Item("event", iri.event_iri(event.name), event.name, type=event.type.value))
            for policy in extraction.policies:
                self._add(Item("policy", iri.policy_iri(policy.name), policy.name, type=policy.type.value))
            actors = {a.name for a in extraction.actors}
            for claim in extraction.claims:
                if claim.claimant in actors:
                    node = iri.claim_iri(doc_id, claim.claimant, claim.text)
                    self._add(Item("claim", node, claim.text, doc_id, claim.claimant))
        self.by_label: dict[str, list[Item]] = defaultdict(list)
        for item in self.by_iri.values():
            keys = {iri.normalise(item.name)}
            if item.cls == "claim":
                keys.add(iri.normalise(_claim_label(item.name)))
            for key in keys:
                self.by_label[key].append(item)

    def _add(self, item: Item) -> None:
        self.by_iri.setdefault(str(item.iri), item)

    def find(self, name: str, cls: str | None = None) -> Item:
        if name.startswith(("http://", "https://")):
            item = self.by_iri.get(name)
            if item is None:
                raise _NotApplicable(f"{name} is not in the graph")
            if cls and item.cls != cls:
                raise _NotApplicable(f"{name} is an {item.cls}, not an {cls}")
            return item
        found = [i for i in self.by_label.get(iri.normalise(name), []) if cls is None or i.cls == cls]
        if not found:
            raise _NotApplicable(f"no {cls or 'item'} labelled {name!r}")
        if len(found) > 1:
            classes = sorted({i.cls for i in found})
            hint = "; give its IRI" if len(classes) == 1 else f" ({', '.join(classes)}); add `class`"
            raise _NotApplicable(f"label {name!r} names {len(found)} items{hint}")
        return found[0]


class Curator:
    """Applies one curation file; `report` says what the last build applied and what is stale."""

    def __init__(self, curation: CurationFile) -> None:
        self.curation = curation
        self.report = CurationReport()
        self.relabels: dict[URIRef, str] = {}
        self._kept_apart: set[int] = set()

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return self.curation.decisions

    def _stale(self, decision: Decision, why: str) -> None:
        self.report.stale.append(Stale(decision.number, decision.op, why))  # the caller logs and reports it

    def _applied(self, decision: Decision, items: list[URIRef], rejected: list[URIRef] | None = None) -> None:
        self.report.applied.append((decision, items, rejected or []))

    # --- resolution with keep-apart ----------------------------------------------------------
    def resolve(self, extractions: list[Extraction]) -> tuple[list[Extraction], dict[str, str]]:
        """Entity resolution across documents without the merges keep-apart decisions forbid."""
        if not any(d.op == "keep-apart" for d in self.decisions):
            return resolve.resolve_across_documents(extractions)  # indexing every item costs a second per 2,000 documents
        index = Index(extractions)
        pairs: list[tuple[Decision, Item, Item]] = []
        for decision in (d for d in self.decisions if d.op == "keep-apart"):
            try:
                a, b = (index.find(n, decision.cls) for n in decision.items)
            except _NotApplicable as gone:
                self._stale(decision, str(gone))
                self._kept_apart.add(decision.number)
                continue
            pairs.append((decision, a, b))
        actors = resolve._canonical_names(extractions)
        events = resolve._expanded_names([e for x in extractions for e in x.events])
        policies = resolve._expanded_names([p for x in extractions for p in x.policies])
        mappings = {"actor": actors, "event": events, "policy": policies}
        for decision, a, b in pairs:
            self._kept_apart.add(decision.number)
            if a.cls != b.cls or a.cls == "claim":
                self._stale(decision, "keep-apart takes two actors, two events or two policies")
                continue
            mapping = mappings[a.cls]
            if mapping.get(a.name, a.name) == mapping.get(b.name, b.name):
                mapping.pop(a.name, None)
                mapping.pop(b.name, None)
            self._applied(decision, [a.iri, b.iri])
        if not (actors or events or policies):
            return resolve.harmonise_types(extractions), {}
        resolved = [
            resolve._rename_records(resolve._rename_actors(e, actors), events, policies) for e in extractions
        ]
        return resolve.harmonise_types(resolved), {**actors, **events, **policies}

    # --- record-level operations --------------------------------------------------------------
    def apply(self, extractions: list[Extraction]) -> tuple[list[Extraction], dict[str, str]]:
        """The curated extractions, and for each document the decisions changed a signature that
        goes into its graph's cache key."""
        if not self.decisions:
            return extractions, {}
        index = Index(extractions)
        docs = {e.document.doc_id: e for e in extractions}
        order = ("add", "keep-apart", "merge", "retype", "reattribute", "reject", "relabel")
        for decision in sorted(self.decisions, key=lambda d: (order.index(d.op), d.number)):
            if decision.op == "keep-apart" and decision.number in self._kept_apart:
                continue
            try:
                getattr(self, "_" + decision.op.replace("-", "_"))(decision, index, docs)
            except _NotApplicable as gone:
                self._stale(decision, str(gone))
        touched: dict[str, str] = {}
        curated = []
        for extraction in extractions:
            after = docs[extraction.document.doc_id]
            if after is not extraction:
                touched[after.document.doc_id] = hashlib.sha256(repr(after).encode()).hexdigest()[:16]
            curated.append(after)
        return curated, touched

    def _keep_apart(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        items = [index.find(n, decision.cls) for n in decision.items]  # resolution was off: they stay apart
        self._applied(decision, [i.iri for i in items])

    def _merge(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        item, into = index.find(decision.item or "", decision.cls), index.find(decision.into or "", decision.cls)
        if item.cls != into.cls or item.cls == "claim":
            raise _NotApplicable("merge takes two actors, two events or two policies")
        if item.iri == into.iri:
            raise _NotApplicable(f"{decision.item!r} and {decision.into!r} are already one item")
        mapping = {item.name: into.name}
        for doc_id, extraction in list(docs.items()):
            if item.cls == "actor" and any(a.name == item.name for a in extraction.actors):
                renamed = resolve._rename_actors(extraction, mapping)
            elif item.cls != "actor" and any(
                r.name == item.name for r in (*extraction.events, *extraction.policies)
            ):
                events, policies = (mapping, {}) if item.cls == "event" else ({}, mapping)
                renamed = resolve._rename_records(extraction, events, policies)
            else:
                continue
            docs[doc_id] = _relabel_merge_rule(renamed, item.name)
        if item.cls == "actor":
            harmonised = resolve.harmonise_types(list(docs.values()))
            docs.update({e.document.doc_id: e for e in harmonised if e != docs[e.document.doc_id]})
        self._applied(decision, [item.iri, into.iri])

    def _retype(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        item = index.find(decision.item or "", decision.cls)
        kinds = {"actor": ActorType, "event": EventType, "policy": PolicyType}
        if item.cls not in kinds or decision.type not in {t.value for t in kinds[item.cls]}:
            raise _NotApplicable(f"{decision.type} is not a type of {item.cls}s")
        new_type = kinds[item.cls](decision.type)
        field_name = {"actor": "actors", "event": "events", "policy": "policies"}[item.cls]
        for doc_id, extraction in list(docs.items()):
            records = getattr(extraction, field_name)
            if any(r.name == item.name for r in records):
                retyped = tuple(replace(r, type=new_type) if r.name == item.name else r for r in records)
                docs[doc_id] = replace(extraction, **{field_name: retyped})
        self._applied(decision, [item.iri])

    def _reattribute(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        claim = index.find(decision.item or "", "claim")
        actor = index.find(decision.claimant or "", "actor")
        extraction = docs[claim.doc_id]
        claims = tuple(
            replace(c, claimant=actor.name) if (c.claimant, c.text) == (claim.claimant, claim.name) else c
            for c in extraction.claims
        )
        docs[claim.doc_id] = _with_actor(replace(extraction, claims=claims), actor)
        self._applied(decision, [claim.iri, actor.iri, iri.claim_iri(claim.doc_id, actor.name, claim.name)])

    def _reject(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        item = index.find(decision.item or "", decision.cls)
        for doc_id, extraction in list(docs.items()):
            rejected = _without(extraction, item)
            if rejected != extraction:
                docs[doc_id] = rejected
        self._applied(decision, [item.iri], [item.iri])

    def _relabel(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        item = index.find(decision.item or "", decision.cls)
        self.relabels[item.iri] = decision.label or ""
        self._applied(decision, [item.iri])

    def _add(self, decision: Decision, index: Index, docs: dict[str, Extraction]) -> None:
        extraction = _find_document(docs, decision.document or "")
        text = extraction.document.text
        start = text.find(decision.passage or "")
        if start < 0:
            raise _NotApplicable(f"the passage is no longer in document {decision.document!r}")
        evidence = Evidence(start, start + len(decision.passage or ""), ADD_RULE)
        label, cls = decision.label or "", decision.cls or ""
        doc_id = extraction.document.doc_id
        if cls == "claim":
            actor = index.find(decision.claimant or "", "actor")
            claim = ClaimRecord(label, actor.name, evidence)
            docs[doc_id] = _with_actor(replace(extraction, claims=(*extraction.claims, claim)), actor)
            self._applied(decision, [iri.claim_iri(doc_id, actor.name, label)])
            return
        if cls == "actor":
            record: object = ActorRecord(label, ActorType(decision.type), (evidence,))
        elif cls == "event":
            record = EventRecord(label, EventType(decision.type), (evidence,))
        else:
            record = PolicyRecord(label, PolicyType(decision.type), (evidence,))
        field_name = {"actor": "actors", "event": "events", "policy": "policies"}[cls]
        records = getattr(extraction, field_name)
        if not any(r.name == label for r in records):
            docs[doc_id] = replace(extraction, **{field_name: (*records, record)})
        self._applied(decision, [_MINT[cls](label)])

    # --- triple-level: relabels, and the curation graph ----------------------------------------
    def relabel(self, block: str) -> str:
        """A document's N-Quads with the relabelled items' labels replaced (the old one kept as an
        alternate name), so the item keeps its IRI."""
        if not self.relabels:
            return block
        changed = False
        lines = block.splitlines(keepends=True)
        for node, label in self.relabels.items():
            prefix = f"<{node}> <{RDFS.label}> "
            if prefix not in block:
                continue
            for i, line in enumerate(list(lines)):
                if line.startswith(prefix):
                    tail = line[line.rindex(" <") :]
                    old = line[len(prefix) : line.rindex(" <")]
                    lines[i] = f"{prefix}{term_nt(Literal(label))}{tail}"
                    lines.append(f"<{node}> <{SDO.alternateName}> {old}{tail}")
                    changed = True
        return "".join(sorted(set(lines))) if changed else block

    def graph(self) -> str:
        """N-Quads of the `curation` named graph: one `sovkg:Curation` node per applied decision."""
        triples: list[Triple] = []
        for decision, items, rejected in sorted(self.report.applied, key=lambda a: a[0].number):
            node = iri.curation_iri("\x1f".join([decision.op, *decision.names(), *_parameters(decision)]))
            curator = iri.curator_iri(decision.by)
            triples += [
                (node, RDF.type, SOVKG.Curation),
                (node, RDFS.label, Literal(_describe(decision))),
                (node, SOVKG.operation, Literal(decision.op)),
                (node, SOVKG.reason, Literal(decision.reason)),
                (node, PROV.wasAssociatedWith, curator),
                (curator, RDF.type, PROV.Agent),
                (curator, RDFS.label, Literal(decision.by)),
            ]
            if decision.date:
                triples.append((node, DCTERMS.date, Literal(decision.date, datatype=XSD.date)))
            triples += [(node, SOVKG.curatedItem, item) for item in items]  # rejected ones too: no inference
            triples += [(node, SOVKG.rejectedItem, item) for item in rejected]
        return "".join(sorted(set(nquads(dict.fromkeys(triples), iri.curation_graph_iri()))))


def _parameters(decision: Decision) -> list[str]:
    return [v for v in (decision.type, decision.label, decision.document, decision.passage, decision.cls) if v]


def _describe(decision: Decision) -> str:
    names = [f"'{n}'" for n in decision.names()]
    extra = {
        "merge": f"{names[0]} into {names[-1]}" if len(names) == 2 else "",
        "retype": f"{names[0] if names else ''} as {decision.type}",
        "relabel": f"{names[0] if names else ''} as '{decision.label}'",
        "reattribute": f"{names[0]} to {names[-1]}" if len(names) == 2 else "",
        "add": f"{decision.cls} '{decision.label}'",
    }.get(decision.op, " and ".join(names))
    return f"{decision.op} {extra}: {decision.reason}"


def _relabel_merge_rule(extraction: Extraction, surface: str) -> Extraction:
    """Resolution's rename marks merges as its own; a curator's merge says so instead."""

    def fix(record):
        merges = tuple(
            Merge(m.surface, Evidence(m.evidence.start, m.evidence.end, MERGE_RULE), m.merged_resource)
            if m.surface == surface and m.evidence.rule == resolve.ACROSS_DOCUMENTS_RULE
            else m
            for m in record.merges
        )
        return replace(record, merges=merges) if merges != record.merges else record

    return replace(
        extraction,
        actors=tuple(map(fix, extraction.actors)),
        events=tuple(map(fix, extraction.events)),
        policies=tuple(map(fix, extraction.policies)),
    )


def _with_actor(extraction: Extraction, actor: Item) -> Extraction:
    """The extraction with the actor typed in it (a claim's claimant must be an actor of its graph)."""
    if any(a.name == actor.name for a in extraction.actors):
        return extraction
    record = ActorRecord(actor.name, ActorType(actor.type or ActorType.ORGANIZATION.value), ())
    return replace(extraction, actors=(*extraction.actors, record))


def _without(extraction: Extraction, item: Item) -> Extraction:
    """The extraction without the item and the links that point at it."""
    if item.cls == "claim":
        if extraction.document.doc_id != item.doc_id:
            return extraction
        claims = tuple(c for c in extraction.claims if (c.claimant, c.text) != (item.claimant, item.name))
        return replace(extraction, claims=claims)
    if item.cls == "actor":
        if not any(a.name == item.name for a in extraction.actors):
            return extraction
        actors = tuple(
            replace(a, affiliations=tuple(link for link in a.affiliations if link.target != item.name))
            for a in extraction.actors
            if a.name != item.name
        )
        events = tuple(
            replace(e, participants=tuple(p for p in e.participants if p.actor != item.name))
            for e in extraction.events
        )
        policies = tuple(
            replace(
                p,
                adopters=tuple(link for link in p.adopters if link.target != item.name),
                runners=tuple(link for link in p.runners if link.target != item.name),
            )
            for p in extraction.policies
        )
        return replace(extraction, actors=actors, events=events, policies=policies)
    field_name = "events" if item.cls == "event" else "policies"
    records = getattr(extraction, field_name)
    kept = tuple(r for r in records if r.name != item.name)
    return replace(extraction, **{field_name: kept}) if len(kept) != len(records) else extraction


def _find_document(docs: dict[str, Extraction], name: str) -> Extraction:
    for extraction in docs.values():
        doc = extraction.document
        if name in (str(iri.document_iri(doc.doc_id)), doc.doc_id, doc.locator, doc.title):
            return extraction
    found = [e for e in docs.values() if e.document.locator.endswith(name)]
    if len(found) == 1:  # a file name or path suffix
        return found[0]
    raise _NotApplicable(f"no document {name!r} in this build")
