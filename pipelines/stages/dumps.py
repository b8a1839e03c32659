"""Publishing the graph as files: Turtle (everything merged), TriG (named graphs), N-Triples (plain and
gzip), JSON-LD, the ontology and shapes, a VoID + DCAT description, the actor-event network picture and
an HTML landing page. All files are written to a staging folder first and moved into place only when
every one of them was written, so a failed run never replaces a good dump with a broken one.

A release costs what changed, not the whole corpus: each large file is a sequence of pieces, and a piece
whose input did not change is copied from the previous file (where it sits is kept in an index in the
state folder) instead of being serialised again. TriG and JSON-LD have one piece per document graph;
Turtle and the gzip of the N-Triples one piece per chunk of the sorted triples, cut where the content
says (a line whose checksum ends in enough zero bits, then the next change of subject), so one changed
document changes a few chunks and the same graph always gives the same bytes, built at once or
release by release. The gzip file is a sequence of gzip members, which every gzip reader reads as one
stream."""

from __future__ import annotations

import bisect
import gzip
import hashlib
import itertools
import json
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.namespace import PREFIXES, SOVKG
from pipelines.stages.atomic import (
    mapped,
    owned_prefix,
    read_state,
    remove_abandoned,
    remove_later,
    swap_in,
    write_state,
)
from pipelines.stages.blocks import StoredBlocks
from pipelines.stages.changes import CHANGES_JSON, CHANGES_TTL, write_release
from pipelines.stages.charts import DRAWING, network_png, network_selection
from pipelines.stages.description import landing_page, release_date, void_description
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.merge import Merged, Merger, merge_all, triple_lines

DEFAULT_BASE_URL = "http://127.0.0.1:7878"  # where `sovkg serve` listens by default

DATA_FILES = (
    "dataset.ttl",
    "dataset.trig",
    "dataset.nt",
    "dataset.nt.gz",
    "dataset.jsonld",
    "ontology.ttl",
    "shapes.ttl",
    "network.png",
)
DUMP_FILES = (*DATA_FILES, "void.ttl", "index.html", "manifest.json", CHANGES_JSON, CHANGES_TTL)
_EXAMPLE_CLASSES = ("Person", "GovernmentBody", "Event", "Policy", "Claim")
# in the state folder: where each piece sits in the published files (a pickle: read and written each
# release, it grows with the corpus, and pickle reads and writes it some times faster than JSON)
_INDEX_FILE = "dumps-index.pickle"
# a chunk of the sorted triples starts at a subject IRI ending in "0" (about one subject in 16 where IRIs
# end in a hash), so a subject's triples stay in one chunk
_CHUNK_MARK = b"0> <"
# pieces to make anew from which on they are made by a pool of processes (making a TriG, JSON-LD or Turtle
# piece holds the GIL): a first release makes thousands, a release that changed a few documents a handful,
# for which starting processes would cost more than it saves
_POOL_FROM = 200
_STAGING = ".staging-"  # + the machine and the id of the process writing the release, + a unique suffix
_BATCH = 16  # pieces a process makes per task
_AHEAD = 8  # batches given to the pool ahead of the writer, so memory does not grow with the corpus


@dataclass(frozen=True)
class PublishedDump:
    out_dir: Path
    files: dict[str, int]  # name -> bytes
    triples: int  # distinct triples of the merged default graph
    quads: int
    unchanged: bool = False  # the same graph was already published: the files were left as they were
    reused: int = 0  # pieces copied from the previous files instead of serialised again


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _example_lines(ntriples: bytes) -> dict[str, bytes | None]:
    """Of each main class, the first line of sorted N-Triples typing an IRI (not a blank node) with it:
    its first resource in sorted order, stable across runs."""
    found: dict[str, bytes | None] = {}
    for name in _EXAMPLE_CLASSES:
        found[name] = None
        pattern = _type_pattern(name)
        at = ntriples.find(pattern)
        while at >= 0:
            start = ntriples.rfind(b"\n", 0, at) + 1
            if ntriples.startswith(b"<", start):  # an IRI, not a blank node
                found[name] = bytes(ntriples[start : at + len(pattern) - 1])
                break
            at = ntriples.find(pattern, at + 1)
    return found


