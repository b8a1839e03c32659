"""Word lists the extractors share: countries (from pycountry), demonyms, and the cue words that type a
name (organisation suffixes, government and event heads, policy kinds, job titles, reporting verbs).

These are properties of English and of public institutions in general, never names from particular
documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from ontology.records import EventType, PolicyType

# Short and common forms that pycountry does not list as names.
_COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Russia": "Russia",
    "Turkey": "Türkiye",
    "Czech Republic": "Czechia",
    "Holland": "Netherlands",
    "the Netherlands": "Netherlands",
    "Ivory Coast": "Côte d'Ivoire",
}
# Demonyms whose form no suffix rule yields.
_IRREGULAR_DEMONYMS = {
    "China": "Chinese",
    "Japan": "Japanese",
    "France": "French",
    "Germany": "German",
    "Sweden": "Swedish",
    "United Kingdom": "British",
    "Netherlands": "Dutch",
    "Switzerland": "Swiss",
    "Spain": "Spanish",
    "Denmark": "Danish",
    "Finland": "Finnish",
    "Poland": "Polish",
    "Ireland": "Irish",
    "Türkiye": "Turkish",
    "Portugal": "Portuguese",
    "Greece": "Greek",
    "Iceland": "Icelandic",
    "Norway": "Norwegian",
    "Vietnam": "Vietnamese",
    "Thailand": "Thai",
    "Philippines": "Filipino",
    "Pakistan": "Pakistani",
    "Bangladesh": "Bangladeshi",
    "Israel": "Israeli",
    "Iraq": "Iraqi",
    "Kuwait": "Kuwaiti",
    "Qatar": "Qatari",
    "Yemen": "Yemeni",
    "United States": "American",
    "Senegal": "Senegalese",
    "Lebanon": "Lebanese",
    "Sudan": "Sudanese",
    "Taiwan": "Taiwanese",
    "Peru": "Peruvian",
    "Belgium": "Belgian",
    "Luxembourg": "Luxembourgish",
    "Czechia": "Czech",
    "Slovakia": "Slovak",
    "Wales": "Welsh",
    "Scotland": "Scottish",
    "New Zealand": "New Zealand",
    "Argentina": "Argentine",
    "Saudi Arabia": "Saudi",
    "Malta": "Maltese",
    "Cyprus": "Cypriot",
    "Morocco": "Moroccan",
    "Ukraine": "Ukrainian",
    "Russia": "Russian",
}

IGO_NAMES = (
    "United Nations",
    "European Union",
    "African Union",
    "World Bank",
    "International Monetary Fund",
    "World Trade Organization",
    "World Health Organization",
    "Council of Europe",
    "OECD",
    "NATO",
    "ASEAN",
    "G7",
    "G20",
    "UNESCO",
    "UNICEF",
    "UNDP",
    "UNECE",
    "UNCTAD",
    "UNHCR",
    "ITU",
    "WIPO",
    "WTO",
    "IMF",
    "UN",
    "EU",
    "International Telecommunication Union",
    "Organisation for Economic Co-operation",
)
# Head words that make a name an actor of a given type (checked on the last words, then anywhere).
GOVERNMENT_CUES = (
    "Government",
    "Ministry",
    "Ministries",
    "Department",
    "Directorate",
    "Agency",
    "Commission",
    "Parliament",
    "Senate",
    "Congress",
    "Cabinet",
    "Administration",
    "Authority",
    "Secretariat",
    "Treasury",
    "Bureau",
    "Bundestag",
    "Council of Ministers",
    "Chancellery",
    "Office of the",
    "Federal Office",
    "State Chancellery",
    "Municipality",
    "City Council",
)
ORGANIZATION_CUES = (
    "Foundation",
    "Institute",
    "Institut",
    "University",
    "Université",
    "Universität",
    "School",
    "College",
    "Union",
    "Association",
    "Alliance",
    "Network",
    "Lab",
    "Labs",
    "Inc",
    "Ltd",
    "LLC",
    "GmbH",
    "AG",
    "SA",
    "Corporation",
    "Corp",
    "Company",
    "Society",
    "Centre",
    "Center",
    "Consortium",
    "Coalition",
    "Platform",
    "Partnership",
    "Party",
    "Bank",
    "Trust",
    "OSPO",
    "OSPOs",
    "Academy",
    "Council",
    "Committee",
    "Federation",
    "Observatory",
    "Cooperative",
    "Collective",
    "Technologies",
    "Systems",
    "Group",
)
# Last words of news organisations' names ("Financial Times"); elsewhere in a name they say nothing
NEWS_HEADS = frozenset({"Times", "Journal", "Herald", "Gazette", "Magazine"})
EVENT_HEADS = {
    "Week": EventType.CONFERENCE,
    "Day": EventType.CONFERENCE,
    "Days": EventType.CONFERENCE,
    "Summit": EventType.CONFERENCE,
    "Conference": EventType.CONFERENCE,
    "Forum": EventType.CONFERENCE,
    "Congress": EventType.CONFERENCE,
    "Symposium": EventType.CONFERENCE,
    "Festival": EventType.CONFERENCE,
    "Expo": EventType.CONFERENCE,
    "Convention": EventType.CONFERENCE,
    "Hackathon": EventType.CONFERENCE,
    "Meetup": EventType.MEETING,
    "Webinar": EventType.SESSION,
    "Lightning Talk": EventType.SESSION,
    "Assembly": EventType.MEETING,
    "Meeting": EventType.MEETING,
    "Roundtable": EventType.MEETING,
    "Hearing": EventType.MEETING,
    "Workshop": EventType.SESSION,
    "Session": EventType.SESSION,
    "Panel": EventType.SESSION,
    "Keynote": EventType.SESSION,
    "Side Event": EventType.SIDE_EVENT,
    "Seminar": EventType.SESSION,
    "Colloquium": EventType.CONFERENCE,
    "Showcase": EventType.MEETING,
    "Bootcamp": EventType.MEETING,
    "Unconference": EventType.CONFERENCE,
    "Briefing": EventType.MEETING,
}
POLICY_HEADS = {
    "Act": PolicyType.LAW,
    "Law": PolicyType.LAW,
    "Bill": PolicyType.LAW,
    "Regulation": PolicyType.REGULATION,
    "Directive": PolicyType.REGULATION,
    "Decree": PolicyType.REGULATION,
    "Strategy": PolicyType.STRATEGY,
    "Plan": PolicyType.STRATEGY,
    "Agenda": PolicyType.STRATEGY,
    "Roadmap": PolicyType.STRATEGY,
    "Fund": PolicyType.FUND,
    "Facility": PolicyType.FUND,
    "Policy": PolicyType.OTHER,
    "Programme": PolicyType.PROGRAMME,
    "Program": PolicyType.PROGRAMME,
    "Initiative": PolicyType.PROGRAMME,
    "Framework": PolicyType.FRAMEWORK,
    "Compact": PolicyType.FRAMEWORK,
    "Charter": PolicyType.FRAMEWORK,
    "Declaration": PolicyType.FRAMEWORK,
    "Principles": PolicyType.FRAMEWORK,
    "Guidelines": PolicyType.FRAMEWORK,
    "Playbook": PolicyType.FRAMEWORK,
    "Standards": PolicyType.REGULATION,
    "Standard": PolicyType.FRAMEWORK,
    "Goals": PolicyType.FRAMEWORK,
    "Compass": PolicyType.FRAMEWORK,
    "Pact": PolicyType.FRAMEWORK,
    "Procurement Policy": PolicyType.PROCUREMENT,
    "Order": PolicyType.REGULATION,
    "Memorandum": PolicyType.OTHER,
    "Guidance": PolicyType.OTHER,
    "Circular": PolicyType.OTHER,
    "Pilot": PolicyType.PROGRAMME,
}
# Policy instruments of the digital-sovereignty debate that texts often name by acronym alone ("in light of
# the CRA"); the long form comes from the instrument itself, never from a document. Extend as the field moves.
KNOWN_POLICY_ACRONYMS = {
    "CRA": ("Cyber Resilience Act", PolicyType.REGULATION),
    "GDPR": ("General Data Protection Regulation", PolicyType.REGULATION),
    "DSA": ("Digital Services Act", PolicyType.REGULATION),
    "DMA": ("Digital Markets Act", PolicyType.REGULATION),
    "NIS2": ("NIS2 Directive", PolicyType.REGULATION),
    "PLD": ("Product Liability Directive", PolicyType.REGULATION),
    "eIDAS": ("eIDAS Regulation", PolicyType.REGULATION),
    "SDGs": ("Sustainable Development Goals", PolicyType.FRAMEWORK),
    "GDC": ("Global Digital Compact", PolicyType.FRAMEWORK),
    "WSIS": ("World Summit on the Information Society outcomes", PolicyType.FRAMEWORK),
    # instruments of government technology in the United States
    "FOIA": ("Freedom of Information Act", PolicyType.LAW),
    "FedRAMP": ("Federal Risk and Authorization Management Program", PolicyType.PROGRAMME),
    "FISMA": ("Federal Information Security Modernization Act", PolicyType.LAW),
    "FITARA": ("Federal Information Technology Acquisition Reform Act", PolicyType.LAW),
}
# Lower-case policy phrases that name a country's or a government's instrument only with its owner in the
# sentence ("Tanzania ... backed by legal frameworks").
GENERIC_POLICY_PHRASES = {
    "legal framework": PolicyType.FRAMEWORK,
    "regulatory framework": PolicyType.FRAMEWORK,
    "legislative framework": PolicyType.FRAMEWORK,
    "policy framework": PolicyType.FRAMEWORK,
    "national strategy": PolicyType.STRATEGY,
    "digital strategy": PolicyType.STRATEGY,
    "open source policy": PolicyType.OTHER,
    "open source strategy": PolicyType.STRATEGY,
    "open source law": PolicyType.LAW,
    "procurement rules": PolicyType.PROCUREMENT,
    "procurement policy": PolicyType.PROCUREMENT,
}
POLICY_NOUNS = {  # lower-case heads of descriptive policy names ("an open source first strategy")
    "strategy": PolicyType.STRATEGY,
    "policy": PolicyType.OTHER,
    "plan": PolicyType.STRATEGY,
    "law": PolicyType.LAW,
    "act": PolicyType.LAW,
    "regulation": PolicyType.REGULATION,
    "fund": PolicyType.FUND,
    "programme": PolicyType.PROGRAMME,
    "program": PolicyType.PROGRAMME,
    "framework": PolicyType.FRAMEWORK,
    "directive": PolicyType.REGULATION,
    "rule": PolicyType.OTHER,
    "mandate": PolicyType.OTHER,
    "principle": PolicyType.OTHER,
}
# Head nouns of job titles ("Head of Developer Policy", "Deputy Executive Secretary").
ROLE_WORDS = frozenset(
    [
        "head",
        "director",
        "secretary",
        "minister",
        "advocate",
        "researcher",
        "advisor",
        "adviser",
        "officer",
        "ceo",
        "cto",
        "cio",
        "coo",
        "cfo",
        "president",
        "vice-president",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "lead",
        "manager",
        "professor",
        "fellow",
        "founder",
        "co-founder",
        "cofounder",
        "envoy",
        "analyst",
        "editor",
        "engineer",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "commissioner",
        "member",
        "executive",
        "partner",
        "expert",
        "scientist",
        "coordinator",
        "representative",
        "deputy",
        "chief",
        "under-secretary-general",
        "secretary-general",
        "assistant",
        "specialist",
        "strategist",
        "maintainer",
        "developer",
        "economist",
        "journalist",
        "reporter",
        "correspondent",
        "leader",
        "principal",
        "counsel",
        "lawyer",
        "architect",
        "consultant",
        "owner",
        "administrator",
        "governor",
        "mayor",
        "senator",
        "mp",
        "mep",
        "delegate",
        "rapporteur",
        "moderator",
        "student",
        "candidate",
        "phd",
        "lecturer",
        "dean",
        "rector",
        "programme",
        "program",
        "evangelist",
        "steward",
        "treasurer",
        "trustee",
        "board",
    ]
)
SECTOR_WORDS = frozenset(
    [
        "government",
        "civil",
        "society",
        "private",
        "sector",
        "technical",
        "community",
        "academia",
        "academic",
        "intergovernmental",
        "organization",
        "organisation",
        "international",
    ]
)
REPORTING_VERBS = (
    "said",
    "says",
    "noted",
    "notes",
    "argued",
    "argues",
    "stated",
    "states",
    "explained",
    "added",
    "warned",
    "warns",
    "stressed",
    "emphasized",
    "emphasised",
    "emphasizing",
    "emphasising",
    "highlighted",
    "underscored",
    "underlined",
    "described",
    "presented",
    "shared",
    "found",
    "reported",
    "suggested",
    "called for",
    "called on",
    "urged",
    "told",
    "believes",
    "believe",
    "views",
    "sees",
    "claimed",
    "insisted",
    "pointed out",
    "acknowledged",
    "announced",
    "talked about",
    "spoke about",
    "discussed",
    "reflected",
    "recommended",
    "proposed",
    "observed",
    "concluded",
    "predicted",
    "estimated",
    "issued a call",
    "compared",
    "cautioned",
    "admitted",
    "confirmed",
    "revealed",
    "wrote",
    "asserted",
    "maintained",
    "contended",
    "framed",
    "has underscored",
    "has said",
    "has warned",
    "has argued",
    "went on to say",
    "made the case",
    "explains",
    "adds",
    # present tense and base forms ("Roe insists", "the agency will say"): indirect speech is reported in
    # any tense
    "say",
    "tells",
    "insists",
    "stresses",
    "emphasises",
    "emphasizes",
    "highlights",
    "points out",
    "acknowledges",
    "admits",
    "concedes",
    "conceded",
    "contends",
    "maintains",
    "asserts",
    "predicts",
    "estimates",
    "suggests",
    "concludes",
    "recommends",
    "announces",
    "confirms",
    "reveals",
    "writes",
    "thinks",
    "reckons",
    "reiterated",
    "reiterates",
    "remarked",
    "replied",
    "responded",
    "declared",
)


# Words that end a place rather than an actor ("Example Union Headquarters").
# Capitalised words of this field's titles and topics that are never part of a person's name.
def word_set(words: str) -> frozenset[str]:
    """A word list written as one string of words separated by white space."""
    return frozenset(words.split())


TOPIC_WORDS = word_set(
    """open source software digital data public cloud tech technology technologies infrastructure security cyber
    national global international sovereign sovereignty european africa african asian internet online platform
    platforms code commons community governance policy innovation development research artificial intelligence ai
    network networks program programme project projects strategy report summary key takeaways session panel
    today yesterday monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december news blog update press release additional further new other
    main final first next general special official various tools"""
)
PLACE_HEADS = frozenset({"Headquarters", "HQ", "Building", "Hall", "Room", "Street", "Square", "Campus", "Palace"})
# Words that make a capitalised name something other than a person: competitions and prizes ("Hopman
# Cup"), and articles of other languages that open titles ("Der Spiegel", "Le Monde", "El País").
NOT_PERSON_WORDS = frozenset(
    {"Cup", "Trophy", "League", "Championship", "Championships", "Prize", "Awards", "Games", "Olympics"}
    | {"Der", "Die", "Das", "Le", "La", "Les", "El", "Il", "Lo", "Het"}
)
# A spelled-out form and its usual abbreviation, merged when comparing organisation names.
ABBREVIATIONS = (("open source software", "oss"), ("free and open source software", "foss"), ("open source", "oss"))


def demonym(country: str) -> str:
    if country in _IRREGULAR_DEMONYMS:
        return _IRREGULAR_DEMONYMS[country]
    if country.endswith("ia") or country.endswith("a"):
        return country + "n"
    if country.endswith("y"):
        return country[:-1] + "ian"
    if country.endswith("e"):
        return country[:-1] + "ian"
    return country + "ian"


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Surface form -> canonical short country name, for every country pycountry knows."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        canonical = canonical.split(",")[0] if "," in canonical else canonical
        for form in {country.name, canonical, getattr(country, "official_name", "")}:
            if form and "," not in form:
                table[form] = canonical
    for alias, canonical in _COUNTRY_ALIASES.items():
        table[alias] = canonical
    return table


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym ("Indian") -> canonical country name ("India")."""
    return {demonym(c): c for c in set(countries().values()) if len(c.split()) <= 2}


