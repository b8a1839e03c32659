"""Who adopts or runs a policy: a quoted programme an actor creates, the issuer a citation names, the acronym
a policy's name starts with, an acronym's possessive; with negatives."""

from __future__ import annotations

from ontology.records import Document, DocumentKind, PolicyType
from pipelines.extract import policies
from pipelines.extract.pipeline import extract


def _doc(text: str) -> Document:
    return Document("p1", "p1.txt", "h", DocumentKind.NEWS_ARTICLE, text.split("\n")[0], text, published="2020-01-01")


def _owners(text: str) -> dict[str, set[str]]:
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(_doc(text)).policies}


def test_quoted_programme_created_by_a_country() -> None:
    found = {m.name: m for m in policies.cue_policies("Example Land has created “Data Teams” to hire engineers.")}
    assert found["Data Teams"].type is PolicyType.PROGRAMME
    assert found["Data Teams"].adopter == "Example Land"


def test_quoted_words_without_a_creating_subject_are_no_programme() -> None:
    text = "Example Land has been called “a leader” by many. Critics said “Data Teams” was a slogan."
    assert "Data Teams" not in {m.name for m in policies.cue_policies(text)}
    assert "a leader" not in {m.name for m in policies.cue_policies(text)}


def test_citation_names_the_issuer_of_a_memo() -> None:
    text = "Agencies follow M-15-14: Management of Example Systems, Office of Example Budget, June 10, 2015."
    memo = next(m for m in policies.cue_policies(text) if m.rule == "policy.memo")
    assert memo.runner == "Office of Example Budget"


def test_a_citation_without_an_institution_names_no_issuer() -> None:
    text = "Agencies follow M-15-14: Management of Example Systems, Jane Roe, June 10, 2015."
    memo = next(m for m in policies.cue_policies(text) if m.rule == "policy.memo")
    assert memo.runner is None


def test_acronym_possessive_and_leading_acronym_run_the_policy() -> None:
    text = (
        "Budget news\n\nThe XQA team met. XQA’s Digital Example Program grew, and vendors on XQA IT Schedule 70 "
        "bid for work."
    )
    owners = _owners(text)
    assert "XQA" in owners["Digital Example Program"]
    assert "XQA" in owners["XQA IT Schedule 70"]


def test_a_function_acronym_runs_nothing() -> None:
    owners = _owners("Budget news\n\nIT’s Digital Example Program grew last year.")
    assert owners.get("Digital Example Program", set()) == set()


def test_parenthesised_short_form_is_an_alias_and_its_possessive_owner_runs_it() -> None:
    text = (
        "Updates\n\nThe 21st Century Example Data Act (21st Century EDA) asks a lot. We spoke to XQA’s 21st Century "
        "EDA lead about it."
    )
    found = {p.name: p for p in extract(_doc(text)).policies}
    act = found["21st Century Example Data Act"]
    assert "21st Century EDA" in act.aliases
    assert {link.target for link in act.runners} == {"XQA"}


def test_parenthesised_words_that_are_no_short_form_are_no_alias() -> None:
    assert policies.short_form(" (see below)", 0, "Example Data Act") is None
    assert policies.short_form(" (2019 EDA)", 0, "Example Data Act") is None  # "2019" is not in the name
    assert policies.short_form(" (21st Century XYZ)", 0, "21st Century Example Data Act") is None


def test_the_one_owner_of_the_memos_runs_the_documents_memos() -> None:
    text = (
        "Memos\n\nThe XQA team wrote guidance. Teams read M-23-22, Example Digital Experience and M-24-08, Example "
        "Access Rules. XQA’s policy guidance in the memos drives change."
    )
    owners = {p.name: {link.target for link in p.runners} for p in extract(_doc(text)).policies}
    assert owners["M-23-22: Example Digital Experience"] == {"XQA"}
    assert owners["M-24-08: Example Access Rules"] == {"XQA"}


def test_memos_of_two_owners_are_left_unowned() -> None:
    text = (
        "Memos\n\nThe XQA team and the ZRB team met. Teams read M-23-22, Example Digital Experience. XQA’s memos "
        "differ from ZRB’s memos."
    )
    owners = {p.name: {link.target for link in p.runners} for p in extract(_doc(text)).policies}
    assert owners["M-23-22: Example Digital Experience"] == set()


def test_our_programme_is_run_by_the_writers_organisation() -> None:
    text = "Notes\n\nAt Example Lab, we build tools. Vendors can join our upcoming Example Purchase Agreement now."
    owners = {p.name: {link.target for link in p.runners} for p in extract(_doc(text)).policies}
    assert owners["Example Purchase Agreement"] == {"Example Lab"}
    other = "Notes\n\nAt Example Lab, we build tools. Vendors can join the Example Purchase Agreement now."
    assert {p.name: p.runners for p in extract(_doc(other)).policies}["Example Purchase Agreement"] == ()


def test_lower_case_kind_words_defined_by_an_acronym_name_a_policy() -> None:
    found = {m.name: m for m in policies.cue_policies("Vendors await our Example Delivery blanket purchase agreement (EDBPA).")}
    bpa = found["Example Delivery blanket purchase agreement"]
    assert bpa.type is PolicyType.PROCUREMENT and bpa.alias == "EDBPA"
    none = {m.name for m in policies.cue_policies("We read the Example Land strategy (EU) closely.")}
    assert "Example Land strategy" not in none  # "(EU)" is not the name's acronym


def test_a_topic_around_an_act_names_the_act() -> None:
    names = {m.name for m in policies.cue_policies("Guidance on Implementation of the Example Data Act came out.")}
    assert "Example Data Act" in names and "Implementation of the Example Data Act" not in names
    section = {m.name for m in policies.cue_policies("Rules on Management of Section 508 of the Example Access Act.")}
    assert {"Section 508", "Example Access Act"} <= section
    assert "Management of Section 508 of the Example Access Act" not in section
    assert "Section 508 of the Example Access Act" in {
        m.name for m in policies.cue_policies("Under Section 508 of the Example Access Act, sites must work.")
    }


def test_orders_pilots_and_guidance_are_policies_and_numbered_heads_keep_their_kind() -> None:
    found = {m.name: m.type for m in policies.cue_policies(
        "Agencies follow Executive Order 14028 and the Example Acquisition Pilot, and read the Example Cloud Guidance."
    )}
    assert found["Executive Order 14028"] is PolicyType.REGULATION
    assert found["Example Acquisition Pilot"] is PolicyType.PROGRAMME
    assert found["Example Cloud Guidance"] is PolicyType.OTHER
    assert "Room 101" not in {m.name for m in policies.cue_policies("They met in Room 101 and Order 66 was a film line.")}
