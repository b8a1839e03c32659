"""A participle cue after the main clause ("Roe rejected the plan, saying it would cost jobs"; "..., telling
local radio that ..."; "..., adding that ..."): the statement is the subject's that opens the sentence; with
negatives where the participle reports nothing ("adding four members", "warning of delays") or the sentence
opens with no named subject."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract

INTRO = "Jane Roe, chair of the Example Tenants Union, and Tom Lee, the city's housing director, met on Monday. "


def claims_of(text: str) -> list[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [(c.claimant, c.text) for c in extract(doc).claims]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Jane Roe rejected the mayor's plan, saying the council was not listening to tenants.", id="saying"),
        pytest.param(
            "Jane Roe has criticised the mayor's plan, telling local radio that the council was not listening to tenants.",
            id="telling-listener-that",
        ),
        pytest.param(
            "But Jane Roe welcomed the vote, adding that the council was not listening to tenants before.", id="adding-that"
        ),
        pytest.param("She rejected the mayor's plan, saying the council was not listening to tenants.", id="pronoun"),
        pytest.param(
            "Union Chair Jane Roe has defended the strike, saying the council was not listening to tenants.",
            id="title-before-the-name",
        ),
    ],
)
def test_participle_after_the_main_clause_reports_the_subject(sentence: str) -> None:
    found = claims_of(INTRO + sentence)
    assert [who for who, said in found if "the council was not listening" in said] == ["Jane Roe"]
    assert all(not said.startswith(("Jane Roe", "She", "But")) for _, said in found)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Jane Roe expanded the union, adding four members from the eastern districts.", id="adding-no-that"),
        pytest.param("Jane Roe opened the meeting, warning of long delays in the repair programme.", id="warning-of"),
        pytest.param("Jane Roe left the hall early, saying goodbye to every tenant at the door.", id="saying-goodbye"),
        pytest.param(
            "The new rules were rejected by tenants, saying the council was not listening to them at all.",
            id="no-named-subject",
        ),
        pytest.param(
            "A lawyer for Jane Roe rejected the plan, saying the council was not listening to tenants.",
            id="subject-is-not-the-name",
        ),
    ],
)
def test_participle_that_reports_nothing_or_no_named_subject(sentence: str) -> None:
    assert claims_of(INTRO + sentence) == []
