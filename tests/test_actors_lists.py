"""Actors named in lists, credits and titles, and spans that only look like actors: invented passages, each
form with a negative case."""

from __future__ import annotations

import hashlib

from ontology.records import ActorType, RawDocument
from pipelines.extract import actors
from pipelines.extract.pipeline import extract
from sources.readers import parse


def names(mentions: list[actors.Mention]) -> dict[str, ActorType]:
    return {m.name: m.type for m in mentions}


def extracted(text: str) -> dict[str, ActorType]:
    raw = text.encode()
    doc = parse(RawDocument("t", "t.txt", "text/plain", raw, hashlib.sha256(raw).hexdigest(), None))
    return {a.name: a.type for a in extract(doc).actors}


def test_institution_named_with_a_list_of_fields_is_one_name() -> None:
    text = "Funding came from the Example Institute on Ageing, Healthy Living, and Care Research this year."
    assert [s.text for s in actors.field_list_names(text)] == [
        "Example Institute on Ageing, Healthy Living, and Care Research"
    ]
    found = extracted(text)
    assert "Example Institute on Ageing, Healthy Living, and Care Research" in found
    assert "Example Institute on Ageing" not in found
    # a list of names of their own is no field list
    assert actors.field_list_names("Talks with the Department of Justice, Acme Corporation, and Example Lab.") == []
    assert actors.field_list_names("the Example Office of Policy, Jane Roe, and Omar Haddad spoke") == []


def test_unknown_names_in_a_list_with_a_known_organisation() -> None:
    found = extracted(
        "The Example Research Foundation, the Office of Open Data, and Riverside Code Hackers sponsored the day."
    )
    assert found.get("Riverside Code Hackers") is ActorType.ORGANIZATION
    # no known organisation in the list: the names stay unknown; people and places are never made organisations
    assert "Riverside Code Hackers" not in extracted("Blue Meadow Farm, Riverside Code Hackers and Red Hill joined.")
    found = extracted("The Example Research Foundation, Jane Roe and Omar Haddad spoke in Paris.")
    assert found.get("Jane Roe") is not ActorType.ORGANIZATION
    assert "Paris" not in found


def test_name_joined_to_an_institution_by_and() -> None:
    found = names(actors.cue_typed("It worked with the Office of Systems Design and Code for Example on forms."))
    assert found == {"Office of Systems Design": ActorType.GOVERNMENT_BODY, "Code for Example": ActorType.ORGANIZATION}
    # "of ... and ..." inside one name stays whole
    found = names(actors.cue_typed("the Department of Health and Human Services said"))
    assert found == {"Department of Health and Human Services": ActorType.GOVERNMENT_BODY}


def test_outlets_listed_after_a_clause_with_an_aside() -> None:
    found = names(
        actors.listed_organisations(
            "Several media outlets covered it, including Example Radio (which streamed it), GovWire, and NewsPlex."
        )
    )
    assert found == {"Example Radio": ActorType.ORGANIZATION, "GovWire": ActorType.ORGANIZATION,
                     "NewsPlex": ActorType.ORGANIZATION}
    # the list ends at the first item that is not a name
    found = names(actors.listed_organisations("firms such as Acme Rail, which runs trains in Riverton, and Baytown."))
    assert found == {"Acme Rail": ActorType.ORGANIZATION}
    # "Sweden's X": the owned name is the item
    found = names(actors.listed_organisations("firms such as Sweden's Nordvik Motors and Acme Rail grew."))
    assert found == {"Nordvik Motors": ActorType.ORGANIZATION, "Acme Rail": ActorType.ORGANIZATION}


def test_credit_line_names_a_person() -> None:
    found = actors.attribution_lines("The crowd at the event.\nPhoto: Jane Roe\n\nMore text.")
    assert [(m.name, m.type) for m in found] == [("Jane Roe", ActorType.PERSON)]
    assert actors.attribution_lines("Photo: Example Harbour at Dawn Festival\n") == []


def test_people_heard_from_or_part_of_a_team() -> None:
    text = "Hear more about the project from Jane Roe, part of the Example Partners Group team working on it."
    assert names(actors.apposed_people(text)) == {"Jane Roe": ActorType.PERSON}
    assert names(actors.acronym_teams(text)) == {"Example Partners Group": ActorType.ORGANIZATION}
    assert actors.apposed_people("We moved from Example Street to the Old Mill.") == []
    # a country's team is the country's, not an organisation
    assert actors.acronym_teams("the Great Britain team won") == []


def test_government_seats_and_groups_without_one_word_cue() -> None:
    assert actors.classify_name("White House") is ActorType.GOVERNMENT_BODY
    assert actors.classify_name("Downing Street") is ActorType.GOVERNMENT_BODY
    assert actors.classify_name("Open Data Community of Practice") is ActorType.ORGANIZATION
    assert actors.classify_name("Baker Street") is None


def test_document_titles_and_cut_names_are_not_actors() -> None:
    assert actors.classify_name("Guidance for Agency Use of Shared Platforms") is None
    assert actors.classify_name("Act of Parliament") is None
    assert actors.classify_name("Electoral Commission Report") is None
    assert actors.classify_name("Electoral Commission") is ActorType.GOVERNMENT_BODY
    # a name that goes on as a title ("... Authority to Operate") or past an abbreviation's full stop
    assert actors.cue_typed("It expects an Example Board Provisional Authority to Operate soon.") == []
    assert actors.cue_typed("See Office of Mgmt. & Budget, 2015.") == []
    found = names(actors.cue_typed("The Example Authority to the north said no."))
    assert found == {"Example Authority": ActorType.GOVERNMENT_BODY}


