"""Records -> RDF: one function per record type, all IRIs from ontology.iri.

Each document's statements go to its own named graph. Every fact read from the text also gets an
`sovkg:Evidence` node (an rdf:Statement with the passage offsets and the rule id), so "why does the
graph say this?" is one SPARQL query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


@dataclass
class _Emitter:
    """Collects one document's triples, adding evidence nodes for facts read from the text."""

    doc: Document
    version: str
    triples: list[Triple]

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.append((s, p, o))

    def fact(self, s: Node, p: Node, o: Node, evidence: Iterable[Evidence]) -> list[URIRef]:
        """Assert s p o and record every passage it was read from; returns the evidence nodes."""
        self.add(s, p, o)
        nodes = []
        for ev in evidence:
            node = iri.evidence_iri(self.doc.doc_id, s, p, o, ev.start, ev.end, ev.rule)
            nodes.append(node)
            passage = self.doc.text[ev.start : ev.end][:_PASSAGE_LIMIT]
            self.triples.extend(
                [
                    (node, RDF.type, SOVKG.Evidence),
                    (node, RDF.subject, s),
                    (node, RDF.predicate, p),
                    (node, RDF.object, o),
                    (node, SOVKG.inDocument, iri.document_iri(self.doc.doc_id)),
                    (node, SOVKG.startOffset, Literal(ev.start, datatype=XSD.integer)),
                    (node, SOVKG.endOffset, Literal(ev.end, datatype=XSD.integer)),
                    (node, SOVKG.passage, Literal(passage)),
                    (node, SOVKG.rule, Literal(ev.rule)),
                    (node, PROV.wasGeneratedBy, iri.activity_iri(self.version)),
                ]
            )
        return nodes

    def labelled(
        self,
        node: URIRef,
        name: str,
        aliases: Iterable[str],
        merges: Iterable[Merge] = (),
        mint: Callable[[str], URIRef] | None = None,
    ) -> None:
        """Label and aliases; an alias that entity resolution merged in gets a `sovkg:Merge` evidence node
        (the surface form, where it occurs, the rule, and for a cross-document merge the node it would have had)."""
        self.add(node, RDFS.label, Literal(name))
        decided = {m.surface: m for m in merges}
        for alias in sorted(set(aliases) - {name}):
            merge = decided.get(alias)
            if merge is None:
                self.add(node, SDO.alternateName, Literal(alias))
                continue
            for ev_node in self.fact(node, SDO.alternateName, Literal(alias), [merge.evidence]):
                self.add(ev_node, RDF.type, SOVKG.Merge)
                self.add(ev_node, SOVKG.mergedFrom, Literal(alias))
                if merge.merged_resource and mint is not None:
                    self.add(ev_node, SOVKG.mergedResource, mint(merge.merged_resource))
        self.add(node, SOVKG.sourceDocument, iri.document_iri(self.doc.doc_id))


def document_triples(doc: Document, version: str, actors: set[str]) -> list[Triple]:
    """Metadata of the document itself (Dublin Core and schema.org terms) and of its named graph.

    Authors and publisher are linked only when extraction typed them as actors of this graph.
    """
    node = iri.document_iri(doc.doc_id)
    graph = iri.graph_iri(doc.doc_id)
    triples: list[Triple] = [
        (node, RDF.type, SOVKG.Document),
        (node, RDF.type, SOVKG[doc.kind.value]),
        (node, RDFS.label, Literal(doc.title)),
        (node, DCTERMS.title, Literal(doc.title)),
        (node, SOVKG.contentHash, Literal(doc.content_hash)),
        (node, SOVKG.sourceLocator, Literal(doc.locator)),
        (node, DCTERMS.format, Literal(doc.media_type)),
        (graph, PROV.wasDerivedFrom, node),
        (graph, PROV.wasGeneratedBy, iri.activity_iri(version)),
        (iri.activity_iri(version), RDF.type, PROV.Activity),
        (iri.activity_iri(version), PROV.wasAssociatedWith, iri.software_iri(version)),
        (iri.software_iri(version), RDF.type, PROV.SoftwareAgent),
        (iri.software_iri(version), RDFS.label, Literal(f"sovkg {version}")),
    ]
    if doc.locator.startswith(("http://", "https://")):
        triples.append((node, SDO.url, iri.web_iri(doc.locator)))
    if doc.published:
        triples.append((node, DCTERMS.issued, Literal(doc.published, datatype=XSD.date)))
    if doc.publisher in actors:
        triples.append((node, SDO.publisher, iri.actor_iri(doc.publisher)))
    for author in doc.authors:
        if author in actors:
            triples.append((node, SDO.author, iri.actor_iri(author)))
    return triples


