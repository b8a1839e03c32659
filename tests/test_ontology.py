from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ontology import ONTOLOGY_FILE, SHAPES_FILE
from ontology.iri import actor_iri, document_id, normalise
from ontology.namespace import SOVKG


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_shapes_parse_and_target_every_top_class() -> None:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    for cls in (
        SOVKG.Actor,
        SOVKG.Person,
        SOVKG.Event,
        SOVKG.Policy,
        SOVKG.Claim,
        SOVKG.Document,
        SOVKG.Evidence,
    ):
        assert cls in targets, cls


def test_every_term_has_label_and_comment(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(SOVKG._NS))}
    assert len(terms) > 50
    for term in terms:
        assert ontology.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment), f"{term} has no rdfs:comment"


def test_namespace_and_ontology_name_the_same_terms(ontology: Graph) -> None:
    in_ttl = {
        str(s)[len(str(SOVKG._NS)) :] for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(SOVKG._NS))
    }
    in_python = {name for name in SOVKG.__annotations__}
    assert in_ttl == in_python


def test_contract_classes_are_actor_event_policy_claim_subclasses(ontology: Graph) -> None:
    def ancestors(cls: URIRef) -> set[URIRef]:
        return set(ontology.transitive_objects(cls, RDFS.subClassOf))

    for sub in ("Person", "Organization", "GovernmentBody", "Country", "IntergovernmentalOrganization"):
        assert SOVKG.Actor in ancestors(SOVKG[sub])
    for sub in ("Conference", "Session", "SideEvent"):
        assert SOVKG.Event in ancestors(SOVKG[sub])
    assert (SOVKG.Claim, RDF.type, OWL.Class) in ontology


def test_closed_namespace_rejects_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = SOVKG.Actr


def test_iris_are_deterministic_and_normalised() -> None:
    assert actor_iri("Mr. Abhishek Singh") == actor_iri("abhishek  singh")
    assert actor_iri("Abhishek Singh") != actor_iri("Abishek Singh")
    assert normalise("The Sovereign Tech Agency") == "sovereign tech agency"
    assert document_id("samples/a.html") == document_id("samples/a.html") != document_id("samples/b.html")


def _breakages(g: Graph) -> dict[str, Callable[[Graph], None]]:
    """Ways to break a published graph, one per kind of constraint the shapes use."""
    claim = next(g.subjects(RDF.type, SOVKG.Claim))
    people = list(g.subjects(RDF.type, SOVKG.Person))
    policy = next(g.subjects(RDF.type, SOVKG.Policy))
    evidence = next(g.subjects(RDF.type, SOVKG.Evidence))
    document = next(g.subjects(RDF.type, SOVKG.Document))
    event = next(g.subjects(RDF.type, SOVKG.Event))
    stray = URIRef("https://example.org/stray-actor")
    return {
        "min count": lambda g: g.remove((claim, SOVKG.claimant, None)),
        "max count": lambda g: g.add((claim, SOVKG.claimant, people[1])),
        "not class": lambda g: g.add((people[0], SOVKG.affiliation, people[1])),
        "class via inverse path": lambda g: g.add((claim, SOVKG.adopts, policy)),
        "less than": lambda g: g.set((evidence, SOVKG.endOffset, Literal(0))),
        "pattern": lambda g: g.set((document, SOVKG.contentHash, Literal("not-a-hash"))),
        "datatype": lambda g: g.add((event, SOVKG.startDate, Literal("next Friday"))),
        "or": lambda g: (g.add((stray, RDF.type, SOVKG.Actor)), g.add((stray, RDFS.label, Literal("Stray")))),
        "min length": lambda g: g.add((claim, SOVKG.claimText, Literal(""))),
    }


def test_validator_agrees_with_pyshacl_on_broken_graphs(sample_build) -> None:
    """The fast validator reports exactly what pySHACL, the reference implementation, reports: the same
    focus nodes, constraint components and paths, on the published sample graph and on copies broken
    in each way the shapes forbid."""
    from pyshacl import validate as reference_validate
    from rdflib.namespace import SH

    from ontology.validate import compiled_shapes, shapes_graph, validate, validate_nquads, with_ontology

    def results(report: Graph) -> set[tuple[str, str, str]]:
        return {
            (
                str(report.value(r, SH.focusNode)),
                str(report.value(r, SH.sourceConstraintComponent)),
                str(report.value(r, SH.resultPath)),
            )
            for r in report.subjects(RDF.type, SH.ValidationResult)
        }

    _, out = sample_build
    published = Graph().parse(out / "dataset.nt", format="nt")
    cases: dict[str, Callable[[Graph], None]] = {"as published": lambda g: None, **_breakages(published)}
    for name, breakage in cases.items():
        g = Graph()
        g += published
        breakage(g)
        data = with_ontology(g)
        expected_conforms, expected_report, _ = reference_validate(data, shacl_graph=shapes_graph(), inference="none")
        ours = validate(data, ontology_included=True)
        _, our_report, _ = compiled_shapes().validate(data, inference="none")
        assert expected_conforms == (name == "as published"), name
        assert ours.conforms == expected_conforms, name
        assert ours.violations == len(results(expected_report)), name
        assert results(our_report) == results(expected_report), name
        # the path a document's graph takes: its N-Quads text, the ontology added by the validator
        from_text = validate_nquads(g.serialize(format="nt"))
        assert (from_text.conforms, from_text.violations) == (ours.conforms, ours.violations), name


def test_document_check_gives_the_public_calls_answer(sample_build) -> None:
    """A document's check asks the compiled engine directly and keeps its report text when the graph
    conforms; the answer (conformance, violations, report text) is the public call's, conforming or not."""
    from pyshacl_turbo.rdf import Input

    from ontology.validate import _ontology_nquads, validate, validate_nquads

    _, out = sample_build
    published = Graph().parse(out / "dataset.nt", format="nt")
    cases = {"as published": lambda g: None, **_breakages(published)}
    for name in ("as published", "min count", "datatype"):
        g = Graph()
        g += published
        cases[name](g)
        text = g.serialize(format="nt")
        public = validate(Input(_ontology_nquads() + text, "oxigraph-nquads", None, {}, preserve_ids=True))
        assert validate_nquads(text) == public, name
        assert public.conforms == (name == "as published"), name
