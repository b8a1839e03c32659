"""Each extractor on short passages written for the tests, with negative cases."""

from __future__ import annotations

from ontology.records import ActorType, ClaimKind, Document, DocumentKind, EventType, PolicyType, Role
from pipelines.extract import actors, events, policies
from pipelines.extract.claims import claim_kind
from pipelines.extract.pipeline import extract
from pipelines.extract.text import name_spans, sentences


def doc(text: str, kind: DocumentKind = DocumentKind.NEWS_ARTICLE, **kw) -> Document:
    return Document("d1", "t/d1.txt", "0" * 64, kind, kw.pop("title", text.split("\n")[0]), text, **kw)


def test_sentences_do_not_split_at_honorifics() -> None:
    text = "Mr. Singh noted the risk. Dr. Lee agreed. The U.S. did not."
    assert [s.text for s in sentences(text)] == [
        "Mr. Singh noted the risk.",
        "Dr. Lee agreed.",
        "The U.S. did not.",
    ]


def test_name_spans_join_connectors_and_drop_sentence_starters() -> None:
    spans = [s.text for s in name_spans("Later, the Ministry of Culture met Trinidad and Tobago officials.")]
    assert spans == ["Ministry of Culture", "Trinidad and Tobago"]


def test_name_spans_split_possessives() -> None:
    assert [s.text for s in name_spans("Norway’s Digital Lab works.")] == ["Norway", "Digital Lab"]


def test_classify_name_by_head_words() -> None:
    assert actors.classify_name("Ministry of Digital Affairs") is ActorType.GOVERNMENT_BODY
    assert actors.classify_name("Free Software Foundation") is ActorType.ORGANIZATION
    assert actors.classify_name("Portugal") is ActorType.COUNTRY
    assert actors.classify_name("UNESCO") is ActorType.IGO
    # negatives: events, policies, bare cue words and plain phrases are not actors
    assert actors.classify_name("Open Data Week") is None
    assert actors.classify_name("Digital Services Act") is None
    assert actors.classify_name("Government") is None
    assert actors.classify_name("Digital Sovereignty") is None


def test_apposition_role_at_organisation() -> None:
    found = actors.appositions("Karen Bauer, Head of Open Source at Nordic Cloud, said the plan works.")
    person = next(m for m in found if m.type is ActorType.PERSON)
    assert (person.name, person.role, person.affiliation) == (
        "Karen Bauer",
        "Head of Open Source",
        "Nordic Cloud",
    )


def test_apposition_role_comma_organisation() -> None:
    found = actors.appositions("Luis Ortega, Deputy Director, Agency for Digital Government, presented a study.")
    person = next(m for m in found if m.type is ActorType.PERSON)
    assert person.affiliation == "Agency for Digital Government"
    assert person.affiliation_type is ActorType.GOVERNMENT_BODY


def test_apposition_needs_a_role_word() -> None:
    # "Paris, France" is a place, not a person with a role
    assert actors.appositions("Open Data Summit, Paris, France, opened on Monday.") == []


def test_listing_lines_with_roles_and_sectors() -> None:
    text = "Organizer 1: Hana Sato, Civic Code Lab\nSpeaker 2: Omar Haddad, Government, African Group\n"
    entries = actors.listings(text)
    assert [(e.person, e.role, e.organization) for e in entries] == [
        ("Hana Sato", Role.ORGANIZER, "Civic Code Lab"),
        ("Omar Haddad", Role.SPEAKER, None),
    ]


def test_government_of_and_demonym_government() -> None:
    names = {(m.name, m.type) for m in actors.cue_typed("The Government of Kenya and the Brazilian government agreed.")}
    assert ("Government of Kenya", ActorType.GOVERNMENT_BODY) in names
    assert ("Government of Brazil", ActorType.GOVERNMENT_BODY) in names
    assert ("Kenya", ActorType.COUNTRY) in names


def test_event_cues_and_lowercase_heads() -> None:
    found = {
        (e.name, e.type)
        for e in events.cue_events("We met at the Open Data Week. The Civic Tech day on May 3 was full.")
    }
    assert ("Open Data Week", EventType.CONFERENCE) in found
    assert ("Civic Tech Day", EventType.CONFERENCE) in found


def test_session_called_title() -> None:
    found = events.cue_events("The team led a session called Funding Commons – Who Pays for Code where they spoke.")
    assert [(e.name, e.type) for e in found] == [("Funding Commons – Who Pays for Code", EventType.SESSION)]


def test_date_is_not_an_event_date_without_an_event() -> None:
    assert events.cue_events("On 4 March 2024 the ministry published figures.") == []


def test_title_event_with_series_and_date() -> None:
    text = "ABC 2023 WS #12 Data Commons\n\nMonday, 9th October, 2023 (10:00 UTC)\n\nRoom 4\n"
    session, series = events.title_event("ABC 2023 WS #12 Data Commons", text, 2023)
    assert (session.date, session.part_of, session.location) == ("2023-10-09", "ABC 2023", "Room 4")
    assert series.name == "ABC 2023"


