"""One catalog entry in, its extractions out: read (file or conditional GET), split archive pages,
parse and extract, reusing the previous result when the bytes did not change.

The cache lives in the state folder, keyed by document id; an entry is re-parsed only when its
content hash or the pipeline version changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ontology.records import Extraction, RawDocument, Skipped
from pipelines.stages.atomic import locked, read_json, write_json, write_state
from pipelines.stages.graph import MappedBlock
from pipelines.stages.process import DEFAULT_TIME_BUDGET_S, process_raw, run_each
from pipelines.version import VERSION
from sources.catalog import Source
from sources.fetch import FetchError, Gone
from sources.web import Discovery, Entry, fetcher_for, read_entry

log = logging.getLogger(__name__)
_READERS = 8  # threads reading files and pages
INDEX_FILE = "catalog-index.json"
PUBLISHED_FILE = "published.json"
HASHES_FILE = "content-hashes.json"  # document id -> content hash of the bytes last parsed
# local file -> [size, modification time, inode change time (ns), inode, SHA-256] when it was hashed
FILE_HASHES_FILE = "file-hashes.json"
_RACY_NS = 2_000_000_000
# the documents whose new hashes were just recorded, and when: their stored results are written after
# that, by the IO manager, so a result older than this was cut off by a killed run and is not current
RECORDED_FILE = "hashes-recorded.json"
# batch runs side by side update the two files above: each read-modify-write holds this lock
HASHES_LOCK = "content-hashes.lock"
_CLOCK_LAG_S = 0.05  # file times come from the kernel's coarse clock, a few ms behind time.time()
RESULTS_DIR = ("assets", "documents")  # where the IO manager keeps each partition's DocumentResult
RESULT_VERSION = f"{VERSION}/2"  # the pipeline version and the DocumentResult layout (2: mapped blocks)


@dataclass(frozen=True)
class DocumentResult:
    """What one entry gave: the extractions of its documents (several for an archive page), documents
    skipped with their reason, or the reason it is gone at its source (then it is retracted)."""

    entry: Entry
    content_hash: str | None = None
    extractions: tuple[Extraction, ...] = ()
    blocks: tuple[MappedBlock, ...] = ()  # each extraction's named graph, mapped by the worker
    skipped: tuple[Skipped, ...] = ()
    gone: str | None = None
    reused: bool = False  # unchanged since the last run: not re-parsed
    not_modified: bool = False  # the server answered 304
    notes: tuple[str, ...] = ()
    version: str = RESULT_VERSION  # results of another pipeline version or layout are parsed again


def write_index(state: Path, discovery: Discovery) -> None:
    write_json(state / INDEX_FILE, discovery.to_json())  # no indent: json's C encoder only writes without


def read_index(state: Path) -> Discovery:
    return Discovery.from_json(read_json(state / INDEX_FILE, {}))


def read_published(state: Path) -> dict[str, str]:
    """Document id -> locator of what the last successful publish holds."""
    return read_json(state / PUBLISHED_FILE, {})


def write_published(state: Path, locators: dict[str, str]) -> None:
    write_json(state / PUBLISHED_FILE, dict(sorted(locators.items())))


def read_hashes(state: Path) -> dict[str, str]:
    return read_json(state / HASHES_FILE, {})


def read_recorded(state: Path) -> dict[str, float]:
    """Document id -> when its hash was recorded, for results that may not be stored yet."""
    recorded = read_json(state / RECORDED_FILE, {})
    if not isinstance(recorded, dict):
        return {}
    if "at" in recorded:  # the layout of earlier versions: one time for the documents of one run
        return {doc_id: recorded["at"] for doc_id in recorded.get("documents", [])}
    return {doc_id: at for doc_id, at in recorded.get("documents", {}).items()}


def write_hashes(state: Path, results: dict[str, DocumentResult]) -> None:
    """Record the content hash of every result of this run (kept for the other documents). Runs that
    read batches of documents side by side each add theirs: the update is made under a file lock, so
    none is lost."""
    folder = state.joinpath(*RESULTS_DIR)
    with locked(state / HASHES_LOCK):
        now = time.time()
        recorded = {
            doc_id: at
            for doc_id, at in read_recorded(state).items()
            if doc_id not in results and _unsaved(folder / f"{doc_id}.pickle", at)
        }
        recorded.update(dict.fromkeys(results, now))
        write_json(state / RECORDED_FILE, {"documents": dict(sorted(recorded.items()))})
        hashes = read_hashes(state)
        for doc_id, result in results.items():
            if result.content_hash:
                hashes[doc_id] = result.content_hash
            else:
                hashes.pop(doc_id, None)
        write_json(state / HASHES_FILE, dict(sorted(hashes.items())))


def _unsaved(result: Path, recorded_at: float) -> bool:
    """The stored result predates the hash recorded for it: the run that recorded it did not store it."""
    try:
        return result.stat().st_mtime < recorded_at - _CLOCK_LAG_S
    except OSError:
        return True


class ResultCache:
    """The previous run's result of each document, as the IO manager stored it."""

    def __init__(self, state: Path) -> None:
        self.folder = state.joinpath(*RESULTS_DIR)

    def get(self, doc_id: str) -> DocumentResult | None:
        path = self.folder / f"{doc_id}.pickle"
        if not path.is_file():
            return None
        try:
            result = pickle.loads(path.read_bytes())
        except Exception:  # written by another version or cut short: read the document again
            return None
        return result if isinstance(result, DocumentResult) and result.version == RESULT_VERSION else None


