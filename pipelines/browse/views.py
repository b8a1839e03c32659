"""What one page shows, read from the store with SPARQL (two queries per entity page: its structure,
then the labels of what it names), so the pages work against any SPARQL store holding the graph."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO

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

# A resource appears once per document graph it is named in, and the store's default graph is their
# union with bag semantics (a country named in 600 documents has 600 copies of its label): every part
# is made DISTINCT before anything is joined to it, or a page of such a resource would multiply rows.
# Query 1, the page's structure: statements with the resource as subject ("out") or object ("in"), the
# properties of the evidence nodes about it (at most EVIDENCE_LIMIT), and the kind and event of the
# claims it made, hosted or was the source of.
# Each branch starts from the resource, so the store walks from it rather than joining whole tables.
EVIDENCE_LIMIT = 200  # evidence nodes per way of reaching them (a country named in every document has thousands)


def _evidence(pattern: str) -> str:
    return (
        f'{{ {{ SELECT DISTINCT ?s WHERE {{ {pattern} }} LIMIT {EVIDENCE_LIMIT} }} ?s ?p ?o BIND("evidence" AS ?dir) }}'
    )


def _claim(link: str, predicate: str) -> str:
    return f'{{ ?s sovkg:{link} <IRI> ; sovkg:{predicate} ?o BIND(sovkg:{predicate} AS ?p) BIND("claim" AS ?dir) }}'


def _corroborated(link: str) -> str:
    """How many independent sources report each claim the resource made, hosted or was the source of."""
    return (
        f"{{ ?s sovkg:{link} <IRI> ; sovkg:inCluster/sovkg:independentSources ?o "
        f'BIND(sovkg:independentSources AS ?p) BIND("claim" AS ?dir) }}'
    )


# A claim's cluster ("cluster": its score, sources and members) and, for the other members ("member"),
# their claimant and document and the document's publisher: the page's "also reported by".
_CLUSTER = [
    '{ <IRI> sovkg:inCluster ?s . ?s ?p ?o FILTER(?p IN (sovkg:similarity, sovkg:independentSources, sovkg:member)) BIND("cluster" AS ?dir) }',
    '{ <IRI> sovkg:inCluster/sovkg:member ?s FILTER(?s != <IRI>) ?s ?p ?o FILTER(?p IN (sovkg:claimant, sovkg:sourceDocument)) BIND("member" AS ?dir) }',
    '{ <IRI> sovkg:inCluster/sovkg:member/sovkg:sourceDocument ?s . ?s schema:publisher ?o BIND(schema:publisher AS ?p) BIND("member" AS ?dir) }',
]


STRUCTURE = "SELECT DISTINCT ?dir ?s ?p ?o WHERE {\n  " + "\n  UNION ".join(
    [
        '{ <IRI> ?p ?o BIND("out" AS ?dir) }',
        '{ ?o ?p <IRI> FILTER NOT EXISTS { ?o a sovkg:Evidence } BIND("in" AS ?dir) }',
        _evidence("?s rdf:subject <IRI>"),
        _evidence("?s rdf:object <IRI>"),
        _evidence("?s sovkg:inDocument <IRI>"),
        _evidence("?c sovkg:claimant <IRI> . ?s rdf:subject ?c ; rdf:predicate sovkg:claimant"),
        _evidence("?c sovkg:madeAt <IRI> . ?s rdf:subject ?c ; rdf:predicate sovkg:claimant"),
        *(_claim(link, predicate) for link in ("claimant", "madeAt", "sourceDocument") for predicate in ("claimKind", "madeAt")),
        *(_corroborated(link) for link in ("claimant", "madeAt", "sourceDocument")),
        *_CLUSTER,
    ]
) + "\n}"

# Query 2: the label and top class of every resource the page names
LABELS = """SELECT DISTINCT ?r ?label ?type WHERE {
  VALUES ?r { RESOURCES }
  { ?r rdfs:label ?label } UNION { ?r a ?type VALUES ?type { sovkg:Actor sovkg:Event sovkg:Policy sovkg:Claim sovkg:Document } }
}"""

DESCRIPTION = """CONSTRUCT { <IRI> ?p ?o . ?o rdfs:label ?label } WHERE {
  { SELECT DISTINCT ?p ?o WHERE { <IRI> ?p ?o } } OPTIONAL { ?o rdfs:label ?label }
}"""

LIST = """SELECT ?s (SAMPLE(?l) AS ?label) WHERE {
  { SELECT DISTINCT ?s WHERE { ?s a sovkg:CLASS } } OPTIONAL { ?s rdfs:label ?l }
} GROUP BY ?s ORDER BY LCASE(STR(?label)) ?s LIMIT LIMIT_N OFFSET OFFSET_N"""


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
    sources: int = 0  # independent sources reporting the claim (0: in no cluster)

    @property
    def anchor(self) -> str:
        return "e-" + local(self.iri)


@dataclass
class Reporter:
    """Another claim of the same cluster: who said it, in which document, published by whom."""

    claim: Value
    claimants: list[Value]
    document: Value | None
    publishers: list[Value]


@dataclass
class Cluster:
    iri: str
    similarity: str
    sources: int
    others: list[Reporter]


@dataclass
class Entity:
    iri: str
    label: str = ""
    types: list[str] = field(default_factory=list)
    out: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[Evidence] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)  # for a claim: "also reported by"

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

    @cached_property
    def statements(self) -> list[tuple[str, list[Value]]]:
        """Outgoing statements but type and label, in a stable order."""
        hidden = {str(RDF.type), str(RDFS.label)}
        return sorted(((p, v) for p, v in self.out.items() if p not in hidden), key=lambda item: term_label(item[0]))

    @cached_property
    def referenced_by(self) -> list[tuple[str, str, list[Value]]]:
        """(title, predicate, resources) for statements naming this resource as object, but those the
        page already shows with their passages (claims) or roles (events)."""
        shown = set()
        if self.top == "Actor":
            shown = {str(SOVKG.claimant), *(str(SOVKG[r]) for r in EVENT_ROLES)}
        elif self.top == "Event":
            shown = {str(SOVKG.madeAt)}
        elif self.clusters:
            shown = {str(SOVKG.member)}
        out = [
            (INVERSE_TITLES.get(local(p)) or f"{term_label(p)} of this".capitalize(), p, values)
            for p, values in self.incoming.items()
            if p not in shown
        ]
        return sorted(out, key=lambda item: item[0])

    @cached_property
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

    @cached_property
    def merges(self) -> list[Evidence]:
        return [e for e in self.evidence if e.merge and e.subject.value == self.iri]

    @cached_property
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

    @cached_property
    def passages(self) -> list[Evidence]:
        """For a document: every passage read from it, in text order."""
        seen: dict[str, Evidence] = {}
        for e in self.evidence:
            if e.document is not None and e.document.value == self.iri:
                seen.setdefault(e.iri, e)
        return sorted(seen.values(), key=lambda e: (e.start, e.iri))

    @cached_property
    def roles(self) -> list[tuple[str, Value]]:
        """For an actor: (role, event) for every event it takes part in."""
        out = []
        for role in EVENT_ROLES:
            for event in self.sources(SOVKG[role]):
                out.append((role, event))
        return out


def structure_iris(rows: list[dict]) -> list[str]:
    """Every IRI the page will name (to ask for their labels and classes)."""
    found = {r[name]["value"] for r in rows for name in ("s", "o") if name in r and r[name]["type"] == "uri"}
    return sorted(i for i in found if _IRI_SAFE.match(i))


def labels_query(iris: list[str]) -> str:
    return sparql_prologue() + LABELS.replace("RESOURCES", " ".join(f"<{i}>" for i in iris))


def entity_from_rows(iri: str, structure: list[dict], labels: list[dict]) -> Entity | None:
    """The page's model from the answers of STRUCTURE and LABELS; None if nothing has it as subject."""
    names: dict[str, str] = {}
    tops: dict[str, str] = {}
    for row in labels:
        if "label" in row:
            names.setdefault(row["r"]["value"], row["label"]["value"])
        if "type" in row:
            tops.setdefault(row["r"]["value"], local(row["type"]["value"]))

    def value(term: dict | None) -> Value | None:
        if term is None:
            return None
        if term["type"] != "uri":
            return Value(term["value"], False)
        return Value(term["value"], True, names.get(term["value"], ""), tops.get(term["value"], ""))

    entity = Entity(iri, label=names.get(iri, ""))
    evidence: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    claims: dict[str, dict[str, dict]] = defaultdict(dict)
    related: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))  # clusters, members
    for row in structure:
        direction, predicate, term = row["dir"]["value"], row["p"]["value"], row["o"]
        if direction == "evidence":
            evidence[row["s"]["value"]][predicate].append(term)
        elif direction == "claim":
            claims[row["s"]["value"]][predicate] = term
        elif direction in ("cluster", "member"):
            related[row["s"]["value"]][predicate].append(term)
            if direction == "cluster" and predicate == str(SOVKG.member):
                related[row["s"]["value"]]["cluster"] = []
        elif direction == "out" and predicate == str(RDF.type):
            entity.types.append(term["value"])
        else:
            (entity.out if direction == "out" else entity.incoming)[predicate].append(value(term))
    if not entity.out and not entity.types:
        return None
    for values in (*entity.out.values(), *entity.incoming.values()):
        values.sort(key=lambda v: (v.text.casefold(), v.value))
    for e, props in evidence.items():
        def first(predicate: URIRef, props: dict = props) -> dict | None:
            return props[str(predicate)][0] if props.get(str(predicate)) else None

        subject, stmt_predicate, stmt_object = first(RDF.subject), first(RDF.predicate), first(RDF.object)
        if subject is None or stmt_predicate is None or stmt_object is None:
            continue
        claim = claims.get(subject["value"], {})
        start = first(SOVKG.startOffset)
        entity.evidence.append(
            Evidence(
                iri=e,
                subject=value(subject),
                predicate=stmt_predicate["value"],
                object=value(stmt_object),
                passage=(first(SOVKG.passage) or {}).get("value", ""),
                rule=(first(SOVKG.rule) or {}).get("value", ""),
                start=int(start["value"]) if start else 0,
                document=value(first(SOVKG.inDocument)),
                merge=any(t["value"] == str(SOVKG.Merge) for t in props.get(str(RDF.type), [])),
                form=(first(SOVKG.mergedFrom) or {}).get("value", ""),
                merged=(first(SOVKG.mergedResource) or {}).get("value", ""),
                kind=local(claim[str(SOVKG.claimKind)]["value"]) if str(SOVKG.claimKind) in claim else "",
                event=value(claim.get(str(SOVKG.madeAt))),
                sources=_integer(claim.get(str(SOVKG.independentSources))),
            )
        )
    entity.clusters = _clusters(iri, related, value)
    return entity


