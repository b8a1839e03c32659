"""Who adopts or runs a policy the text names: passive agents and their lists, an agent before the policy or
"it", an active subject, "P from X" and "our P"; each with a negative case."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, PolicyType
from pipelines.extract import policies
from pipelines.extract.pipeline import extract

_KNOWN = {"Example Agency", "Office of Example Policy", "XQA", "ZRB", "Office of Management and Budget", "Jane Roe"}


def _known(surface: str) -> str | None:
    """The known name `surface` ends with, as the pipeline's actor table answers ("the XQA" is XQA)."""
    words = surface.split()
    return next((" ".join(words[k:]) for k in range(len(words)) if " ".join(words[k:]) in _KNOWN), None)


def _cues(text: str, *forms: str) -> set[tuple[str, str, str]]:
    return {(c.form, c.actor, c.bucket) for c in policies.owner_cues(text, forms, _known)}


def _owners(text: str) -> dict[str, set[str]]:
    doc = Document("p1", "p1.txt", "h", DocumentKind.NEWS_ARTICLE, text.split("\n")[0], text, published="2020-01-01")
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(doc).policies}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Example Data Fund, run by XQA and the Office of Example Policy, pays maintainers.",
            {("Example Data Fund", "XQA", "runners"), ("Example Data Fund", "Office of Example Policy", "runners")},
            id="comma-participle-list",
        ),
        pytest.param(
            "The Example Data Fund is a pool of vendors for design and hosting, developed in partnership by XQA "
            "and ZRB.",
            {("Example Data Fund", "XQA", "runners"), ("Example Data Fund", "ZRB", "runners")},
            id="auxiliary-far-participle",
        ),
        pytest.param(
            "The Example Data Act was signed into law by Jane Roe in May.",
            {("Example Data Act", "Jane Roe", "adopters")},
            id="signed-into-law",
        ),
        pytest.param(
            "The Example Data Fund was created by the Office of Management and Budget.",
            {("Example Data Fund", "Office of Management and Budget", "adopters")},
            id="name-with-and-kept-whole",
        ),
    ],
)
def test_a_passive_agent_adopts_or_runs_the_policy(text: str, expected: set) -> None:
    assert _cues(text, "Example Data Fund", "Example Data Act") == expected


def test_a_participle_of_another_noun_names_no_agent() -> None:
    assert _cues("The Example Data Fund pays companies run by XQA.", "Example Data Fund") == set()
    # the participle is in a clause about something else
    text = "The Example Data Fund helps projects that grew fast, managed by XQA."
    assert _cues(text, "Example Data Fund") == set()


def test_an_agent_before_the_policy_or_its_pronoun() -> None:
    text = "Read the Example Toolkit first. Developed by XQA and ZRB, it’s the hub for guidance."
    assert _cues(text, "Example Toolkit") == {("Example Toolkit", "XQA", "runners"), ("Example Toolkit", "ZRB", "runners")}
    text = "Vendors use the Example Data Fund. It was launched by the Example Agency in 2019."
    assert _cues(text, "Example Data Fund") == {("Example Data Fund", "Example Agency", "adopters")}


def test_it_after_a_sentence_of_two_policies_is_no_one_policy() -> None:
    text = "Vendors use the Example Data Fund and the Example Data Act. It was launched by the Example Agency."
    assert _cues(text, "Example Data Fund", "Example Data Act") == set()


def test_an_active_subject_list_adopts_or_runs_the_policy() -> None:
    text = "Last year XQA and ZRB launched the Example Data Fund, and the Example Agency runs the Example Data Act."
    assert _cues(text, "Example Data Fund", "Example Data Act") == {
        ("Example Data Fund", "XQA", "adopters"),
        ("Example Data Fund", "ZRB", "adopters"),
        ("Example Data Act", "Example Agency", "runners"),
    }
    # a verb with an object between it and the policy says nothing about the policy
    assert _cues("XQA launched a review of the Example Data Act.", "Example Data Act") == set()


def test_a_policy_from_an_actor_and_our_policy() -> None:
    assert _cues("Agencies adopt the Example Data Fund from XQA.", "Example Data Fund") == {
        ("Example Data Fund", "XQA", "runners")
    }
    assert _cues("Agencies adopt the Example Data Fund from 2019 on.", "Example Data Fund") == set()
    text = "While we waited, XQA and ZRB held two events for our upcoming Example Data Fund."
    assert _cues(text, "Example Data Fund") == {("Example Data Fund", "XQA", "runners"), ("Example Data Fund", "ZRB", "runners")}
    quoted = "XQA said: “we love our upcoming Example Data Fund.”"
    assert _cues(quoted, "Example Data Fund") == set()


def test_the_agents_reach_the_extracted_policy() -> None:
    owners = _owners(
        "Funding news\n\nThe Example Agency met on Monday. The Example Open Code Fund, run by the Example Agency, "
        "pays maintainers."
    )
    assert owners["Example Open Code Fund"] == {"Example Agency"}


