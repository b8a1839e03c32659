"""Claims without quotation marks, in the voice of an organisation, of a document's issuer or publisher, or
of its named author (pipelines/extract/voice.py), on hand-written passages: each form with a passage where
it holds and one where it must not fire (narration, headings, questions, calls to action, another voice)."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, Section
from pipelines.extract.pipeline import extract

_VOICE_RULES = {"claim.org_stance", "claim.voice_owner", "claim.issuer", "claim.author_voice", "claim.author_assert"}


def claimed(text: str, kind: DocumentKind = DocumentKind.BLOG_POSTING, **kw) -> set[tuple[str, str, str]]:
    """(claimant, claim text, rule) of every claim on a passage."""
    doc = Document("d1", "t/d1.txt", "0" * 64, kind, kw.pop("title", "A title"), text, **kw)
    return {(c.claimant, c.text, c.evidence.rule) for c in extract(doc).claims}


def voiced(text: str, kind: DocumentKind = DocumentKind.BLOG_POSTING, **kw) -> set[tuple[str, str, str]]:
    """(claimant, claim text, rule) of the voice rules' claims on a passage."""
    return {found for found in claimed(text, kind, **kw) if found[2] in _VOICE_RULES}


def claimant_of(found: set[tuple[str, str, str]], fragment: str) -> str | None:
    names = {who for who, text, _ in found if fragment in text}
    return names.pop() if len(names) == 1 else None


_AGENCY = "The Example Standards Agency (ESA) works on public software.\n\n"


@pytest.mark.parametrize(
    ("text", "fragment", "claimant"),
    [
        pytest.param(
            _AGENCY + "The Example Standards Agency recommends that every agency publish its source code by default.",
            "publish its source code",
            "Example Standards Agency",
            id="org-subject-stance-verb",
        ),
        pytest.param(
            _AGENCY + "In its 2024 review, the Example Standards Agency estimates that half of all federal code is reused.",
            "half of all federal code",
            "Example Standards Agency",
            id="org-subject-after-introductory-phrase",
        ),
        pytest.param(
            _AGENCY + "The Example Standards Agency’s annual report found that most agencies reuse very little code.",
            "reuse very little code",
            "Example Standards Agency",
            id="owner-of-a-report",
        ),
    ],
)
def test_organisation_stance(text: str, fragment: str, claimant: str) -> None:
    # the reported-speech rules read some of these forms first; the claim must exist once, with its claimant
    assert claimant_of(claimed(text, DocumentKind.NEWS_ARTICLE), fragment) == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The Example Standards Agency moved its offices to a new building in the city centre.", id="narration"),
        pytest.param("The Example Standards Agency’s annual report was printed on recycled paper in the spring.", id="report-no-verb"),
        pytest.param("Does the Example Standards Agency recommend that every agency publish its code?", id="question"),
        pytest.param("Staff of the Example Standards Agency recommend that every agency publish its code.", id="not-subject"),
        pytest.param(
            "The Example Standards Agency plans to move its offices to Lyon, people close to the talks told reporters.",
            id="others-speak-after-comma",
        ),
        pytest.param(
            "The Example Standards Agency plans to move its offices to Lyon, people close to the talks tell the paper.",
            id="others-tell-after-comma",
        ),
    ],
)
def test_organisation_stance_negatives(sentence: str) -> None:
    assert not voiced(_AGENCY + sentence, DocumentKind.NEWS_ARTICLE)


_LAB = "At Example Lab, we build tools for public administrations.\n\n"


def test_we_voice_of_the_named_organisation() -> None:
    found = voiced(_LAB + "Our team found that most procurement rules already allow open source licences.")
    assert claimant_of(found, "procurement rules already allow") == "Example Lab"
    found = voiced(_LAB + "We recommend that every ministry publish an inventory of the code it owns.")
    assert claimant_of(found, "publish an inventory") == "Example Lab"


def test_owner_mission_and_commitment() -> None:
    found = voiced(_LAB + "Our mission is to make every public service reusable by other administrations.")
    assert claimant_of(found, "every public service reusable") == "Example Lab"
    text = _AGENCY + "The Example Standards Agency is committed to publishing all of its code under open licences."
    assert claimant_of(voiced(text, DocumentKind.NEWS_ARTICLE), "publishing all of its code") == "Example Standards Agency"


