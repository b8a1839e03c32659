"""Event extractors: session-page titles, names with event heads, "a session called X", side events.

Rules: `event.title` (the page is about this session), `event.series` ("IGF 2021" in a session title),
`event.cue` (a name ending in Week/Day/Summit/..., also with a year or a number after the head: "X Summit
2024", "Workshop #71", "Day 0 Event #9"), `event.called` ("a session called X"), `event.side` ("the X side
event"), `event.edition` ("the 2025 edition of X"), `event.session_list` (the items of a list introduced by
"... sessions:" are sessions of the event named before), `event.agenda` (an agenda's time slots, dated by the
day heading above them), `event.talk_list` (a list of talks given: "Title @ Event 2024", "Event: Title" under
a heading about talks, talks listed under an event), `event.visit` ("a week-long tour", "meeting with X in
the Y Room"). Dates: "8 Dec 2021", "December 8-10, 2021",
"Tuesday, February 3", after the name or else earlier in its sentence; `event.owned` (a body's recurring
gathering: "Example Party's spring conference", "the annual meeting of the Example Society", "the G7
meeting"); `event.date_coreference` (the date of
a sentence about "the summit" for the document's one summit, set in the pipeline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from ontology.records import EventType
from pipelines.extract import lexicon
from pipelines.extract.text import STOPWORDS, name_spans
from sources.readers.dates import parse_date

_SERIES = re.compile(r"^(?P<series>[A-Z][A-Za-z]{1,12}\s(?:19|20)\d\d)\b")
_LOWER_HEAD = re.compile(
    r"\s(?P<head>day|week|summit|conference|forum|side event|session|workshop|hackathon|meetup|webinar|symposium"
    r"|lightning talk|hearing)\b"
)
_CALLED = re.compile(
    r"\b(?P<kind>session|panel|workshop|talk|keynote|side event)\b[^.]{0,40}?\b(?:called|titled|entitled|named|is|was)"
    r",?\s+[\"“]?(?P<title>[A-Z][^.\"”\n]{3,150}?)[\"”]?(?=\s+where\b|\s+which\b|\s+that\b|[.\n]|$)"
)
# "hosted examplehack, a website accessibility hackathon": a name apposed to a described event
# (found from its head word, then read backwards in a short window: scanning for the name from every
# character cost more than the rest of the event rules together)
_APPOSED_HEAD = re.compile(
    r"\b(?:hackathon|conference|summit|workshop|meetup|webinar|symposium|unconference|bootcamp|festival|event)\b(?!['’])"
)
# words that make an apposition say something of a person or a thing at an event ("Jane Roe, a speaker at the
# conference"), where an event's own apposition is a string of modifiers ("a two-day data hackathon")
_GAP_RELATIONS = frozenset({"at", "of", "for", "in", "on", "to", "from", "with", "by", "about", "after", "before",
                            "during", "who", "which", "that", "and", "or", "whose"})
_APPOSED_GAP = re.compile(r",[ \t\n]+(?:an?|the)[ \t\n]+(?:[\w-]+[ \t\n]+){0,4}")
# "the inaugural exampleJam(1); event", "an ExampleCon2 hackathon": a coined token before an event word
_COINED_BEFORE = re.compile(
    r"\b(?:the|an?|our|this)[ \t\n]+(?:(?:inaugural|annual|first|second|third|recent|upcoming|monthly|yearly)[ \t\n]+)?"
    r"(?P<name>[^\s,]{3,40})[ \t\n]+(?P<head>event|hackathon|meetup|unconference|bootcamp)\b"
)
# "a hackathon called Example Jam", "a meetup named Example Night"
# (a quoted title is read to its closing quote; an unquoted one stops at "in Lisbon", "on May 3")
_KIND_CALLED = re.compile(
    r"\b(?P<kind>hackathon|conference|summit|meetup|webinar|forum|symposium|meeting|roundtable|event|workshop)"
    r"[ \t]+(?:called|titled|entitled|named)[ \t]+(?:[\"“](?P<quoted>[A-Z][^\"”\n]{2,100})[\"”]|"
    r"(?P<title>[A-Z][^.\"”\n]{2,100}?)(?=[ \t]+(?:where|which|that|on|in|at)\b|[,.;\n]|$))"
)
# "our next webinar, Open Source in Procurement, on 14 May": a kind word and its title in apposition (an
# indefinite or possessive determiner: "At the summit, Jane Roe said" sets the speaker beside the event)
_KIND_APPOSED = re.compile(
    r"\b(?:[Aa]n?|[Oo]ur|[Tt]his|[Tt]heir|[Ii]ts|[Nn]ext)[ \t]+(?:(?:free|virtual|online|upcoming|next|first|annual|"
    r"monthly|weekly|live|public|recent)[ \t]+){0,2}(?P<kind>webinar|workshop|hackathon|symposium|conference|summit|"
    r"meetup|panel|roundtable|seminar|town[ \t]hall|listening[ \t]session|bootcamp|lecture|fireside[ \t]chat|"
    r"training|masterclass|session)[ \t]*,[ \t]+[\"“]?(?P<title>[A-Z][^,.;:!?\n\"“”()]{3,100}?)[\"”]?(?=,|[ \t]+on[ \t]|[ \t]*[.(])"
)
# "we met for a discussion on X, Y and Z", "a meeting with Jane Roe in the Example Room": an event the text
# describes without naming, kept only when the sentence says someone held, joined or went to it
_DESCRIBED = re.compile(
    r"\b(?:a|an|the|our|their)[ \t\n]+(?:(?:brief|short|private|public|joint|virtual|live|roundtable|panel|"
    r"week-long|day-long|(?:one|two|three|four|five|half|full)-day|online|in-person|hybrid|first|inaugural|annual|"
    r"special|congressional|closed-door)[ \t\n]+){0,2}"
    r"(?P<name>(?:meeting|discussion|roundtable|briefing|town[ \t]hall|fireside[ \t]chat|"
    r"listening[ \t]session|tour|workshop|panel(?:[ \t]discussion)?|webinar|seminar|breakout[ \t]session|"
    r"(?:training|working|information|info)[ \t]session|hackathon|(?:design|code|data)[ \t]sprint|open[ \t]house|"
    r"demo[ \t]day|industry[ \t]day|summit|conference|symposium|meetup|bootcamp|boot[ \t]camp|hearing|convening|"
    r"office[ \t]hours|launch[ \t]event|lecture|keynote(?:[ \t]address)?|kick-?off[ \t]meeting|training|"
    r"press[ \t]conference)[ \t\n]+(?:with|on|about|of|for|before)[ \t\n]+[^.;:!?()\n“”\"—–]{3,120}?)"
    r"(?=,?[ \t\n]+(?:where|which|who|that|while|before|after|during|when|to|and[ \t\n]+(?:we|they|I|he|she|later|then|also|an?|the)|(?:hosted|organi[sz]ed|led|run|held|moderated|sponsored|convened|chaired)[ \t\n]+by)\b|[ \t]?[.;:!?()\n“”\"—–]|$)"
)
_EVENT_VERBS = re.compile(
    r"\b(?:held|hosted|host|attended|attend|joined|join|participated|organi[sz]ed|convened|met|meet|meeting|took[ \t]part|"
    r"visited|gathered|led|had|holding|hosting|hosts|holds|organi[sz]ing|ran|running|testified|testify|spoke|"
    r"presented|convenes|kicked[ \t]off|wrapped[ \t]up|took[ \t]place|will[ \t]be[ \t]held)\b"
)
_SIDE = re.compile(r"\b(?:the|a)\s+(?P<title>[A-Z][^.,\n]{3,80}?)\s+side[- ]event\b")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "8 Dec 2021", "December 8-10, 2021", "Tuesday, February 3": a range keeps its first day (the start)
_TO_DAY = rf"(?:\s?[-–]\s?|\s(?:to|until|and|through)\s){_DAY}(?!\d)"
# "8 Dec 2021", "December 8-10, 2021", "14 to 18 May 2025", "Tuesday, February 3", "2024-03-13"
_DATE_NEAR = re.compile(
    rf"\b(?:on\s+)?(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{_DAY}(?:{_TO_DAY})?\s+"
    rf"{_MONTH}|{_MONTH}\s+{_DAY}(?!\d))(?:{_TO_DAY})?(?:,?\s+(?:19|20)\d\d(?!\d))?|(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))"
)
_RANGE_END = re.compile(rf"(?<!\d\d\d\d)(?<!-\d\d){_TO_DAY}")  # an ISO date's "-03-13" is no range
_PLACE = re.compile(
    r"\b(?:in|at)[ \t]+(?:(?P<venue>the[ \t]+(?:[A-Z][\w’'.-]*[ \t]+(?:(?:de|des|du|of|the)[ \t]+)?){0,3}"
    r"(?:Palais|Centre|Center|Hall|Auditorium|Building|House|Headquarters|Campus|Library|Museum|Hotel|Arena|Nations)"
    r"(?:[ \t]+(?:de|des|du|of)[ \t]+[A-Z][\w’'.-]*)?)|(?P<place>(?:Conference[ \t]+)?(?:Room|Hall)[ \t]+[\w-]{1,6}"
    r"|[A-Z][a-z]+(?:[ \t]+(?:(?:de|des|du)[ \t]+)?(?!(?:Mr|Mrs|Ms|Dr|Prof|Sir)\b)[A-Z][a-z]+){0,2}))\b"
)
_VENUE_WORD = re.compile(r"\b(?:Room|Hall|Auditorium|Venue|Centre|Center)\b")
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
# lower-case heads that make the capitalised words before them an event ("the Example Data hackathon");
# "session" and "workshop" do not ("the Ministry session" is the ministry's part in something else)
_NAMED_BY_LOWER_HEAD = frozenset(
    {"day", "week", "summit", "conference", "forum", "side event", "hackathon", "meetup", "webinar", "symposium",
     "lightning talk", "hearing"}
)
# "Annual OCSIT-sponsored North American Day": words that qualify an event without naming it
_QUALIFIER = re.compile(r"^(?:(?:Annual|Inaugural|Upcoming|Recent|Virtual|[\w.]+-(?:sponsored|hosted|led|organi[sz]ed|funded))\s+)+")
# days that are holidays, not events ("Boxing Day", "New Year's Day"): properties of the calendar
_HOLIDAYS = frozenset(
    {"christmas", "boxing", "easter", "valentine's", "valentine’s", "year's", "year’s", "independence", "thanksgiving",
     "labor", "labour", "mother's", "mother’s", "father's", "father’s", "election", "polling", "remembrance",
     "armistice", "patrick's", "patrick’s", "memorial", "national"}
)
_SERIAL = re.compile(r"#\d{1,4}|(?:19|20)\d\d")
_EDITION = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+edition\s+of\s+(?:the\s+)?(?=[A-Z])")
# "... featured five sessions covering:" then one session per list item
_LINE_END_COLON = re.compile(r":[ \t]*\n(?:[ \t]*\n)?")  # found first: a colon is rarer than a word boundary
_SESSION_WORDS = re.compile(r"\b(?:sessions|panels|workshops|talks|tracks|breakouts|panel discussions)\b[^\n:]{0,60}$", re.I)
_LIST_ITEM = re.compile(r"[ \t]{0,8}(?:[-*•]|\d{1,2}[.)])[ \t]+(?P<item>[^\n]{3,150})\n?")
# words that name a numbered slot of a conference programme without being event heads themselves
# ("Day 0 Event #9", "WS #106", "Town Hall #3", "Launch #2")
_SLOT_WORDS = frozenset({"Event", "WS", "Talk", "Talks", "Hall", "Launch", "Track", "Booth"})
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


# heads that name an occasion by what it is of: "National Day of Civic Example", "Hour of Code", "Summit of
# the Future" ("Congress of X", "Forum of X" and "Conference of X" are as often the bodies that meet)
_OF_HEADS = frozenset({"Day", "Week", "Summit", "Festival", "Hour", "Night", "Hackathon"})


def _occasion_of(words: list[str]) -> EventType | None:
    """The kind of "Global Week of Example Action": a head, "of" and a capitalised complement of one to five
    words that is no date ("Week of March 3" is a time); only a summit is "of the" something ("Summit of the
    Future")."""
    for i, word in enumerate(words[:-2]):
        if word in _OF_HEADS and words[i + 1] == "of":
            tail = words[i + 2 :]
            if tail[:1] == ["the"] and word != "Summit":
                continue  # "Day of the Jackal", "Night of the Long Knives": titles of works and of history
            tail = tail[1:] if tail[:1] == ["the"] else tail
            if 1 <= len(tail) <= 5 and tail[0][:1].isupper() and tail[0].lower() not in _NOT_PLACES and not any(
                w[:1].isdigit() for w in tail
            ):
                return lexicon.EVENT_HEADS.get(word, EventType.CONFERENCE)
    return None


# Kinds of gatherings from the usual taxonomies of events that the shared head list lacks, read as heads of
# capitalised names here only ("the Example Digital Convening", "the Example Memorial Lecture", "the Example
# Plenary"); a word ending in "-athon" is a hackathon's kind ("Example Datathon", "Example Codeathon"), a
# "Marathon" a race.
_MORE_HEADS = {
    "Convening": EventType.CONFERENCE,
    "Lecture": EventType.SESSION,
    "Plenary": EventType.SESSION,
    "Townhall": EventType.MEETING,
    "Meet-up": EventType.MEETING,
    "Hackfest": EventType.CONFERENCE,
    "Codefest": EventType.CONFERENCE,
}


def _head_kind(word: str) -> EventType | None:
    kind = lexicon.EVENT_HEADS.get(word) or _MORE_HEADS.get(word)
    if kind is None and _MAKING_A_THON.fullmatch(word):
        return EventType.CONFERENCE
    return kind


# "-athon" gatherings where people make something together (a Datathon, an Edit-a-thon); not any word in
# "-athon" ("Jonathon", a "Marathon" or "Walkathon" is a name or a race)
_MAKING_A_THON = re.compile(
    r"(?:Hack|Data|Code|Cod|Design|Idea|Make|Build|Edit|Doc|Prompt|App|Map|Translat|Innov|Game|Policy|Civic)"
    r"-?a?-?thon"
)


def _event_type(name: str) -> EventType | None:
    words = name.split()
    if name.lower().endswith("side event"):
        return EventType.SIDE_EVENT
    if words and (kind := _head_kind(words[-1])) is not None:
        return kind
    # "Open Forum #12", "Workshop #71", "Day 0 Event #9", "Lightning Talk #5": a numbered slot of a programme
    # is a session of it, whatever its head word; "Example Summit 2024": the head before a year
    if len(words) >= 2 and _SERIAL.fullmatch(words[-1]):
        if words[-1].startswith("#"):
            head = words[-2] if words[-2] in lexicon.EVENT_HEADS else " ".join(words[-3:-1])
            if words[-2] in _SLOT_WORDS or lexicon.EVENT_HEADS.get(head) in {EventType.SESSION, EventType.CONFERENCE}:
                return EventType.SESSION
            # "Example Meetup #14", "Example Day #3": the 14th of a series keeps its own kind
            return lexicon.EVENT_HEADS.get(head)
        if (kind := _head_kind(words[-2])) is not None:
            return kind
    return _regional_edition(words) or _occasion_of(words)


# words that name where a series' edition is held after its head: "Example Summit North America 2024",
# "Example Conference Europe", "Example Summit of the Americas"
_REGION_WORDS = frozenset(
    {"Europe", "Asia", "Africa", "America", "Americas", "North", "South", "Latin", "East", "West", "Central",
     "Pacific", "Nordic", "Global", "Middle", "Eastern", "Western", "Arab", "Caribbean", "Asia-Pacific", "APAC",
     "EMEA", "Online", "Virtual", "Oceania", "Baltic", "Balkans", "Mediterranean"}
)


_EDITION_HEADS = frozenset({"Summit", "Conference", "Congress", "Week", "Expo", "Festival", "Hackathon", "Days", "Symposium"})


def _regional_edition(words: list[str]) -> EventType | None:
    """The kind of "Example Summit North America 2024": a head word followed only by a region or a country
    (and a year); "Summit Bank" or "Festival Hall" are not events."""
    if "on" in words[1:-1] and words[words.index("on") - 1] in lexicon.EVENT_HEADS.keys() - {"Convention"}:
        return lexicon.EVENT_HEADS[words[words.index("on") - 1]]  # "Example Conference on Disarmament"
    dated = bool(words) and _SERIAL.fullmatch(words[-1]) is not None and not words[-1].startswith("#")
    if dated:
        words = words[:-1]
    # "Example Forum Europe" is as often an organisation as an event: without a year only these heads
    heads = [i for i, w in enumerate(words[:-1]) if i >= 1 and w in lexicon.EVENT_HEADS and (dated or w in _EDITION_HEADS)]
    if not heads:
        return None
    tail = words[heads[-1] + 1 :]
    if tail[:2] == ["of", "the"]:
        tail = tail[2:]
    if not 1 <= len(tail) <= 3:
        return None
    if all(w in _REGION_WORDS for w in tail) or " ".join(tail) in lexicon.countries():
        return lexicon.EVENT_HEADS[words[heads[-1]]]
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


# "IGF 2021 WS #106 Open Source Collaboration": an optional series, a numbered slot, then the session's title
_SLOT_TITLE = re.compile(
    r"(?:(?P<series>[A-Z][A-Za-z]{1,12}[ \t](?:19|20)\d\d)[ \t]+(?:[-–:|][ \t]+)?)?(?P<slot>(?:(?:[A-Z0-9][\w/-]*|/)[ \t]+){1,5}?#\d{1,4})"
    r"[ \t]*[:–-]?[ \t]+(?P<title>\S.*)"
)


_TITLE_PARTS = re.compile(r"[ \t]+[–—|-][ \t]+")


def name_aliases(name: str) -> tuple[str, ...]:
    """Other names of an event by its name's own structure: the acronym form of "Open Source Program Offices
    (OSPOs) for Good Day", and the slot ("WS #106", "IGF 2021 WS #106") and the title ("Open Source
    Collaboration") of a numbered session named by all three."""
    out = list(acronym_aliases(name))
    parts = _TITLE_PARTS.split(name)
    if len(parts) >= 2 and _SLOT_TITLE.fullmatch(parts[-1]):
        # "IGF 2019 – Day 2 – Room V – WS #211 Title": the page's last part is the session
        out += [parts[-1], *name_aliases(parts[-1])]
    slot = _SLOT_TITLE.fullmatch(name)
    if slot and _event_type(slot.group("slot")) is EventType.SESSION and len(slot.group("title").split()) >= 2:
        out.append(slot.group("slot"))
        if slot.group("series"):
            out.append(f"{slot.group('series')} {slot.group('slot')}")
        out.append(slot.group("title"))
    return tuple(dict.fromkeys(out))


def abbreviates(short: str, long: str) -> bool:
    """ "IGF 2023" for "Internet Governance Forum 2023", "UNGA" for "United Nations General Assembly": the
    capitals of the short name are the initials of the long name's capitalised words, with the same year."""
    short_words, long_words = short.split(), long.split()
    year = short_words[-1] if _SERIAL.fullmatch(short_words[-1]) and not short_words[-1].startswith("#") else None
    if year:
        if long_words[-1] != year:
            return False
        short_words, long_words = short_words[:-1], long_words[:-1]
    if len(short_words) != 1 or not re.fullmatch(r"[A-Z]{2,8}", short_words[0]):
        return False
    initials = "".join(w[0] for w in long_words if w[:1].isupper())
    return len(long_words) >= 2 and initials == short_words[0]


def year_hint(text: str, published: str | None) -> int | None:
    if published:
        return int(published[:4])
    years = re.findall(r"\b(20\d\d|19\d\d)\b", text[:3000])
    # the most frequent year, the latest on a tie (a set's order would make the pick differ between runs)
    return int(max(set(years), key=lambda y: (years.count(y), y))) if years else None


def date_after(text: str, start: int, end: int, year: int | None) -> str | None:
    """A date in text[start:end], resolved with `year` when it gives none."""
    match = _DATE_NEAR.search(text, start, end)
    if not match:
        return None
    day = parse_date(_RANGE_END.sub("", match.group("date"), count=1), default_year=year)
    return day.isoformat() if day else None


def date_in_sentence(text: str, start: int, end: int, name_start: int, name_end: int, year: int | None) -> str | None:
    """The date after the name in its sentence text[start:end] (within 120 characters), else one before it
    ("On March 13, 2024, over 1,000 people gathered for the summit")."""
    return date_after(text, name_end, min(end, name_end + 120), year) or date_after(text, start, name_start, year)


def title_event(title: str, text: str, year: int | None) -> list[EventMention]:
    """A session page's title is a session; a series prefix ("IGF 2021") is the conference it is part of."""
    out: list[EventMention] = []
    series = _SERIES.match(title)
    head = text[: min(len(text), len(title) + 400)]
    date = date_after(head, len(title), len(head), year)
    where = _WHERE_LINE.search(head, len(title))  # "Location: Room B", "Venue: Example Hall"
    venue = where.group("value").strip(" .") if where else None
    if venue is None and (line := _VENUE_LINE.search(head, len(title))):  # the title's own "Town Hall" is no venue
        # "12 Dec 2022 | 14:00 UTC | Room 3": the part of a line of parts that names the room
        venue = next((p for p in map(str.strip, re.split(r"[|•·]", line.group("venue"))) if _VENUE_WORD.search(p)), None)
    part_of = series.group("series") if series else None
    out.append(
        EventMention(
            title,
            EventType.SESSION,
            0,
            len(title),
            "event.title",
            date,
            venue,
            part_of,
        )
    )
    if series:
        out.append(EventMention(series.group("series"), EventType.CONFERENCE, 0, series.end(), "event.series"))
    return out


# "Location: Online", or an event page's label on a line of its own with the value on the next ("Date\nMarch 3")
_WHEN_LINE = re.compile(
    r"^[ \t]*(?:When|Date|Dates|Event date|Time|Date and time|Date & time)[ \t]*(?::[ \t]*|\n[ \t]*)"
    r"(?P<value>[^\n]{4,80})$", re.M | re.I
)
_WHERE_LINE = re.compile(r"^[ \t]*(?:Where|Location|Venue|Place|Room)[ \t]*(?::[ \t]*|\n[ \t]*)(?P<value>[^\n]{2,80})$", re.M | re.I)
# a line under an event page's title giving a date and a clock time ("March 3, 2024, 1:00-2:00 p.m. ET"): a
# time slot, which a news page's date of publication does not have
_SLOT_LINE = re.compile(
    r"^[ \t]*(?P<value>[^\n]{0,20}?\d[^\n]{2,60}?\b\d{1,2}(?::\d\d)?[ \t]*(?:[ap]\.?m\.?|[AP]M)\b[^\n]{0,40})$", re.M
)
_CLOCK_RANGE = re.compile(
    r"\d{1,2}(?::\d\d)?[ \t]*(?:[ap]\.?m\.?|[AP]M)?[ \t]*(?:-|–|—|to)[ \t]*\d{1,2}(?::\d\d)?[ \t]*(?:[ap]\.?m\.?|[AP]M)"
)
# a lower-case word other than a small one: the title is a sentence, not a name ("Example Summit of the Americas"
# is a name; "Ministers meet at Example Summit" is not)
_HEADLINE_WORD = re.compile(r"(?<![\w’'-])(?!(?:a|an|and|the|of|in|for|on|to|at|by|with|or|de|des|du|la)\b)[a-z][\w’'-]*")
_HEADER_REACH = 800  # characters under the title where an event page gives its date and place
# an event page without labels speaks of itself as the event in its first lines: "In this webinar, you will
# learn ...", "Register for this event", "Join us on Thursday, March 3 for ..."
_INVITATION = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Aa]t|[Ff]or|[Aa]ttend|[Jj]oin)[ \t]+this[ \t]+(?:(?:free|virtual|online|live|interactive|"
    r"one-hour|hour-long|half-day|full-day)[ \t]+){0,2}(?P<kind>webinar|event|session|workshop|talk|training|meetup|"
    r"discussion|panel|hackathon|conference|summit|briefing|roundtable|course|class|town[ \t]hall)\b"
    r"|\b[Jj]oin[ \t]+us[ \t]+(?:on|this|next|online|virtually|live)\b[^\n]{0,90}?\bfor[ \t]+(?:an?|the|our)\b"
)
_INVITATION_REACH = 400
_INVITED_KINDS = {"webinar": EventType.SESSION, "session": EventType.SESSION, "workshop": EventType.SESSION,
                  "talk": EventType.SESSION, "training": EventType.SESSION, "panel": EventType.SESSION,
                  "course": EventType.SESSION, "class": EventType.SESSION, "hackathon": EventType.CONFERENCE,
                  "conference": EventType.CONFERENCE, "summit": EventType.CONFERENCE}


def header_event(title: str, text: str, year: int | None) -> EventMention | None:
    """An event page: a "When:"/"Where:"/"Venue:" line under the title (or a "Date:" line under a title with an
    event head word) makes the title an event with that start and place."""
    head = text[: min(len(text), len(title) + _HEADER_REACH)]
    when = _WHEN_LINE.search(head, len(title))
    where = _WHERE_LINE.search(head, len(title))
    dated_label = when is not None and not when.group(0).strip().lower().startswith("date")
    name = " ".join(title.split())
    kind = _event_type(name) or next(
        (lexicon.EVENT_HEADS[w] for w in reversed(name.split()) if w in lexicon.EVENT_HEADS), None
    )
    slot_day = None  # the date a time slot under the title opens with
    if when is None:
        slot = _SLOT_LINE.search(head, len(title), min(len(head), len(title) + 200))
        # a slot with an end ("1:00-2:00 p.m.") is an event's; a single clock time under a title that names
        # no event is a news page's publication time ("March 3, 2024, 1:05 p.m. ET")
        if slot and (kind or _CLOCK_RANGE.search(slot.group("value"))):
            slot_day = _DATE_NEAR.match(slot.group("value").strip())
        when, dated_label = (slot, True) if slot_day else (None, False)
    if kind and _HEADLINE_WORD.search(name):
        # a headline ("Agencies meet at Example Week") is not the event's name: the event is the name in it
        named = [s.text for s in name_spans(name) if _event_type(s.text) is not None and len(s.text.split()) >= 2]
        if not named or not (where or dated_label):  # its "Date:" line is the headline's publication date
            return None
        name = named[-1]
    invited = None
    if not (where or dated_label or (when and kind)) and not _HEADLINE_WORD.search(name):
        # no labels, but the page speaks of itself as the event ("In this webinar, ...", "Join us on May 3 for")
        invited = _INVITATION.search(head, len(title), min(len(head), len(title) + _INVITATION_REACH))
        if invited:
            kind = kind or _INVITED_KINDS.get(invited.group("kind") or "", EventType.MEETING)
    if not name or not (where or dated_label or (when and kind) or invited):
        return None
    date = date_after(head, len(title), min(len(head), len(title) + _INVITATION_REACH), year) if invited else None
    if when:
        value = slot_day.group("date") if slot_day else when.group("value")  # a time slot's clock time is no date
        start = parse_date(_RANGE_END.sub("", value, count=1), default_year=year) if _DATE_NEAR.search(value) else None
        start = start or parse_date(value)
        date = start.isoformat() if start else None
    location = where.group("value").strip(" .") if where else None
    return EventMention(name, kind or EventType.MEETING, 0, len(title), "event.header", date, location)


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
            if after and after.group("head") in _NAMED_BY_LOWER_HEAD:
                head = after.group("head")
                if head == "side event":
                    kind = EventType.SIDE_EVENT
                else:
                    name = f"{name} {head.title()}"
                    kind = lexicon.EVENT_HEADS[head.title()]
                stop = after.end()
        if kind is None and (_named_with_year(text, name, span.start) or _ANNUAL.search(text, max(0, span.start - 40), span.start)):
            kind = EventType.CONFERENCE
        if kind is None or (len(name.split()) < 2 and kind is not EventType.SIDE_EVENT):
            continue
        broken = text.find("\n", begin, stop)
        if broken >= 0 and broken - text.rfind("\n", 0, broken) < 50:
            continue  # "Speaker 1: Jane Roe, Example Trust\nSession description": a short line ends, no wrap
        if _not_an_event(text, name, stop) or _AGENT_OF.search(text, max(0, begin - 40), begin):
            continue
        if _TITLED_BEFORE.search(text, max(0, begin - 24), begin) and not _SERIAL.search(name):
            continue  # "keeper Chris Day", "actress Jane Day": a person named after their occupation
        if _WORK_AFTER.match(text, stop):
            continue  # "the Example Day show", "an Example Festival reporter": a broadcast, a publication's staff
        if name.split()[0].lower() in STOPWORDS or _ORDINAL_SLOT.fullmatch(name) or _KIND_ONLY.fullmatch(name):
            continue
        part = _PART_OF_NAME.match(name)
        if part:  # "Program Keynote of Example Open Conference": the conference is the event named
            name, begin = part.group("event"), begin + part.start("event")
            kind = _event_type(name) or kind
        topic = _ON_TOPIC.match(text, stop) if stop == span.end and text.startswith(" on ", stop) else None
        if topic and topic.group("topic").split()[0].lower() not in _NOT_PLACES:
            # "the World Summit on the Information Society", "a Roundtable on Public Code": the topic is named
            name, stop = f"{name} on {topic.group('the') or ''}{topic.group('topic')}", topic.end()
        qualifier = _QUALIFIER.match(name)
        if qualifier and len(name.split()) - len(qualifier.group(0).split()) >= 2:
            name, begin = name[qualifier.end() :], begin + qualifier.end()
        sentence_end = text.find(".", stop, stop + 120)
        window_end = min(end, stop + 120 if sentence_end < 0 else sentence_end)
        # "at X in Brussels, and at Y in London on 6 May": the date after "and at" is Y's
        clause = _NEXT_CLAUSE.search(text, stop, window_end)
        window_end = clause.start() if clause else window_end
        date = date_in_sentence(text, _sentence_start(text, begin, start), window_end, begin, stop, year)
        location = place_after(text, stop, window_end)
        out.append(EventMention(name, kind, begin, stop, "event.cue", date, location))
    for m in _COINED_CON.finditer(text, start, end):
        mention = EventMention(m.group("name"), EventType.CONFERENCE, m.start("name"), m.end("name"), "event.coined")
        out.append(_dated(text, mention, start, end, year))
    out += edition_events(text, start, end)
    out += owned_events(text, start, end, year=year)
    out += listed_sessions(text, start, end)
    out += agenda_sessions(text, start, end, year=year)
    out += listed_talks(text, start, end)
    for m in _SIDE.finditer(text, start, end):
        name = _trim_title(m.group("title"))
        if name and name.split()[0].lower() not in STOPWORDS:
            out.append(EventMention(name, EventType.SIDE_EVENT, m.start("title"), m.end(), "event.side"))
    out += described_events(text, start, end, year=year)
    for m in _CALLED.finditer(text, start, end):
        name = _trim_title(m.group("title"))
        if len(name.split()) >= 2:
            kind = EventType.SIDE_EVENT if m.group("kind") == "side event" else EventType.SESSION
            out.append(EventMention(name, kind, m.start("title"), m.start("title") + len(name), "event.called"))
    return out


_YEAR_NAME = re.compile(r"[A-Z][A-Za-z.&-]*[ \t](?:(?:(?:of|for|and|on|the|de)[ \t])?[A-Z][A-Za-z.&-]*[ \t]){0,4}(?:19|20)\d\d")
# "attended Example Camp 2024", "at the Example Data Fest 2023", "during ExampleCon 2025": what one goes to
_GOES_TO = re.compile(r"\b(?:at|during|attend\w*|held|hosted|joined|ahead[ \t]+of|sidelines[ \t]+of)[ \t]+(?:the[ \t]+)?$")


# "the 12th annual Example Awards", "the third annual Example Jam": a numbered yearly occasion is an event
_ANNUAL = re.compile(
    r"\b[Tt]he[ \t]+(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"[a-z]+(?:teenth|tieth|th))[ \t]+annual[ \t]+$"
)