def _type_pattern(name: str) -> bytes:
    return f"> <{RDF.type}> <{SOVKG[name]}> .\n".encode()


def _edited_example_lines(old: dict[str, bytes | None], merged: Merged) -> dict[str, bytes | None] | None:
    """`_example_lines` of an edited text from those of the text before (`old`): sorted lines make each
    example the least line of its pattern, so it is the old one, unless removed, or a smaller added one.
    None when an example was removed (the text is searched again)."""
    removed = set(merged.removed)
    found: dict[str, bytes | None] = {}
    for name in _EXAMPLE_CLASSES:
        if name not in old:
            return None
        line = old[name]
        if line is not None and line in removed:
            return None
        pattern = _type_pattern(name)
        for added in merged.added:  # sorted: the first that matches is the least
            if line is not None and added >= line:
                break
            at = (added + b"\n").find(pattern)
            if at >= 0 and added.startswith(b"<"):
                line = added
                break
        found[name] = line
    return found


def _examples(lines: dict[str, bytes | None]) -> list[str]:
    """The IRIs of the example lines, in class order."""
    return [line[1 : line.index(b"> ")].decode() for line in lines.values() if line is not None]


def _previous(out_dir: Path, digest: str) -> PublishedDump | None:
    """The dump already in `out_dir` if it was made from the same graph (re-running changes nothing)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    if manifest.get("graph_sha256") != digest or not all((out_dir / n).is_file() for n in DUMP_FILES):
        return None
    sizes = {name: (out_dir / name).stat().st_size for name in DUMP_FILES}
    return PublishedDump(out_dir, sizes, manifest["triples"], manifest["quads"], unchanged=True)


def _read_index(path: Path) -> dict[str, dict]:
    index = read_state(path)
    return index if isinstance(index, dict) else {}


def _stat(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _unchanged(path: Path, entry: dict) -> bool:
    """The file is still the one the index describes (nobody replaced it since)."""
    return path.is_file() and _stat(path) == entry.get("stat")


def _key(data: bytes | memoryview) -> str:
    """What a piece holds, as a key. SHA-256 (truncated): processors hash it in hardware, three times as
    fast as BLAKE2 here, and a first release hashes every chunk of the triples."""
    return hashlib.sha256(data).hexdigest()[:32]


class _Pieces:
    """The pieces of one previously published file, by key, if the file is still the one indexed."""

    def __init__(self, path: Path, entry: dict | None) -> None:
        self.data = memoryview(b"")
        self.where: dict[str, list[int]] = {}
        if entry and _unchanged(path, entry):
            self.data = memoryview(mapped(path))  # slices of it are not copied
            self.where = entry["pieces"]
        self.reused = 0

    def missing(self, items: list[tuple[str, object]]) -> int:
        """How many of these pieces have to be made anew."""
        return sum(1 for _ in self.to_make(items))

    def to_make(self, items: list[tuple[str, object]]) -> Iterator[object]:
        """The items whose pieces have to be made anew, in order (`get` asks for them in this order)."""
        return (item for key, item in items if key not in self.where)

    def get(self, key: str, make: Callable[[], bytes]) -> bytes | memoryview:
        if key in self.where:
            offset, length = self.where[key]
            self.reused += 1
            return self.data[offset : offset + length]
        return make()


def _write_pieces(
    path: Path,
    pieces: Iterable[tuple[str, bytes | memoryview]],
    *,
    header: bytes = b"",
    separator: bytes = b"",
    footer: bytes = b"",
) -> tuple[dict[str, list[int]], str]:
    """Write header, pieces and footer; return where each piece sits (by key) for the next release, and
    the file's SHA-256 (computed while writing, so the file is not read back)."""
    where: dict[str, list[int]] = {}
    digest = hashlib.sha256()
    with open(path, "wb") as out:

        def put(data: bytes | memoryview) -> None:
            out.write(data)
            digest.update(data)

        put(header)
        offset = len(header)
        for n, (key, data) in enumerate(pieces):
            if n:
                put(separator)
                offset += len(separator)
            put(data)
            where[key] = [offset, len(data)]
            offset += len(data)
        put(footer)
    return where, digest.hexdigest()


