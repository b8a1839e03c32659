"""Publishing the graph into an on-disk Oxigraph store, one version directory per content.

Layout under the store root:

    versions/<id>/    an Oxigraph database (one named graph per document + the ontology graph)
    CURRENT           the id of the version readers should open (replaced atomically)

A new version is loaded into its own directory and `CURRENT` is switched only once the load is
complete, so readers never see a half-loaded graph and a failed load leaves the previous version
serving. Opening a database read-only while another process writes it is undefined in Oxigraph, which
is why a version directory is never written again once published.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ontology import ONTOLOGY_FILE, iri
from pipelines.stages.atomic import write_atomically

POINTER = "CURRENT"
_KEEP_VERSIONS = 2  # the current one and the one before it (a running server may still read it)


@dataclass(frozen=True)
class StoreVersion:
    root: Path
    version: str
    quads: int
    named_graphs: int
    unchanged: bool  # the same content was already published: nothing was loaded


def current_location(root: Path) -> Path | None:
    """The database directory readers should open, or None if nothing was published yet."""
    pointer = root / POINTER
    if not pointer.is_file():
        return None
    location = root / "versions" / pointer.read_text().strip()
    return location if location.is_dir() else None


def ontology_nquads() -> str:
    """The ontology as N-Quads in its own named graph."""
    graph = ox.NamedNode(str(iri.ontology_graph_iri()))
    quads = ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    return "".join(f"{ox.Quad(q.subject, q.predicate, q.object, graph)} .\n" for q in quads)


def publish_to_store(graph_nquads: str, named_graphs: int, root: Path) -> StoreVersion:
    """Load the graph (N-Quads, named graphs) plus the ontology into a new version and switch to it."""
    data = graph_nquads + ontology_nquads()
    version = hashlib.sha256(data.encode()).hexdigest()[:16]
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    target = versions / version
    if target.is_dir() and (root / POINTER).is_file() and (root / POINTER).read_text().strip() == version:
        store = ox.Store.read_only(str(target))
        quads = len(store)
        del store
        return StoreVersion(root, version, quads, named_graphs + 1, unchanged=True)
    staging = Path(tempfile.mkdtemp(prefix=f".loading-{version}-", dir=versions))
    try:
        store = ox.Store(str(staging))
        store.bulk_load(data.encode(), format=ox.RdfFormat.N_QUADS)
        store.flush()
        quads = len(store)
        del store  # closes the database before it is moved
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_atomically(root / POINTER, f"{version}\n".encode())  # readers switch to the new version
    _prune(versions, keep=version)
    return StoreVersion(root, version, quads, named_graphs + 1, unchanged=False)


def _prune(versions: Path, keep: str) -> None:
    """Drop old versions but the newest other one (a server started on it may still read it)."""
    others = sorted(
        (p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in others[_KEEP_VERSIONS - 1 :]:
        shutil.rmtree(path, ignore_errors=True)