# "at ExampleCon 2025", "attended DataFest": a coined conference name, one word ending in a capitalised
# Con/Conf/Fest/Camp, where someone goes
_COINED_CON = re.compile(
    r"\b(?:at|during|attend(?:s|ed|ing)?|joined|hosted|held)[ \t]+(?:the[ \t]+)?"
    r"(?P<name>[A-Z][A-Za-z]+(?:Con|CON|Conf|Fest|Camp)(?:[ \t]+(?:19|20)\d\d)?)\b(?![ \t]+[A-Z])"
)
# "Fourth Session", "Second Day": a slot of a programme counted, not named
_ORDINAL_SLOT = re.compile(
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Final|Last|Next|\d{1,2}(?:st|nd|rd|th))"
    r"[ \t]+(?:Session|Day|Panel|Workshop|Talk|Keynote|Breakout|Track|Plenary)"
)
# "Poster Session", "Panel Discussion", "Closing Plenary": the kind of a slot, not its name
_SLOT_KIND = (
    r"(?:Poster|Session|Sessions|Lightning|Talk|Talks|Panel|Discussion|Keynote|Plenary|Breakout|Opening|Closing|"
    r"Main|General|Parallel|Program|Programme|Morning|Afternoon|Evening|Q&A)"
)
_KIND_ONLY = re.compile(rf"{_SLOT_KIND}(?:[ \t]+{_SLOT_KIND})+")
_PART_OF_NAME = re.compile(rf"(?:{_SLOT_KIND}[ \t]+)+(?:of|at)[ \t]+(?:the[ \t]+)?(?P<event>[A-Z].+)")
_NEXT_CLAUSE = re.compile(r";|,?[ \t\n]+(?:and|or|but|while|whereas)[ \t\n]+(?:at|in|during|to)[ \t\n]")
# "organised by Example Forum Europe": the agent of an event is no event
_AGENT_OF = re.compile(
    r"\b(?:organi[sz]ed|hosted|run|led|funded|sponsored|convened|supported|founded|backed)[ \t\n]+by[ \t\n]+(?:the[ \t\n]+)?$"
)
_ON_TOPIC = re.compile(
    r" on[ \t]+(?P<the>the[ \t]+)?(?P<topic>[A-Z][\w’'-]*(?:[ \t]+(?:(?:of|and|for|the|in|on)[ \t]+)?[A-Z][\w’'-]*){0,6})"
)


