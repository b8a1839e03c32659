"""The published graph as a real service: `sovkg serve` (Oxigraph behind it) on a free loopback port,
queried with SPARQLWrapper and `sovkg query`; the store's atomic publish; the Graph Store HTTP resource
against an Oxigraph server started by the test."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import materialize_all, metadata
from rdflib import Dataset, Graph, namespace
from rdflib.namespace import RDF  # DCAT via `namespace`: pytest probes module attributes, DCAT is a closed namespace
from served import Service
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ontology import iri
from ontology.namespace import SOVKG
from pipelines.cli import main as cli
from pipelines.queries import ready_queries
from pipelines.resources import GraphStoreHttpResource
from pipelines.serve import free_port, oxigraph_executable
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.store import current_location, publish_to_store
from sources.corpus import sample_paths


@pytest.fixture(scope="module")
def served(sample_build) -> Iterator[tuple[Service, Path]]:
    _, out = sample_build
    service = Service(out, "--timeout", "3")
    yield service, out
    service.stop()


def test_build_publishes_a_store_version(sample_build) -> None:
    result, out = sample_build
    store = metadata(result, "graph_store")
    assert store["named_graphs"] == metadata(result, "knowledge_graph")["named_graphs"] + 1  # + the ontology
    assert current_location(out / "store").name == store["version"]


def test_sparql_select_over_http_matches_the_dumps(served) -> None:
    service, out = served
    dump = Graph().parse(out / "dataset.nt", format="nt")
    actors = {str(s) for s in dump.subjects(RDF.type, SOVKG.Actor)}
    rows = service.select("SELECT DISTINCT ?a WHERE { ?a a sovkg:Actor }")
    assert {r["a"] for r in rows} == actors and actors
    ontology_classes = service.count("?c a <http://www.w3.org/2002/07/owl#Class>")
    assert ontology_classes > 20  # the ontology is loaded as its own named graph


def test_writes_are_refused(served) -> None:
    service, _ = served
    sparql = SPARQLWrapper(service.endpoint.replace("/query", "/update"))
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    with pytest.raises((SPARQLWrapperException, Exception)) as refused:
        sparql.query()
    assert "403" in str(refused.value) or "read-only" in str(refused.value)
    as_query = httpx.post(
        service.endpoint,
        content=b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    put = httpx.put(f"{service.base}/store", params={"default": ""}, content=b"<urn:x:a> <urn:x:b> <urn:x:c> .")
    delete = httpx.delete(f"{service.base}/store", params={"graph": str(iri.graph_iri("x"))})
    assert (as_query.status_code, put.status_code, delete.status_code) == (403, 403, 403)
    assert service.count("<urn:x:a> ?p ?o") == 0


def test_runaway_query_hits_the_timeout_and_the_server_keeps_answering(served) -> None:
    service, _ = served
    started = time.monotonic()
    response = httpx.get(
        service.endpoint,
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"},
        timeout=60,
    )
    assert response.status_code == 503 and "stopped" in response.text
    assert time.monotonic() - started < 20
    assert service.count("?a a sovkg:Actor") > 0


def test_large_results_are_refused_with_a_reason(sample_build) -> None:
    _, out = sample_build
    service = Service(out, "--max-result-mb", "0.05")
    try:
        response = httpx.get(service.endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
        assert response.status_code == 413 and "LIMIT" in response.text
        small = httpx.get(service.endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}, timeout=30)
        assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 5
    finally:
        service.stop()


def test_turtle_over_http_and_downloads_with_their_checksums(served) -> None:
    service, out = served
    turtle = httpx.get(f"{service.base}/store", params={"default": ""}, headers={"Accept": "text/turtle"}, timeout=30)
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle"), turtle.text[:500]
    served_graph = Graph().parse(data=turtle.text, format="turtle")
    dump = Graph().parse(out / "dataset.nt", format="nt")
    assert len(dump) > 0 and all(t in served_graph for t in list(dump)[:500])
    page = httpx.get(f"{service.base}/")
    assert page.status_code == 200 and "network.png" in page.text and "Example queries" in page.text
    void = Graph().parse(out / "void.ttl", format="turtle")
    urls = [str(u) for u in void.objects(None, namespace.DCAT.downloadURL)]
    assert len(urls) >= 8
    for url in urls:
        name = url.rsplit("/", 1)[-1]
        body = httpx.get(f"{service.base}/downloads/{name}").content
        assert hashlib.sha256(body).hexdigest() == json.loads((out / "manifest.json").read_text())["files"][name]
    assert gzip.decompress((out / "dataset.nt.gz").read_bytes()) == (out / "dataset.nt").read_bytes()
    jsonld = Dataset()
    jsonld.parse(out / "dataset.jsonld", format="json-ld")
    assert {(s, p, o) for s, p, o, _ in jsonld.quads()} == set(dump)


def _cli_json(capsys, *args: str) -> list[dict[str, str]]:
    assert cli(["query", *args, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]


def test_every_ready_query_is_tested() -> None:
    tested = {
        "governments-with-open-source-policies",
        "claims-at-event",
        "actors-in-several-documents",
        "policies-and-actors",
        "provenance",
        "merges",
        "corroborated-claims",  # tests/test_corroborate.py
        "also-reported-by",  # tests/test_corroborate.py
    }
    assert {q.name for q in ready_queries()} == tested
    assert all(q.comment for q in ready_queries())


def test_query_governments_with_open_source_policies(served, capsys) -> None:
    service, _ = served
    rows = _cli_json(capsys, "governments-with-open-source-policies", "--endpoint", service.endpoint)
    assert {r["kind"] for r in rows} <= {"Country", "GovernmentBody"}
    pairs = {(r["government"], r["policyKind"]) for r in rows}
    assert ("Germany", "Fund") in pairs and ("European Commission", "Strategy") in pairs


def test_query_claims_at_one_event(served, capsys) -> None:
    service, _ = served
    events = service.select("SELECT DISTINCT ?name WHERE { ?e a sovkg:Session ; rdfs:label ?name }")
    session = next(r["name"] for r in events if r["name"].startswith("IGF 2024"))
    rows = _cli_json(capsys, "claims-at-event", "--endpoint", service.endpoint, "--bind", f"event={session}")
    assert rows and {r["event"] for r in rows} == {session}
    assert ("Jonas Lindqvist", "Lund University") in {(r["claimant"], r.get("affiliation")) for r in rows}
    assert {"QuantitativeClaim", "Recommendation"} <= {r["kind"] for r in rows}


def test_query_actors_in_several_documents(served, capsys) -> None:
    service, _ = served
    rows = _cli_json(capsys, "actors-in-several-documents", "--endpoint", service.endpoint)
    assert rows and all(int(r["documents"]) > 1 or int(r["events"]) > 1 for r in rows)
    assert "European Commission" in {r["actor"] for r in rows}


def test_query_policies_and_actors(served, capsys) -> None:
    service, _ = served
    rows = {r["policy"]: r for r in _cli_json(capsys, "policies-and-actors", "--endpoint", service.endpoint)}
    assert rows["Cyber Resilience Act"]["kind"] == "Regulation"
    assert rows["Cyber Resilience Act"]["adoptedBy"] == "European Union"


def test_query_provenance_of_one_statement(served, capsys) -> None:
    service, _ = served
    subject = service.select('SELECT ?a WHERE { ?a a sovkg:Person ; rdfs:label "Jonas Lindqvist" }')[0]["a"]
    rows = _cli_json(capsys, "provenance", "--endpoint", service.endpoint, "--bind", f"subject={subject}")
    assert rows and {r["subject"] for r in rows} == {subject}
    for row in rows:
        assert int(row["start"]) < int(row["end"]) and row["rule"] and row["locator"].startswith("samples/")
        assert "Jonas" in row["passage"] or "Lindqvist" in row["passage"] or row["rule"].startswith("merge.")


def test_query_merges(served, capsys) -> None:
    service, _ = served
    rows = _cli_json(capsys, "merges", "--endpoint", service.endpoint)
    assert ("Cyber Resilience Act", "CRA", "merge.acronym") in {(r["entity"], r["form"], r["rule"]) for r in rows}


def test_query_table_output_and_errors(served, capsys) -> None:
    service, _ = served
    assert cli(["query", "--endpoint", service.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].strip() == "n" and "(1 rows)" in table
    assert cli(["query", "--endpoint", service.endpoint, "SELECT WHERE {"]) == 1
    assert "refused" in capsys.readouterr().err
    assert cli(["query", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "ASK {}"]) == 2
    assert "sovkg serve" in capsys.readouterr().err


def test_republishing_replaces_the_graph_and_a_failed_publish_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert materialize_all(None, out).success
    service = Service(out)
    try:
        full = service.count()
        found = httpx.get(f"{service.base}/search", params={"q": "Lindqvist"}, headers={"Accept": "application/json"})
        assert [hit["label"] for hit in found.json()][:1] == ["Jonas Lindqvist"]
        assert materialize_all(None, out).success  # same content: nothing changes, no duplicates
        assert service.count() == full
        one = [str(p) for folder in sample_paths() for p in folder.glob("news-cyber*")]
        assert len(one) == 1
        assert materialize_all(one, out).success  # one document left: the server switches to it
        smaller = service.count()
        assert 0 < smaller < full
        # the search index is rebuilt for the new release: what left the graph is not found any more
        found = httpx.get(f"{service.base}/search", params={"q": "Lindqvist"}, headers={"Accept": "application/json"})
        assert found.status_code == 200 and found.json() == []
        assert service.count("GRAPH ?g { ?s ?p ?o }") == service.count("GRAPH ?g { ?s ?p ?o } FILTER(true)")
        graphs = service.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(graphs) == 2  # the document's graph and the ontology graph
        before = (out / "store" / "CURRENT").read_text()
        with pytest.raises(SyntaxError):
            publish_to_store({"broken": "<broken"}, out / "store")  # interrupted mid-way: the parser fails
        assert (out / "store" / "CURRENT").read_text() == before
        assert service.count() == smaller
        assert not [p for p in (out / "store" / "versions").iterdir() if p.name.startswith(".")]
    finally:
        service.stop()


@pytest.fixture()
def writable_oxigraph(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_executable(), "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_graph_store_http_resource_puts_and_deletes_named_graphs(sample_build, writable_oxigraph) -> None:
    _, out = sample_build
    store = ox.Store()
    store.load(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)
    blocks: dict[str, str] = {}
    for quad in store:
        doc_id = quad.graph_name.value.rsplit("/", 1)[-1]
        blocks[doc_id] = blocks.get(doc_id, "") + f"{quad} .\n"
    graph = KnowledgeGraph(blocks)
    resource = GraphStoreHttpResource(store_url=f"{writable_oxigraph}/store", query_url=f"{writable_oxigraph}/query")

    def remote_graphs() -> dict[str, int]:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        rows = httpx.post(
            f"{writable_oxigraph}/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
        ).json()["results"]["bindings"]
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    first = resource.publish(graph)
    assert first["graphs_written"] == len(blocks) + 1 and first["graphs_deleted"] == 0
    counts = remote_graphs()
    assert sum(n for g, n in counts.items() if g != str(iri.ontology_graph_iri())) == len(store)
    resource.publish(graph)  # PUT replaces: publishing twice does not duplicate
    assert remote_graphs() == counts
    removed = sorted(blocks)[0]
    second = resource.publish(KnowledgeGraph({k: v for k, v in blocks.items() if k != removed}))
    assert second["graphs_deleted"] == 1
    assert str(iri.graph_iri(removed)) not in remote_graphs()


def test_oxigraph_cli_is_installed() -> None:
    assert shutil.which(oxigraph_executable())


def test_a_dead_store_process_is_replaced_on_the_next_request(served) -> None:
    service, _ = served
    before = service.store_processes()
    assert len(before) == 1
    os.kill(before[0], signal.SIGKILL)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{before[0]}").exists() and Path(f"/proc/{before[0]}/status").read_text().find("zombie") < 0:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert service.count("?a a sovkg:Actor") > 0  # answered by a new Oxigraph process
    after = service.store_processes()
    assert len(after) == 1 and after != before
    page = httpx.get(f"{service.base}/search", params={"q": "lindqvist"}, headers={"Accept": "application/json"})
    assert page.status_code == 200 and page.json()


def test_a_slow_client_does_not_hold_up_others(served) -> None:
    service, _ = served
    port = int(service.base.rsplit(":", 1)[1])
    slow = []
    try:
        for i in range(16):  # half a request line, headers without their end, a body that never comes
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            partial = [
                b"GET /query?query=ASK",
                b"GET /search?q=x HTTP/1.1\r\nHost: slow\r\n",
                b"POST /query HTTP/1.1\r\nHost: slow\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 1000\r\n\r\nSELECT",
            ][i % 3]
            connection.sendall(partial)
            slow.append(connection)
        started = time.monotonic()
        assert service.count("?a a sovkg:Actor") > 0
        page = httpx.get(f"{service.base}/search", params={"q": "jonas"}, timeout=5)
        assert page.status_code == 200 and "Jonas Lindqvist" in page.text
        assert time.monotonic() - started < 3
    finally:
        for connection in slow:
            connection.close()


def test_the_query_endpoint_refuses_updates_and_oversized_requests_and_answers_on_both_paths(served) -> None:
    service, _ = served
    form_update = httpx.post(service.endpoint, data={"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"})
    encoded_name = httpx.post(
        service.endpoint,
        content=b"%75pdate=INSERT%20DATA%20%7B%20%3Curn%3Ax%3Aa%3E%20%3Curn%3Ax%3Ab%3E%20%3Curn%3Ax%3Ac%3E%20%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (form_update.status_code, encoded_name.status_code) == (403, 403) and "read-only" in form_update.text
    oversized = httpx.post(
        service.endpoint,
        content=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * (1024 * 1024),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert oversized.status_code == 413
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/sovkg/ontology#Actor> }"
    counts = []
    for path in ("/query", "/sparql"):
        for answer in (
            httpx.get(f"{service.base}{path}", params={"query": query}, headers={"Accept": "application/sparql-results+json"}),
            httpx.post(f"{service.base}{path}", data={"query": query}, headers={"Accept": "application/sparql-results+json"}),
        ):
            assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/sparql-results+json")
            assert int(answer.headers["content-length"]) == len(answer.content)
            counts.append(int(answer.json()["results"]["bindings"][0]["n"]["value"]))
    assert len(set(counts)) == 1 and counts[0] > 0
    for accept in ("text/html", "Text/HTML"):  # media types are case-insensitive
        page = httpx.get(service.endpoint, params={"query": query}, headers={"Accept": accept})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
