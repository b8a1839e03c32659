"""What the browse pages keep per published release: the search index, the instance counts per class,
the release date and what changed since the previous release (`changes.json`). Built once, in a thread,
when the service switches to a new store version, so a search never scans the graph and the landing
page never reads the dump folder on a request."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
from rdflib import Graph
from rdflib.namespace import DCTERMS

from ontology.namespace import SOVKG, sparql_prologue
from pipelines.browse.search import SEARCHABLE, SearchIndex
from pipelines.browse.views import Changes, latest_changes
from pipelines.stages.changes import CHANGES_JSON, read_changes

log = logging.getLogger(__name__)

# DISTINCT before the join: the union default graph repeats a resource's triples once per document
_NAMES = sparql_prologue() + f"""SELECT ?s ?type ?name ?isLabel WHERE {{
  {{ SELECT DISTINCT ?s ?type WHERE {{
      VALUES ?type {{ {" ".join(f"sovkg:{name}" for name in SEARCHABLE)} }} ?s a ?type }} }}
  {{ SELECT DISTINCT ?s ?name ?isLabel WHERE {{
      {{ ?s rdfs:label ?name BIND(true AS ?isLabel) }} UNION {{ ?s schema:alternateName ?name }}
      UNION {{ ?s sovkg:claimText ?name }} }} }}
}}"""
_COUNTS = sparql_prologue() + """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(sovkg:)))
} GROUP BY ?class"""


@dataclass(frozen=True)
class Release:
    version: str
    index: SearchIndex
    counts: dict[str, int]  # ontology class local name -> instances
    released: str  # ISO date from the VoID description, or "" if there is none
    changes: Changes | None = None  # what changes.json of the dump folder says, None if there is none
    changes_stamp: tuple[int, int, int] | None = None  # the file it was read from (see `Releases.get`)


def _select(client: httpx.Client, query_url: str, query: str) -> list[dict[str, dict[str, str]]]:
    answer = client.post(
        query_url,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    answer.raise_for_status()
    return json.loads(answer.content)["results"]["bindings"]


def _released(out_dir: Path) -> str:
    try:
        void = Graph().parse(out_dir / "void.ttl", format="turtle")
    except (OSError, SyntaxError, ValueError):
        return ""
    dates = sorted(str(d) for d in void.objects(None, DCTERMS.issued))
    return dates[-1] if dates else ""


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells one written file from its replacement (each publish writes a new file and renames it)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _changes(out_dir: Path) -> tuple[Changes | None, tuple[int, int, int] | None]:
    """The landing page's model of changes.json (cut once: a first release lists every item)."""
    stamp = _stamp(out_dir / CHANGES_JSON)
    return latest_changes(read_changes(out_dir)), stamp


def load_release(version: str, query_url: str, out_dir: Path, timeout_s: float) -> Release:
    started = time.perf_counter()
    index = SearchIndex()
    namespace = str(SOVKG._NS)
    with httpx.Client(timeout=timeout_s) as client:
        for row in _select(client, query_url, _NAMES):
            index.add(
                row["s"]["value"],
                row["type"]["value"].removeprefix(namespace),
                row["name"]["value"],
                is_label="isLabel" in row,
            )
        counts = {
            row["class"]["value"].removeprefix(namespace): int(row["n"]["value"])
            for row in _select(client, query_url, _COUNTS)
        }
    release = Release(version, index.freeze(), counts, _released(out_dir), *_changes(out_dir))
    log.info("release %s: %d searchable resources indexed in %.2f s", version, len(index), time.perf_counter() - started)
    return release


class Releases:
    """The release of the current store version, loaded in the background when the version changes."""

    def __init__(self, out_dir: Path, timeout_s: float) -> None:
        self.out_dir = out_dir
        self.timeout_s = timeout_s
        self._loading: dict[str, threading.Event] = {}
        self._loaded: dict[str, Release] = {}
        self._errors: dict[str, Exception] = {}
        self._lock = threading.Lock()

    def start(self, version: str, query_url: str) -> threading.Event:
        """Begin loading a version's release (once); the event is set when it is loaded or failed."""
        with self._lock:
            if version in self._loading and version not in self._errors:
                return self._loading[version]
            self._errors.pop(version, None)
            done = self._loading[version] = threading.Event()

        def load() -> None:
            try:
                release = load_release(version, query_url, self.out_dir, self.timeout_s)
                with self._lock:
                    self._loaded = {version: release}  # older releases are not needed any more
            except Exception as error:  # the next request tries again
                log.warning("could not index release %s: %s", version, error)
                self._errors[version] = error
            finally:
                done.set()

        threading.Thread(target=load, name=f"index-{version}", daemon=True).start()
        return done

    def get(self, version: str, query_url: str) -> Release:
        """The loaded release (blocking until it is loaded); raises what loading raised."""
        release = self._loaded.get(version)
        if release is None:
            self.start(version, query_url).wait(self.timeout_s)
            release = self._loaded.get(version)
            if release is None:
                raise self._errors.get(version) or TimeoutError(f"release {version} is still being indexed")
        return self._with_current_changes(release)

    def _with_current_changes(self, release: Release) -> Release:
        """The release, with the changes of the publish that made it. The dumps and the store are two
        steps of one publish that may finish in either order: when changes.json is replaced after the
        store switched, the release takes the new file once (a stat per request, no read). Written before
the switch, the new changes show for the seconds until the store follows."""
        if _stamp(self.out_dir / CHANGES_JSON) == release.changes_stamp:
            return release
        changes, stamp = _changes(self.out_dir)
        updated = replace(release, changes=changes, changes_stamp=stamp)
        with self._lock:
            if self._loaded.get(release.version) is release:
                self._loaded = {release.version: updated}
        return updated
