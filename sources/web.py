"""From sources to documents: discovering entries (files, pages, feed items, sitemap URLs) and reading
one entry's bytes, with archive pages split into one document per post.

Discovery is cheap and runs on every sensor tick and at the start of `sovkg build`; reading fetches
with conditional GETs, so an unchanged page costs one 304.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from ontology.iri import document_id
from ontology.records import DocumentKind, RawDocument, Skipped
from sources.catalog import Source
from sources.corpus import Located, read_raw
from sources.corpus import discover as discover_files
from sources.fetch import Fetched, Fetcher, FetchError, FetchPolicy, Gone
from sources.readers.decode import decode

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_MAX_SITEMAPS = 20  # nested sitemap indexes followed per source
_MIN_POST_WORDS = 60


@dataclass(frozen=True)
class Entry:
    """One document to read: where it is, which source listed it, and that source's kind hint."""

    doc_id: str
    locator: str  # "<folder>/<relative path>" for files, the URL for pages
    source: str
    kind: DocumentKind | None = None
    path: str | None = None  # local file


@dataclass(frozen=True)
class Discovery:
    entries: list[Entry]
    problems: list[Skipped]  # sources or items that could not be listed, with the reason

    def to_json(self) -> dict:
        return {
            "entries": [
                {
                    "doc_id": e.doc_id,
                    "locator": e.locator,
                    "source": e.source,
                    "kind": e.kind.value if e.kind else None,
                    "path": e.path,
                }
                for e in self.entries
            ],
            "problems": [{"locator": p.locator, "reason": p.reason} for p in self.problems],
        }

    @classmethod
    def from_json(cls, data: dict) -> Discovery:
        entries = [
            Entry(e["doc_id"], e["locator"], e["source"], DocumentKind(e["kind"]) if e["kind"] else None, e["path"])
            for e in data.get("entries", [])
        ]
        return cls(entries, [Skipped(p["locator"], p["reason"]) for p in data.get("problems", [])])


def fetcher_for(source: Source, cache_dir: Path | None, fresh_since: float | None = None) -> Fetcher:
    policy = FetchPolicy(
        timeout_s=source.timeout_s,
        max_bytes=source.max_bytes,
        rate_per_host=source.rate_per_host,
        allow_hosts=source.hosts,
        allow_private=source.allow_private_hosts,
    )
    return Fetcher(policy, cache_dir, fresh_since=fresh_since)


def _is_feed_or_sitemap(fetched: Fetched) -> str | None:
    head = fetched.content[:2000].lstrip().lower()
    if fetched.media_type == "application/xml" or head.startswith(b"<?xml"):
        if b"<urlset" in head or b"<sitemapindex" in head:
            return "sitemap"
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
    return None


