"""Combining the documents' stored results into the knowledge graph at the cost of what changed.

Entity resolution, claim corroboration and the network picture read every document, but only a small
part of it: names, types and affiliations of actors, names of events and policies (with the acronyms
they were merged from), participations, claimants and claim texts, and the document's metadata. That
part of each document (a "sketch": an `Extraction` holding only those fields) is kept in the state folder
beside the stamp of the stored result it was taken from, so a build unpickles only the results written
since the last one. Resolution runs over the sketches with the same functions as over whole extractions
and gives each document its block key; a document whose key is the one of a block already made reuses
that block (kept in the `BlockStore` by digest), and only a document whose key is new is resolved and
mapped in full, from its stored result.

Used when the build's result equals what `build_graph` makes from every whole extraction: resolution on
and no curation decisions (curation reads whole extractions; it runs the full combine).
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import logging
import pickle
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ontology import records
from ontology.records import (
    ActorRecord,
    ClaimRecord,
    EventRecord,
    Evidence,
    Extraction,
    Link,
    Participation,
    PolicyRecord,
)
from pipelines.extract import resolve
from pipelines.stages.atomic import read_state, read_tagged, write_atomically, write_state
from pipelines.stages.blocks import BLOCKS_DIR, BlockStore, StoredBlocks
from pipelines.stages.corroborate import CORROBORATION_KEY, Cluster, cluster_graph, corroborate
from pipelines.stages.counts import Counts
from pipelines.stages.graph import (
    BlockStats,
    KnowledgeGraph,
    MappedBlock,
    _digest,
    _names,
    block_key,
    block_stats,
    graph_digest,
    map_extraction,
    network_edges,
    renames_of,
)
from pipelines.stages.validation import ValidatedNQuads

log = logging.getLogger(__name__)
STATE_DIR = "combine"  # in the state folder
_LAYOUT = 2
_SHARDS = 64
_LAST = "last-graph"  # the graph the last build combined, with the signature of its stored results
COUNTS_DIR = "counts"  # in the combine state folder
_DIGESTS = "digests"  # the blocks the last graph named: kept one more build (a step may still read them)
_DERIVED = "clusters.cache"  # the corroboration graph of the last build, with what it was made from
_NO_EVIDENCE = Evidence(0, 0, "")  # sketches keep no passages: nothing read from them needs one
_ACRONYM_RULE = "merge.acronym"  # the merges resolution reads (see resolve._expanded_names)


class Results(Protocol):
    """Partition key -> stored DocumentResult, unpickled on demand (`pipelines.io.StoredPartitions`)."""

    def __getitem__(self, partition: str) -> object: ...
    def __iter__(self): ...
    def stamp(self, partition: str) -> tuple[int, int, int]: ...


@dataclass(frozen=True)
class Sketch:
    """One extraction of a stored result, as combining needs it."""

    extraction: Extraction  # the fields resolution, corroboration and the network picture read
    key: str  # the key of the block the document worker mapped
    shapes: str | None  # the shapes a worker validated the block against


@dataclass(frozen=True)
class Entry:
    stamp: tuple[int, int, int]
    locator: str
    gone: str | None
    sketches: tuple[Sketch, ...]


class CombineState:
    """Every partition's `Entry`, in shards by a hash of the partition key: a build rewrites the shards
    of the results it read again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self.digests: dict[str, str] = {}
        self._dirty: set[int] = set()
        for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else []:
            kept = read_tagged(path, _LAYOUT, dict)
            if kept is None:
                path.unlink(missing_ok=True)  # an older layout's file: its partitions are combined anew
                continue
            (self.digests if path.stem == _DIGESTS else self.entries).update(kept)

    def put(self, partition: str, entry: Entry) -> None:
        self.entries[partition] = entry
        self._dirty.add(_shard(partition))

    def keep_only(self, partitions: set[str]) -> None:
        for partition in [p for p in self.entries if p not in partitions]:
            del self.entries[partition]
            self._dirty.add(_shard(partition))

    def save(self, digests: dict[str, str]) -> None:
        shards: dict[int, dict[str, Entry]] = {n: {} for n in self._dirty}
        for partition, entry in self.entries.items():
            if (n := _shard(partition)) in shards:
                shards[n][partition] = entry
        for n, entries in shards.items():
            write_atomically(self.folder / f"{n:02x}.pickle", _pickled((_LAYOUT, entries)))
        if digests != self.digests:
            write_state(self.folder / f"{_DIGESTS}.pickle", (_LAYOUT, digests))
        self._dirty.clear()


