"""robots.txt as RFC 9309 reads it, against a real local server: wildcards, the longest match,
user-agent groups by product token, what a missing or failing robots.txt means, and a 304."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import Reply, Site, article

from sources.fetch import Fetcher, FetchError, FetchPolicy

LOCAL = FetchPolicy(allow_private=True, rate_per_host=0, backoff_s=0.01)
PAGE = article("A page", "<p>Enough words for a page about open source in the public sector.</p>")


@pytest.fixture()
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()


def robots(site: Site, text: str, **reply: object) -> None:
    site.routes["/robots.txt"] = Reply(200, text.encode(), "text/plain", **reply)  # type: ignore[arg-type]


def allowed(site: Site, path: str, fetcher: Fetcher | None = None) -> bool:
    """Whether the fetcher asks for `path` (a refusal by robots.txt sends no request)."""
    site.routes.setdefault(path, Reply(body=PAGE))
    own = fetcher is None
    fetcher = fetcher or Fetcher(LOCAL)
    before = site.gets(path)
    try:
        fetcher.get(site.url(path))
    except FetchError as error:
        assert "robots.txt" in str(error), error
        assert site.gets(path) == before
        return False
    finally:
        if own:
            fetcher.close()
    return True


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("/files/report.pdf", False, id="star-and-dollar-match"),
        pytest.param("/report.pdf", False, id="star-matches-nothing"),
        pytest.param("/files/report.pdf?page=2", True, id="dollar-anchors-the-end"),
        pytest.param("/files/report.pdfx", True, id="dollar-is-not-a-prefix"),
        pytest.param("/a/tmp/b/secret", False, id="star-in-the-middle"),
        pytest.param("/a/tmp/b/public", True, id="rest-allowed"),
    ],
)
def test_wildcards(site: Site, path: str, expected: bool) -> None:
    # urllib.robotparser reads these patterns literally and would let /files/report.pdf through
    robots(site, "User-agent: *\nDisallow: /*.pdf$\nDisallow: /a/*/secret\n")
    assert allowed(site, path) is expected


@pytest.mark.parametrize("order", ["allow-first", "disallow-first"])
def test_the_longest_match_wins_whatever_the_order(site: Site, order: str) -> None:
    rules = ["Allow: /docs/public/", "Disallow: /docs/"]
    if order == "disallow-first":
        rules.reverse()
    robots(site, "User-agent: *\n" + "\n".join(rules) + "\nDisallow: /page\nAllow: /page$\n")
    assert allowed(site, "/docs/public/a")
    assert not allowed(site, "/docs/private/b")
    assert allowed(site, "/page")  # "/page$" and "/page" are as long; Allow wins the tie (RFC 9309 §2.2.2)
    assert not allowed(site, "/pages")


def test_user_agent_groups_by_product_token(site: Site) -> None:
    robots(
        site,
        "User-agent: *\nDisallow: /everyone/\n\n"
        "User-agent: SOVKG\nDisallow: /only-sovkg/\n\n"
        # the User-Agent line says "research crawler"; only the product token names the group
        "User-agent: crawler\nDisallow: /\n",
    )
    assert not allowed(site, "/only-sovkg/a")
    assert allowed(site, "/everyone/a")  # the sovkg group replaces the * group, it does not add to it
    assert allowed(site, "/other")


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_txt_answering_4xx_allows_everything(site: Site, status: int) -> None:
    site.routes["/robots.txt"] = Reply(status, b"no", "text/plain")
    assert allowed(site, "/any/page")


@pytest.mark.parametrize("status", [500, 503, 429])
def test_robots_txt_answering_5xx_disallows_everything(site: Site, status: int) -> None:
    site.routes["/robots.txt"] = Reply(status, b"down", "text/plain")
    assert not allowed(site, "/any/page")
    assert site.gets("/robots.txt") == LOCAL.retries + 1  # retried before giving up


def test_unreachable_robots_txt_disallows_everything() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        Fetcher(FetchPolicy(allow_private=True, rate_per_host=0, retries=0)) as fetcher,
        pytest.raises(FetchError, match=r"robots\.txt .* disallows"),
    ):
        fetcher.get(f"http://127.0.0.1:{port}/page")


def test_robots_txt_redirects_are_followed(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(301, b"", "text/plain", headers={"Location": "/moved/robots.txt"})
    site.routes["/moved/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
    assert not allowed(site, "/private/a")
    assert allowed(site, "/public/a")


def test_an_unchanged_robots_txt_costs_a_304(site: Site, tmp_path: Path) -> None:
    robots(site, "User-agent: *\nDisallow: /private/\n", etag=True)
    with Fetcher(LOCAL, tmp_path) as first:
        assert not allowed(site, "/private/a", first)
    with Fetcher(LOCAL, tmp_path) as second:  # the next build: its own fetcher, the same cache
        assert not allowed(site, "/private/a", second)  # the rules of the kept copy still apply
        assert allowed(site, "/public/a", second)
    requests = [headers for method, path, headers in site.log if path == "/robots.txt"]
    assert len(requests) == 2
    assert "If-None-Match" not in requests[0] and requests[1].get("If-None-Match")
