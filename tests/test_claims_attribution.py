"""Claim attribution on hand-written passages: direct, indirect and mixed quotations with the speaker
before, inside or after the quote (and negatives: scare quotes, unnamed speakers, unattributed quotes)."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract.pipeline import extract


def claims_of(text: str, kind: DocumentKind = DocumentKind.NEWS_ARTICLE, **kw) -> set[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, kind, kw.pop("title", "A title"), text, **kw)
    return {(c.claimant, c.text) for c in extract(doc).claims}


def claimant_of(text: str, fragment: str, **kw) -> str | None:
    found = [who for who, said in claims_of(text, **kw) if fragment in said]
    return found[0] if len(set(found)) == 1 else None


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        pytest.param(
            "Jane Roe, Director of Policy at Example Trust, spoke on Monday.\n\n"
            "“That chapter of public procurement is finally closed!” said Jane Roe, adding that more was needed.",
            "chapter of public procurement",
            "Jane Roe",
            id="short-quote-bang-speaker-after-verb",
        ),
        pytest.param(
            "Jane Roe, Co-Founder at Example Trust, joined the panel.\n\n"
            "“Most public bodies still buy software before they consider building it.”\n— Jane Roe, Co-Founder, Example Trust",
            "still buy software",
            "Jane Roe",
            id="dash-attribution-line",
        ),
        pytest.param(
            "Jane Roe, Head of Policy at Example Trust, spoke.\n\n"
            "‘Most agencies still buy before they build anything at all,’ stated Roe.",
            "still buy before they build",
            "Jane Roe",
            id="single-curly-quotes-surname",
        ),
        pytest.param(
            "Omar Haddad, Director of the Example Agency, opened the day. Omar Haddad added:\n\n"
            "“Every line of code we pay for should come back to the public that funded it.”",
            "Every line of code",
            "Omar Haddad",
            id="speaker-colon-quote-next-paragraph",
        ),
        pytest.param(
            "Ana Costa, Chief Technologist at Example Lab, was there. “We had no inventory of our code at all,” "
            "Costa said. “Now every repository is listed in one public catalogue.”",
            "every repository is listed",
            "Ana Costa",
            id="second-quote-continues-speaker",
        ),
        pytest.param(
            "Ana Costa, Chief Technologist at Example Lab, spoke first. Then Omar Haddad, a director at the Example "
            "Agency, took the stage. He added, “Open standards keep our options open for the next decade.”",
            "Open standards keep",
            "Omar Haddad",
            id="pronoun-before-quote",
        ),
        pytest.param(
            "Ana Costa, Chief Technologist at Example Lab, spoke.\n\n"
            "“Open code is the only way we can be audited in public,\n\n"
            "“and it is cheaper in the long run,” Costa said.",
            "only way we can be audited",
            "Ana Costa",
            id="quote-over-two-paragraphs",
        ),
        pytest.param(
            "Dr Jane Roe (Head of Policy, Example Trust) pointed out that most agencies still buy software "
            "before they build it.",
            "still buy software",
            "Jane Roe",
            id="role-in-parentheses-pointed-out",
        ),
        pytest.param(
            "Omar Haddad, Director at Example Lab, spoke. Omar Haddad went on to say that the rules would "
            "change next year for everyone.",
            "rules would change",
            "Omar Haddad",
            id="multi-word-cue-went-on-to-say",
        ),
        pytest.param(
            "The Example Digital Agency published its report. In a statement, the agency said that half of "
            "its services now run on open-source software.",
            "half of its services",
            "Example Digital Agency",
            id="organisation-by-head-noun",
        ),
    ],
)
def test_speaker_of_a_quotation(text: str, fragment: str, speaker: str) -> None:
    assert claimant_of(text, fragment) == speaker


def test_scare_quotes_and_unattributed_quotes_give_no_claim() -> None:
    text = (
        "Jane Roe, Director of Policy at Example Trust, spoke. The plan is not “just about what the letter of "
        "the law says,” but goes further.\n\n“A quotation that nobody in the text is said to have said at all.”"
    )
    said = {t for _, t in claims_of(text)}
    assert not any("letter of the law" in t or "nobody in the text" in t for t in said)


def test_unnamed_speakers_are_not_the_author() -> None:
    text = "During the session, the speakers recommended hiring people with very different skills."
    assert claims_of(text, authors=("Jane Roe",)) == set()


def test_first_person_voice_of_a_named_organisation() -> None:
    text = (
        "At Example Lab, we build software in the open. We’ve long known that opening our code from day one "
        "improves our ability to deliver. We will tag an issue on Monday and publish the results."
    )
    found = claims_of(text, kind=DocumentKind.BLOG_POSTING)
    assert ("Example Lab", "We’ve long known that opening our code from day one improves our ability to deliver.") in found
    assert not any("tag an issue" in t for _, t in found)  # a plan, not a claim


def test_speaker_introduced_with_colon_after_another_quotation() -> None:
    text = (
        'The minister told the radio: "I was only making an observation about the policy." Liberal chairman '
        'Omar Haddad said: "People are already turned off by the kind of campaign the others are fighting."'
    )
    assert claimant_of(text, "turned off by the kind") == "Omar Haddad"


def test_owner_of_an_unnamed_speaker_is_not_the_speaker() -> None:
    text = 'Prime Minister Ana Costa\'s official spokesman said: "We are making the usual contingency plans for all."'
    assert claims_of(text) == set()


def test_pronoun_does_not_jump_over_a_titled_stranger() -> None:
    text = (
        "Ana Costa, director of the Example Trust, welcomed the report on Monday. Opposition spokesman "
        "Mr Brown accused the minister of missing every target. Only half the people would ever benefit, he said."
    )
    assert not any("half the people" in said for _, said in claims_of(text))