class _FileHashes:
    """The SHA-256 of local files, kept with the size, times and inode they had when hashed, so a file
    none of which changed since is not read again (the inode change time also moves when a file's
    modification time is set back, and the inode when a file is replaced by a copy). A file hashed
    within `_RACY_NS` of its last modification is not kept: a write in the same clock tick could change
    its bytes without changing its times."""

    def __init__(self, state: Path) -> None:
        self.path = state / FILE_HASHES_FILE
        try:
            known = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            known = {}
        self.known: dict[str, list] = known if isinstance(known, dict) else {}
        self.changed = False

    def sha256(self, path: str) -> str:
        """The file's SHA-256 (raises OSError when it cannot be read)."""
        stat = os.stat(path)
        seen = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        kept = self.known.get(path)
        if isinstance(kept, list) and len(kept) == 5 and kept[:4] == seen:
            return kept[4]
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if time.time_ns() - stat.st_mtime_ns > _RACY_NS:
            self.known[path] = [*seen, digest]
            self.changed = True
        return digest

    def save(self) -> None:
        if self.changed:
            write_json(self.path, self.known)


def changed_entries(
    entries: list[Entry],
    state: Path,
    *,
    web_pages: bool = True,
    sources: dict[str, Source] | None = None,
    fresh_since: float | None = None,
) -> set[str]:
    """Documents that must be read in this run: new ones, local files whose bytes changed, any without
    a stored result, and (with `web_pages`) web pages whose conditional GET (with `sources`) says they
    changed or, without `sources`, every web page. Pages fetched since `fresh_since` (by discovery) are
    not asked for again."""
    hashes = read_hashes(state)
    folder = state.joinpath(*RESULTS_DIR)
    recorded = read_recorded(state)
    file_hashes = _FileHashes(state)
    changed = set()
    for entry in entries:
        stored = folder / f"{entry.doc_id}.pickle"
        if entry.doc_id not in hashes or not stored.is_file():
            changed.add(entry.doc_id)
            continue
        if entry.doc_id in recorded and _unsaved(stored, recorded[entry.doc_id]):
            changed.add(entry.doc_id)  # its hash was recorded but the run was killed before its result
            continue
        if entry.path is None:
            if web_pages and sources is None:
                changed.add(entry.doc_id)
            continue
        try:
            if file_hashes.sha256(entry.path) != hashes[entry.doc_id]:
                changed.add(entry.doc_id)
        except OSError:
            changed.add(entry.doc_id)
    file_hashes.save()
    if web_pages and sources is not None:
        known = [e for e in entries if e.path is None and e.doc_id not in changed]
        changed |= _probe(known, sources, state, hashes, fresh_since)
    return changed


def _probe(
    entries: list[Entry], sources: dict[str, Source], state: Path, hashes: dict[str, str], fresh_since: float | None
) -> set[str]:
    """Web pages whose bytes differ from the last parsed ones, by conditional GET (a 304 for the rest);
    a page that fails or is gone counts as changed, so the run records why."""
    outcomes, _ = _read_entries(entries, sources, state, fresh_since)
    return {
        entry.doc_id
        for entry, outcome in outcomes
        if isinstance(outcome, DocumentResult) or outcome.raw.content_hash != hashes.get(entry.doc_id)
    }


@dataclass(frozen=True)
class _Read:
    raw: RawDocument
    not_modified: bool
    notes: tuple[str, ...]


