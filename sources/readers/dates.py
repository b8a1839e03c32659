"""Date parsing shared by readers and extractors (dateutil, never a hand-written month table)."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")


def parse_date(text: str, *, default_year: int | None = None) -> date | None:
    """A calendar date from a short string, or None; a year is required unless default_year is given."""
    text = text.strip()
    if not text:
        return None
    iso = _ISO.search(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    cleaned = _ORDINAL.sub(r"\1", text)
    has_year = re.search(r"\b(1[89]\d\d|20\d\d)\b", cleaned) is not None
    if not has_year and default_year is None:
        return None
    default = datetime(default_year or 1900, 1, 1)
    try:
        parsed = dateparser.parse(cleaned, default=default, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d", cleaned):
        return None
    return parsed.date()
