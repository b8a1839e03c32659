"""Kinds of gatherings and event-page forms from the usual taxonomies of events (convenings, lectures, plenaries,
"-athon" events, a webinar's title in apposition, a time slot under a page title, labels on lines of their own,
a session page's title in dash-separated parts); with negatives. All passages are invented."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, EventType
from pipelines.extract import events
from pipelines.extract.pipeline import extract


def _found(text: str, kind: DocumentKind = DocumentKind.NEWS_ARTICLE) -> dict[str, object]:
    doc = Document("e1", "e1.txt", "h", kind, text.split("\n")[0], text, published="2024-01-01")
    return {e.name: e for e in extract(doc).events}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("Delegates met at the Example Digital Convening in Accra.", "Example Digital Convening",
                     EventType.CONFERENCE, id="convening"),
        pytest.param("She gave the Example Memorial Lecture in Leeds.", "Example Memorial Lecture", EventType.SESSION,
                     id="lecture"),
        pytest.param("Teams joined the Example Health Datathon last week.", "Example Health Datathon",
                     EventType.CONFERENCE, id="athon"),
        pytest.param("He ran in the Example City Marathon last week.", None, None, id="a-race-is-no-hackathon"),
    ],
)
def test_more_event_heads(text: str, name: str | None, kind: EventType | None) -> None:
    found = {m.name: m for m in events.cue_events(text, year=2024)}
    if name is None:
        assert not found
    else:
        assert found[name].type is kind


def test_a_webinar_title_in_apposition_is_the_event() -> None:
    text = "News of the week\n\nRegister for our webinar, Open Source in Procurement, on Tuesday, May 14, 2024.\n"
    webinar = _found(text)["Open Source in Procurement"]
    assert webinar.type is EventType.SESSION and webinar.start == "2024-05-14"


def test_a_person_beside_an_event_word_is_no_title() -> None:
    text = "News of the week\n\nWe hosted a workshop, Jane Roe, the director, said on Monday.\n"
    assert "Jane Roe" not in _found(text)
    text = "News of the week\n\nAt the summit, Example Org Chief Jane Roe spoke.\n"
    assert not _found(text)


def test_a_time_slot_under_an_event_page_title_dates_it() -> None:
    text = "Example Community Call\nMarch 3, 2024, 1:00-2:00 p.m. ET\nLocation: Online\n\nJoin us to talk about code.\n"
    found = _found(text, DocumentKind.OTHER)
    assert found["Example Community Call"].start == "2024-03-03"
    assert found["Example Community Call"].location == "Online"
    assert not any(name.startswith("March") for name in found)  # the slot's day is no session


def test_a_news_page_date_line_without_a_time_makes_no_event() -> None:
    text = "Ministers agree example budget plan\nMarch 3, 2024\n\nMinisters agreed a plan on Monday.\n"
    assert not _found(text, DocumentKind.OTHER)
    text = "Ministers agree example budget plan\nMarch 3, 2024, 1:05 p.m. ET\n\nMinisters agreed a plan on Monday.\n"
    assert not _found(text, DocumentKind.OTHER)  # a publication time, not an event's slot


@pytest.mark.parametrize("text", ["Professor Jonathon Roe spoke at the dinner.", "The Example Walkathon raised funds."])
def test_an_athon_word_that_is_a_name_or_a_race_is_no_conference(text: str) -> None:
    assert not any(e.type is EventType.CONFERENCE for e in _found(text).values())


def test_labels_on_lines_of_their_own() -> None:
    text = "Example Community Call\n\nDate\nMarch 3, 2024\nLocation\nVirtual\n\nJoin us to talk about code.\n"
    call = _found(text, DocumentKind.OTHER)["Example Community Call"]
    assert call.start == "2024-03-03" and call.location == "Virtual"


def test_a_session_page_title_in_parts_is_also_its_session() -> None:
    aliases = events.name_aliases("XGF 2019 – Day 2 – Room V – WS #211 Data Sharing for Development")
    assert "WS #211 Data Sharing for Development" in aliases and "WS #211" in aliases
    assert events.name_aliases("Example Party – Spring Meeting") == ()


def test_a_short_label_line_does_not_run_into_the_next_line() -> None:
    text = "Speaker 1: John Doe, Example Trust\nSession description follows here.\n"
    assert "Example Trust Session" not in {m.name for m in events.cue_events(text, year=2024)}


def test_an_event_page_that_speaks_of_itself_as_the_event() -> None:
    text = ("Introduction to Example Testing\n\nIn this webinar, you will learn how to test pages with a screen "
            "reader.\n\nRegister for this event.\n")
    assert _found(text, DocumentKind.OTHER)["Introduction to Example Testing"].type is EventType.SESSION
    text = ("Example Design Discussion\n\nJoin us on Thursday, March 3, 2024, from 1 to 2 p.m. ET for an online "
            "discussion on design.\n")
    assert _found(text, DocumentKind.OTHER)["Example Design Discussion"].start == "2024-03-03"


def test_a_post_that_invites_to_another_event_is_no_event_page() -> None:
    text = ("Lessons From Our First Year\n\nWe learned a lot this year. Our team shipped ten tools and hired five "
            "people. Join us for our next meetup.\n")
    assert not _found(text, DocumentKind.OTHER)
    text = "Budget talks stall again\n\nIn this event, ministers argued about the plan.\n"  # a headline, no name
    assert not _found(text, DocumentKind.OTHER)


def test_a_session_page_room_line_is_its_place_not_its_title() -> None:
    text = ("XGF 2023 Town Hall #61 Open Standards for All\n\n12 Dec 2022 | 14:00 - 15:00 UTC | Room 3\n\n"
            "Speaker 1: Jane Roe, Example Org\n")
    page = events.title_event("XGF 2023 Town Hall #61 Open Standards for All", text, 2022)[0]
    assert page.location == "Room 3" and page.date == "2022-12-12"
    text = "Town Hall #61 Open Standards for All\n\nSpeaker 1: Jane Roe, Example Org\n"
    assert events.title_event("Town Hall #61 Open Standards for All", text, 2022)[0].location is None


def test_a_room_label_gives_the_place() -> None:
    text = "XGF 2023 WS #5 Example Data Commons\n\nRoom: WS 4 – Room B-1\n\nOrganizer 1: Jane Roe, Example Org\n"
    assert events.title_event("XGF 2023 WS #5 Example Data Commons", text, 2023)[0].location == "WS 4 – Room B-1"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("The agency held a training on plain language for staff.", "training on plain language for staff",
                     id="training"),
        pytest.param("The foundation hosted a launch event for the Example Code Fund in Geneva.",
                     "launch event for the Example Code Fund in Geneva", id="launch-event"),
        pytest.param("The minister held a press conference on the example budget.",
                     "press conference on the example budget", id="press-conference"),
    ],
)
def test_more_described_gatherings(text: str, name: str) -> None:
    assert name in {m.name for m in events.described_events(text, year=2024)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("In the event of a loss, the firm pays.", id="in-the-event-of"),
        pytest.param("She won the event with her first jump.", id="a-contest"),
        pytest.param("The training on plain language was good.", id="no-one-held-it"),
    ],
)
def test_no_described_gathering(text: str) -> None:
    assert not events.described_events(text, year=2024)
