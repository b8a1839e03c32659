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
