"""Records -> RDF: one function per record type, all IRIs from ontology.iri.

Each document's statements go to its own named graph. Every fact read from the text also gets an
`sovkg:Evidence` node (an rdf:Statement with the passage offsets and the rule id), so "why does the
graph say this?" is one SPARQL query.

A document's graph is written straight to N-Quads lines: mapping runs once per document, and making
an rdflib term for every node and literal only to write it out again was most of the mapping's time.
`term_nt` and `nquads` write rdflib terms the same way, for the graphs made from rdflib terms
(curation, claim clusters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, XSD
from rdflib.term import Node

from ontology import iri
from ontology.namespace import SOVKG
from ontology.records import (
    ActorRecord,
    ClaimRecord,
    Document,
    EventRecord,
    Evidence,
    Extraction,
    Merge,
    PolicyRecord,
)

Triple = tuple[Node, Node, Node]

ACTOR_TOP = SOVKG.Actor
_PASSAGE_LIMIT = 1000  # longer passages are cut: the offsets still locate the whole span


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def literal_nt(text: str) -> str:
    """A plain string literal in N-Triples syntax (the same text `term_nt(Literal(text))` writes)."""
    return f'"{_escape(text)}"'


_INTEGER = f"^^<{XSD.integer}>"


def _integer_nt(value: int) -> str:
    return f'"{value}"{_INTEGER}'


def term_nt(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's own n3() may emit Turtle long strings)."""
    if isinstance(term, Literal):
        body = literal_nt(str(term))
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return _node_nt(term)


@lru_cache(maxsize=1 << 16)
def _node_nt(term: Node) -> str:
    """IRIs and blank nodes repeat across a document's triples (predicates, classes, its own IRI); n3()
    checks the IRI each time, so each is written once."""
    return term.n3()


def _minted_nt(node: URIRef) -> str:
    """An IRI minted by `iri._mint` (base IRI, kind, slug of [a-z0-9-], hex digest): valid by construction,
    so n3()'s check of every character would never fail; it is left out."""
    return f"<{node}>"


def _term(term: URIRef) -> tuple[str, str]:
    """A term as the emitter takes it: (plain text, N-Triples term)."""
    return str(term), _node_nt(term)


@lru_cache(maxsize=256)
def _sovkg(local: str) -> tuple[str, str]:
    """An ontology term by local name (the closed namespace refuses one it does not define), looked up
    once: a DefinedNamespace checks every lookup."""
    return _term(SOVKG[local])


def _sovkg_nt(local: str) -> str:
    return _sovkg(local)[1]


# the ontology and vocabulary terms every document's graph uses, written once
_RDF_TYPE = _term(RDF.type)
_TYPE = _RDF_TYPE[1]
_SUBJECT, _PREDICATE, _OBJECT = _node_nt(RDF.subject), _node_nt(RDF.predicate), _node_nt(RDF.object)
_LABEL = _node_nt(RDFS.label)
_ALTERNATE = _term(SDO.alternateName)
_ALTERNATE_NAME = _ALTERNATE[1]
_GENERATED_BY = _node_nt(PROV.wasGeneratedBy)
_EVIDENCE = _node_nt(SOVKG.Evidence)
_IN_DOCUMENT = _node_nt(SOVKG.inDocument)
_START_OFFSET, _END_OFFSET = _node_nt(SOVKG.startOffset), _node_nt(SOVKG.endOffset)
_PASSAGE, _RULE = _node_nt(SOVKG.passage), _node_nt(SOVKG.rule)
_SOURCE_DOCUMENT = _node_nt(SOVKG.sourceDocument)
_ACTOR = _node_nt(ACTOR_TOP)