def _named_with_year(text: str, name: str, start: int) -> bool:
    """A name and a year that the text goes to or holds is an event ("at Example Camp 2024"), unless the name
    is a time ("at Christmas 2024", "during March 2023")."""
    if not _YEAR_NAME.fullmatch(name) or not _GOES_TO.search(text, max(0, start - 24), start):
        return False
    words = name.split()
    first = words[0].lower()
    if any(w.rstrip(".,") in lexicon.ORGANIZATION_CUES or w in lexicon.GOVERNMENT_CUES for w in words[:-1]):
        return False  # "at Example Corp 2024" is a firm's year
    return first not in _NOT_PLACES and first not in _HOLIDAYS and first not in STOPWORDS


def _coined(token: str) -> bool:
    """A made-up name rather than a word: a digit, or a capital letter after the first character."""
    return any(c.isdigit() for c in token) or any(c.isupper() for c in token[1:])


def described_events(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> list[EventMention]:
    """Events the text names by a coined word ("examplehack, a data hackathon", "the inaugural exampleJam(1);
    event"), calls by name ("a hackathon called Example Jam") or describes ("a discussion on open data", only in
    a sentence that says someone held, joined or went to it)."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    for head in _APPOSED_HEAD.finditer(text, start, end):
        comma = text.rfind(",", max(start, head.start() - 80), head.start())
        gap = _APPOSED_GAP.match(text, comma, head.start()) if comma > start else None
        if gap is None or gap.end() != head.start() or _GAP_RELATIONS & set(gap.group(0).lower().split()):
            continue
        token_start = comma  # the name is the run of up to 40 characters before the comma, no space or comma in it
        while token_start > max(start, comma - 40) and not text[token_start - 1].isspace() and text[token_start - 1] != ",":
            token_start -= 1
        token = text[token_start:comma]
        if len(token) < 3:
            continue
        name, begin = token.strip("[]()*_\"“”'’").lstrip("#"), token_start
        span = [s for s in name_spans(text, max(start, begin - 100), comma) if s.end == comma]
        if span and len(span[-1].text.split()) >= 2:  # "Open Maps Night, a meetup": the whole capitalised name
            name, begin = span[-1].text, span[-1].start
        elif not _coined(name):
            continue
        if len(name) >= 3 and name.split()[0].lower() not in STOPWORDS:
            kind = lexicon.EVENT_HEADS.get(head.group(0).title(), EventType.MEETING)
            out.append(_dated(text, EventMention(name, kind, begin, comma, "event.apposed"), start, end, year))
    for m in _COINED_BEFORE.finditer(text, start, end):
        name = m.group("name").strip("[]*_\"“”'’").lstrip("#")
        if len(name) >= 3 and _coined(name) and not name.isupper():
            kind = lexicon.EVENT_HEADS.get(m.group("head").title(), EventType.MEETING)
            out.append(_dated(text, EventMention(name, kind, m.start("name"), m.end("name"), "event.coined"), start, end, year))
    for m in _KIND_CALLED.finditer(text, start, end):
        group = "quoted" if m.group("quoted") else "title"
        name = m.group("quoted").strip(" ,.") if group == "quoted" else _trim_title(m.group("title"))
        if len(name.split()) >= 2:
            kind = lexicon.EVENT_HEADS.get(m.group("kind").title(), EventType.MEETING)
            out.append(_dated(text, EventMention(name, kind, m.start(group), m.start(group) + len(name), "event.called"),
                              start, end, year))
    for m in _KIND_APPOSED.finditer(text, start, end):
        title = m.group("title").strip()
        words = title.split()
        # a title of a few capitalised words with a small word or three words or more ("Open Source in
        # Procurement"); "our panel, Jane Roe, ..." sets a person beside it, whose name has neither
        if _trim_title(title) != title or not (len(words) >= 3 or _SMALL & {w.lower() for w in words[1:-1]}):
            continue
        if words[0].lower() in lexicon.ROLE_WORDS or len(words) > 12:
            continue
        kind = lexicon.EVENT_HEADS.get(m.group("kind").title()) or EventType.SESSION
        mention = EventMention(title, kind, m.start("title"), m.start("title") + len(title), "event.called")
        out.append(_dated(text, mention, start, end, year))
    for m in _DESCRIBED.finditer(text, start, end):
        sentence_start = _sentence_start(text, m.start(), start)
        if not _EVENT_VERBS.search(text, sentence_start, m.start("name")):
            continue
        name = " ".join(m.group("name").split()).rstrip(" ,")
        if _when_complement(name):
            continue  # "a conference on Friday": the day it is held, not what it is about
        if 3 <= len(name.split()) <= 16:
            # a meeting, even "a workshop on X": the text does not say which event it belongs to
            mention = EventMention(name, EventType.MEETING, m.start("name"), m.end("name"), "event.described")
            out.append(_dated(text, mention, start, end, year))
    for m in _GATHERING_IN.finditer(text, start, end):
        determiner = _GATHERING_DETERMINER.search(text, max(start, m.start() - 40), m.start())
        if determiner is None:
            continue
        sentence_start = _sentence_start(text, m.start(), start)
        place = m.group("place")
        sentence_end = text.find(". ", m.end(), min(end, m.end() + 200))
        sentence_end = min(end, m.end() + 200) if sentence_end < 0 else sentence_end
        goes = _GOES_TO_GATHERING.search(text, max(start, determiner.start() - 12), determiner.start())
        if place.split()[0].lower() in _NOT_PLACES or not (goes or _EVENT_VERBS.search(text, sentence_start, sentence_end)):
            continue
        name = " ".join(m.group("name").split())
        kind = EventType.MEETING if "meeting" in name else EventType.CONFERENCE
        mention = EventMention(name, kind, m.start("name"), m.end("name"), "event.described", location=place)
        out.append(_dated(text, mention, start, end, year))
    out += visits(text, start, end, year=year)
    return out


_GOES_TO_GATHERING = re.compile(r"\b(?:at|during|for|to|attend(?:ed|s)?)[ \t]+$")
# "leaders meet at a summit in Brussels on Thursday": a gathering identified by its place (and its day), in a
# sentence that says someone holds or goes to it
_GATHERING_IN = re.compile(
    r"\b(?P<name>(?:summit|conference|congress|ministerial[ \t]meeting)[ \t]+in[ \t]+"
    r"(?P<place>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?))\b"
)
# its determiner, read back from the kind word (a scan from every article cost a quarter of the event rules)
_GATHERING_DETERMINER = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Nn]ext|[Ll]ast)[ \t]+(?:(?:two-day|three-day|one-day|special|emergency|annual|"
    r"extraordinary|international|regional|ministerial)[ \t]+){0,2}$"
)


def _when_complement(name: str) -> bool:
    """A described event's complement that is a time ("meeting on Friday", "conference on 3 May")."""
    match = re.search(r"\b(?:with|on|about|of|for|before)[ \t]+(?P<first>\w+)", name)
    return match is not None and (match.group("first").lower() in _NOT_PLACES or match.group("first").isdigit())


_CAPS = r"[A-Z][\w.’'-]*(?:[ \t\n]+(?:(?:of|the|de)[ \t\n]+)?[A-Z][\w.’'-]*){0,4}"
# "a week-long tour", "a three-day state visit to Example Land": a visit the text gives a length is an event
_VISIT = re.compile(
    r"\b(?:a|an|the|his|her|their|our|its|[Tt]his)[ \t\n]+(?P<name>(?:(?:week|day|month|fortnight)-long|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})-(?:day|week|month))[ \t\n]+"
    r"(?:(?:state|official|study|working|fact-finding|trade)[ \t\n]+)?(?:tour|visit|trip|mission)"
    rf"(?:[ \t\n]+(?:to|of)[ \t\n]+(?:the[ \t\n]+)?(?P<place>{_CAPS}))?)\b"
)
# "the experience of meeting with Example Person in the Example Room": a meeting with a named party at a named
# place; "after meeting with officials" names neither and stays out
_MEETING_AT = re.compile(
    r"\b(?:of|after|before|while|when|since|for)[ \t\n]+(?P<name>meeting[ \t\n]+with[ \t\n]+"
    rf"(?P<party>{_CAPS})[ \t\n]+(?:in|at)[ \t\n]+(?P<place>(?:the[ \t\n]+)?{_CAPS}))"
)


def visits(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> list[EventMention]:
    """Visits and meetings the text describes without a name: "a week-long tour", "a three-day visit to X",
    "meeting with Example Person in the Example Room"; dated by their sentence, else by an earlier sentence of
    their paragraph ("Tuesday, February 3 was a big day. In the morning, I had ...")."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    for pattern in (_VISIT, _MEETING_AT):
        for m in pattern.finditer(text, start, end):
            name = " ".join(m.group("name").split()).rstrip(" .,")
            place = m.group("place")
            stop = re.search(r"\.[ \t\n]", name)  # "a visit to Africa. Mr Roe's ..." ends with its sentence
            if stop:
                name = name[: stop.start()]
                place = re.split(r"\.[ \t\n]", place)[0] if place else None
            place = re.sub(r"^the[ \t\n]+", "", " ".join(place.split())).rstrip(" .,") if place else None
            mention = EventMention(name, EventType.MEETING, m.start("name"), m.start("name") + len(name), "event.visit",
                                   location=place)
            mention = _dated(text, mention, start, end, year)
            if mention.date is None:
                blank = text.rfind("\n\n", start, m.start())
                earlier = list(_DATE_NEAR.finditer(text, start if blank < 0 else blank + 2, m.start()))
                day = parse_date(_RANGE_END.sub("", earlier[-1].group("date"), count=1), default_year=year) if earlier else None
                mention = replace(mention, date=day.isoformat()) if day else mention
            out.append(mention)
    return out


def _dated(text: str, m: EventMention, start: int, end: int, year: int | None) -> EventMention:
    """The mention with the date its sentence gives, if any."""
    sentence_end = text.find(".", m.end, m.end + 120)
    window_end = min(end, m.end + 120 if sentence_end < 0 else sentence_end)
    # a described event's words may hold its date ("a roundtable with X in Berlin on 5 May")
    name_end = m.start if m.rule == "event.described" else m.end
    date = date_in_sentence(text, _sentence_start(text, m.start, start), window_end, m.start, name_end, year)
    return replace(m, date=date) if date else m


_NOT_PLACES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer",
     "autumn", "fall", "winter"}
)


def place_after(text: str, start: int, end: int) -> str | None:
    """The place an event's sentence gives after its name: "in Kyoto", "in Room XX", "at the Palais des
    Nations"; months and weekdays ("in March") are times, not places."""
    for place in _PLACE.finditer(text, start, end):
        if place.group("venue"):
            return re.sub(r"^the[ \t]+", "", place.group("venue"))
        value = place.group("place")
        first = value.split()[0].lower()
        if first not in STOPWORDS and first not in _NOT_PLACES and value.lower() not in {"room", "hall"}:
            return value
    return None


def _sentence_start(text: str, position: int, floor: int = 0) -> int:
    """Where the sentence holding `position` starts (looking back at most 300 characters)."""
    lower = max(floor, position - 300)
    stops = [text.rfind(mark, lower, position) for mark in (". ", "! ", "? ", "\n")]
    return max([s + 1 for s in stops if s >= 0], default=lower)


def edition_events(text: str, start: int = 0, end: int | None = None) -> list[EventMention]:
    """ "the 2025 edition of Example Forum": that year's event, named by the series and the year."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    if "edition" not in text:
        return out
    for m in _EDITION.finditer(text, start, end):
        span = next(name_spans(text, m.end(), min(end, m.end() + 120)), None)
        if span is None or span.start != m.end() or span.text.split()[0].lower() in STOPWORDS:
            continue
        series = re.sub(r"\s+(?:19|20)\d\d$", "", span.text)
        kind = _event_type(series) or EventType.CONFERENCE
        sentence_end = text.find(".", span.end, span.end + 120)
        window_end = min(end, span.end + 120 if sentence_end < 0 else sentence_end)
        edition_year = int(m.group("year"))
        date = date_in_sentence(text, _sentence_start(text, m.start(), start), window_end, m.start(), span.end, edition_year)
        location = place_after(text, span.end, window_end)
        name = f"{series} {m.group('year')}"
        out.append(EventMention(name, kind, m.start(), span.end, "event.edition", date, location))
    return out


_OCCASION = r"(?:annual|yearly|biennial|spring|autumn|fall|summer|winter|party|general|(?:19|20)\d\d)"
_GATHERING = r"(?:conference|congress|convention|summit|assembly|meeting|forum|retreat|general[ \t]+meeting)"
_OWNER_NAME = r"[A-Z][\w&’'-]*(?:[ \t](?:(?:of|for|the|and|on)[ \t]){0,2}[A-Z][\w&’'-]*){0,7}"
# "Labour's spring conference", "the Example Association's annual meeting": a body's recurring gathering;
# "the annual meeting of the Example Society": the same, with the body after it; "the G7 meeting", "the
# OECD summit": a group named by its initials, and its meeting. Each is found from its kind words (rare) and
# its owner read around them: a scan for an owner's name at every capital letter cost as much as all the
# other event rules
_OCCASION_KIND = re.compile(rf"\b(?P<kind>(?:{_OCCASION}[ \t]+){{1,2}}{_GATHERING})\b")
_OWNER_POSSESSIVE = re.compile(rf"(?<![\w’'-])(?P<owner>{_OWNER_NAME})['’]s[ \t]+$")
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
_OF_OWNER = re.compile(rf"[ \t]+of[ \t]+(?P<the>the[ \t]+)?(?P<owner>{_OWNER_NAME})")
_GROUP_MEETING = re.compile(r"(?<=[Tt]he[ \t])(?P<group>[A-Z]{1,6}\d{0,2}|G\d{1,2})[ \t]+(?P<kind>meeting|summit|talks|ministerial)\b")


# initials of a firm's functions or of a kind of meeting, not of a group that meets ("the IT meeting")
_UNIT_ACRONYMS = frozenset({"IT", "HR", "PR", "QA", "UX", "AGM", "EGM", "AOB", "TV", "BBC", "CEO", "VIP", "UK", "US"})


def owned_events(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> list[EventMention]:
    """A body's recurring gathering, named by whose it is and when it comes ("Example Party's spring
    conference", "the annual meeting of the Example Society"), and a group's meeting named by its initials
    ("the G7 meeting"): each an identified occurrence, where a bare "a meeting" is not."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    found: list[tuple[str, str, int, int]] = []  # name, kind words, start, end
    for m in _GROUP_MEETING.finditer(text, start, end):
        group = m.group("group")
        if len(group) >= 2 and group not in lexicon.THING_ACRONYMS and group not in _UNIT_ACRONYMS:
            found.append((f"{group} {m.group('kind')}", m.group("kind"), m.start(), m.end()))
    for m in _OCCASION_KIND.finditer(text, start, end):
        kind = " ".join(m.group("kind").split())
        owned = _OWNER_POSSESSIVE.search(text, max(start, m.start() - 100), m.start())
        if owned:
            words = owned.group("owner").split()
            while words and words[0].lower() in STOPWORDS:  # "The Example Party's": the article is no name's
                words = words[1:]
            if words:
                owner = " ".join(words)
                found.append((f"{owner}’s {kind}", kind, owned.end("owner") - len(owner), m.end()))
            continue
        after = _OF_OWNER.match(text, m.end(), end) if _THE_BEFORE.search(text, max(start, m.start() - 5), m.start()) else None
        if after and after.group("owner").split()[0].lower() not in STOPWORDS | _NOT_PLACES:
            found.append((f"{kind} of {after.group('the') or ''}{after.group('owner')}", kind, m.start(), after.end()))
    for name, kind, begin, stop in found:
        head = kind.split()[-1].lower()
        kind_type = EventType.MEETING if head in {"meeting", "talks", "retreat", "ministerial", "assembly"} else (
            EventType.CONFERENCE
        )
        sentence_end = text.find(".", stop, stop + 120)
        window_end = min(end, stop + 120 if sentence_end < 0 else sentence_end)
        clause = _NEXT_CLAUSE.search(text, stop, window_end)
        window_end = clause.start() if clause else window_end
        date = date_in_sentence(text, _sentence_start(text, begin, start), window_end, begin, stop, year)
        out.append(EventMention(name, kind_type, begin, stop, "event.owned", date, place_after(text, stop, window_end)))
    return out


def listed_sessions(text: str, start: int = 0, end: int | None = None) -> list[EventMention]:
    """ "The summit featured five sessions covering:" and a list: each item names a session."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    for intro in _LINE_END_COLON.finditer(text, start, end):
        if not _SESSION_WORDS.search(text, max(start, intro.start() - 120), intro.start()):
            continue
        position = intro.end()
        for _ in range(20):  # a list longer than this is not a programme of sessions
            item = _LIST_ITEM.match(text, position, end)
            if item is None:
                break
            position = item.end()
            name = item.group("item").strip().rstrip(".;,:")
            name = re.sub(r"^\*\*(.+?)\*\*", r"\1", name).strip()
            if 2 <= len(name.split()) <= 14 and name[:1].isupper():
                out.append(EventMention(name, EventType.SESSION, item.start("item"), item.end("item"), "event.session_list"))
    return out


def edition_of_known(text: str, names: dict[str, str]) -> list[tuple[str, EventMention]]:
    """ "the 2015 NAD talks in Mexico City on January 29-30": a year before a known event's name or acronym
    (`names`: surface form -> event name) is that year's edition, part of the series."""
    if not names:
        return []
    pattern = re.compile(
        r"\b(?P<year>(?:19|20)\d\d)\s+(?P<form>" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b"
    )
    out = []
    for m in pattern.finditer(text):
        series = names[m.group("form")]
        if series.endswith(m.group("year")) or _SERIAL.fullmatch(series.split()[-1]):
            continue  # "Open Forum #57" is one slot, not a series with editions
        before = re.search(r"([A-Z][\w-]*)[ \t]$", text[max(0, m.start() - 16) : m.start()])
        if before and before.group(1).lower() not in STOPWORDS:
            continue  # "IGF 2023 Open Forum #57": the year belongs to the name before it
        sentence_end = text.find(".", m.end(), m.end() + 160)
        window_end = m.end() + 160 if sentence_end < 0 else sentence_end
        edition_year = int(m.group("year"))
        date = date_in_sentence(text, _sentence_start(text, m.start()), window_end, m.start(), m.end(), edition_year)
        location = place_after(text, m.end(), window_end)
        mention = EventMention(f"{series} {m.group('year')}", _event_type(series) or EventType.CONFERENCE,
                               m.start(), m.end(), "event.edition", date, location, series)
        out.append((series, mention))
    return out


def coreferent_date(text: str, head: str, year: int | None) -> tuple[str, int, int] | None:
    """The first date in a sentence that speaks of "the summit" / "our conference" (`head`, lower case), with
    where it was read: the date of the document's one event with that head."""
    pattern = re.compile(rf"\b(?:[Tt]he|[Oo]ur|[Tt]his|[Ii]ts|[’']s)\s+(?:[\w.-]+\s+){{0,3}}?{re.escape(head)}\b")
    for m in pattern.finditer(text):
        start = _sentence_start(text, m.start())
        stop = text.find(". ", m.end(), m.end() + 200)
        stop = min(len(text), m.end() + 200) if stop < 0 else stop
        date = date_after(text, start, stop, year)
        if date:
            return date, start, stop
    return None



# an occupation written before a name, with no article: the name is a person's ("keeper Chris Day",
# "actress Doris Day"); events follow an article, a preposition or a verb ("to mark Example Day")
_TITLED_BEFORE = re.compile(
    r"(?<![\w’'-])(?!(?:after|under|over|other|either|neither|whether|never|ever|per|for|or|nor|former|latter|"
    r"together|rather|later|sooner|earlier|ether|their|her|consider|enter|register|gather|deliver|cover|offer|"
    r"answer|remember|differ|prefer|refer|transfer|suffer|order|alter|counter|border|major|minor|sponsor|"
    r"present|current|recent|different|frequent|excellent|important|relevant|prominent|pressing|"
    r"vacant|brilliant|significant|constant|instant|distant|pleasant|giant|elegant|urgent|silent|"
    r"international|european|american|asian|african|indian|christian|egyptian|brazilian|canadian|australian|"
    r"italian|russian|mian|guardian|median)\b)[a-z]{3,}(?:er|or|ist|ess|ian|ant|ent)[ \t]+$"
)
# a word after a name that makes it a broadcast, a work or a publication ("Thought for the Day slot")
_WORK_AFTER = re.compile(
    r"[ \t]+(?:show|slot|programme|series|film|album|single|song|column|reporter|journalist|correspondent|"
    r"editor|columnist|presenter|host|magazine|newspaper)s?\b"
)
# "Assembly" and "Congress" name a meeting only with a marker of one ("World Health Assembly", "General
# Assembly", "Example Congress 2024"); "London Assembly", "Trades Union Congress" are the bodies that sit
_SITTING_MARKERS = frozenset({"General", "World", "Annual", "Plenary", "Health", "Global"})
# a treaty's name opens with whose law it is ("European Patent Convention"): a convention by jurisdiction
_TREATY_OPENERS = frozenset({"European", "International", "UN", "United", "Inter-American", "African"})


def _not_an_event(text: str, name: str, stop: int) -> bool:
    """Holidays ("Boxing Day"), treaties ("the European Convention on Human Rights"), bodies that sit
    ("Welsh Assembly", "Trades Union Congress"), titles of works ("Gone Are the Days") and lists that end
    in an event-like name ("Nelly and Green Day") are not events."""
    words = name.split()
    if words[-1] == "Day" and words[-2].lower() in _HOLIDAYS:
        return True
    if words[-1] == "Convention" and re.match(r"\s+(?:on|of|for)\s", text[stop : stop + 6]):
        return True
    bare = [w for w in words if not _SERIAL.fullmatch(w)]
    dated = len(bare) < len(words)
    if bare[-1] == "Convention" and bare[0] in _TREATY_OPENERS | set(lexicon.demonyms()):
        return True
    if bare[-1] in {"Assembly", "Congress"} and not dated and not _SITTING_MARKERS & set(bare):
        return True
    if bare[-1] in {"Assembly", "Congress"} and any(w in lexicon.ORGANIZATION_CUES for w in bare[:-1]):
        return True
    if any(w in {"Are", "Is", "Was", "Were"} for w in words[1:]):
        return True  # a verb inside a title-case name: the title of a work ("Gone Are the Days")
    return "and" in words[:-2] and len(words[: words.index("and")]) == 1


# between an event and the event it belongs to: "Open Forum #57 took place at the X", "Y, a side event of the X",
# "held as part of the X", "during the 2025 edition of X"
_PART_OF_CUE = re.compile(
    r"\b(?:at|during|as[ \t]+part[ \t]+of|part[ \t]+of|(?:side|satellite|pre)[- ]event[ \t]+(?:of|at|to)|"
    r"on[ \t]+the[ \t]+(?:sidelines|margins|fringes?)[ \t]+of|within|in[ \t]+the[ \t]+framework[ \t]+of)[ \t\n]+"
    r"(?:the[ \t\n]+)?(?:(?:19|20)\d\d[ \t]+edition[ \t]+of[ \t]+(?:the[ \t]+)?)?$"
)
# before the events it holds: "The X Week includes the Y Day, a hackathon and the Z Roundtable"
_HOLDS_CUE = re.compile(
    r"\b(?:includes?|included|including|featured?|features|featuring|hosts?|hosted|opened[ \t]+with|closed[ \t]+with)\b"
    r"(?![ \t]+by\b)"  # "the X Summit, hosted by Y, follows the Z Day" says nothing of the day
)
_COORDINATED = re.compile(r"\b(?:and|or|but|then|while|whereas)\b")  # "X in Brussels, and at Y": two events
_SELF = re.compile(r"\b(?:[Tt]he|[Tt]his|[Oo]ur)[ \t]+(?:session|workshop|panel|forum|event|roundtable|webinar)\b")


def stated_parents(text: str, forms: dict[str, str], own: str | None = None) -> list[tuple[str, str]]:
    """(child, parent) pairs of events the text relates in one sentence: "X took place at Y", "X, a side event
    of Y", "Y includes X". `forms` maps every surface form of the document's events to its event; `own` is the
    event a session page is about, which "the session" / "this workshop" refers to."""
    if not forms:
        return []
    pattern = re.compile(r"(?<![\w#])(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?![\w#])")
    found = [(m.start(), m.end(), forms[m.group(0)]) for m in pattern.finditer(text)]
    if own:
        found += [(m.start(), m.end(), own) for m in _SELF.finditer(text)]
        found.sort()
    out: list[tuple[str, str]] = []
    holder: str | None = None  # an event that "includes" the ones after it in its sentence
    for (_, end, event), (next_start, _, next_event) in pairwise(found):
        gap = text[end:next_start]
        if any(stop in gap for stop in (". ", "\n", "; ", "? ", "! ")):
            holder = None
            continue
        if _HOLDS_CUE.search(gap) and len(gap) <= 60:
            holder = event
        if holder and holder != next_event:
            out.append((next_event, holder))
            continue
        if len(gap) <= 100 and _PART_OF_CUE.search(gap) and event != next_event and not _COORDINATED.search(gap):
            out.append((event, next_event))
    return out


def head_word(name: str) -> str:
    """The word that says what kind of event a name is: "Camp" of "Example Camp 2024", "Forum" of "Open Forum #5"."""
    words = [w for w in name.split() if not _SERIAL.fullmatch(w)]
    return words[-1] if words else ""


# a recap's section that speaks of itself as a session: "## Crafting content" then "In the third session, ..."
_SECTION_SESSION = re.compile(
    r"\b(?:[Tt]his|[Tt]he|[Oo]ur|first|second|third|fourth|fifth|sixth|final|last|next|opening|closing)[ \t]+"
    r"(?:session|panel|panel[ \t]discussion|talk|workshop|keynote|presentation|breakout)\b"
    r"|\b(?:[Tt]he|[Oo]ur|[Tt]hese)[ \t]+(?:speakers|panelists|panellists|presenters)\b"
)
# headings that label a part of any page, not a session ("Key takeaways", "Next steps")
_PAGE_HEADINGS = frozenset(
    {"key takeaways", "key takeaway", "next steps", "session report", "policy questions", "policy question(s)",
     "learn more", "what's next", "what’s next", "more information", "related resources", "event details",
     "in summary", "final thoughts", "about the speakers", "about the event", "speakers and moderators",
     "call to action", "expected outcomes", "session summary", "further reading"}
)


def section_sessions(text: str, sections: tuple) -> list[EventMention]:
    """Sessions of an event recap given as its sections: a heading whose section opens by speaking of "the
    session", "the second panel" or "the speakers" names that session."""
    out: list[EventMention] = []
    for section in sections:
        heading = " ".join(section.heading.split())
        words = heading.split()
        if not 2 <= len(words) <= 14 or heading.lower() in _PAGE_HEADINGS or not heading[:1].isupper():
            continue
        if heading.endswith("?") or _event_type(heading) is not None or _DATE_NEAR.match(heading):
            continue  # a question is the writer's; an event-named heading is read by the name rules
        at = text.find(heading, section.start, section.end)
        body_start = text.find("\n", section.start, section.end) + 1
        if at < 0 or body_start <= 0:
            continue
        if _SECTION_SESSION.search(text, body_start, min(section.end, body_start + 400)):
            out.append(EventMention(heading, EventType.SESSION, at, at + len(heading), "event.section"))
    return out


# a press release's dateline: "GENEVA, 14 May 2025 —", "New York, March 3, 2024 -"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.'’ -]{{1,40}}?),[ \t]+(?P<date>{_DAY}[ \t]+{_MONTH},?[ \t]+(?:19|20)\d\d|"
    rf"{_MONTH}[ \t]+{_DAY},?[ \t]+(?:19|20)\d\d)[ \t]*(?:[—–-]|\()",
    re.M,
)
_TODAY_OPENS = re.compile(
    r"\btoday[ \t]+(?:opened|opens|began|begins|kicked[ \t]+off|kicks[ \t]+off|launched|launches|started|starts|"
    r"convened|convenes|hosted|hosts|closed|closes)\b|\b(?:opened|opens|began|begins|kicked[ \t]+off|started|"
    r"starts|convened|convenes|gets[ \t]+under[ \t]?way|got[ \t]+under[ \t]?way)[ \t]+today\b"
)


def dateline(text: str) -> tuple[str, str] | None:
    """The date and place of a press release's dateline in its first lines ("GENEVA, 14 May 2025 —")."""
    match = _DATELINE.search(text, 0, min(len(text), 1500))
    day = parse_date(match.group("date")) if match else None
    if match is None or day is None:
        return None
    return day.isoformat(), match.group("place").strip().title() if match.group("place").isupper() else match.group("place").strip()


def opens_today(text: str, position: int) -> bool:
    """The sentence holding `position` says its event opens or began "today"."""
    start = _sentence_start(text, position)
    stop = text.find(". ", position)
    return _TODAY_OPENS.search(text, start, len(text) if stop < 0 else stop) is not None


# an agenda's time slot: "10:00 am - 10:30 am: Title—Speaker", "9.30–10.15 | Title", "14:00 to 15:00 Title";
# a clock time has minutes or am/pm, so "10 - 12: ..." (a range of numbers) is no slot
_CLOCK = r"\d{1,2}(?:[:.]\d\d)?(?:[ \t]?(?:[ap]\.?m\.?|[AP]M))?"
_AGENDA_SLOT = re.compile(
    rf"^[ \t]*(?:[-*•|][ \t]+)?(?P<time>{_CLOCK}(?P<range>[ \t]*(?:[-–—]|to)[ \t]*{_CLOCK})?)(?:[ \t]*\(?[A-Z]{{2,4}}\)?)?"
    r"[ \t]*(?:[:|–—-][ \t]*|(?P<space>[ \t]))(?P<title>[A-Z][^\n]{2,200})$",
    re.M,
)
# "### Opening the Ledger (10:00 am - 10:45 am)": a heading that names its slot before the time
_TIMED_TITLE = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]+)?(?P<title>[A-Z][^\n()|]{{2,150}}?)[ \t]*(?:\(|,|[ \t][–—-])[ \t]*"
    rf"(?P<time>{_CLOCK}[ \t]*(?:[-–—]|to)[ \t]*{_CLOCK})[^\n]{{0,20}}$",
    re.M,
)
# where a slot's title ends: the speaker after a dash or bar (a table's next cell), a parenthesis, ", with"/", by"
_SLOT_TITLE_END = re.compile(r"[ \t]*(?:—|–|[ \t]-[ \t]|\||\(|,[ \t]+(?:with|by|led[ \t]+by)[ \t])")
# a line that dates the slots below it: a heading or a line that is mostly a date ("### Tuesday, October 27")
_DATE_LINE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?(?P<line>[^\n]{4,60})$", re.M)


