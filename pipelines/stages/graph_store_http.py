"""Publishing named graphs to any SPARQL 1.1 store over the Graph Store HTTP Protocol.

For deployments with more data than one machine holds (Apache Jena Fuseki, GraphDB, QLever, an Oxigraph
server, ...): each document's named graph is replaced with one HTTP PUT, and graphs this pipeline
published before but no longer produces (documents removed) are deleted with HTTP DELETE. New graphs
are all written before any old one is deleted; each PUT replaces one graph atomically on the server.
Graphs sent before with the same content are not sent again (the digests sent are kept in a state file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from ontology import iri
from ontology.namespace import DATA
from pipelines.stages.atomic import read_json, write_json
from pipelines.stages.store import store_graphs

N_TRIPLES = "application/n-triples"
_MANAGED_PREFIX = str(DATA["graph/"])


@dataclass(frozen=True)
class HttpPublish:
    written: int
    deleted: tuple[str, ...]
    unchanged: int = 0  # graphs the store already held with the same content: not sent again


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
    graphs: dict[str, str],
    store_url: str,
    query_url: str,
    timeout_s: float = 60.0,
    state_file: Path | None = None,
    digests: dict[str, str] | None = None,
) -> HttpPublish:
    """PUT every document graph (doc id -> N-Quads) and the ontology graph; DELETE stale sovkg graphs.

    With `state_file` (the digest of each graph last sent to this store), graphs the store still holds
    with the same content are not sent again, so a release costs one PUT per changed graph."""
    blocks, digests = store_graphs(graphs, digests)
    sent: dict[str, dict[str, str]] = read_json(state_file, {}) if state_file else {}
    known = sent.get(store_url, {})
    with httpx.Client(timeout=timeout_s) as client:
        before = managed_graphs(client, query_url)
        ontology = str(iri.ontology_graph_iri())
        # a graph the store lost (or never had) is sent again whatever the record says
        todo = [g for g in sorted(blocks) if known.get(g) != digests[g] or (g not in before and g != ontology)]
        for graph in todo:
            body = to_ntriples(blocks[graph])
            response = client.put(store_url, params={"graph": graph}, content=body, headers={"Content-Type": N_TRIPLES})
            response.raise_for_status()
            known[graph] = digests[graph]
        stale = tuple(sorted(before - set(blocks)))
        for graph in stale:
            response = client.delete(store_url, params={"graph": graph})
            if response.status_code != 404:
                response.raise_for_status()
    if state_file is not None:
        sent[store_url] = {g: d for g, d in sorted(known.items()) if g in blocks}
        write_json(state_file, sent)
    return HttpPublish(len(todo), stale, len(blocks) - len(todo))