def _read_entries(
    entries: list[Entry], sources: dict[str, Source], state: Path, fresh_since: float | None = None
) -> tuple[list[tuple[Entry, DocumentResult | _Read]], int]:
    """Each entry's bytes, or its result when it could not be read (gone, or skipped with the reason),
    and the number of HTTP requests sent. Pages are read by a few threads: the per-host rate limit
    still spaces requests to one host, and different hosts (or a limit of 0) are fetched side by side.
    Pages the server sent or confirmed since `fresh_since` are read from the HTTP cache."""
    fetchers = {
        name: fetcher_for(source, state / "http", fresh_since)
        for name, source in sources.items()
        if any(e.source == name and e.path is None for e in entries)
    }

    def read(entry: Entry) -> tuple[Entry, DocumentResult | _Read]:
        try:
            raw, fetched = read_entry(entry, sources.get(entry.source), fetchers.get(entry.source))
        except Gone as gone:
            return entry, DocumentResult(entry, gone=str(gone))
        except (FetchError, ValueError, OSError) as error:
            return entry, DocumentResult(entry, skipped=(Skipped(entry.locator, str(error)),))
        except Exception as error:  # a bug in reading one entry must not stop the others
            reason = f"read failed: {type(error).__name__}: {error}"
            return entry, DocumentResult(entry, skipped=(Skipped(entry.locator, reason),))
        return entry, _Read(raw, bool(fetched and fetched.not_modified), fetched.notes if fetched else ())

    try:
        with ThreadPoolExecutor(max_workers=_READERS) as pool:
            outcomes = list(pool.map(read, entries))
        return outcomes, sum(f.requests for f in fetchers.values())
    finally:
        for fetcher in fetchers.values():
            fetcher.close()


def _spooled(result: DocumentResult, spool: Path | None) -> DocumentResult:
    """With `spool`, the whole result is written there (`<doc_id>.pickle`) and what is returned is the
    result without its extractions and blocks: the few fields the documents step reports and records."""
    if spool is None:
        return result
    write_state(spool / f"{result.entry.doc_id}.pickle", result)
    return replace(result, extractions=(), blocks=())


def _processed(entry: Entry, read: _Read, spool: Path | None) -> DocumentResult:
    """One entry split, parsed, extracted, mapped and validated (see `process_raw`), as its result; in a
    worker process, which writes the whole result to the spool itself, so it is not sent to the parent."""
    outcomes = process_raw(read.raw)
    done = [o for o in outcomes if not isinstance(o, Skipped)]
    result = DocumentResult(
        entry,
        read.raw.content_hash,
        tuple(extraction for extraction, _ in done),
        tuple(block for _, block in done),
        tuple(o for o in outcomes if isinstance(o, Skipped)),
        not_modified=read.not_modified,
        notes=read.notes,
    )
    return _spooled(result, spool)


def process_entries(
    entries: list[Entry],
    sources: dict[str, Source],
    state: Path,
    workers: int = 1,
    fresh_since: float | None = None,
    time_budget_s: float | None = DEFAULT_TIME_BUDGET_S,
    spool: Path | None = None,
) -> tuple[dict[str, DocumentResult], int]:
    """Results per document id, and the number of HTTP requests sent. `fresh_since`: when the build's
    change check began (what it fetched is not fetched again). `time_budget_s`: seconds one entry may
    take from archive split to validation before it is skipped (None or 0: no limit). `spool`: a folder
    where each whole result is written (`<doc_id>.pickle`) as soon as it is made; the results returned
    then hold no extractions and blocks, so memory does not grow with the number of documents."""
    cache = ResultCache(state)
    results: dict[str, DocumentResult] = {}
    pending: list[tuple[Entry, _Read, Path | None]] = []
    read_all, requests = _read_entries(entries, sources, state, fresh_since)
    for entry, outcome in read_all:
        if isinstance(outcome, DocumentResult):
            results[entry.doc_id] = _spooled(outcome, spool)
            continue
        previous = cache.get(entry.doc_id)
        if previous is not None and previous.content_hash == outcome.raw.content_hash and previous.gone is None:
            reused = DocumentResult(
                entry,
                outcome.raw.content_hash,
                previous.extractions,
                previous.blocks,
                previous.skipped,
                reused=True,
                not_modified=outcome.not_modified,
                notes=previous.notes,
            )
            results[entry.doc_id] = _spooled(reused, spool)
            continue
        pending.append((entry, outcome, spool))
    del read_all

    # split, parse, extract, map and validate everything new or changed in one pool
    locators = [read.raw.locator for _, read, _ in pending]
    finished = run_each(_processed, pending, locators, workers, time_budget_s)
    for (entry, read, _), result in zip(pending, finished, strict=True):
        if isinstance(result, Skipped):  # cut short: out of time, or its worker died
            result = _spooled(
                DocumentResult(
                    entry, read.raw.content_hash, skipped=(result,), not_modified=read.not_modified, notes=read.notes
                ),
                spool,
            )
        for skipped in result.skipped:
            log.warning("skipped %s: %s", skipped.locator, skipped.reason)
        results[entry.doc_id] = result
    return results, requests