_DAY_LABEL = re.compile(r"(?:Day|Part|Track)[ \t]+\w{1,6}[ \t]*[:,.–—-]?[ \t]*")


def _day_lines(text: str, start: int, end: int, year: int | None) -> list[tuple[int, str]]:
    """(position, date) of the lines in text[start:end] that date what follows them."""
    out = []
    for line in _DATE_LINE.finditer(text, start, end):
        value = line.group("line").strip()
        date = _DATE_NEAR.search(value)
        if date is None or value[:1] in "-*•" or len(date.group("date")) * 2 < len(value):
            continue
        if date.start() and not _DAY_LABEL.fullmatch(value[: date.start()]):
            continue  # "Posted on March 3, 2024" dates the post, not the slots below it
        day = parse_date(_RANGE_END.sub("", date.group("date"), count=1), default_year=year)
        if day:
            out.append((line.start(), day.isoformat()))
    return out


def agenda_sessions(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> list[EventMention]:
    """The talks of an agenda, one per time slot ("10:00 am - 10:30 am: Putting X to the Test—Jane Roe"), dated
    by the day heading above them ("### Tuesday, October 27"). A title of fewer than three words is a
    topic or a slot ("Keynote", "Content Strategy"), and breaks are no sessions."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    days: list[tuple[int, str]] | None = None  # read once, at the first slot
    slots = [(m, m.group("title")) for m in _AGENDA_SLOT.finditer(text, start, end) if m.group("range") or not m.group("space")]
    # a title before its time is a heading's or written in title case ("The talks ran late, 10:00 - 11:00" is not)
    slots += [
        (m, m.group("title"))
        for m in _TIMED_TITLE.finditer(text, start, end)
        if m.group(0).lstrip().startswith("#") or not _HEADLINE_WORD.search(m.group("title"))
    ]
    for m, title in sorted(slots, key=lambda pair: pair[0].start()):
        time = m.group("time").lower()
        if ":" not in time and "." not in time and "m" not in time:
            continue
        cut = _SLOT_TITLE_END.search(title)
        title = (title[: cut.start()] if cut else title).strip(" .;:,*_")
        words = title.split()
        if len(words) < 3 or len(words) > 20 or words[0].lower().strip(",:") in lexicon.AGENDA_BREAKS:
            continue
        if _ORDINAL_SLOT.match(title) or _KIND_ONLY.fullmatch(title) or _DATE_NEAR.match(title):
            continue  # "March 3, 2024, 1:00 p.m.": a date before its time is the slot's day, not a title
        if days is None:
            days = _day_lines(text, start, end, year)
        date = next((d for position, d in reversed(days) if position < m.start()), None)
        begin = m.start("title")
        out.append(EventMention(title, EventType.SESSION, begin, begin + len(title), "event.agenda", date))
    return out


_ITEM_LINE = re.compile(r"^(?P<indent>[ \t]*)[-*•][ \t]+(?P<item>[^\n]{3,250})$", re.M)
# "Example Talk @ Example Summit 2024": "@" in a list item says where the talk was given
_AT_SIGN = re.compile(r"[ \t]+@[ \t]+")
# "Example Title - Example Fest 2022", "Example Title, Example Fest 2022 w/Jane Roe": the event after a dash
_EVENT_AFTER = re.compile(r"(?:[ \t]+[-–—][ \t]+|,[ \t]+)(?=[A-Z])")
_WITH_TAIL = re.compile(r"[ \t]+(?:w/|with[ \t]).*$")
# the kind word a list writes after a talk's title ("X talk", "X: Poster Session")
_TALK_KIND = re.compile(
    r"(?:[ \t]*:[ \t]*|[ \t]+)(?:lightning[ \t]+talk|talk|presentation|poster(?:[ \t]+session)?|slides|deck)$", re.I
)
_LISTED_CON = re.compile(rf"[A-Z][A-Za-z]+(?:Con|CON|Conf|Fest|Camp)(?:[ \t]+{_MONTH})?(?:[ \t]+(?:19|20)\d\d)?")
_PAREN_ACRONYM = re.compile(r"[ \t]*\([A-Z][A-Za-z]{1,10}\)")
# "In May 2024", "Since Early 2023": a name with a year cannot open with these ("Every Example Open 2022" can)
_LEADING_TIME = frozenset(
    {"the", "a", "an", "in", "on", "at", "by", "for", "from", "since", "until", "till", "before", "after", "during",
     "of", "to", "early", "late", "mid", "fiscal", "fy", "q1", "q2", "q3", "q4", "class", "spring", "summer", "autumn",
     "fall", "winter"}
)
_YEAR_ONLY = re.compile(rf"^(?:{_MONTH}[ \t]+)?(?:19|20)\d\d$")


def _listed_event_kind(name: str) -> EventType | None:
    """The kind of event a list names by itself: a head word ("Example Summit 2024"), a coined conference
    word ("ExampleCon May 2024"), or a capitalised name with a year ("Example Things Open 2022")."""
    words = name.split()
    if not name[:1].isupper() or len(name) > 90 or _HEADLINE_WORD.search(name):
        return None  # "Join us at the Example Summit" is a sentence about an event, not its name
    if words[-1] == "Day" and len(words) >= 2 and words[-2].lower() in _HOLIDAYS:
        return None
    kind = _event_type(name)
    if kind is not None:
        return kind
    if _LISTED_CON.fullmatch(name):
        return EventType.CONFERENCE
    # two words or more before the year: "Berlin 2024" is a time and a place
    if not _YEAR_NAME.fullmatch(name) or len(words) < 3 or words[0].lower() in _NOT_PLACES | _HOLIDAYS | _LEADING_TIME:
        return None
    if any(w.rstrip(".,") in lexicon.ORGANIZATION_CUES or w in lexicon.GOVERNMENT_CUES for w in words[:-1]):
        return None  # "Example Corp 2024" is a firm's year
    return EventType.CONFERENCE


def _edition(name: str) -> bool:
    """A listed event with its year or number ("Example Forum 2024", "Example Talks #3")."""
    return _listed_event_kind(name) is not None and _SERIAL.search(name) is not None


def _event_tail(value: str) -> str:
    """An event named after a colon, without the kind of material a list links to ("Example Summit Deck")."""
    return _PAREN_ACRONYM.sub("", _TALK_KIND.sub("", value.strip(" .;:,"))).strip(" .;:,")


def _talk_title(title: str) -> str | None:
    """A talk's title without the kind word a list adds ("Repository Baselines talk"), if it still names one."""
    title = _TALK_KIND.sub("", title.strip(" .;:,")).strip(" .;:,")
    words = title.split()
    if len(words) < 2 or len(words) > 24 or not title[:1].isupper() or _listed_event_kind(title):
        return None
    return title


def _under_talk_heading(text: str, position: int) -> bool:
    """The list holding `position` sits under a heading about talks ("External Talks", "Speaking"): list
    items, blank lines and year headings ("### 2024") between them are passed over."""
    lines = text[max(0, position - 6000) : position].split("\n")[:-1]
    for line in reversed(lines[-120:]):
        value = line.strip().lstrip("#").strip()
        if not value or re.match(r"[-*•][ \t]", value) or _YEAR_ONLY.match(value):
            continue
        return any(w in lexicon.TALK_SECTION_WORDS for w in re.findall(r"[a-z]+", value.lower()))
    return False


def listed_talks(text: str, start: int = 0, end: int | None = None) -> list[EventMention]:
    """Events and talks of a list of talks given: "Title @ Example Summit 2024", "Title - Example Fest 2022",
    "Example Summit 2023: Title" (under a heading about talks, where the part before the colon is the event),
    an event alone on its line ("ExampleCon May 2024") and the talks listed under it, one level in."""
    end = len(text) if end is None else end
    out: list[EventMention] = []
    parent: EventMention | None = None  # the event a top-level item names alone
    for m in _ITEM_LINE.finditer(text, start, end):
        item, begin = m.group("item").rstrip(), m.start("item")
        nested = len(m.group("indent").expandtabs(4)) >= 1
        if not nested:
            parent = None
        event_part: tuple[str, int] | None = None
        talk_part: tuple[str, int] | None = None
        at = _AT_SIGN.search(item)
        colon = item.find(": ")
        after = list(_EVENT_AFTER.finditer(item))
        if at:
            event_part, talk_part = (item[at.end() :], begin + at.end()), (item[: at.start()], begin)
        elif colon > 0 and _listed_event_kind(_PAREN_ACRONYM.sub("", item[:colon])) and _under_talk_heading(text, m.start()):
            event_part, talk_part = (item[:colon], begin), (item[colon + 2 :], begin + colon + 2)
        elif colon > 0 and _listed_event_kind(_event_tail(item[colon + 2 :])):
            event_part = (_event_tail(item[colon + 2 :]), begin + colon + 2)  # "Also presented at: Example Summit Deck"
        elif after and _edition(_PAREN_ACRONYM.sub("", _WITH_TAIL.sub("", item[after[-1].end() :]))):
            # only a dated edition: "Jane Roe, Example Forum" is a person and an organisation
            cut = after[-1]
            event_part, talk_part = (_WITH_TAIL.sub("", item[cut.end() :]), begin + cut.end()), (item[: cut.start()], begin)
        elif _listed_event_kind(_PAREN_ACRONYM.sub("", item)):
            event_part = (item, begin)
        elif nested and parent is not None:
            talk_part = (item, begin)
        event = None
        if event_part is not None:
            name = _PAREN_ACRONYM.sub("", event_part[0]).strip(" .;:,")
            kind = _listed_event_kind(name)
            if kind is None:  # "Example Summit 2023 @ Example Hall": the place of an event, not a talk's event
                continue
            event = EventMention(name, kind, event_part[1], event_part[1] + len(event_part[0]), "event.talk_list")
            out.append(event)
            if not nested and talk_part is None and (_SERIAL.search(name) or _under_talk_heading(text, m.start())):
                parent = event  # "- Example Forum" over "  - Jane Roe" is an organisation and its member
        holder = event or parent
        title = _talk_title(talk_part[0]) if talk_part and holder else None
        if title and holder:
            out.append(EventMention(title, EventType.SESSION, talk_part[1], talk_part[1] + len(title), "event.talk_list",
                                    part_of=holder.name))
    return out
