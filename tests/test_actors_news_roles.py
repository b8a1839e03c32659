"""People news copy introduces without a verb or a comma: a bare role before the name ("committee chairman
Jo Lee", "Example Party MP Jo Lee"), or a full name whose surname later takes an honorific ("Ms Lee said");
with negatives (a company after a trade word, a headline's capitalised words, a description before the name)."""

from __future__ import annotations

from ontology.records import ActorType, Document, DocumentKind
from pipelines.extract.actors import role_named_people
from pipelines.extract.pipeline import extract


def people(text: str) -> set[str]:
    return {m.name for m in role_named_people(text) if m.type is ActorType.PERSON}


def claims_of(text: str) -> list[tuple[str, str]]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return [(c.claimant, c.text) for c in extract(doc).claims]


def test_a_lower_case_role_before_a_name_makes_a_person() -> None:
    text = "Harbour works committee chairman Edwin Larkspur visited the dock on Monday."
    assert people(text) == {"Edwin Larkspur"}


def test_a_capitalised_role_inside_the_name_run_makes_a_person() -> None:
    assert people("Example Party MP Nadia Quell met the group on Friday.") == {"Nadia Quell"}


def test_a_description_before_the_name_is_left_out() -> None:
    assert people("The winner was Tory Nadia Quell, who beat two rivals.") == set()
    assert people("It went to fellow Tory Nadia Quell on Friday.") == {"Nadia Quell"}


def test_a_trade_word_before_a_company_makes_no_person() -> None:
    assert people("Shares in retailer Brisk Stores fell, while carmaker Orbel Motors rose.") == set()


def test_a_later_honorific_surname_confirms_the_full_name() -> None:
    text = "The review was led by Edwin Larkspur. It found gaps in planning, Mr Larkspur said."
    assert people(text) == {"Edwin Larkspur"}


def test_a_capitalised_pair_with_no_sign_of_a_person_is_not_one() -> None:
    assert people("The review was held at Larkspur Quay. The quay was busy, Mr Brandt said.") == set()


def test_a_headline_surname_is_no_evidence() -> None:
    text = "End Quell row, says union\n\nThe union wants the row to end. Mr Quell declined to comment."
    assert people(text) == set()


def test_the_surname_quotation_of_a_role_named_person_is_claimed() -> None:
    text = (
        "Harbour works committee chairman Edwin Larkspur gave his reaction to the audit on Monday. "
        '"Four years on, the port is yet to begin its planned review of the contracts," Mr Larkspur said.'
    )
    assert ("Edwin Larkspur", "Four years on, the port is yet to begin its planned review of the contracts") in claims_of(text)


def test_a_surname_spelt_like_a_month_or_a_modal_is_a_persons() -> None:
    from pipelines.extract.actors import looks_like_person

    assert looks_like_person("Nadia May") and looks_like_person("Edwin March") and looks_like_person("Ona Will")
    # such a word never opens a name, and a month after a weekday is a date
    assert not looks_like_person("May Quell") and not looks_like_person("Friday March")


def test_a_person_whose_surname_is_a_month_takes_a_later_pronoun() -> None:
    text = (
        "The plant will close next year. Nadia May, the director of Example Works, said the closure was "
        "painful for the town. She added that most staff would be offered new jobs elsewhere."
    )
    assert ("Nadia May", "most staff would be offered new jobs elsewhere.") in claims_of(text)


def offices(text: str) -> set[str]:
    doc = Document("d1", "t/d1.txt", "0" * 64, DocumentKind.NEWS_ARTICLE, "A title", text)
    return {a.name for a in extract(doc).actors if a.type is ActorType.GOVERNMENT_BODY}


def test_a_named_office_with_the_before_it_is_a_public_body() -> None:
    assert offices("The Harbour Audit Office said the port had improved its planning.") == {"Harbour Audit Office"}
    assert offices("A Harbour Audit Office spokesman said the review went on.") == {"Harbour Audit Office"}


def test_a_product_or_a_room_named_office_is_no_public_body() -> None:
    assert offices("Most firms still use the Quell Office suite for their daily work.") == set()
    assert offices("The team met the director in the Round Office on Monday.") == set()