def test_weakly_typed_name_used_only_as_a_modifier() -> None:
    text = "Vendors bid for the Rapid Delivery Services contract. The Rapid Delivery Services marketplace opens soon."
    assert actors.cue_typed(text) == []
    text = "The Rapid Delivery Services team shipped it. Rapid Delivery Services said it would grow."
    assert names(actors.cue_typed(text)) == {"Rapid Delivery Services": ActorType.GOVERNMENT_BODY}


def test_groups_named_by_a_plural_of_people() -> None:
    assert actors.classify_name("Civic Innovation Fellows") is ActorType.ORGANIZATION
    assert actors.classify_name("Senior Fellows") is None  # people by their role
    found = extracted("It was built by Example Lab’s Civic Innovation Fellows, 7R, and the Office of Data.")
    assert found.get("Civic Innovation Fellows") is ActorType.ORGANIZATION
    assert found.get("7R") is ActorType.ORGANIZATION


def test_role_of_organisation_before_its_acronym() -> None:
    found = actors.appositions("Jane Roe, Director of Example Transformation Services (ETS) at the agency, spoke.")
    assert ("Jane Roe", "Example Transformation Services") in {(m.name, m.affiliation) for m in found}
    # "of" twice before the bracket: where the name starts is unclear, so no organisation is cut out
    found = actors.appositions("said Jane Roe, Director General of the Chambers of Trade (CT). Then")
    assert all(m.affiliation != "Trade" for m in found)


def test_topic_phrases_are_not_people() -> None:
    for topic in ("Product Management", "Information Architecture", "Data Ethics", "Service Ownership"):
        assert not actors.looks_like_person(topic), topic
    for person in ("Clement Roe", "Jane Murphy", "Florence Haddad"):
        assert actors.looks_like_person(person), person
    assert actors.apposed_people("Tracks covered Product Management, Information Architecture, and Usability.") == []


def test_acronym_as_agent_of_a_passive_verb() -> None:
    assert names(actors.acronym_teams("The dashboard is used by XOCIO to track spending.")) == {
        "XOCIO": ActorType.ORGANIZATION
    }
    # the acronym qualifies the agent: no organisation
    assert actors.acronym_teams("Figures were released by XCS organisers on Tuesday.") == []


def test_publication_named_with_its_article() -> None:
    found = names(actors.reported_speakers("The Meridian called it “the best-run registry in the world.”"))
    assert found == {"The Meridian": ActorType.ORGANIZATION}
    assert actors.reported_speakers("The Judge said the case was closed.") == []
    assert actors.reported_speakers("The Meridian reports said the case was closed.") == []


def test_unit_of_a_body_names_the_body_too() -> None:
    found = names(actors.cue_typed("It came from the Example Data Council Accessibility Community of Practice last year."))
    assert found.get("Example Data Council") is ActorType.ORGANIZATION
    assert "Example Data Council Accessibility Community of Practice" in found
    # a name that ends at the head names no other body
    assert names(actors.cue_typed("the Example Data Council met")) == {"Example Data Council": ActorType.ORGANIZATION}


def test_person_role_and_organisation_on_a_line_of_their_own() -> None:
    found = actors.appositions("Speakers\n\nJane Roe, Chief Data Officer, Example Agency\nOmar Haddad, Lead at Acme Labs\n")
    assert {(m.name, m.affiliation) for m in found if m.type is ActorType.PERSON} == {
        ("Jane Roe", "Example Agency"),
        ("Omar Haddad", "Acme Labs"),
    }
    # a line that goes on in lower case is no apposition
    assert actors.appositions("Jane Roe, Chief Data Officer, Example Agency staff and more\n") == []


def test_acronyms_of_things_and_common_nouns_are_not_organisations() -> None:
    text = "We issued a rapid quote exchange (RQE) last week. The RQE’s terms are short. The XYZA team helped."
    assert actors.common_noun_acronyms(text) == frozenset({"RQE"})
    assert names(actors.acronym_teams(text)) == {"XYZA": ActorType.ORGANIZATION}
    # spelled out with capitals it names a body and may act
    text = "The Office of Quality Xchange (OQX) launched a tool. OQX’s staff built it."
    assert actors.common_noun_acronyms(text) == frozenset()
    assert names(actors.acronym_teams(text)) == {"OQX": ActorType.ORGANIZATION}
    assert actors.acronym_teams("The PDF’s layout changed and USB launched nothing.") == []


def test_person_as_subject_of_a_verb_people_do() -> None:
    found = names(actors.apposed_people("Jane Roe loved the playbook, and Omar Haddad walked us through it."))
    assert found == {"Jane Roe": ActorType.PERSON, "Omar Haddad": ActorType.PERSON}
    # a topic or a place is no subject of that kind
    assert actors.apposed_people("Product Management joined the agenda. Example Street led to the river.") == []


def test_name_cut_at_the_length_limit_is_read_again() -> None:
    text = "It worked with the Department of Social Care Services and Office of Systems Design and Code for Example."
    found = names(actors.cue_typed(text))
    assert found.get("Code for Example") is ActorType.ORGANIZATION
    assert found.get("Office of Systems Design") is ActorType.GOVERNMENT_BODY
    assert not any(name.endswith(" and Code") for name in found)
