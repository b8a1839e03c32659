"""Who "he" or "she" is in a reported statement: the nearest person before it whose gender does not
disagree, preferring a clause's subject to an object, and nobody when that person is one no rule can name
("Keys said", "a spokesman said"). Hand-written passages, positive and negative."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract import claims
from pipelines.extract.pipeline import extract


def speakers_of(text: str, fragment: str) -> set[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return {c.claimant for c in extract(doc).claims if fragment in c.text}


QUOTE = "“Every agency will publish the source code of its services by next spring,” she said."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "Ms Ana Costa, director of the Example Agency, opened the day. Mr Omar Haddad, head of the Example "
            "Fund, said the fund would pay for audits of public code. " + QUOTE,
            "Ana Costa",
            id="she-skips-the-nearer-mr",
        ),
        pytest.param(
            "Ana Costa, director of the Example Agency, said the plan had been agreed in May. The director "
            "thanked the staff. " + QUOTE,
            "Ana Costa",
            id="a-definite-role-refers-back-to-the-person",
        ),
        pytest.param(
            "Ana Costa, director of the Example Agency, said the plan had been agreed in May. She praised "
            "Minister Jane Roe, head of the Example Ministry, for her support. " + QUOTE,
            "Ana Costa",
            id="the-subject-before-the-object",
        ),
    ],
)
def test_pronoun_finds_its_person(text: str, speaker: str) -> None:
    assert speakers_of(text, "source code of its services") == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Ana Costa, director of the Example Agency, said the plan had been agreed in May. Later Delacroix "
            "said she was very pleased with the result. " + QUOTE,
            id="an-unnamed-subject-in-between",
        ),
        pytest.param(
            "Ana Costa, director of the Example Agency, said the plan had been agreed in May. A ministry "
            "spokeswoman said the budget was not settled yet. " + QUOTE,
            id="a-spokeswoman-in-between",
        ),
        pytest.param(
            "Mr Omar Haddad, head of the Example Fund, said the fund would pay for audits of public code. " + QUOTE,
            id="she-never-means-a-mr",
        ),
    ],
)
def test_pronoun_left_unresolved(text: str) -> None:
    assert speakers_of(text, "source code of its services") == set()


def test_gender_from_the_pronoun_after_a_name() -> None:
    text = "Omar Haddad said he would stay. Ana Costa said she would go. Jo Lee left."
    index = [
        (0, 11, "Omar Haddad", claims.ActorType.PERSON),
        (32, 41, "Ana Costa", claims.ActorType.PERSON),
        (61, 67, "Jo Lee", claims.ActorType.PERSON),
    ]
    chain = claims.antecedents(text, index, lambda name: False)
    assert [(a.name, a.gender) for a in chain] == [("Omar Haddad", "m"), ("Ana Costa", "f"), ("Jo Lee", "")]
    find = claims.pronoun_resolver(chain)
    assert find(60, "he") == "Omar Haddad"  # before Jo Lee: the nearest man, past the nearer woman
    assert find(60, "she") == "Ana Costa"
    assert find(len(text), "she") == "Jo Lee"  # a gender the text does not tell agrees with either


def test_a_pronoun_opening_a_sentence_goes_on_with_the_last_sentence_topic() -> None:
    # centering: "He" continues the person the sentence before opens with (itself a "he" here), even though
    # another man is named later in that sentence
    text = (
        "Jo Lee, deputy head of the Example Union, described the history of the union. He said its growth "
        "resembled the model that Tom Reyes, a researcher, had shown earlier. He presented the Example Platform, "
        "which now has 400 developers in 30 countries."
    )
    assert speakers_of(text, "400 developers in 30 countries") == {"Jo Lee"}


def test_a_topic_of_the_other_gender_leaves_the_nearest_person() -> None:
    text = (
        "Ms Ana Costa, director of the Example Agency, opened the meeting. She thanked Mr Tom Reyes, the new "
        "treasurer of the Example Fund. He said that the fund would pay for audits of public code."
    )
    assert speakers_of(text, "pay for audits of public code") == {"Tom Reyes"}


def test_the_topic_is_the_head_of_its_noun_phrase() -> None:
    # an organisation taken for a person ("Example Office") that only describes the one named after it
    text = "Example Office minister Jo Lee said she had hopes. She said the plan was good."
    index = [
        (0, 14, "Example Office", claims.ActorType.PERSON),
        (24, 30, "Jo Lee", claims.ActorType.PERSON),
    ]
    find = claims.pronoun_resolver(claims.antecedents(text, index, lambda name: False))
    assert find(text.index("She said"), "she") == "Jo Lee"


def test_told_with_its_object_before_a_colon_is_left_out_of_the_claim() -> None:
    text = "Ana Costa, director of the Example Agency, told the local radio station: every agency will publish its code."
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    assert [c.text for c in extract(doc).claims] == ["every agency will publish its code."]


def test_a_that_clause_opening_a_sentence_goes_on_with_the_previous_sentence_person() -> None:
    text = (
        "Jo Lee, an organiser of the Example Hackathon, spoke last. She echoed the views of her colleagues on "
        "access. And that the test for access is not just a legal duty but a part of good design."
    )
    assert speakers_of(text, "the test for access is not just") == {"Jo Lee"}


def test_a_demonstrative_that_opening_a_sentence_goes_on_with_nobody() -> None:
    # "that" before a noun ("that ruling") or a verb ("that was") is a demonstrative
    text = (
        "Jo Lee, an organiser of the Example Hackathon, spoke last. She echoed the views of her colleagues on "
        "access. But that ruling was the end of a long day of talks about testing for access."
    )
    assert speakers_of(text, "the end of a long day") == set()
    assert speakers_of(text.replace("But that ruling was", "And that was"), "the end of a long day") == set()


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        pytest.param("Ana Costa's lawyer, Omar Haddad, spoke after her.", "Omar Haddad", id="the-head-after-a-possessor"),
        pytest.param("Example Party spokesman for trade Omar Haddad spoke next.", "Omar Haddad", id="a-long-description"),
    ],
)
def test_the_topic_is_the_person_the_subject_phrase_names(opening: str, speaker: str) -> None:
    text = (
        "Ms Ana Costa, director of the Example Agency, and Mr Omar Haddad, head of the Example Fund, met. "
        + opening
        + " “Every agency will publish the source code of its services by next spring,” he said."
    )
    assert speakers_of(text, "source code of its services") == {speaker}


def test_a_possessor_is_no_topic() -> None:
    text = (
        "Mr Omar Haddad, head of the Example Fund, spoke first. Mr Tom Reyes, the treasurer, answered. "
        "Omar Haddad's team has shown little in public, but Reyes insisted they would win. "
        "“Every agency will publish the source code of its services by next spring,” he said."
    )
    assert "Omar Haddad" not in speakers_of(text, "source code of its services")


def test_a_pronoun_after_the_verb_that_opens_the_statement_is_no_inverted_speaker() -> None:
    text = (
        "Jo Lee, Ana Costa and Mia Park are the finalists. Example Channel's head of shows, Rita Gomez, said she "
        "had no doubt about renewing the show for another year."
    )
    assert not any(said.startswith("Example Channel") for said in speakers_of_all(text))


def speakers_of_all(text: str) -> list[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [c.text for c in extract(doc).claims]
