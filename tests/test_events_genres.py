"""Events in the genres sovkg reads (session pages of a forum, a UN-style press release, an event recap, news),
each an invented page run through the whole extraction; with the negatives that keep news precise."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, EventRecord, EventType, RawDocument
from pipelines.extract import events
from pipelines.extract.pipeline import extract
from sources.readers import parse

_SESSION_PAGE = """Example 2019 WS #214 Data Stewardship for Small Island States

Tuesday, 26th November, 2019 (09:00 UTC) - Tuesday, 26th November, 2019 (10:30 UTC)
Room IV

Organizer 1: Mara Quill, Example Civic Lab
Speaker 1: Lena Ostrova, Government, Eastern European Group
Moderator: Mara Quill
Rapporteur: Tomas Breen

Session report

WS #214 was held as part of the Example Governance Forum 2019 in Berlin. It followed Day 0 Event #12 on public data
and preceded Lightning Talk #5 on code registries and Networking Session #3.
"""

_PRESS_RELEASE = """Ministers gather for Digital Commons Week

GENEVA, 14 May 2025 — The Example Office today opened the 2025 edition of Digital Commons Week, held in Geneva.
The Digital Commons Week includes the Open Data Day on 15 May, a hackathon, and the Public Code Roundtable on 16 May.
The Maintainers Summit 2025 takes place on Friday, 16 May 2025 at the Palais des Nations.
The third annual Sovereign Cloud Forum will be held on 17 May in Room XX.
"""

_RECAP = """Recap: what we learned at Civic Example Camp 2024