@lru_cache(maxsize=1)
def reporting_verb_pattern() -> str:
    """The reporting verbs as one regular expression, the longest form first where one extends another.

    Written as a trie ("sa(?:id|ys)"): a flat alternation of some hundred verbs is tried verb by verb at
    every position of a text, the trie only along the letters that match."""
    return _trie_pattern(sorted(REPORTING_VERBS))


def _trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends = "" in node
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word that goes on ("believe" -> "believes") is tried before the word that ends here
    return f"(?:{body})?" if ends else body


# Verbs by which an organisation states a position or a finding in the text's own report of it ("The agency
# recommends ...", "Example Org estimates ..."): the organisation is the claimant.
STANCE_VERBS = word_set(
    """recommends recommended requires required encourages encouraged expects expected estimates estimated finds
    found believes believed considers considered concluded concludes determined determines reports reported
    announced announces says said notes noted warns warned predicts predicted projects projected supports
    advocates urges urged maintains acknowledges acknowledged confirms confirmed identified identifies calls
    argues argued stresses stressed emphasizes emphasises insists insisted asserts asserted agreed agrees
    contends contended welcomes welcomed rejects rejected opposes opposed plans aims intends seeks
    pledged pledges commits"""
)
# Nouns for what an organisation publishes, whose content speaks for it ("GSA's report found ...").
DOCUMENT_NOUNS = word_set(
    """report reports study survey analysis guidance memo memorandum statement review audit assessment data
    research findings figures estimates policy strategy letter filing release announcement paper whitepaper"""
)
# Words by which a document names itself as the instrument it is ("this policy", "this memorandum").
SELF_INSTRUMENTS = word_set("policy memorandum memo guidance directive circular order framework strategy")
# More head words of capitalised policy names, read by the policy cue rule only ("the Example Data Agreement",
# "the Example Services Marketplace", "the Lisbon Treaty", "the Example Trading Scheme"); kept apart from
# POLICY_HEADS, which other rules read as the heads of names that are no actors.
MORE_POLICY_HEADS = {
    "Agreement": PolicyType.FRAMEWORK,
    "Treaty": PolicyType.FRAMEWORK,
    "Marketplace": PolicyType.PROCUREMENT,
    "Scheme": PolicyType.PROGRAMME,
}
# Government seats and chambers named by their building or street, which news uses for the body that sits
# there ("the White House said", "Downing Street denied"); their words carry no cue of their own.
GOVERNMENT_SEATS = frozenset(
    {"White House", "Pentagon", "Kremlin", "Downing Street", "Whitehall", "Élysée", "Elysee Palace",
     "House of Commons", "House of Lords", "House of Representatives"}
)
# Multi-word heads of groups that have no one-word cue ("a Community of Practice", "a Working Group").
ORGANIZATION_PHRASES = ("Community of Practice", "Working Group", "Task Force", "Advisory Board")
# Words that open or close the title of a document, not the name of its author ("Guidance for Agency Use of
# ...", "Act of Parliament", "Commission Report"): a name made with them is no actor.
DOCUMENT_TITLE_HEADS = word_set(
    """Guidance Guide Guidelines Memorandum Memo Report Handbook Manual Toolkit Playbook Policy Strategy Plan
    Framework Principles Standards Charter Declaration Act Law Regulation Directive Order Circular Roadmap
    Agenda Blueprint Review Study Survey Primer Checklist"""
)
# Plural nouns that end the name of a group of people, not a person's name ("Presidential Innovation Fellows",
# "Example Civic Hackers").
GROUP_PLURALS = word_set(
    """Fellows Partners Hackers Volunteers Associates Scholars Ambassadors Advocates Builders Makers Coders
    Developers Designers Alumni Fellowship"""
)
# Acronyms of things, formats and documents that never name an organisation, however they are used ("the
# RFQ's terms", "TV launched", "USB, DVD and GPS").
THING_ACRONYMS = word_set(
    """TV PC PCs PSP P2P UWB DVD DVDs CD CDs GPS USB API APIs SDK PDF CSV HTML CSS JSON XML URL URLs FAQ RFP RFQ RFI
    BPA SOW ATO MVP KPI ROI GDP VAT SMS MMS HD LCD LED MP3 IPO 3G 4G 5G VoIP IoT SaaS"""
)
# First words of the slots of an agenda that are no session ("Lunch and networking", "Coffee break").
AGENDA_BREAKS = word_set(
    """lunch break coffee tea networking registration check-in reception dinner breakfast adjourn adjournment
    recess doors"""
)
# Words of a heading over a list of talks given at events ("External Talks", "Speaking", "Presentations").
TALK_SECTION_WORDS = word_set(
    """talks talk presentations presentation speaking speeches lectures keynotes panels sessions appearances
    webinars programme program agenda schedule"""
)
# Verbs of headlines and link titles, written in title case after a policy's name ("Example Act Passed",
# "New Example Act Mandates Code Sharing") or before it ("Senate Passes Example Act"): the name ends or starts
# there. Words ending in "-ed" after a head word are read as verbs too.
HEADLINE_VERBS = word_set(
    """Passes Pass Mandates Requires Require Includes Include Becomes Become Takes Take Gets Got Sets Signs Bans Allows
    Expands Extends Faces Hits Targets Aims Makes Gives Adds Cuts Clears Wins Goes Comes Moves Seeks Backs Blocks
    Delays Approves Unveils Launches Proposes Offers Shapes Drives Boosts Brings Helps Puts Keeps Needs Means Lets
    Replaces Updates Introduces Announces Releases Issues Enacts Creates Establishes Is Are Was Were Will"""
)
# Heads of capitalised names of the guides and plans an office issues and runs, read by the policy cue rule
# only ("the Example Contracting Handbook", "the Example National Action Plans"); two-word heads count as a
# pair only ("the Example Reference Architecture"; an "Example Architecture" alone may be a style or a chip).
DOCUMENT_POLICY_HEADS = {
    "Handbook": PolicyType.FRAMEWORK,
    "Plans": PolicyType.STRATEGY,
    "Strategies": PolicyType.STRATEGY,
    "Reference Architecture": PolicyType.FRAMEWORK,
}
# Heads of the units a body creates as programmes ("created the Example Innovation Lab", "established
# Example Labs (ELs)"): named by them only as the object of a verb of creating.
PROGRAMME_UNIT_HEADS = word_set("Lab Labs Club Hub Hubs Accelerator Academy Incubator Sandbox Studio")
# Further heads of named instruments: agreements between states and local laws ("the Example Accord", "the
# Example Noise Ordinance", "the Example Statute"), and the two-word head of a framework bodies issue to grade
# their own practice ("the Example Services Maturity Model"; a "Model" alone is a product as often).
MORE_POLICY_HEADS.update({"Accord": PolicyType.FRAMEWORK, "Ordinance": PolicyType.REGULATION,
                          "Statute": PolicyType.LAW})
DOCUMENT_POLICY_HEADS.update({"Maturity Model": PolicyType.FRAMEWORK})
