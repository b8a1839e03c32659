"""Policy forms of headlines, link titles, lists and created units: a name inside a title-case headline, a
field of work that is no instrument, guides and plans by their heads, labs a body creates, memos named by
their issuer's initials, sites the text names as its programme, instruments named by initials alone; with
who adopts them. Each form has a positive and a negative passage (all invented)."""

from __future__ import annotations

import pytest

from ontology.records import Document, DocumentKind, PolicyType
from pipelines.extract import policies
from pipelines.extract.pipeline import extract


def _names(text: str) -> dict[str, policies.PolicyMention]:
    return {m.name: m for m in policies.cue_policies(text)}


def _doc(text: str) -> Document:
    return Document("h1", "h1.txt", "h", DocumentKind.NEWS_ARTICLE, text.split("\n")[0], text, published="2020-01-01")


def _owners(text: str) -> dict[str, set[str]]:
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(_doc(text)).policies}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("* **2:00 pm: How We Got the Example Records Act Passed**&mdash;Jane Roe", "Example Records Act",
                     id="verb-after-head"),
        pytest.param("- [News: New EXAMPLE CODE Act Mandates Open Sharing to Cut Costs](https://x.example)",
                     "EXAMPLE CODE Act", id="present-verb-after-head"),
        pytest.param("- [Council Approves Example Open Data Act](https://x.example)", "Example Open Data Act",
                     id="verb-before-long-name"),
    ],
)
def test_names_inside_headlines(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- [Fund Drive Includes Code-Sharing Law](https://x.example)", id="short-name-after-verb"),
        pytest.param("Senate Passes Hunting Bill", id="two-words-after-verb"),
    ],
)
def test_headlines_with_no_name_long_enough(text: str) -> None:
    assert _names(text) == {}


def test_a_company_limited_is_no_headline() -> None:
    assert "Example Fund" not in _names("Shares of Example Fund Limited rose.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Skills span these domains: Policy/Law; Product Strategy; Data Management.", id="skill-list"),
        pytest.param("* **10:00 am: Content Strategy**&mdash;Jane Roe", id="session-title"),
    ],
)
def test_a_field_of_work_is_no_policy(text: str) -> None:
    assert _names(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The council adopted the Product Strategy in May.", id="article"),
        pytest.param("Example Land’s Content Policy took effect.", id="possessive"),
    ],
)
def test_a_two_word_strategy_with_a_determiner_stays(text: str) -> None:
    assert any(n.endswith(("Strategy", "Policy")) for n in _names(text))


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("In 2015, the agency authored the Example Contracting Handbook.", "Example Contracting Handbook",
                     PolicyType.FRAMEWORK, id="handbook"),
        pytest.param("The Example Open Government National Action Plans promote openness.",
                     "Example Open Government National Action Plans", PolicyType.STRATEGY, id="plural-plans"),
        pytest.param("The Example Technical Reference Architecture has guidance.",
                     "Example Technical Reference Architecture", PolicyType.FRAMEWORK, id="reference-architecture"),
    ],
)
def test_guides_and_plans_by_their_heads(text: str, name: str, kind: PolicyType) -> None:
    found = _names(text)
    assert name in found and found[name].type is kind


def test_architecture_alone_and_years_before_plans() -> None:
    assert _names("Tourists admire the Example Gothic Architecture of the town.") == {}
    found = _names("It joined as part of the 2011 and 2013 Example Partnership Action Plans.")
    assert "Example Partnership Action Plans" in found and not any(n.startswith("2013") for n in found)


def test_a_lab_a_body_creates_is_its_programme() -> None:
    text = ("Labs news\n\nThe Department of Example Affairs recently created the Example Innovation Lab, focusing "
            "on fresh thinking. A memo establishes Example Acquisition Labs (EALs) at 24 agencies.")
    found = _names(text)
    assert found["Example Innovation Lab"].type is PolicyType.PROGRAMME
    assert found["Example Acquisition Labs"].type is PolicyType.PROGRAMME
    assert "Department of Example Affairs" in _owners(text)["Example Innovation Lab"]


def test_a_lab_someone_works_at_is_no_programme() -> None:
    assert _names("Jane Roe works at the Example Innovation Lab and the Example Club.") == {}


def test_a_quoted_programme_created_over_a_line_break_with_an_adverb() -> None:
    text = "The Department of Example Services has also created a “Buyers\nCircle” within its lab."
    found = _names(text)
    assert found["Buyers Circle"].adopter == "Department of Example Services"


