"""HTML pages: metadata from JSON-LD, OpenGraph, <time> and bylines; main text without boilerplate.

The main text is rebuilt from the page's block elements (headings, paragraphs, list items), so the
document keeps its sections; trafilatura is the fallback for pages with no usable structure.
"""

from __future__ import annotations

import json
import re
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Tag
from htmldate import find_date

from ontology.records import Document, DocumentKind, RawDocument, Section
from sources.readers.dates import parse_date
from sources.readers.decode import decode
from sources.readers.errors import ParseError
from sources.readers.genre import guess_kind
from sources.readers.sections import find_sections

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "input",
    "figure",
]
_BOILERPLATE = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|menu|footer|sidebar|share|sharing|social|comments?|cookie|banner|advert|ads|"
    r"related|breadcrumbs?|subscribe|newsletter|promo|skip|masthead|site-header)(?:$|[-_ ])",
    re.I,
)
_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "pre", "tr"]
_BLOCK_NAMES = frozenset(_BLOCKS)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"\s+")
_KIND_BY_TYPE = {
    "newsarticle": DocumentKind.NEWS_ARTICLE,
    "reportagenewsarticle": DocumentKind.NEWS_ARTICLE,
    "article": DocumentKind.NEWS_ARTICLE,
    "blogposting": DocumentKind.BLOG_POSTING,
    "blog": DocumentKind.BLOG_POSTING,
    "report": DocumentKind.SESSION_REPORT,
    "event": DocumentKind.SESSION_REPORT,
}
_MIN_WORDS = 5  # less than this is a menu or a caption, not main text
_BY_PREFIX = re.compile(r"^\s*(?:by|written by|author)\s*:?\s*", re.I)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (graphs flattened); malformed blocks are ignored."""
    found: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type", [])
    return [k.lower() for k in ([kind] if isinstance(kind, str) else kind) if isinstance(k, str)]


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if isinstance(tag, Tag) and tag.get("content"):
            return _clean(str(tag["content"]))
    return None


def _main_root(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    for selector in ("main", "[role=main]", "#content", ".content", ".post", ".entry-content"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup.body or soup


def _strip_boilerplate(root: Tag) -> None:
    """Drop scripts, navigation, footers and the like. One pass in document order, so parents come
    before their children: whether a tag is inside an article is known from its parent, and no tag
    searches its subtree or its ancestors (which is quadratic on deeply nested pages)."""
    for tag in root.find_all(_DROP_TAGS):
        tag.decompose()
    in_article: set[int] = set()
    for tag in root.find_all(True):
        if not tag.name:  # decomposed with an ancestor (`tag.decomposed` would search the subtree)
            continue
        parent = tag.parent
        if parent is not None and (parent.name == "article" or id(parent) in in_article):
            in_article.add(id(tag))
        marker = " ".join([*tag.get("class", []), str(tag.get("id", "")), str(tag.get("role", ""))])
        if (marker.strip() and _BOILERPLATE.search(marker) and tag.name not in {"article", "main", "body"}) or (
            tag.name == "header" and id(tag) not in in_article
        ):
            tag.decompose()


def _blocks(root: Tag) -> list[tuple[str, str]]:
    """(tag name, text) of the leaf blocks in reading order. Which tags hold a block is worked out
    bottom-up in one pass (a search below every block is quadratic on nested blocks), and the leaf
    blocks' subtrees do not overlap, so reading their text is linear too."""
    tags = [tag for tag in root.descendants if isinstance(tag, Tag)]
    holds_block: set[int] = set()
    for tag in reversed(tags):  # children before their parents
        if any(isinstance(c, Tag) and (c.name in _BLOCK_NAMES or id(c) in holds_block) for c in tag.contents):
            holds_block.add(id(tag))
    out: list[tuple[str, str]] = []
    for tag in tags:
        if tag.name in _BLOCK_NAMES and id(tag) not in holds_block:  # else its inner blocks carry the text
            text = _clean(tag.get_text(" "))
            if text:
                out.append((tag.name, text))
    return out


def _render(title: str, blocks: list[tuple[str, str]]) -> tuple[str, tuple[Section, ...]]:
    """Text of the title and blocks, with a section per heading."""
    parts = [title]
    sections: list[Section] = []
    heading, start = title, 0
    offset = len(title)
    for name, text in blocks:
        if name == "h1" and text == title:
            continue
        line = f"• {text}" if name == "li" else text
        offset += 2
        if name in _HEADINGS:
            sections.append(Section(heading, start, offset - 2))
            heading, start = text, offset
        parts.append(line)
        offset += len(line)
    sections.append(Section(heading, start, offset))
    return "\n\n".join(parts), tuple(sections)


def _byline(soup: BeautifulSoup) -> list[str]:
    selectors = ["[rel=author]", "[itemprop=author]", ".byline", ".author", ".author-name", ".by-author"]
    for selector in selectors:
        tag = soup.select_one(selector)
        if tag is not None:
            text = _BY_PREFIX.sub("", _clean(tag.get_text(" ")))
            if text and len(text.split()) <= 8:
                return [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", text) if p.strip()]
    return []


def parse_html(raw: RawDocument) -> Document:
    html = decode(raw.content, is_html=True)
    soup = BeautifulSoup(html, "lxml")
    ld = _json_ld(soup)
    article_ld = next((i for i in ld if set(_types(i)) & set(_KIND_BY_TYPE)), {})

    title = _clean(
        str(article_ld.get("headline") or article_ld.get("name") or "")
        or _meta(soup, "og:title", "twitter:title")
        or (soup.h1.get_text(" ") if soup.h1 else "")
        or (soup.title.get_text(" ") if soup.title else "")
    )
    published_raw = (
        str(article_ld.get("datePublished") or article_ld.get("startDate") or "")
        or _meta(soup, "article:published_time", "date", "dcterms.date", "dc.date", "pubdate")
        or next((str(t.get("datetime")) for t in soup.find_all("time") if t.get("datetime")), None)
    )
    published = parse_date(published_raw) if published_raw else None
    if published is None:
        found = find_date(html, extensive_search=False, original_date=True)
        published = parse_date(found) if found else None
    authors = _names(article_ld.get("author")) or ([_meta(soup, "author")] if _meta(soup, "author") else _byline(soup))
    publisher_names = _names(article_ld.get("publisher"))
    publisher = publisher_names[0] if publisher_names else _meta(soup, "og:site_name")

    root = _main_root(soup)
    _strip_boilerplate(root)
    blocks = _blocks(root)
    if blocks:
        text, sections = _render(title, blocks)
    else:
        body = _clean(root.get_text(" ")) or (trafilatura.extract(html, favor_recall=True) or "")
        if len(body.split()) < _MIN_WORDS:
            raise ParseError("HTML page has no main text")
        text = f"{title}\n\n{body}" if title else body
        sections = find_sections(text)

    # An explicit genre in JSON-LD wins; a generic "Article" still needs the text's cues.
    ld_kinds = [k for i in ld for k in _types(i) if k in _KIND_BY_TYPE and k != "article"]
    kind = _KIND_BY_TYPE[ld_kinds[0]] if ld_kinds else guess_kind(text, has_byline=bool(authors))
    return Document(
        doc_id=raw.doc_id,
        locator=raw.locator,
        content_hash=raw.content_hash,
        kind=kind,
        title=title or raw.locator.rsplit("/", 1)[-1],
        text=text,
        sections=sections,
        published=published.isoformat() if published else None,
        authors=tuple(a for a in (_clean(x) for x in authors) if a),
        publisher=publisher,
        media_type=raw.media_type,
    )