class _Emitter:
    """Collects one document's N-Quads lines, adding evidence nodes for facts read from the text. Terms
    are given in N-Triples syntax; a fact's subject, predicate and object also by their plain text (an
    IRI, a literal's lexical form), which its evidence IRI is minted from."""

    def __init__(self, doc: Document, version: str) -> None:
        self.doc = doc
        self.document = _node_nt(iri.document_iri(doc.doc_id))
        self.graph = f" {_node_nt(iri.graph_iri(doc.doc_id))} .\n"
        self.activity = _node_nt(iri.activity_iri(version))
        self.lines: dict[str, str] = {}  # each line once, with its predicate
        self._iris: dict[tuple[Callable[[str], URIRef], str], tuple[str, str]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o}{self.graph}"] = p

    def node(self, mint: Callable[[str], URIRef], name: str) -> tuple[str, str]:
        """(IRI, N-Triples term) of an actor, event or policy, minted once per document."""
        key = (mint, name)
        found = self._iris.get(key)
        if found is None:
            node = mint(name)
            found = self._iris[key] = (str(node), _minted_nt(node))
        return found

    def fact(
        self, s: tuple[str, str], p: tuple[str, str], o: tuple[str, str], evidence: Iterable[Evidence]
    ) -> list[str]:
        """Assert s p o and record every passage it was read from; returns the evidence nodes. Each term is
        (plain text, N-Triples term)."""
        self.add(s[1], p[1], o[1])
        nodes = []
        for ev in evidence:
            node = _minted_nt(iri.evidence_iri(self.doc.doc_id, s[0], p[0], o[0], ev.start, ev.end, ev.rule))
            nodes.append(node)
            passage = self.doc.text[ev.start : ev.end][:_PASSAGE_LIMIT]
            lines, graph = self.lines, self.graph
            lines[f"{node} {_TYPE} {_EVIDENCE}{graph}"] = _TYPE
            lines[f"{node} {_SUBJECT} {s[1]}{graph}"] = _SUBJECT
            lines[f"{node} {_PREDICATE} {p[1]}{graph}"] = _PREDICATE
            lines[f"{node} {_OBJECT} {o[1]}{graph}"] = _OBJECT
            lines[f"{node} {_IN_DOCUMENT} {self.document}{graph}"] = _IN_DOCUMENT
            lines[f"{node} {_START_OFFSET} {_integer_nt(ev.start)}{graph}"] = _START_OFFSET
            lines[f"{node} {_END_OFFSET} {_integer_nt(ev.end)}{graph}"] = _END_OFFSET
            lines[f"{node} {_PASSAGE} {literal_nt(passage)}{graph}"] = _PASSAGE
            lines[f"{node} {_RULE} {literal_nt(ev.rule)}{graph}"] = _RULE
            lines[f"{node} {_GENERATED_BY} {self.activity}{graph}"] = _GENERATED_BY
        return nodes

    def labelled(
        self,
        node: tuple[str, str],
        name: str,
        aliases: Iterable[str],
        merges: Iterable[Merge] = (),
        mint: Callable[[str], URIRef] | None = None,
    ) -> None:
        """Label and aliases; an alias that entity resolution merged in gets a `sovkg:Merge` evidence node
        (the surface form, where it occurs, the rule, and for a cross-document merge the node it would have had)."""
        self.add(node[1], _LABEL, literal_nt(name))
        decided = {m.surface: m for m in merges}
        for alias in sorted(set(aliases) - {name}):
            merge = decided.get(alias)
            if merge is None:
                self.add(node[1], _ALTERNATE_NAME, literal_nt(alias))
                continue
            for ev_node in self.fact(node, _ALTERNATE, (alias, literal_nt(alias)), [merge.evidence]):
                self.add(ev_node, _TYPE, _sovkg_nt("Merge"))
                self.add(ev_node, _sovkg_nt("mergedFrom"), literal_nt(alias))
                if merge.merged_resource and mint is not None:
                    self.add(ev_node, _sovkg_nt("mergedResource"), _minted_nt(mint(merge.merged_resource)))
        self.add(node[1], _SOURCE_DOCUMENT, self.document)


def _document(em: _Emitter, doc: Document, version: str, actors: set[str]) -> None:
    """Metadata of the document itself (Dublin Core and schema.org terms) and of its named graph.

    Authors and publisher are linked only when extraction typed them as actors of this graph.
    """
    node = em.document
    graph = _node_nt(iri.graph_iri(doc.doc_id))
    software = _node_nt(iri.software_iri(version))
    em.add(node, _TYPE, _sovkg_nt("Document"))
    em.add(node, _TYPE, _sovkg_nt(doc.kind.value))
    em.add(node, _LABEL, literal_nt(doc.title))
    em.add(node, _node_nt(DCTERMS.title), literal_nt(doc.title))
    em.add(node, _sovkg_nt("contentHash"), literal_nt(doc.content_hash))
    em.add(node, _sovkg_nt("sourceLocator"), literal_nt(doc.locator))
    em.add(node, _node_nt(DCTERMS.format), literal_nt(doc.media_type))
    em.add(graph, _node_nt(PROV.wasDerivedFrom), node)
    em.add(graph, _GENERATED_BY, em.activity)
    em.add(em.activity, _TYPE, _node_nt(PROV.Activity))
    em.add(em.activity, _node_nt(PROV.wasAssociatedWith), software)
    em.add(software, _TYPE, _node_nt(PROV.SoftwareAgent))
    em.add(software, _LABEL, literal_nt(f"sovkg {version}"))
    if doc.locator.startswith(("http://", "https://")):
        em.add(node, _node_nt(SDO.url), _node_nt(iri.web_iri(doc.locator)))
    if doc.published:
        em.add(node, _node_nt(DCTERMS.issued), term_nt(Literal(doc.published, datatype=XSD.date)))
    if doc.publisher in actors:
        em.add(node, _node_nt(SDO.publisher), em.node(iri.actor_iri, doc.publisher)[1])
    for author in doc.authors:
        if author in actors:
            em.add(node, _node_nt(SDO.author), em.node(iri.actor_iri, author)[1])