def test_quoted_words_that_are_said_are_no_programme() -> None:
    text = "The Department of Example Services has also said a “Buyers\nCircle” would help."
    assert "Buyers Circle" not in _names(text)


def test_a_memo_named_by_its_issuers_initials() -> None:
    text = ("The Office of Example Buying (OEB) released a memorandum today. The pilot was announced with an OEB "
            "memorandum that establishes new labs.")
    memo = _names(text)["OEB memorandum"]
    assert memo.rule == "policy.memo" and memo.runner == "OEB"
    assert "Office of Example Buying" in _owners("Memo news\n\n" + text)["OEB memorandum"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The pilot was announced with an OEB memorandum that establishes labs.", id="initials-undefined"),
        pytest.param("The Office of Example Buying (OEB) sent an OEB memo, M-16-21, to agencies.", id="numbered"),
    ],
)
def test_no_initials_memo_when_undefined_or_numbered(text: str) -> None:
    assert "OEB memorandum" not in _names(text) and "OEB memo" not in _names(text)


def test_a_memo_number_after_its_issuers_initials() -> None:
    memo = _names("the tracking established by XQB M-16-21 (section 5) helps")["M-16-21"]
    assert memo.runner == "XQB"
    assert "M-16-21" not in _names("Train XQB-16-21 left late.")


def test_a_site_the_text_calls_its_programme() -> None:
    found = _names("This guidance and the effort to list our code is what we call Example.mil.")
    assert found["Example.mil"].type is PolicyType.PROGRAMME
    assert _names("Visit example.mil for the forms.") == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Given the core purpose of the FOIA, we built it openly.", "Freedom of Information Act",
                     id="acronym-alone"),
        pytest.param("Make sure the service is FedRAMP-authorized first.",
                     "Federal Risk and Authorization Management Program", id="acronym-compound"),
    ],
)
def test_instruments_named_by_initials_alone(text: str, name: str) -> None:
    assert _names(text)[name].rule == "policy.acronym"


def test_initials_inside_other_words_or_compounds_are_no_instrument() -> None:
    assert _names("A FOIA-style log and the FOIAX tool were shown.") == {}


def test_a_body_launching_a_pilot_adopts_it() -> None:
    text = ("Pilot news\n\nThe Office of Example Buying (OEB) released guidance. OEB is also launching a Digital "
            "Example Pilot along with it.")
    assert "Office of Example Buying" in _owners(text)["Digital Example Pilot"]


def test_a_pilot_launched_by_no_named_subject_has_no_adopter() -> None:
    text = "Pilot news\n\nThe Office of Example Buying (OEB) released guidance. Teams are launching a Digital Example Pilot."
    assert _owners(text)["Digital Example Pilot"] == set()


def test_the_issuer_of_a_memo_that_establishes_a_programme_adopts_it() -> None:
    text = ("Labs news\n\nThe Office of Example Buying (OEB) wrote to agencies. The pilot came with an OEB memorandum "
            "that establishes Example Acquisition Labs (EALs) at 24 agencies.")
    assert "Office of Example Buying" in _owners(text)["Example Acquisition Labs"]


def test_a_memo_about_a_programme_does_not_adopt_it() -> None:
    text = ("Labs news\n\nThe Office of Example Buying (OEB) wrote to agencies. An OEB memorandum praised the Example "
            "Acquisition Program at 24 agencies.")
    assert "Office of Example Buying" not in _owners(text).get("Example Acquisition Program", set())


def test_a_list_item_names_the_policy_its_sentence_says_who_made() -> None:
    text = ("Projects\n\nThe Department of Example Affairs (DEA) helps agencies.\n\n- The Example Participation "
            "Playbook: In 2014, DEA collaborated with agencies to create a guide for managers.")
    assert "Department of Example Affairs" in _owners(text)["Example Participation Playbook"]


def test_a_list_item_whose_sentence_makes_nothing_has_no_maker() -> None:
    text = ("Projects\n\nThe Department of Example Affairs (DEA) helps agencies.\n\n- The Example Participation "
            "Playbook: DEA praised it as a guide for managers.")
    assert _owners(text)["Example Participation Playbook"] == set()


