"""A relative pronoun right before the reporting verb ("Roe met the residents who said ..."): the speaker is the
noun before the pronoun, so a named actor earlier in the sentence is not; but "Roe, who said ...", "Example
Org (EO), which said ..." and "Example Org - which said ..." are the named actor's."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract

INTRO = "Jane Roe, chair of the Example Tenants Union, and Tom Lee, the city's housing director, met on Monday. "
CLAIM = "the repairs had not been done for more than a year"


def speakers_of(text: str) -> set[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return {c.claimant for c in extract(doc).claims if "repairs had not been done" in c.text}


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(f"Jane Roe met the residents who said {CLAIM}.", id="who"),
        pytest.param(f"Jane Roe quoted a survey which found that {CLAIM}.", id="which"),
    ],
)
def test_relative_clause_of_another_noun_is_not_the_named_actors(sentence: str) -> None:
    assert speakers_of(INTRO + sentence) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(f"The vote was called by Jane Roe, who said {CLAIM}.", id="who-after-name"),
        pytest.param(
            f"The meeting was held by the Example Tenants Union (ETU), which said {CLAIM}.", id="which-after-acronym"
        ),
        pytest.param(f"The Example Tenants Union - which said {CLAIM} - called the vote.", id="which-after-dash"),
    ],
)
def test_relative_clause_of_the_named_actor(sentence: str) -> None:
    assert len(speakers_of(INTRO + sentence)) == 1


RENTS = "Rents will rise by a third in the next two years"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(f"{RENTS}, according to Jane Roe, who leads the tenants union.", id="source-at-the-end"),
        pytest.param(f"According to Jane Roe, who leads the union, {RENTS.lower()}.", id="source-first"),
        pytest.param(f'"{RENTS}," according to Jane Roe, who leads the union.', id="quotation"),
    ],
)
def test_relative_clause_after_an_according_to_source_is_no_statement(sentence: str) -> None:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", INTRO + sentence)
    found = [(c.claimant, c.text) for c in extract(doc).claims]
    assert [who for who, said in found if "rise by a third" in said.lower()] == ["Jane Roe"]
    assert all("leads the" not in said and not said.endswith(",") for _, said in found)
