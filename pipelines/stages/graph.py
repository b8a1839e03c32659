"""The knowledge graph as one N-Quads block per document (named graph), plus its counts."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib.namespace import RDF

from ontology import iri
from ontology.mapping import extraction_triples, nquads
from ontology.namespace import SOVKG
from ontology.records import Extraction
from pipelines.extract.resolve import harmonise_types, resolve_across_documents

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


_PREDICATE = re.compile(r"^\S+ (\S+) ", re.MULTILINE)


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

    def digest(self, doc_id: str) -> str:
        return self.digests.get(doc_id) or block_digest(self.graphs[doc_id])

    def nquads(self) -> str:
        return "".join(self.graphs[k] for k in sorted(self.graphs))


def block_digest(nquads: str) -> str:
    return hashlib.blake2b(nquads.encode(), digest_size=16).hexdigest()


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
) -> KnowledgeGraph:
    """Resolve entities across documents (unless `resolve` is off), then map each document to its graph,
    reusing the block mapped beside its extraction (`mapped`, by document id) when resolution left the
    document as it was."""
    merges: dict[str, str] = {}
    touched: dict[str, str] = {}
    if resolve:
        resolved, merges = resolve_across_documents(extractions)
        for before in extractions:
            names = _names(before)
            touched[before.document.doc_id] = "|".join(f"{k}>{v}" for k, v in sorted(merges.items()) if k in names)
        extractions = resolved
    else:
        extractions = harmonise_types(extractions)  # one node, one type, even without merging
    mapped = mapped or {}
    graphs: dict[str, str] = {}
    typed: dict[str, set[str]] = {name: set() for name in COUNTED_CLASSES}
    triples = 0
    edges: list[tuple[str, str, str]] = []
    # subjects typed with an ontology class, found by one scan per block instead of a loop over lines
    typed_line = re.compile(rf"^(\S+) <{re.escape(str(RDF.type))}> <{re.escape(str(SOVKG._NS))}(\w+)>", re.MULTILINE)
    for extraction in sorted(extractions, key=lambda e: e.document.doc_id):
        doc_id = extraction.document.doc_id
        renames = touched.get(doc_id, "off" if not resolve else "")
        previous = mapped.get(doc_id)
        if previous is not None and previous.key == block_key(extraction, version, renames):
            block = previous.nquads
        else:
            block = map_extraction(extraction, version, renames).nquads
        graphs[doc_id] = block
        triples += block.count("\n")
        for subject, local in typed_line.findall(block):
            if local in typed:
                typed[local].add(subject)
        for event in extraction.events:
            edges.extend((part.actor, event.name, part.role.value) for part in event.participants)
        for claim in extraction.claims:
            if claim.event:
                edges.append((claim.claimant, claim.event, "claim"))
    counts = {name: len(nodes) for name, nodes in typed.items()}
    locators = {e.document.doc_id: e.document.locator for e in extractions}
    return KnowledgeGraph(
        graphs,
        counts,
        triples,
        tuple(sorted(set(edges))),
        dict(sorted(merges.items())),
        locators,
        retracted,
        {doc_id: block_digest(block) for doc_id, block in graphs.items()},
    )


def predicate_counts(graph: KnowledgeGraph, top: int = 15) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for block in graph.graphs.values():
        counter.update(_PREDICATE.findall(block))
    return counter.most_common(top)
