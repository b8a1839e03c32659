"""Events named by a coined word, called by name, described without a name, or given by an event page's
header lines; with negatives."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, EventType
from pipelines.extract import events
from pipelines.extract.pipeline import extract
from sources.readers.text import event_header


def _names(text: str) -> dict[str, events.EventMention]:
    return {m.name: m for m in events.described_events(text, year=2019)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Last week we hosted datajam7, a civic data hackathon.", "datajam7", id="apposed-coined"),
        pytest.param("They ran Open Maps Night, a small meetup for mappers.", "Open Maps Night", id="apposed-capitalised-token"),
        pytest.param("Teams presented at the inaugural buildIt(42); event last week.", "buildIt(42);", id="coined-before"),
        pytest.param("She organised a hackathon called Example Data Jam in Lisbon.", "Example Data Jam", id="called"),
        pytest.param("We met for a discussion on open data, privacy, and IT funding.",
                     "discussion on open data, privacy, and IT funding", id="described-discussion"),
        pytest.param("The mayor held a meeting with Jane Roe in the Example Room on May 3.",
                     "meeting with Jane Roe in the Example Room on May 3", id="described-meeting"),
    ],
)
def test_found(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The discussion on open data is heated in every capital.", id="discussion-without-event-verb"),
        pytest.param("It was a big event for the whole city.", id="plain-word-before-event"),
        pytest.param("The report, a long summary of the conference, came out.", id="apposed-plain-words"),
        pytest.param("We bought the new GPU hackathon kit.", id="acronym-before-hackathon"),
    ],
)
def test_not_found(text: str) -> None:
    assert _names(text) == {}


def test_described_event_takes_the_date_of_its_sentence() -> None:
    found = _names("On March 4, 2019, the team held a briefing on cloud budgets for the press.")
    assert found["briefing on cloud budgets for the press"].date == "2019-03-04"


def test_event_page_header_lines_give_date_and_place() -> None:
    text = "Example Data Workshop\n\nWhen: June 5, 2019\nWhere: Example Hall, Springfield\n\nJoin us for talks."
    page = events.header_event("Example Data Workshop", text, 2019)
    assert page is not None
    assert (page.name, page.date, page.location) == ("Example Data Workshop", "2019-06-05", "Example Hall, Springfield")


def test_a_date_line_alone_is_a_publication_date_unless_the_title_names_an_event() -> None:
    post = "Notes on Budgets\n\nDate: June 5, 2019\n\nWe wrote about budgets."
    assert events.header_event("Notes on Budgets", post, 2019) is None
    summit = "Example Budget Summit\n\nDate: June 5, 2019\n\nWe met."
    page = events.header_event("Example Budget Summit", summit, 2019)
    assert page is not None and page.date == "2019-06-05"


def test_front_matter_of_an_event_page_becomes_header_lines_and_a_dated_event() -> None:
    meta = {"title": "Plain Words Meetup", "date": "2020-05-20 13:00:00 -0500", "end_date": "2020-05-20",
            "venue": "Example Library"}
    assert event_header(meta) == "When: May 20, 2020\nWhere: Example Library\n\n"
    assert event_header({"title": "A post", "date": "2020-05-20"}) == ""  # a post's date is when it was published
    text = f"Plain Words Meetup\n\n{event_header(meta)}Join the community call."
    doc = Document("d1", "d1.md", "h", DocumentKind.BLOG_POSTING, "Plain Words Meetup", text, published="2020-05-01")
    found = {e.name: e for e in extract(doc).events}
    assert found["Plain Words Meetup"].start == "2020-05-20"
    assert found["Plain Words Meetup"].location == "Example Library"


def test_sessions_of_an_event_page_are_part_of_its_event() -> None:
    text = (
        "Example Data Meetup\n\nWhen: June 5, 2019\nWhere: Example Hall\n\n"
        "The evening had a session called Open Maps For Cities, then drinks."
    )
    doc = Document("d2", "d2.md", "h", DocumentKind.BLOG_POSTING, "Example Data Meetup", text)
    found = {e.name: e for e in extract(doc).events}
    assert found["Open Maps For Cities"].part_of == "Example Data Meetup"
    assert found["Open Maps For Cities"].start == "2019-06-05"


@pytest.mark.parametrize(
    "text", ["We hosted x\tExampleHack, a data hackathon, last week.", "Join a,b,ExampleHack, a data hackathon."]
)
def test_an_apposed_coined_name_stops_at_any_space_or_comma_before_it(text: str) -> None:
    assert [e.name for e in events.described_events(text)] == ["ExampleHack"]


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        pytest.param("Last May a delegation visited Oslo for a week-long tour, which included talks with ministers.",
                     "week-long tour", None, id="week-long-tour"),
        pytest.param("The minister begins a three-day state visit to Example Land. Mr Roe said it mattered.",
                     "three-day state visit to Example Land", "Example Land", id="visit-to-place"),
        pytest.param("I had the honour of meeting with Mayor Jane Roe in the Example Hall to show the tool.",
                     "meeting with Mayor Jane Roe in the Example Hall", "Example Hall", id="meeting-at-place"),
    ],
)
def test_visits_and_meetings_with_a_length_or_a_place(text: str, name: str, place: str | None) -> None:
    [m] = events.visits(text, year=2024)
    assert (m.name, m.type, m.location, m.rule) == (name, EventType.MEETING, place, "event.visit")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He returned from a long tour of the region.", id="no-length"),
        pytest.param("After meeting with officials, the minister left.", id="meeting-no-name-no-place"),
        pytest.param("After meeting with Jane Roe, the minister left.", id="meeting-no-place"),
        pytest.param("The band announced a world tour.", id="tour-no-length"),
    ],
)
def test_no_visit_without_a_length_or_a_named_place(text: str) -> None:
    assert events.visits(text, year=2024) == []


def test_a_visit_takes_the_date_its_paragraph_gave_before_it() -> None:
    text = "Tuesday, March 4 was a long day. In the morning, I had the joy of meeting with Jane Roe in the Example Hall."
    [m] = events.visits(text, year=2025)
    assert m.date == "2025-03-04"
    [m] = events.visits("Tuesday, March 4 was a long day.\n\nLater I had the joy of meeting with Jane Roe in the Example Hall.", year=2025)
    assert m.date is None  # another paragraph's date is not this meeting's
