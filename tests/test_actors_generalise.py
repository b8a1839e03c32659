"""Actor rules for forms common in government blog posts and news, with negatives."""

from __future__ import annotations

from ontology.records import ActorType
from pipelines.extract import actors
from pipelines.extract.text import name_spans


def names(mentions: list[actors.Mention]) -> dict[str, ActorType]:
    return {m.name: m.type for m in mentions}


def test_names_keep_of_the_and_on_after_an_institution() -> None:
    spans = [s.text for s in name_spans("the Department of the Treasury and the Institute on Disability Research met.")]
    assert spans == ["Department of the Treasury", "Institute on Disability Research"]
    # "on" joins only after an institution's head word
    assert [s.text for s in name_spans("talks by Jane Roe on Open Data")] == ["Jane Roe", "Open Data"]


def test_people_by_apposition_role_in_parentheses_and_lists() -> None:
    text = (
        "Ana Costa, another organizer, spoke. Keynotes came from Omar Haddad (Executive Director of Example Lab). "
        "The panel had Lena Berg, Tomas Ruiz, and Ines Moreau. Example Lab’s Paulo Reis closed."
    )
    found = {m.name: m for m in actors.apposed_people(text)}
    assert {"Ana Costa", "Omar Haddad", "Lena Berg", "Tomas Ruiz", "Ines Moreau", "Paulo Reis"} <= set(found)
    assert found["Omar Haddad"].role == "Executive Director of Example Lab"
    assert found["Omar Haddad"].affiliation == "Example Lab"
    assert found["Paulo Reis"].affiliation == "Example Lab"


def test_list_of_places_or_sectors_is_not_people() -> None:
    text = "Delegates came from Private Sector, Civil Society, and Technical Community groups; and from Peru, Chile and Bolivia."
    assert actors.apposed_people(text) == []


def test_dash_attribution_line_gives_person_role_and_organisation() -> None:
    found = actors.attribution_lines("“Quote here.”\n— Jane Roe, Co-Founder, Example Trust\n")
    assert [(m.name, m.role, m.affiliation) for m in found] == [("Jane Roe", "Co-Founder", "Example Trust")]
    # a dash line without a name is no attribution
    assert actors.attribution_lines("— see the annex, page 4\n") == []


def test_titles_before_names() -> None:
    found = names(actors.appositions("Former U.S. Chief Technology Officer Todd Park closed the evening."))
    assert found.get("Todd Park") is ActorType.PERSON


def test_reported_speaker_after_apposition_or_affiliation() -> None:
    found = names(actors.reported_speakers("Jane Roe, another organizer, said it worked. Omar Haddad from the Treasury talked about it."))
    assert found == {"Jane Roe": ActorType.PERSON, "Omar Haddad": ActorType.PERSON}


def test_organisations_by_team_and_first_person_plural() -> None:
    found = names(actors.acronym_teams("The 18F team shipped it. At Example Lab, we build in the open."))
    assert found == {"18F": ActorType.ORGANIZATION, "Example Lab": ActorType.ORGANIZATION}
    assert actors.acronym_teams("The team shipped it. At noon, we left.") == []


def test_countries_joined_by_and_are_two_countries() -> None:
    found = names(actors.cue_typed("Experts from Denmark and Japan met officials of Trinidad and Tobago."))
    assert {"Denmark", "Japan", "Trinidad and Tobago"} <= set(found)


def test_role_and_organisation_in_parentheses() -> None:
    found = {m.name: m for m in actors.apposed_people("Dr Jane Roe (Head of Policy, Example Trust) pointed out the gap.")}
    assert (found["Jane Roe"].role, found["Jane Roe"].affiliation) == ("Head of Policy, Example Trust", "Example Trust")


def test_a_role_of_a_body_whose_name_holds_of_keeps_the_whole_name() -> None:
    found = actors.appositions(
        "said Ana Costa, secretary general of the Union of Example Ferries, on Monday. "
        "Omar Haddad, chief executive of Bank of Example, agreed. Lena Berg, Head of Policy of Example Org, spoke."
    )
    by_person = {m.name: (m.role, m.affiliation) for m in found if m.role}
    assert by_person["Ana Costa"] == ("secretary general", "Union of Example Ferries")
    assert by_person["Omar Haddad"] == ("chief executive", "Bank of Example")
    # a role in title case keeps its own "of": the body is what follows its last "of"
    assert by_person["Lena Berg"] == ("Head of Policy", "Example Org")
    assert "Example Ferries" not in {m.name for m in found}
    owned = actors.appositions("led by Ana Costa, director general of the UK's Confederation of Example Industry (CEI).")
    assert [m.affiliation for m in owned if m.role] == ["Confederation of Example Industry"]


def test_a_clause_with_a_body_after_by_is_no_role_of_its_tail() -> None:
    found = actors.appositions("made by the Union of Example Workers, demanding an inquiry by the Example Board of Ruritania.")
    assert "Ruritania" not in {m.name for m in found}
    assert not [m for m in found if m.role]
