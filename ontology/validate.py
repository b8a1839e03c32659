"""SHACL validation of sovkg graphs against ontology/shapes.ttl.

The engine is pyshacl-turbo: pySHACL's API and reports, executed in Rust (a tenth of pySHACL's time on
sovkg graphs). The shapes are compiled once per process. tests/test_ontology.py checks it against
pySHACL, the reference implementation, on graphs broken in every way the shapes describe.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from pyshacl_turbo import CompiledShapes, compile_shapes
from pyshacl_turbo.rdf import Input
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SH

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.shape_check import ShapeCheck


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


@lru_cache(maxsize=1)
def compiled_shapes() -> CompiledShapes:
    return compile_shapes(shapes_graph())


def with_ontology(data: Graph) -> Graph:
    """The data plus the ontology's triples: sh:class needs rdfs:subClassOf and the typed ClaimKind
    individuals in the data graph itself."""
    merged = Graph()
    for triple in data:
        merged.add(triple[:3])
    merged += ontology_graph()
    return merged


@lru_cache(maxsize=1)
def _ontology_nquads() -> str:
    """What validation reads of the ontology: its rdf:type and rdfs:subClassOf statements (sh:class and
    the class targets follow them; no shape targets an ontology term, so its labels, comments, domains and
    ranges are never read). The engine parses this with every document's graph: the whole ontology made
    up more than half of a document's check."""
    wanted = {RDF.type, RDFS.subClassOf}
    triples = [t for t in ontology_graph() if t[1] in wanted]
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in sorted(triples))


@lru_cache(maxsize=1)
def shape_check() -> ShapeCheck | None:
    return ShapeCheck.compile(shapes_graph(), _ontology_nquads())


@lru_cache(maxsize=1)
def _conforming_text() -> str:
    """The engine's report for a graph that conforms (it names no node, so it is the same for all)."""
    return _engine_validate_nquads("").report


def validate_nquads(nquads: str) -> ValidationResult:
    """Validate N-Quads text with the ontology beside it. A document's graph that the compiled Python
    check finds conforming is not handed to the engine (see ontology/shape_check.py); any other text
    is, and the engine's answer is the one given."""
    check = shape_check()
    if check is not None and check.conforms(nquads):
        return ValidationResult(True, 0, _conforming_text())
    return _engine_validate_nquads(nquads)


def _engine_validate_nquads(nquads: str) -> ValidationResult:
    """The engine's answer. The text goes to its own N-Quads parser as it is: no store and no rdflib graph
    is built, which made up half of a document's check."""
    data = Input(_ontology_nquads() + nquads, "oxigraph-nquads", None, {}, preserve_ids=True)
    report = _conforming_report(data)
    return ValidationResult(True, 0, report) if report is not None else validate(data)


def _conforming_report(data: Input) -> str | None:
    """The report text when the data conforms, straight from the compiled engine; None when it does not
    (or the engine warned), and the caller then validates through the public call for the whole report.

    The public call turns every report into an rdflib graph with the shapes' prefixes bound (a new
    namespace manager and some thirty bindings each time): a fifth of a document's check, for a report
    that says only "Conforms: True" when the document conforms, as nearly all do. The arguments are those
    the public call passes for `inference="none", allow_warnings=False` and no focus nodes or shapes
    (tests/test_ontology.py holds the two to the same answers)."""
    engine = getattr(compiled_shapes(), "_native", None)
    if engine is None:
        return None
    conforms, _, text, _, warned = engine.validate(
        data.source, data.format, data.base, False, 100, 15, False, False, False, False, [], [], []
    )
    return str(text) if conforms and not warned else None


def validate(data: Graph | ox.Store | Input, *, ontology_included: bool = False) -> ValidationResult:
    """Validate a graph (or an Oxigraph store, or engine input) against the shapes; the ontology is merged
    into an rdflib graph unless the caller says it is there already."""
    if isinstance(data, Graph) and not ontology_included:
        data = with_ontology(data)
    conforms, report_graph, report_text = compiled_shapes().validate(data, inference="none", allow_warnings=False)
    violations = sum(1 for _ in report_graph.subjects(SH.resultSeverity, SH.Violation))
    return ValidationResult(bool(conforms), violations, str(report_text))
