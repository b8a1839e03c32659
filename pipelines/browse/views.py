"""What one page shows, read from the store with SPARQL (two queries per entity page), so the pages
work against any SPARQL store holding the graph."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ontology import ONTOLOGY_FILE
from ontology.namespace import DATA, PREFIXES, SOVKG, sparql_prologue

TOP_CLASSES = ("Actor", "Event", "Policy", "Claim", "Document")
EVENT_ROLES = ("participant", "organizer", "speaker", "keynoteSpeaker", "panelist", "moderator", "rapporteur", "attendee")
# characters allowed in an IRI reference in SPARQL (no spaces, quotes or angle brackets): the rest of a
# path that holds anything else cannot name a resource here
_IRI_SAFE = re.compile(r"^[^\s<>\"{}|^`\\]+$")

# what a statement naming a resource as object means, seen from that resource's page
INVERSE_TITLES = {
    "claimant": "Claims made",
    "madeAt": "Claims made here",
    "about": "Claims about it",
    "adopts": "Adopted by",
    "runs": "Run by",
    "affiliation": "Affiliated actors",
    "sourceDocument": "Extracted from it",
    "partOf": "Parts",
    "inDocument": "Evidence read from it",
}

NEIGHBOURS = """SELECT ?dir ?p ?o ?label ?type WHERE {
  { <IRI> ?p ?o . BIND("out" AS ?dir) }
  UNION
  { ?o ?p <IRI> . BIND("in" AS ?dir) FILTER NOT EXISTS { ?o a sovkg:Evidence } }
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o a ?type . VALUES ?type { sovkg:Actor sovkg:Event sovkg:Policy sovkg:Claim sovkg:Document } }
}"""

EVIDENCE = """SELECT DISTINCT ?e ?s ?slabel ?p ?o ?olabel ?passage ?rule ?start ?doc ?doclabel ?merge ?form ?merged
  ?kind ?event ?eventlabel WHERE {
  { ?e rdf:subject <IRI> } UNION { ?e rdf:object <IRI> } UNION { ?e sovkg:inDocument <IRI> }
  UNION { ?c sovkg:claimant|sovkg:madeAt|sovkg:about <IRI> . ?e rdf:subject ?c ; rdf:predicate sovkg:claimant }
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?e sovkg:passage ?passage } OPTIONAL { ?e sovkg:rule ?rule } OPTIONAL { ?e sovkg:startOffset ?start }
  OPTIONAL { ?e sovkg:inDocument ?doc OPTIONAL { ?doc rdfs:label ?doclabel } }
  OPTIONAL { ?s rdfs:label ?slabel } OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?e a sovkg:Merge BIND(true AS ?merge) }
  OPTIONAL { ?e sovkg:mergedFrom ?form } OPTIONAL { ?e sovkg:mergedResource ?merged }
  OPTIONAL { ?s sovkg:claimKind ?kind } OPTIONAL { ?s sovkg:madeAt ?event OPTIONAL { ?event rdfs:label ?eventlabel } }
}"""

DESCRIPTION = """CONSTRUCT { <IRI> ?p ?o . ?o rdfs:label ?label } WHERE {
  <IRI> ?p ?o OPTIONAL { ?o rdfs:label ?label }
}"""

LIST = """SELECT ?s ?label WHERE { ?s a sovkg:CLASS OPTIONAL { ?s rdfs:label ?label } }
ORDER BY LCASE(STR(?label)) ?s LIMIT LIMIT_N OFFSET OFFSET_N"""


def resource_iri(rest: str) -> str | None:
    """The IRI `GET /id/<rest>` names, or None if `rest` cannot be part of one."""
    if not rest or not _IRI_SAFE.match(rest):
        return None
    return f"{DATA}{rest}"


def with_iri(template: str, iri: str) -> str:
    return sparql_prologue() + template.replace("<IRI>", f"<{iri}>")


@dataclass(frozen=True)
class Value:
    """One RDF term as shown: an IRI with its label and top class, or a literal."""

    value: str
    is_iri: bool
    label: str = ""
    type: str = ""

    @property
    def text(self) -> str:
        return self.label or (self.value if not self.is_iri else short(self.value))


def short(iri: str) -> str:
    """A CURIE for an IRI under a known prefix (the IRI itself otherwise)."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "id":
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Evidence:
    iri: str
    subject: Value
    predicate: str
    object: Value
    passage: str
    rule: str
    start: int
    document: Value | None
    merge: bool
    form: str
    merged: str
    kind: str
    event: Value | None

    @property
    def anchor(self) -> str:
        return "e-" + local(self.iri)


