"""Owners a text gives by reference or by voice: a pronoun subject ("it launched P"), a body named by a common
noun ("the ministry's P"), the policy as "it" after a subject and verb, a possessive apposition ("P, X's
flagship programme"), verbs of mandating and enforcing, and the organisation a text speaks for ("we launched
P", "our P"); each with a negative case."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract import policies
from pipelines.extract.pipeline import extract

_BODIES = {"Example Agency", "Ministry of Example Affairs", "Example Parliament", "Example Lab", "Example Authority"}


def _body(surface: str) -> str | None:
    words = surface.split()
    return next((" ".join(words[k:]) for k in range(len(words)) if " ".join(words[k:]) in _BODIES), None)


def _known(surface: str) -> str | None:
    return _body(surface) or ("Jane Roe" if surface.endswith("Jane Roe") else None)


def _cues(text: str, form: str, we: str | None = None) -> set[tuple[str, str]]:
    cues = policies.owner_cues(text, [form], _known, bodies=_body, we=we)
    return {(c.actor, c.bucket) for c in cues if c.form == form}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The Example Agency met on Monday. It launched the Open Example Strategy.",
                     {("Example Agency", "adopters")}, id="it-opens-the-next-sentence"),
        pytest.param("The Example Agency said on Monday that it had adopted the Open Example Strategy.",
                     {("Example Agency", "adopters")}, id="it-inside-the-sentence"),
        pytest.param("The Ministry of Example Affairs met. The ministry's Open Example Strategy was praised.",
                     {("Ministry of Example Affairs", "runners")}, id="the-ministry-s"),
        pytest.param("The Example Parliament passed the Open Example Act. The Example Authority enforces the "
                     "Open Example Act.", {("Example Parliament", "adopters"), ("Example Authority", "runners")},
                     id="passed-and-enforces"),
        pytest.param("The Example Agency mandated the Open Example Policy for vendors.",
                     {("Example Agency", "adopters")}, id="mandated"),
        pytest.param("The Open Example Strategy, the Example Agency's flagship programme, ends in 2030.",
                     {("Example Agency", "runners")}, id="possessive-apposition"),
    ],
)
def test_owners_by_reference(text: str, expected: set[tuple[str, str]]) -> None:
    form = next(f for f in ("Open Example Strategy", "Open Example Act", "Open Example Policy") if f in text)
    assert _cues(text, form) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "it" after a person is no body; a pronoun with no body before it is no one's
        pytest.param("Jane Roe spoke on Monday. It launched the Open Example Strategy.", id="it-after-a-person"),
        pytest.param("It launched the Open Example Strategy.", id="it-with-nothing-before"),
        # two ministries: "the ministry" is not known
        pytest.param("The Ministry of Example Affairs and the Ministry of Example Trade met. The ministry's Open "
                     "Example Strategy was praised.", id="two-ministries"),
        pytest.param("The Example Agency, whose plan is new, praised the Open Example Strategy.", id="praise"),
    ],
)
def test_no_owner_by_reference(text: str) -> None:
    known_two = {"Ministry of Example Affairs", "Ministry of Example Trade"}

    def body(surface: str) -> str | None:
        return surface if surface in known_two else _body(surface)

    assert policies.owner_cues(text, ["Open Example Strategy"], _known, bodies=body) == []


def test_it_as_the_object_is_the_policy_of_the_sentence_before() -> None:
    text = "The Open Example Act takes effect in May. The Example Parliament passed it in 2019."
    assert _cues(text, "Open Example Act") == {("Example Parliament", "adopters")}
    # two policies before: "it" is not known
    text = "The Open Example Act and the Open Example Strategy start in May. The Example Parliament passed it."
    assert policies.owner_cues(text, ["Open Example Act", "Open Example Strategy"], _known, bodies=_body) == []


def test_we_and_our_are_the_organisation_the_text_speaks_for() -> None:
    text = "Today we launched the Open Example Strategy. Read our Open Example Policy to see how it works."
    assert _cues(text, "Open Example Strategy", we="Example Lab") == {("Example Lab", "adopters")}
    assert _cues(text, "Open Example Policy", we="Example Lab") == {("Example Lab", "runners")}
    # without a known voice, "we" is no one
    assert _cues(text, "Open Example Strategy") == set()


def test_we_in_a_quotation_or_a_speaker_s_line_is_not_the_publisher() -> None:
    quoted = "“We launched the Open Example Strategy last year,” said Jane Roe."
    assert _cues(quoted, "Open Example Strategy", we="Example Lab") == set()
    spanning = "“Times change. Today we launched the Open Example Strategy,” she said."
    assert _cues(spanning, "Open Example Strategy", we="Example Lab") == set()
    # an interview's answer: "our" is the speaker's, a body the line opens with
    answer = "**Example Agency**: Working in the open suits our Open Example Policy well."
    assert _cues(answer, "Open Example Policy", we="Example Lab") == {("Example Agency", "runners")}
    by_person = "**Jane Roe**: Working in the open suits our Open Example Policy well."
    assert _cues(by_person, "Open Example Policy", we="Example Lab") == set()


def test_the_publisher_of_a_document_runs_our_policy() -> None:
    text = "Open code\n\nOur Open Example Strategy sets goals for 2030. We enforce it."
    doc = Document("p1", "p1.txt", "h", DocumentKind.BLOG_POSTING, "Open code", text, published="2020-01-01",
                   publisher="Example Lab")
    owners = {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(doc).policies}
    assert owners["Open Example Strategy"] == {"Example Lab"}
    plain = Document("p1", "p1.txt", "h", DocumentKind.BLOG_POSTING, "Open code", text, published="2020-01-01")
    assert {p.name: p.runners for p in extract(plain).policies}["Open Example Strategy"] == ()


def test_our_in_a_paragraph_a_body_opens_is_that_body_s() -> None:
    text = "Example Lab has long worked in the open. Our Open Example Policy asks for public code.\n\nMore."
    assert _cues(text, "Open Example Policy") == {("Example Lab", "runners")}
    # a paragraph opened by a person or by no name gives "our" no owner
    assert _cues("Jane Roe has long worked in the open. Our Open Example Policy asks a lot.", "Open Example Policy") == set()
    assert _cues("In 2020 we met. Our Open Example Policy asks a lot.", "Open Example Policy") == set()


def test_through_its_policy_is_the_sentence_subject_s() -> None:
    text = "The Example Agency has introduced new ways of buying through its Open Example Policy."
    assert _cues(text, "Open Example Policy") == {("Example Agency", "runners")}
    # the subject must be a body the text knows, and open the sentence
    assert _cues("Vendors buy through its Open Example Policy.", "Open Example Policy") == set()
    assert _cues("Jane Roe buys through its Open Example Policy.", "Open Example Policy") == set()


def test_a_long_name_in_lower_case_is_the_policy() -> None:
    text = "Example Lab has long worked in the open. Our open example data policy asks for public code."
    cues = policies.owner_cues(text, ["Open Example Data Policy"], _known, bodies=_body)
    assert {(c.form, c.actor) for c in cues} == {("Open Example Data Policy", "Example Lab")}
    # a two-word name is too common a phrase to be read in lower case
    assert policies.owner_cues("Example Lab met. Our data policy is strict.", ["Data Policy"], _known, bodies=_body) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The Example Agency, which launched the Open Example Strategy in 2019, said it worked.",
                     {("Example Agency", "adopters")}, id="relative-clause"),
        pytest.param("Launched in 2019 by the Example Agency, the Open Example Strategy sets goals.",
                     {("Example Agency", "adopters")}, id="participle-first-with-a-time"),
        pytest.param("The Open Example Strategy was set up in 2020 by the Example Agency.",
                     {("Example Agency", "adopters")}, id="passive-with-a-time"),
        pytest.param("The Example Parliament voted to adopt the Open Example Strategy.",
                     {("Example Parliament", "adopters")}, id="voted-to"),
        pytest.param("The Example Agency plans to launch the Open Example Strategy next year.",
                     {("Example Agency", "adopters")}, id="plans-to"),
        pytest.param("The Example Parliament became the first body to adopt the Open Example Strategy.",
                     {("Example Parliament", "adopters")}, id="the-first-to"),
        pytest.param("The Example Agency has been running the Open Example Strategy since 2019.",
                     {("Example Agency", "runners")}, id="has-been-running"),
        pytest.param("The Example Agency today announced a new strategy, the Open Example Strategy, for vendors.",
                     {("Example Agency", "adopters")}, id="kind-then-name"),
    ],
)
def test_subjects_and_agents_across_short_phrases(text: str, expected: set[tuple[str, str]]) -> None:
    assert _cues(text, "Open Example Strategy") == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Example Agency criticised the plan to launch the Open Example Strategy.", id="a-plan-to"),
        pytest.param("Jane Roe, who praised the Example Agency, launched the Open Example Strategy.",
                     id="relative-of-a-person"),
        pytest.param("The Open Example Strategy was set up in a hurry by lawyers.", id="agent-unknown"),
        pytest.param("The Example Agency announced a new study, the Open Example Strategy review.", id="other-kind"),
    ],
)
def test_no_subject_across_other_phrases(text: str) -> None:
    assert {a for a, _ in _cues(text, "Open Example Strategy")} <= {"Jane Roe"}


def test_two_named_policies_joined_by_and_are_two() -> None:
    names = [m.name for m in policies.cue_policies("The Open Example Strategy and Example Data Fund end in 2030.")]
    assert "Open Example Strategy" in names and "Example Data Fund" in names
    joined = [m.name for m in policies.cue_policies("Grants from the Research and Development Fund go out.")]
    assert joined == ["Research and Development Fund"]


def test_a_body_named_by_its_common_noun_as_the_subject() -> None:
    text = "The Ministry of Example Affairs met in May. The ministry has launched the Open Example Strategy."
    assert _cues(text, "Open Example Strategy") == {("Ministry of Example Affairs", "adopters")}
    # no ministry named before: no one
    assert _cues("The ministry has launched the Open Example Strategy.", "Open Example Strategy") == set()


def test_a_policy_named_inside_another_object_is_not_the_subject_s() -> None:
    text = "The Example Agency published a rule updating requirements covered by the Example Data Act."
    start = text.index("Example Data Act")
    assert policies.adopters_before(text, 0, start) is None
    adopted = "The Example Agency published the Example Data Act."
    assert policies.adopters_before(adopted, 0, adopted.index("Example Data Act")) == "Example Agency"


def test_a_body_joining_or_ratifying_a_policy_adopts_it() -> None:
    text = "Example Land is rich in ore. The Example Parliament committed to join the Open Example Strategy."
    assert _cues(text, "Open Example Strategy") == {("Example Parliament", "adopters")}
    assert _cues("The Example Parliament ratified the Open Example Strategy.", "Open Example Strategy") == {
        ("Example Parliament", "adopters")
    }
    # a person joins a programme as its staff or member: no owner
    assert _cues("Jane Roe joined the Open Example Strategy team.", "Open Example Strategy") == set()


def test_what_we_call_p_is_the_speaker_s_programme() -> None:
    text = "The Example Agency faces hard choices. This effort is what we call Open Example Strategy."
    assert _cues(text, "Open Example Strategy") == {("Example Agency", "runners")}
    # in a paragraph no body opens, and with no publisher known, "we" is no one
    assert _cues("Times are hard. This is what we call Open Example Strategy.", "Open Example Strategy") == set()


def test_a_country_s_new_policy_keeps_its_kind_words() -> None:
    found = {m.name: m.adopter for m in policies.cue_policies("Example Land's new data protection law starts.")}
    assert found == {}  # an invented country is no country
    found = {m.name: m.adopter for m in policies.cue_policies("Kenya's new data protection law starts in May.")}
    assert found == {"Kenya’s data protection law": "Kenya"}
    assert policies.cue_policies("Kenya's new law starts in May.") == []


def test_a_partnership_between_bodies_runs_the_policy() -> None:
    text = "The Open Example Strategy is a partnership between the Example Agency and the Example Lab."
    assert _cues(text, "Open Example Strategy") == {("Example Agency", "runners"), ("Example Lab", "runners")}
    # a partnership the policy only mentions is not what the policy is
    text = "The Open Example Strategy praises the partnership between the Example Agency and the Example Lab."
    assert _cues(text, "Open Example Strategy") == set()
