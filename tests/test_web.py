"""Scraping for real: a local HTTP server serves pages, a feed, a sitemap and robots.txt written for
the tests; the fetcher's rules, the catalog, incremental builds, retraction and the sensor are checked
against it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pyoxigraph as ox
import pytest
from conftest import materialize_all, metadata
from webserver import Reply, Site, article

from ontology.iri import document_id, graph_iri
from ontology.records import DocumentKind, RawDocument
from pipelines.runner import run_build
from sources.catalog import CatalogError, load_catalog
from sources.fetch import Fetcher, FetchError, FetchPolicy, Gone
from sources.web import discover, split_archive

LOCAL = FetchPolicy(allow_private=True, rate_per_host=0, backoff_s=0.05)


@pytest.fixture()
def site() -> Iterator[Site]:
    server = Site()
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
    yield server
    server.close()


def _body(words: str) -> str:
    return "".join(f"<p>{words} Sentence number {i} adds enough words to be a real paragraph.</p>" for i in range(4))


def _catalog(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(text)
    return path


def test_robots_txt_is_honoured(site: Site) -> None:
    site.routes["/public/a"] = Reply(body=article("Public", _body("Open.")))
    site.routes["/private/b"] = Reply(body=article("Private", _body("Closed.")))
    with Fetcher(LOCAL) as fetcher:
        assert fetcher.get(site.url("/public/a")).status == 200
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.get(site.url("/private/b"))
    assert site.gets("/private/b") == 0 and site.gets("/robots.txt") == 1


def test_429_then_success_after_backoff(site: Site) -> None:
    site.routes["/busy"] = [Reply(429, b"slow down"), Reply(503, b"later"), Reply(body=article("Busy", _body("Ok.")))]
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(site.url("/busy"))
    assert fetched.status == 200 and site.gets("/busy") == 3
    assert time.monotonic() - started >= 0.05 + 0.1  # waited 0.05 s, then 0.1 s


def test_retry_after_header_is_respected_and_capped(site: Site) -> None:
    site.routes["/later"] = [
        Reply(429, b"", headers={"Retry-After": "0.3"}),
        Reply(body=article("Later", _body("Ok."))),
    ]
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher:
        assert fetcher.get(site.url("/later")).status == 200
    assert time.monotonic() - started >= 0.3


def test_redirect_off_the_allowlist_is_refused(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.routes["/go"] = Reply(302, b"", headers={"Location": f"http://localhost:{port}/elsewhere"})
    site.routes["/stay"] = Reply(302, b"", headers={"Location": "/public/ok"})
    site.routes["/public/ok"] = Reply(body=article("Ok", _body("Fine.")))
    with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError, match="allowlist"):
            fetcher.get(site.url("/go"))
        assert fetcher.get(site.url("/stay")).url == site.url("/public/ok")
    assert site.gets("/elsewhere") == 0


def test_oversized_body_is_cut_with_a_reason(site: Site) -> None:
    site.routes["/big"] = Reply(body=article("Big", _body("Long.") * 200))
    with Fetcher(FetchPolicy(allow_private=True, rate_per_host=0, max_bytes=2000)) as fetcher:
        fetched = fetcher.get(site.url("/big"))
    assert fetched.truncated and len(fetched.content) == 2000
    assert "cut at the limit of 2000 bytes" in fetched.notes[0]


def test_a_copy_fetched_since_the_build_began_is_not_fetched_again(site: Site, tmp_path: Path) -> None:
    site.routes["/big"] = Reply(body=article("Big", _body("Long.") * 200), etag=True)
    policy = FetchPolicy(allow_private=True, rate_per_host=0, max_bytes=2000)
    began = time.time()
    with Fetcher(policy, tmp_path) as change_check:
        first = change_check.get(site.url("/big"))
    with Fetcher(policy, tmp_path, fresh_since=began) as run:
        again = run.get(site.url("/big"))
    assert run.requests == 0  # neither the page nor robots.txt
    assert (again.content, again.truncated, again.notes) == (first.content, True, first.notes)
    with Fetcher(policy, tmp_path, fresh_since=time.time() + 1) as next_build:
        later = next_build.get(site.url("/big"))
    assert later.not_modified and "If-None-Match" in site.log[-1][2]  # older copies are asked for again


def test_wrong_content_type_and_gone_pages(site: Site) -> None:
    site.routes["/image"] = Reply(body=b"\x89PNG....", content_type="image/png")
    site.routes["/gone"] = Reply(410, b"gone", "text/plain")
    with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError, match="unsupported content type image/png"):
            fetcher.get(site.url("/image"))
        with pytest.raises(Gone):
            fetcher.get(site.url("/gone"))
        with pytest.raises(Gone):
            fetcher.get(site.url("/never-existed"))


def test_private_addresses_are_refused_by_default(site: Site, tmp_path: Path) -> None:
    site.routes["/public/a"] = Reply(body=article("Public", _body("Open.")))
    with Fetcher(FetchPolicy(rate_per_host=0)) as fetcher, pytest.raises(FetchError, match="loopback"):
        fetcher.get(site.url("/public/a"))
    built = run_build([site.url("/public/a")], tmp_path / "out")
    assert not built.success and "loopback" in (built.error or "")
    assert site.gets("/public/a") == 0


def test_rate_limit_spaces_requests_to_one_host(site: Site) -> None:
    for i in range(3):
        site.routes[f"/public/{i}"] = Reply(body=article(f"P{i}", _body("Paced.")))
    started = time.monotonic()
    with Fetcher(FetchPolicy(allow_private=True, rate_per_host=10, respect_robots=False)) as fetcher:
        for i in range(3):
            fetcher.get(site.url(f"/public/{i}"))
    assert time.monotonic() - started >= 0.2  # three requests at 10/s: at least two intervals


def test_304_costs_no_reparse(site: Site, tmp_path: Path) -> None:
    site.routes["/news/a"] = Reply(
        body=article("Estonia adopts an open source strategy", _body("Marta Ilves said that it works.")), etag=True
    )
    first = materialize_all([site.url("/news/a")], tmp_path / "out", allow_private_hosts=True)
    assert metadata(first, "documents")["parsed"] == 1
    # discovery fetched the page (is it a feed?), the documents step read that copy: one request
    assert [p for m, p, h in site.log].count("/news/a") == 1
    second = materialize_all([site.url("/news/a")], tmp_path / "out", allow_private_hosts=True)
    materialized = {e.asset_key.path[-1] for e in second.get_asset_materialization_events()}
    assert "documents" not in materialized and "knowledge_graph" in materialized  # nothing parsed again
    requests = [h for m, p, h in site.log if p == "/news/a"]
    assert len(requests) == 2 and "If-None-Match" in requests[1]  # the second build: one conditional GET
    assert metadata(second, "dataset_dumps")["unchanged"] is True


def test_changed_page_changes_only_its_partition_and_removed_page_is_retracted(site: Site, tmp_path: Path) -> None:
    site.routes["/news/a"] = Reply(body=article("Ministry of Digital Affairs opens code", _body("Priya Rao said so.")))
    site.routes["/news/b"] = Reply(body=article("Kenya OSPO launches", _body("Daniel Otieno said it is early.")))
    catalog = _catalog(
        tmp_path,
        f"""sources:
  - name: local-news
    urls: ["{site.url("/news/a")}", "{site.url("/news/b")}"]
    kind: news
    allow_private_hosts: true
    rate_per_host: 0