@dataclass
class Entity:
    iri: str
    label: str = ""
    types: list[str] = field(default_factory=list)
    out: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def top(self) -> str:
        return next((t for t in TOP_CLASSES if str(SOVKG._NS) + t in self.types), "")

    @property
    def specific(self) -> list[str]:
        return [t for t in self.types if t.startswith(str(SOVKG._NS)) and local(t) not in TOP_CLASSES] or [
            t for t in self.types
        ]

    def values(self, predicate: URIRef) -> list[Value]:
        return self.out.get(str(predicate), [])

    def sources(self, predicate: URIRef) -> list[Value]:
        return self.incoming.get(str(predicate), [])

    @property
    def statements(self) -> list[tuple[str, list[Value]]]:
        """Outgoing statements but type and label, in a stable order."""
        hidden = {str(RDF.type), str(RDFS.label)}
        return sorted(((p, v) for p, v in self.out.items() if p not in hidden), key=lambda item: term_label(item[0]))

    @property
    def referenced_by(self) -> list[tuple[str, str, list[Value]]]:
        """(title, predicate, resources) for statements naming this resource as object, but those the
        page already shows with their passages (claims) or roles (events)."""
        shown = set()
        if self.top == "Actor":
            shown = {str(SOVKG.claimant), *(str(SOVKG[r]) for r in EVENT_ROLES)}
        elif self.top == "Event":
            shown = {str(SOVKG.madeAt)}
        out = [
            (INVERSE_TITLES.get(local(p)) or f"{term_label(p)} of this".capitalize(), p, values)
            for p, values in self.incoming.items()
            if p not in shown
        ]
        return sorted(out, key=lambda item: item[0])

    @property
    def claims(self) -> list[Evidence]:
        """Claims made by this actor, at this event or read from this document, each with its passage."""
        def concerns(e: Evidence) -> bool:
            if self.top == "Actor":
                return e.object.value == self.iri
            if self.top == "Event":
                return e.event is not None and e.event.value == self.iri
            return self.top == "Document" and e.document is not None and e.document.value == self.iri

        found = {e.iri: e for e in self.evidence if e.predicate == str(SOVKG.claimant) and concerns(e)}
        return sorted(found.values(), key=lambda e: (e.start, e.subject.text))

    @property
    def merges(self) -> list[Evidence]:
        return [e for e in self.evidence if e.merge and e.subject.value == self.iri]

    @property
    def own_evidence(self) -> list[Evidence]:
        """Why the graph says what it says about this resource (statements with it as subject or object)."""
        return sorted(
            (
                e
                for e in self.evidence
                if not e.merge
                and (e.subject.value == self.iri or (e.object.value == self.iri and e.predicate not in (str(SOVKG.claimant), str(SOVKG.madeAt))))
            ),
            key=lambda e: (term_label(e.predicate), e.start),
        )

    @property
    def passages(self) -> list[Evidence]:
        """For a document: every passage read from it, in text order."""
        seen: dict[str, Evidence] = {}
        for e in self.evidence:
            if e.document is not None and e.document.value == self.iri:
                seen.setdefault(e.iri, e)
        return sorted(seen.values(), key=lambda e: (e.start, e.iri))

    @property
    def roles(self) -> list[tuple[str, Value]]:
        """For an actor: (role, event) for every event it takes part in."""
        out = []
        for role in EVENT_ROLES:
            for event in self.sources(SOVKG[role]):
                out.append((role, event))
        return out


