"""Document genre from structural cues, for readers that have no explicit metadata for it."""

from __future__ import annotations

import re

from ontology.records import DocumentKind

_SESSION_CUES = [
    re.compile(r"^(?:organi[sz]er|speaker|moderator|panel+ist|rapporteur)s?[ \t]*(?:\d+[ \t]*)?:", re.I | re.M),
    re.compile(r"^session report\b", re.I | re.M),
    re.compile(r"^key takeaways?\b", re.I | re.M),
    # a numbered slot of a programme: "WS #106", "Open Forum #12", "Town Hall #3", "Day 0 Event #9"
    re.compile(r"\b(?:WS|Forum|Hall|Talk|Session|Event|Workshop|Panel)\s?#\s?\d+"),
    re.compile(r"^(?:proposed )?agenda\b", re.I | re.M),
    re.compile(r"^policy questions?\b", re.I | re.M),
]
_SUMMARY_CUES = [
    re.compile(r"^summary\s*$", re.I | re.M),
    re.compile(r"^key (?:takeaways?|insights|points)\s*$", re.I | re.M),
    re.compile(r"\b(?:original article|editorial summary|summari[sz]ed from|source:)", re.I),
]
_BLOG_CUES = [
    re.compile(r"^(?:tag|category|monthly) archives?\b", re.I | re.M),
    re.compile(r"\b(?:blog post|this post|posted (?:on|by)|leave a (?:reply|comment))\b", re.I),
]
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’ve|I've|my|me)\b")
# patterns over document text never put two unbounded quantifiers over the same characters side by side
# (`\s*\d*\s*`, `\s*[:\-]?\s+`) and stay within a line: each then runs in linear time on any input
_BYLINE = re.compile(r"^[ \t]*(?:by|author)s?(?:[ \t]*[:\-])?[ \t]+\S", re.I | re.M)


def _hits(patterns: list[re.Pattern[str]], text: str) -> int:
    return sum(1 for p in patterns if p.search(text))


def guess_kind(text: str, *, has_byline: bool = False) -> DocumentKind:
    """Pick the genre whose cues the text shows most; prose with no cues is a news article."""
    words = max(1, len(text.split()))
    if _hits(_SESSION_CUES, text) >= 2:
        return DocumentKind.SESSION_REPORT
    if _hits(_SUMMARY_CUES, text) >= 2:
        return DocumentKind.ARTICLE_SUMMARY
    first_person = len(_FIRST_PERSON.findall(text)) / words
    if _hits(_BLOG_CUES, text) >= 1 or (first_person > 0.004 and not has_byline):
        return DocumentKind.BLOG_POSTING
    if has_byline or _BYLINE.search(text[:2000]) or words >= 80:
        return DocumentKind.NEWS_ARTICLE
    return DocumentKind.OTHER