def _integer(term: dict | None) -> int:
    try:
        return int(term["value"]) if term else 0
    except ValueError:
        return 0


def _clusters(iri: str, related: dict[str, dict[str, list[dict]]], value) -> list[Cluster]:
    """The clusters a claim is in, each with the other members and who stands behind them."""
    out = []
    for node, props in related.items():
        if "cluster" not in props:
            continue
        others = []
        for member in props[str(SOVKG.member)]:
            if member["value"] == iri:
                continue
            own = related.get(member["value"], {})
            document = own.get(str(SOVKG.sourceDocument), [None])[0]
            publishers = related.get(document["value"], {}).get(str(SDO.publisher), []) if document else []
            others.append(
                Reporter(
                    value(member),
                    sorted((value(c) for c in own.get(str(SOVKG.claimant), [])), key=lambda v: v.text.casefold()),
                    value(document),
                    sorted((value(p) for p in publishers), key=lambda v: v.text.casefold()),
                )
            )
        others.sort(key=lambda r: ((r.document.text.casefold() if r.document else ""), r.claim.value))
        similarity = props.get(str(SOVKG.similarity), [{}])[0].get("value", "")
        out.append(Cluster(node, similarity, _integer(props.get(str(SOVKG.independentSources), [None])[0]), others))
    return sorted(out, key=lambda c: c.iri)


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