def test_a_national_governments_policy_and_a_policys_lead_at_an_organisation() -> None:
    known = {"United States": "United States", "XQA": "XQA"}.get
    text = "The U.S. government’s Example Data Fund pays maintainers."
    assert {(c.actor, c.bucket) for c in policies.owner_cues(text, ["Example Data Fund"], known)} == {
        ("United States", "adopters")
    }
    text = "The Example government’s Example Data Fund pays maintainers."  # "Example" is no country
    assert policies.owner_cues(text, ["Example Data Fund"], known) == []
    text = "We spoke to the Example Data Act implementation lead, Jane Roe, at XQA, about it."
    assert _cues(text, "Example Data Act") == {("Example Data Act", "XQA", "runners")}
    assert _cues("We spoke to the Example Data Act lawyers at XQA.", "Example Data Act") == set()


def test_a_site_a_government_owns_is_its_programme() -> None:
    found = {m.name: m for m in policies.cue_policies("The U.S. government’s Example.gov, which signs people in, grew.")}
    assert found["Example.gov"].type is PolicyType.PROGRAMME
    assert "Example.gov" not in {m.name for m in policies.cue_policies("Mail from Example.gov arrived.")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The Example Data Fund, an initiative of XQA and ZRB, pays.", {"XQA", "ZRB"}, id="initiative-of"),
        pytest.param("The Example Data Fund is a programme run by XQA.", {"XQA"}, id="programme-run-by"),
        pytest.param("The Example Data Fund, an XQA initiative, pays.", {"XQA"}, id="owners-initiative"),
        pytest.param("XQA’s new Example Data Fund pays.", {"XQA"}, id="possessive-adjective"),
        pytest.param("Through its Example Data Fund, XQA pays maintainers.", {"XQA"}, id="through-its"),
        pytest.param("The Example Data Fund, a fund of funds, pays.", set(), id="kind-of-no-actor"),
        pytest.param("Under the Example Data Fund, XQA pays.", set(), id="under-the-no-owner"),
        pytest.param("XQA’s staff and the Example Data Fund met.", set(), id="possessive-of-another-noun"),
    ],
)
def test_what_the_policy_is_and_whose(text: str, expected: set[str]) -> None:
    assert {actor for _, actor, _ in _cues(text, "Example Data Fund")} == expected


def test_a_national_government_in_an_agent_list_is_its_country() -> None:
    known = {"Germany": "Germany"}.get
    text = "The Example Data Fund was launched by the German government in 2022."
    assert {(c.actor, c.bucket) for c in policies.owner_cues(text, ["Example Data Fund"], known)} == {
        ("Germany", "adopters")
    }
    text = "The Example Data Fund was launched by the Example government in 2022."
    assert policies.owner_cues(text, ["Example Data Fund"], known) == []


def test_a_document_that_is_a_policy_is_run_by_its_issuer() -> None:
    body = (
        "Agencies must meet the requirements of this policy within 90 days. XQA will provide a schema for "
        "inventories, and progress on this policy will be assessed by XQA each quarter."
    )
    owners = _owners(f"Example Code Policy | Implementation\n\nThe XQA office leads. {body}")
    assert owners["Example Code Policy"] == {"XQA"}
    # the same policy named in a page that is not the policy itself has no issuer
    other = _owners(
        "Example Code Policy news\n\nThe XQA office leads. Agencies read the Example Code Policy. XQA will provide "
        "a schema, and progress will be assessed by XQA each quarter."
    )
    assert other["Example Code Policy"] == set()


def test_a_subject_with_its_acronym_releases_a_draft_and_a_body_approves() -> None:
    text = "The Office of Management and Budget (OMB) today released the draft Example Data Act for comment."
    assert _cues(text, "Example Data Act") == {("Example Data Act", "Office of Management and Budget", "adopters")}
    assert _cues("The Example Data Act was approved by XQA.", "Example Data Act") == {
        ("Example Data Act", "XQA", "adopters")
    }
    # a release of something else about the policy
    assert _cues("XQA released a report on the Example Data Act.", "Example Data Act") == set()


def test_the_fund_and_the_law_are_the_policy_named_just_before() -> None:
    text = "Projects get money from the Example Data Fund. The fund was set up by XQA in 2022."
    assert _cues(text, "Example Data Fund") == {("Example Data Fund", "XQA", "adopters")}
    text = "Congress passed the Example Data Act in May. Jane Roe signed the law a week later."
    assert _cues(text, "Example Data Act") == {("Example Data Act", "Jane Roe", "adopters")}
    # two funds before: "the fund" is neither; a fund is no programme
    text = "Projects use the Example Data Fund and the Other Data Fund. The fund was set up by XQA."
    assert _cues(text, "Example Data Fund", "Other Data Fund") == set()
    assert _cues("Projects use the Example Data Fund. XQA runs the programme.", "Example Data Fund") == set()


def test_an_owner_in_brackets_or_joined_to_a_participle() -> None:
    assert _cues("Teams join the Example Data Fund (XQA) each year.", "Example Data Fund") == {
        ("Example Data Fund", "XQA", "runners")
    }
    assert _cues("Teams join the ZRB-funded Example Data Fund each year.", "Example Data Fund") == {
        ("Example Data Fund", "ZRB", "runners")
    }
    # the name's own acronym in brackets, and a remark in brackets, name no owner
    known = {"EDF": "EDF"}.get
    assert policies.owner_cues("Teams join the Example Data Fund (EDF) each year.", ["Example Data Fund"], known) == []
    assert _cues("Teams join the Example Data Fund (XQA said) now.", "Example Data Fund") == set()
