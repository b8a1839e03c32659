"""SHACL validation of sovkg graphs against ontology/shapes.ttl (one function call, as pyshacl intends)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from ontology import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    report: str


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate(data: Graph) -> ValidationResult:
    """Validate a graph (a Dataset is validated as the union of its graphs)."""
    conforms, report_graph, report_text = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    violations = sum(1 for _ in report_graph.subjects(SH.resultSeverity, SH.Violation))
    return ValidationResult(bool(conforms), violations, str(report_text))
