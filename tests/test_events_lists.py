"""Events given as lists: an agenda's time slots under day headings, and a list of talks given at events."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, EventType
from pipelines.extract import events
from pipelines.extract.pipeline import extract

_AGENDA = """Example Data Summit 2031

## Agenda

### Monday, March 3

* 9:00 am - 9:30 am: Registration and coffee
* 9:30 am - 10:15 am: Opening the Ledger of Public Code—Jane Roe, Example Agency
* 10:15 am - 11:00 am: Data Ethics—John Doe
* 11:00 am - 12:00 pm: What Cities Learned From Shared Software | Ana Lima, Example City

### Tuesday, March 4

* 14:00 - 15:00: Procurement Rules That Help Small Vendors (panel)
"""


def test_agenda_slots_are_sessions_dated_by_their_day_heading() -> None:
    found = {m.name: m for m in events.agenda_sessions(_AGENDA, year=2031)}
    assert {name: (m.type, m.date, m.rule) for name, m in found.items()} == {
        "Opening the Ledger of Public Code": (EventType.SESSION, "2031-03-03", "event.agenda"),
        "What Cities Learned From Shared Software": (EventType.SESSION, "2031-03-03", "event.agenda"),
        "Procurement Rules That Help Small Vendors": (EventType.SESSION, "2031-03-04", "event.agenda"),
    }


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("* 12:00 pm - 1:00 pm: Lunch and networking on the terrace", id="break"),
        pytest.param("* 10:00 am - 11:00 am: Content Strategy—Jane Roe", id="two-word-topic"),
        pytest.param("* 10 - 12: Members of the board voted on the budget", id="numbers-not-times"),
        pytest.param("The meeting ran 10:00 - 11:00 and covered nothing new.", id="time-inside-a-sentence"),
    ],
)
def test_lines_that_are_no_agenda_session(line: str) -> None:
    assert events.agenda_sessions(line + "\n", year=2031) == []


def test_agenda_sessions_are_part_of_the_page_event() -> None:
    doc = Document("a", "a.md", "0", DocumentKind.OTHER, "Example Data Summit 2031", _AGENDA, published="2031-01-10")
    found = {e.name: e for e in extract(doc).events}
    session = found["Opening the Ledger of Public Code"]
    assert (session.start, session.part_of) == ("2031-03-03", "Example Data Summit 2031")
    assert "Monday, March 3" not in found


_TALKS = """## External Talks

### 2030

- Shared Code in Small Towns @ Example Open Summit 2030
- ExampleCon: Ten Years of Public Repositories
- Budgets for Maintainers talk - Civic Tools Open 2029
- ExampleFest May 2029
  * Packaging the Commons
