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
    text = _HADDAD + "Tom Reyes watched from the stand. Reyes was critical of the board. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == set()


def test_he_after_a_person_a_bare_role_names_is_that_person() -> None:
    text = _HADDAD + "Example Rovers coach Tom Reyes watched from the stand. Reyes was critical of the board. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == {"Tom Reyes"}


def test_a_person_named_as_an_object_does_not_take_the_pronoun() -> None:
    text = "Mr Omar Haddad, head of the Example Fund, thanked Tom Reyes for the new pitches. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == {"Omar Haddad"}


# --- a speaker phrase set off inside the statement: the statement is both halves --------------------------

_LEE = "Ms Jo Lee, head of the Example Courts Agency, spoke on Monday. "


def test_a_pronoun_speaker_set_off_mid_sentence_keeps_the_statement_whole() -> None:
    text = _LEE + (
        "The head of the court service should not also sit in the Example Senate, she said, and should be chosen "
        "from either house."
    )
    assert claims_of(text) == [
        (
            "Jo Lee",
            "The head of the court service should not also sit in the Example Senate, and should be chosen from "
            "either house.",
        )
    ]


def test_a_pronoun_subject_after_an_opening_clause_reports_what_follows() -> None:
    text = _LEE + "When the budget was cut, she said the courts would close two offices in the Example Senate."
    assert claims_of(text) == [("Jo Lee", "the courts would close two offices in the Example Senate.")]


def test_a_speaker_inside_a_relative_clause_gives_no_subjectless_claim() -> None:
    text = "The leaflet, which the Example Data Agency says has cost about 2,500 euros to print, went out on Monday."
    assert speakers_of(text, "cost about 2,500") == set()


def test_a_that_clause_after_a_speaker_keeps_its_own_subject() -> None:
    text = "Critics argue that the Example Data Agency says it has spent about 2,500 euros on the leaflet."
    assert speakers_of(text, "spent about 2,500") == {"Example Data Agency"}


def test_a_span_of_time_between_the_verb_and_its_clause_is_left_out() -> None:
    text = "The Example Data Agency said a week later that it had not approved the sale of the register."
    assert claims_of(text) == [("Example Data Agency", "it had not approved the sale of the register.")]


def test_a_span_of_time_inside_the_statement_stays() -> None:
    text = "The Example Data Agency said the register would open two weeks later than planned."
    assert claims_of(text) == [("Example Data Agency", "the register would open two weeks later than planned.")]


def test_a_reporting_verb_inside_an_opening_conditional_reports_nothing() -> None:
    text = "Mr Omar Haddad spoke at the launch. If he believes the register works then he should open it to everyone."
    assert speakers_of(text, "should open it to everyone") == set()
    assert speakers_of(text, "register works") == set()


def test_a_reporting_verb_after_the_conditional_still_reports() -> None:
    text = "Mr Omar Haddad spoke at the launch. If the register opens, he said the fund would pay for its hosting."
    assert speakers_of(text, "fund would pay for its hosting") == {"Omar Haddad"}


def test_believing_in_something_is_no_statement() -> None:
    text = "Mr Omar Haddad, head of the Example Fund, believes in open registers for all public code in the region."
    assert claims_of(text) == []


def test_described_as_gives_a_label_not_a_claim() -> None:
    text = "The Example Data Agency described the release of its code as a new era for public software in Europe."
    assert claims_of(text) == []


def test_described_with_a_that_clause_still_reports() -> None:
    text = "The Example Data Agency described in its report that most of the public code in Europe is never reused."
    assert speakers_of(text, "most of the public code") == {"Example Data Agency"}


def test_an_adverbial_before_a_set_off_pronoun_is_left_out() -> None:
    text = _LEE + "But now, she said, the courts would close two offices in the north."
    assert claims_of(text) == [("Jo Lee", "the courts would close two offices in the north.")]


def test_a_short_subject_before_a_set_off_pronoun_stays() -> None:
    text = _LEE + "Nobody, she said, could close two offices in the north without a vote."
    assert claims_of(text) == [("Jo Lee", "Nobody could close two offices in the north without a vote.")]


def test_a_clause_with_its_own_subject_after_a_set_off_pronoun_is_the_statement() -> None:
    text = _LEE + "The courts kept two offices in the north because, she said, the rules did not allow a closure."
    assert claims_of(text) == [("Jo Lee", "the rules did not allow a closure.")]


def test_a_continuation_after_a_set_off_pronoun_joins_the_clause_before() -> None:
    text = _LEE + "The courts will close two offices in the north, she said, as the rules no longer require them."
    assert claims_of(text) == [
        ("Jo Lee", "The courts will close two offices in the north, as the rules no longer require them.")
    ]


def test_a_name_shaped_place_with_no_sign_of_a_person_does_not_block_the_pronoun() -> None:
    # "Example Bridge" is shaped like a person's name, but nothing says it is one; "Old Example" opens with a
    # common word the text also uses in lower case
    text = _HADDAD + "Crowds filled Example Bridge on the day. Old Example remains the old rival of the club. " + _QUOTE
    assert speakers_of(text, "accounts of its academy") == {"Omar Haddad"}


def test_a_cue_with_a_colon_after_a_quotation_introduces_the_next_one() -> None:
    text = _EARLIER + (
        "“A register that opens for one month only is just confusing. Staff will ask: ‘Why bother?’” Example Fund "
        "chief executive, Omar Haddad, "
        "added: “We will pay for the hosting of the register for ten years.”"
    )
    assert speakers_of(text, "just confusing") == {"Ana Costa"}
    assert speakers_of(text, "hosting of the register") == {"Omar Haddad"}


def test_an_age_set_off_after_a_name_marks_a_person_no_rule_names() -> None:
    she = _QUOTE.replace(" he ", " she ")
    assert speakers_of(_LEE + she, "accounts of its academy") == {"Jo Lee"}
    text = _LEE + "Tia Reyes, 23, gave up football at ten. " + she
    assert speakers_of(text, "accounts of its academy") == set()


def test_a_reporting_verb_after_an_article_is_an_adjective() -> None:
    text = "Mr Omar Haddad, head of the Example Fund, named the region, as it has an estimated 90% of the code."
    assert speakers_of(text, "90% of the code") == set()
    assert speakers_of("Mr Omar Haddad estimated that 90% of the code in the region is never reused.", "90%") == {
        "Omar Haddad"
    }


def test_a_closing_told_with_its_listener_reports_the_words_before() -> None:
    text = "Since 2020, the reported share of reused code had doubled, Mr Omar Haddad told Example Radio's morning show."
    assert claims_of(text) == [("Omar Haddad", "Since 2020, the reported share of reused code had doubled")]
