"""SHACL validation of the knowledge graph, batch by batch.

Each document's named graph is self-contained (every resource it links to is typed in it), so
batches of documents validate independently, in parallel, and in memory that does not grow with the
corpus. The result is cached by content digest: the asset check and the publish step share one run.

A document worker validates its document's graph already (a graph that breaks the shapes skips that
document only); the text it validated is marked (`ValidatedNQuads`, with the shapes it met) and travels
into the knowledge graph as it is. Any change to the text (entity resolution re-mapping a document,
curation relabelling it) makes a plain string, so only the exact text a worker validated against the
current shapes is not validated again; everything else, the derived graphs included, is.
"""

from __future__ import annotations

import hashlib
import logging
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.validate import ValidationResult, validate_nquads
from pipelines.stages.atomic import read_json, write_json
from pipelines.stages.graph import KnowledgeGraph

_BATCH_DOCS = 150
_CONFORMING_FILE = "shacl-conforming.json"  # digests of document graphs that passed
_cache: dict[str, ValidationResult] = {}
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def shapes_digest() -> str:
    return hashlib.sha256(SHAPES_FILE.read_bytes() + ONTOLOGY_FILE.read_bytes()).hexdigest()


class ValidatedNQuads(str):
    """N-Quads text that conformed to the shapes with digest `shapes` (set by the document worker that
    validated it). str is immutable and its methods return plain str, so the mark cannot outlive a
    change to the text; a block stored by an earlier version is a plain str and is validated again."""

    shapes: str

    def __new__(cls, text: str, shapes: str) -> ValidatedNQuads:
        value = super().__new__(cls, text)
        value.shapes = shapes
        return value

    def __reduce__(self) -> tuple[type[ValidatedNQuads], tuple[str, str]]:
        return ValidatedNQuads, (str(self), self.shapes)


def validated_by_worker(nquads: str, shapes: str) -> bool:
    return type(nquads) is ValidatedNQuads and nquads.shapes == shapes


def validate_block(nquads: str) -> ValidationResult:
    """Validate the union of some documents' graphs (with the ontology, for subclass targets)."""
    return validate_nquads(nquads)


def _conforming(cache_dir: Path | None) -> set[str]:
    return set(read_json(cache_dir / _CONFORMING_FILE, [])) if cache_dir else set()


def pending(graph: KnowledgeGraph, conformed: set[str]) -> list[str]:
    """The graphs (keys, sorted) still to validate: neither found conforming by an earlier run
    (`conformed`) nor validated, with these exact bytes and the current shapes, by a document worker."""
    shapes = shapes_digest()
    todo = [k for k in sorted(graph.graphs) if k not in conformed]
    marked = getattr(graph.graphs, "validated", None)  # blocks kept in the state folder: no need to read them
    left = [
        k
        for k in todo
        if not (marked(k, shapes) if marked else validated_by_worker(graph.graphs[k], shapes))  # type: ignore[operator]
    ]
    log.info(
        "SHACL: validating %d of %d graphs (%d validated by the document workers, %d conforming in an earlier run)",
        len(left),
        len(graph.graphs),
        len(todo) - len(left),
        len(graph.graphs) - len(todo),
    )
    return left


def validate_graph(graph: KnowledgeGraph, workers: int = 1, cache_dir: Path | None = None) -> ValidationResult:
    """SHACL over every document's graph; with `cache_dir`, graphs that conformed before (same bytes,
    same shapes) are not validated again, so a run that changed one document validates one."""
    keys = sorted(graph.graphs)
    shapes = shapes_digest()
    digests = {k: hashlib.sha256(f"{shapes}\n{k}\n{graph.digest(k)}".encode()).hexdigest() for k in keys}
    digest = hashlib.sha256("".join(digests[k] for k in keys).encode()).hexdigest()
    if digest in _cache:
        return _cache[digest]
    known = _conforming(cache_dir)
    todo = pending(graph, {k for k in keys if digests[k] in known})
    batches = [todo[i : i + _BATCH_DOCS] for i in range(0, len(todo), _BATCH_DOCS)]
    blocks = ["".join(graph.graphs[k] for k in batch) for batch in batches]
    if workers > 1 and len(blocks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(validate_block, blocks))
    else:
        results = [validate_block(b) for b in blocks]
    failing = [r for r in results if not r.conforms]
    if cache_dir is not None:
        passed = {digests[k] for batch, r in zip(batches, results, strict=True) if r.conforms for k in batch}
        current = {digests[k] for k in keys}
        write_json(cache_dir / _CONFORMING_FILE, sorted((known & current) | passed))
    result = ValidationResult(
        conforms=not failing,
        violations=sum(r.violations for r in results),
        report="\n".join(r.report for r in failing) or "Conforms: True",
    )
    _cache.clear()
    _cache[digest] = result
    return result
