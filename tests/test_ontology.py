from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
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