- ACME Lightning Talk @ Example Data Week 2029
"""


def test_talk_list_forms() -> None:
    found = {m.name: m for m in events.listed_talks(_TALKS)}
    assert {name: (m.type, m.part_of) for name, m in found.items()} == {
        "Example Open Summit 2030": (EventType.CONFERENCE, None),
        "Shared Code in Small Towns": (EventType.SESSION, "Example Open Summit 2030"),
        "ExampleCon": (EventType.CONFERENCE, None),
        "Ten Years of Public Repositories": (EventType.SESSION, "ExampleCon"),
        "Civic Tools Open 2029": (EventType.CONFERENCE, None),
        "Budgets for Maintainers": (EventType.SESSION, "Civic Tools Open 2029"),
        "ExampleFest May 2029": (EventType.CONFERENCE, None),
        "Packaging the Commons": (EventType.SESSION, "ExampleFest May 2029"),
        # "ACME" is left when the kind word goes: too little of a title to name a talk
        "Example Data Week 2029": (EventType.CONFERENCE, None),
    }


def test_a_colon_names_an_event_only_under_a_heading_about_talks() -> None:
    news = "## In the News\n\n- Example Summit 2030: Ministers Agree on Shared Code\n"
    assert events.listed_talks(news) == []  # a news list: "Outlet: Headline" as often as "Event: Talk"
    talks = news.replace("In the News", "Talks")
    assert [m.name for m in events.listed_talks(talks)] == ["Example Summit 2030", "Ministers Agree on Shared Code"]


@pytest.mark.parametrize(
    "item",
    [
        pytest.param("- Join us at the Example Summit", id="sentence-about-an-event"),
        pytest.param("- Example Summit 2030 @ Example Hall", id="place-after-at"),
        pytest.param("- Berlin 2030", id="place-and-year"),
        pytest.param("- Example Corp 2030", id="firm-and-year"),
        pytest.param("- Managing Shared Code - Example Podcast", id="not-an-event-after-dash"),
        pytest.param("- Boxing Day", id="holiday"),
    ],
)
def test_list_items_that_name_no_talk(item: str) -> None:
    assert [m for m in events.listed_talks(item + "\n") if m.type is EventType.SESSION] == []
    assert [m.name for m in events.listed_talks(item + "\n")] in ([], ["Example Summit 2030"])


def test_a_counted_slot_is_not_a_named_session() -> None:
    names = {m.name for m in events.cue_events("#### Fourth Session (2:00 pm - 4:15 pm)\n\nThe Example Forum met.")}
    assert "Fourth Session" not in names


def test_list_names_an_event_after_a_colon_and_by_a_name_with_a_year() -> None:
    text = "- Example Open Things 2029\n  - Also presented at: Example Member Summit Deck\n- Early Spring 2029\n"
    assert [m.name for m in events.listed_talks(text)] == ["Example Open Things 2029", "Example Member Summit"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("She gave the Opening Keynote of Example Open Conference in June.", "Example Open Conference",
                     id="keynote-of-conference"),
        pytest.param("Our Poster Session at Example Data Summit drew a crowd.", "Example Data Summit", id="slot-at-summit"),
    ],
)
def test_a_slot_of_an_event_names_the_event(text: str, name: str) -> None:
    assert name in {m.name for m in events.cue_events(text, year=2029)}


@pytest.mark.parametrize("text", ["Join the Poster Session after lunch.", "The Closing Plenary Session ran late."])
def test_a_slot_kind_alone_is_no_event(text: str) -> None:
    assert events.cue_events(text, year=2029) == []


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param("| 10:00 – 10:45 | Shared Code for Small Towns | Jane Roe |", "Shared Code for Small Towns", id="table-row"),
        pytest.param("2:30 PM ET | Budgets That Keep Maintainers Paid", "Budgets That Keep Maintainers Paid", id="one-time"),
        pytest.param("### Opening the Public Ledger (9:00 am - 9:45 am)", "Opening the Public Ledger", id="title-then-time"),
    ],
)
def test_agenda_slot_layouts(line: str, title: str) -> None:
    assert [m.name for m in events.agenda_sessions(line + "\n", year=2031)] == [title]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("10:00 Ministers Met Again Today", id="one-time-no-separator"),
        pytest.param("#### Second Session (2:00 pm - 4:15 pm, ET)", id="counted-slot"),
        pytest.param("The talks ran late, 10:00 - 11:00", id="sentence-ending-in-times"),
    ],
)
def test_agenda_lines_without_a_named_slot(line: str) -> None:
    assert events.agenda_sessions(line + "\n", year=2031) == []


def test_a_day_label_dates_the_slots_and_a_byline_does_not() -> None:
    text = "Posted on January 5, 2031\n\n## Day 2: March 4\n\n- 9:00 - 9:30: Public Code in Rural Schools\n"
    [m] = events.agenda_sessions(text, year=2031)
    assert m.date == "2031-03-04"
    [m] = events.agenda_sessions(text.replace("## Day 2: March 4\n\n", ""), year=2031)
    assert m.date is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- Jane Roe, Example Policy Forum\n", id="person-comma-organisation"),
        pytest.param("- Speaker 1: Jane Roe - Example Governance Forum\n", id="speaker-dash-organisation"),
        pytest.param("## Members\n\n- Example Policy Forum\n  - Jane Roe\n", id="organisation-over-member"),
    ],
)
def test_people_listed_with_an_undated_forum_give_no_talk(text: str) -> None:
    assert [m for m in events.listed_talks(text) if m.type is EventType.SESSION] == []
