"""Attribution forms from the quotation-attribution catalogue, on hand-written passages: indirect speech
with cue verbs in several tenses, a source named at the end ("..., according to X"), a document speaking
for its publisher ("X's report found"), a quotation its speaker interrupts, and a misspelt surname; each
with a negative."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract

INTRO = "Ana Costa, director of the Example Agency, opened the meeting on Monday. "


def claims_of(text: str) -> list[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [(c.claimant, c.text) for c in extract(doc).claims]


def speakers_of(text: str, fragment: str) -> set[str]:
    return {who for who, said in claims_of(text) if fragment in said}


@pytest.mark.parametrize(
    "verb",
    ["insists", "stresses", "concedes", "predicts", "contends", "reckons", "will say", "writes"],
)
def test_indirect_speech_in_several_tenses(verb: str) -> None:
    text = INTRO + f"Ana Costa {verb} that most agencies still buy software before they consider building it."
    assert speakers_of(text, "most agencies still buy software") == {"Ana Costa"}


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The cost estimates of the Example Agency were published in a long annex.", id="estimates-noun"),
        pytest.param("The highlights of the Example Agency conference were the two panels.", id="highlights-noun"),
        pytest.param("Ana Costa did not say much about the budget of the agency.", id="say-with-no-clause"),
    ],
)
def test_a_cue_word_used_otherwise_reports_nothing(sentence: str) -> None:
    assert claims_of(INTRO + sentence) == []


def test_source_named_at_the_end() -> None:
    text = (
        "The Ministry of Digital Affairs met on Monday. All new software bought by the state will be open "
        "source, according to a statement from the Ministry of Digital Affairs."
    )
    assert speakers_of(text, "All new software bought by the state") == {"Ministry of Digital Affairs"}


def test_unnamed_source_at_the_end_is_no_claim() -> None:
    text = INTRO + "All new software bought by the agency will be open source, according to some officials."
    assert speakers_of(text, "All new software") == set()


def test_a_report_speaks_for_its_publisher_but_a_spokesman_is_not_the_owner() -> None:
    report = "The Example Foundation met in May. The Example Foundation's annual report found that most public code is never reused."
    assert speakers_of(report, "most public code is never reused") == {"Example Foundation"}
    spokesman = "The Example Foundation met in May. The Example Foundation's spokesman said that most public code is never reused."
    assert "Example Foundation" not in speakers_of(spokesman, "most public code is never reused")


def test_interrupted_quotation_is_one_claim_of_its_speaker() -> None:
    text = INTRO + "“Most public code,” said Ana Costa, “is never reused by another agency at all.”"
    assert ("Ana Costa", "Most public code is never reused by another agency at all.") in claims_of(text)


def test_two_quotations_with_a_sentence_between_are_not_joined() -> None:
    text = INTRO + "“Most public code,” the report says. “it is never reused by another agency at all.”"
    assert not any("Most public code" in said for _, said in claims_of(text))


def test_misspelt_surname_names_the_person_named_in_full() -> None:
    text = (
        "Clare Martorana, director of the Example Agency, opened the summit.\n\n"
        "“Each step forward is a huge win for the public,” Mortorana summarized, “we are all changing "
        "the way people see government.”"
    )
    assert speakers_of(text, "huge win for the public") == {"Clare Martorana"}


def test_a_surname_unlike_any_named_person_is_nobody() -> None:
    text = (
        "Clare Martorana, director of the Example Agency, opened the summit.\n\n"
        "“Each step forward is a huge win for the public,” Delacroix summarized, “we are all changing "
        "the way people see government.”"
    )
    assert speakers_of(text, "huge win for the public") == set()


def test_quotation_goes_on_with_the_speaker_of_the_sentence_before() -> None:
    text = INTRO + "Ana Costa says there are pros and cons. “It is simple to set up but hard to keep running for years.”"
    assert speakers_of(text, "simple to set up") == {"Ana Costa"}


def test_quotation_after_a_sentence_without_a_cue_has_no_speaker() -> None:
    text = INTRO + "Ana Costa visited three schools. “It is simple to set up but hard to keep running for years.”"
    assert speakers_of(text, "simple to set up") == set()


def test_quotation_paragraph_goes_on_with_the_speaker_named_after_the_last_one() -> None:
    text = (
        INTRO
        + "“People may worry about the security of public networks,” said Ana Costa, director of the agency.\n\n"
        "“But these networks are no more vulnerable than any other way of reaching the internet.”"
    )
    assert speakers_of(text, "no more vulnerable") == {"Ana Costa"}


def test_a_name_inside_a_quotation_is_not_whom_he_means() -> None:
    text = (
        "Omar Haddad, head of the Example Fund, said the bid was too low.\n\n"
        "“Nobody, not even Ana Costa, director of the Example Agency, can stop it.” He said that the fund "
        "would sell its shares before the end of the year."
    )
    assert speakers_of(text, "sell its shares") == {"Omar Haddad"}


def test_reporting_verb_pattern_finds_every_verb_and_prefers_the_longer_form() -> None:
    import re

    from pipelines.extract.lexicon import REPORTING_VERBS, reporting_verb_pattern

    pattern = re.compile(rf"\b{reporting_verb_pattern()}\b")
    for verb in REPORTING_VERBS:
        assert pattern.fullmatch(verb.replace(" ", "  ")), verb
    assert [m.group() for m in pattern.finditer("she believes it; they believe it; he has said so")] == [
        "believes",
        "believe",
        "has said",
    ]


def test_a_person_no_rule_names_does_not_lend_the_quote_to_their_organisation() -> None:
    text = (
        "The Example Foundation runs the registry. Cory Doctorow, European outreach coordinator for digital "
        "civil liberties group Example Foundation, said the fee was fair. “Of course the registry should be "
        "free to direct people wherever it likes.”"
    )
    assert "Example Foundation" not in speakers_of(text, "free to direct people")


def test_an_organisation_speaking_through_a_statement_keeps_its_quote() -> None:
    text = (
        "The Example Foundation runs the registry. The Example Foundation said the fee was fair. "
        "“Of course the registry should be free to direct people wherever it likes.”"
    )
    assert speakers_of(text, "free to direct people") == {"Example Foundation"}


def test_a_word_starting_like_a_cue_particle_is_not_cut() -> None:
    # "found only" is not "found on": the claim keeps its first word whole
    text = "The Example Standards Agency (ESA) works on public software. The agency found only a dozen agencies publish code."
    texts = [said for _, said in claims_of(text)]
    assert texts and all(t.startswith("only a dozen") for t in texts if "dozen" in t)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("The Example Journal reported on Thursday that Example Telecom has bid $6bn for Example Net.",
         "Example Telecom has bid $6bn for Example Net."),
        ("Jane Roe, head of Example Media, told the conference that the media market is already expanding fast.",
         "the media market is already expanding fast."),
        ("Jane Roe said on Friday the plan would cut the agency's costs by half.", "the plan would cut the agency's costs by half."),
        # a relative clause after the object is part of the claim, not a frame to skip
        ("Jane Roe said the company that makes the chips is in trouble.", "the company that makes the chips is in trouble."),
    ],
)
def test_the_frame_between_a_reporting_verb_and_its_clause_is_not_part_of_the_claim(sentence: str, claim: str) -> None:
    text = "Example Media and Example Telecom are firms. " + sentence
    assert claim in [said for _, said in claims_of(text)]


def test_a_speaker_set_off_inside_the_statement_keeps_the_statement_whole() -> None:
    text = (
        "Example Media is a firm. One possible reason for the drop, Ms Jane Roe says, is the fact that more "
        "customers are calling on the move."
    )
    found = claims_of(text)
    assert ("Jane Roe", "One possible reason for the drop is the fact that more customers are calling on the move.") in found


def test_a_date_set_off_before_the_speaker_is_not_joined_as_a_statement() -> None:
    text = "Example Media is a firm. In 2004, Jane Roe said, the plan to merge the two firms failed badly."
    assert not any(said.startswith("In 2004 the plan") for _, said in claims_of(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "The new rules, said Jane Roe, would make the market far more open to small firms.",
        "The new rules, says Jane Roe of Example Media, would make the market far more open to small firms.",
    ],
)
def test_a_speaker_after_the_verb_set_off_inside_the_statement(sentence: str) -> None:
    text = "Example Media is a firm. Jane Roe runs it. " + sentence
    found = claims_of(text)
    assert ("Jane Roe", "The new rules would make the market far more open to small firms.") in found


def test_an_apposition_after_the_speaker_is_not_read_as_the_statement_going_on() -> None:
    text = "Example Media is a firm. Jane Roe runs it. The new rules came in on Monday, said Jane Roe, a spokeswoman."
    assert not any("spokeswoman" in said for _, said in claims_of(text))


def test_speaker_in_apposition_before_a_closing_verb() -> None:
    text = INTRO + "The office will open to the public next spring, Jane Roe, a spokeswoman for the agency, said."
    assert speakers_of(text, "The office will open to the public") == {"Jane Roe"}


def test_an_unnamed_speaker_in_apposition_gives_no_claim() -> None:
    text = INTRO + "The office will open to the public next spring, a spokeswoman, who asked not to be named, said."
    assert speakers_of(text, "The office will open") == set()


def test_inverted_speaker_with_apposition_inside_the_statement() -> None:
    text = INTRO + "The new rules, said Jane Roe, a spokeswoman for the agency, would open the market to small firms."
    assert ("Jane Roe", "The new rules would open the market to small firms.") in claims_of(text)


def test_inverted_speaker_with_apposition_and_no_statement_after_it() -> None:
    text = INTRO + "The new rules, said Jane Roe, a spokeswoman for the agency, and the board agreed on Monday."
    assert not any(said.startswith("The new rules") for _, said in claims_of(text))


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("According to the agency, most of its new software will be released as open source.", id="front"),
        pytest.param("Most of its new software will be released as open source, according to the agency.", id="end"),
        pytest.param(
            "Most of its new software will be released as open source, according to a statement from the agency.",
            id="statement-from",
        ),
    ],
)
def test_according_to_an_organisation_named_by_its_head_word(sentence: str) -> None:
    assert speakers_of(INTRO + sentence, "new software will be released") == {"Example Agency"}


def test_according_to_a_head_word_no_organisation_has_is_no_claim() -> None:
    text = INTRO + "According to the company, most of its new software will be released as open source."
    assert speakers_of(text, "new software will be released") == set()


QUOTED = "“Public code is the only way to keep control over the tools a state depends on.”"


@pytest.mark.parametrize(
    "under",
    [
        pytest.param("\n\n— Jane Roe, Co-Founder, Example Trust", id="dash-after-a-blank-line"),
        pytest.param("\n– Jane Roe", id="en-dash-on-the-next-line"),
        pytest.param("\nJane Roe, Co-Founder, Example Trust", id="name-and-title-on-the-next-line"),
    ],
)
def test_attribution_line_under_a_quotation(under: str) -> None:
    text = "Jane Roe, director of the Example Trust, spoke at the summit.\n\n" + QUOTED + under
    assert speakers_of(text, "keep control over the tools") == {"Jane Roe"}


@pytest.mark.parametrize(
    "under",
    [
        pytest.param("\n\n- Jane Roe, Co-Founder, Example Trust", id="a-list-item-after-a-blank-line"),
        pytest.param("\nJane Roe opened the next session", id="a-sentence-about-the-person"),
    ],
)
def test_no_attribution_line_under_a_quotation(under: str) -> None:
    text = "Jane Roe, director of the Example Trust, spoke at the summit.\n\n" + QUOTED + under
    assert speakers_of(text, "keep control over the tools") == set()


def test_a_short_exclamation_and_the_statement_its_speaker_adds() -> None:
    text = INTRO + "“That chapter is closed!” said Ana Costa, adding that the agency would now build its own tools."
    found = claims_of(text)
    assert ("Ana Costa", "That chapter is closed!") in found
    assert ("Ana Costa", "the agency would now build its own tools") in found


def test_a_very_short_exclamation_and_adding_things_are_no_claims() -> None:
    text = INTRO + "“We did it!” she said. “The work is finished at last,” said Ana Costa, adding four new members."
    found = claims_of(text)
    assert not any("We did it" in said or "four new members" in said for _, said in found)
    assert ("Ana Costa", "The work is finished at last") in found


def test_an_organisation_named_by_its_head_word_speaks_through_its_document() -> None:
    text = INTRO + "The agency's guidance states that every project must publish its code in a public repository."
    assert speakers_of(text, "every project must publish its code") == {"Example Agency"}


def test_concluded_in_its_sense_of_ending_reports_nothing() -> None:
    # not even as the article's author's own reporting
    text = "Jane Roe met the board.\n\nThe meeting concluded with a long discussion on how the agency buys software."
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text, authors=("Jane Roe",))
    assert not any("long discussion" in c.text for c in extract(doc).claims)
    said = text.replace("concluded with", "concluded in a report that there should be")
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", said, authors=("Jane Roe",))
    assert any("long discussion" in c.text for c in extract(doc).claims)


def test_a_reporting_verb_in_the_passive_reports_nothing_its_subject_said() -> None:
    assert claims_of("Example Town architect, John Doeman, became the first to be confirmed as a victim of the flood.") == []
    assert claims_of("Jane Roe was told that the fund would close.") == []


def test_a_pronoun_after_an_inverted_looking_verb_opens_the_statement_not_a_speaker_phrase() -> None:
    # "X, which ..., said it had ...": no speaker follows "said", so Germany (named in the statement) is none
    found = claims_of("Novartex, which last month forecast record sales for 2005, said it had bought all of Germany's Hexamo.")
    assert all(who != "Germany" for who, _ in found)


def test_a_long_audience_after_told_is_frame_up_to_the_clause_subject() -> None:
    assert claims_of("Jane Roe told Example Radio 4's Morning Programme it was not fair to blame the staff for the delays.") == [
        ("Jane Roe", "it was not fair to blame the staff for the delays.")
    ]
    assert claims_of("Jane Roe told the Example Daily News on Tuesday she would publish the agency's code next year.") == [
        ("Jane Roe", "she would publish the agency's code next year.")
    ]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        pytest.param(
            "Jane Roe told MPs the new rules would halve the cost of public software.",
            "the new rules would halve the cost of public software.",
            id="named-listener",
        ),
        pytest.param(
            "Jane Roe told Example Radio News schools had asked for help with the new rules.",
            "schools had asked for help with the new rules.",
            id="listener-of-several-words",
        ),
        pytest.param(
            "Jane Roe told the court a second agency had already published its code.",
            "a second agency had already published its code.",
            id="one-word-listener",
        ),
    ],
)
def test_the_listener_after_told_is_left_out_of_the_claim(sentence: str, claim: str) -> None:
    assert claims_of(sentence) == [("Jane Roe", claim)]


def test_told_someone_of_something_keeps_what_follows_the_listener() -> None:
    # "told Mr Lee of his plan" reports no clause: the listener is not cut off as if a clause followed
    assert all(not said.startswith("of ") for _, said in claims_of("Jane Roe told Mr Lee of her plans for the new agency."))


@pytest.mark.parametrize(
    "subject",
    ["Kenya's foreign ministry", "Kenya’s embassy has", "Kenya's government has"],
)
def test_a_body_of_a_country_speaks_for_it(subject: str) -> None:
    text = f"{subject} said the two countries would hold talks on the border next month."
    assert speakers_of(text, "hold talks on the border") == {"Kenya"}


@pytest.mark.parametrize("subject", ["Kenya's largest bank", "Kenya's finance minister", "Kenya's football team"])
def test_other_subjects_owned_by_a_country_do_not_speak_for_it(subject: str) -> None:
    text = f"{subject} said the two countries would hold talks on the border next month."
    assert "Kenya" not in speakers_of(text, "hold talks on the border")




@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        pytest.param(
            "The plan was attacked by Ana Costa, who said the prices would hurt poor families.",
            "the prices would hurt poor families.",
            id="at-the-end",
        ),
        pytest.param(
            "Ana Costa, who says the new prices will hurt poor families, had written to the agency twice.",
            "the new prices will hurt poor families",
            id="set-off-inside",
        ),
    ],
)
def test_who_said_reports_what_the_one_before_it_said(sentence: str, claim: str) -> None:
    assert ("Ana Costa", claim) in claims_of(INTRO + sentence)


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        pytest.param(
            "The new prices start in May, said Ana Costa, who added that no other change was planned.",
            "The new prices start in May",
            id="the-sentence-has-its-own-statement",
        ),
        pytest.param(
            "Ana Costa, who joined the agency in 2001, said the prices would hurt poor families.",
            "the prices would hurt poor families",
            id="who-does-something-else",
        ),
    ],
)
def test_who_clauses_that_report_nothing_of_their_own(sentence: str, fragment: str) -> None:
    assert speakers_of(INTRO + sentence, fragment) == {"Ana Costa"}


def test_who_said_after_an_apposition_is_the_person_it_describes() -> None:
    text = INTRO + (
        "The day opened with a keynote by Ana Costa, director, Example Agency, who said that public code saves "
        "money, time and effort for every agency."
    )
    assert ("Ana Costa", "public code saves money, time and effort for every agency.") in claims_of(text)


def test_a_quoted_document_speaks_for_the_one_who_published_it() -> None:
    text = INTRO + (
        "In 2015, the Example Agency published the Open Code Guide, which “explains how every agency can "
        "publish its code without new contracts.”"
    )
    assert speakers_of(text, "explains how every agency can publish its code") == {"Example Agency"}


def test_a_quotation_after_which_with_no_author_is_nobodys() -> None:
    text = INTRO + "The Example Agency moved to the Open Code Guide, which “explains how every agency can publish its code.”"
    assert speakers_of(text, "explains how every agency can publish its code") == set()


def test_the_listener_after_told_is_never_the_speaker_of_a_quote_before_it() -> None:
    text = (
        "The Example Broadcasting Corporation (EBC) asked eight critics for their picks. Example Weekly's Jane Roe "
        'tipped the film. "Up until recently I was sure the film would win it outright," Ms Roe told the EBC News '
        'website. "Everything can still turn on a single vote in the last round," she told the EBC News website.'
    )
    assert all(who != "Example Broadcasting Corporation" for who, _ in claims_of(text))
    inverted = '"Everything can still turn on a single vote in the last round," said Jane Roe of Example Weekly.'
    assert claims_of(inverted) == [("Jane Roe", "Everything can still turn on a single vote in the last round")]


def test_a_hyphenated_surname_after_a_title_is_the_whole_speaker() -> None:
    text = 'The club won the cup twice. Chairman Jane Hill-Wood said: "We are delighted that he has agreed to stay on."'
    assert [who for who, _ in claims_of(text)] == ["Jane Hill-Wood"]
