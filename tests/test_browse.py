"""The browse routes of `sovkg serve` over HTTP, against the real service on a build of the sample corpus:
dereferenceable IRIs by `Accept`, entity pages, the ontology, search, paged lists, the landing page, the
query editor, `--base-url`, and labels from hostile documents rendered escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, VOID
from served import Service

from ontology import ONTOLOGY_FILE
from ontology.namespace import DATA, SOVKG
from pipelines.cli import main as cli
from pipelines.queries import ready_queries
from pipelines.stages.store import POINTER

FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}


@pytest.fixture(scope="module")
def site(sample_build) -> Iterator[tuple[Service, Graph]]:
    _, out = sample_build
    service = Service(out)
    yield service, Graph().parse(out / "dataset.nt", format="nt")
    service.stop()


def page_of(service: Service, iri: str) -> str:
    return f"{service.base}/id/{iri.removeprefix(str(DATA))}"


def html(service: Service, url: str, **params: str) -> str:
    answer = httpx.get(url, params=params, headers={"Accept": "text/html"}, timeout=30)
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:300])
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def search(service: Service, q: str, **params: str) -> list[dict]:
    answer = httpx.get(f"{service.base}/search", params={"q": q, **params}, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    return answer.json()


def labelled(graph: Graph, label: str) -> URIRef:
    return next(s for s in graph.subjects(RDFS.label, Literal(label)) if str(s).startswith(str(DATA)))


def hrefs(page: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', page)]


def test_a_resource_is_described_in_each_format_by_accept(site) -> None:
    service, dump = site
    jonas = labelled(dump, "Jonas Lindqvist")
    own = set(dump.triples((jonas, None, None)))
    graphs = {}
    for media, rdflib_format in FORMATS.items():
        answer = httpx.get(page_of(service, jonas), headers={"Accept": media})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert answer.headers["vary"] == "Accept"
        graph = Graph().parse(data=answer.content, format=rdflib_format)
        assert set(graph.triples((jonas, None, None))) == own  # its triples as subject, no more, no fewer
        for target in dump.objects(jonas, SOVKG.affiliation):  # plus the labels of what it links to
            assert (target, RDFS.label, dump.value(target, RDFS.label)) in graph
        others = {m: f"{page_of(service, jonas)}.{s}" for m, s in (("text/html", "html"), *_suffixes()) if m != media}
        link = answer.headers["link"]
        assert all(f'<{url}>; rel="alternate"; type="{m}"' in link for m, url in others.items())
        location = answer.headers["content-location"]
        assert location.startswith(page_of(service, jonas) + ".")
        by_suffix = httpx.get(location)  # the Content-Location names that representation on its own
        assert by_suffix.status_code == 200 and by_suffix.content == answer.content
        graphs[media] = graph
    assert len({frozenset(g) for g in graphs.values()}) == 1
    page = httpx.get(page_of(service, jonas), headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and "Jonas Lindqvist" in page.text
    assert page.headers["content-location"].endswith(".html")


def _suffixes() -> list[tuple[str, str]]:
    return [("text/turtle", "ttl"), ("application/n-triples", "nt"), ("application/ld+json", "jsonld")]


def test_unknown_resources_and_unsupported_types(site) -> None:
    service, dump = site
    jonas = labelled(dump, "Jonas Lindqvist")
    assert httpx.get(page_of(service, jonas), headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(page_of(service, jonas), headers={"Accept": "application/json"}).status_code == 406
    for accept in ("text/html", "text/turtle", "application/ld+json"):
        unknown = httpx.get(f"{service.base}/id/actor/nobody-000000000000", headers={"Accept": accept})
        assert unknown.status_code == 404, accept
    odd = httpx.get(f"{service.base}/id/actor/a%3E%20%3Fp%20%3Fo%20%7B", headers={"Accept": "text/turtle"})
    assert odd.status_code == 404  # cannot be an IRI: never reaches the store as SPARQL


def test_actor_page_shows_claims_events_policies_documents_and_merges(site) -> None:
    service, dump = site
    jonas = labelled(dump, "Jonas Lindqvist")
    page = html(service, page_of(service, jonas))
    assert "<h1><bdi>Jonas Lindqvist</bdi></h1>" in page
    assert "Person" in page and "researcher" in page
    claims = list(dump.subjects(SOVKG.claimant, jonas))
    assert claims
    for claim in claims:
        assert str(dump.value(claim, SOVKG.claimText)) in unescape(page)
        assert page_of(service, claim) in hrefs(page)
    evidence = [e for e in dump.subjects(RDF.subject, claims[0]) if dump.value(e, RDF.predicate) == SOVKG.claimant]
    assert str(dump.value(evidence[0], SOVKG.rule)) in page and "<mark>" in page
    document = dump.value(evidence[0], SOVKG.inDocument)
    anchor = f"{page_of(service, document)}#e-{str(evidence[0]).rsplit('/', 1)[-1]}"
    assert anchor in hrefs(page)  # the claim leads to its passage on the document's page
    event = next(dump.subjects(SOVKG.speaker, jonas))
    assert page_of(service, event) in hrefs(page) and "speaker" in page
    for affiliation in dump.objects(jonas, SOVKG.affiliation):
        assert page_of(service, affiliation) in hrefs(page)
    assert "Merged into it" in page and "merge.short_name" in page
    for alias in dump.objects(jonas, URIRef("https://schema.org/alternateName")):
        assert f"“<bdi>{alias}</bdi>”" in page
    for link in {h.split("#")[0] for h in hrefs(page) if h.startswith(f"{service.base}/id/")}:
        assert httpx.get(link, headers={"Accept": "text/html"}).status_code == 200, link  # every link leads somewhere


def test_event_policy_claim_and_document_pages(site) -> None:
    service, dump = site
    session = next(s for s in dump.subjects(RDF.type, SOVKG.Session))
    page = html(service, page_of(service, session))
    for role in (SOVKG.moderator, SOVKG.speaker, SOVKG.organizer):
        for actor in dump.objects(session, role):
            assert page_of(service, actor) in hrefs(page)
    assert "moderator" in page and "Claims made here" in page
    for claim in dump.subjects(SOVKG.madeAt, session):
        assert page_of(service, claim) in hrefs(page)

    act = labelled(dump, "Cyber Resilience Act")
    page = html(service, page_of(service, act))
    assert "Adopted by" in page and page_of(service, labelled(dump, "European Union")) in hrefs(page)
    assert "Regulation" in page and "CRA" in page

    claim = next(dump.subjects(SOVKG.claimant, labelled(dump, "Jonas Lindqvist")))
    page = html(service, page_of(service, claim))
    assert page_of(service, labelled(dump, "Jonas Lindqvist")) in hrefs(page)
    assert "Where each statement comes from" in page and "<mark>" in page

    document = dump.value(claim, SOVKG.sourceDocument)
    page = html(service, page_of(service, document))
    assert str(dump.value(document, URIRef("http://purl.org/dc/terms/title"))) in unescape(page)
    assert "Extracted from it" in page and "Passages read from it" in page
    anchors = re.findall(r'<li id="(e-[^"]+)"', page)
    in_document = {str(e).rsplit("/", 1)[-1] for e in dump.subjects(SOVKG.inDocument, document)}
    assert anchors and {a.removeprefix("e-") for a in anchors} == in_document
    for extracted in dump.subjects(SOVKG.sourceDocument, document):
        assert page_of(service, extracted) in hrefs(page)


def test_ontology_page_documents_every_term(site) -> None:
    service, _ = site
    ontology = Graph().parse(ONTOLOGY_FILE)
    page = html(service, f"{service.base}/ontology")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {t for k in kinds for t in ontology.subjects(RDF.type, k) if str(t).startswith(str(SOVKG._NS))}
    assert len(terms) > 40
    for term in terms:
        name = str(term).removeprefix(str(SOVKG._NS))
        assert f'<dt id="{name}">' in page, name
        assert str(ontology.value(term, RDFS.label)) in unescape(page)
        for comment in ontology.objects(term, RDFS.comment):
            assert str(comment) in unescape(page)
    assert "https://schema.org/performer" in hrefs(page)  # alignments link out
    turtle = httpx.get(f"{service.base}/ontology", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and Graph().parse(data=turtle.text, format="turtle").isomorphic(ontology)


def test_search_by_label_alias_and_claim_words(site) -> None:
    service, dump = site
    jonas = str(labelled(dump, "Jonas Lindqvist"))
    hits = search(service, "JÖNAS lindq")  # accents and case folded, the last word a prefix
    assert hits[0] == {"iri": jonas, "label": "Jonas Lindqvist", "type": "Actor", "score": hits[0]["score"]}
    assert [h["iri"] for h in search(service, "lindqvist")][:1] == [jonas]
    cra = search(service, "cra")  # an alias
    assert cra[0]["label"] == "Cyber Resilience Act" and cra[0]["type"] == "Policy"
    claims = search(service, "public agencies survey", type="Claim")
    assert claims and all(h["type"] == "Claim" for h in claims)
    assert "a survey of 120 public agencies." in [h["label"] for h in claims]
    assert search(service, "jonas", type="Event") == []
    assert search(service, "zzzqqq") == [] and search(service, "") == []
    scores = [h["score"] for h in search(service, "open source")]
    assert scores == sorted(scores, reverse=True)
    page = html(service, f"{service.base}/search", q="lindqvist")
    assert page_of(service, URIRef(jonas)) in hrefs(page)
    wrong = httpx.get(f"{service.base}/search", params={"q": "x", "type": "Nope"}, headers={"Accept": "application/json"})
    assert wrong.status_code == 400


def test_lists_per_class_are_paged(site) -> None:
    service, dump = site
    evidence = set(dump.subjects(RDF.type, SOVKG.Evidence))
    assert len(evidence) > 100
    seen: list[str] = []
    page_number = 1
    while True:
        page = html(service, f"{service.base}/list/Evidence", page=str(page_number))
        items = re.findall(r'<li><a href="([^"]+)"', page)
        assert len(items) <= 50
        seen += items
        if 'rel="next"' not in page:
            break
        page_number += 1
    assert page_number == -(-len(evidence) // 50)
    assert sorted(seen) == sorted(page_of(service, e) for e in evidence)
    assert httpx.get(f"{service.base}/list/NoSuchClass").status_code == 404


def test_landing_page(site, sample_build) -> None:
    service, dump = site
    _, out = sample_build
    page = html(service, f"{service.base}/")
    links = hrefs(page)
    for name in ("Actor", "Person", "Event", "Policy", "Claim", "Document"):
        count = len(set(dump.subjects(RDF.type, SOVKG[name])))
        assert f'href="{service.base}/list/{name}">{name}</a>' in page
        assert re.search(rf"/list/{name}\">{name}</a></(?:th|td)><td class=\"n\">{count:,}</td>", page), name
    assert f"{service.base}/downloads/network.png" in page
    manifest = json.loads((out / "manifest.json").read_text())
    for name in manifest["files"]:
        assert f"{service.base}/downloads/{name}" in links
    assert f"{service.base}/query" in links and f"{service.base}/store?default" in links
    released = next(Graph().parse(out / "void.ttl").objects(None, URIRef("http://purl.org/dc/terms/issued")))
    assert f"Release {released}" in page
    assert httpx.get(f"{service.base}/downloads/network.png").status_code == 200


def test_query_page_runs_ready_queries_as_a_table(site) -> None:
    service, dump = site
    editor = html(service, f"{service.base}/query")
    assert "<textarea" in editor
    for query in ready_queries():
        assert query.name in editor
    example = html(service, f"{service.base}/query", example="merges")
    assert "mergedFrom" in unescape(example)
    ready = next(q for q in ready_queries() if q.name == "policies-and-actors")
    table = html(service, f"{service.base}/query", query=ready.text)
    assert "<table" in table and "Cyber Resilience Act" in table and "European Union" in table
    with_iris = html(service, f"{service.base}/query", query="SELECT ?a WHERE { ?a a <https://w3id.org/sovkg/ontology#Person> }")
    people = set(dump.subjects(RDF.type, SOVKG.Person))
    assert {page_of(service, p) for p in people} <= set(hrefs(with_iris))
    refused = httpx.get(f"{service.base}/query", params={"query": "SELECT WHERE {"}, headers={"Accept": "text/html"})
    assert refused.status_code == 400 and "refused" in refused.text
    # SPARQL clients still get SPARQL results from the same URL
    plain = httpx.get(f"{service.base}/query", params={"query": ready.text}, headers={"Accept": "*/*"})
    assert plain.headers["content-type"].startswith("application/sparql-results+json")


def test_pages_ship_their_own_assets(site) -> None:
    service, _ = site
    page = html(service, f"{service.base}/")
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith(f"{service.base}/") for a in assets)  # no CDN
    for asset in assets:
        if "/static/" in asset:
            assert httpx.get(asset).status_code == 200


def test_base_url_is_used_in_every_link(sample_build, tmp_path: Path, monkeypatch) -> None:
    _, out = sample_build
    public = "https://kg.example.org/sovkg"
    service = Service(out, "--base-url", public + "/")
    try:
        page = html(service, f"{service.base}/")
        own = [h for h in hrefs(page) if not h.startswith(("https://creativecommons.org",))]
        assert own and all(h.startswith(public + "/") for h in own)
        hit = search(service, "lindqvist")[0]
        answer = httpx.get(f"{service.base}/id/{hit['iri'].removeprefix(str(DATA))}", headers={"Accept": "text/turtle"})
        assert answer.headers["content-location"].startswith(f"{public}/id/")
        entity = html(service, f"{service.base}/id/{hit['iri'].removeprefix(str(DATA))}")
        assert all(h.startswith((public, "#", "https://w3id.org", "http")) for h in hrefs(entity))
        assert not [h for h in hrefs(entity) if h.startswith(service.base)]
    finally:
        service.stop()
    monkeypatch.setenv("SOVKG_BASE_URL", "")  # restored after the test: `build --base-url` sets it for its run
    built = tmp_path / "dist"
    assert cli(["build", "--out", str(built), "--workers", "1", "--base-url", public]) == 0
    void = Graph().parse(built / "void.ttl")
    assert {str(o) for o in void.objects(None, VOID.sparqlEndpoint)} == {f"{public}/query"}


HOSTILE = "<script>alert('x')</script> \"quoted\" & 'single' \u202eevil\u202c <img src=x onerror=alert(1)>"


def test_hostile_labels_are_rendered_escaped(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    actor, claim, doc = DATA["actor/hostile-1"], DATA["claim/hostile-2"], DATA["doc/hostile"]
    evidence, graph = DATA["evidence/hostile-3"], DATA["graph/hostile"]
    triples = [
        (actor, RDF.type, SOVKG.Actor),
        (actor, RDF.type, SOVKG.Person),
        (actor, RDFS.label, Literal(HOSTILE)),
        (actor, URIRef("https://schema.org/alternateName"), Literal("<b>bold</b>\u2066")),
        (actor, SOVKG.role, Literal('"><script>role()</script>')),
        (actor, SOVKG.sourceDocument, doc),
        (doc, RDF.type, SOVKG.Document),
        (doc, RDFS.label, Literal("</title><script>doc()</script>")),
        (claim, RDF.type, SOVKG.Claim),
        (claim, RDFS.label, Literal("<script>claim()</script> hostile words")),
        (claim, SOVKG.claimText, Literal("<script>claim()</script> hostile words")),
        (claim, SOVKG.claimant, actor),
        (claim, SOVKG.sourceDocument, doc),
        (evidence, RDF.type, SOVKG.Evidence),
        (evidence, RDF.subject, claim),
        (evidence, RDF.predicate, SOVKG.claimant),
        (evidence, RDF.object, actor),
        (evidence, SOVKG.passage, Literal("It said <script>claim()</script> hostile words \u202e.")),
        (evidence, SOVKG.rule, Literal("<rule>")),
        (evidence, SOVKG.inDocument, doc),
    ]
    nquads = "".join(f"{s.n3()} {p.n3()} {o.n3()} {graph.n3()} .\n" for s, p, o in triples)
    # a store filled by another tool: an Oxigraph database and the pointer `sovkg serve` reads
    (out / "store" / "versions").mkdir(parents=True)
    store = ox.Store(str(out / "store" / "versions" / "hostile"))
    store.bulk_load(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    (out / "store" / POINTER).write_text("hostile\n")
    service = Service(out)
    try:
        pages = [
            html(service, page_of(service, actor)),
            html(service, page_of(service, claim)),
            html(service, page_of(service, doc)),
            html(service, f"{service.base}/search", q="alert"),
            html(service, f"{service.base}/search", q="hostile words"),
            html(service, f"{service.base}/list/Actor"),
            html(service, f"{service.base}/query", query=f"SELECT ?l WHERE {{ <{actor}> ?p ?l }}"),
        ]
        for page in pages:
            assert "<script>alert" not in page and "<script>claim" not in page and "<script>doc" not in page
            assert "<img src=x" not in page and "<b>bold" not in page and "<rule>" not in page
            assert not re.search("[\u202a-\u202e\u2066-\u2069]", page)  # bidi controls shown, not obeyed
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34; &amp;" in pages[0]
        assert "[U+202E]evil[U+202C]" in pages[0] and "[U+2066]" in pages[0]
        assert "&#34;&gt;&lt;script&gt;role()" in pages[0]
        hit = search(service, "alert")[0]
        assert hit["label"] == HOSTILE and hit["iri"] == str(actor)  # JSON carries the label as it is
        turtle = httpx.get(page_of(service, actor), headers={"Accept": "text/turtle"}).text
        assert (actor, RDFS.label, Literal(HOSTILE)) in Graph().parse(data=turtle, format="turtle")
    finally:
        service.stop()


def test_head_and_the_well_known_void_address(site) -> None:
    service, dump = site
    jonas = labelled(dump, "Jonas Lindqvist")
    for url in (f"{service.base}/", page_of(service, jonas), f"{service.base}/downloads/void.ttl"):
        head = httpx.head(url)
        assert head.status_code == 200 and head.content == b"" and head.headers["content-type"], url
    moved = httpx.get(f"{service.base}/.well-known/void")
    assert moved.status_code == 302 and moved.headers["location"] == f"{service.base}/downloads/void.ttl"