def _actor(em: _Emitter, actor: ActorRecord, types: dict[str, str]) -> None:
    node = em.node(iri.actor_iri, actor.name)
    em.add(node[1], _TYPE, _ACTOR)
    em.fact(node, _RDF_TYPE, _sovkg(actor.type.value), actor.evidence)
    em.labelled(node, actor.name, actor.aliases, actor.merges, iri.actor_iri)
    for role in actor.roles:
        em.add(node[1], _sovkg_nt("role"), literal_nt(role))
    for link in actor.affiliations:
        # an affiliation is to an organisation, a government body or a country, never to a person
        if link.target in types and types[link.target] != "Person":
            em.fact(node, _sovkg("affiliation"), em.node(iri.actor_iri, link.target), [link.evidence])


def _event(em: _Emitter, event: EventRecord, actors: set[str], events: set[str]) -> None:
    node = em.node(iri.event_iri, event.name)
    em.add(node[1], _TYPE, _sovkg_nt("Event"))
    em.fact(node, _RDF_TYPE, _sovkg(event.type.value), event.evidence)
    em.labelled(node, event.name, event.aliases, event.merges, iri.event_iri)
    if event.start:
        em.add(node[1], _sovkg_nt("startDate"), term_nt(Literal(event.start, datatype=XSD.date)))
    if event.location:
        em.add(node[1], _sovkg_nt("location"), literal_nt(event.location))
    if event.part_of and event.part_of in events and event.part_of != event.name:
        em.add(node[1], _sovkg_nt("partOf"), em.node(iri.event_iri, event.part_of)[1])
    for part in event.participants:
        if part.actor in actors:
            em.fact(node, _sovkg(part.role.value), em.node(iri.actor_iri, part.actor), [part.evidence])


def _policy(em: _Emitter, policy: PolicyRecord, actors: set[str]) -> None:
    node = em.node(iri.policy_iri, policy.name)
    em.add(node[1], _TYPE, _sovkg_nt("Policy"))
    em.fact(node, _RDF_TYPE, _sovkg(policy.type.value), policy.evidence)
    em.labelled(node, policy.name, policy.aliases, policy.merges, iri.policy_iri)
    for predicate, links in (("adopts", policy.adopters), ("runs", policy.runners)):
        for link in links:
            if link.target in actors:
                em.fact(em.node(iri.actor_iri, link.target), _sovkg(predicate), node, [link.evidence])


def _claim(em: _Emitter, claim: ClaimRecord, actors: set[str], events: set[str], policies: set[str]) -> None:
    if claim.claimant not in actors:
        return
    node = iri.claim_iri(em.doc.doc_id, claim.claimant, claim.text)
    term = (str(node), _minted_nt(node))
    label = claim.text if len(claim.text) <= 120 else claim.text[:117].rstrip() + "..."
    em.add(term[1], _TYPE, _sovkg_nt("Claim"))
    em.add(term[1], _LABEL, literal_nt(label))
    em.add(term[1], _SOURCE_DOCUMENT, em.document)
    em.fact(term, _sovkg("claimText"), (claim.text, literal_nt(claim.text)), [claim.evidence])
    em.fact(term, _sovkg("claimant"), em.node(iri.actor_iri, claim.claimant), [claim.evidence])
    em.add(term[1], _sovkg_nt("claimKind"), _sovkg_nt(claim.kind.value))
    for target in claim.about:
        if target in actors:
            em.add(term[1], _sovkg_nt("about"), em.node(iri.actor_iri, target)[1])
        elif target in policies:
            em.add(term[1], _sovkg_nt("about"), em.node(iri.policy_iri, target)[1])
    if claim.event and claim.event in events:
        em.fact(term, _sovkg("madeAt"), em.node(iri.event_iri, claim.event), [claim.evidence])


def extraction_nquads(extraction: Extraction, version: str) -> dict[str, str]:
    """The N-Quads lines of one document's named graph, each once (in no order), with its predicate."""
    doc = extraction.document
    types = {a.name: a.type.value for a in extraction.actors}
    actors = set(types)
    em = _Emitter(doc, version)
    _document(em, doc, version, actors)
    events = {e.name for e in extraction.events}
    policies = {p.name for p in extraction.policies}
    for actor in extraction.actors:
        _actor(em, actor, types)
    for event in extraction.events:
        _event(em, event, actors, events)
    for policy in extraction.policies:
        _policy(em, policy, actors)
    for claim in extraction.claims:
        _claim(em, claim, actors, events, policies)
    return em.lines


def nquads(triples: Iterable[Triple], graph: URIRef) -> Iterator[str]:
    """N-Quads lines of triples in one named graph."""
    g = f"<{graph}>"
    for s, p, o in triples:
        yield f"{term_nt(s)} {term_nt(p)} {term_nt(o)} {g} .\n"