def _prefix_header() -> bytes:
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in _prefixes().items()).encode()


def _without_prefixes(serialised: bytes) -> bytes:
    """Oxigraph starts each serialisation with its @prefix lines: the file has them once, at the top."""
    body = serialised
    while body.startswith(b"@prefix "):
        body = body[body.index(b"\n") + 1 :]
    return body


def _block_bytes(block: str | Path) -> bytes:
    return block.read_bytes() if isinstance(block, Path) else block.encode()


def _trig_piece(block: str | Path) -> bytes:
    """One named graph as TriG (`block`: its N-Quads, or the file that holds them)."""
    quads = ox.parse(_block_bytes(block), format=ox.RdfFormat.N_QUADS)
    return _without_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes()))


def _jsonld_piece(block: str | Path) -> bytes:
    """One named graph as a JSON-LD graph object (Oxigraph writes a one-element array around it)."""
    quads = ox.parse(_block_bytes(block), format=ox.RdfFormat.N_QUADS)
    return ox.serialize(quads, format=ox.RdfFormat.JSON_LD).strip()[1:-1]


def _turtle_piece(chunk: bytes | memoryview) -> bytes:
    triples = ox.parse(bytes(chunk), format=ox.RdfFormat.N_TRIPLES)
    return _without_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes()))


def _gzip_piece(chunk: bytes | memoryview) -> bytes:
    return gzip.compress(chunk, compresslevel=6, mtime=0)  # mtime 0: the same graph gives the same bytes


def chunks(ntriples: bytes) -> list[bytes]:
    """Sorted N-Triples cut into chunks by content (see `_CHUNK_MARK`), so a change to a few triples
    changes a few chunks and the same triples always give the same chunks."""
    starts = [0]
    at = ntriples.find(_CHUNK_MARK)
    while at >= 0:
        line = ntriples.rfind(b"\n", 0, at) + 1
        subject = ntriples[line : at + 3]  # with the space after it
        if b" " not in subject[:-1] and line:
            line_before = ntriples.rfind(b"\n", 0, line - 1) + 1
            if not ntriples.startswith(subject, line_before) and line != starts[-1]:
                starts.append(line)
        at = ntriples.find(_CHUNK_MARK, at + len(_CHUNK_MARK))
    starts.append(len(ntriples))
    return [ntriples[a:b] for a, b in itertools.pairwise(starts)]