def _value(row: dict, name: str, label: str = "", type_: str = "") -> Value | None:
    term = row.get(name)
    if term is None:
        return None
    is_iri = term["type"] == "uri"
    return Value(
        term["value"],
        is_iri,
        row[label]["value"] if label and label in row else "",
        local(row[type_]["value"]) if type_ and type_ in row else "",
    )


def entity_from_rows(iri: str, neighbours: list[dict], evidence: list[dict]) -> Entity | None:
    """The page's model from the answers of NEIGHBOURS and EVIDENCE; None if nothing has it as subject."""
    entity = Entity(iri)
    seen: set[tuple[str, str, str]] = set()
    for row in neighbours:
        direction, predicate = row["dir"]["value"], row["p"]["value"]
        value = _value(row, "o", "label", "type")
        if value is None:
            continue
        if direction == "out" and predicate == str(RDF.type):
            if value.value not in entity.types:
                entity.types.append(value.value)
            continue
        if direction == "out" and predicate == str(RDFS.label):
            entity.label = value.value
        key = (direction, predicate, value.value)
        if key in seen:
            known = (entity.out if direction == "out" else entity.incoming)[predicate]
            for i, old in enumerate(known):  # keep the row that carries a type
                if old.value == value.value and value.type and not old.type:
                    known[i] = value
            continue
        seen.add(key)
        (entity.out if direction == "out" else entity.incoming)[predicate].append(value)
    if not entity.out:
        return None
    by_evidence: dict[str, Evidence] = {}
    for row in evidence:
        e = row["e"]["value"]
        if e in by_evidence:
            continue
        by_evidence[e] = Evidence(
            iri=e,
            subject=_value(row, "s", "slabel"),
            predicate=row["p"]["value"],
            object=_value(row, "o", "olabel"),
            passage=row.get("passage", {}).get("value", ""),
            rule=row.get("rule", {}).get("value", ""),
            start=int(row["start"]["value"]) if "start" in row else 0,
            document=_value(row, "doc", "doclabel"),
            merge="merge" in row,
            form=row.get("form", {}).get("value", ""),
            merged=row.get("merged", {}).get("value", ""),
            kind=local(row["kind"]["value"]) if "kind" in row else "",
            event=_value(row, "event", "eventlabel"),
        )
    entity.evidence = list(by_evidence.values())
    return entity


@dataclass(frozen=True)
class Term:
    iri: str
    kind: str  # class or property
    label: str
    comment: str
    relations: list[tuple[str, list[str]]]  # (relation label, IRIs)


@cache
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def _term_labels() -> dict[str, str]:
    graph = ontology_graph()
    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label) if isinstance(s, URIRef)}


def term_label(iri: str) -> str:
    """The ontology's label of a term, else its CURIE."""
    return _term_labels().get(iri) or short(iri)


@cache
def ontology_terms() -> list[Term]:
    """Every class and property of the ontology, with its alignments to other vocabularies."""
    graph = ontology_graph()
    relations = (
        ("subclass of", RDFS.subClassOf),
        ("subproperty of", RDFS.subPropertyOf),
        ("equivalent to", OWL.equivalentClass),
        ("equivalent to", OWL.equivalentProperty),
        ("domain", RDFS.domain),
        ("range", RDFS.range),
        ("inverse of", OWL.inverseOf),
    )
    kinds = (
        (OWL.Class, "class"),
        (OWL.ObjectProperty, "object property"),
        (OWL.DatatypeProperty, "datatype property"),
        (OWL.AnnotationProperty, "annotation property"),
    )
    terms = []
    for kind_iri, kind in kinds:
        for subject in sorted(graph.subjects(RDF.type, kind_iri)):
            if not isinstance(subject, URIRef) or not str(subject).startswith(str(SOVKG._NS)):
                continue
            found = [(name, sorted(str(o) for o in graph.objects(subject, p) if isinstance(o, URIRef))) for name, p in relations]
            terms.append(
                Term(
                    str(subject),
                    kind,
                    str(graph.value(subject, RDFS.label) or local(str(subject))),
                    str(graph.value(subject, RDFS.comment) or ""),
                    [(name, iris) for name, iris in found if iris],
                )
            )
    return terms
