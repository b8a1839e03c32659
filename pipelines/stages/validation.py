"""SHACL validation of the knowledge graph, batch by batch.

Each document's named graph is self-contained (every resource it links to is typed in it), so
batches of documents validate independently, in parallel, and in memory that does not grow with the
corpus. The result is cached by content digest: the asset check and the publish step share one run.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ProcessPoolExecutor

from rdflib import Graph

from ontology.validate import ValidationResult, ontology_graph, validate
from pipelines.stages.graph import KnowledgeGraph

_BATCH_DOCS = 150
_cache: dict[str, ValidationResult] = {}


def _validate_block(nquads: str) -> ValidationResult:
    graph = Graph()
    graph += ontology_graph()
    graph.parse(data=nquads, format="nquads")
    return validate(graph, ontology_included=True)


def validate_graph(graph: KnowledgeGraph, workers: int = 1) -> ValidationResult:
    digest = hashlib.sha256(graph.nquads().encode()).hexdigest()
    if digest in _cache:
        return _cache[digest]
    keys = sorted(graph.graphs)
    blocks = ["".join(graph.graphs[k] for k in keys[i : i + _BATCH_DOCS]) for i in range(0, len(keys), _BATCH_DOCS)]
    if workers > 1 and len(blocks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_validate_block, blocks))
    else:
        results = [_validate_block(b) for b in blocks]
    failing = [r for r in results if not r.conforms]
    result = ValidationResult(
        conforms=not failing,
        violations=sum(r.violations for r in results),
        report="\n".join(r.report for r in failing) or "Conforms: True",
    )
    _cache.clear()
    _cache[digest] = result
    return result
