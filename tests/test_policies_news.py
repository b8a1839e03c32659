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