def rechunk(
    old_chunks: list[list], old_size: int, edits: tuple[tuple[int, int, bytes], ...], ntriples: bytes
) -> list[tuple[int, int, str | None]] | None:
    """The chunks of `ntriples`, which `edits` (offset in the old text, bytes removed there, bytes
    inserted there; sorted) made from a text of `old_size` bytes cut into `old_chunks` ([offset, length,
    key]): (offset, length, key, or None for a chunk to hash) in the new text. Whether a line starts a
    chunk depends on it and the line before it, so only the chunks around an edit and their neighbours are
    cut again, and the others keep their key. None when `old_chunks` do not cover the old text."""
    if not old_chunks or old_chunks[0][0] != 0 or sum(c[1] for c in old_chunks) != old_size:
        return None
    starts = [c[0] for c in old_chunks]
    last = len(old_chunks) - 1
    dirty: set[int] = set()
    shifts: list[int] = []  # the size change made by the edits up to each one
    for offset, skip, insert in edits:
        i = bisect.bisect_right(starts, offset) - 1
        # an edit at a chunk's first byte also ends the chunk before it
        dirty.update(range(i - 2 if offset == starts[i] else i - 1, i + 2))
        shifts.append((shifts[-1] if shifts else 0) + len(insert) - skip)
    offsets = [e[0] for e in edits]

    def moved(old: int) -> int:  # the new offset of an old one no edit sits at
        before = bisect.bisect_left(offsets, old)
        return old + (shifts[before - 1] if before else 0)

    out: list[tuple[int, int, str | None]] = []
    i = 0
    while i <= last:
        if i not in dirty:
            offset, length, key = old_chunks[i]
            out.append((moved(offset), length, key))
            i += 1
            continue
        j = i
        while j < last and j + 1 in dirty:
            j += 1
        at = moved(old_chunks[i][0])
        end = moved(old_chunks[j][0] + old_chunks[j][1]) if j < last else len(ntriples)
        for piece in chunks(ntriples[at:end]):
            out.append((at, len(piece), None))
            at += len(piece)
        i = j + 1
    return out


def merged_ntriples(graph: KnowledgeGraph) -> tuple[bytes, int]:
    """The merged default graph as sorted, deduplicated N-Triples, and its number of triples."""
    return merge_all(triple_lines(doc_id, graph.graphs[doc_id]) for doc_id in sorted(graph.graphs))


