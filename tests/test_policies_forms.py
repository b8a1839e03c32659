"""Policy forms: sections of laws, numbered memos, kind words with numbers and years, owners and signers."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, PolicyType
from pipelines.extract import policies
from pipelines.extract.pipeline import extract


def _names(text: str) -> dict[str, policies.PolicyMention]:
    return {m.name: m for m in policies.cue_policies(text)}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("Agencies must follow Section 508 when they buy.", "Section 508", PolicyType.LAW, id="section"),
        pytest.param("under Section 12 of the Example Privacy Act, data stays", "Section 12", PolicyType.LAW,
                     id="section-of-act"),
        pytest.param("It fixed the Example Procurement Act of 1998 at last.", "Example Procurement Act of 1998",
                     PolicyType.LAW, id="act-of-year"),
        pytest.param("the Example Defense Act for Fiscal Year 2015 passed", "Example Defense Act for Fiscal Year 2015",
                     PolicyType.LAW, id="act-fiscal-year"),
        pytest.param("Congress passed the 21st Century Example Act in May.", "21st Century Example Act",
                     PolicyType.LAW, id="ordinal"),
        pytest.param("Vendors on IT Schedule 70 can bid.", "IT Schedule 70", PolicyType.PROCUREMENT, id="schedule"),
        pytest.param("Buy through the Agile Example Purchase Agreement now.", "Agile Example Purchase Agreement",
                     PolicyType.PROCUREMENT, id="purchase-agreement"),
        pytest.param("Read the Example Accessibility Playbook first.", "Example Accessibility Playbook",
                     PolicyType.FRAMEWORK, id="playbook"),
        pytest.param("It is modelled on Project Open Example.", "Project Open Example", PolicyType.PROGRAMME,
                     id="project"),
        pytest.param("The Administration will launch https://www.example.gov soon.", "example.gov",
                     PolicyType.PROGRAMME, id="platform"),
    ],
)
def test_named_policies(text: str, name: str, kind: PolicyType) -> None:
    found = _names(text)
    assert name in found and found[name].type is kind


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("See Section 2 below for the method.", id="report-section"),
        pytest.param("She joined the Office of Science and Technology Policy.", id="office-of-policy"),
        pytest.param("Visit example.gov for the forms.", id="site-mention"),
        pytest.param("Flight M-15-14 left late.", id="code-without-memo-cue"),
    ],
)
def test_not_policies(text: str) -> None:
    assert _names(text) == {}


def test_memos_with_titles_and_alone() -> None:
    text = (
        "The two memos, M-23-22, Delivering a Better Example and M-24-08, Strengthening Example Access, "
        "were issued by the Office of Example Budget. M-23-22 sets the bar."
    )
    found = [m for m in policies.cue_policies(text) if m.rule == "policy.memo"]
    assert sorted({m.name for m in found}) == [
        "M-23-22: Delivering a Better Example",
        "M-24-08: Strengthening Example Access",
    ]
    assert any(m.runner == "Office of Example Budget" for m in found)


def test_owner_before_and_signer_after() -> None:
    found = _names("The Example Agency’s Data Sharing Policy, signed into law by Ruritania, took effect.")
    assert found["Data Sharing Policy"].runner == "Example Agency"
    found = _names("The Open Example Policy, signed into law by the Ruritanian Parliament, took effect.")
    assert found["Open Example Policy"].runner == "Ruritanian Parliament"


def test_whole_document_keeps_the_memo_number_as_an_alias() -> None:
    text = "OMB issued M-23-22, Delivering a Better Example, in 2023. Agencies read M-23-22 closely."
    doc = Document("d", "d.txt", "0", DocumentKind.BLOG_POSTING, "Memo notes", text)
    [memo] = [p for p in extract(doc).policies if p.name.startswith("M-23-22")]
    assert memo.name == "M-23-22: Delivering a Better Example" and "M-23-22" in memo.aliases


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("States signed the Example Data Agreement in May.", "Example Data Agreement", PolicyType.FRAMEWORK,
                     id="agreement"),
        pytest.param("Vendors sell on the Example Services Marketplace.", "Example Services Marketplace",
                     PolicyType.PROCUREMENT, id="marketplace"),
        pytest.param("Ministers ratified the Exampleton Treaty.", "Exampleton Treaty", PolicyType.FRAMEWORK, id="treaty"),
        pytest.param("Firms joined the Example Trading Scheme.", "Example Trading Scheme", PolicyType.PROGRAMME,
                     id="scheme"),
    ],
)
def test_more_kind_words_end_a_policy_name(text: str, name: str, kind: PolicyType) -> None:
    assert _names(text)[name].type is kind


def test_a_kind_word_alone_or_in_lower_case_is_no_name() -> None:
    names = _names("The Agreement was signed. They reached a trade agreement and a pension scheme.")
    assert not {"Agreement", "trade agreement", "pension scheme"} & set(names)


def test_a_national_governments_policy_is_that_countrys() -> None:
    found = _names("The French government’s national cloud plan was shown on Monday.")
    assert found["France’s national cloud plan"].adopter == "France"
    # a government named by a word that is no country names no adopter
    assert all(m.adopter is None for m in policies.cue_policies("The Example government’s national cloud plan grew."))


def test_the_instrument_a_role_heads_is_a_policy_and_a_field_is_not() -> None:
    assert _names("Kay Roe (Director of XQA IT Schedule 70) spoke.")["XQA IT Schedule 70"].type is PolicyType.PROCUREMENT
    assert _names("Jane Roe, Director of the Example Open Code Fund, spoke.")["Example Open Code Fund"].type is (
        PolicyType.FUND
    )
    assert _names("Jane Roe, Head of Open Source Policy, spoke.") == {}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("Ministers signed the Exampleton Declaration on Digital Society and Open Government.",
                     "Exampleton Declaration on Digital Society and Open Government", PolicyType.FRAMEWORK,
                     id="declaration-on"),
        pytest.param("Example Land’s National Strategy for Artificial Intelligence came out.",
                     "National Strategy for Artificial Intelligence", PolicyType.STRATEGY, id="strategy-for"),
        pytest.param("The Roadmap for Digital Cooperation was published.", "Roadmap for Digital Cooperation",
                     PolicyType.STRATEGY, id="head-first-long-complement"),
        pytest.param("The board adopted the Open Example Strategy 2020-2023 last year.",
                     "Open Example Strategy 2020-2023", PolicyType.STRATEGY, id="year-range"),
        pytest.param("Vendors follow Regulation (EU) 2024/1234 now.", "Regulation (EU) 2024/1234",
                     PolicyType.REGULATION, id="eu-numbered-act"),
    ],
)
def test_complements_years_and_numbers_belong_to_the_name(text: str, name: str, kind: PolicyType) -> None:
    assert _names(text)[name].type is kind


def test_a_date_a_body_or_a_short_complement_is_no_part_of_a_name() -> None:
    assert set(_names("The Example Act on Monday passed.")) == {"Example Act"}
    assert _names("It needs an Act of Parliament and the Fund for Peace said so.") == {}
    assert _names("The Office of Example Technology Policy met.") == {}
    assert _names("The Plan 2020-2023 is new.") == {}
    assert _names("Vendors follow Regulation (EU) now.") == {}
    assert _names("Regulation (EU) 2024/2847")["Regulation (EU) 2024/2847"].adopter == "European Union"


def test_accords_ordinances_statutes_and_maturity_models_are_instruments() -> None:
    text = "The Example Noise Ordinance passed. The Example Services Maturity Model helps. The Example Accord holds."
    found = {m.name: m.type for m in policies.cue_policies(text)}
    assert found["Example Noise Ordinance"] is PolicyType.REGULATION
    assert found["Example Services Maturity Model"] is PolicyType.FRAMEWORK
    assert found["Example Accord"] is PolicyType.FRAMEWORK
    # a model alone is a product as often as a framework
    assert policies.cue_policies("The Example Services Model sold well.") == []