def _refuse_entities(fetched: Fetched) -> None:
    """XML from the web may declare entities that expand a few kilobytes into gigabytes ("billion
    laughs") or read local files and URLs (external entities); a feed or sitemap never needs them.
    Raises FetchError for a document that declares any; malformed XML is left to the lenient readers."""
    try:
        SafeET.fromstring(fetched.content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FetchError(f"{fetched.url}: refused XML with entity declarations ({type(error).__name__})") from error
    except SafeET.ParseError:
        pass


def feed_links(fetched: Fetched) -> list[str]:
    """Entry links of an RSS/Atom feed; raises FetchError for a feed that cannot be read."""
    _refuse_entities(fetched)
    parsed = feedparser.parse(fetched.content)
    links = [urljoin(fetched.url, e.get("link")) for e in parsed.entries if e.get("link")]
    if parsed.bozo and not links:
        raise FetchError(f"{fetched.url}: malformed feed ({parsed.get('bozo_exception')})")
    return links


def sitemap_links(fetched: Fetched) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index."""
    _refuse_entities(fetched)
    try:
        root = SafeET.fromstring(fetched.content)
    except SafeET.ParseError as error:
        raise FetchError(f"{fetched.url}: malformed sitemap ({error})") from error
    locs = [(el.text or "").strip() for el in root.iter(f"{_SITEMAP_NS}loc")] or [
        (el.text or "").strip() for el in root.iter("loc")
    ]
    locs = [urljoin(fetched.url, loc) for loc in locs if loc]
    if root.tag.endswith("sitemapindex"):
        return [], locs
    return locs, []


def _url_entry(url: str, source: Source) -> Entry:
    return Entry(document_id(url), url, source.name, source.kind)


def _expand(source: Source, fetcher: Fetcher, url: str, force: str | None) -> list[str]:
    """Page URLs a URL stands for: itself, a feed's items, or a sitemap's pages."""
    if force == "page":
        return [url]
    fetched = fetcher.get(url, allowed=source.hosts)
    kind = force or _is_feed_or_sitemap(fetched)
    if kind == "feed":
        return feed_links(fetched)
    if kind == "sitemap":
        pages, nested = sitemap_links(fetched)
        for child in nested[:_MAX_SITEMAPS]:
            pages += sitemap_links(fetcher.get(child, allowed=source.hosts))[0]
        return pages
    return [url]


def discover(sources: tuple[Source, ...], cache_dir: Path | None = None) -> Discovery:
    """Every document the sources list now, in a stable order; a source that fails is reported and
    the others still run."""
    entries: dict[str, Entry] = {}
    problems: list[Skipped] = []
    for source in sources:
        if source.target == "folder":
            located, skipped = discover_files(source.locations)
            problems += skipped
            for item in located[: source.max_documents]:
                entries.setdefault(
                    document_id(item.locator),
                    Entry(document_id(item.locator), item.locator, source.name, source.kind, str(item.path)),
                )
            continue
        force = {"feed": "feed", "sitemap": "sitemap"}.get(source.target)
        # catalog `urls` are pages; a URL given on the command line may be a page, a feed or a sitemap
        if source.target == "urls" and not source.sniff:
            force = "page"
        with fetcher_for(source, cache_dir) as fetcher:
            urls: list[str] = []
            for location in source.locations:
                try:
                    urls += _expand(source, fetcher, location, force)
                except FetchError as error:
                    problems.append(Skipped(location, f"source {source.name}: {error}"))
        if source.include:
            urls = [u for u in urls if re.search(source.include, u)]
        for url in list(dict.fromkeys(urls))[: source.max_documents]:
            entry = _url_entry(url, source)
            entries.setdefault(entry.doc_id, entry)
    return Discovery(sorted(entries.values(), key=lambda e: e.locator), problems)


def read_entry(entry: Entry, source: Source | None, fetcher: Fetcher | None) -> tuple[RawDocument, Fetched | None]:
    """The bytes of one entry (raises ValueError, OSError or FetchError/Gone with the reason)."""
    if entry.path is not None:
        max_bytes = source.max_bytes if source else 5_000_000
        raw = read_raw(Located(Path(entry.path), entry.locator), max_bytes)
        return replace(raw, kind_hint=entry.kind.value if entry.kind else None), None
    if source is None or fetcher is None:
        raise Gone(f"{entry.locator}: its source is no longer in the catalog")
    fetched = fetcher.get(entry.locator, allowed=source.hosts)
    if fetched.media_type == "application/xml":
        raise FetchError(f"{entry.locator}: an XML document (feed or sitemap), not a page")
    raw = RawDocument(
        doc_id=entry.doc_id,
        locator=entry.locator,
        media_type=fetched.media_type,
        content=fetched.content,
        content_hash=hashlib.sha256(fetched.content).hexdigest(),
        kind_hint=entry.kind.value if entry.kind else None,
    )
    return raw, fetched


def split_archive(raw: RawDocument) -> list[RawDocument]:
    """An archive or tag page holding several posts (each an <article> with a heading and text) becomes
    one document per post, located at the post's permalink when the page gives one."""
    if raw.media_type != "text/html":
        return [raw]
    soup = BeautifulSoup(decode(raw.content, is_html=True), "lxml")
    posts = [
        a for a in _outermost_articles(soup) if a.find(["h1", "h2", "h3"]) and len(a.get_text(" ").split()) >= _MIN_POST_WORDS
    ]
    if len(posts) < 2:
        return [raw]
    page_is_url = urlsplit(raw.locator).scheme in ("http", "https")
    out = []
    for index, post in enumerate(posts, 1):
        heading = post.find(["h1", "h2", "h3"])
        link = post.find("a", rel="bookmark") or (heading.find("a", href=True) if heading else None)
        href = link.get("href") if link else None
        locator = urljoin(raw.locator, href).split("#")[0] if href and page_is_url else f"{raw.locator}#post-{index}"
        title = heading.get_text(" ", strip=True) if heading else f"Post {index}"
        content = f"<html><head><title>{_escape(title)}</title></head><body>{post}</body></html>".encode()
        out.append(
            replace(
                raw,
                doc_id=document_id(locator),
                locator=locator,
                content=content,
                content_hash=hashlib.sha256(content).hexdigest(),
            )
        )
    return out


def _outermost_articles(soup: BeautifulSoup) -> list[Tag]:
    """The <article>s not inside another, found in one pass in document order: an article is inside
    the last outermost one when it comes before that one's last descendant. (Asking each article for its
    ancestors, or searching and reading every article's subtree, is quadratic on nested articles.)"""
    outermost: list[Tag] = []
    position = {id(el): i for i, el in enumerate(soup.descendants)}
    end = -1
    for article in soup.find_all("article"):
        if position[id(article)] <= end:
            continue
        outermost.append(article)
        last = article
        while isinstance(last, Tag) and last.contents:
            last = last.contents[-1]
        end = position[id(last)]
    return outermost


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