def write_dumps(
    graph: KnowledgeGraph,
    out_dir: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    state_dir: Path | None = None,
    workers: int = 1,
) -> PublishedDump:
    """Write the dump files for `graph` into `out_dir`, reusing the unchanged pieces of the previous ones
    (`state_dir`: where their index is kept; default `out_dir/.state`; `workers`: processes that may make
    pieces)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    index_file = (state_dir or out_dir / ".state") / _INDEX_FILE
    doc_keys = {doc_id: graph.digest(doc_id) for doc_id in sorted(graph.graphs)}
    # the graph's identity: its documents' digests (each stands for the bytes of one named graph)
    digest = hashlib.sha256("".join(f"{d} {k}\n" for d, k in doc_keys.items()).encode() + base_url.encode()).hexdigest()
    previous = _previous(out_dir, digest)
    if previous is not None:
        return previous
    index = _read_index(index_file)
    remove_abandoned(out_dir, _STAGING)
    staging = Path(tempfile.mkdtemp(prefix=owned_prefix(_STAGING), dir=out_dir))
    new_index: dict[str, dict] = {}
    try:
        with _Files(staging, out_dir, index, workers) as files:
            # the files of one piece per document first: they are made while the triples are merged
            # (a document's block is read only when its piece is made: the graph may hold them in the
            # state folder)
            by_doc = [(doc_keys[d], d) for d in sorted(graph.graphs)]
            files.start("dataset.trig", by_doc, _trig_piece, partial(_block_source, graph), header=_prefix_header())
            files.start(
                "dataset.jsonld",
                by_doc,
                _jsonld_piece,
                partial(_block_source, graph),
                header=b"[",
                separator=b",",
                footer=b"]",
            )
            network_key = _key(repr((DRAWING, network_selection(graph.edges))).encode())
            old_png = index.get("network.png", {})
            if old_png.get("key") == network_key and _unchanged(out_dir / "network.png", old_png):
                picture = None  # the picture would be the same: the old file is copied
                shutil.copyfile(out_dir / "network.png", staging / "network.png")
            else:
                picture = files.call(network_png, graph.edges)
            # the merged triples are deduplicated and sorted as N-Triples text, much faster than as parsed
            # terms; a release that changed a few documents edits the previous text instead
            merger = Merger(index_file.parent)
            merged = merger.merge(graph.graphs, doc_keys, out_dir / "dataset.nt")
            ntriples, triple_count = merged.ntriples, merged.triples
            quad_count = graph.triples or sum(block.count("\n") for block in graph.graphs.values())
            nt_entry = index.get("dataset.nt") or {}
            spans = None
            if merged.incremental and _unchanged(out_dir / "dataset.nt", nt_entry):
                spans = rechunk(nt_entry.get("chunks") or [], merged.previous_size, merged.edits, ntriples)
            if spans is None:
                spans = list(_spans(chunks(ntriples)))
            view = memoryview(ntriples)  # slices of it are not copied
            chunk_keys = [key or _key(view[offset : offset + length]) for offset, length, key in spans]
            by_chunk = [(key, view[o : o + n]) for (o, n, _), key in zip(spans, chunk_keys, strict=True)]
            files.start("dataset.ttl", by_chunk, _turtle_piece, bytes, header=_prefix_header())
            files.start("dataset.nt.gz", by_chunk, _gzip_piece, bytes)
            nt_sum = files.threads.submit(_write_bytes, staging / "dataset.nt", ntriples)
            shutil.copyfile(ONTOLOGY_FILE, staging / "ontology.ttl")
            shutil.copyfile(SHAPES_FILE, staging / "shapes.ttl")
            released = release_date()
            release = write_release(  # changes.json/ttl
                staging,
                out_dir,
                ntriples,
                digest,
                released,
                state_dir=index_file.parent,
                touched=merged.touched if merged.incremental else None,
            )
            example_lines = None
            if merged.incremental and _unchanged(out_dir / "dataset.nt", nt_entry):
                example_lines = _edited_example_lines(nt_entry.get("examples") or {}, merged)
            if example_lines is None:
                example_lines = _example_lines(ntriples)
            examples = _examples(example_lines)
            if picture is not None:
                (staging / "network.png").write_bytes(picture.result())
            written: dict[str, dict[str, list[int]]] = {}
            sums = {"dataset.nt": nt_sum.result()}
            reused = 0
            for name, future in files.futures.items():
                written[name], sums[name], count = future.result()
                reused += count
        downloads = {
            name: ((staging / name).stat().st_size, sums.get(name) or _sha256(staging / name)) for name in DATA_FILES
        }
        (staging / "void.ttl").write_text(
            void_description(
                base_url=base_url,
                triples=triple_count,
                class_counts=graph.class_counts,
                downloads=downloads,
                examples=examples,
                released=released,
                release=release,
            ),
            encoding="utf-8",
        )
        (staging / "index.html").write_text(
            landing_page(triples=triple_count, class_counts=graph.class_counts, downloads=downloads, released=released),
            encoding="utf-8",
        )
        manifest = {
            "triples": triple_count,
            "quads": quad_count,
            "named_graphs": len(graph.graphs),
            "classes": graph.class_counts,
            "files": {name: sha for name, (_, sha) in downloads.items()},
            "graph_sha256": digest,
            "release": release.id,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        for name in DUMP_FILES:
            swap_in(staging / name, out_dir / name)  # the old file, if any, goes to the staging folder
        for name, where in written.items():
            new_index[name] = {"stat": _stat(out_dir / name), "pieces": where}
        new_index["network.png"] = {"stat": _stat(out_dir / "network.png"), "key": network_key}
        new_index["dataset.nt"] = {
            "stat": _stat(out_dir / "dataset.nt"),
            "chunks": [[offset, length, key] for (offset, length, _), key in zip(spans, chunk_keys, strict=True)],
            "examples": example_lines,
        }
        write_state(index_file, new_index)
        merger.commit(out_dir / "dataset.nt")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    remove_later(staging)  # the old release's files, exchanged out of place
    sizes = {name: (out_dir / name).stat().st_size for name in DUMP_FILES}
    return PublishedDump(out_dir, sizes, triple_count, quad_count, reused=reused)


class _Files:
    """The large files of a release, each written by a thread. Where a file has many pieces to make anew
    (a first release, or one after a full rebuild), a pool of processes makes them (making a TriG, JSON-LD
    or Turtle piece holds the GIL) and the thread only writes and hashes; a few are made by the thread
    (writing, SHA-256 and zlib release the GIL, so the files are written beside the rest of the release,
    which is Python work)."""

    def __init__(self, staging: Path, out_dir: Path, index: dict[str, dict], workers: int) -> None:
        self.staging, self.out_dir, self.index, self.workers = staging, out_dir, index, workers
        self.processes: ProcessPoolExecutor | None = None
        self.threads = ThreadPoolExecutor(max_workers=6)  # the four files, the N-Triples and the picture
        self.futures: dict[str, Future] = {}

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None and self.processes is not None:
            self.processes.shutdown(wait=False, cancel_futures=True)  # a failed release makes no more pieces
        self.threads.shutdown()  # the threads first: they may still be handing pieces to the processes
        if self.processes is not None:
            self.processes.shutdown()

    def _pool(self) -> ProcessPoolExecutor:
        if self.processes is None:
            # started by a fork server, not forked from this process: a fork would copy a process that
            # holds the whole graph and runs threads, and each worker would count all of it as its own
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])  # imported once, by the server (if it starts now)
            self.processes = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self.processes

    def start(
        self, name: str, items: list[tuple[str, object]], make: Callable, reads: Callable, **layout: bytes
    ) -> None:
        """Write the file `name` of `items` (key, item) in a thread; a piece not in the previous file is
        `make(reads(item))`."""
        old = _Pieces(self.out_dir / name, self.index.get(name))
        if self.processes is not None or (self.workers > 1 and old.missing(items) >= _POOL_FROM):
            made = _made_in(self._pool(), make, map(reads, old.to_make(items)))
            piece = lambda _: next(made)  # noqa: E731  (in the order `_Pieces.get` asks for them)
        else:
            piece = lambda item: make(reads(item))  # noqa: E731
        self.futures[name] = self.threads.submit(_write_file, self.staging / name, old, items, piece, layout)

    def call(self, function: Callable, *args: object) -> Future:
        """`function(*args)`: in the pool of processes if there is one, else in a thread."""
        return (self.processes or self.threads).submit(function, *args)


def _write_file(
    path: Path, old: _Pieces, items: list[tuple[str, object]], make: Callable, layout: dict[str, bytes]
) -> tuple[dict[str, list[int]], str, int]:
    """One file of pieces: where each sits, the file's SHA-256 and how many pieces were reused."""
    where, digest = _write_pieces(path, ((key, old.get(key, partial(make, item))) for key, item in items), **layout)
    return where, digest, old.reused


