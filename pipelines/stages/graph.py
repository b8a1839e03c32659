"""The knowledge graph as one N-Quads block per document (named graph), plus its counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib.namespace import RDF

from ontology import iri
from ontology.mapping import extraction_triples, nquads
from ontology.namespace import SOVKG
from ontology.records import Extraction
from pipelines.curate import CURATION_KEY, Curator
from pipelines.extract.resolve import harmonise_types, resolve_across_documents
from pipelines.stages.corroborate import CORROBORATION_KEY, cluster_graph, corroborate

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
    "Curation",
    "ClaimCluster",
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


@dataclass(frozen=True)
class MappedBlock:
    """One document's N-Quads and what they were mapped from: mapping runs in the document workers,
    and combining reuses the block unless entity resolution changed the document's names or types."""

    key: str
    nquads: str


def block_key(extraction: Extraction, version: str, renames: str = "") -> str:
    """`renames`: the cross-document renames that touched this document (they change its graph); actor
    types are part of the key because they are harmonised across documents."""
    types = ",".join(sorted(f"{a.name}:{a.type.value}" for a in extraction.actors))
    return f"{extraction.document.content_hash}|{version}|{renames}|{types}"


def map_extraction(extraction: Extraction, version: str, renames: str = "") -> MappedBlock:
    rows = extraction_triples(extraction, version)
    text = "".join(sorted(nquads(rows, iri.graph_iri(extraction.document.doc_id))))
    return MappedBlock(block_key(extraction, version, renames), text)


def _names(extraction: Extraction) -> set[str]:
    """Every actor, event and policy name an extraction uses (renames are keyed by these)."""
    return (
        {a.name for a in extraction.actors}
        | {e.name for e in extraction.events}
        | {p.name for p in extraction.policies}
        | {e.part_of for e in extraction.events if e.part_of}
    )


def build_graph(
    extractions: list[Extraction],
    version: str,
    *,
    resolve: bool = True,
    retracted: tuple[tuple[str, str], ...] = (),
    mapped: dict[str, MappedBlock] | None = None,
    curation: Curator | None = None,
) -> KnowledgeGraph:
    """Resolve entities across documents (unless `resolve` is off), then map each document to its graph,
    reusing the block mapped beside its extraction (`mapped`, by document id) when resolution left the
    document as it was."""
    merges: dict[str, str] = {}
    touched: dict[str, str] = {}
    if resolve:
        resolved, merges = (curation.resolve if curation else resolve_across_documents)(extractions)
        for before in extractions:
            names = _names(before)
            touched[before.document.doc_id] = "|".join(f"{k}>{v}" for k, v in sorted(merges.items()) if k in names)
        extractions = resolved
    else:
        extractions = harmonise_types(extractions)  # one node, one type, even without merging
    if curation is not None:  # analyst decisions hold on every build: applied after resolution
        extractions, curated = curation.apply(extractions)
        for doc_id, signature in curated.items():
            touched[doc_id] = f"{touched.get(doc_id, '' if resolve else 'off')}|curated:{signature}"
    mapped = mapped or {}
    graphs: dict[str, str] = {}
    typed: dict[str, set[str]] = {name: set() for name in COUNTED_CLASSES}
    triples = 0
    edges: list[tuple[str, str, str]] = []
    type_marker = f" <{RDF.type}> <{SOVKG._NS}"
    for extraction in sorted(extractions, key=lambda e: e.document.doc_id):
        doc_id = extraction.document.doc_id
        renames = touched.get(doc_id, "off" if not resolve else "")
        previous = mapped.get(doc_id)
        if previous is not None and previous.key == block_key(extraction, version, renames):
            block = previous.nquads
        else:
            block = map_extraction(extraction, version, renames).nquads
        graphs[doc_id] = block = curation.relabel(block) if curation else block
        for line in block.splitlines():
            triples += 1
            if type_marker in line:
                subject, rest = line.split(type_marker, 1)
                local = rest.split(">", 1)[0]
                if local in typed:
                    typed[local].add(subject)
        for event in extraction.events:
            edges.extend((part.actor, event.name, part.role.value) for part in event.participants)
        for claim in extraction.claims:
            if claim.event:
                edges.append((claim.claimant, claim.event, "claim"))
    derived = {CORROBORATION_KEY: cluster_graph(corroborate(extractions), extractions)}
    if curation is not None:
        derived[CURATION_KEY] = curation.graph()
    for key, block in derived.items():  # graphs about the documents' graphs: curation, claim clusters
        if block:
            graphs[key] = block
            triples += _count_types(block, typed, type_marker)
    counts = {name: len(nodes) for name, nodes in typed.items()}
    locators = {e.document.doc_id: e.document.locator for e in extractions}
    return KnowledgeGraph(
        graphs, counts, triples, tuple(sorted(set(edges))), dict(sorted(merges.items())), locators, retracted
    )


def _count_types(block: str, typed: dict[str, set[str]], type_marker: str) -> int:
    lines = block.splitlines()
    for line in lines:
        if type_marker in line:
            subject, rest = line.split(type_marker, 1)
            if (local := rest.split(">", 1)[0]) in typed:
                typed[local].add(subject)
    return len(lines)


def predicate_counts(graph: KnowledgeGraph, top: int = 15) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for block in graph.graphs.values():
        for line in block.splitlines():
            counter[line.split(" ", 2)[1]] += 1
    return counter.most_common(top)
