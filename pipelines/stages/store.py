"""Publishing the graph into an on-disk Oxigraph store, one version directory per content.

Layout under the store root:

    versions/<id>/        an Oxigraph database (one named graph per document + the ontology graph)
    versions/<id>.json    the digest of each named graph that version holds
    CURRENT               the id of the version readers should open (replaced atomically)

A new version is prepared in its own directory and `CURRENT` is switched only once it is complete, so
readers never see a half-loaded graph and a failed load leaves the previous version serving. Opening a
database read-only while another process writes it is undefined in Oxigraph, which is why a version
directory is never written again once published.

A release that changes few graphs does not reload everything: the current version is copied with
Oxigraph's backup (hard links to its immutable files, so it costs little whatever the size), and in
the copy only the changed graphs are replaced, each in one transaction. A full release, or one that
changes much, is loaded into an empty database with the bulk loader, in parts loaded side by side. A
large one is loaded by a process of its own: the loader's batches take about a gigabyte each, and memory
a process has used is not returned to the system until it ends, so loading in the build's process would
keep its peak for the rest of the build. The blocks are streamed into the loader from where they are kept
(the block files of the state folder), never joined into one text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ontology import ONTOLOGY_FILE, iri
from pipelines.stages.atomic import owned_prefix, remove_abandoned, write_atomically
from pipelines.stages.graph import block_digest

log = logging.getLogger(__name__)
POINTER = "CURRENT"
_KEEP_VERSIONS = 2  # the current one and the one before it (a running server may still read it)
# above this share of changed graphs, loading everything with the bulk loader is cheaper than a delta
_DELTA_LIMIT = 0.25
# characters of N-Quads per part of a bulk load: about 250,000 quads, a quarter of one batch of Oxigraph's
# bulk loader. Its memory grows with the batch (about 4 bytes per character of N-Quads: 0.55 GB for a
# million quads here), so small parts keep it low, for a few percent more CPU time than whole batches
_PART_CHARS = 40_000_000
_LOADER_BYTES_PER_CHAR = 4
# the loader memory the parts in flight may take together (a part at a time whatever this says)
_LOAD_MEMORY = 1_000_000_000
# from this many graphs on, a full load runs in a process of its own (below, starting one costs more than
# the memory it gives back is worth)
_CHILD_MIN_GRAPHS = 1_000
_LOADING = ".loading-"  # + the machine and the process loading a version, its id, a unique suffix


@dataclass(frozen=True)
class StoreVersion:
    root: Path
    version: str
    quads: int
    named_graphs: int
    unchanged: bool  # the same content was already published: nothing was loaded
    replaced: int = 0  # graphs written by an incremental release (new or changed)
    removed: int = 0  # graphs dropped by an incremental release
    incremental: bool = False  # made from the previous version rather than loaded from scratch


def current_location(root: Path) -> Path | None:
    """The database directory readers should open, or None if nothing was published yet."""
    pointer = root / POINTER
    if not pointer.is_file():
        return None
    location = root / "versions" / pointer.read_text().strip()
    return location if location.is_dir() else None


@lru_cache(maxsize=1)
def ontology_nquads() -> str:
    """The ontology as N-Quads in its own named graph."""
    graph = ox.NamedNode(str(iri.ontology_graph_iri()))
    quads = ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    return "".join(f"{ox.Quad(q.subject, q.predicate, q.object, graph)} .\n" for q in quads)


def store_graphs(
    graphs: Mapping[str, str], digests: Mapping[str, str] | None = None
) -> tuple[_Blocks, dict[str, str]]:
    """Named graph IRI -> N-Quads of what the store holds (each document's graph and the ontology graph),
    and named graph IRI -> digest of that content (`digests`: the documents' when already known)."""
    names: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for doc_id in sorted(graphs):
        name = str(iri.graph_iri(doc_id))
        names[name] = doc_id
        hashes[name] = (digests or {}).get(doc_id) or block_digest(graphs[doc_id])
    ontology = str(iri.ontology_graph_iri())
    hashes[ontology] = block_digest(ontology_nquads())
    return _Blocks(graphs, names, ontology), hashes


class _Blocks(Mapping[str, str]):
    """Named graph IRI -> N-Quads, each block read from the graph only when asked for (an incremental
    release reads the changed ones)."""

    def __init__(self, graphs: Mapping[str, str], names: dict[str, str], ontology: str) -> None:
        self.graphs, self.names, self.ontology = graphs, names, ontology

    def __getitem__(self, name: str) -> str:
        return ontology_nquads() if name == self.ontology else self.graphs[self.names[name]]

    def __iter__(self) -> Iterator[str]:
        yield from self.names
        yield self.ontology

    def __len__(self) -> int:
        return len(self.names) + 1

    def __contains__(self, name: object) -> bool:
        return name == self.ontology or name in self.names

    @property
    def in_files(self) -> bool:
        """Whether the blocks are kept in files (`StoredBlocks`), which another process can read by name."""
        return hasattr(self.graphs, "path")

    def size(self, name: str) -> int:
        """About the length of a block (its bytes when it is kept in a file, which is then not read)."""
        if name != self.ontology and self.in_files:
            return self.graphs.path(self.names[name]).stat().st_size
        return len(self[name])


class _Stream(io.RawIOBase):
    """Blocks read one after the other as one stream of UTF-8 bytes: what the loader parses, without the
    text of a whole part in memory."""

    def __init__(self, blocks: Mapping[str, str], names: Sequence[str]) -> None:
        self.blocks, self.names = blocks, iter(names)
        self.chunk, self.offset = memoryview(b""), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.offset >= len(self.chunk):
            name = next(self.names, None)
            if name is None:
                return 0
            self.chunk, self.offset = memoryview(self.blocks[name].encode()), 0
        n = min(len(buffer), len(self.chunk) - self.offset)
        buffer[:n] = self.chunk[self.offset : self.offset + n]
        self.offset += n
        return n


def _parts(sizes: Sequence[int], workers: int) -> list[range]:
    """The blocks (their sizes, in order) cut into consecutive runs of about equal size: at least one per
    worker, and none larger than the loader's batch, so that each part is loaded by one batch of its own
    and the parts of one release load side by side."""
    total = sum(sizes)
    count = max(workers, -(-total // _PART_CHARS), 1)
    size = total / count
    starts = [0]
    filled = 0
    for i, length in enumerate(sizes):
        if i and filled >= size * len(starts) and len(starts) < count:
            starts.append(i)
        filled += length
    ends = [*starts[1:], len(sizes)]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def _bulk_load(store: ox.Store, blocks: _Blocks, names: Sequence[str]) -> None:
    """The named blocks into an empty store with Oxigraph's bulk loader, in parts loaded in parallel.

    One call of the bulk loader parses on the calling thread and sorts and writes each batch of a million
    quads on one more: a release of a million quads would use one core at a time. Parts of it loaded by
    several threads at once (the loader lets the GIL go) use them all. What the parts write is only seen
    once the version is switched to, so that they are committed separately does not matter."""

    def load(part: range) -> None:
        store.bulk_load(_Stream(blocks, [names[i] for i in part]), format=ox.RdfFormat.N_QUADS)

    parts = _parts([blocks.size(name) for name in names], _workers())
    in_flight = min(len(parts), _workers(), max(1, _LOAD_MEMORY // (_PART_CHARS * _LOADER_BYTES_PER_CHAR)))
    if in_flight == 1:
        for part in parts:
            load(part)
        return
    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        futures = [pool.submit(load, part) for part in parts]
        try:
            for future in futures:
                future.result()
        except BaseException:
            for future in futures:  # the release failed: the parts not started yet are not loaded
                future.cancel()
            raise


def _load_version(location: str, blocks: _Blocks, names: Sequence[str]) -> int:
    """A new database at `location` holding the named blocks; its number of quads."""
    store = ox.Store(location)
    _bulk_load(store, blocks, names)
    store.flush()
    return len(store)


def _load_version_apart(location: str, blocks: _Blocks, names: list[str]) -> int:
    """`_load_version` in a process of its own, started afresh (a fork would copy the build's memory
    and threads): what the loader took goes back to the system when the process ends. A block kept in a
    file reaches it as its name; its errors are raised here.

    The process allocates with jemalloc when the system has it (Debian's `libjemalloc2`): the loader
    sorts each batch as millions of small byte strings, and the C library's allocator spent a fifth of
    the load's CPU time allocating and freeing them."""
    _return_free_memory()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    allocator = _allocator()
    if allocator:
        env["LD_PRELOAD"] = " ".join(filter(None, [allocator, env.get("LD_PRELOAD")]))
    command = [sys.executable, "-c", f"from {__name__} import _load_from_stdin; _load_from_stdin({os.getpid()})"]
    job = pickle.dumps((location, blocks, names), protocol=pickle.HIGHEST_PROTOCOL)
    done = subprocess.run(command, input=job, stdout=subprocess.PIPE, env=env, check=False)
    try:
        outcome = pickle.loads(done.stdout)
    except Exception:
        outcome = None
    if isinstance(outcome, BaseException):
        raise outcome
    if done.returncode != 0 or not isinstance(outcome, int):
        raise RuntimeError(f"the process loading the store ended with exit code {done.returncode}")
    return outcome


def _load_from_stdin(parent: int) -> None:
    """The loading process: the job pickled on its standard input, what it returned or raised pickled on
    its standard output (anything else written there goes to standard error). It ends with `parent`, the
    build's process: a build that is killed leaves no load running on."""
    _end_with_parent(parent)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    location, blocks, names = pickle.load(sys.stdin.buffer)
    try:
        outcome: object = _load_version(location, blocks, names)
    except Exception as error:
        outcome = error
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)  # some exceptions pickle but do not unpickle (their own __init__ arguments)
    except Exception:  # then their text
        data = pickle.dumps(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    out.write(data)
    out.close()


def _end_with_parent(parent: int) -> None:
    """Have Linux kill this process when its parent ends (prctl PR_SET_PDEATHSIG); where that is not
    available the process runs to its end, as any child would."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (AttributeError, OSError):
        return
    prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request
        os._exit(1)


@lru_cache(maxsize=1)
def _allocator() -> str | None:
    return ctypes.util.find_library("jemalloc")


def _return_free_memory() -> None:
    """Hand the heap's free pages back to the system before the loading process takes its own. The C
    allocator keeps what the earlier steps freed (the dumps' large texts among it) for reuse: the build's
    process is otherwise as large when the store is loaded as at the largest step before it."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not the GNU C library
        return
    before = _rss_mb()
    trim(0)
    log.debug("free heap returned before loading the store: %s -> %s MB", before, _rss_mb())


def _rss_mb() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (OSError, ValueError, IndexError):
        return None


def _workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _manifest(versions: Path, version: str) -> tuple[dict[str, str] | None, int | None]:
    """A version's graphs (graph -> digest) and its number of quads, as its manifest recorded them (None
    when unreadable; no quad count in older manifests)."""
    try:
        data = json.loads((versions / f"{version}.json").read_text())
    except (OSError, ValueError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    graphs, quads = data.get("graphs"), data.get("quads")
    return (graphs if isinstance(graphs, dict) else None), (quads if isinstance(quads, int) else None)


def _graph_size(store: ox.Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def publish_to_store(graphs: Mapping[str, str], root: Path, digests: Mapping[str, str] | None = None) -> StoreVersion:
    """Publish the document graphs (doc id -> N-Quads of its named graph; `digests`: doc id -> digest of
    it, when known) plus the ontology as a new version and switch readers to it; from the current version
    when few graphs changed."""
    blocks, digests = store_graphs(graphs, digests)
    digests = dict(sorted(digests.items()))
    version = hashlib.sha256("".join(f"{g} {d}\n" for g, d in digests.items()).encode()).hexdigest()[:16]
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    target = versions / version
    current = (root / POINTER).read_text().strip() if (root / POINTER).is_file() else None
    if current == version and target.is_dir():
        _, quads = _manifest(versions, version)
        if quads is None:
            store = ox.Store.read_only(str(target))
            quads = len(store)
            del store
        return StoreVersion(root, version, quads, len(blocks), unchanged=True)
    previous, previous_quads = _manifest(versions, current) if current and (versions / current).is_dir() else (None, None)
    changed = [g for g, d in digests.items() if previous is None or previous.get(g) != d]
    removed = sorted(set(previous or ()) - set(digests))
    incremental = previous is not None and len(changed) + len(removed) <= _DELTA_LIMIT * max(len(digests), 1)
    remove_abandoned(versions, _LOADING)
    staging = Path(tempfile.mkdtemp(prefix=f"{owned_prefix(_LOADING)}{version}-", dir=versions))
    try:
        if incremental:
            staging.rmdir()  # backup() makes the directory itself
            source = ox.Store.read_only(str(versions / current))
            source.backup(str(staging))
            del source
            store = ox.Store(str(staging))
            # counting every quad takes a scan of the store: the count is the last one's, less and plus
            # the quads of the graphs replaced
            quads = previous_quads
            for graph in [*removed, *changed]:
                if quads is not None:
                    quads -= _graph_size(store, graph)
                store.remove_graph(ox.NamedNode(graph))
            for graph in changed:
                store.load(blocks[graph].encode(), format=ox.RdfFormat.N_QUADS)  # one transaction per graph
                if quads is not None:
                    quads += _graph_size(store, graph)
            store.flush()
            del store  # closes the database before it is moved
        else:
            # blocks kept in files reach a loading process as their names; blocks held in memory would
            # reach it as a second copy of the whole text, so they are loaded here
            apart = len(digests) >= _CHILD_MIN_GRAPHS and blocks.in_files
            load = _load_version_apart if apart else _load_version
            quads = load(str(staging), blocks, list(digests))
        shutil.rmtree(target, ignore_errors=True)
        write_atomically(versions / f"{version}.json", json.dumps({"graphs": digests, "quads": quads}, indent=0).encode())
        os.replace(staging, target)
    except BaseException:
        _remove(staging)
        raise
    write_atomically(root / POINTER, f"{version}\n".encode())  # readers switch to the new version
    _prune(versions, keep=version)
    log.info(
        "store version %s: %s, %d graphs replaced, %d removed",
        version,
        "incremental" if incremental else "bulk load",
        len(changed),
        len(removed),
    )
    return StoreVersion(
        root,
        version,
        quads,
        len(blocks),
        unchanged=False,
        replaced=len(changed),
        removed=len(removed),
        incremental=incremental,
    )


def _remove(staging: Path, attempts: int = 50) -> None:
    """Delete a version that failed to load. The database is still open there (the exception's frames
    hold it) and may be compacting what parts already loaded, adding files while they are deleted: try
    again until the folder is gone."""
    for _ in range(attempts):
        shutil.rmtree(staging, ignore_errors=True)
        if not staging.exists():
            return
        time.sleep(0.1)
    log.warning("could not delete %s, left by a failed load", staging)


def _prune(versions: Path, keep: str) -> None:
    """Drop old versions but the newest other one (a server started on it may still read it)."""
    others = sorted(
        (p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in others[_KEEP_VERSIONS - 1 :]:
        shutil.rmtree(path, ignore_errors=True)
    kept = {p.name for p in versions.iterdir() if p.is_dir()}
    for manifest in versions.glob("*.json"):
        if manifest.stem not in kept:
            manifest.unlink(missing_ok=True)
