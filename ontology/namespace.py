"""The sovkg vocabulary as a closed rdflib namespace, and the one place prefixes are bound."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/sovkg/ontology")
DATA = Namespace("https://w3id.org/sovkg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")


class SOVKG(DefinedNamespace):
    """sovkg ontology terms (ontology/sovkg.ttl); an unknown term is an error, not a new IRI."""

    _fail = True
    _NS = Namespace("https://w3id.org/sovkg/ontology#")

    # actors
    Actor: URIRef  # someone who acts in the debate
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    IntergovernmentalOrganization: URIRef
    Country: URIRef
    affiliation: URIRef  # actor -> organisation, government body or country
    role: URIRef  # job title of a person
    adopts: URIRef  # actor -> policy it adopted
    runs: URIRef  # actor -> policy it operates
    # events
    Event: URIRef
    Conference: URIRef
    Session: URIRef
    SideEvent: URIRef
    Meeting: URIRef
    partOf: URIRef
    startDate: URIRef
    location: URIRef
    participant: URIRef
    organizer: URIRef
    speaker: URIRef
    keynoteSpeaker: URIRef
    panelist: URIRef
    moderator: URIRef
    rapporteur: URIRef
    attendee: URIRef
    # policies
    Policy: URIRef
    Strategy: URIRef
    Law: URIRef
    Regulation: URIRef
    Fund: URIRef
    ProcurementPolicy: URIRef
    Programme: URIRef
    Framework: URIRef
    # claims
    Claim: URIRef
    ClaimKind: URIRef
    QuantitativeClaim: URIRef
    Evaluation: URIRef
    Recommendation: URIRef
    claimant: URIRef
    about: URIRef
    madeAt: URIRef
    claimText: URIRef
    claimKind: URIRef
    # documents and provenance
    Document: URIRef
    NewsArticle: URIRef
    BlogPosting: URIRef
    SessionReport: URIRef
    ArticleSummary: URIRef
    OtherDocument: URIRef
    sourceDocument: URIRef
    contentHash: URIRef
    sourceLocator: URIRef
    Evidence: URIRef
    inDocument: URIRef
    startOffset: URIRef
    endOffset: URIRef
    passage: URIRef
    rule: URIRef
    Merge: URIRef  # an entity-resolution decision (evidence of an alternate name)
    mergedFrom: URIRef
    mergedResource: URIRef
    # curation, corroboration, releases
    Curation: URIRef  # an analyst's decision applied on every build (a prov:Activity)
    operation: URIRef
    reason: URIRef
    curatedItem: URIRef
    rejectedItem: URIRef
    ClaimCluster: URIRef  # claims from different documents stating the same thing
    member: URIRef
    inCluster: URIRef
    similarity: URIRef
    independentSources: URIRef
    Release: URIRef  # one published version of the dataset (changes.ttl)
    addedItem: URIRef
    removedItem: URIRef
    relabelledItem: URIRef
    previousLabel: URIRef


PREFIXES: dict[str, Namespace | str] = {
    "sovkg": SOVKG._NS,
    "id": DATA,
    "rdf": RDF._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
    "dcterms": DCTERMS._NS,
    "schema": SDO._NS,
    "foaf": FOAF._NS,
    "org": ORG._NS,
    "prov": PROV._NS,
    "skos": SKOS._NS,
    "sh": SH._NS,
    "sem": SEM,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind sovkg's prefixes on a graph or dataset (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(str(namespace)), override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for SPARQL queries, from the same table as the graphs' prefixes."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
