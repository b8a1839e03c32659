"""An organisation spoken of as "it" ("The Example Housing Agency published ... It added that ..."; '"...," it
said.'; 'It said: "..."'): the organisation that opens the sentence before; not a name inside what that
sentence reports, not one owning its subject, and nothing when a person or no organisation opens it."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract

AGENCY = "The Example Housing Agency published its annual figures on Monday. "
RENTS = "rents had risen by a third in the two years since May"
QUOTED = "Rents have risen by a third in the two years since May"


def speakers_of(text: str) -> set[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return {c.claimant for c in extract(doc).claims if "by a third" in c.text}


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(f"It added that {RENTS}.", id="it-added-that"),
        pytest.param(f"It has also warned that {RENTS}.", id="it-has-also-warned"),
        pytest.param(f'"{QUOTED}," it said.', id="quotation-it-said"),
        pytest.param(f'It said: "{QUOTED}."', id="it-said-colon"),
    ],
)
def test_it_is_the_organisation_opening_the_sentence_before(sentence: str) -> None:
    assert speakers_of(AGENCY + sentence) == {"Example Housing Agency"}


@pytest.mark.parametrize(
    "before",
    [
        pytest.param("Jane Roe said the Example Housing Agency's offer was too low. ", id="name-inside-the-report"),
        pytest.param("The Example Housing Agency's director, Jane Roe, spoke on Monday. ", id="owner-of-the-subject"),
        pytest.param("Many tenants wrote to the Example Housing Agency on Monday. ", id="organisation-as-object"),
    ],
)
def test_it_without_an_organisation_opening_the_sentence_before(before: str) -> None:
    assert "Example Housing Agency" not in speakers_of(before + f"It added that {RENTS}.")
    assert "Example Housing Agency" not in speakers_of(before + f'"{QUOTED}," it said.')


def test_it_that_is_no_subject_of_a_reporting_verb() -> None:
    assert speakers_of(AGENCY + f"It is believed that {RENTS}.") == set()