def _block_source(graph: KnowledgeGraph, doc_id: str) -> str | Path:
    """A document's block, or the file that holds it (what another process reads cheaper than a copy)."""
    blocks = graph.graphs
    return blocks.path(doc_id) if isinstance(blocks, StoredBlocks) else blocks[doc_id]


def _made_in(processes: Executor, make: Callable[[object], bytes], items: Iterable[object]) -> Iterator[bytes]:
    """`make` of each item, in order, made by `processes` in batches, a bounded number of batches ahead."""
    ahead: deque = deque()
    for batch in _batched(items):
        ahead.append(processes.submit(_make_all, make, batch))
        if len(ahead) >= _AHEAD:
            yield from ahead.popleft().result()
    while ahead:
        yield from ahead.popleft().result()


def _batched(items: Iterable[object]) -> Iterator[tuple]:
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, _BATCH)):
        yield batch


def _make_all(make: Callable[[object], bytes], items: tuple) -> list[bytes]:
    return [make(item) for item in items]


def _write_bytes(path: Path, data: bytes) -> str:
    """Write `data` to `path`; its SHA-256."""
    with open(path, "wb") as out:
        out.write(data)
    return hashlib.sha256(data).hexdigest()


def _spans(pieces: list[bytes]) -> Iterable[tuple[int, int, None]]:
    offset = 0
    for piece in pieces:
        yield offset, len(piece), None
        offset += len(piece)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
