"""Policies as news names them and their owners: a possessive two owners share, "Under the P, X will ...", a
body named by a lower-case noun ("the trust board"); and the names news gives to things that are no policies
(a newspaper called a standard, a product called a pilot, an office called a project, a verb after a possessive)."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract import policies
from pipelines.extract.pipeline import extract


def _doc(text: str) -> Document:
    return Document("p1", "p1.txt", "h", DocumentKind.NEWS_ARTICLE, text.split("\n")[0], text, published="2020-01-01")


def _owners(text: str) -> dict[str, set[str]]:
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(_doc(text)).policies}


def test_governments_sharing_a_possessive_both_adopt() -> None:
    text = (
        "Cloud news\n\nFrance and Germany signed a deal. The French and German governments' Example Cloud Strategy "
        "was presented in Berlin."
    )
    assert _owners(text)["Example Cloud Strategy"] == {"France", "Germany"}


def test_owners_listed_before_one_possessive_both_run() -> None:
    text = "Skills news\n\nKenya and Ghana met. Kenya and Ghana's joint Example Skills Programme starts in May."
    assert _owners(text)["Example Skills Programme"] == {"Ghana", "Kenya"}


def test_under_the_policy_a_public_body_applies_it() -> None:
    text = (
        "Code news\n\nThe Ministry of Example Affairs met. Under the Example Open Code Policy, the Ministry of "
        "Example Affairs will publish all its code."
    )
    assert _owners(text)["Example Open Code Policy"] == {"Ministry of Example Affairs"}


def test_under_the_policy_a_firm_is_bound_not_an_owner() -> None:
    text = "Data news\n\nExample Corp grew. Under the Example Data Act, Example Corp must share its data."
    assert _owners(text).get("Example Data Act", set()) == set()


def test_a_body_acting_through_its_board() -> None:
    text = "Fund news\n\nThe Example Trust set up a fund. The trust board approved the Example Data Fund last week."
    assert _owners(text)["Example Data Fund"] == {"Example Trust"}


def test_a_board_of_a_body_the_text_does_not_name_owns_nothing() -> None:
    text = "Fund news\n\nDonors met. The trust board approved the Example Data Fund last week."
    assert _owners(text).get("Example Data Fund", set()) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("He accused an Example Standard journalist of bias.", "Example Standard", id="staff-after"),
        pytest.param("Pires told the Example Standard: the club is fine.", "Example Standard", id="told"),
        pytest.param("The Evening Example Standard ran the story.", "Evening Example Standard", id="paper-time"),
        pytest.param("I'd put the first Palm Pilot there as the front runner.", "Palm Pilot", id="product-pilot"),
        pytest.param("The Pentagon's Project and Contract Office in Baghdad said so.", "Project and Contract Office",
                     id="project-office"),
        pytest.param("Example Land's banks used to act as cash offices.", "Example Land’s banks used to act",
                     id="possessive-verb"),
        pytest.param("The Example Corp's flagship pop music programme moves to Sunday.",
                     "flagship pop music programme", id="firm-possessive"),
    ],
)
def test_names_that_are_no_policies(text: str, name: str) -> None:
    assert name not in {m.name for m in policies.cue_policies(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("The Example Data Standard sets the format agencies use.", "Example Data Standard",
                     id="standard-kept"),
        pytest.param("The Digital Example Acquisitions Pilot ran for a year.", "Digital Example Acquisitions Pilot",
                     id="pilot-kept"),
        pytest.param("Project Open Example publishes data.", "Project Open Example", id="project-kept"),
        pytest.param("The government's new digital strategy was late.", "digital strategy", id="government-kept"),
    ],
)
def test_policies_kept_beside_the_negatives(text: str, name: str) -> None:
    assert name in {m.name for m in policies.cue_policies(text)}


def test_a_speaker_owns_the_policy_it_calls_its_own() -> None:
    text = (
        "Goods news\n\nIn a statement, the Example Development Agency (EDA) said its new Digital Public Goods "
        "Strategy will guide work in 40 countries."
    )
    assert _owners(text)["Digital Public Goods Strategy"] == {"Example Development Agency"}


def test_a_national_parliament_in_lower_case_is_its_country() -> None:
    text = "Code news\n\nDenmark moved first. The Danish parliament passed the Digital Example Act in 2023."
    assert _owners(text)["Digital Example Act"] == {"Denmark"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("The Example Development Programme (EDP) said costs rose.", set(), id="programme-speaks"),
        pytest.param("The Example Lottery Fund has said that it was confident.", set(), id="fund-speaks"),
        pytest.param("We support the Example Data Act, said Jane Roe.", {"Example Data Act"}, id="quote-after-act"),
        pytest.param("The Example Trading Act says that firms must report.", {"Example Trading Act"},
                     id="act-says"),
    ],
)
def test_a_name_that_speaks_is_a_body(text: str, kept: set[str]) -> None:
    assert {m.name for m in policies.cue_policies(text)} == kept


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("The ministry said it will adopt an open source first policy for new software.",
                     "open source first policy", id="open-source-first"),
        pytest.param("The city launched a national cloud computing strategy in May.", "national cloud computing strategy",
                     id="cloud-strategy"),
    ],
)
def test_instruments_described_in_lower_case(text: str, name: str) -> None:
    found = {m.name: m for m in policies.cue_policies(text)}
    assert name in found and found[name].rule == "policy.described"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The council adopted a tougher parking policy on Monday.", id="no-field-word"),
        pytest.param("Many agencies have published their digital strategy online.", id="two-words-a-field"),
        pytest.param("The club adopted a more open data policy than before.", id="vague-comparison"),
    ],
)
def test_lower_case_words_that_name_no_instrument(text: str) -> None:
    assert [m for m in policies.cue_policies(text) if m.rule == "policy.described"] == []
