"""Curation on records written for the tests: keep-apart stops a merge resolution would make, claims can be
added and actors rejected with their links, and every curated graph still conforms to the shapes."""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS

from ontology import iri
from ontology.namespace import SOVKG
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
)
from pipelines.curate import CurationFile, Curator
from pipelines.curate.model import parse_decision
from pipelines.stages.graph import build_graph
from pipelines.stages.validation import validate_graph

TEXTS = {
    "doc-1": "The Chinese Software Institute said open standards matter. Li Wei works at the institute.",
    "doc-2": "The China Software Institute hosted the Open Code Summit. Maria Lopez said budgets will grow.",
}


def _extraction(doc_id: str) -> Extraction:
    text = TEXTS[doc_id]
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = Document(doc_id, f"test/{doc_id}", digest, DocumentKind.NEWS_ARTICLE, f"Story {doc_id}", text)
    ev = Evidence(0, 10, "test")
    if doc_id == "doc-1":
        institute = ActorRecord("Chinese Software Institute", ActorType.ORGANIZATION, (ev,))
        person = ActorRecord("Li Wei", ActorType.PERSON, (ev,), affiliations=(Link(institute.name, ev),))
        claim = ClaimRecord("open standards matter", institute.name, ev)
        return Extraction(document, (institute, person), claims=(claim,))
    institute = ActorRecord("China Software Institute", ActorType.ORGANIZATION, (ev,))
    person = ActorRecord("Maria Lopez", ActorType.PERSON, (ev,))
    event = EventRecord("Open Code Summit", EventType.CONFERENCE, (ev,))
    return Extraction(document, (institute, person), events=(event,))


def _curator(*entries: dict) -> Curator:
    decisions = tuple(parse_decision({**e, "reason": "test", "by": "Tester"}, n) for n, e in enumerate(entries, 1))
    return Curator(CurationFile(None, decisions))


def _dataset(graph) -> Dataset:
    ds = Dataset(default_union=True)  # membership tests see every named graph
    ds.parse(data=graph.nquads(), format="nquads")
    return ds


def test_resolution_merges_the_two_spellings_and_keep_apart_stops_it() -> None:
    extractions = [_extraction("doc-1"), _extraction("doc-2")]
    merged = build_graph(extractions, "test")
    assert {frozenset(pair) for pair in merged.merges.items()} == {
        frozenset({"Chinese Software Institute", "China Software Institute"})
    }
    curator = _curator({"op": "keep-apart", "items": ["Chinese Software Institute", "China Software Institute"]})
    kept = build_graph(extractions, "test", curation=curator)
    assert kept.merges == {}
    ds = _dataset(kept)
    assert (iri.actor_iri("Chinese Software Institute"), RDF.type, SOVKG.Organization) in ds
    assert (iri.actor_iri("China Software Institute"), RDF.type, SOVKG.Organization) in ds
    assert [d.op for d, _, _ in curator.report.applied] == ["keep-apart"] and not curator.report.stale
    assert validate_graph(kept).conforms


def test_add_a_claim_reject_an_actor_retype_an_event_and_report_what_is_gone() -> None:
    curator = _curator(
        {
            "op": "add",
            "class": "claim",
            "label": "budgets will grow",
            "document": "Story doc-2",
            "passage": "Maria Lopez said budgets will grow",
            "claimant": "Maria Lopez",
        },
        {"op": "reject", "item": "Li Wei"},
        {"op": "retype", "item": "Open Code Summit", "type": "Meeting"},
        {"op": "retype", "item": "Maria Lopez", "type": "Law"},  # not a type of actors
        {"op": "relabel", "item": "https://w3id.org/sovkg/id/actor/nobody-000000000000", "label": "X"},
    )
    graph = build_graph([_extraction("doc-1"), _extraction("doc-2")], "test", curation=curator)
    ds = _dataset(graph)
    added = iri.claim_iri("doc-2", "Maria Lopez", "budgets will grow")
    assert (added, SOVKG.claimant, iri.actor_iri("Maria Lopez")) in ds
    start = TEXTS["doc-2"].index("Maria Lopez said")
    evidence = {e for e in ds.subjects(RDF.subject, added) if (e, SOVKG.rule, Literal("curation.add")) in ds}
    assert evidence and all((e, SOVKG.startOffset, Literal(start)) in ds for e in evidence)
    baseline = _dataset(build_graph([_extraction("doc-1"), _extraction("doc-2")], "test"))
    assert list(baseline.triples((iri.actor_iri("Li Wei"), SOVKG.affiliation, None)))
    assert not list(ds.triples((iri.actor_iri("Li Wei"), None, None)))  # rejected, with its affiliation
    assert (iri.event_iri("Open Code Summit"), RDF.type, SOVKG.Meeting) in ds
    stale = {(s.number, s.why.split(" ")[0]) for s in curator.report.stale}
    assert stale == {(4, "Law"), (5, "https://w3id.org/sovkg/id/actor/nobody-000000000000")}
    records = set(ds.subjects(RDF.type, SOVKG.Curation))
    assert len(records) == 3 and all(ds.value(r, RDFS.label) for r in records)
    assert validate_graph(graph).conforms