def _actor(em: _Emitter, actor: ActorRecord, types: dict[str, URIRef]) -> None:
    node = iri.actor_iri(actor.name)
    em.add(node, RDF.type, ACTOR_TOP)
    em.fact(node, RDF.type, SOVKG[actor.type.value], actor.evidence)
    em.labelled(node, actor.name, actor.aliases, actor.merges, iri.actor_iri)
    for role in actor.roles:
        em.add(node, SOVKG.role, Literal(role))
    for link in actor.affiliations:
        # an affiliation is to an organisation, a government body or a country, never to a person
        if link.target in types and types[link.target] != SOVKG.Person:
            em.fact(node, SOVKG.affiliation, iri.actor_iri(link.target), [link.evidence])


def _event(em: _Emitter, event: EventRecord, actors: set[str], events: set[str]) -> None:
    node = iri.event_iri(event.name)
    em.add(node, RDF.type, SOVKG.Event)
    em.fact(node, RDF.type, SOVKG[event.type.value], event.evidence)
    em.labelled(node, event.name, event.aliases, event.merges, iri.event_iri)
    if event.start:
        em.add(node, SOVKG.startDate, Literal(event.start, datatype=XSD.date))
    if event.location:
        em.add(node, SOVKG.location, Literal(event.location))
    if event.part_of and event.part_of in events and event.part_of != event.name:
        em.add(node, SOVKG.partOf, iri.event_iri(event.part_of))
    for part in event.participants:
        if part.actor in actors:
            em.fact(node, SOVKG[part.role.value], iri.actor_iri(part.actor), [part.evidence])


def _policy(em: _Emitter, policy: PolicyRecord, actors: set[str]) -> None:
    node = iri.policy_iri(policy.name)
    em.add(node, RDF.type, SOVKG.Policy)
    em.fact(node, RDF.type, SOVKG[policy.type.value], policy.evidence)
    em.labelled(node, policy.name, policy.aliases, policy.merges, iri.policy_iri)
    for predicate, links in ((SOVKG.adopts, policy.adopters), (SOVKG.runs, policy.runners)):
        for link in links:
            if link.target in actors:
                em.fact(iri.actor_iri(link.target), predicate, node, [link.evidence])


def _claim(em: _Emitter, claim: ClaimRecord, actors: set[str], events: set[str], policies: set[str]) -> None:
    if claim.claimant not in actors:
        return
    node = iri.claim_iri(em.doc.doc_id, claim.claimant, claim.text)
    label = claim.text if len(claim.text) <= 120 else claim.text[:117].rstrip() + "..."
    em.add(node, RDF.type, SOVKG.Claim)
    em.add(node, RDFS.label, Literal(label))
    em.add(node, SOVKG.sourceDocument, iri.document_iri(em.doc.doc_id))
    em.fact(node, SOVKG.claimText, Literal(claim.text), [claim.evidence])
    em.fact(node, SOVKG.claimant, iri.actor_iri(claim.claimant), [claim.evidence])
    em.add(node, SOVKG.claimKind, SOVKG[claim.kind.value])
    for target in claim.about:
        if target in actors:
            em.add(node, SOVKG.about, iri.actor_iri(target))
        elif target in policies:
            em.add(node, SOVKG.about, iri.policy_iri(target))
    if claim.event and claim.event in events:
        em.fact(node, SOVKG.madeAt, iri.event_iri(claim.event), [claim.evidence])


def extraction_triples(extraction: Extraction, version: str) -> list[Triple]:
    """All triples of one document's named graph."""
    doc = extraction.document
    types = {a.name: SOVKG[a.type.value] for a in extraction.actors}
    actors = set(types)
    em = _Emitter(doc, version, document_triples(doc, version, actors))
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
    return list(dict.fromkeys(em.triples))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def term_nt(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's own n3() may emit Turtle long strings)."""
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
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


def nquads(triples: Iterable[Triple], graph: URIRef) -> Iterator[str]:
    """N-Quads lines of triples in one named graph."""
    g = f"<{graph}>"
    for s, p, o in triples:
        yield f"{term_nt(s)} {term_nt(p)} {term_nt(o)} {g} .\n"
