"""Publishing named graphs to any SPARQL 1.1 store over the Graph Store HTTP Protocol.

For deployments with more data than one machine holds (Apache Jena Fuseki, GraphDB, QLever, an Oxigraph
server, ...): each document's named graph is replaced with one HTTP PUT, and graphs this pipeline
published before but no longer produces (documents removed) are deleted with HTTP DELETE. New graphs
are all written before any old one is deleted; each PUT replaces one graph atomically on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from ontology import iri
from ontology.namespace import DATA

N_TRIPLES = "application/n-triples"
_MANAGED_PREFIX = str(DATA["graph/"])


@dataclass(frozen=True)
class HttpPublish:
    written: int
    deleted: tuple[str, ...]


def to_ntriples(nquads: str) -> bytes:
    """One named graph's N-Quads as the N-Triples body of a Graph Store PUT."""
    quads = ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    return "".join(f"{ox.Triple(q.subject, q.predicate, q.object)} .\n" for q in quads).encode()


def managed_graphs(client: httpx.Client, query_url: str) -> set[str]:
    """Named graphs under sovkg's graph namespace that the store holds now."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{_MANAGED_PREFIX}")) }}'
    response = client.post(
        query_url,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    return {row["g"]["value"] for row in response.json()["results"]["bindings"]}


def publish_over_http(
    graphs: dict[str, str], ontology_nquads: str, store_url: str, query_url: str, timeout_s: float = 60.0
) -> HttpPublish:
    """PUT every document graph (doc id -> N-Quads) and the ontology graph; DELETE stale sovkg graphs."""
    bodies = {str(iri.graph_iri(doc_id)): to_ntriples(block) for doc_id, block in graphs.items()}
    bodies[str(iri.ontology_graph_iri())] = to_ntriples(ontology_nquads)
    with httpx.Client(timeout=timeout_s) as client:
        before = managed_graphs(client, query_url)
        for graph, body in sorted(bodies.items()):
            response = client.put(store_url, params={"graph": graph}, content=body, headers={"Content-Type": N_TRIPLES})
            response.raise_for_status()
        stale = tuple(sorted(before - set(bodies)))
        for graph in stale:
            response = client.delete(store_url, params={"graph": graph})
            if response.status_code != 404:
                response.raise_for_status()
    return HttpPublish(len(bodies), stale)
