"""A quotation that follows a reported-speech sentence holding a partial quotation ("Roe said the plan was
"a costly mistake". "We will fight it."): the partial quotation is part of that sentence, so the full
quotation after it goes on with the sentence's speaker; with negatives where the sentence before names no
speaker or where the quotation has a speaker of its own."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract

INTRO = "Jane Roe, chair of the Example Tenants Union, and Tom Lee, the city's housing director, met on Monday. "
QUOTE = "We will take the council to court if it does not change course"


def speakers_of(text: str, fragment: str) -> set[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return {c.claimant for c in extract(doc).claims if fragment in c.text}


@pytest.mark.parametrize(
    "gap",
    [pytest.param(" ", id="same-paragraph"), pytest.param("\n\n", id="next-paragraph")],
)
def test_quotation_after_reported_speech_with_a_partial_quote(gap: str) -> None:
    text = INTRO + f'Jane Roe said the new rent rules were "a costly mistake" for families.{gap}"{QUOTE}."'
    assert speakers_of(text, "take the council to court") == {"Jane Roe"}


def test_partial_quote_at_the_end_of_the_sentence_before() -> None:
    text = INTRO + f'Jane Roe warned officials that they should "think again".\n\n"{QUOTE}."'
    assert speakers_of(text, "take the council to court") == {"Jane Roe"}


def test_no_speaker_in_the_sentence_before_gives_no_claim() -> None:
    text = INTRO + f'The new rent rules were called "a costly mistake" by some families.\n\n"{QUOTE}."'
    assert speakers_of(text, "take the council to court") == set()


def test_a_quotation_with_its_own_cue_keeps_its_own_speaker() -> None:
    text = INTRO + f'Jane Roe said the new rent rules were "a costly mistake". "{QUOTE}," Tom Lee said.'
    assert speakers_of(text, "take the council to court") == {"Tom Lee"}


def test_a_full_quotation_in_the_sentence_before_is_not_read_as_a_cue() -> None:
    # the sentence before is itself a quotation of someone unnamed: the next quotation is not Roe's
    text = INTRO + f'Jane Roe met tenants. A tenant said: "The new rent rules are a costly mistake for us all." "{QUOTE}."'
    assert speakers_of(text, "take the council to court") == set()


@pytest.mark.parametrize(
    "gap",
    [pytest.param(" ", id="same-paragraph"), pytest.param("\n\n", id="next-paragraph")],
)
def test_a_name_before_a_set_off_pronoun_speaker_is_not_the_speaker(gap: str) -> None:
    # "Tom Lee has failed families, she claimed": Lee is in the statement; the quotation after is not his
    text = INTRO + f'Tom Lee has failed families, she claimed, saying he had the "wrong answer" to them.{gap}"{QUOTE}."'
    assert "Tom Lee" not in speakers_of(text, "take the council to court")


def test_a_quotation_with_an_unresolved_cue_of_its_own_does_not_look_back_past_partial_quotes() -> None:
    # "said Kim" is the quotation's own cue (Kim is no actor the text introduced): not Roe's quotation
    text = INTRO + f'Jane Roe said the plan was "a costly mistake" for all. "{QUOTE}," said Kim.'
    assert "Jane Roe" not in speakers_of(text, "take the council to court")


def test_quotation_after_a_short_attributed_one_goes_on_with_its_speaker() -> None:
    text = INTRO + f'"It is unfair," said Jane Roe. "{QUOTE}."'
    assert speakers_of(text, "take the council to court") == {"Jane Roe"}


def test_a_short_quotation_of_someone_else_ends_the_speaker_before() -> None:
    # Tom Lee spoke first; the short quotation between is Kim's (no actor), so the last one is not Lee's
    text = INTRO + f'"The rent rules will stay as they are this year," said Tom Lee. "Not for us," said Kim. "{QUOTE}."'
    assert "Tom Lee" not in speakers_of(text, "take the council to court")
