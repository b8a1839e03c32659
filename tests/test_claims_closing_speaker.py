"""A sentence closed by its speaker ("Roe has failed, Lee has said.") has that speaker as its topic, and a
quotation whose own cue names nobody the rules resolve ("...," the party leader said) takes no speaker from
the paragraph before; with the negatives that still resolve."""

from __future__ import annotations

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract


def claims_of(text: str) -> list[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [(c.claimant, c.text) for c in extract(doc).claims]


def speakers_of(text: str, fragment: str) -> set[str]:
    return {who for who, said in claims_of(text) if fragment in said}


OPENING = "Jo Adams has had the chance to fix the harbour and has failed, Tom Hale has said.\n\n"


def test_a_pronoun_after_a_closing_speaker_means_the_speaker() -> None:
    text = OPENING + "The harbour board was slow to act on the silt, he added."
    assert speakers_of(text, "slow to act on the silt") == {"Tom Hale"}


def test_a_pronoun_after_an_opening_subject_still_means_the_subject() -> None:
    text = (
        "Jo Adams, director of the Example Port Authority, told the board that the harbour was failing, as "
        "Tom Hale knew well.\n\nThe harbour board was slow to act on the silt, he added."
    )
    assert speakers_of(text, "slow to act on the silt") == {"Jo Adams"}


def test_an_unresolved_own_cue_takes_no_speaker_from_the_paragraph_before() -> None:
    text = OPENING + '"The harbour is heading the wrong way," a party leaflet said on Monday.'
    assert speakers_of(text, "heading the wrong way") == set()


def test_a_block_quotation_with_no_cue_of_its_own_goes_to_the_paragraph_before() -> None:
    text = "Tom Hale spoke at the harbour on Friday and added:\n\n\"The harbour is heading the wrong way.\""
    assert speakers_of(text, "heading the wrong way") == {"Tom Hale"}


# --- a quotation run broken by someone no rule names --------------------------------------------------------

_ROE = '"The silt has cost the port a fortune this winter," said Jo Roe, director of the Example Port Authority. '


def test_a_stranger_opening_a_sentence_between_quotations_breaks_the_run() -> None:
    text = _ROE + (
        "Omar Castillo, 54, watched from the quay. Castillo could not believe the figures. "
        'He said: "Nobody asked the fishermen what they thought of it."'
    )
    assert speakers_of(text, "Nobody asked the fishermen") == set()


def test_a_sentence_with_no_person_between_quotations_keeps_the_run() -> None:
    text = _ROE + 'The figures were checked twice. "Nobody asked the fishermen what they thought of it."'
    assert speakers_of(text, "Nobody asked the fishermen") == {"Jo Roe"}


def test_a_possessed_spokesman_opening_a_sentence_breaks_the_run() -> None:
    text = _ROE + 'But her spokesman insisted the port had done its best. "Nobody could have planned for the silt."'
    assert speakers_of(text, "Nobody could have planned") == set()


def test_a_possessed_object_between_quotations_keeps_the_run() -> None:
    text = _ROE + 'She showed her spokesman the figures. "Nobody could have planned for the silt," she said.'
    assert speakers_of(text, "Nobody could have planned") == {"Jo Roe"}


# --- a description opening a sentence ------------------------------------------------------------------------

_MOYA = "Example Rovers manager Dan Moya has apologised after his striker fouled Example City defender Leo Brandt. "


def test_a_pronoun_after_a_description_goes_on_with_the_topic_before_it() -> None:
    text = _MOYA + (
        "The Scot initially defended his player, saying Brandt had gone down too easily. "
        'He said: "I should set the record straight about what happened on Saturday."'
    )
    assert speakers_of(text, "set the record straight") == {"Dan Moya"}


def test_a_pronoun_with_no_description_before_it_still_takes_the_nearest_subject() -> None:
    text = _MOYA + 'Brandt went down holding his face. He said: "I should set the record straight about Saturday."'
    assert speakers_of(text, "set the record straight") != {"Dan Moya"}


def test_a_description_as_speaker_goes_on_with_the_topic_before_it() -> None:
    text = OPENING + '"The harbour is heading the wrong way," the party leader said in his message.'
    text = text.replace("\n\n", " ")
    assert speakers_of(text, "heading the wrong way") == {"Tom Hale"}


def test_a_description_the_text_has_used_for_someone_else_is_not_the_topic() -> None:
    text = (
        "Jo Adams, director of the Example Port Authority, met the harbour master on Friday. "
        '"The harbour is heading the wrong way," the harbour master said after the meeting.'
    )
    assert speakers_of(text, "heading the wrong way") == set()
