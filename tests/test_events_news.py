"""Events as news names them: a body's recurring gathering ("the party's spring conference"), a group's meeting
named by its initials ("the G7 meeting"), and the names news gives to things that are no events (a person
called Day, a legislature called an assembly, a treaty called a convention, a broadcast slot, a film)."""

from __future__ import annotations

import pytest

from pipelines.extract import events


def _names(text: str) -> dict[str, events.EventMention]:
    return {m.name: m for m in events.cue_events(text, year=2025)}


@pytest.mark.parametrize(
    ("text", "name", "kind", "location"),
    [
        pytest.param("Ministers met at the G9 meeting in Lisbon on Friday.", "G9 meeting", "Meeting", "Lisbon",
                     id="group-initials-meeting"),
        pytest.param("Delegates left the OECX summit in Oslo early.", "OECX summit", "Conference", "Oslo",
                     id="group-initials-summit"),
        pytest.param("She spoke at the Green Example Party's spring conference in Hull on 4 March.",
                     "Green Example Party’s spring conference", "Conference", "Hull", id="possessive-season"),
        pytest.param("He told the annual meeting of the Example Society for Data in Leeds that costs rose.",
                     "annual meeting of the Example Society for Data", "Meeting", "Leeds", id="annual-of"),
    ],
)
def test_owned_gatherings_are_events(text: str, name: str, kind: str, location: str) -> None:
    found = _names(text)
    assert name in found, sorted(found)
    assert found[name].type.value == kind
    assert found[name].location == location


def test_owned_gathering_dated_by_its_sentence() -> None:
    found = _names("The Example Union's annual congress opens in Turin on 12 May 2025.")
    assert found["Example Union’s annual congress"].date == "2025-05-12"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We had a meeting with the team and a long meeting after lunch.", id="bare-meeting"),
        pytest.param("The IT meeting ran late and the HR meeting was cancelled.", id="unit-initials"),
        pytest.param("His party's spring conference was loud.", id="unnamed-owner"),
        pytest.param("The annual meeting of shareholders is in May.", id="lower-case-owner"),
    ],
)
def test_unidentified_meetings_are_not_events(text: str) -> None:
    assert events.owned_events(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Rovers keeper Alan Day is set to join the club on loan.", "Alan Day", id="occupation-person"),
        pytest.param("The son of actress Mary Day wrote the song.", "Mary Day", id="actress-person"),
        pytest.param("Motions were passed by the Example City Assembly on Monday.", "Example City Assembly",
                     id="legislature-assembly"),
        pytest.param("Parties with members in the Northern Example Assembly may stand.", "Northern Example Assembly",
                     id="regional-assembly"),
        pytest.param("The Example Trades Union Congress said pay must rise.", "Example Trades Union Congress",
                     id="union-congress"),
        pytest.param("The European Example Convention sets the rules on patents.", "European Example Convention",
                     id="treaty-convention"),
        pytest.param("Speaking on the radio's Thought for the Day slot, he criticised the war.", "Thought for the Day",
                     id="broadcast-slot"),
        pytest.param("His roles included Long Gone Are the Days, a film of his play.", "Long Gone Are the Days",
                     id="work-title"),
    ],
)
def test_names_that_are_no_events(text: str, name: str) -> None:
    assert name not in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Thousands came to mark Example Data Day in Rome.", "Example Data Day", id="day-after-verb"),
        pytest.param("The World Example Assembly opened in Geneva on 19 May.", "World Example Assembly",
                     id="world-assembly"),
        pytest.param("The Example Congress 2024 was held in Prague.", "Example Congress 2024", id="dated-congress"),
        pytest.param("Over 300 people attended the Example Policy Convention in Denver.", "Example Policy Convention",
                     id="gathering-convention"),
    ],
)
def test_events_kept_beside_the_negatives(text: str, name: str) -> None:
    assert name in _names(text), sorted(_names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("The team held a two-day design sprint with the Example Agency in Denver.",
                     "design sprint with the Example Agency in Denver", id="design-sprint"),
        pytest.param("She testified at a hearing of the Senate Example Committee.",
                     "hearing of the Senate Example Committee", id="hearing-of"),
        pytest.param("We hosted an open house for local developers.", "open house for local developers",
                     id="open-house"),
        pytest.param("The Senate Example Committee hearing ran long.", "Senate Example Committee Hearing",
                     id="named-hearing"),
    ],
)
def test_described_and_lower_case_events(text: str, name: str) -> None:
    assert name in _names(text), sorted(_names(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ministers held a conference on Friday, then left.", id="complement-is-a-day"),
        pytest.param("A conference on climate was mooted by some.", id="no-one-holds-it"),
        pytest.param("The film won the ceremony with ten nominations.", id="ceremony"),
    ],
)
def test_described_events_need_a_topic_and_a_holder(text: str) -> None:
    assert [m for m in events.described_events(text) if m.rule == "event.described"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Volunteers joined the National Day of Civic Example in June.", "National Day of Civic Example",
                     id="day-of"),
        pytest.param("The Global Week of Example Action starts on 3 May.", "Global Week of Example Action",
                     id="week-of"),
        pytest.param("The Summit of the Example Future was held in New York.", "Summit of the Example Future",
                     id="summit-of-the"),
        pytest.param("We ran Example Data Jam, a two-day event in Austin.", "Example Data Jam", id="apposed-event"),
    ],
)
def test_occasions_named_by_what_they_are_of(text: str, name: str) -> None:
    assert name in _names(text), sorted(_names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("He starred in The Day of the Example Jackal in 1973.", "Day of the Example Jackal",
                     id="work-day-of-the"),
        pytest.param("The Week of March 3 was busy.", "Week of March", id="week-of-a-date"),
        pytest.param("She joined the Example Congress of Racial Equality.", "Example Congress of Racial Equality",
                     id="congress-of-body"),
        pytest.param("We met Jane Roe, a speaker at the conference in May.", "Jane Roe", id="person-apposed"),
    ],
)
def test_of_names_and_appositions_that_are_no_events(text: str, name: str) -> None:
    assert name not in _names(text)


@pytest.mark.parametrize(
    ("text", "name", "date", "place"),
    [
        pytest.param("EU leaders will meet at a summit in Brussels on 16 December.", "summit in Brussels", "2025-12-16",
                     "Brussels", id="summit-in-place"),
        pytest.param("He explained during a conference in Phoenix, Arizona.", "conference in Phoenix", None, "Phoenix",
                     id="during-conference"),
        pytest.param("The summit in Paris was held on 3 May.", "summit in Paris", "2025-05-03", "Paris",
                     id="held-after"),
    ],
)
def test_gatherings_identified_by_their_place(text: str, name: str, date: str | None, place: str) -> None:
    found = _names(text)
    assert name in found, sorted(found)
    assert (found[name].date, found[name].location) == (date, place)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A conference in May is planned.", id="month-no-place"),
        pytest.param("Prices in the conference in London rose.", id="no-one-goes"),
        pytest.param("She told a news conference in Cairo that she was sorry.", id="press-conference"),
    ],
)
def test_gatherings_in_a_place_need_someone_going(text: str) -> None:
    assert not [m for m in events.described_events(text) if m.name.startswith(("conference", "summit"))]
