"""Names inside titles, products, documents and places are no actors; the same names in prose still are."""

from __future__ import annotations

from ontology.records import ActorType, Role
from pipelines.extract import actors


def names(mentions: list[actors.Mention]) -> dict[str, ActorType]:
    return {m.name: m.type for m in mentions}


def test_a_cue_word_inside_a_listed_talk_title_names_no_one() -> None:
    text = (
        "### Talks\n"
        "- Example Open Summit: Rebuilding Government with Shared Code\n"
        "- Opening the First Data Office at a Northern Regional Agency\n"
    )
    found = names(actors.cue_typed(text))
    assert "Rebuilding Government" not in found
    assert "Northern Regional Agency" not in found


def test_a_title_keeps_the_body_that_made_it_or_hosts_it() -> None:
    text = (
        "- Data Leaders Receive Service Awards from Example Media Institute\n"
        "- Keynote at the Example Valley University\n"
        "- Example Data Agency\n"
    )
    found = names(actors.cue_typed(text))
    assert {"Example Media Institute", "Example Valley University", "Example Data Agency"} <= set(found)


def test_names_in_sentences_and_lists_are_not_titles() -> None:
    text = (
        "The group uses data from Examplia, the Northern Space Agency and the Coastal Monitoring Constellation.\n"
        "According to the Example Trade Journal Institute, sales rose.\n"
        "Department of Justice’s Office of Records Policy: We began early.\n"
    )
    found = names(actors.cue_typed(text))
    assert {"Northern Space Agency", "Example Trade Journal Institute", "Department of Justice",
            "Office of Records Policy"} <= set(found)


def test_two_names_joined_in_a_talk_title_are_not_two_people() -> None:
    title = "* 2:00 pm - 3:00 pm: How Bright Teams Build and Grow Readers—Jane Roe, Consultant\n"
    assert "Bright Teams Build" not in names(actors.apposed_people(title))
    prose = "The panel was run by Lena Berg and Tomas Ruiz on Monday.\n"
    assert {"Lena Berg", "Tomas Ruiz"} <= set(names(actors.apposed_people(prose)))


def test_title_words_and_gerund_openings_are_no_names() -> None:
    assert actors.classify_name("Tools That Can Help Every Agency") is None
    assert actors.classify_name("Example Offices Can Sort All Their Repositories") is None
    assert actors.classify_name("Launching the Agency") is None
    # an -ing word that opens a place name is kept: no determiner follows it
    assert actors.classify_name("Keating Borough Council") is not None
    assert actors.classify_name("Her Majesty's Revenue Agency") is not None


def test_a_product_edition_for_a_market_is_no_body() -> None:
    assert actors.classify_name("Example Meet for Government") is None
    assert actors.classify_name("Example Cloud for Business") is None
    assert actors.classify_name("Institute for Government") is not None
    assert actors.classify_name("Department for Business") is ActorType.GOVERNMENT_BODY


def test_plural_policy_heads_and_product_tails_name_things() -> None:
    assert actors.classify_name("Open Government National Action Plans") is None
    assert actors.classify_name("Example College Scorecard") is None
    assert actors.classify_name("Example Agency Dashboard") is None
    assert actors.classify_name("Example College") is ActorType.ORGANIZATION
    assert actors.classify_name("National Planning Agency") is ActorType.GOVERNMENT_BODY


def test_a_body_s_site_names_the_body() -> None:
    found = names(actors.cue_typed("The summit met at United Nations Headquarters NYC in June.\n"))
    assert found.get("United Nations") is ActorType.IGO
    assert "United Nations Headquarters NYC" not in found
    # a street or a square may open a body's own name, and a seat of government stands for its body
    assert actors.classify_name("Wall Street Journal") is ActorType.ORGANIZATION
    assert names(actors.cue_typed("Downing Street said the plan would go ahead.\n")).get("Downing Street") is not None


def test_people_listed_under_a_speakers_heading() -> None:
    text = (
        "### Speakers\n\n"
        "- Chad Okoro: Evangelist and developer, now improving tech at Example Agency.\n"
        "- Lena Berg, data lead at Example Lab.\n\n"
        "### Related resources\n\n"
        "- Open Data Basics: a primer\n"
    )
    found = {e.person: e.role for e in actors.listings(text)}
    assert found == {"Chad Okoro": Role.SPEAKER, "Lena Berg": Role.SPEAKER}
    # the same items under a heading that lists no people are not people
    assert actors.listings(text.replace("### Speakers", "### Resources")) == []


def test_an_acronym_in_a_perfect_tense_or_after_any_passive_by_acts() -> None:
    text = (
        "XQ4 has long espoused working in the open. Contracts negotiated by ZRT were reused.\n"
        "The illness, caused by ABC infection, spread.\n"
    )
    found = names(actors.acronym_teams(text))
    assert {"XQ4", "ZRT"} <= set(found)
    assert "ABC" not in found  # a modifier of the noun after it, not the agent
    assert "IT" not in names(actors.acronym_teams("IT has changed how we work.\n"))


def test_a_services_body_is_named_unless_all_its_words_name_a_topic() -> None:
    assert actors.classify_name("Technology Renewal Services") is ActorType.ORGANIZATION
    assert actors.classify_name("Digital Services") is None
    assert actors.classify_name("Public Cloud Services") is None


def test_a_time_phrase_makes_a_title() -> None:
    assert actors.classify_name("Example OSPO One Year Later") is None
    assert actors.classify_name("Example OSPO") is ActorType.ORGANIZATION


def test_the_body_an_event_is_named_after_is_an_actor() -> None:
    found = names(actors.cue_typed("Also presented at the Example Foundation Member Summit in May.\n"))
    assert found.get("Example Foundation") is ActorType.ORGANIZATION
    # an event named without an institution's head word, or a body whose own name ends in "Congress"
    assert names(actors.cue_typed("Talks at the Example Open Member Summit.\n")) == {}
    assert "Trades Union" not in names(actors.cue_typed("The Trades Union Congress met on Monday.\n"))


def test_two_people_joined_by_or_are_people() -> None:
    found = names(actors.apposed_people("For details, email Lena Berg or Tomas Ruiz.\n"))
    assert found == {"Lena Berg": ActorType.PERSON, "Tomas Ruiz": ActorType.PERSON}
    # a person and an organisation joined by "or" are not two people
    assert "Example Lab" not in names(actors.apposed_people("Ask Lena Berg or Example Lab.\n"))