# --- the landing page's latest changes (changes.json of the release) ------------------------------
CHANGES_SHOWN = 10  # items per list on the landing page; changes.json has them all
_GROUPS = {"actors": "Actor", "events": "Event", "policies": "Policy", "claims": "Claim"}


@cache
def top_class(name: str) -> str:
    """The top class (Actor, Event, ...) a sovkg class local name falls under, "" if none."""
    graph = ontology_graph()
    node = SOVKG._NS[name] if name else None
    for cls in graph.transitive_objects(node, RDFS.subClassOf) if node is not None else ():
        if str(cls).startswith(str(SOVKG._NS)) and local(str(cls)) in TOP_CLASSES:
            return local(str(cls))
    return ""


@dataclass(frozen=True)
class ChangedItem:
    iri: str
    label: str
    cls: str
    previous: str = ""  # the label before, for a relabelled item


@dataclass(frozen=True)
class Changes:
    """What changes.json says, cut for the landing page: counts per class and the first items of each list."""

    release: str
    date: str
    previous: str
    counts: list[tuple[str, int, int, int]]  # (top class, added, removed, relabelled)
    added: list[ChangedItem]
    removed: list[ChangedItem]
    relabelled: list[ChangedItem]
    totals: dict[str, int]  # list name -> how many changes.json holds


def latest_changes(changes: dict | None, shown: int = CHANGES_SHOWN) -> Changes | None:
    """The landing page's model of a changes.json (None when there is none or it is not one)."""
    if not isinstance(changes, dict) or not isinstance(changes.get("release"), dict):
        return None

    def listed(kind: str) -> list[ChangedItem]:
        rows = changes.get(kind) or {}
        return [
            ChangedItem(str(r.get("iri", "")), str(r.get("label", "")), str(r.get("class", "")))
            for group in _GROUPS
            for r in rows.get(group, [])
        ]

    added, removed = listed("added"), listed("removed")
    relabelled = [
        ChangedItem(str(r.get("iri", "")), str(r.get("new", "")), str(r.get("class", "")), str(r.get("old", "")))
        for r in changes.get("relabelled") or []
    ]
    relabelled_per_top = defaultdict(int)
    for item in relabelled:
        relabelled_per_top[top_class(item.cls)] += 1
    counts = [
        (top, len((changes.get("added") or {}).get(group, [])), len((changes.get("removed") or {}).get(group, [])), relabelled_per_top[top])
        for group, top in _GROUPS.items()
    ]
    release = changes["release"]
    return Changes(
        release=str(release.get("id", "")),
        date=str(release.get("date", "")),
        previous=str(release.get("previous") or ""),
        counts=counts,
        added=added[:shown],
        removed=removed[:shown],
        relabelled=relabelled[:shown],
        totals={"added": len(added), "removed": len(removed), "relabelled": len(relabelled)},
    )