def _by_init(obj: object) -> tuple[type, tuple]:
    return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))  # type: ignore[arg-type]


def _records_by_init() -> dict[type, object]:
    """A pickler's dispatch table that stores a frozen dataclass of the records as its class and field values,
    unpickled by calling the class: a third faster than the default (which sets each field through the
    dataclass's `__setstate__`, listing its fields again for every object), and every build unpickles every
    document's sketch."""
    table: dict[type, object] = dict(copyreg.dispatch_table)
    for kind in [*vars(records).values(), Sketch, Entry]:
        if (
            isinstance(kind, type)
            and dataclasses.is_dataclass(kind)
            and all(f.init and not f.kw_only for f in dataclasses.fields(kind))
        ):
            table[kind] = _by_init
    return table


def _pickled(value: object) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _BY_INIT
    pickler.dump(value)
    return out.getvalue()


_BY_INIT = _records_by_init()


def _shard(partition: str) -> int:
    return zlib.crc32(partition.encode()) % _SHARDS


def sketch(extraction: Extraction) -> Extraction:
    """The part of an extraction combining reads (see the module's docstring)."""

    def acronyms(merges: tuple) -> tuple:
        return tuple(m for m in merges if m.evidence.rule == _ACRONYM_RULE)

    return Extraction(
        replace(extraction.document, sections=()),
        tuple(
            ActorRecord(
                a.name, a.type, (), affiliations=tuple(Link(link.target, _NO_EVIDENCE) for link in a.affiliations)
            )
            for a in extraction.actors
        ),
        tuple(
            EventRecord(
                e.name,
                e.type,
                (),
                merges=acronyms(e.merges),
                part_of=e.part_of,
                participants=tuple(Participation(p.actor, p.role, _NO_EVIDENCE) for p in e.participants),
            )
            for e in extraction.events
        ),
        tuple(PolicyRecord(p.name, p.type, (), merges=acronyms(p.merges)) for p in extraction.policies),
        tuple(ClaimRecord(c.text, c.claimant, _NO_EVIDENCE, event=c.event) for c in extraction.claims),
    )


def _entry(
    result: object, stamp: tuple[int, int, int], store: BlockStore, known: dict[str, BlockStats]
) -> Entry:
    """Sketch a stored result, and keep its blocks in `store` (written again: the result is new) and their
    stats in `known`."""
    sketches = []
    for extraction, block in zip(result.extractions, result.blocks, strict=True):  # type: ignore[attr-defined]
        nquads = block.nquads
        digest = graph_digest(extraction.document.doc_id, block.key)
        store.put(digest, nquads, replace=True)
        known[digest] = block.stats or block_stats(nquads)
        shapes = nquads.shapes if isinstance(nquads, ValidatedNQuads) else None
        sketches.append(Sketch(sketch(extraction), block.key, shapes))
    return Entry(stamp, result.entry.locator, result.gone, tuple(sketches))  # type: ignore[attr-defined]


