"""Publishing the graph as files: Turtle (everything merged), TriG (named graphs), N-Triples (plain and
gzip), JSON-LD, the ontology and shapes, a VoID + DCAT description, the actor-event network picture and
an HTML landing page. All files are written to a staging folder first and moved into place only when
every one of them was written, so a failed run never replaces a good dump with a broken one."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.namespace import PREFIXES, SOVKG
from pipelines.stages.changes import CHANGES_JSON, CHANGES_TTL, write_release
from pipelines.stages.charts import network_png
from pipelines.stages.description import landing_page, release_date, void_description
from pipelines.stages.graph import KnowledgeGraph

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


@dataclass(frozen=True)
class PublishedDump:
    out_dir: Path
    files: dict[str, int]  # name -> bytes
    triples: int  # distinct triples of the merged default graph
    quads: int
    unchanged: bool = False  # the same graph was already published: the files were left as they were


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _examples(triple_lines: list[str]) -> list[str]:
    """One resource of each main class, the first in sorted order (stable across runs)."""
    found: dict[str, str] = {}
    marker = f" <{RDF.type}> <{SOVKG._NS}"
    for line in triple_lines:
        if marker in line:
            subject, rest = line.split(marker, 1)
            local = rest.rstrip(">")
            if local in _EXAMPLE_CLASSES and subject.startswith("<"):
                found.setdefault(local, subject[1:-1])
    return [found[name] for name in _EXAMPLE_CLASSES if name in found]


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


def write_dumps(graph: KnowledgeGraph, out_dir: Path, *, base_url: str = DEFAULT_BASE_URL) -> PublishedDump:
    out_dir.mkdir(parents=True, exist_ok=True)
    nquads = graph.nquads()
    digest = hashlib.sha256(f"{base_url}\n{nquads}".encode()).hexdigest()
    previous = _previous(out_dir, digest)
    if previous is not None:
        return previous
    # work on N-Quads lines (already sorted per document): dropping the graph term gives the merged
    # triples, deduplicated and sorted as text, which is much faster than on parsed terms
    # parsing and serialising stream through Oxigraph; the merged triples are deduplicated and sorted
    # as N-Triples text, much faster than as parsed terms (parsing first rejects a malformed graph)
    quads = ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes())
    jsonld = ox.serialize(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.JSON_LD)
    triple_lines = sorted({line[: line.rindex(" <")] for line in nquads.splitlines() if line})
    ntriples = "".join(f"{t} .\n" for t in triple_lines).encode("utf-8")
    quad_count = nquads.count("\n")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        ox.serialize(
            ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES),
            staging / "dataset.ttl",
            format=ox.RdfFormat.TURTLE,
            prefixes=_prefixes(),
        )
        (staging / "dataset.trig").write_bytes(trig)
        (staging / "dataset.jsonld").write_bytes(jsonld)
        (staging / "dataset.nt").write_bytes(ntriples)
        with (
            open(staging / "dataset.nt.gz", "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=6) as gz,
        ):
            gz.write(ntriples)  # mtime 0: the same graph gives the same bytes
        shutil.copyfile(ONTOLOGY_FILE, staging / "ontology.ttl")
        shutil.copyfile(SHAPES_FILE, staging / "shapes.ttl")
        (staging / "network.png").write_bytes(network_png(graph.edges))
        downloads = {
            name: ((staging / name).stat().st_size, hashlib.sha256((staging / name).read_bytes()).hexdigest())
            for name in DATA_FILES
        }
        released = release_date()
        release = write_release(staging, out_dir, ntriples.decode("utf-8"), digest, released)  # changes.json/ttl
        (staging / "void.ttl").write_text(
            void_description(
                base_url=base_url,
                triples=len(triple_lines),
                class_counts=graph.class_counts,
                downloads=downloads,
                examples=_examples(triple_lines),
                released=released,
                release=release,
            ),
            encoding="utf-8",
        )
        (staging / "index.html").write_text(
            landing_page(
                triples=len(triple_lines), class_counts=graph.class_counts, downloads=downloads, released=released
            ),
            encoding="utf-8",
        )
        manifest = {
            "triples": len(triple_lines),
            "quads": quad_count,
            "named_graphs": len(graph.graphs),
            "classes": graph.class_counts,
            "files": {name: sha for name, (_, sha) in downloads.items()},
            "graph_sha256": digest,
            "release": release.id,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        for name in DUMP_FILES:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    sizes = {name: (out_dir / name).stat().st_size for name in DUMP_FILES}
    return PublishedDump(out_dir, sizes, len(triple_lines), quad_count)
