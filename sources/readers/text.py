"""Plain-text and Markdown documents, including text saved from web pages (title on the first line)."""

from __future__ import annotations

import re

from ontology.records import Document, RawDocument
from sources.readers.dates import parse_date
from sources.readers.decode import decode
from sources.readers.genre import guess_kind
from sources.readers.markdown import author_names, split_front_matter, to_plain_text
from sources.readers.sections import find_sections

_FIELD = re.compile(
    r"^\s*(date|published|posted|updated|by|authors?|written by|source|publisher)\s*[:\-]\s*(.+?)\s*$",
    re.I,
)
_BY_LINE = re.compile(r"^[ \t]*by[ \t]+([A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,4})[ \t]*$", re.M)
_CREDIT = re.compile(
    r"\b(?:summary|summaries|curation|curated|takeaways?)[^.\n]{0,80}?\bby\s+([A-Z][\w]+(?:\s[A-Z][\w]+){0,3})"
)
# front-matter keys only an event page has
_EVENT_FIELDS = frozenset(
    {"end_date", "start_date", "event_date", "event_organizer", "event_platform", "registration_url", "venue", "location",
     "event_type"}
)
_HEADER_LINES = 25
# a header field ("Date: ...", "By ...") is a short line; `_FIELD`'s lazy value before trailing spaces
# would take quadratic time on a megabyte line, so longer lines are not read as fields
_MAX_FIELD_LINE = 500
_MAX_TITLE = 300


def _split_names(value: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", value)
    return tuple(p.strip() for p in parts if p.strip() and len(p.split()) <= 5)


def event_header(meta: dict) -> str:
    """An event page's front matter ("end_date", "venue", "registration_url", ...) as the "When:" and "Where:"
    lines the page shows under its title; nothing for other posts, whose date is their publication date."""
    if not _EVENT_FIELDS & set(meta):
        return ""
    lines = []
    when = next((meta[k] for k in ("start_date", "event_date", "date") if meta.get(k)), None)
    day = parse_date(str(when)) if when else None
    if day:
        lines.append(f"When: {day.strftime('%B')} {day.day}, {day.year}")
    where = next((meta[k] for k in ("venue", "location", "address") if isinstance(meta.get(k), str)), None)
    if where and where.strip():
        lines.append(f"Where: {' '.join(where.split())}")
    return "".join(f"{line}\n" for line in lines) + ("\n" if lines else "")


# front-matter keys that name the organisation a post is published by (Jekyll's and Hugo's site and post
# fields); an "author" is a person and stays an author
_PUBLISHER_KEYS = ("publisher", "organization", "organisation", "org", "agency", "site_name", "site_title", "team")


def front_matter_publisher(meta: dict) -> str | None:
    """The publishing organisation a post's front matter names ("publisher: Example Working Group"), as a
    name of a few words (a URL or a sentence is no name)."""
    for key in _PUBLISHER_KEYS:
        value = meta.get(key)
        if isinstance(value, dict):  # "publisher: {name: Example Office, url: ...}"
            value = value.get("name")
        # a slug ("gsa", "ospo-team") is a key, not the name the organisation goes by
        if isinstance(value, str) and 0 < len(value.split()) <= 8 and "://" not in value and any(c.isupper() for c in value):
            return " ".join(value.split())
    return None


def parse_text(raw: RawDocument) -> Document:
    text = decode(raw.content)
    meta: dict = {}
    if raw.media_type == "text/markdown" or text.startswith("---"):
        meta, body = split_front_matter(text)
        # header fields ("By: NAME") are read from the lines as written, the text as the page renders
        lines = body.split("\n")
        text = to_plain_text(body) if raw.media_type == "text/markdown" or meta else body
        if meta.get("title"):  # the page shows its title above the body, as the HTML reader keeps it
            text = f"{' '.join(str(meta['title']).split())}\n\n{event_header(meta)}{text}"
    else:
        lines = text.split("\n")
    first = next((ln for ln in lines if ln.strip()), "")
    title = str(meta.get("title") or first.strip().lstrip("#").strip())[:_MAX_TITLE]

    day = parse_date(str(meta["date"])) if meta.get("date") else None
    published: str | None = day.isoformat() if day else None
    authors: tuple[str, ...] = author_names(meta.get("authors") or meta.get("author"))
    publisher: str | None = front_matter_publisher(meta)
    header = [line for line in lines[1:_HEADER_LINES] if len(line) <= _MAX_FIELD_LINE]
    for line in header:
        match = _FIELD.match(line)
        if not match:
            continue
        field, value = match.group(1).lower(), match.group(2)
        if field in {"date", "published", "posted", "updated"} and published is None:
            day = parse_date(value)
            published = day.isoformat() if day else None
        elif field in {"by", "author", "authors", "written by"} and not authors:
            authors = _split_names(value)
        elif field == "publisher":
            publisher = value.strip()
    if not authors:
        by_line = _BY_LINE.search("\n".join(header))
        if by_line:
            authors = (by_line.group(1),)
    credit = _CREDIT.search(text[-1500:])
    if publisher is None and credit:
        publisher = credit.group(1)

    return Document(
        doc_id=raw.doc_id,
        locator=raw.locator,
        content_hash=raw.content_hash,
        kind=guess_kind(text, has_byline=bool(authors)),
        title=title or raw.locator.rsplit("/", 1)[-1],
        text=text,
        sections=find_sections(text),
        published=published,
        authors=authors,
        publisher=publisher,
        media_type=raw.media_type,
    )
