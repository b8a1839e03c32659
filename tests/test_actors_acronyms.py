"""Organisations known by an acronym that owns something or acts; with negatives."""

from __future__ import annotations

from ontology.records import ActorType, Document, DocumentKind
from pipelines.extract import actors
from pipelines.extract.pipeline import extract


def _agents(text: str) -> set[str]:
    return {m.name for m in actors.acronym_teams(text) if m.rule == "actor.agent"}


def test_acronym_with_possessive_or_agent_verb_is_an_organisation() -> None:
    text = "XQA’s acting head spoke. ZRB launched a portal, and 7QX has hosted a meetup."
    assert _agents(text) == {"XQA", "ZRB", "7QX"}
    assert all(m.type is ActorType.ORGANIZATION for m in actors.acronym_teams(text))


def test_countries_function_acronyms_and_known_laws_are_not_agents() -> None:
    text = "The US’s budget grew. IT’s help desk moved. GDPR’s rules apply. HR launched a survey. 2020’s end came."
    assert _agents(text) == set()


def test_an_acronym_the_text_defines_as_a_law_does_not_act() -> None:
    text = "News\n\nThe Example Reform Act (ERA) passed. ERA’s rules apply to agencies."
    doc = Document("a1", "a1.txt", "h", DocumentKind.NEWS_ARTICLE, "News", text)
    assert "ERA" not in {a.name for a in extract(doc).actors}


def test_national_qualifier_names_the_same_organisation() -> None:
    text = "News\n\nThe Example Services Administration met. Later the U.S. Example Services Administration wrote."
    doc = Document("a2", "a2.txt", "h", DocumentKind.NEWS_ARTICLE, "News", text)
    names = {a.name for a in extract(doc).actors}
    assert "U.S. Example Services Administration" in names and "Example Services Administration" not in names
    other = "News\n\nThe Example Services Administration met. Later the Northern Example Services Administration wrote."
    doc = Document("a3", "a3.txt", "h", DocumentKind.NEWS_ARTICLE, "News", other)
    assert {"Example Services Administration", "Northern Example Services Administration"} <= {
        a.name for a in extract(doc).actors
    }


def test_coordinated_complement_of_a_department_is_one_name() -> None:
    found = {m.name for m in actors.cue_typed("The Department of Health and Human Services met the press.")}
    assert "Department of Health and Human Services" in found and "Human Services" not in found
    two = {m.name for m in actors.cue_typed("The Ministry of Culture and Ministry of Education met.")}
    assert {"Ministry of Culture", "Ministry of Education"} <= two


def test_office_of_a_policy_field_and_a_board_are_bodies() -> None:
    assert actors.classify_name("Example House Office of Science and Technology Policy") is ActorType.GOVERNMENT_BODY
    assert actors.classify_name("U.S. Example Board") is ActorType.ORGANIZATION
    assert actors.classify_name("Head of Developer Policy") is None  # a job title
    assert actors.classify_name("Secretary of the Department of Labor") is None


def test_office_and_surname_is_a_person_joined_to_the_full_name() -> None:
    assert [m.name for m in actors.titled_surnames("Later President Roe met Senator Doe-Smith there.")] == [
        "President Roe", "Senator Doe-Smith"]
    doc = Document("a4", "a4.txt", "h", DocumentKind.NEWS_ARTICLE, "News",
                   "News\n\nJane Roe, the president of Example Land, spoke. Later President Roe left.")
    people = {a.name: a for a in extract(doc).actors if a.type is ActorType.PERSON}
    assert "President Roe" in people["Jane Roe"].aliases and "President Roe" not in people


def test_office_before_a_common_word_or_a_full_name_is_no_titled_surname() -> None:
    text = "The President Elect spoke; Secretary General Roe and President Jane Roe too. The Premier League and the league."
    assert actors.titled_surnames(text) == []


def test_acronym_list_with_one_known_organisation_makes_all_organisations() -> None:
    lists = actors.acronym_lists("It was built by XQA, ZRB, and QQM’s team.")
    assert [[m.name for m in items] for items in lists] == [["XQA", "ZRB", "QQM"]]
    doc = Document("a5", "a5.txt", "h", DocumentKind.NEWS_ARTICLE, "News",
                   "News\n\nThe QQM team met. It was built by XQA, ZRB, and QQM together.")
    assert {"XQA", "ZRB", "QQM"} <= {a.name for a in extract(doc).actors}
    unknown = Document("a6", "a6.txt", "h", DocumentKind.NEWS_ARTICLE, "News",
                       "News\n\nFiles come as PDF, CSV, and XML today.")
    assert not {"PDF", "CSV", "XML"} & {a.name for a in extract(unknown).actors}


def test_generic_government_and_posts_are_not_bodies() -> None:
    assert actors.classify_name("Federal Government") is None
    assert actors.classify_name("US Government") is ActorType.GOVERNMENT_BODY  # a country's government is someone
    assert actors.classify_name("Managing Director of the Example Services") is None
    assert actors.classify_name("Senior Agency Official for Privacy") is None
    assert actors.classify_name("Office of Example Budget") is ActorType.GOVERNMENT_BODY


def test_cue_words_in_a_headline_count_only_when_the_body_names_them() -> None:
    title = "Neighbours Collaborate to Improve Open Government and Digital Services"
    doc = Document("a7", "a7.txt", "h", DocumentKind.NEWS_ARTICLE, title, f"{title}\n\nThree countries met.")
    assert not {a.name for a in extract(doc).actors} & {"Improve Open Government and Digital Services",
                                                          "Improve Open Government", "Digital Services"}
    title = "Example Digital Service Opens an Office"
    doc = Document("a8", "a8.txt", "h", DocumentKind.NEWS_ARTICLE, title,
                   f"{title}\n\nThe Example Digital Service said it will hire.")
    assert "Example Digital Service" in {a.name for a in extract(doc).actors}


def test_an_office_of_two_portfolios_stays_one_name() -> None:
    found = {m.name for m in actors.cue_typed("The Office of Citizen Services and Example Technologies (OCSET) met.")}
    assert "Office of Citizen Services and Example Technologies" in found
    two = {m.name for m in actors.cue_typed("The Department of Justice and Example Corporation settled.")}
    assert {"Department of Justice", "Example Corporation"} <= two


def test_a_pair_of_acronyms_is_a_list_of_one_kind() -> None:
    pairs = [[m.name for m in items] for items in actors.acronym_lists("Not something just XQ4 or ZRT are doing.")]
    assert pairs == [["XQ4", "ZRT"]]
    # a country or a function in the pair is no organisation
    assert actors.acronym_lists("Both UK and IT budgets grew.") == []


def test_an_acronym_in_a_continuous_perfect_or_before_an_office_acts() -> None:
    text = "XQ4 has been working with the Treasury. The ZRT Office of Citizen Data has grown.\n"
    found = {m.name for m in actors.acronym_teams(text)}
    assert {"XQ4", "ZRT"} <= found
    # a country before an office is no organisation of its own
    assert actors.acronym_teams("The US Department of State replied.\n") == []


def test_a_web_domain_that_owns_something_or_has_a_team_is_an_organisation() -> None:
    text = "Over 900 people joined Example.gov’s spring summit. Thanks to the Sample.mil team.\n"
    assert {m.name for m in actors.acronym_teams(text)} == {"Example.gov", "Sample.mil"}
    # a domain in an address or a plain link is not an actor
    assert actors.acronym_teams("Write to team@Example.gov or visit https://Sample.mil today.\n") == []
