"""The knowledge graph as one N-Quads block per document (named graph), plus its counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib.namespace import RDF

from ontology import iri
from ontology.mapping import extraction_triples, nquads
from ontology.namespace import SOVKG
from ontology.records import Extraction
from pipelines.extract.resolve import resolve_across_documents

COUNTED_CLASSES = (
    "Actor",
    "Person",
    "Organization",
    "GovernmentBody",
    "IntergovernmentalOrganization",
    "Country",
    "Event",
    "Conference",
    "Session",
    "SideEvent",
    "Meeting",
    "Policy",
    "Claim",
    "Document",
    "Evidence",
    "Merge",
)


@dataclass(frozen=True)
class KnowledgeGraph:
    """N-Quads text per document id (each block one named graph), with class and triple counts."""

    graphs: dict[str, str]
    class_counts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    edges: tuple[tuple[str, str, str], ...] = ()  # (actor label, event label, role) for the network picture
    merges: dict[str, str] = field(default_factory=dict)  # names merged across documents -> canonical name
    locators: dict[str, str] = field(default_factory=dict)  # document id -> where it was read
    retracted: tuple[tuple[str, str], ...] = ()  # (locator, reason) of documents no longer published

    def nquads(self) -> str:
        return "".join(self.graphs[k] for k in sorted(self.graphs))


def build_graph(
    extractions: list[Extraction],
    version: str,
    *,
    resolve: bool = True,
    retracted: tuple[tuple[str, str], ...] = (),
) -> KnowledgeGraph:
    """Resolve entities across documents (unless `resolve` is off), then map each document to its graph."""
    merges: dict[str, str] = {}
    if resolve:
        extractions, merges = resolve_across_documents(extractions)
    graphs: dict[str, str] = {}
    typed: dict[str, set] = {name: set() for name in COUNTED_CLASSES}
    triples = 0
    edges: list[tuple[str, str, str]] = []
    for extraction in sorted(extractions, key=lambda e: e.document.doc_id):
        doc_id = extraction.document.doc_id
        rows = extraction_triples(extraction, version)
        triples += len(rows)
        graphs[doc_id] = "".join(sorted(nquads(rows, iri.graph_iri(doc_id))))
        for s, p, o in rows:
            if p == RDF.type and str(o).startswith(str(SOVKG._NS)):
                local = str(o)[len(str(SOVKG._NS)) :]
                if local in typed:
                    typed[local].add(s)
        for event in extraction.events:
            edges.extend((part.actor, event.name, part.role.value) for part in event.participants)
        for claim in extraction.claims:
            if claim.event:
                edges.append((claim.claimant, claim.event, "claim"))
    counts = {name: len(nodes) for name, nodes in typed.items()}
    locators = {e.document.doc_id: e.document.locator for e in extractions}
    return KnowledgeGraph(
        graphs, counts, triples, tuple(sorted(set(edges))), dict(sorted(merges.items())), locators, retracted
    )


def predicate_counts(graph: KnowledgeGraph, top: int = 15) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for block in graph.graphs.values():
        for line in block.splitlines():
            counter[line.split(" ", 2)[1]] += 1
    return counter.most_common(top)