Last month our team travelled to Lisbon for Civic Example Camp 2024, which ran September 18-20, 2024. The camp was
part of the Example Open Government Week. On the first day we joined a workshop on accessible forms, and later a
panel on open procurement. We also hosted a webinar titled "Open Source in Cities" on October 10, 2024.
"""


def _events(title: str, text: str, kind: DocumentKind = DocumentKind.NEWS_ARTICLE, published: str | None = None
            ) -> dict[str, EventRecord]:
    doc = Document("d", "d.txt", "0", kind, title, text, published=published)
    return {e.name: e for e in extract(doc).events}


def _find(found: dict[str, EventRecord], label: str) -> EventRecord:
    """The event named or also called `label`."""
    return next(e for e in found.values() if label == e.name or label in e.aliases)


def test_session_page_of_a_numbered_workshop() -> None:
    found = _events(_SESSION_PAGE.split("\n", 1)[0], _SESSION_PAGE, DocumentKind.SESSION_REPORT)
    page = found["Example 2019 WS #214 Data Stewardship for Small Island States"]
    assert (page.type, page.start, page.location, page.part_of) == (
        EventType.SESSION, "2019-11-26", "Room IV", "Example 2019")
    # the slot and the title are the session's other names, so "WS #214" in the text is the same session
    assert {"WS #214", "Example 2019 WS #214", "Data Stewardship for Small Island States"} <= set(page.aliases)
    assert "WS #214" not in found
    # "Example 2019" is no acronym of "Example Governance Forum 2019": two events, the forum with its place
    forum = found["Example Governance Forum 2019"]
    assert forum.location == "Berlin"
    for slot in ("Day 0 Event #12", "Lightning Talk #5", "Networking Session #3"):
        assert found[slot].type is EventType.SESSION


def test_the_acronym_of_a_forum_is_the_forum() -> None:
    text = ("EGF 2023 Open Forum #57 Public Code\n\nMonday, 9th October, 2023\nRoom J\n\nOrganizer 1: Ana Pires, Example"
            " Ministry\nSpeaker 1: Kofi Mensah, Technical Community\n\nSession report\n\nOpen Forum #57 took place at the"
            " Example Governance Forum 2023 in Kyoto.\n")
    found = _events(text.split("\n", 1)[0], text, DocumentKind.SESSION_REPORT)
    assert set(found) == {"EGF 2023", "EGF 2023 Open Forum #57 Public Code"}
    forum = found["EGF 2023"]
    assert "Example Governance Forum 2023" in forum.aliases and forum.location == "Kyoto"
    # no "2023 Open Forum #57" edition: the year is the series' ("EGF 2023"), and a numbered slot has no editions
    assert not any(name.startswith("Open Forum") for name in found)


def test_press_release_week_and_its_parts() -> None:
    found = _events(_PRESS_RELEASE.split("\n", 1)[0], _PRESS_RELEASE)
    assert found["Open Data Day"].start == "2025-05-15"
    assert found["Open Data Day"].part_of == found["Public Code Roundtable"].part_of == "Digital Commons Week"
    assert found["Maintainers Summit 2025"].start == "2025-05-16"
    assert found["Maintainers Summit 2025"].location == "Palais des Nations"
    assert (found["Sovereign Cloud Forum"].start, found["Sovereign Cloud Forum"].location) == ("2025-05-17", "Room XX")
    # the headline names the week but is no event's name
    assert "Ministers gather for Digital Commons Week" not in found


def test_recap_post() -> None:
    found = _events(_RECAP.split("\n", 1)[0], _RECAP, DocumentKind.BLOG_POSTING, "2024-10-02")
    camp = found["Civic Example Camp 2024"]
    assert (camp.start, camp.part_of) == ("2024-09-18", "Example Open Government Week")
    assert found["Open Source in Cities"].start == "2024-10-10"
    assert found["workshop on accessible forms"].type is EventType.MEETING
    assert "panel on open procurement" in found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Profits fell at Example Corp 2024 and at Summit Bank.", id="firm-year"),
        pytest.param("Shops were busy at Christmas 2024 and during March 2025.", id="times"),
        pytest.param("Sales of Example Phone 2024 rose.", id="product-year"),
        pytest.param("The board held a meeting. Summit Bank and Forum Energy gained.", id="firm-heads"),
    ],
)
def test_news_names_that_are_not_events(text: str) -> None:
    assert _events("Markets", text) == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("She spoke at Civic Example Camp 2024 on Monday.", "Civic Example Camp 2024", id="camp-year"),
        pytest.param("Delegates met during the Example Data Fest 2023.", "Example Data Fest 2023", id="fest-year"),
        pytest.param("Thousands attended ExampleCon Europe 2025 this week.", "ExampleCon Europe 2025", id="con-year"),
    ],
)
def test_names_with_a_year_that_one_goes_to(text: str, name: str) -> None:
    assert name in _events("Notes", text)


def test_stated_parent_beats_the_main_event() -> None:
    text = ("The Example Data Week opened on Monday. The Open Maps Summit was held on 3 May. The Civic Example Day took"
            " place at the Open Maps Summit.")
    found = _events("Notes", text, published="2024-05-10")
    assert found["Civic Example Day"].part_of == "Open Maps Summit"


def test_stated_parents_need_a_cue_in_the_same_sentence() -> None:
    forms = {"Example Day": "example day", "Example Summit": "example summit"}
    assert events.stated_parents("Example Day took place at the Example Summit.", forms) == [
        ("example day", "example summit")]
    assert events.stated_parents("Example Day was busy. At the Example Summit, few came.", forms) == []
    assert events.stated_parents("Example Day and Example Summit were both busy.", forms) == []
    assert events.stated_parents("The Example Summit includes the Example Day.", forms) == [
        ("example day", "example summit")]
    assert events.stated_parents("The Example Summit, hosted by Roe, follows the Example Day.", forms) == []


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("EGF 2023", "Example Governance Forum 2023", True),
        ("EGF", "Example Governance Forum", True),
        ("EGF 2023", "Example Governance Forum 2022", False),
        ("EGF 2023", "Example Growth Fund Summit 2023", False),
        ("Example 2023", "Example Governance Forum 2023", False),
    ],
)
def test_abbreviates(short: str, long: str, expected: bool) -> None:
    assert events.abbreviates(short, long) is expected


def test_name_aliases_of_a_numbered_session() -> None:
    assert events.name_aliases("Example 2021 WS #106 Open Collaboration") == (
        "WS #106", "Example 2021 WS #106", "Open Collaboration")
    assert events.name_aliases("Day 0 Event #9 Open Data") == ("Day 0 Event #9", "Open Data")
    assert events.name_aliases("Example Summit of the Americas") == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("We spoke at the Example Summit North America 2024.", "Example Summit North America 2024",
                     id="region-year"),
        pytest.param("Leaders met at the Example Summit of the Americas.", "Example Summit of the Americas",
                     id="of-the-region"),
        pytest.param("Ministers opened Example Summit Portugal on Monday.", "Example Summit Portugal", id="country"),
        pytest.param("The 12th annual Example Awards drew 900 people.", "Example Awards", id="nth-annual"),
        pytest.param("It was the third annual Code Jam in Oslo.", "Code Jam", id="ordinal-word-annual"),
    ],
)
def test_editions_named_by_region_or_by_their_number(text: str, name: str) -> None:
    assert name in {m.name for m in events.cue_events(text, year=2024)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Summit Bank and the Royal Festival Hall reopened.", id="head-first"),
        pytest.param("He wrote the Example Conference Room Guide.", id="head-then-not-a-region"),
        pytest.param("It was organised by Example Forum Europe and Example Forum Portugal.", id="forum-without-year"),
        pytest.param("The fifth annual report and the annual Budget Review came out.", id="annual-not-a-name"),
    ],
)
def test_not_editions(text: str) -> None:
    assert events.cue_events(text, year=2024) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("The Example Summit runs from 14 to 18 May 2025 in Oslo.", "2025-05-14", id="day-to-day-month"),
        pytest.param("The Example Summit (2024-03-13) in Oslo.", "2024-03-13", id="iso"),
        pytest.param("The Example Summit, 8th December, 2021, in Oslo.", "2021-12-08", id="ordinal-day"),
    ],
)
def test_more_date_forms(text: str, date: str) -> None:
    [m] = events.cue_events(text, year=2024)
    assert (m.date, m.location) == (date, "Oslo")


def test_session_page_location_line_and_slot_with_a_slash() -> None:
    title = "Example 2022 Launch / Award Event #30 Open Code Report"
    page, series = events.title_event(title, f"{title}\n\nWednesday, 30th November, 2022 (10:00 UTC)\n"
                                             "Location: Banquet Room B\n", 2022)
    assert (page.date, page.location, page.part_of, series.name) == (
        "2022-11-30", "Banquet Room B", "Example 2022", "Example 2022")
    assert events.name_aliases(title)[0] == "Launch / Award Event #30"


_RECAP_SECTIONS = """Highlights from the Example Data Summit

