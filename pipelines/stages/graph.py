"""The knowledge graph as one N-Quads block per document (named graph), plus its counts."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import RDF

from ontology.mapping import extraction_nquads
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
    # document id -> digest of its block: what changed since the last release, for every publishing step
    digests: dict[str, str] = field(default_factory=dict)
    predicates: dict[str, int] = field(default_factory=dict)  # triples per predicate

    def digest(self, doc_id: str) -> str:
        return self.digests.get(doc_id) or block_digest(self.graphs[doc_id])

    def nquads(self) -> str:
        return "".join(self.graphs[k] for k in sorted(self.graphs))


def network_edges(extraction: Extraction) -> list[tuple[str, str, str]]:
    """(actor label, event label, role) of one document, for the actor-event network picture: who took
    part in an event, and who made a claim at it."""
    edges = [(part.actor, event.name, part.role.value) for event in extraction.events for part in event.participants]
    return edges + [(claim.claimant, claim.event, "claim") for claim in extraction.claims if claim.event]


def graph_digest(doc_id: str, key: str) -> str:
    """A mapped block's digest: its key fixes its content (that is why a block with the same key is reused),
    so the digest stands for the content without hashing every block on every run."""
    return hashlib.sha1(f"{doc_id}\n{key}".encode(), usedforsecurity=False).hexdigest()


def renames_of(names: set[str], ordered_merges: list[tuple[str, str]]) -> str:
    """The merges (sorted by name) that rename one of a document's names, as its block key records them."""
    return "|".join(f"{k}>{v}" for k, v in ordered_merges if k in names)


def block_digest(nquads: str) -> str:
    """Identifies a block's content: publishing compares it with the last release's to find what changed."""
    return hashlib.sha1(nquads.encode(), usedforsecurity=False).hexdigest()


_TYPE_MARKER = f" <{RDF.type}> <{SOVKG._NS}"


@dataclass(frozen=True)
class BlockStats:
    """What the graph's counts need from one block, computed once where the block is mapped."""

    triples: int
    typed: tuple[tuple[str, str], ...]  # (subject, ontology class) of each rdf:type statement
    predicates: tuple[tuple[str, int], ...]


def block_stats(nquads: str, predicates: Counter[str] | None = None) -> BlockStats:
    """`predicates`: the block's triples per predicate, when the mapping counted them already."""
    typed = []
    at = nquads.find(_TYPE_MARKER)
    while at >= 0:
        start = nquads.rfind("\n", 0, at) + 1
        end = nquads.index(">", at + len(_TYPE_MARKER))
        typed.append((nquads[start:at], nquads[at + len(_TYPE_MARKER) : end]))
        at = nquads.find(_TYPE_MARKER, end)
    if predicates is None:
        # lines end at "\n" alone: a literal may hold a form feed or U+2028, where str.splitlines() breaks too
        predicates = Counter(line.split(" ", 2)[1] for line in nquads.split("\n") if line)
    return BlockStats(nquads.count("\n"), tuple(typed), tuple(sorted(predicates.items())))


@dataclass(frozen=True)
class MappedBlock:
    """One document's N-Quads and what they were mapped from: mapping runs in the document workers,
    and combining reuses the block unless entity resolution changed the document's names or types."""

    key: str
    nquads: str  # a ValidatedNQuads once a document worker has validated it against the shapes
    stats: BlockStats | None = None  # None in results stored by earlier versions: computed when needed


def block_key(extraction: Extraction, version: str, renames: str = "") -> str:
    """`renames`: the cross-document renames that touched this document (they change its graph); actor
    types are part of the key because they are harmonised across documents."""
    types = ",".join(sorted(f"{a.name}:{a.type.value}" for a in extraction.actors))
    return f"{extraction.document.content_hash}|{version}|{renames}|{types}"


