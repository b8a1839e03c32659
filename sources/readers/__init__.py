"""Readers turn a RawDocument into a parsed Document; `parse` picks one by media type."""

from __future__ import annotations

from dataclasses import replace

from ontology.records import Document, DocumentKind, RawDocument
from sources.readers.errors import ParseError
from sources.readers.html import parse_html
from sources.readers.text import parse_text

__all__ = ["ParseError", "parse"]


def parse(raw: RawDocument) -> Document:
    """Parse one document; raises ParseError with a reason a person can act on. A source's kind hint
    (news, blog, session report, summary) overrides the genre guessed from the page."""
    document = parse_html(raw) if raw.media_type == "text/html" else parse_text(raw)
    if raw.kind_hint:
        document = replace(document, kind=DocumentKind(raw.kind_hint))
    return document