def combine(
    results: Results,
    version: str,
    state_dir: Path,
    published: Mapping[str, str] | None = None,
) -> tuple[KnowledgeGraph, list[tuple[str, str]]]:
    """The knowledge graph of every stored result (partition -> DocumentResult), equal to what
    `build_graph` makes with resolution on and no curation, and the (locator, reason) of each document
    retracted. `published`: document id -> locator of the last release."""
    store = BlockStore(state_dir / BLOCKS_DIR)
    stamps = {partition: results.stamp(partition) for partition in sorted(results)}
    signature = hashlib.sha256(repr((_LAYOUT, version, sorted(stamps.items()))).encode()).hexdigest()
    last = _last_graph(state_dir / STATE_DIR / _LAST, signature, store)
    if last is not None:  # the same stored results as the last build: the same graph
        graph, gone = last
        retracted = gone + unlisted(published, graph.locators, gone)
        log.info("combining: no stored result changed since the last build")
        return replace(graph, retracted=tuple(retracted)), retracted
    state = CombineState(state_dir / STATE_DIR)
    present = store.listing()
    known: dict[str, BlockStats] = {}  # digest -> stats of the blocks this build made or read
    fresh: set[str] = set()  # partitions whose stored result was read again
    entries: dict[str, Entry] = {}
    for partition, stamp in stamps.items():
        entry = state.entries.get(partition)
        if entry is None or entry.stamp != stamp:
            # one result in memory at a time: its blocks go to the store, its sketches stay
            entry = _entry(results[partition], stamp, store, known)
            fresh.add(partition)
            state.put(partition, entry)
        entries[partition] = entry
    state.keep_only(set(entries))
    log.info("combining %d stored results, %d of them read again", len(entries), len(fresh))
    retracted: list[tuple[str, str]] = []
    sketches: dict[str, Sketch] = {}
    partition_of: dict[str, str] = {}
    for partition, entry in entries.items():
        if entry.gone:
            retracted.append((entry.locator, entry.gone))
            continue
        for item in entry.sketches:
            doc_id = item.extraction.document.doc_id
            if doc_id not in sketches:
                sketches[doc_id] = item
                partition_of[doc_id] = partition
    gone = list(retracted)
    retracted += unlisted(published, sketches, gone)
    before = [s.extraction for s in sketches.values()]
    actors = resolve._canonical_names(before)
    events = resolve._expanded_names([e for x in before for e in x.events])
    policies = resolve._expanded_names([p for x in before for p in x.policies])
    merges = {**actors, **events, **policies}
    # a document that names none of the renamed names comes out of renaming as it went in, for every field
    # read here (renaming also tidies fields combining does not read)
    renamed = [
        resolve._rename_records(resolve._rename_actors(e, actors), events, policies) if _renamed(e, merges) else e
        for e in before
    ]
    resolved = resolve.harmonise_types(renamed)
    present.update(known)
    digests: dict[str, str] = {}
    marks: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    remapped = 0
    order = sorted(range(len(resolved)), key=lambda i: resolved[i].document.doc_id)
    ordered = sorted(merges.items())
    for i in order:
        extraction = resolved[i]
        doc_id = extraction.document.doc_id
        item = sketches[doc_id]
        renames = renames_of(_names(before[i]), ordered)
        key = block_key(extraction, version, renames)
        digest = graph_digest(doc_id, key)
        if key == item.key:
            if item.shapes:
                marks[doc_id] = item.shapes
            if digest not in present:  # removed behind the state's back
                store.put(digest, _whole(results, partition_of[doc_id], doc_id)[1].nquads)
        elif digest not in present:  # a block a build made after resolution is kept until no graph names it
            whole = _whole(results, partition_of[doc_id], doc_id)
            block = _remap(whole[0], extraction, actors, events, policies, merges, version, renames)
            if block.key != key:  # the sketch left out something resolution reads
                raise RuntimeError(f"{doc_id}: sketch key {key!r} differs from the whole key {block.key!r}")
            store.put(digest, block.nquads, replace=True)
            known[digest] = block.stats or block_stats(block.nquads)
            remapped += 1
        digests[doc_id] = digest
        edges += network_edges(extraction)
    derived = _cluster_graph(corroborate(resolved, state_dir), resolved, state.folder / _DERIVED)
    if derived:
        digests[CORROBORATION_KEY] = _digest(CORROBORATION_KEY, derived)
        store.put(digests[CORROBORATION_KEY], derived)
    log.info("combined %d documents: %d blocks mapped again after resolution", len(digests), remapped)
    # the counts lose the old contribution of each block that changed and gain the new one
    counts = Counts(state.folder / COUNTS_DIR)
    totals = counts.update(digests, known, lambda digest: block_stats(store.read(digest)))
    counts.save(totals)
    state.save(digests)
    # a block the previous graph named stays one more build: a step started from that graph's stored value
    # (a re-executed publish step) can still read it
    store.prune({*digests.values(), *state.digests.values()}, present)
    graph = KnowledgeGraph(
        StoredBlocks(store.root, digests, marks),  # type: ignore[arg-type]
        totals.class_counts(),
        totals.triples,
        tuple(sorted(set(edges))),
        dict(sorted(merges.items())),
        {e.document.doc_id: e.document.locator for e in resolved},
        tuple(retracted),
        digests,
        totals.predicate_counts(),
    )
    write_state(state.folder / _LAST, (signature, graph, gone))
    return graph, retracted