def test_policy_cues_quoted_and_possessive() -> None:
    text = (
        'Chile adopted an "open by default" strategy. Norway’s cloud procurement policy was praised. '
        "The Digital Services Act applies."
    )
    found = {(p.name, p.type, p.adopter) for p in policies.cue_policies(text)}
    assert ("open by default strategy", PolicyType.STRATEGY, None) in found
    assert ("Norway’s cloud procurement policy", PolicyType.PROCUREMENT, "Norway") in found
    assert ("Digital Services Act", PolicyType.LAW, None) in found


def test_policy_negative_plain_phrase() -> None:
    assert policies.cue_policies("They discussed policy and strategy in general terms.") == []


def test_an_initiative_name_stops_at_a_dash_gap() -> None:
    """Plain-text sources write a dash as a run of spaces: the clause after it is not the initiative's name."""
    text = "He ended the campaign to fund maintainers   to the relief of his supporters   and left."
    assert [m.name for m in policies.cue_policies(text)] == ["campaign to fund maintainers"]


def test_claim_kinds() -> None:
    assert claim_kind("costs fell by 40 percent") is ClaimKind.QUANTITATIVE
    assert claim_kind("governments should fund maintainers") is ClaimKind.RECOMMENDATION
    assert claim_kind("open source builds trust") is ClaimKind.EVALUATION


def test_claims_with_pronoun_and_surname_coreference() -> None:
    text = (
        "Panel report\n\nRita Gomez, Director of Policy at Open Commons Lab, presented a survey of cities. "
        "She found that 60 percent of cities reuse code. Ms. Gomez argued that procurement must change."
    )
    extraction = extract(doc(text, DocumentKind.SESSION_REPORT, title="Panel report"))
    claims = {(c.claimant, c.evidence.rule) for c in extraction.claims}
    assert ("Rita Gomez", "claim.pronoun") in claims
    assert ("Rita Gomez", "claim.reported") in claims
    person = next(a for a in extraction.actors if a.name == "Rita Gomez")
    assert [link.target for link in person.affiliations] == ["Open Commons Lab"]
    assert "Gomez" in person.aliases


def test_unattributed_statements_are_not_claims() -> None:
    text = "Notes\n\nAn audience member said the plan would fail. Participants agreed that code matters."
    assert extract(doc(text, DocumentKind.BLOG_POSTING)).claims == ()


def test_claimant_is_the_subject_next_to_a_closing_reporting_verb() -> None:
    """ "CLAIM, SUBJECT said." and "CLAIM, said SUBJECT.": the speaker stands beside the verb; a country or
    organisation named inside the claim is not its speaker, and an unnamed speaker gives no claim."""
    text = (
        "Budget news\n\n"
        "Public spending on software in Portugal rose by a fifth in March, analysts have said. "
        "Open tenders will become the rule across the Nordic Council, said Lisbon Digital Agency director Ana Costa. "
        "The reform of the Agency for Digital Affairs is overdue and will be costly, Finance Minister Paulo Reis said. "
        "Schools in Chile will move to open software next year, he added. "
        'Cities in Spain will share far more code next year," Marta Silva, chief analyst at Delta Bank, said. '
        "Grants for maintainers in Austria doubled last year, said the report."
    )
    extraction = extract(doc(text))
    assert [(c.claimant, c.evidence.rule, c.text) for c in extraction.claims] == [
        ("Ana Costa", "claim.reported", "Open tenders will become the rule across the Nordic Council"),
        ("Paulo Reis", "claim.reported", "The reform of the Agency for Digital Affairs is overdue and will be costly"),
        ("Paulo Reis", "claim.pronoun", "Schools in Chile will move to open software next year"),
        ("Marta Silva", "claim.reported", "Cities in Spain will share far more code next year"),
    ]


def test_names_lose_an_opening_article_or_gerund_and_titles_stay_with_the_person() -> None:
    text = (
        "Budget news\n\n"
        "A Labour Party spokesman said the plan was sound and would be published in spring. "
        "Launching the Department for Digital Affairs review, Lord Fenwick said courts must modernise. "
        "Treasury Secretary John Snow said the dollar policy had not changed at all this year."
    )
    extraction = extract(doc(text))
    names = {a.name for a in extraction.actors}
    assert {"Labour Party", "Department for Digital Affairs", "Lord Fenwick", "John Snow"} <= names
    assert not any(n.startswith(("A ", "Launching")) or n.startswith("Treasury Secretary") for n in names)
    # a short statement after the verb is still the statement: the speaker is not "the review"
    fenwick = next(c for c in extraction.claims if c.claimant == "Lord Fenwick")
    assert fenwick.text.endswith("courts must modernise.")


