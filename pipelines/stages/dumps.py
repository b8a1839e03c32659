"""Publishing the graph as files: Turtle (everything merged), TriG (named graphs), N-Triples, plus
the ontology and shapes. All files are written to a staging folder first and moved into place only
when every one of them was written, so a failed run never replaces a good dump with a broken one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.namespace import PREFIXES
from pipelines.stages.graph import KnowledgeGraph

DUMP_FILES = ("dataset.ttl", "dataset.trig", "dataset.nt", "ontology.ttl", "shapes.ttl", "manifest.json")


@dataclass(frozen=True)
class PublishedDump:
    out_dir: Path
    files: dict[str, int]  # name -> bytes
    triples: int  # distinct triples of the merged default graph
    quads: int


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def write_dumps(graph: KnowledgeGraph, out_dir: Path, *, extra: dict | None = None) -> PublishedDump:
    out_dir.mkdir(parents=True, exist_ok=True)
    quads = list(ox.parse(graph.nquads().encode(), format=ox.RdfFormat.N_QUADS))
    merged = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        ox.serialize(merged, staging / "dataset.ttl", format=ox.RdfFormat.TURTLE, prefixes=_prefixes())
        ox.serialize(sorted(quads, key=str), staging / "dataset.trig", format=ox.RdfFormat.TRIG, prefixes=_prefixes())
        (staging / "dataset.nt").write_text("".join(f"{t} .\n" for t in merged), encoding="utf-8")
        shutil.copyfile(ONTOLOGY_FILE, staging / "ontology.ttl")
        shutil.copyfile(SHAPES_FILE, staging / "shapes.ttl")
        manifest = {
            "triples": len(merged),
            "quads": len(quads),
            "named_graphs": len(graph.graphs),
            "classes": graph.class_counts,
            "files": {
                name: hashlib.sha256((staging / name).read_bytes()).hexdigest()
                for name in DUMP_FILES
                if name != "manifest.json"
            },
            **(extra or {}),
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        for name in DUMP_FILES:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    sizes = {name: (out_dir / name).stat().st_size for name in DUMP_FILES}
    return PublishedDump(out_dir, sizes, len(merged), len(quads))