def unlisted(
    published: Mapping[str, str] | None, documents: Mapping[str, object], gone: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Retractions of documents the last release published that no stored result holds any more."""
    gone_locators = {locator for locator, _ in gone}
    return [
        (locator, "no longer listed by any source")
        for doc_id, locator in (published or {}).items()
        if doc_id not in documents and locator not in gone_locators
    ]


def _last_graph(
    path: Path, signature: str, store: BlockStore
) -> tuple[KnowledgeGraph, list[tuple[str, str]]] | None:
    """The graph the last build combined (and the documents gone at their source), if it combined the
    stored results of `signature` and its blocks are all still there."""
    kept = read_state(path)
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == signature):
        return None
    _, graph, gone = kept
    if not isinstance(graph, KnowledgeGraph) or not all(store.has(d) for d in graph.digests.values()):
        return None
    return graph, gone


def _cluster_graph(clusters: list[Cluster], resolved: list[Extraction], path: Path) -> str:
    """`cluster_graph`, reused from the last build when its input is the same: the clusters and, for
    their documents, the publisher and whether it is one of the document's actors."""
    by_id = {e.document.doc_id: e for e in resolved}
    facts = []
    for doc_id in sorted({d for c in clusters for d in c.documents}):
        document = by_id[doc_id].document
        facts.append((doc_id, document.publisher, any(a.name == document.publisher for a in by_id[doc_id].actors)))
    key = hashlib.sha256(repr((clusters, facts)).encode()).hexdigest()
    kept = read_tagged(path, key, str)
    if kept is not None:
        return kept
    nquads = cluster_graph(clusters, [by_id[d] for d, _, _ in facts])
    write_state(path, (key, nquads))
    return nquads


def _renamed(extraction: Extraction, merges: Mapping[str, str]) -> bool:
    """Whether renaming by `merges` changes what combining reads of the document's sketch."""
    if not merges:
        return False
    names = [a.name for a in extraction.actors]
    if len(set(names)) != len(names):  # renaming joins records of one name
        return True
    document = extraction.document
    return not merges.keys().isdisjoint(
        {
            *names,
            *_names(extraction),
            *(p.actor for e in extraction.events for p in e.participants),
            *(c.claimant for c in extraction.claims),
            *(c.event for c in extraction.claims if c.event),
            *document.authors,
            *([document.publisher] if document.publisher else []),
        }
    )


def _whole(results: Results, partition: str, doc_id: str) -> tuple[Extraction, MappedBlock]:
    result = results[partition]
    for extraction, block in zip(result.extractions, result.blocks, strict=True):  # type: ignore[attr-defined]
        if extraction.document.doc_id == doc_id:
            return extraction, block
    raise KeyError(doc_id)


def _remap(
    whole: Extraction,
    resolved_sketch: Extraction,
    actors: dict[str, str],
    events: dict[str, str],
    policies: dict[str, str],
    merges: dict[str, str],
    version: str,
    renames: str,
) -> MappedBlock:
    """The document resolved in full as `resolve_across_documents` does it, with the types that
    harmonising gave its sketch (the votes are the whole corpus's), then mapped."""
    resolved = resolve._rename_records(resolve._rename_actors(whole, actors), events, policies) if merges else whole
    types = {a.name: a.type for a in resolved_sketch.actors}
    resolved = replace(
        resolved,
        actors=tuple(replace(a, type=types[a.name]) if types.get(a.name, a.type) != a.type else a for a in resolved.actors),
    )
    return map_extraction(resolved, version, renames)