def test_owner_speaks_of_itself() -> None:
    found = voiced(_LAB + "Like every research group, Example Lab has the ability to buy small contracts with a card.")
    assert claimant_of(found, "ability to buy small contracts") == "Example Lab"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("We met the mayor and her team at the town hall last week to talk.", id="narration"),
        pytest.param("Join us at the summit next month to see the demos of every tool.", id="call-to-action"),
        pytest.param("Should we recommend that every ministry publish an inventory of its code?", id="question"),
        pytest.param("Example Bank has the ability to buy small contracts with a card, like others.", id="other-org"),
        pytest.param("Example Lab has revised its forecasts for the coming year after a slow spring.", id="owner-acts"),
    ],
)
def test_we_voice_negatives(sentence: str) -> None:
    assert not voiced(_LAB + "Example Bank is a partner.\n\n" + sentence)


def test_we_voice_needs_an_owner() -> None:
    """With no "At X, we", no publisher and no organisation in the title, "we" is nobody named."""
    assert not voiced("We recommend that every ministry publish an inventory of the code it owns.")


def test_we_voice_of_the_publisher() -> None:
    text = "Example Lab works with cities.\n\nWe recommend that every ministry publish an inventory of the code it owns."
    found = voiced(text, publisher="Example Lab")
    assert claimant_of(found, "publish an inventory") == "Example Lab"


_POLICY = (
    "Scope\n\n"
    "Within 90 days of the publication date of this policy, each agency must publish an inventory of its code. "
    "Licensing is a critical component of open source and affects how code can be reused. "
    "Progress on this policy will be assessed by EBO through the quarterly reviews. "
    "Agencies shall follow EBO guidance when they choose a licence for their code. "
    "Last year the team visited three agencies in the west of the country."
)


def test_policy_speaks_for_its_issuer_named_in_the_text() -> None:
    found = voiced(_POLICY, DocumentKind.OTHER, title="Example Code Policy")
    assert claimant_of(found, "must publish an inventory") == "EBO"
    assert claimant_of(found, "critical component of open source") == "EBO"
    assert not any("visited three agencies" in text for _, text, _ in found)  # narration, no requirement
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.OTHER, "Example Code Policy", _POLICY)
    assert "EBO" in {a.name for a in extract(doc).actors}  # the issuer is an actor of the graph


def test_policy_speaks_for_its_publisher() -> None:
    text = "Example Budget Office\n\n" + _POLICY.replace("EBO", "the office")
    found = voiced(text, DocumentKind.OTHER, publisher="Example Budget Office")
    assert claimant_of(found, "must publish an inventory") == "Example Budget Office"


def test_no_issuer_without_a_self_named_instrument() -> None:
    """A text that mentions a policy once is not the policy speaking; an issuer named once is not one."""
    once = "Each agency must publish an inventory of its code, as this policy says. EBO guidance helps agencies."
    assert not {r for _, _, r in voiced(once, DocumentKind.OTHER)} & {"claim.issuer"}
    unnamed = _POLICY.replace("EBO", "the office")
    assert not {r for _, _, r in voiced(unnamed, DocumentKind.OTHER)} & {"claim.issuer"}


def test_author_first_person_stance() -> None:
    text = "Public code is growing.\n\nI think most agencies underestimate how much code they already share."
    found = voiced(text, authors=("Jane Roe",))
    assert claimant_of(found, "underestimate how much code") == "Jane Roe"


@pytest.mark.parametrize(
    ("sentence", "authors"),
    [
        pytest.param("I went to the summit in Geneva with my colleagues last week.", ("Jane Roe",), id="narration"),
        pytest.param("I think most agencies underestimate how much code they share.", ("Jane Roe", "Omar Haddad"), id="two-authors"),
        pytest.param("I think most agencies underestimate how much code they share.", (), id="no-author"),
    ],
)
def test_author_first_person_negatives(sentence: str, authors: tuple[str, ...]) -> None:
    assert not voiced("Public code is growing.\n\n" + sentence, authors=authors)


