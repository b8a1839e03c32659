"""Kinds of policy instruments and owner forms from the usual taxonomies of instruments (recommendations,
blueprints, codes of practice, a "Vision" with its year, public laws by number, an issuer's memorandum by its
initials) and who adopts or runs them ("P, which X published", "the X (XA) P", "X is responsible for P"); with
negatives. All passages are invented."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, PolicyType
from pipelines.extract import policies
from pipelines.extract.pipeline import extract


def _doc(text: str) -> Document:
    return Document("p1", "p1.txt", "h", DocumentKind.NEWS_ARTICLE, "News of the week", f"News of the week\n\n{text}\n",
                    published="2024-01-01")


def _owners(text: str) -> dict[str, set[str]]:
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(_doc(text)).policies}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("The Example Data Recommendation was adopted in 2021.", "Example Data Recommendation",
                     PolicyType.FRAMEWORK, id="recommendation"),
        pytest.param("Members follow the Example Council Recommendation on Open Data.",
                     "Example Council Recommendation on Open Data", PolicyType.FRAMEWORK, id="recommendation-on"),
        pytest.param("The Example Interoperability Blueprint sets targets.", "Example Interoperability Blueprint",
                     PolicyType.STRATEGY, id="blueprint"),
        pytest.param("Suppliers sign the Example Open Code of Practice.", "Example Open Code of Practice",
                     PolicyType.FRAMEWORK, id="code-of-practice"),
        pytest.param("Example Land Vision 2030 sets out goals.", "Example Land Vision 2030", PolicyType.STRATEGY,
                     id="vision-year"),
        pytest.param("Public Law 117-412 requires agencies to act.", "Public Law 117-412", PolicyType.LAW,
                     id="public-law"),
    ],
)
def test_more_instrument_kinds(text: str, name: str, kind: PolicyType) -> None:
    found = {m.name: m for m in policies.cue_policies(text)}
    assert found[name].type is kind


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Example Vision sells glasses.", id="vision-without-year"),
        pytest.param("The Recommendation was welcome.", id="one-word-recommendation"),
        pytest.param("He broke the Example Dress Code twice.", id="code-without-practice"),
    ],
)
def test_no_instrument_without_its_form(text: str) -> None:
    assert not policies.cue_policies(text)


def test_an_issuer_before_a_capitalised_memorandum() -> None:
    memo = next(m for m in policies.cue_policies("EXB Memorandum M-21-99 sets requirements.") if m.rule == "policy.memo")
    assert memo.runner == "EXB"


def test_a_relative_clause_names_who_published_the_policy() -> None:
    owners = _owners("The Open Source Policy, which the Example Development Agency published in 2023, requires code "
                     "sharing. Staff welcomed it.")
    assert owners["Open Source Policy"] == {"Example Development Agency"}


def test_a_relative_clause_about_something_else_names_no_owner() -> None:
    owners = _owners("The Open Source Policy, which the Example Development Agency reviewed in 2023, requires code "
                     "sharing. Staff welcomed it.")
    assert owners["Open Source Policy"] == set()


def test_a_body_defined_by_its_initials_before_the_policy_owns_it() -> None:
    owners = _owners("The Example Development Agency (EDA) Open Source Policy applies to grants. Staff welcomed it.")
    assert owners["Open Source Policy"] == {"Example Development Agency"}


def test_initials_that_do_not_spell_the_name_before_are_no_owner() -> None:
    owners = _owners("The Example Development Agency (XYZ) Open Source Policy applies to grants. Staff welcomed it.")
    assert "Example Development Agency" not in owners.get("Open Source Policy", set())


def test_a_body_responsible_for_a_programme_runs_it() -> None:
    owners = _owners("The Example Agency for Digital Government is responsible for the Open Source Catalogue "
                     "Program. It was welcomed.")
    assert owners["Open Source Catalogue Program"] == {"Example Agency for Digital Government"}


def test_an_owner_joined_to_a_participle_is_no_part_of_the_name() -> None:
    owners = _owners("The EXA-backed Open Code Fund gives grants. The Example Agency (EXA) is in Rome.")
    assert owners["Open Code Fund"] == {"Example Agency"}
    assert "EXA-backed Open Code Fund" not in owners


def test_a_citation_in_brackets_names_the_issuer() -> None:
    owners = _owners("The Example Land Open Data Policy (EXA, 2016) requires open formats. The Example Agency (EXA) "
                     "wrote it.")
    assert owners["Example Land Open Data Policy"] == {"Example Agency"}


def test_an_apposition_naming_the_owner_and_the_kind() -> None:
    owners = _owners("The Open Data Fund, an EXA fund for start-ups, opened. The Example Agency (EXA) runs it.")
    assert owners["Open Data Fund"] == {"Example Agency"}
    owners = _owners("The Open Data Fund, an EXA success story, opened. The Example Agency (EXA) is in Rome.")
    assert owners["Open Data Fund"] == set()