""",
    )
    out = tmp_path / "out"
    env = pytest.MonkeyPatch()
    env.setenv("SOVKG_CATALOG", str(catalog))
    try:
        first = materialize_all(None, out)
        assert metadata(first, "documents")["parsed"] == 2
        site.routes["/news/a"] = Reply(
            body=article("Ministry of Digital Affairs opens code", _body("Priya Rao said more."))
        )
        before = len(site.log)
        second = materialize_all(None, out)
        docs = metadata(second, "documents")
        assert (docs["entries"], docs["parsed"]) == (1, 1)  # only the changed page's partition ran
        # each page asked for once: the change check's copy of the changed page is the one parsed
        assert sorted(p for m, p, h in site.log[before:] if p.startswith("/news/")) == ["/news/a", "/news/b"]
        assert docs["http_requests"] == 0
        site.routes["/news/b"] = Reply(404, b"gone", "text/plain")
        third = materialize_all(None, out)
        assert metadata(third, "documents")["gone"] == 1
        graph = metadata(third, "knowledge_graph")
        assert graph["retracted"] == 1 and site.url("/news/b") in str(graph["retracted_documents"])
        graphs = {q.graph_name.value for q in ox.parse(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)}
        assert str(graph_iri(document_id(site.url("/news/b")))) not in graphs
        assert str(graph_iri(document_id(site.url("/news/a")))) in graphs
    finally:
        env.undo()


def test_malformed_feed_is_reported_and_other_sources_still_run(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = Reply(
        body=b"<?xml version='1.0'?><rss><channel><item><link>", content_type="application/rss+xml"
    )
    site.routes["/news/a"] = Reply(body=article("Open source week opens", _body("Ana Lima said it grows.")))
    catalog = _catalog(
        tmp_path,
        f"""sources:
  - name: broken-feed
    feed: {site.url("/feed.xml")}
    allow_private_hosts: true
  - name: pages
    urls: ["{site.url("/news/a")}"]
    allow_private_hosts: true
""",
    )
    env = pytest.MonkeyPatch()
    env.setenv("SOVKG_CATALOG", str(catalog))
    try:
        built = run_build(None, tmp_path / "out", workers=1)
    finally:
        env.undo()
    assert built.success
    assert any("broken-feed" in p.reason and "malformed feed" in p.reason for p in built.problems)
    assert metadata(built.result, "knowledge_graph")["named_graphs"] == 1


def test_feed_and_sitemap_entries_are_discovered(site: Site, tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
      <item><title>A</title><link>{site.url("/news/a")}</link></item>
      <item><title>B</title><link>{site.url("/news/b")}</link></item></channel></rss>"""
    sitemap = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>{site.url("/blog/c")}</loc></url><url><loc>{site.url("/about")}</loc></url></urlset>"""
    site.routes["/feed.xml"] = Reply(body=rss.encode(), content_type="application/rss+xml")
    site.routes["/sitemap.xml"] = Reply(body=sitemap.encode(), content_type="application/xml")
    catalog = load_catalog(
        _catalog(
            tmp_path,
            f"""sources:
  - name: feed
    feed: {site.url("/feed.xml")}
    kind: news
    allow_private_hosts: true
  - name: blog
    sitemap: {site.url("/sitemap.xml")}
    include: "/blog/"
    kind: blog
    allow_private_hosts: true
