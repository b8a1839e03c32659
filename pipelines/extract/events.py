"""Event extractors: session-page titles, names with event heads, "a session called X", side events.

Rules: `event.title` (the page is about this session), `event.series` ("IGF 2021" in a session title),
`event.cue` (a name ending in Week/Day/Summit/...), `event.called` ("a session called X"),
`event.side` ("the X side event").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.records import EventType
from pipelines.extract import lexicon
from pipelines.extract.text import STOPWORDS, name_spans
from sources.readers.dates import parse_date

_SERIES = re.compile(r"^(?P<series>[A-Z][A-Za-z]{1,12}\s(?:19|20)\d\d)\b")
_LOWER_HEAD = re.compile(r"\s(?P<head>day|week|summit|conference|forum|side event|session|workshop)\b")
_CALLED = re.compile(
    r"\b(?P<kind>session|panel|workshop|talk|keynote|side event)\b[^.]{0,40}?\b(?:called|titled|entitled|named|is|was)"
    r",?\s+[\"“]?(?P<title>[A-Z][^.\"”\n]{3,150}?)[\"”]?(?=\s+where\b|\s+which\b|\s+that\b|[.\n]|$)"
)
_SIDE = re.compile(r"\b(?:the|a)\s+(?P<title>[A-Z][^.,\n]{3,80}?)\s+side[- ]event\b")
_DATE_NEAR = re.compile(
    r"\b(?:on\s+)?(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}"
    r"(?:st|nd|rd|th)?)(?:,?\s+(?:19|20)\d\d)?)"
)
_PLACE = re.compile(r"\b(?:in|at)\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")
_VENUE_LINE = re.compile(r"^(?P<venue>[^\n]{0,60}\b(?:Room|Hall|Auditorium|Venue|Centre|Center)\b[^\n]{0,40})$", re.M)
# "Open Source Program Offices (OSPOs) for Good Day": the words before a connector that a name span
# broke at (a parenthesised acronym) belong to the event's name.
_LEFT_PART = re.compile(
    r"(?<![\w(])(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|on|the)\s+)?){1,8}\([A-Z][A-Za-z]{1,10}\)\s+(?:for|of|on|in)\s+$"
)
_LEFT_TAIL = re.compile(r"\)\s{1,3}(?:for|of|on|in)\s{1,3}$")
_ACRONYM_IN_NAME = re.compile(
    r"(?P<long>(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|on)\s+)?)+)\((?P<acr>[A-Z][A-Za-z]{1,10})\)"
)
_SMALL = {"a", "an", "and", "the", "of", "in", "for", "on", "to", "at", "by", "with", "or", "–", "-", "&"}


@dataclass(frozen=True, slots=True)
class EventMention:
    name: str
    type: EventType
    start: int
    end: int
    rule: str
    date: str | None = None
    location: str | None = None
    part_of: str | None = None


def _event_type(name: str) -> EventType | None:
    words = name.split()
    if name.lower().endswith("side event"):
        return EventType.SIDE_EVENT
    if words and words[-1] in lexicon.EVENT_HEADS:
        return lexicon.EVENT_HEADS[words[-1]]
    return None


def _trim_title(title: str) -> str:
    """Keep a title-case run: stop at the first lower-case word that is not a small word."""
    words = title.split()
    kept: list[str] = []
    for word in words:
        if word[:1].islower() and word.lower() not in _SMALL:
            break
        kept.append(word)
    while kept and kept[-1].lower() in _SMALL:
        kept.pop()
    return " ".join(kept).strip(" ,;:")


def acronym_aliases(name: str) -> tuple[str, ...]:
    """ "Open Source Program Offices (OSPOs) for Good Day" is also "OSPOs for Good Day"."""
    match = _ACRONYM_IN_NAME.search(name)
    if not match:
        return ()
    short = name[: match.start()] + match.group("acr") + name[match.end() :]
    return (" ".join(short.split()),)


def year_hint(text: str, published: str | None) -> int | None:
    if published:
        return int(published[:4])
    years = re.findall(r"\b(20\d\d|19\d\d)\b", text[:3000])
    return int(max(set(years), key=years.count)) if years else None


def date_after(text: str, start: int, end: int, year: int | None) -> str | None:
    """A date in text[start:end], resolved with `year` when it gives none."""
    match = _DATE_NEAR.search(text, start, end)
    if not match:
        return None
    day = parse_date(match.group("date"), default_year=year)
    return day.isoformat() if day else None


def title_event(title: str, text: str, year: int | None) -> list[EventMention]:
    """A session page's title is a session; a series prefix ("IGF 2021") is the conference it is part of."""
    out: list[EventMention] = []
    series = _SERIES.match(title)
    head = text[: min(len(text), len(title) + 400)]
    date = date_after(head, len(title), len(head), year)
    venue = _VENUE_LINE.search(head)
    part_of = series.group("series") if series else None
    out.append(
        EventMention(
            title,
            EventType.SESSION,
            0,
            len(title),
            "event.title",
            date,
            venue.group("venue").strip() if venue else None,
            part_of,
        )
    )
    if series:
        out.append(EventMention(series.group("series"), EventType.CONFERENCE, 0, series.end(), "event.series"))
    return out


