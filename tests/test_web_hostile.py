"""Hostile answers from a real local web server: decompression bombs, XML entity expansion and
external entities in feeds and sitemaps, redirect loops. Each ends with a reason, in bounded memory,
and a build over them still publishes the good pages."""

from __future__ import annotations

import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import materialize_all, metadata
from test_boundary import published_graphs
from webserver import Reply, Site, article

from ontology.iri import document_id, graph_iri
from sources.catalog import Source
from sources.fetch import Fetcher, FetchError, FetchPolicy
from sources.web import discover

LOCAL = FetchPolicy(allow_private=True, rate_per_host=0, backoff_s=0.01, max_bytes=1_000_000)
BOMB_BYTES = 256 * 1024 * 1024  # inflated size; a few hundred kilobytes on the wire
PARAGRAPHS = "".join(
    f"<p>The Sovereign Tech Agency funds open source maintenance in Germany, paragraph {i}.</p>" for i in range(4)
)


def compressed_zeros(size: int, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {
        "gzip": compressed_zeros(BOMB_BYTES, 16 + zlib.MAX_WBITS),
        "deflate": compressed_zeros(BOMB_BYTES, zlib.MAX_WBITS),
        "raw-deflate": compressed_zeros(BOMB_BYTES, -zlib.MAX_WBITS),
    }


@pytest.fixture()
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()


@pytest.mark.parametrize("kind", ["gzip", "deflate", "raw-deflate"])
def test_a_decompression_bomb_is_cut_at_the_limit_in_bounded_memory(site: Site, bombs, kind: str) -> None:
    encoding = "gzip" if kind == "gzip" else "deflate"
    site.routes["/bomb"] = Reply(body=bombs[kind], headers={"Content-Encoding": encoding})
    tracemalloc.start()
    try:
        with Fetcher(LOCAL) as fetcher:
            fetched = fetcher.get(site.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(bombs[kind]) < 2_000_000
    assert fetched.truncated and len(fetched.content) == LOCAL.max_bytes
    assert fetched.notes == (f"body cut at the limit of {LOCAL.max_bytes} bytes",)
    # inflating a whole network chunk at once would take tens of megabytes; bounded steps take little
    # more than the limit
    assert peak < 8 * LOCAL.max_bytes


def test_a_compressed_page_is_read_whole(site: Site) -> None:
    page = article("Compressed", PARAGRAPHS)
    site.routes["/page"] = Reply(body=zlib.compress(page), headers={"Content-Encoding": "deflate"})
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(site.url("/page"))
    assert fetched.content == page and not fetched.truncated


def test_an_unknown_or_corrupt_encoding_is_refused_with_a_reason(site: Site) -> None:
    site.routes["/br"] = Reply(body=b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    site.routes["/corrupt"] = Reply(body=b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"})
    with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError, match="unsupported content encoding 'br'"):
            fetcher.get(site.url("/br"))
        with pytest.raises(FetchError, match="corrupt compressed body"):
            fetcher.get(site.url("/corrupt"))


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "\n".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "\n]>\n"
)
SITEMAP_LAUGHS = LAUGHS + (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a&lol9;</loc></url></urlset>'
)
FEED_LAUGHS = LAUGHS + '<rss version="2.0"><channel><title>&lol9;</title><item><link>/a</link></item></channel></rss>'
FEED_EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>t</title><item><title>&secret;</title><link>/a</link></item></channel></rss>'
)


@pytest.mark.parametrize(
    ("target", "body"),
    [
        pytest.param("sitemap", SITEMAP_LAUGHS, id="sitemap-billion-laughs"),
        pytest.param("feed", FEED_LAUGHS, id="feed-billion-laughs"),
        pytest.param("feed", FEED_EXTERNAL, id="feed-external-entity"),
    ],
)
def test_xml_entities_are_refused(site: Site, target: str, body: str) -> None:
    site.routes["/x.xml"] = Reply(body=body.encode(), content_type="application/xml")
    site.routes["/a"] = Reply(body=article("A", PARAGRAPHS))
    source = Source(name="hostile", target=target, locations=(site.url("/x.xml"),), allow_private_hosts=True)
    found = discover((source,))
    assert found.entries == []
    assert len(found.problems) == 1 and "refused XML with entity declarations" in found.problems[0].reason


def test_a_redirect_loop_ends_with_a_reason(site: Site) -> None:
    site.routes["/a"] = Reply(302, b"", headers={"Location": "/b"})
    site.routes["/b"] = Reply(301, b"", headers={"Location": "/a"})
    with Fetcher(LOCAL) as fetcher, pytest.raises(FetchError, match=r"redirect loop \(.*/a -> .*/b -> .*/a\)"):
        fetcher.get(site.url("/a"))
    assert site.gets("/a") == 1 and site.gets("/b") == 1


def test_a_build_over_hostile_pages_publishes_the_good_ones(site: Site, tmp_path: Path, bombs) -> None:
    site.routes["/good"] = Reply(body=article("Open source funding", PARAGRAPHS))
    site.routes["/loop"] = Reply(302, b"", headers={"Location": "/loop"})
    site.routes["/bomb"] = Reply(body=bombs["gzip"], headers={"Content-Encoding": "gzip"})
    site.routes["/binary"] = Reply(body=bytes(range(256)) * 100)
    links = "".join(f"<item><title>{p}</title><link>{site.url(p)}</link></item>" for p in ("/good", "/loop", "/bomb"))
    links += f"<item><title>binary</title><link>{site.url('/binary')}</link></item>"
    site.routes["/feed.xml"] = Reply(
        body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{links}</channel></rss>'.encode(),
        content_type="application/rss+xml",
    )
    result = materialize_all([site.url("/feed.xml")], tmp_path, allow_private_hosts=True)
    assert result.success
    reasons = str(metadata(result, "documents")["skipped_reasons"])
    assert "redirect loop" in reasons
    assert "binary content" in reasons  # the bomb, cut at the limit, is zeros: not a text document
    assert metadata(result, "documents")["skipped"] == 3
    assert str(graph_iri(document_id(site.url("/good")))) in published_graphs(tmp_path)
