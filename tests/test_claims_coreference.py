"""Who a pronoun or a continued quotation belongs to across sentences, and what text a claim keeps where its
speaker stands inside it. Hand-written passages, each rule with a positive and a negative case."""

from __future__ import annotations

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract


def claims_of(text: str) -> list[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [(c.claimant, c.text) for c in extract(doc).claims]


def speakers_of(text: str, fragment: str) -> set[str]:
    return {who for who, said in claims_of(text) if fragment in said}


# --- "they": the subject of the sentence before, or an organisation in the same sentence -----------------

_AGENCY = "The Example Data Agency said the register of public code would open in March. "


def test_they_goes_on_with_the_organisation_that_opens_the_sentence_before() -> None:
    text = _AGENCY + "The Example Workers Union says it wants to keep the old rules. They say that the new fee is unfair to staff."
    assert speakers_of(text, "new fee is unfair") == {"Example Workers Union"}


def test_they_after_a_subject_no_rule_names_is_left_unresolved() -> None:
    # "Farmers" are who "they" are; the agency named two sentences back is not
    text = _AGENCY + "Farmers in the north want to keep the old rules. They say that the new fee is unfair to small farms."
    assert speakers_of(text, "new fee is unfair") == set()


def test_they_within_its_sentence_means_the_organisation_named_there() -> None:
    text = "At a meeting on Monday the Example Workers Union voted, and they said the new fee was unfair to staff."
    assert speakers_of(text, "new fee was unfair") == {"Example Workers Union"}


# --- a quotation with its own cue is never the previous speaker's ---------------------------------------

_EARLIER = "Ana Costa, director of the Example Agency, said: “Every agency will publish its code by the spring.” "


def test_a_quotation_with_a_cue_naming_someone_unknown_is_not_the_previous_speakers() -> None:
    text = _EARLIER + (
        "Delacroix stayed calm. “The vote is not about the opposition, it is about us,” said Delacroix. "
        "“We all want the register to open before the summer is out.”"
    )
    assert speakers_of(text, "not about the opposition") == set()
    assert speakers_of(text, "register to open before the summer") == set()


def test_a_quotation_without_a_cue_goes_on_with_the_previous_speaker() -> None:
    text = _EARLIER + "“We all want the register to open before the summer is out.”"
    assert speakers_of(text, "register to open before the summer") == {"Ana Costa"}


# --- people named in full whom no rule made an actor still stand between a pronoun and an earlier speaker --

_QUOTE = "“Every club will publish the accounts of its academy by next spring,” he said."
_HADDAD = "Mr Omar Haddad, head of the Example Fund, said the fund would pay for new pitches. "


def test_he_after_a_person_no_rule_names_is_left_unresolved() -> None:
    text = _HADDAD + "Example Rovers coach Tom Reyes watched from the stand. Reyes was critical of the board. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == set()


def test_a_person_named_as_an_object_does_not_take_the_pronoun() -> None:
    text = "Mr Omar Haddad, head of the Example Fund, thanked Tom Reyes for the new pitches. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == {"Omar Haddad"}