def map_extraction(extraction: Extraction, version: str, renames: str = "") -> MappedBlock:
    lines = extraction_nquads(extraction, version)
    text = "".join(sorted(lines))
    return MappedBlock(block_key(extraction, version, renames), text, block_stats(text, Counter(lines.values())))


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
    state_dir: Path | None = None,
) -> KnowledgeGraph:
    """Resolve entities across documents (unless `resolve` is off), then map each document to its graph,
    reusing the block mapped beside its extraction (`mapped`, by document id) when resolution left the
    document as it was. `state_dir`: where corroboration keeps what it can reuse on the next build."""
    merges: dict[str, str] = {}
    touched: dict[str, str] = {}
    if resolve:
        resolved, merges = (curation.resolve if curation else resolve_across_documents)(extractions)
        ordered = sorted(merges.items())
        for before in extractions:
            touched[before.document.doc_id] = renames_of(_names(before), ordered)
        extractions = resolved
    else:
        extractions = harmonise_types(extractions)  # one node, one type, even without merging
    if curation is not None:  # analyst decisions hold on every build: applied after resolution
        extractions, curated = curation.apply(extractions)
        for doc_id, signature in curated.items():
            touched[doc_id] = f"{touched.get(doc_id, '' if resolve else 'off')}|curated:{signature}"
    mapped = mapped or {}
    graphs: dict[str, str] = {}
    digests: dict[str, str] = {}
    typed: set[tuple[str, str]] = set()
    predicates: Counter[str] = Counter()
    triples = 0
    edges: list[tuple[str, str, str]] = []
    for extraction in sorted(extractions, key=lambda e: e.document.doc_id):
        doc_id = extraction.document.doc_id
        renames = touched.get(doc_id, "off" if not resolve else "")
        block = mapped.get(doc_id)
        if block is None or block.key != block_key(extraction, version, renames):
            block = map_extraction(extraction, version, renames)
        nquads = curation.relabel(block.nquads) if curation else block.nquads
        graphs[doc_id] = nquads
        if nquads is block.nquads:
            digests[doc_id] = graph_digest(doc_id, block.key)
            stats = block.stats or block_stats(nquads)
        else:  # relabelled by curation: the content is no longer the key's
            digests[doc_id] = _digest(doc_id, nquads)
            stats = block_stats(nquads)
        triples += tally(stats, predicates, typed)
        edges += network_edges(extraction)
    derived = {CORROBORATION_KEY: cluster_graph(corroborate(extractions, state_dir), extractions)}
    if curation is not None:
        derived[CURATION_KEY] = curation.graph()
    for key, nquads in derived.items():  # graphs about the documents' graphs: curation, claim clusters
        if nquads:
            graphs[key] = nquads
            digests[key] = _digest(key, nquads)
            triples += tally(block_stats(nquads), predicates, typed)
    counts = class_counts(typed)
    locators = {e.document.doc_id: e.document.locator for e in extractions}
    return KnowledgeGraph(
        graphs,
        counts,
        triples,
        tuple(sorted(set(edges))),
        dict(sorted(merges.items())),
        locators,
        retracted,
        digests,
        dict(predicates),
    )


def tally(stats: BlockStats, predicates: Counter[str], typed: set[tuple[str, str]]) -> int:
    """Add a block's predicates and (subject, class) pairs to the graph's tallies (the pairs in one set: one
    C-level update per block); its triple count."""
    for predicate, n in stats.predicates:
        predicates[predicate] += n
    typed.update(stats.typed)
    return stats.triples


def class_counts(typed: set[tuple[str, str]]) -> dict[str, int]:
    """Distinct subjects per counted class, in COUNTED_CLASSES order."""
    counts = dict.fromkeys(COUNTED_CLASSES, 0)
    for _, local in typed:
        if local in counts:
            counts[local] += 1
    return counts


def _digest(key: str, nquads: str) -> str:
    return hashlib.sha1(f"{key}\n{nquads}".encode(), usedforsecurity=False).hexdigest()


def predicate_counts(graph: KnowledgeGraph, top: int = 15) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter(graph.predicates)
    if not graph.predicates:
        for block in graph.graphs.values():
            counter.update(dict(block_stats(block).predicates))
    return counter.most_common(top)