def cue_events(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> list[EventMention]:
    """Names ending in an event head ("UN Open Source Week", "the OSPOs for Good day", "FOSDEM 2025")."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    for span in name_spans(text, start, end):
        name = span.text
        kind = _event_type(name)
        stop = span.end
        begin = span.start
        left = None
        if _LEFT_TAIL.search(text, max(start, span.start - 12), span.start):  # cheap test before the search
            left = _LEFT_PART.search(text, max(start, span.start - 120), span.start)
        if left:
            begin = left.start()
            name = re.sub(r"^(?:The|A|An)\s+", "", text[begin : span.start] + name)
        if kind is None:
            after = _LOWER_HEAD.match(text, span.end)
            if after and after.group("head") in {
                "day",
                "week",
                "summit",
                "conference",
                "forum",
                "side event",
            }:
                head = after.group("head")
                if head == "side event":
                    kind = EventType.SIDE_EVENT
                else:
                    name = f"{name} {head.title()}"
                    kind = lexicon.EVENT_HEADS[head.title()]
                stop = after.end()
        if (
            kind is None
            and re.fullmatch(r"[A-Z][A-Za-z]{2,15} (?:19|20)\d\d", name)
            and re.search(
                r"\b(?:at|during|attend\w*|held|hosted)\s+(?:the\s+)?$",
                text[max(0, span.start - 20) : span.start],
            )
        ):
            kind = EventType.CONFERENCE
        if kind is None or (len(name.split()) < 2 and kind is not EventType.SIDE_EVENT):
            continue
        if name.split()[0].lower() in STOPWORDS:
            continue
        sentence_end = text.find(".", stop)
        window_end = min(end, stop + 120 if sentence_end < 0 else min(sentence_end, stop + 120))
        date = date_after(text, stop, window_end, year)
        place = _PLACE.search(text, stop, window_end)
        location = place.group("place") if place and place.group("place").lower() not in STOPWORDS else None
        out.append(EventMention(name, kind, begin, stop, "event.cue", date, location))
    for m in _SIDE.finditer(text, start, end):
        name = _trim_title(m.group("title"))
        if name and name.split()[0].lower() not in STOPWORDS:
            out.append(EventMention(name, EventType.SIDE_EVENT, m.start("title"), m.end(), "event.side"))
    for m in _CALLED.finditer(text, start, end):
        name = _trim_title(m.group("title"))
        if len(name.split()) >= 2:
            kind = EventType.SIDE_EVENT if m.group("kind") == "side event" else EventType.SESSION
            out.append(EventMention(name, kind, m.start("title"), m.start("title") + len(name), "event.called"))
    return out