""",
        )
    )
    found = discover(catalog.sources)
    assert not found.problems
    kinds = {e.locator: e.kind for e in found.entries}
    assert kinds == {
        site.url("/news/a"): DocumentKind.NEWS_ARTICLE,
        site.url("/news/b"): DocumentKind.NEWS_ARTICLE,
        site.url("/blog/c"): DocumentKind.BLOG_POSTING,
    }


def test_a_url_on_the_command_line_may_be_a_feed(site: Site, tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
      <item><title>A</title><link>{site.url("/news/a")}</link></item></channel></rss>"""
    site.routes["/feed.xml"] = Reply(body=rss.encode(), content_type="application/rss+xml")
    site.routes["/news/a"] = Reply(body=article("Sweden tightens procurement", _body("Erik Holm said so.")))
    result = materialize_all([site.url("/feed.xml")], tmp_path / "out", allow_private_hosts=True)
    assert metadata(result, "knowledge_graph")["named_graphs"] == 1


def test_archive_page_is_split_into_posts() -> None:
    def post(n: int) -> str:
        return (
            f'<article><h2><a href="/2025/06/post-{n}" rel="bookmark">Post {n} title</a></h2>'
            + "".join(
                f"<p>Post {n} paragraph {i} says the ministry published new open source rules.</p>" for i in range(8)
            )
            + "</article>"
        )

    page = f"<html><body><h1>Tag Archives: open source</h1>{post(1)}{post(2)}</body></html>".encode()
    raw = RawDocument("x", "https://blog.example.org/tag/open-source", "text/html", page, "0" * 64)
    posts = split_archive(raw)
    assert [p.locator for p in posts] == [
        "https://blog.example.org/2025/06/post-1",
        "https://blog.example.org/2025/06/post-2",
    ]
    assert posts[0].doc_id == document_id(posts[0].locator) and b"Post 2" not in posts[0].content
    single = RawDocument("y", "a.html", "text/html", article("One", _body("Only one.")), "0" * 64)
    assert split_archive(single) == [single]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [{name: a}]", "exactly one of folder, urls, feed, sitemap"),
        ("sources: [{name: a, feed: 'ftp://x'}]", "must be an http(s) URL"),
        ("sources: [{name: a, urls: ['https://x.org'], kind: podcast}]", "kind must be one of"),
        ("sources: [{name: a, folder: x, include: '('}]", "not a valid regular expression"),
        ("sources: [{name: a, folder: x, max_documents: -1}]", "non-negative"),
        ("sources: [{name: a, folder: x}, {name: a, folder: y}]", "duplicate source names"),
        ("sources: [{name: a, folder: x, colour: red}]", "unknown field(s) colour"),
        ("sources: {", "not valid YAML"),
    ],
)
def test_catalog_errors_are_clear(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_catalog(_catalog(tmp_path, text))


def test_bundled_catalog_is_valid() -> None:
    catalog = load_catalog()
    assert [s.target for s in catalog.sources] == ["folder"]


def test_sensor_adds_new_documents_and_retracts_removed_ones(tmp_path: Path) -> None:
    from pipelines.definitions import definitions
    from pipelines.sensors import document_sensor

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("# Estonia opens code\n\nMarta Ilves said that open standards cut costs.\n")
    (folder / "b.md").write_text("# Kenya OSPO\n\nDaniel Otieno said the office grows.\n")
    defs = definitions(sources=[str(folder)], out_dir=str(tmp_path / "out"), workers=1)
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources=defs.resources, definitions=defs)
        result = document_sensor(context)
        [add] = result.dynamic_partitions_requests
        assert sorted(add.partition_keys) == sorted(document_id(f"docs/{n}") for n in ("a.md", "b.md"))
        [run] = result.run_requests
        assert set(run.tags.values()) <= set(add.partition_keys)
        instance.add_dynamic_partitions("documents", list(add.partition_keys))
        executed = defs.resolve_job_def("build_all").execute_in_process(instance=instance, tags=run.tags)
        assert executed.success
        assert metadata(executed, "knowledge_graph")["named_graphs"] == 2
        # nothing changed: no run; one file removed: its partition deleted and a publish run retracts it
        assert document_sensor(context).run_requests == []
        (folder / "b.md").unlink()
        result = document_sensor(context)
        [delete] = result.dynamic_partitions_requests
        assert list(delete.partition_keys) == [document_id("docs/b.md")]
        assert result.run_requests[0].job_name == "combine_and_publish"
