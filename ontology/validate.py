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


def with_ontology(data: Graph) -> Graph:
    """The data plus the ontology's triples: sh:class needs rdfs:subClassOf and the typed ClaimKind
    individuals in the data graph itself."""
    merged = Graph()
    for triple in data:
        merged.add(triple[:3])
    merged += ontology_graph()
    return merged


def validate(data: Graph, *, ontology_included: bool = False) -> ValidationResult:
    """Validate a graph against the shapes; the ontology is merged in unless the caller already did."""
    conforms, report_graph, report_text = shacl_validate(
        data if ontology_included else with_ontology(data),
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=False,
    )
    violations = sum(1 for _ in report_graph.subjects(SH.resultSeverity, SH.Violation))
    return ValidationResult(bool(conforms), violations, str(report_text))
