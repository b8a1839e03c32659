"""Readers turn a RawDocument into a parsed Document; `parse` picks one by media type."""

from __future__ import annotations

from ontology.records import Document, RawDocument
from sources.readers.errors import ParseError
from sources.readers.html import parse_html
from sources.readers.text import parse_text

__all__ = ["ParseError", "parse"]


def parse(raw: RawDocument) -> Document:
    """Parse one document; raises ParseError with a reason a person can act on."""
    if raw.media_type == "text/html":
        return parse_html(raw)
    return parse_text(raw)
