"""Event forms beyond "X Summit": numbered series, editions, session lists, dates in several spellings."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, EventType
from pipelines.extract import events
from pipelines.extract.pipeline import extract


def _names(text: str) -> dict[str, events.EventMention]:
    return {m.name: m for m in events.cue_events(text, year=2021)}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("Join us at Workshop #71 on open data.", "Workshop #71", EventType.SESSION, id="workshop-number"),
        pytest.param("She spoke at Open Forum #12 yesterday.", "Open Forum #12", EventType.SESSION, id="forum-number"),
        pytest.param("The Day 0 Event #9 was full.", "Day 0 Event #9", EventType.SESSION, id="event-number"),
        pytest.param("We met at the Example Data Summit 2024 in Oslo.", "Example Data Summit 2024",
                     EventType.CONFERENCE, id="summit-year"),
        pytest.param("Teams built tools at the Civic Example hackathon last week.", "Civic Example Hackathon",
                     EventType.CONFERENCE, id="lower-head"),
    ],
)
def test_named_events(text: str, name: str, kind: EventType) -> None:
    found = _names(text)
    assert name in found and found[name].type is kind


def test_a_number_alone_is_not_an_event() -> None:
    assert _names("Revenue grew at Example Corp 2024 and at Acme #3.") == {}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("The Example Summit opened on 8 Dec 2021 in Lisbon.", "2021-12-08", id="day-month-abbrev"),
        pytest.param("The Example Summit runs December 8-10, 2021 in Lisbon.", "2021-12-08", id="range"),
        pytest.param("The Example Summit ran 8–10 December 2021.", "2021-12-08", id="day-range-first"),
        pytest.param("On March 13, 2024, the Example Summit gathered 900 people.", "2024-03-13", id="date-before"),
    ],
)
def test_start_dates(text: str, date: str) -> None:
    assert _names(text)["Example Summit"].date == date


def test_location_after_the_name() -> None:
    assert _names("The Example Summit opened on 8 Dec 2021 in Lisbon.")["Example Summit"].location == "Lisbon"


def test_edition_of_a_series() -> None:
    [m] = events.edition_events("Delegates came to the 2025 edition of Example Forum in Nairobi on 3 June.")
    assert (m.name, m.type, m.date, m.location, m.rule) == (
        "Example Forum 2025", EventType.CONFERENCE, "2025-06-03", "Nairobi", "event.edition")


def test_session_list_items_are_sessions() -> None:
    text = "The meetup featured three sessions covering:\n\n- Building a data team\n- Buying software well\n- x\n\nThen."
    assert [m.name for m in events.listed_sessions(text)] == ["Building a data team", "Buying software well"]
    assert events.listed_sessions("Our favourite fruits:\n- Apples and pears\n") == []


def _doc(text: str) -> Document:
    return Document("d", "d.txt", "0", DocumentKind.BLOG_POSTING, "Notes", text, published="2024-05-01")


def test_whole_document_links_sessions_editions_and_coreferent_dates() -> None:
    text = (
        "On March 13, 2024, 900 people joined the online summit. The summit featured two sessions covering:\n\n"
        "- Building a data team\n- Buying software well\n\n"
        "Anna Example closed the Example Community Summit.\n\n"
        "The Annual Agency-sponsored North Example Day (NED) talks help. During the 2015 NED talks in Mexico City on "
        "January 29-30, officials met."
    )
    by_name = {e.name: e for e in extract(_doc(text)).events}
    summit = by_name["Example Community Summit"]
    assert summit.start == "2024-03-13"
    assert by_name["Building a data team"].part_of == summit.name
    assert by_name["Building a data team"].start == "2024-03-13"  # held within the dated summit
    assert "NED" in by_name["North Example Day"].aliases  # "Annual Agency-sponsored" qualifies, does not name
    edition = by_name["North Example Day 2015"]
    assert (edition.start, edition.location, edition.part_of) == ("2015-01-29", "Mexico City", "North Example Day")