def test_an_intergovernmental_fund_is_an_organisation_and_an_acronym_title_stays_with_the_person() -> None:
    text = (
        "Economy\n\nThe International Monetary Fund said growth would slow in the euro zone next year. "
        "US Treasury Secretary John Snow said the dollar policy had not changed this year."
    )
    extraction = extract(doc(text))
    types = {a.name: a.type for a in extraction.actors}
    assert types == {"International Monetary Fund": ActorType.IGO, "John Snow": ActorType.PERSON}
    assert all(p.name != "International Monetary Fund" for p in extraction.policies)


def test_a_country_far_from_the_verb_is_not_its_speaker() -> None:
    text = (
        "Consoles\n\nThe console went on sale in Kenya in mid November for $150 and Nintendo says sales have "
        "exceeded all expectations so far. The Ministry of Digital Affairs in Ghana on Tuesday said that "
        "tenders will favour open source from next year."
    )
    claims = [(c.claimant, c.text) for c in extract(doc(text)).claims]
    assert claims == [("Ministry of Digital Affairs", "tenders will favour open source from next year.")]


def test_a_pronoun_after_a_conjunction_is_the_last_person() -> None:
    text = (
        "Party news\n\nParty leader Maria Lund said the Green Party was ready for the campaign in Leeds. "
        "But she said the party would not join any coalition after the election."
    )
    claims = extract(doc(text)).claims
    assert [(c.claimant, c.evidence.rule) for c in claims] == [
        ("Maria Lund", "claim.reported"),
        ("Maria Lund", "claim.pronoun"),
    ]


def test_news_names_places_and_people_of_organisations() -> None:
    text = (
        "Markets\n\nNew Zealand said the trade deal would be signed in March by both governments. "
        "The Financial Times reported that the talks were close to a result this week. "
        "Howard Lane of Delta Insight said the housing market was cooling fast this winter. "
        "Der Spiegel reported that the ministry would move its servers to open source next year."
    )
    extraction = extract(doc(text))
    types = {a.name: a.type for a in extraction.actors}
    assert types == {
        "New Zealand": ActorType.COUNTRY,
        "Financial Times": ActorType.ORGANIZATION,
        "Howard Lane": ActorType.PERSON,
    }
    assert "Howard Lane" in {c.claimant for c in extraction.claims}


def test_acronym_defined_in_text_becomes_alias() -> None:
    text = "Report\n\nThe Digital Commons Agency (DCA) funds maintainers. The DCA said grants will double."
    extraction = extract(doc(text))
    agency = next(a for a in extraction.actors if a.name == "Digital Commons Agency")
    assert "DCA" in agency.aliases
    assert any(c.claimant == "Digital Commons Agency" for c in extraction.claims)


def test_evidence_offsets_point_at_the_passage() -> None:
    text = "Report\n\nKaren Bauer, Head of Open Source at Nordic Cloud, said the plan works well for all."
    extraction = extract(doc(text))
    for actor in extraction.actors:
        for ev in actor.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
    claim = extraction.claims[0]
    assert text[claim.evidence.start : claim.evidence.end] == claim.text


def test_conjoined_names_are_split_and_places_are_not_actors() -> None:
    names = {
        m.name for m in actors.cue_typed("The Ghana Digital Lab and Kenya Code Foundation met at Europa Headquarters.")
    }
    assert {"Ghana Digital Lab", "Kenya Code Foundation"} <= names
    assert not any("Headquarters" in n or " and " in n for n in names)


def test_organisation_variants_merge_into_the_longest_name() -> None:
    text = (
        "Report\n\nThe Brazil Open Source Software Promotion Union spoke. Later the Brazilian OSS Promotion Union "
        "said that members grew by 40 percent."
    )
    extraction = extract(doc(text))
    orgs = [a for a in extraction.actors if a.type is ActorType.ORGANIZATION]
    assert [o.name for o in orgs] == ["Brazil Open Source Software Promotion Union"]
    assert "Brazilian OSS Promotion Union" in orgs[0].aliases


def test_acronym_subject_stays_an_actor() -> None:
    text = "Report\n\nThe US, however, views this trend as leading to weaker public services overall."
    extraction = extract(doc(text))
    assert [(c.claimant, c.evidence.rule) for c in extraction.claims] == [("United States", "claim.reported")]


def test_words_found_are_what_an_alternation_of_the_words_finds() -> None:
    import re

    from pipelines.extract.claims import _words_found

    text = "Lee met Leeds fans; O'Lee and Lee-Smith did not. Lees said Lee. Lee"
    for words in ({"Lee"}, {"Lee", "Leeds"}, {"Leeds", "Lees", "Lee"}, {"Smith"}, {"Nobody"}):
        alternation = "|".join(sorted(re.escape(w) for w in words))
        pattern = re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w’'-])")
        assert _words_found(text, words) == [(m.start(), m.group()) for m in pattern.finditer(text)]
    assert [start for start, _ in _words_found(text, {"Lee"})] == [0, 59, 64]