def test_a_titled_document_an_institution_releases() -> None:
    text = ("In 2014 the Office of Example Science and XQA released Example Contracting Cases, an iterative, "
            "evolving document that describes ways agencies buy.")
    found = _names(text)["Example Contracting Cases"]
    assert found.rule == "policy.released" and found.adopter == "XQA"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Jane Roe released Example Contracting Cases, an evolving document on buying.", id="person"),
        pytest.param("The Office of Example Science released Example Contracting Cases, a report on buying.",
                     id="report"),
    ],
)
def test_titles_released_by_people_or_reports_are_no_policy(text: str) -> None:
    assert "Example Contracting Cases" not in _names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Example Land passed Law No. 2016-1321 for a digital republic.", "Law No. 2016-1321", id="law-no"),
        pytest.param("The Decree No. 9,637 of 2018 sets the rules.", "Decree No. 9,637", id="decree-no"),
        pytest.param("Under Law 14.063/2020, signatures are valid.", "Law 14.063/2020", id="law-slash"),
        pytest.param("Example Land adopted Decree 2023-45 on open source.", "Decree 2023-45", id="decree-dash"),
    ],
)
def test_laws_and_decrees_by_number(text: str, name: str) -> None:
    assert name in _names(text)


def test_a_bare_small_number_after_law_is_no_law() -> None:
    assert _names("See Law 5 and Bill 2 in the list of chapters.") == {}


def test_a_lower_case_name_defined_by_its_initials() -> None:
    found = _names("Example Land adopted a public-code-by-default act (PCDA) in 2023.")
    assert found["public-code-by-default act"].alias == "PCDA"
    assert found["public-code-by-default act"].type is PolicyType.LAW


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Example Land adopted a public-code-by-default act (EU) in 2023.", id="owner-in-brackets"),
        pytest.param("Example Land adopted a long and very detailed open source policy (OP) in 2023.",
                     id="too-few-initials"),
    ],
)
def test_lower_case_names_whose_brackets_are_no_initials(text: str) -> None:
    assert not any(m.alias for m in policies.cue_policies(text))


def test_a_policy_of_its_owner() -> None:
    found = _names("We read the Example Software Strategy 2020-2023 of the Example Commission.")
    assert found["Example Software Strategy 2020-2023"].runner == "Example Commission"
    assert "Example Software Review" not in _names("We read the Example Software Review of the Example Commission.")
    assert _names("We read the Example Software Strategy 2020-2023 of the industry.")[
        "Example Software Strategy 2020-2023"
    ].runner is None


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param("The project is part of the EU's Example Society Technologies initiative aimed at heritage.",
                     "Example Society Technologies initiative", PolicyType.PROGRAMME, id="initiative"),
        pytest.param("Example Land published its Example Cloud First charter in May.", "Example Cloud First charter",
                     PolicyType.FRAMEWORK, id="charter"),
    ],
)
def test_a_capitalised_name_with_a_lower_case_kind_word(text: str, name: str, kind: PolicyType) -> None:
    found = _names(text)
    assert name in found and found[name].type is kind


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He spoke on the Example World Service programme last night.", id="broadcast"),
        pytest.param("The Example Party plan was costed.", id="party-plan"),
        pytest.param("Analysts doubt the Example Corp strategy will work.", id="company-strategy"),
        pytest.param("Example Digital Society initiative papers were read.", id="no-determiner"),
        pytest.param("The Example Research Institute initiative grew.", id="organisation"),
    ],
)
def test_lower_case_kind_words_after_names_that_name_no_instrument(text: str) -> None:
    assert _names(text) == {}


def test_partners_working_to_implement_the_law_a_name_and_its_short_form_define() -> None:
    text = ("Law news\n\nThe Example Spending and Openness Act (ESO Act) is a law that makes spending clear. The "
            "Office of Example Data has been working with the Department of Example Affairs to successfully implement "
            "the law.")
    found = {m.name: m for m in policies.cue_policies(text)}
    assert found["Example Spending and Openness Act"].alias == "ESO Act" and "ESO Act" not in found
    owners = _owners(text)["Example Spending and Openness Act"]
    assert {"Office of Example Data", "Department of Example Affairs"} <= owners


def test_working_with_someone_on_something_else_runs_no_law() -> None:
    text = ("Law news\n\nThe Example Spending and Openness Act (ESO Act) is a law that makes spending clear. The "
            "Office of Example Data has been working with the Department of Example Affairs to study the costs of the "
            "law.")
    assert _owners(text)["Example Spending and Openness Act"] == set()


def test_a_body_that_will_launch_a_programme_adopts_it() -> None:
    text = "Site news\n\nThe Office of Example Budget (OEB) wrote a policy. OEB will launch the Example Code Program."
    assert "Office of Example Budget" in _owners(text)["Example Code Program"]