def test_author_assertion_in_present_perfect() -> None:
    text = "Regional talks have contributed to better digital services in all three countries. More will follow."
    found = voiced(text, authors=("Jane Roe",))
    assert claimant_of(found, "contributed to better digital services") == "Jane Roe"


def test_author_assertion_negatives() -> None:
    heading = "Talks have contributed to better services everywhere"
    text = (
        f"{heading}\n\nHave the talks contributed to better digital services in all three countries?\n\n"
        "We have visited the three capitals over the last two years with the team."
    )
    sections = (Section(heading, 0, len(text)),)
    assert not voiced(text, authors=("Jane Roe",), sections=sections)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("A new report from the Example Standards Agency shows that most public code is never reused.", id="from"),
        pytest.param(
            "The study, published by the Example Standards Agency, found that most public code is never reused.",
            id="published-by",
        ),
        pytest.param("The ESA memo directs every agency to check that most public code is reused.", id="acronym-memo"),
        pytest.param(
            "The Example Standards Agency is encouraging agencies to make sure most public code is reused.",
            id="progressive",
        ),
        pytest.param(
            "The Example Standards Agency is trying to make sure most public code is reused by others.", id="aiming"
        ),
    ],
)
def test_an_organisation_speaks_through_its_document_or_a_progressive_stance(sentence: str) -> None:
    assert claimant_of(voiced(_AGENCY + sentence), "public code is") == "Example Standards Agency"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("A new report from the Example Standards Agency lists the software most agencies buy.", id="lists"),
        pytest.param("The study of the Example Standards Agency took three years and cost a million.", id="narration"),
        pytest.param("The Example Standards Agency is moving its offices to a new building in the city.", id="moving"),
        pytest.param("The Example Standards Agency is working on a new building in the city centre.", id="working-on"),
    ],
)
def test_a_document_or_progressive_with_no_stance_is_no_claim(sentence: str) -> None:
    assert voiced(_AGENCY + sentence) == set()


_ANSWERED = "Jane Roe, director of the Example Standards Agency, answered our questions.\n\n"


@pytest.mark.parametrize(
    ("label", "claimant"),
    [
        pytest.param("**Example Standards Agency:** ", "Example Standards Agency", id="bold-organisation"),
        pytest.param("Jane Roe: ", "Jane Roe", id="person"),
        pytest.param("The Example Standards Agency (ESA): ", "Example Standards Agency", id="with-short-form"),
        pytest.param(
            "Example Department’s Office of Public Records: ", "Office of Public Records", id="possessive-chain"
        ),
        pytest.param(
            "**Example Standards Agency about its records pilot**: ", "Example Standards Agency", id="with-a-topic"
        ),
        pytest.param("Jane Roe, Example Standards Agency: ", "Jane Roe", id="person-with-organisation"),
    ],
)
def test_a_speaker_label_opening_a_paragraph(label: str, claimant: str) -> None:
    text = _ANSWERED + "Q: Why publish code?\n\n" + label + "Every team that builds software should publish its code."
    found = claimed(text)
    assert claimant_of(found, "Every team that builds software") == claimant


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("Moderator: Jane Roe, director of the Example Standards Agency", id="a-role-label"),
        pytest.param("Jane Roe: Director of the Example Standards Agency", id="a-title-after-the-name"),
        pytest.param("Contact: Jane Roe, Example Standards Agency, 555 0100", id="a-contact-line"),
        pytest.param(
            "- **Example Standards Agency:** A team that writes the rules every public website must follow.",
            id="a-list-item-describing-the-one-it-names",
        ),
        pytest.param(
            "Jane Roe, the agency's director, said: “Every team should publish its code.” The agency had a good "
            "year, with strong growth in its first year of work.",
            id="a-reporting-clause",
        ),
        pytest.param(
            "Example Standards Agency and the Example Data Agency: Both teams should publish all of their code.",
            id="two-speakers",
        ),
        pytest.param(
            "Example Standards Agency staff who joined the project in its second year: Everyone agreed on it.",
            id="a-long-description",
        ),
    ],
)
def test_labels_that_introduce_no_statement(paragraph: str) -> None:
    assert not any(rule == "claim.speaker_label" for _, _, rule in claimed(_ANSWERED + paragraph))


