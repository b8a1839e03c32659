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
DUMP_FILES = (*DATA_FILES, "void.ttl", "index.html", "manifest.json")
_EXAMPLE_CLASSES = ("Person", "GovernmentBody", "Event", "Policy", "Claim")


@dataclass(frozen=True)
class PublishedDump:
    out_dir: Path
    files: dict[str, int]  # name -> bytes
    triples: int  # distinct triples of the merged default graph
    quads: int


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _examples(triples: list[ox.Triple]) -> list[str]:
    """One resource of each main class, the first in IRI order (stable across runs)."""
    found: dict[str, str] = {}
    for t in triples:
        if t.predicate.value == str(RDF.type) and t.object.value.startswith(str(SOVKG._NS)):
            local = t.object.value[len(str(SOVKG._NS)) :]
            if local in _EXAMPLE_CLASSES:
                found.setdefault(local, t.subject.value)
    return [found[name] for name in _EXAMPLE_CLASSES if name in found]


def write_dumps(graph: KnowledgeGraph, out_dir: Path, *, base_url: str = DEFAULT_BASE_URL) -> PublishedDump:
    out_dir.mkdir(parents=True, exist_ok=True)
    quads = sorted(ox.parse(graph.nquads().encode(), format=ox.RdfFormat.N_QUADS), key=str)
    merged = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        ox.serialize(merged, staging / "dataset.ttl", format=ox.RdfFormat.TURTLE, prefixes=_prefixes())
        ox.serialize(quads, staging / "dataset.trig", format=ox.RdfFormat.TRIG, prefixes=_prefixes())
        ox.serialize(quads, staging / "dataset.jsonld", format=ox.RdfFormat.JSON_LD)
        ntriples = "".join(f"{t} .\n" for t in merged).encode("utf-8")
        (staging / "dataset.nt").write_bytes(ntriples)
        with open(staging / "dataset.nt.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(ntriples)  # mtime 0: the same graph gives the same bytes
        shutil.copyfile(ONTOLOGY_FILE, staging / "ontology.ttl")
        shutil.copyfile(SHAPES_FILE, staging / "shapes.ttl")
        (staging / "network.png").write_bytes(network_png(graph.edges))
        downloads = {
            name: ((staging / name).stat().st_size, hashlib.sha256((staging / name).read_bytes()).hexdigest())
            for name in DATA_FILES
        }
        released = release_date()
        (staging / "void.ttl").write_text(
            void_description(
                base_url=base_url,
                triples=len(merged),
                class_counts=graph.class_counts,
                downloads=downloads,
                examples=_examples(merged),
                released=released,
            ),
            encoding="utf-8",
        )
        (staging / "index.html").write_text(
            landing_page(triples=len(merged), class_counts=graph.class_counts, downloads=downloads, released=released),
            encoding="utf-8",
        )
        manifest = {
            "triples": len(merged),
            "quads": len(quads),
            "named_graphs": len(graph.graphs),
            "classes": graph.class_counts,
            "files": {name: sha for name, (_, sha) in downloads.items()},
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        for name in DUMP_FILES:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    sizes = {name: (out_dir / name).stat().st_size for name in DUMP_FILES}
    return PublishedDump(out_dir, sizes, len(merged), len(quads))