The Example Data Summit was held on 4 June 2024 in Oslo.

## Opening the books on public budgets

In the first session, the speakers showed how cities publish spending.

## Key takeaways

The speakers agreed that open data needs owners.

## Why we keep doing this

We think budgets matter. Nothing here is about a session of the event.
"""


def test_recap_sections_that_speak_of_a_session_are_sessions() -> None:
    doc = parse(RawDocument("r", "r.md", "text/markdown", _RECAP_SECTIONS.encode(), "0", None))
    found = {e.name: e for e in extract(doc).events}
    session = found["Opening the books on public budgets"]
    assert (session.type, session.part_of, session.start) == (EventType.SESSION, "Example Data Summit", "2024-06-04")
    # a page's own label and a section that does not open by speaking of a session are not sessions
    assert "Key takeaways" not in found and "Why we keep doing this" not in found


def test_sections_are_not_sessions_without_an_event() -> None:
    text = _RECAP_SECTIONS.replace("Example Data Summit", "example data review")
    doc = parse(RawDocument("r", "r.md", "text/markdown", text.encode(), "0", None))
    assert extract(doc).events == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Delegates at the World Example Summit on the Information Society agreed.",
                     "World Example Summit on the Information Society", id="summit-on-topic"),
        pytest.param("The High-Level Roundtable on Public Code met on 16 May.", "High-Level Roundtable on Public Code",
                     id="roundtable-on-topic"),
        pytest.param("She spoke at ExampleCon 2025 in Oslo.", "ExampleCon 2025", id="coined-con"),
        pytest.param("We attended DataFest last week.", "DataFest", id="coined-fest"),
    ],
)
def test_topics_and_coined_conference_names(text: str, name: str) -> None:
    assert name in {m.name for m in events.cue_events(text, year=2024)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Example Summit on Tuesday ended early.", id="on-a-weekday"),
        pytest.param("The European Convention on Human Rights applies.", id="treaty"),
        pytest.param("Shares in Falcon rose and ExampleCon Ltd fell.", id="firm"),
    ],
)
def test_not_topics_or_coined_names(text: str) -> None:
    assert all(" on " not in m.name and "Con" not in m.name for m in events.cue_events(text, year=2024))


def test_an_edition_is_part_of_its_series_and_the_place_stops_at_a_title() -> None:
    found = _events("Notes", "Fans went to the Example Festival in Leeds. Example Festival 2005 sold out. The Linux Example"
                             " Summit met in Portland Mr Roe said.")
    assert found["Example Festival 2005"].part_of == "Example Festival"
    assert found["Linux Example Summit"].location == "Portland"


def test_year_hint_is_the_same_on_every_run() -> None:
    assert events.year_hint("In 1953 and 2000 and 1953 and 2000 it rained.", None) == 2000


def test_a_numbered_slot_page_without_other_cues_is_a_session_page() -> None:
    text = ("Example 2024 - Town Hall #61 Open Data for All\n\nThursday 7 December 2024, 09:00 UTC\n\n"
            "Organizer 1: Jane Roe, Example Org\n\nThe session looked at open data.\n")
    doc = parse(RawDocument("p", "p.txt", "text/plain", text.encode(), "0", None))
    assert doc.kind is DocumentKind.SESSION_REPORT
    page = next(e for e in extract(doc).events if e.type is EventType.SESSION)
    assert (page.start, page.part_of) == ("2024-12-07", "Example 2024")
    assert {"Town Hall #61", "Open Data for All"} <= set(page.aliases)


def test_an_event_that_opens_today_starts_on_the_dateline_date() -> None:
    text = ("Ministers gather\n\nGENEVA, 14 May 2025 (Example Office) —\n\nMinisters and developers met as the"
            " Open Code Week opened today.\n")
    week = _events("Ministers gather", text)["Open Code Week"]
    assert (week.start, week.location) == ("2025-05-14", "Geneva")


def test_today_is_the_publication_date_without_a_dateline() -> None:
    found = _events("News", "The Example Data Summit kicked off today with 300 guests.\n", published="2024-04-09")
    assert found["Example Data Summit"].start == "2024-04-09"
    # "today" without an opening verb says nothing about when the event starts
    found = _events("News", "Today we look back at the Example Data Summit.\n", published="2024-04-09")
    assert found["Example Data Summit"].start is None
    assert events.dateline("Shares rose, 3 March 2024 and more") is None


def test_numbered_meetups_dates_after_and_at_and_organisers() -> None:
    assert events.cue_events("Join the Example Data Meetup #14 tonight.")[0].type is EventType.MEETING
    found = {m.name: m for m in events.cue_events(
        "We presented at Example Camp 2024 in Leeds, and at the Example Open Summit 2024 in York on 6 May 2024.")}
    assert (found["Example Camp 2024"].date, found["Example Camp 2024"].location) == (None, "Leeds")
    assert found["Example Open Summit 2024"].date == "2024-05-06"
    assert events.cue_events("The fair was organised by the Example Data Summit Europe.") == []
    assert events.stated_parents("Example Day in Leeds, and at the Example Summit.",
                                 {"Example Day": "d", "Example Summit": "s"}) == []


def test_a_described_event_takes_the_date_in_its_words() -> None:
    [m] = events.described_events("The agency hosted a roundtable with cloud firms in Berlin on 5 May.", year=2024)
    assert m.date == "2024-05-05"
    [m] = events.described_events("We joined a webinar on procurement hosted by the Example Foundation.", year=2024)
    assert m.name == "webinar on procurement"


def test_the_event_gives_the_date_of_a_documents_one_event() -> None:
    text = "The Example Open Summit 2025 comes to Porto. The event runs from 3 to 5 June 2025 at the Example Hall.\n"
    assert _events("News", text)["Example Open Summit 2025"].start == "2025-06-03"
    two = text + "The Example Data Day is also planned.\n"
    assert _events("News", two)["Example Data Day"].start is None