def test_an_organisation_that_estimates_is_no_document_of_its_own() -> None:
    # "estimates" after a name is the verb, though "the ESA estimates" could name a document
    text = _AGENCY + "The ESA estimates the total cost of the four year project will be 40 million."
    assert claimant_of(voiced(text), "total cost of the four year project") == "Example Standards Agency"


_INTERVIEW = (
    "We asked the Example Standards Agency and the Example Data Agency about their work.\n\n"
    "How did open source help?\n\n"
    "Example Standards Agency: It let many more teams test the code than we could have reached alone.\n\n"
    "Open code also makes every public service easier to audit and to improve.\n\n"
    "Example Data Agency: Our users found many of the errors before we released the site.\n\n"
)


def test_an_answer_goes_on_over_the_paragraphs_after_its_label() -> None:
    found = claimed(_INTERVIEW + "What would you tell others?\n\nPublishing the code changed how the team works.")
    assert claimant_of(found, "easier to audit") == "Example Standards Agency"
    assert claimant_of(found, "errors before we released") == "Example Data Agency"
    # a question ends the answer: what follows it without a label is nobody's answer
    assert claimant_of(found, "changed how the team works") is None


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("---\n\nPublishing the code changed how the team works in every way.", id="after-a-rule"),
        pytest.param("## Summary\n\nPublishing the code changed how the team works in every way.", id="after-a-heading"),
    ],
)
def test_an_answer_ends_at_a_rule_or_heading(after: str) -> None:
    assert claimant_of(claimed(_INTERVIEW + after), "changed how the team works") is None


def test_one_label_is_no_interview_and_goes_on_with_no_paragraph() -> None:
    text = (
        "Example Standards Agency: It let many more teams test the code than we could have reached alone.\n\n"
        "Open code also makes every public service easier to audit and to improve."
    )
    found = claimed(text)
    assert claimant_of(found, "many more teams test the code") == "Example Standards Agency"
    assert claimant_of(found, "easier to audit") is None


def test_an_answer_is_one_claim_per_paragraph() -> None:
    text = _INTERVIEW.replace("alone.", "alone. Every bug it found was fixed within a week.")
    answers = {t for who, t, rule in claimed(text) if rule == "claim.speaker_label" and who == "Example Standards Agency"}
    assert "It let many more teams test the code than we could have reached alone. Every bug it found was fixed within a week." in answers


_ABOUT_PAGE = (
    "## Our history\n\n"
    "The Example Health Agency has used open source software on many of its projects. Since 2015, several "
    "of its offices have been releasing code as part of their modernisation work.\n\n"
    "You can read more about each of these projects on our website.\n\n"
    "- Example Records Service: Delivers health records to over two million patients every year.\n"
    "- Sharing code across the federal government\n\n"
    "The Example OSPO guides the open source work of the Example Health Agency."
)


def test_an_about_page_speaks_for_the_organisation_it_names() -> None:
    found = {c for c in claimed(_ABOUT_PAGE, title="About the Example Health Agency") if c[2] == "claim.page_owner"}
    assert claimant_of(found, "used open source software") == "Example Health Agency"
    # its paragraph states one point: the two sentences are one claim
    assert any("used open source software" in t and "releasing code" in t for _, t, _ in found)
    assert claimant_of(found, "health records to over two million") == "Example Health Agency"
    assert claimant_of(found, "read more about") is None  # the reader's voice
    assert claimant_of(found, "Sharing code across") is None  # a title in a list


def test_an_about_page_owner_by_its_short_name() -> None:
    title = "About the Example Open Source Program Office"
    found = {c for c in claimed(_ABOUT_PAGE, title=title) if c[2] == "claim.page_owner"}
    assert claimant_of(found, "used open source software") == "Example OSPO"


@pytest.mark.parametrize(
    ("title", "authors"),
    [
        pytest.param("About the Example Health Agency", ("Jane Roe",), id="a-byline"),
        pytest.param("The Example Health Agency at fifty", (), id="no-about-title"),
        pytest.param("About the Example Data Office", (), id="another-organisation"),
    ],
)
def test_no_page_owner_without_an_about_title_and_no_byline(title: str, authors: tuple[str, ...]) -> None:
    assert not any(rule == "claim.page_owner" for _, _, rule in claimed(_ABOUT_PAGE, title=title, authors=authors))
