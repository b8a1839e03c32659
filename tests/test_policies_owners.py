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
