"""Actor extractors. Each takes text (and offsets) and returns mentions; none keeps state.

Rules (the id recorded as evidence):
- `actor.listing`   "Speaker 1: NAME, ORG" / "NAME, Sector, Regional Group" lines of session pages
- `actor.apposition` "NAME, ROLE at ORG" / "NAME, ROLE, ORG" / "ROLE NAME"
- `actor.cue`       a name typed by its head word ("... Foundation", "Ministry of ...", "Government of X")
- `actor.country`   a country name or demonym-government ("the Indian government")
- `actor.igo`       intergovernmental organisations and their offices ("UN", "UNECE", "UN-ODET")
- `actor.possessive` "Germany's Zendis": an organisation of a country
- `actor.byline` / `actor.publisher` document metadata
- `actor.listed`    names in a list the cue or a known organisation types ("groups like A, B and C")
- `actor.credit`    the person a picture credits ("Photo: NAME")
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ontology.records import ActorType, Role
from pipelines.extract import lexicon
from pipelines.extract.text import CONNECTORS, STOPWORDS, Span, name_spans

_LISTING = re.compile(
    r"^[ \t•*\-]*(?P<label>organi[sz]ers?|speakers?|moderators?|panel+ists?|rapporteurs?|keynotes?|chairs?|"
    r"hosts?|presenters?|facilitators?)[ \t]*\d{0,3}[ \t]*:\s{0,8}(?P<body>[^\n]+)$",
    re.I | re.M,
)
_LISTING_ROLES = {
    "organizer": Role.ORGANIZER,
    "organiser": Role.ORGANIZER,
    "host": Role.ORGANIZER,
    "speaker": Role.SPEAKER,
    "presenter": Role.SPEAKER,
    "moderator": Role.MODERATOR,
    "facilitator": Role.MODERATOR,
    "chair": Role.MODERATOR,
    "panelist": Role.PANELIST,
    "panellist": Role.PANELIST,
    "rapporteur": Role.RAPPORTEUR,
    "keynote": Role.KEYNOTE,
}
_ROLE_HEADING = re.compile(
    r"^[ \t]*(?:on-?site |online |remote |in-person )?(?P<label>organi[sz]er|speaker|moderator|panel+ist|"
    r"rapporteur|keynote|chair|host)s?\s*$",
    re.I | re.M,
)
# a heading that names the role of the people listed under it ("### Speakers", "Panelists:")
_LIST_HEADING = re.compile(
    r"^[ \t#]*(?:our |the |featured |invited )?(?P<label>organi[sz]ers?|speakers?|moderators?|panel+ists?|"
    r"rapporteurs?|keynotes?|keynote speakers?|presenters?|facilitators?|hosts?)[ \t]*:?[ \t]*$",
    re.I | re.M,
)
# a list item opening with a name and a colon or a dash before its description ("- Jane Roe: policy lead at ...")
_HEADED_ITEM = re.compile(r"^[ \t]*[-*•][ \t]*(?P<name>[^\n:,–—()]{3,60}?)[ \t]*(?::|[ \t][-–—][ \t]|,)[ \t]*\S", re.M)
_ANY_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)
_PERSON_LINE = re.compile(r"^[ \t•*\-]{0,8}(?P<body>[^\n,:]{3,60},[^\n]{3,200})$", re.M)
_REGION_GROUP = re.compile(r"\b(?:Group|GRULAC|WEOG)\b|\bregion\b", re.I)

# a word of a name, hyphenated parts capitalised or not ("Hill-Wood", "Jean-pierre")
_NAME_WORD = r"[A-Z][a-zà-ÿ’']+(?:-[A-Za-zà-ÿ’']+)*-?"
PERSON_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?[ \t]+)?"
    rf"(?P<person>{_NAME_WORD}(?:[ \t]+\([A-Z][\w-]+\))?(?:[ \t]+(?:[A-Z]\.|{_NAME_WORD}|de|van|von|da|bin|al-|Mc[A-Z][a-z]+)){{1,3}})"
)
# A lookahead for the character every match starts with, put before a pattern that re cannot find a first
# character for (an optional group, a word boundary or a lookbehind opens it): each position is then
# refused in one test, which halves the time of a scan over a document's text. It matches nothing else.
_UPPER_FIRST = r"(?=[A-Z])"
_ACRONYM_FIRST = r"(?=[A-Z0-9])"
_ROLE_AT = re.compile(
    _UPPER_FIRST
    + PERSON_NAME
    + r",[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?P<role>[^,.;()\n]{2,80})[ \t]+(?:at|with|from)[ \t]+(?:the[ \t]+)?"
    r"(?P<org>[^,.;()\n]{2,80}?)(?=[,.;)]|[ \t]*\n|[ \t]*$|[ \t]*\(|[ \t]+(?:who|which|and|said|says|has|had|is|was|presented|described|shared|noted|argued|talked)\b)"
)
_ROLE_OF = re.compile(
    _UPPER_FIRST + PERSON_NAME + r",[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?P<role>[^,.;()\n]{2,80})[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?P<org>[A-Z][^,.;()\n]{1,80}?)(?=[,.;)]|[ \t]*\n|[ \t]*$|[ \t]*\(|[ \t]+(?:who|which|and|said|says|has|had|is|was|presented|described|shared|noted|argued|talked)\b)"
)
_ROLE_COMMA_ORG = re.compile(
    _UPPER_FIRST
    + PERSON_NAME
    + r",[ \t]+(?P<role>[^,.;()\n]{2,90}?),[ \t]+(?:the[ \t]+)?(?P<org>[A-Z][^,.;()\n]{1,80}?)(?=[,.;)]|[ \t]*\n|[ \t]*$|[ \t]+(?:who|said|says|has|had|is|was|talked|presented|described)\b)"
)
_ROLE_BEFORE = re.compile(
    _UPPER_FIRST
    + r"\b(?P<role>(?:(?:[A-Z][a-z]+|[A-Z]{2,4}|(?:[A-Z]\.){2,3})[ \t]+){0,4}(?:Moderator|Minister|Commissioner|President|"
    r"Director|Secretary|Senator|Ambassador|Chair|Chairman|Chairwoman|Professor|Dr|Envoy|CEO|CTO|CIO|CFO|COO|CISO|"
    r"Mayor|Governor|Officer|Administrator|Technologist|Advisor|Adviser|Counsel|Founder|Spokesperson|Spokesman|"
    r"Spokeswoman|Representative|Judge|Chief|Captain|Coach|Inspector|Magistrate|Bishop|Archbishop))[ \t]+"
    + PERSON_NAME.replace(r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?\s+)?", "")
)
_GOVERNMENT_OF = re.compile(r"(?=[tG])\b(?:the\s+)?Government\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w ]+?)(?=[\s,.;:)’']|$)")
_DEMONYM_GOV = re.compile(_UPPER_FIRST + r"\b(?P<adj>[A-Z][a-z]+)\s+(?P<noun>government|administration|ministry|parliament)\b")
_EVENT_AFTER = re.compile(r"\s(?:day|week|summit|conference|side[- ]event)\b")
# the verb may follow an apposition: "Jane Roe, another organizer, said", "Jane Roe (Head of Policy) noted",
# "Jane Roe from the Treasury talked about"
_REPORTED_AFTER = re.compile(
    r"(?:,[^,.;:()\n“”\"]{1,80},|[ \t]*\([^()\n]{1,100}\)|[ \t]+(?:from|of|at)[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w.&’'-]*[ \t]+){0,4}[A-Z][\w.&’'-]*)?"
    rf"\s+(?:has\s+|had\s+|also\s+|then\s+)?{lexicon.reporting_verb_pattern()}\b"
)
# the first letters of "according to" and of every reporting verb
_REPORTING_FIRST = rf"(?=[Aa{''.join(sorted({re.escape(v[0]) for v in lexicon.REPORTING_VERBS}))}])"
_REPORTED_BEFORE = re.compile(rf"(?=[Aa,\"”])(?:\b[Aa]ccording\s+to\s+|[,\"”]\s*(?:{lexicon.reporting_verb_pattern()})\s+)$")
# "..., said BPI chairman Peter Jameson": the speaker's title (an organisation's name, then role words)
# stands between the verb and the name
_REPORTED_BEFORE_TITLED = re.compile(
    rf"[,\"”]\s*(?:{lexicon.reporting_verb_pattern()})\s+(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){{0,5}}"
    rf"(?:[a-z][a-z-]{{1,20}}\s+){{0,2}}"
    rf"(?i:{'|'.join(sorted(lexicon.ROLE_WORDS, key=len, reverse=True))})\s+$"
)
_TITLE_AFTER = re.compile(
    rf"[ \t]+(?:[a-z][a-z-]{{1,20}}[ \t]+){{0,2}}(?:{'|'.join(sorted(lexicon.ROLE_WORDS, key=len, reverse=True))})[ \t]+[A-Z]"
)
_REPORTING_CUE = re.compile(rf"{_REPORTING_FIRST}\b(?:[Aa]ccording\s+to|{lexicon.reporting_verb_pattern()})\b")
_TITLE_REACH = 100  # characters before a name where "said <organisation> <role>" may start
# "groups like Alpha Omega and X", "organisations such as A, B and C": the names listed are organisations
# ("several media outlets covered it, including A (which ...), B and C": a short clause may come between)
_GROUPS_LIKE = re.compile(
    r"\b(?:groups|organi[sz]ations|companies|firms|foundations|funders|vendors|non-?profits|NGOs|charities|"
    r"agencies|institutions|communities|outlets|publications|newspapers|broadcasters|publishers|sponsors|"
    r"donors|unions|universities|banks|insurers|carriers|operators|retailers|manufacturers)"
    r"(?:[ \t][^.;:()\n,]{0,60},)?\s+(?:like|such\s+as|including)\s+"
    r"(?P<list>(?:[^.;:()\n]|\([^()\n]{0,80}\)){3,240})"
)
# "National Institute on Disability, Independent Living, and Rehabilitation Research": an institution's
# name may list its fields, each of one to three capitalised words
_FIELD = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
_FIELD_LIST = re.compile(
    _UPPER_FIRST
    + r"(?<![\w-])(?P<name>(?:[A-Z][\w.-]*[ \t]+){0,3}(?:Institute|Office|Council|Commission|Committee|Bureau|"
    rf"Agency|Centre|Center|Department|Ministry)[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?{_FIELD}"
    rf"(?P<fields>(?:,[ \t]+{_FIELD}){{1,6}}),?[ \t]+and[ \t]+{_FIELD})(?![ \t]+[A-Z]|[\w-])"
)
# "Ministry of Culture, Education, and Technology": a ministry's name may list its portfolios
_MINISTRY_LIST = re.compile(
    r"\b(?:Ministry|Department|Minister|Secretariat)\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:,[ \t]+[A-Z][a-z]+){0,8},?[ \t]+and[ \t]+[A-Z][a-z]+"
)
# the owner is short ("the United Arab Emirates's"): bounded, so a long run of words is not rescanned from
# every capital
_POSSESSIVE_ORG = re.compile(_UPPER_FIRST + r"\b(?P<owner>[A-Z][\w ]{0,60}?)['’]s\s+(?P<org>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})\b")
# legislatures named by their kind alone ("Congress passed ...")
_LEGISLATURES = frozenset({"Congress", "Parliament", "Senate", "Bundestag", "Bundesrat", "Knesset", "Duma"})
_ROLE_HEADS = lexicon.ROLE_WORDS | {"official", "coordinator", "staffer"}
# every word of the government and organisation cues ("Ministry", "Foundation", ...), for a one-word test
_CUE_WORDS = frozenset(word for cue in (*lexicon.GOVERNMENT_CUES, *lexicon.ORGANIZATION_CUES) for word in cue.split())
_LEGAL_FORMS = frozenset({"Inc", "Inc.", "Corporation", "Corp", "Corp.", "Ltd", "Ltd.", "LLC", "GmbH", "plc", "PLC",
                          "Foundation", "Company", "AG", "SA"})
_GENERIC_GOVERNMENT = frozenset({"federal", "national", "state", "local", "central", "regional", "government", "wide",
                                  "the"})
# role words that name a person's post, not a body ("Board of Governors" and "Council of Europe" are bodies)
_PERSON_ROLES = (lexicon.ROLE_WORDS | {"official", "officials"}) - {"board", "program", "programme", "partner", "owner"}
# heads that with "of" name a public office, whatever follows ("Office of ... Policy", "Department of ...")
_OFFICE_HEADS = frozenset({"Office", "Department", "Ministry", "Bureau"})
# acronyms that name a function, not an organisation ("IT staff", "the CIO team")
_FUNCTION_ACRONYMS = frozenset({"IT", "HR", "PR", "QA", "UX", "UI", "AI", "ICT", "R&D"})
_PARTICLE_SURNAME = re.compile(r"(?:de|da|di|du|van|von|le|la|mac)[A-Z][a-z]")  # "deLevie"
_PARENTHESISED = re.compile(r"\([^()\n]*\)")  # no "(" inside: a run of "(" is not rescanned from each one
_LOWER_NEXT = re.compile(r"\s+[a-z]")
_LOWER_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_OF_NAME = re.compile(r"\bof[ \t]+(?:the[ \t]+)?[A-Z]")
_LEADING_THE = re.compile(r"^(?:(?:The|A|An|In|At|By|From|With|For|And|But)[ \t]+)+")
_NAME_WORDS = re.compile(r"[A-Z]\w+(?:[ \t]+(?:and[ \t]+)?[A-Z]\w+){0,3}")


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in the text; `affiliation` is another actor's name with its own span."""

    name: str
    type: ActorType
    start: int
    end: int
    rule: str
    role: str | None = None
    affiliation: str | None = None
    affiliation_type: ActorType | None = None


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One person listed on a session page, with the event role the listing gives."""

    person: str
    role: Role | None
    organization: str | None
    start: int
    end: int


@lru_cache(maxsize=4096)  # a document names the same few actors many times
def classify_name(name: str) -> ActorType | None:
    """The actor type a name's own words give, or None when the words say nothing (or say it is an
    event, a policy, a sector label or a bare cue word such as "Government")."""
    table = lexicon.countries()
    if name in table:
        return ActorType.COUNTRY
    words = name.replace("-", " ").split()
    if name in _LEGISLATURES or name in lexicon.GOVERNMENT_SEATS:
        return ActorType.GOVERNMENT_BODY
    if len(words) < 2 and name not in lexicon.IGO_NAMES and not re.fullmatch(r"UN[A-Z]{2,6}", name):
        return None
    if name in lexicon.IGO_NAMES:  # before the heads: "International Monetary Fund" is no fund
        return ActorType.IGO
    if _document_title(words):
        return None  # "Guidance for Agency Use of ...", "Act of Parliament": a document, not its author
    if _title_phrase(words):
        return None  # "Launching the Agency", "OSPOs Can Categorize All Their Repositories": a title's words
    if len(words) >= 3 and words[-2] == "for" and words[-1] in _EDITION_MARKETS and not any(
        w in _CUE_WORDS for w in words[:-2]
    ):
        return None  # "Example Meet for Government": a product's edition for a market, not a body
    if words[-1] in lexicon.GROUP_PLURALS and not any(
        w.lower() in lexicon.ROLE_WORDS or w.lower() in _SENIORITY for w in words[:-1]
    ):
        return ActorType.ORGANIZATION  # "Presidential Innovation Fellows": a group, not people by their role
    if all(w.lower() in _GENERIC_GOVERNMENT for w in words):
        return None  # "Federal Government", "Government-wide": no one in particular
    if any(
        w.lower() in _PERSON_ROLES and words[k + 1 : k + 2] in (["of"], ["for"]) for k, w in enumerate(words[:3])
    ):
        return None  # "Managing Director of ...", "Senior Agency Official for Privacy": a person's post
    if words[0].lower() not in lexicon.ROLE_WORDS and any(
        w in _OFFICE_HEADS and words[k + 1 : k + 2] == ["of"] for k, w in enumerate(words[:-1])
    ):
        return ActorType.GOVERNMENT_BODY  # "White House Office of Science and Technology Policy": no policy
    if (
        any(w in lexicon.EVENT_HEADS for w in words)
        or words[-1] in lexicon.POLICY_HEADS
        or words[-1] in _PLURAL_POLICY_HEADS
        or words[-1] in lexicon.PLACE_HEADS
        or any(w in _SITE_HEADS for w in words[1:])
        or words[0].lower() in lexicon.ROLE_WORDS
        or name.split()[0].lower() in lexicon.ROLE_WORDS  # "Under-Secretary-General and Special Envoy for ..."
        or _is_sector(name)
        or _titled_person(name) is not None
        or _person_of(name) is not None
        or (words[-1].lower().removesuffix("s") in _ROLE_HEADS and words[0] != "Office" and words[-1] != "Board")
    ):
        return None  # "Senior Agency Officials", "Agency Section 508 Coordinator": people by their role
    if (words[0] in {"Office", "State"} and words[1] == "of") or (
        words[-1] in {"Service", "Services"} and words[0].lower() not in lexicon.TOPIC_WORDS
    ):
        return ActorType.GOVERNMENT_BODY  # "Office of Management and Budget", "State of California", "U.S. Digital Service"
    if (
        name in lexicon.IGO_NAMES
        or any(name.startswith(igo + " ") or name.startswith(igo + "-") for igo in ("UN", "United Nations"))
        or re.fullmatch(r"UN[A-Z]{2,6}", name)
    ):
        return ActorType.IGO
    if any(cue in words or (" " in cue and cue in name) for cue in lexicon.GOVERNMENT_CUES):
        return ActorType.GOVERNMENT_BODY
    if (
        any(cue in words for cue in lexicon.ORGANIZATION_CUES)
        or words[-1] in lexicon.NEWS_HEADS
        or any(phrase in name for phrase in lexicon.ORGANIZATION_PHRASES)
    ):
        return ActorType.ORGANIZATION
    if words[-1] == "Board":  # "U.S. Access Board", "Federal Reserve Board"
        return ActorType.ORGANIZATION
    if words[-1] in {"Service", "Services"} and not all(
        w.lower() in lexicon.TOPIC_WORDS or w.lower() in STOPWORDS for w in words[:-1]
    ):
        return ActorType.ORGANIZATION  # "Example Transformation Services": named, unless all its words are a topic's
    return None


# capitalised closed-class words (wh-words, auxiliaries, pronouns): no name holds one, a title does ("How Teams
# Write", "Tools That Can Help", "All Their Repositories"); "May", "Will", "Her", "His", "Our" and "What" are
# left out ("Theresa May", "Will Hutton", "Her Majesty's Treasury", "Our Lady's Hospital", "What Works Centre")
_TITLE_FUNCTION_WORDS = frozenset(
    {"How", "Why", "When", "Where", "Can", "Could", "Would", "Should", "Must", "Is", "Are", "Was", "Were", "Does",
     "Did", "Their", "Your", "They", "We", "Its", "Later", "Ago"}
)
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "your", "its"})
# markets a product's edition is named for ("... for Government", "... for Business")
_EDITION_MARKETS = frozenset({"Government", "Business", "Enterprise", "Education"})


def _title_phrase(words: list[str]) -> bool:
    """Words of a title rather than a name: a capitalised wh-word, auxiliary or pronoun, or a gerund opening a
    noun phrase with its determiner ("Launching the Agency"); names have neither."""
    if any(w.strip("’'") in _TITLE_FUNCTION_WORDS for w in words):
        return True
    return len(words) >= 3 and len(words[0]) > 5 and words[0].endswith("ing") and words[1] in _DETERMINERS


_SENIORITY = frozenset({"senior", "junior", "principal", "lead", "visiting", "former", "fellow", "new", "our", "the"})
_TITLE_TAILS = frozenset({"Report", "Review", "Handbook", "Toolkit", "Guide", "Manual", "Primer", "Checklist",
                          "Scorecard", "Dashboard", "Portal", "Website", "Database", "Newsletter", "Podcast"})
# heads of policies whose plural closes a document's or a programme's name ("National Action Plans"); "Funds"
# is left out: investment firms are named so
_PLURAL_POLICY_HEADS = frozenset(f"{head}s" for head in lexicon.POLICY_HEADS if head not in {"Fund"})


def _document_title(words: list[str]) -> bool:
    """A title's words: a document noun opening a complement ("Guidance for ...", "Act of ...") or closing
    the name ("Commission Report")."""
    return (
        len(words) >= 3 and words[0] in lexicon.DOCUMENT_TITLE_HEADS and words[1] in ("of", "for", "on", "to")
    ) or words[-1] in _TITLE_TAILS


def _person_of(name: str) -> str | None:
    """ "Howard Archer of Global Insight": a person and where they work, not an organisation; the person."""
    person, of, _ = name.partition(" of ")
    return person if of and looks_like_person(person) else None


def _titled_person(name: str) -> re.Match[str] | None:
    """ "Treasury Secretary John Snow": a person's name after a title, not an organisation; the match,
    whose group "person" is the name."""
    titled = _ROLE_BEFORE.match(name)
    return titled if titled is not None and titled.end() == len(name) else None


# endings of abstract nouns, which no given name or surname has (not "-ence": Florence, Lawrence; not "-ing":
# Browning, Fleming)
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ments", "ity", "ities", "ness", "ship", "ics", "ogy", "ism", "ture")


# common words that are also surnames ("Jo May", "Al March", "Di Will"): a name may end with one, never open
_SURNAME_WORDS = frozenset({"May", "March", "Will", "June", "August", "April", "Best", "Key", "Read"})


@lru_cache(maxsize=4096)
def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, none of them a cue word, stopword, country or all-caps acronym."""
    words = _PARENTHESISED.sub(" ", name).split()
    if not 2 <= len(words) <= 4 or classify_name(name) is not None or _is_sector(name):
        return False
    for k, word in enumerate(words):
        if k and k == len(words) - 1 and word in _SURNAME_WORDS:
            continue
        if word.lower() in STOPWORDS:
            return False
        if word.isupper() and len(word) > 1:
            return False
        if not word[0].isupper() and not _PARTICLE_SURNAME.match(word):
            return False
        lower = word.lower()
        if word in lexicon.countries() or lower in lexicon.ROLE_WORDS or lower.removesuffix("s") in lexicon.ROLE_WORDS:
            return False
        if lower in lexicon.TOPIC_WORDS:
            return False
        if word in lexicon.EVENT_HEADS or word in lexicon.POLICY_HEADS or word in lexicon.PLACE_HEADS:
            return False
        if word in lexicon.NOT_PERSON_WORDS:
            return False
        if len(word) >= 6 and lower.endswith(_ABSTRACT_SUFFIXES) and not (lower.endswith("ment") and len(word) < 8):
            return False  # "Product Management", "Information Architecture": a topic, not a name ("Clement" is)
    return True


def is_role(text: str) -> bool:
    tokens = [t.lower().strip("()") for t in re.split(r"[\s,-]+", text) if t]
    return bool(tokens) and any(t in lexicon.ROLE_WORDS for t in tokens) and len(tokens) <= 12


def _is_sector(field: str) -> bool:
    return all(w in lexicon.SECTOR_WORDS for w in field.lower().replace("-", " ").split()) or bool(
        _REGION_GROUP.search(field)
    )


def _org_type(name: str) -> ActorType:
    return classify_name(name) or ActorType.ORGANIZATION


def listings(text: str) -> list[ListingEntry]:
    """People listed on session pages: "Speaker 1: NAME, ORG", or name lines under a role heading."""
    entries: list[ListingEntry] = []
    for match in _LISTING.finditer(text):
        label = match.group("label").lower().rstrip("s")
        fields = [f.strip() for f in match.group("body").split(",")]
        if not fields or not looks_like_person(fields[0]):
            continue
        org = next((f for f in fields[1:] if f and not _is_sector(f) and not is_role(f)), None)
        entries.append(ListingEntry(fields[0], _LISTING_ROLES.get(label), org, match.start("body"), match.end()))
    listed = {(e.start) for e in entries}
    # "NAME, Sector, Regional Group" lines: the role is the nearest role heading above, if any.
    for match in _PERSON_LINE.finditer(text):
        if match.start("body") in listed:
            continue
        fields = [f.strip() for f in match.group("body").split(",")]
        if not looks_like_person(fields[0]) or not any(_is_sector(f) for f in fields[1:]):
            continue
        heading = None
        for h in _ROLE_HEADING.finditer(text, max(0, match.start() - 200), match.start()):
            heading = h
        role = _LISTING_ROLES.get(heading.group("label").lower().rstrip("s")) if heading else None
        org = next((f for f in fields[1:] if f and not _is_sector(f) and not is_role(f)), None)
        entries.append(ListingEntry(fields[0], role, org, match.start("body"), match.end()))
    listed |= {e.start for e in entries}
    for heading in _LIST_HEADING.finditer(text):
        role = _LISTING_ROLES.get(heading.group("label").lower().split()[-1].rstrip("s"))
        section_end = next(_ANY_HEADING.finditer(text, heading.end()), None)
        end = min(len(text), heading.end() + 3000, section_end.start() if section_end else len(text))
        for item in _HEADED_ITEM.finditer(text, heading.end(), end):
            name = item.group("name").strip()
            if item.start("name") in listed or not _listed_person(name):
                continue
            entries.append(ListingEntry(name, role, None, item.start("name"), item.start("name") + len(name)))
    return entries


def _listed_person(name: str) -> bool:
    """A name in a list of speakers: a person's, where a given name may be spelt like a country ("Jordan")."""
    if looks_like_person(name):
        return True
    first, _, rest = name.partition(" ")
    return first in lexicon.countries() and " " not in first and looks_like_person(f"Ana {rest}")


def listing_mentions(entries: list[ListingEntry]) -> list[Mention]:
    out = []
    for e in entries:
        out.append(
            Mention(
                e.person,
                ActorType.PERSON,
                e.start,
                e.end,
                "actor.listing",
                affiliation=e.organization,
                affiliation_type=_org_type(e.organization) if e.organization else None,
            )
        )
        if e.organization:
            out.append(Mention(e.organization, _org_type(e.organization), e.start, e.end, "actor.listing"))
    return out


def _clean_org(org: str) -> str:
    org = re.sub(r"^(?:the|a|an)\s+", "", org.strip())
    return org.split(" - ")[0].strip(" ’'")  # "ORG - NEXT NAME" in run-together lists


# where a role's "of" starts the body's name: "of the" and a capital, or (in a role written in lower case, as
# news writes titles) "of" and a capital; "by the" and a capital ends what was no role ("..., demanding an
# inquiry by the Example Board of Example Land")
_ROLE_OF_THE = re.compile(r"[ \t]+(?:of|by)[ \t]+the[ \t]+(?=[A-Z])")
_ROLE_OF_CAPITAL = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?=[A-Z])")
_OWNER_PREFIX = re.compile(r"[A-Z][\w.&-]*(?:[ \t]+[A-Z][\w.&-]*){0,2}['’]s[ \t]+(?=[A-Z])")


def _role_of_split(phrase: str, role: str, org: str) -> tuple[str, str, int]:
    """ "secretary general of the Association of European Airlines": the role runs to the first "of the" before
    a capital, not to the last "of" (the body's own name may hold "of"); a lower-case role ends at its first "of"
    before a capital ("chief executive of Bank of Example"), a title-case one keeps its own ("Head of Policy of
    Example Org"). `phrase` is the text from the role to the body's end; returns the role, the body and where the
    body starts in `phrase` (-1: as matched)."""
    split = _ROLE_OF_THE.search(role) or (_ROLE_OF_CAPITAL.search(role) if role[:1].islower() else None)
    if split is None:
        return role, org, -1
    at = split.end()
    # "of the UK's Confederation of Example Industry": the body is what the possessive owns
    owner = _OWNER_PREFIX.match(phrase, at)
    at = owner.end() if owner else at
    return role[: split.start()], _clean_org(phrase[at:]), at


def appositions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """People introduced with a role and an organisation."""
    end = len(text) if end is None else end
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for pattern in (_ROLE_AT, _ROLE_OF, _ROLE_COMMA_ORG):
        for m in pattern.finditer(text, start, end):
            person, role, org = m.group("person"), m.group("role").strip(), _clean_org(m.group("org"))
            org_start = m.start("org")
            if pattern is _ROLE_OF:
                role, org, at = _role_of_split(text[m.start("role") : m.end("org")], role, org)
                org_start = m.start("role") + at if at >= 0 else org_start
            if (m.start("person"), m.end("person")) in seen:
                continue
            if not looks_like_person(person) or not is_role(role) or not org[:1].isupper():
                continue
            if is_role(org) and classify_name(org) is None:
                continue
            if _LINE_END.match(text, m.end("org")) and any(
                w[:1].islower() and w not in CONNECTORS for w in org.split()
            ):
                continue  # a line's end closes the apposition only after a name: "..., Example Agency staff and more"
            if text.startswith(("(", " ("), m.end("org")) and _OF_NAME.search(role):
                continue  # "Director General of the Chambers of Commerce (BCC)": which "of" starts the name is unclear
            seen.add((m.start("person"), m.end("person")))
            org_type = _org_type(org)
            out.append(
                Mention(
                    person,
                    ActorType.PERSON,
                    m.start(),
                    m.end(),
                    "actor.apposition",
                    role=role,
                    affiliation=org,
                    affiliation_type=org_type,
                )
            )
            out.append(Mention(org, org_type, org_start, m.end("org"), "actor.apposition"))
    for m in _ROLE_BEFORE.finditer(text, start, end):
        person = m.group("person").removesuffix("'s").removesuffix("’s")  # "Tony Blair's spokesman"
        if looks_like_person(person) and (m.start("person"), m.end("person")) not in seen:
            out.append(Mention(person, ActorType.PERSON, m.start(), m.end(), "actor.apposition", role=m.group("role")))
    return out


# where a title's segment of a line ends: a colon, a dash between words, an "@", a bar, a clause's punctuation
_SEGMENT_BREAK = re.compile(r"[:;,|@!?“”\"\[\]]|[ \t][-–—][ \t]|[—–]|\.[ \t]")
_TITLE_LOWER = frozenset({"a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "at", "with", "by", "from", "as",
                          "vs", "via", "into", "about", "&", "’s", "'s", "-", "*", "•"})
_TITLE_BOUND = re.compile(r"[:|@]|[ \t]?[-–—][ \t]?")  # what may close a title on its line (not "," or ".")
_TITLE_REACH_CHARS = 300
_NAME_PREPOSITIONS = frozenset({"at", "from", "by", "with"})
_BULLET = re.compile(r"^[ \t]*(?:[-*•#>]+|\d+[.)])?[ \t]*")


def in_longer_title(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is only a part of a title written in title case ("Modernizing
    Government with Code", "How Example Teams Create and Train Writers", "Launching the Agency's First Bug
    Bounty"): a segment of its line (between colons, dashes, commas, "@") of four words or more whose every
    word is capitalised or a function word, with capitalised words beside the name that no cue types.
    Talk, article and link titles are listed this way; a sentence has lower-case words, and a name beside
    another name ("Example Department's Office of Records Policy") is no title."""
    line_start = text.rfind("\n", max(0, start - _TITLE_REACH_CHARS), start) + 1
    line_end = text.find("\n", end, end + _TITLE_REACH_CHARS)
    if (line_start == 0 and start > _TITLE_REACH_CHARS) or (line_end < 0 and len(text) > end + _TITLE_REACH_CHARS):
        return False  # a line this long is a paragraph, not a title (and each name reads a bounded window)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    line = _PARENTHESISED.sub(lambda m: " " * len(m.group(0)), line)  # "(OSPO)" is an aside, not a break
    s, e = start - line_start, end - line_start
    left_break = max(_SEGMENT_BREAK.finditer(line, 0, s), key=lambda m: m.end(), default=None)
    right_break = next(_SEGMENT_BREAK.finditer(line, e), None)
    if any(b is not None and not _TITLE_BOUND.fullmatch(b.group(0)) for b in (left_break, right_break)):
        return False  # a comma, a full stop, a quote: a clause of a sentence or a list, not a title
    left = left_break.end() if left_break else _BULLET.match(line).end()
    right = right_break.start() if right_break else len(line)
    before, after = line[left:s].split(), line[e:right].split()
    if [w for w in before[-2:] if w not in {"the", "The"}][-1:] in ([p] for p in _NAME_PREPOSITIONS):
        return False  # "Awards from Example Media", "Talk at the Example University": the title names its venue or maker
    if len(before) + len(after) + len(line[s:e].split()) < 4:
        return False
    beside = [w for w in before + after if w.lower() not in _TITLE_LOWER]
    if not beside or any(not (w[0].isupper() or w[0].isdigit()) for w in beside):
        return False  # a lower-case word: a sentence, not a title
    if all(w in {"The", "A", "An"} or w[0].isdigit() for w in beside):
        return False
    return not any(
        classify_name(side) is not None or _is_acronym(side)
        for side in (_strip_function_words(before), _strip_function_words(after))
        if side
    )


def _strip_function_words(words: list[str]) -> str:
    """The capitalised words of one side of a name, without the function words around them."""
    kept = [w.removesuffix("’s").removesuffix("'s") for w in words]
    while kept and kept[0].lower() in _TITLE_LOWER | {""}:
        kept.pop(0)
    while kept and kept[-1].lower() in _TITLE_LOWER | {""}:
        kept.pop()
    return " ".join(kept)


# place heads that name a body's site ("Example Headquarters NYC"); a street, square or hall may open the name
# of a body of its own ("Wall Street Journal")
_SITE_HEADS = frozenset({"Headquarters", "HQ", "Campus", "Building"})


def _event_host(span: Span) -> Span | None:
    """The body an event is named after ("Example Foundation Member Summit" -> "Example Foundation"): the
    words before the event's head, up to the head word of an institution."""
    words = span.text.split(" ")
    # a head that also names a body ("Trades Union Congress") makes the whole name the body's, not an event's
    event = next((k for k, w in enumerate(words) if w in lexicon.EVENT_HEADS and w not in _CUE_WORDS), None)
    if event is None or event < 2:
        return None
    for k in range(event - 1, 0, -1):
        if words[k] in _PARENT_HEADS or words[k] == "Party":
            host = " ".join(words[: k + 1])
            if classify_name(host) in (ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO):
                return Span(span.start, span.start + len(host), host)
            return None
    return None


def _before_place(span: Span) -> Span:
    """ "Example Union Headquarters NYC" is a place; the body it is the place of is named before its head."""
    words = span.text.split(" ")
    head = next((k for k, w in enumerate(words) if k > 0 and w in _SITE_HEADS), None)
    if head is None:
        return span
    owner = " ".join(words[:head])
    return Span(span.start, span.start + len(owner), owner)


def cue_typed(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Names whose own words type them: countries, IGOs, government bodies, organisations."""
    out: list[Mention] = []
    countries = lexicon.countries()
    for span in name_spans(text, start, end):
        if _EVENT_AFTER.match(text, span.end):
            continue  # "the OSPOs for Good day": an event's name, not an organisation
        if _CUT_SHORT.match(text, span.end):
            continue  # "... Authority to Operate", "Office of Mgmt. & Budget": part of a longer title or name
        pieces = _split_conjunction(span)
        if _GOES_ON.match(text, span.end) and pieces:
            # the span stopped at its length limit: its last name is read again from where it starts
            rest = next(name_spans(text, pieces[-1].start, min(len(text), span.end + 200)), None)
            pieces = pieces[:-1]
            if rest is not None and not _GOES_ON.match(text, rest.end):
                pieces += _split_conjunction(rest)
        for k, piece in enumerate(pieces):
            whole, piece = piece, _before_place(piece)
            kind = classify_name(piece.text)
            if kind is None and _public_office(text, piece):
                out.append(Mention(piece.text, ActorType.GOVERNMENT_BODY, piece.start, piece.end, "actor.cue"))
                continue
            if kind is None and (host := _event_host(piece)) is not None:
                out.append(Mention(host.text, classify_name(host.text), host.start, host.end, "actor.cue"))
                continue
            if kind is None:
                if k > 0 and classify_name(pieces[k - 1].text) is not None and _may_name_organisation(piece.text):
                    # "... Office of Systems Integration and Code for America": joined to an institution
                    out.append(Mention(piece.text, ActorType.ORGANIZATION, piece.start, piece.end, "actor.listed"))
                continue
            if kind is not ActorType.COUNTRY and _only_a_modifier(text, piece.text):
                continue
            if kind is not ActorType.COUNTRY and in_longer_title(text, whole.start, whole.end):
                continue
            name = countries.get(piece.text, piece.text) if kind is ActorType.COUNTRY else piece.text
            rule = {ActorType.COUNTRY: "actor.country", ActorType.IGO: "actor.igo"}.get(kind, "actor.cue")
            out.append(Mention(name, kind, piece.start, piece.end, rule))
            if kind in (ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY) and (parent := _parent_body(piece.text)):
                out.append(Mention(parent[0], parent[1], piece.start, piece.end, "actor.cue"))
            # a country inside an organisation's name is an actor and the organisation's affiliation
            if kind is not ActorType.COUNTRY:
                for country_span in _countries_inside(piece):
                    out.append(
                        Mention(
                            countries[country_span.text],
                            ActorType.COUNTRY,
                            country_span.start,
                            country_span.end,
                            "actor.country",
                        )
                    )
    for m in _GOVERNMENT_OF.finditer(text, start, end or len(text)):
        country = m.group("country").strip()
        if country in countries:
            out.append(
                Mention(
                    f"Government of {countries[country]}",
                    ActorType.GOVERNMENT_BODY,
                    m.start(),
                    m.end(),
                    "actor.cue",
                    affiliation=countries[country],
                    affiliation_type=ActorType.COUNTRY,
                )
            )
    for m in _DEMONYM_GOV.finditer(text, start, end or len(text)):
        country = lexicon.demonyms().get(m.group("adj"))
        if country and m.group("noun") == "government":
            out.append(
                Mention(
                    f"Government of {country}",
                    ActorType.GOVERNMENT_BODY,
                    m.start(),
                    m.end(),
                    "actor.country",
                    affiliation=country,
                    affiliation_type=ActorType.COUNTRY,
                )
            )
            out.append(Mention(country, ActorType.COUNTRY, m.start(), m.end("adj"), "actor.country"))
    return out


_THE_BEFORE = re.compile(r"(?=[Tt])(?<![\w’'-])[Tt]he[ \t]+$")
_PLACE_BEFORE = re.compile(r"(?<![\w’'-])(?:in|at|inside|outside|into)[ \t]+the[ \t]+$", re.I)
# nouns a software product's name qualifies ("the Example Office suite")
_PRODUCT_NOUNS = frozenset({"suite", "software", "package", "document", "documents", "file", "files", "application",
                            "applications", "program", "programs", "version", "versions", "user", "users", "licence",
                            "licences", "license", "licenses"})


def _public_office(text: str, span: Span) -> bool:
    """ "the National Audit Office said", "a Home Office spokesman": a named office with "the" before it or a
    role after it is a public body ("Example Office" bare, or "the Example Office suite", is a product)."""
    words = span.text.split()
    return (
        len(words) in (2, 3, 4)
        and words[-1] == "Office"
        and all(w[:1].isupper() and w.lower() not in STOPWORDS for w in words[:-1])
        and not ((after := _LOWER_WORD.match(text, span.end)) and after.group(1) in _PRODUCT_NOUNS)
        and not _PLACE_BEFORE.search(text, max(0, span.start - 16), span.start)  # "a visit to the X Office"
        and (
            _THE_BEFORE.search(text, max(0, span.start - 8), span.start) is not None
            or (after is not None and after.group(1) in _PERSON_ROLES)  # "a Home Office spokesman"
        )
    )


def _split_list(span: Span) -> list[Span]:
    """ "Alpha Omega and STF / STA" -> "Alpha Omega", "STF", "STA"."""
    out = []
    position = 0
    for part in re.split(r"(\s+and\s+|\s*/\s*|,\s*)", span.text):
        if part and not re.fullmatch(r"\s+and\s+|\s*/\s*|,\s*", part):
            out.append(Span(span.start + position, span.start + position + len(part), part))
        position += len(part)
    return out


def listed_organisations(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Names after "groups like" / "companies such as" are organisations (unless typed otherwise)."""
    out: list[Mention] = []
    for m in _GROUPS_LIKE.finditer(text, start, end or len(text)):
        for span in _list_items(text, m.start("list"), m.end("list")):
            for piece in _split_list(span):
                kind = classify_name(piece.text)
                if kind is None and piece.text.lower() not in STOPWORDS:  # the cue says these are groups
                    kind = ActorType.ORGANIZATION
                if kind is not None and kind is not ActorType.PERSON:
                    out.append(Mention(piece.text, kind, piece.start, piece.end, "actor.listed"))
    for m in _MINISTRY_LIST.finditer(text, start, end or len(text)):
        out.append(Mention(m.group(0), ActorType.GOVERNMENT_BODY, m.start(), m.end(), "actor.cue"))
    for span in field_list_names(text, start, end):
        out.append(Mention(span.text, classify_name(span.text) or ActorType.ORGANIZATION, span.start, span.end, "actor.cue"))
    return out


def field_list_names(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Institutions whose names list fields with commas ("Institute on Disability, Independent Living, and
    Rehabilitation Research"); a list whose items are names of their own ("Department of Justice, Microsoft
    and Google") is not one name."""
    return list(_field_list_names(text, start, len(text) if end is None else end))


@lru_cache(maxsize=8)  # the list rules and the cue rules read the same document
def _field_list_names(text: str, start: int, end: int) -> tuple[Span, ...]:
    out = []
    for m in _FIELD_LIST.finditer(text, start, end):
        items = [f.strip() for f in re.split(r",|\band\b", text[m.start("fields") : m.end("name")]) if f.strip()]
        if all(looks_like_person(f) for f in items) or any(
            classify_name(f) is not None or f.split()[0] in lexicon.demonyms() or f.split()[0].lower() in STOPWORDS
            for f in items
        ):
            continue  # "Department of Justice, Jane Roe and Omar Haddad": people, not fields
        name = _LEADING_THE.sub("", m.group("name"))
        s = m.end("name") - len(name)
        out.append(Span(s, m.end("name"), " ".join(name.split())))
    return tuple(out)


_ITEM_GAP = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
_ITEM_ASIDE = re.compile(r"[ \t]*\([^()\n]{0,80}\)")
_ITEM_APPOSITION = re.compile(r",[ \t]+(?:a|an)[ \t][^,()\n]{1,80}(?=,)")


def _list_items(text: str, start: int, end: int) -> list[Span]:
    """The names listed from `start` ("A (an aside), the B, and C"): each item is one name, with an aside in
    brackets; the list ends at the first item that is not a name ("A, which makes B, ...")."""
    out: list[Span] = []
    starting = {span.start: span for span in name_spans(text, start, end)}
    position = start
    while position < end:
        if text.startswith(("the ", "The "), position):
            position += 4
        span = starting.get(position)
        if span is None:
            break
        if owner := _POSSESSIVE_GAP.match(text, span.end, end):  # "Sweden's Saab": the item is the owned name
            head, joined, _ = span.text.rpartition(" and ")
            if joined:  # "TUI and Lufthansa and France's Club Med": the names before the owner are items
                out.append(Span(span.start, span.start + len(head), head))
            position = owner.end()
            continue
        out.append(span)
        position = span.end
        if aside := _ITEM_ASIDE.match(text, position, end) or _ITEM_APPOSITION.match(text, position, end):
            position = aside.end()  # "A (an aside), B", "A, a foundation set up by ..., and B"
        gap = _ITEM_GAP.match(text, position, end)
        if gap is None:
            break
        position = gap.end()
    return out


def reported_speakers(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """People (and typed organisations) a reporting verb makes speakers: "Maria Lopez said",
    "according to Maria Lopez", "..., said Maria Lopez", "..., said Acme chairman Maria Lopez". A
    capitalised name with no verb is not enough."""
    out: list[Mention] = []
    # where a cue ends: the windows before a name are searched only when one ends inside them
    cue_ends = [m.end() for m in _REPORTING_CUE.finditer(text, start, len(text) if end is None else end)]
    for span in name_spans(text, start, end):
        if publication := _publication(text, span):
            out.append(publication)
            continue
        after = _REPORTED_AFTER.match(text, span.end)
        if after and text[after.end() : after.end() + 1] == ":" and text[after.end() + 1 : after.end() + 3].strip()[:1] not in ("“", '"'):
            after = None  # "Additional Tools proposed:" is a label; "Jane Roe said: “...”" is not
        cue = bisect.bisect_left(cue_ends, span.start - _TITLE_REACH)
        before = (
            cue < len(cue_ends)
            and cue_ends[cue] <= span.start
            and (
                _REPORTED_BEFORE.search(text, max(0, span.start - 40), span.start)
                or _REPORTED_BEFORE_TITLED.search(text, max(0, span.start - _TITLE_REACH), span.start)
            )
        )
        if not (after or before):
            continue
        if not after and _TITLE_AFTER.match(text, span.end):
            continue  # "predicted Example Bank equity strategist Jane Roe": the speaker is the name after the title
        for piece in _split_conjunction(span):
            if titled := _titled_person(piece.text):  # "Treasury Secretary John Snow": the person
                s, e = piece.start + titled.start("person"), piece.start + titled.end("person")
                out.append(Mention(text[s:e], ActorType.PERSON, s, e, "actor.reported"))
            elif person := _person_of(piece.text):  # "Howard Archer of Global Insight said": the person
                out.append(Mention(person, ActorType.PERSON, piece.start, piece.start + len(person), "actor.reported"))
            elif looks_like_person(piece.text):
                out.append(Mention(piece.text, ActorType.PERSON, piece.start, piece.end, "actor.reported"))
            elif (kind := classify_name(piece.text)) is not None and kind is not ActorType.COUNTRY:
                out.append(Mention(piece.text, kind, piece.start, piece.end, "actor.reported"))
    return out


# "The Atlantic called it ...", "The Example Herald reported": a title with a capital "The" that reports
_PUBLICATION_VERB = re.compile(
    r"[ \t]+(?:has[ \t]+|had[ \t]+)?(?:called|dubbed|described|reported|wrote|writes|said|says|noted|"
    r"found|revealed|estimated|named|ranked|labell?ed)\b"
)
# people named by their office alone ("The Judge said"), whom the role words do not list
_NOT_TITLES = frozenset({"Pope", "Queen", "King", "Prince", "Princess", "Duke", "Duchess", "Lord", "Lady", "Bishop",
                         "Chancellor", "Judge", "Justice", "Speaker", "Premier", "Coroner", "Sheriff", "Magistrate",
                         "Inspector", "Emperor", "Pontiff", "Archbishop", "Coach", "Captain", "Manager"})


def _publication(text: str, span: Span) -> Mention | None:
    """A publication named with its article ("The Atlantic") reporting or calling something: a one-word name
    that no cue types and that is no role, place, people or plural."""
    if span.start < 4 or text[span.start - 4 : span.start] != "The " or " " in span.text:
        return None
    word = span.text
    if (
        not _PUBLICATION_VERB.match(text, span.end)
        or word.lower() in STOPWORDS
        or word.lower() in lexicon.ROLE_WORDS
        or word.lower() in lexicon.TOPIC_WORDS
        or word.lower() in lexicon.SECTOR_WORDS
        or word in _NOT_TITLES
        or word in lexicon.countries()
        or word in lexicon.demonyms()
        or word.isupper()
        or word.endswith("s")
        or word in _CUE_WORDS
        or word in lexicon.EVENT_HEADS
        or word in lexicon.POLICY_HEADS
        or word in lexicon.DOCUMENT_TITLE_HEADS
    ):
        return None
    return Mention(f"The {word}", ActorType.ORGANIZATION, span.start - 4, span.end, "actor.reported")


def _split_conjunction(span: Span) -> list[Span]:
    """ "Kenya OSPO and Ghana OSPO" is two names when each side is typed by its own words; "Department of
    Health and Human Services" is one: after "X of Y", an "and" joins the complement unless a new institution
    starts ("... of Social Services and California Office of ...")."""
    if " and " not in span.text or span.text in lexicon.countries():
        return [span]
    pieces = span.text.split(" and ")
    groups = [pieces[0]]
    for piece in pieces[1:]:
        left = groups[-1]
        if classify_name(left) is not None and (
            (classify_name(piece) is not None and _starts_institution(left, piece))
            or (" of " in left and _OWN_COMPLEMENT.search(piece) is not None and _may_name_organisation(piece))
        ):
            groups.append(piece)
        else:
            groups[-1] = f"{left} and {piece}"
    out, position = [], span.start
    for group in groups:
        out.append(Span(position, position + len(group), group))
        position += len(group) + len(" and ")
    return out


def _starts_institution(left: str, right: str) -> bool:
    if " of " not in left:
        return True
    if _OWN_COMPLEMENT.search(right):
        return True  # "Office of Systems Integration and Code for America": the right side has its own "for"
    first = right.split()[0]
    return (
        " of " in right
        or first in lexicon.countries()
        or first in lexicon.demonyms()
        or classify_name(right) in (ActorType.IGO, ActorType.COUNTRY)
        or right.split()[-1] in _LEGAL_FORMS  # "... of Justice and Example Corporation"
    )


# a name that goes on past the span: "... Provisional Authority to Operate" (a title), "Office of Mgmt. &
# Budget" (cut at an abbreviation's full stop)
_CUT_SHORT = re.compile(r"[ \t]+to[ \t]+[A-Z][a-z]|\.[ \t]*&|\.[ \t]+[a-z]")
_GOES_ON = re.compile(r"[ \t]+(?:of|for|and|de|du|des)[ \t]+[A-Z]")
_OWN_COMPLEMENT = re.compile(r"^[A-Z]\S*(?:[ \t]+[A-Z]\S*)*[ \t]+(?:for|of)[ \t]+[A-Z]")
# the last words of names that a cue types only weakly: a programme or a product may end so too
_WEAK_HEADS = frozenset({"Service", "Services", "Systems", "Technologies", "Network", "Networks", "Platform"})
# after a name, a word that makes the name a modifier ("the Agile Delivery Services marketplace"); verbs,
# function words and words for people working there ("GSA Digital Service staff") leave it a name
_MODIFIED_BY = re.compile(r"[ \t]+(?P<word>[a-z][a-z-]{2,}|[A-Z][\w-]*)")
_PEOPLE_NOUNS = frozenset({"team", "teams", "staff", "staffers", "employees", "colleagues", "officials", "leadership",
                           "members", "director", "head", "chief", "spokesman", "spokeswoman", "spokesperson"})


# heads after which a name may go on to name a unit of that body ("Federal CIO Council Accessibility Community
# of Practice"); "Government" and the weak heads are left out ("UK Government Digital Service" is one name)
_PARENT_HEADS = frozenset(
    {"Council", "Commission", "Committee", "Agency", "Administration", "Authority", "Bureau", "Foundation", "Institute",
     "University", "Association", "Alliance", "Federation", "Academy", "Society", "Bank", "Corporation", "Company"}
)


def _parent_body(name: str) -> tuple[str, ActorType] | None:
    """The body whose unit a name names, when the name goes on past the body's head word ("Federal CIO
    Council Accessibility Community of Practice" -> "Federal CIO Council")."""
    words = name.split()
    for k in range(1, len(words) - 1):
        if words[k] in _PARENT_HEADS and words[k + 1][:1].isupper() and words[k + 1] not in CONNECTORS:
            parent = " ".join(words[: k + 1])
            kind = classify_name(parent)
            if kind in (ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO):
                return parent, kind
            return None
    return None


def _only_a_modifier(text: str, name: str) -> bool:
    """Whether a weakly typed name ("Agile Delivery Services") only ever stands before a noun or inside a
    longer name, never on its own: then it names a programme or a product, not an actor."""
    words = name.split()
    if words[-1] not in _WEAK_HEADS or any(
        w in lexicon.ORGANIZATION_CUES or w in lexicon.GOVERNMENT_CUES for w in words[:-1]
    ):
        return False
    position = text.find(name)
    if position < 0:
        return False  # written across lines: not looked at
    while position >= 0:
        end = position + len(name)
        position = text.find(name, end)
        if end < len(text) and (text[end].isalnum() or text[end] in "-_"):
            continue  # inside a longer word
        after = _MODIFIED_BY.match(text, end)
        if after is None:
            return False  # punctuation or the end follows: the name stands on its own
        word = after.group("word")
        if word[0].islower() and (
            word in STOPWORDS or word in _PEOPLE_NOUNS or word.endswith(("ed", "s")) or word in lexicon.STANCE_VERBS
        ):
            return False
    return True


def _may_name_organisation(name: str, *, person_shaped: bool = False) -> bool:
    """Whether a capitalised name no cue types may still be an organisation: not a person's (unless
    `person_shaped` names are allowed: "the Booz Allen Hamilton team"), a country's, a place's, an event's, a
    document's or a topic's name."""
    words = name.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in STOPWORDS or (looks_like_person(name) and not person_shaped):
        return False
    if name in lexicon.countries() or words[0] in lexicon.demonyms():
        return False
    if any(
        w in lexicon.EVENT_HEADS or w in lexicon.POLICY_HEADS or w in lexicon.PLACE_HEADS
        or w in lexicon.NOT_PERSON_WORDS or w in lexicon.DOCUMENT_TITLE_HEADS
        for w in words
    ):
        return False
    return not all(w.lower() in lexicon.TOPIC_WORDS or w.lower() in lexicon.SECTOR_WORDS or w.lower() in STOPWORDS
                   for w in words)


def _countries_inside(span: Span) -> list[Span]:
    countries = lexicon.countries()
    out = []
    for m in _NAME_WORDS.finditer(span.text):
        # the longest leading run of whole words that is a country; cut only at spaces, so each
        # candidate costs one look-up however long the words are
        group = m.group(0)
        cuts = [len(group)] + [k for k in range(len(group) - 1, 0, -1) if group[k] == " "]
        for length in cuts:
            if group[:length] in countries:
                out.append(Span(span.start + m.start(), span.start + m.start() + length, group[:length]))
                break
    return out


def possessive_orgs(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """ "Germany's Zendis": a capitalised name owned by a country is an organisation of that country."""
    out: list[Mention] = []
    countries = lexicon.countries()
    for m in _POSSESSIVE_ORG.finditer(text, start, end or len(text)):
        owner = m.group("owner").split()[-1] if m.group("owner") not in countries else m.group("owner")
        if owner not in countries:
            continue
        org = m.group("org")
        if _LOWER_NEXT.match(text, m.end("org")):
            continue  # "Norway's free software purchasing policy": a modifier, not a name
        words = org.split()
        if any(w in lexicon.POLICY_HEADS or w in lexicon.EVENT_HEADS for w in words):
            continue
        if org.split()[0].lower() in STOPWORDS or looks_like_person(org):
            continue
        kind = classify_name(org) or ActorType.ORGANIZATION
        out.append(
            Mention(
                org,
                kind,
                m.start("org"),
                m.end("org"),
                "actor.possessive",
                affiliation=countries[owner],
                affiliation_type=ActorType.COUNTRY,
            )
        )
    return out


# "Jane Roe, another organizer," / "Jane Roe, the agency's director": a person-shaped name with an
# apposition that opens with a determiner is a person
_DETERMINER_APPOSITION = re.compile(r",[ \t]+(?:a|an|another|the|one[ \t]+of|who|whose|his|her)\b")
# "— Jane Roe, Co-Founder, Example Trust" under a quotation (also "– Title, Name")
_ATTRIBUTION_LINE = re.compile(r"^[ \t]{0,8}[—–―][ \t]{0,4}(?P<body>[^\n]{2,200})$", re.M)
# "the 18F team", "GSA staff": an acronym that has a team or staff is an organisation
_ACRONYM_TEAM = re.compile(
    _ACRONYM_FIRST
    + r"\b(?P<acr>[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})(?:['’]s)?[ \t]+(?:teams?|staff|staffers|colleagues|employees|"
    r"engineers|designers|developers|leadership|headquarters|offices?)\b"
)
# "GSA’s Acting Administrator", "18F’s goals", "NASA launched ...": an acronym that owns things or acts is an
# organisation (the acronym's letters are bounded, so a long capital run is not rescanned)
_ACRONYM_AGENT = re.compile(
    _ACRONYM_FIRST
    + r"(?<![\w.’'-])(?P<acr>[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})(?:['’]s[ \t]+(?=[A-Za-z0-9])|[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+|"
    r"will[ \t]+|also[ \t]+)?(?:announced|launched|released|published|issued|hosted|held|organi[sz]ed|created|"
    r"developed|built|awarded|hired|partnered|signed|unveiled|funded|co-hosted|sponsored|invited|welcomed|"
    r"convened)\b)"
)
# "EXA has long espoused ...", "EXB had quietly tested ...": an acronym as the subject of a perfect tense acts
# (whatever the verb: the auxiliary and the participle are the signal)
_ACRONYM_PERFECT = re.compile(
    _ACRONYM_FIRST
    + r"(?:^|(?<=[.!?][ \t])|(?<=\n))(?P<acr>[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})[ \t]+(?:has|have|had)[ \t]+"
    r"(?:(?:long|already|also|recently|now|since|quietly|just|never|always)[ \t]+)?(?:been[ \t]+)?[a-z]{3,}(?:ed|ing)\b",
    re.M,
)
# "code modified by 18F", "contracts negotiated by 18F": the agent of any passive participle
_BY_ACRONYM_ANY = re.compile(
    r"\b[a-z]{3,}ed[ \t]+by[ \t]+(?:the[ \t]+)?(?P<acr>(?<![\w.’'-])[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})(?![\w’'-]|\.[A-Za-z])"
)
# "Example.gov’s summit", "the Example.mil team": a web domain that owns something or has a team names the
# organisation that runs it
_DOMAIN_AGENT = re.compile(
    _UPPER_FIRST
    + r"(?<![\w.@/-])(?P<acr>[A-Z][A-Za-z0-9-]{1,30}\.(?:gov|mil|org|com|int|eu|net|io))(?:['’]s[ \t]+(?=[A-Za-z0-9])|"
    r"[ \t]+(?:teams?|staff)\b)"
)
# "the GSA Office of Citizen Services": an acronym before a public office's name is the body it belongs to
_ACRONYM_PARENT = re.compile(
    _ACRONYM_FIRST
    + r"(?<![\w.’'-])(?P<acr>[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})[ \t]+(?:Office|Department|Bureau|Division|Directorate)[ \t]+"
    r"(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z]"
)
# "the tool used by OFCIO", "a site run by the GSA": the agent of a passive verb acts
_BY_ACRONYM = re.compile(
    r"\b(?:used|developed|created|run|led|managed|funded|published|issued|hosted|maintained|operated|administered|"
    r"overseen|sponsored|organi[sz]ed|launched|released|built|designed|supported|backed|owned|provided|conducted|"
    r"commissioned|written|produced|approved|adopted|signed|announced)[ \t]+by[ \t]+(?:the[ \t]+)?"
    r"(?P<acr>(?<![\w.’'-])[A-Z0-9]{0,6}[A-Z][A-Z0-9]{0,6})(?![\w’'-]|\.[A-Za-z])"
)
# "Photo: Jane Roe", "Photos by Jane Roe / Example Agency": the person credited for a picture
_CREDIT_LINE = re.compile(
    r"^[ \t]{0,8}(?:Photo|Photos|Photograph|Photographs|Image|Images|Illustration|Illustrations|Picture|Video|"
    r"Graphic|Graphics|Credit|Photo[ \t]credit|Image[ \t]credit)(?:[ \t]+by[ \t]+|[ \t]*:[ \t]*(?:by[ \t]+)?)"
    r"(?P<name>[A-Z][^\n,/|;()]{2,60}?)[ \t]*(?:[,/|;(][^\n]*)?$",
    re.M,
)
# "the Example Partners team", "Example Lab staff": a name that has a team or staff is an organisation
_NAME_TEAM = re.compile(
    r"\b(?:the|a|an|our|their)[ \t]+(?P<org>[A-Z][\w&.’'-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&.’'-]*){1,3})[ \t]+"
    r"(?:team|staff)\b"
)
# "Jane Roe, part of the ... team", "Jane Roe, a member of the board": a person
_MEMBER_APPOSITION = re.compile(r",[ \t]+(?:(?:a|an|one)[ \t]+)?(?:part|member|members)[ \t]+of[ \t]+(?:the|a|an|our|its|their)\b")
# "Hear more about it from Jane Roe": the one heard speaks
_HEAR_FROM = re.compile(r"(?=[HhLl])\b(?:[Hh]ear|[Hh]eard|[Hh]earing|[Ll]earn|[Ll]earned|[Ll]earnt)\b[^.;:!?\n]{0,60}?\bfrom[ \t]+$")
_PARENTHESISED_ROLE = re.compile(r"[ \t]*\((?P<role>[^()\n]{2,100})\)")
_ROLE_THEN_COMMA = re.compile(
    # the lookahead under the same case-insensitive flag as the words, so it lets every form of them through
    rf"(?i:(?=[{''.join(sorted({re.escape(w[0].lower()) for w in lexicon.ROLE_WORDS}))}]))"
    rf"\b(?i:{'|'.join(sorted(lexicon.ROLE_WORDS, key=len, reverse=True))}),[ \t]*$"
)  # "implementation lead, Jane Roe, at the agency"
# "Jane Roe loved the playbook", "Jane Roe walked us through it": verbs whose subject is a person
_PERSON_VERB = re.compile(
    r"[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?:loved|liked|enjoyed|thanked|welcomed|introduced|moderated|"
    r"presented|demonstrated|showcased|walked|joined|spoke|talked|kicked[ \t]+off|led|hosted|interviewed|tweeted|"
    r"blogged|recalled|recounted|reflected|shared|thanks)\b"
)
_SPEECH_POSSESSIVE = re.compile(
    r"['’]s[ \t]+(?:(?:opening|closing|lightning|keynote)[ \t]+)?(?:talk|remarks|speech|presentation|keynote|"
    r"testimony|comments|blog post|op-ed)\b"
)
_ROLE_ORG = re.compile(r"\b(?:at|of|with|from)[ \t]+(?:the[ \t]+)?(?P<org>[A-Z0-9][^,;()\n]{1,80})$")
# "At Example Lab, we ...", "we at Example Lab", "we here at Example Lab": the writers' organisation
WE_AT = re.compile(
    r"\b[Aa]t[ \t]+(?P<a>[A-Z0-9][\w.&’'-]*(?:[ \t]+[A-Z0-9][\w.&’'-]*){0,5}),[ \t]+(?:we|our)\b"
    r"|\b[Ww]e(?:[ \t]+here)?[ \t]+at[ \t]+(?P<b>[A-Z0-9][\w.&’'-]*(?:[ \t]+[A-Z0-9][\w.&’'-]*){0,5})"
)


@lru_cache(maxsize=4)
def we_at(text: str) -> tuple[re.Match[str], ...]:
    """WE_AT's matches over the whole text: several rules ask (the organisation the writers work at)."""
    return tuple(WE_AT.finditer(text))


_LIST_GAP = re.compile(r",[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
_POSSESSIVE_GAP = re.compile(r"['’]s[ \t]+")


def apposed_people(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """People named with an apposition ("Jane Roe, another organizer, said"), in a list of three or more
    names ("Ana Costa, Jane Roe, and Omar Haddad"), as somebody's ("Example Lab’s Jane Roe": with
    that affiliation), or after a bare role (`role_named_people`)."""
    out: list[Mention] = []
    spans = [piece for span in name_spans(text, start, end) for piece in _split_people(span)]
    run: list[Span] = []
    for k, span in enumerate(spans):
        person = looks_like_person(span.text)
        apposition = _DETERMINER_APPOSITION.match(text, span.end) if person else None
        if apposition and _names_a_person(text, apposition.end()):
            out.append(Mention(span.text, ActorType.PERSON, span.start, span.end, "actor.apposition"))
        if person and k > 0 and _POSSESSIVE_GAP.fullmatch(text, spans[k - 1].end, span.start):
            owner = spans[k - 1].text
            owner_type = classify_name(owner) or (ActorType.ORGANIZATION if _is_acronym(owner) else None)
            if owner_type is not None and owner_type is not ActorType.PERSON:
                out.append(
                    Mention(
                        span.text,
                        ActorType.PERSON,
                        span.start,
                        span.end,
                        "actor.apposition",
                        affiliation=lexicon.countries().get(owner, owner),
                        affiliation_type=owner_type,
                    )
                )
        role = _PARENTHESISED_ROLE.match(text, span.end) if person else None
        if role and is_role(role.group("role")):
            org = _role_organisation(role.group("role"))
            out.append(
                Mention(
                    span.text,
                    ActorType.PERSON,
                    span.start,
                    role.end(),
                    "actor.apposition",
                    role=role.group("role").strip(),
                    affiliation=org,
                    affiliation_type=_org_type(org) if org else None,
                )
            )
        elif person and (
            _ROLE_THEN_COMMA.search(text, max(0, span.start - 60), span.start)
            or _SPEECH_POSSESSIVE.match(text, span.end)
            or _MEMBER_APPOSITION.match(text, span.end)
            or _PERSON_VERB.match(text, span.end)
            or _HEAR_FROM.search(text, max(0, span.start - 90), span.start)
        ):
            out.append(Mention(span.text, ActorType.PERSON, span.start, span.end, "actor.apposition"))
        joined = bool(run) and _LIST_GAP.fullmatch(text, run[-1].end, span.start) is not None
        if person and joined:
            run.append(span)
            continue
        out += _listed_people(text, run)
        run = [span] if person else []
    return out + _listed_people(text, run) + role_named_people(text, start, end, spans)


_APPOSITION_HEAD = re.compile(r"[^,.;:()\n]{0,80}")
_NOT_PEOPLE = frozenset({"newspaper", "paper", "computer", "center", "centre", "number", "order", "letter", "cluster"})


def _names_a_person(text: str, start: int) -> bool:
    """Whether an apposition ("another organizer", "a data scientist at X") names a person: its head
    noun is a role word or an agent noun (-er, -or, -ist, -ian), not a newspaper or a computer."""
    phrase = _APPOSITION_HEAD.match(text, start).group(0)
    head_words = re.split(r"\b(?:at|of|with|from|for|in|on|who|whose|and)\b", phrase)[0].split()
    if not head_words:
        return False
    head = head_words[-1].lower().strip("’'")
    return head in lexicon.ROLE_WORDS or (head.endswith(("er", "ers", "or", "ist", "ian")) and head not in _NOT_PEOPLE)


def _split_people(span: Span) -> list[Span]:
    """ "Hassan Harris and Giovanni Onwuchekwa": one span of capitalised words, two people."""
    head, sep, tail = span.text.partition(" and ")
    if not sep or not looks_like_person(head) or not looks_like_person(tail):
        return [span]
    return [Span(span.start, span.start + len(head), head), Span(span.end - len(tail), span.end, tail)]


_PAIR_GAP = re.compile(r",?[ \t]+(?:and|or)[ \t]+")


def _listed_people(text: str, run: list[Span]) -> list[Mention]:
    """Three or more person-shaped names in a list, or two joined by "and" or "or", are people."""
    if len(run) < 2 or (len(run) == 2 and not _PAIR_GAP.fullmatch(text, run[0].end, run[1].start)):
        return []
    if len(run) == 2 and in_longer_title(text, run[0].start, run[1].end):
        return []  # "How Small Teams Plan and Ship Tools": a talk's title, not two people
    return [Mention(s.text, ActorType.PERSON, s.start, s.end, "actor.listed") for s in run]


def _role_organisation(role: str) -> str | None:
    """The organisation a role names ("Executive Director of 18F", "Chief of Staff at Example Lab")."""
    m = _ROLE_ORG.search(role)
    if m is None:  # "Head of Policy, Example Org": the last field after the role
        head, comma, last = role.rpartition(",")
        last = last.strip()
        if comma and is_role(head) and last[:1].isupper() and not is_role(last) and not looks_like_person(last):
            return last
        return None
    org = m.group("org").strip()
    return org if classify_name(org) is not None or _is_acronym(org) else None


def _is_acronym(name: str) -> bool:
    capitals = sum(c.isupper() for c in name)
    return 2 <= len(name) <= 8 and " " not in name and capitals >= 1 and capitals + sum(c.isdigit() for c in name) >= 2


# "President Obama", "Mayor Roe": a high office and a surname alone name a person
_TITLED_SURNAME = re.compile(
    _UPPER_FIRST
    + r"(?<![\w’'-])(?P<name>(?:Vice[ \t])?(?:President|Senator|Governor|Mayor|Chancellor|Premier|Prime[ \t]Minister|"
    r"Secretary|Minister|Ambassador|Commissioner|Congressman|Congresswoman|Representative|Judge|Justice)[ \t]+"
    r"(?P<surname>[A-Z][a-z]{2,20}(?:-[A-Z][a-z]{2,20})?))(?![\w’'-]|[ \t]+[A-Z]|\.[A-Z])"
)


def titled_surnames(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """ "President Obama": a person named by office and surname (the pipeline joins it to a full name)."""
    out: list[Mention] = []
    for m in _TITLED_SURNAME.finditer(text, start, len(text) if end is None else end):
        surname = m.group("surname")
        if (
            surname in lexicon.countries()
            or surname in lexicon.demonyms()
            or surname in {"Elect", "Emeritus", "General", "Designate"}  # "President Elect": still the office
            or surname.lower() in STOPWORDS
            or surname.lower() in lexicon.ROLE_WORDS
            or surname.lower() in lexicon.TOPIC_WORDS
            or surname in lexicon.EVENT_HEADS
            or surname in lexicon.POLICY_HEADS
            or surname in _CUE_WORDS
            or f" {surname.lower()}" in text  # "the Premier League ... the league": a common noun, no surname
        ):
            continue
        name = " ".join(m.group("name").split())
        out.append(Mention(name, ActorType.PERSON, m.start("name"), m.end("name"), "actor.titled"))
    return out


_ACR = _ACRONYM_FIRST + r"(?<![\w.-])(?=[0-9]{0,6}[A-Z])[A-Z0-9]{2,13}+(?![\w-])"
# "18F, USDS, OSTP, and GSA": a coordinated list of acronyms (each read one way only, possessively, from a
# word's start: a long list that does not end in "and" is not retried in every split of its items)
_ACRONYM_LIST = re.compile(rf"{_ACR}(?:,\s{{1,3}}{_ACR}){{0,8}},?\s{{1,3}}(?:and|or)\s{{1,3}}{_ACR}")
_ACRONYM_IN_LIST = re.compile(_ACR)


def acronym_lists(text: str) -> list[list[Mention]]:
    """Each coordinated list of organisation-like acronyms, a pair included ("18F or GSA"), as organisation
    mentions (kept by the pipeline when one of them is known to be an organisation: a list holds things of one
    kind)."""
    out = []
    for m in _ACRONYM_LIST.finditer(text):
        items = [
            Mention(a.group(0), ActorType.ORGANIZATION, a.start(), a.end(), "actor.listed")
            for a in _ACRONYM_IN_LIST.finditer(text, m.start(), m.end())
            if is_org_acronym(a.group(0))
        ]
        if len(items) >= 2:
            out.append(items)
    return out


_COORDINATION_GAP = re.compile(r"[ \t]*,[ \t]+(?:and[ \t]+)?(?:the[ \t]+)?|[ \t]+and[ \t]+(?:the[ \t]+)?")
# "In London, the BBC and ...": a sentence's opening adverbial is no item of the list after it
_OPENING_PREPOSITION = re.compile(r"(?:^|[.!?]\s+|\n)(?:In|At|On|For|From|By|With|Across|Outside|Inside|Like|Unlike)[ \t]+$")


def name_lists(text: str) -> list[list[Mention]]:
    """Each coordinated list of names ("A, the B, and C"), as organisation mentions of its items that may
    name one (kept by the pipeline when another item is known to be an organisation: a list holds things of
    one kind). People's names, places, events, documents and plain one-word names are left out."""
    longs = field_list_names(text)
    # names that open with a digit ("18F") are no capitalised words, but list like any name
    longs += [Span(m.start(), m.end(), m.group(0)) for m in _ACRONYM_IN_LIST.finditer(text) if m.group(0)[0].isdigit()]
    spans = sorted(
        [s for s in name_spans(text) if not any(f.start <= s.start < f.end for f in longs)] + longs,
        key=lambda s: s.start,
    )
    out: list[list[Mention]] = []
    run: list[Span] = []
    closed = False  # the last gap of the run has "and": a list, not an apposition ("Jane Roe, Example Lab")
    for span in [*spans, None]:
        gap = _COORDINATION_GAP.fullmatch(text, run[-1].end, span.start) if run and span is not None else None
        if gap is not None:
            run.append(span)
            closed = "and" in gap.group(0)
            continue
        if len(run) >= 3 and closed:  # two names joined by "and" may be a pair of unlike things
            if _OPENING_PREPOSITION.search(text, max(0, run[0].start - 12), run[0].start) and len(run) > 2:
                run = run[1:]
            items = [
                Mention(piece.text, classify_name(piece.text) or ActorType.ORGANIZATION, piece.start, piece.end,
                        "actor.listed")
                for item in run
                for piece in _list_pieces(item)
                if classify_name(piece.text) is not None or _listable(piece.text)
            ]
            if len(items) >= 2:
                out.append(items)
        run, closed = ([span] if span is not None else []), False
    return out


def _list_pieces(span: Span) -> list[Span]:
    """The items of one span: "Microsoft and Example Lab" is two, "Department of Health and Human Services" one."""
    out = []
    for piece in _split_conjunction(span):
        if " and " not in piece.text or classify_name(piece.text) is not None:
            out.append(piece)
            continue
        position = piece.start
        for part in piece.text.split(" and "):
            out.append(Span(position, position + len(part), part))
            position += len(part) + len(" and ")
    return out


def _listable(name: str) -> bool:
    """An untyped list item that may be an organisation: several words, or one word written like a brand or an
    acronym ("FedScoop", "18F"); a plain capitalised word may be a surname or a city."""
    if " " not in name and not (_is_acronym(name) or any(c.isupper() for c in name[1:])):
        return False
    return _may_name_organisation(name) and (" " in name or is_org_acronym(name) or name[:1].isupper())


# "a blanket purchase agreement (BPA)": an acronym spelled out in lower case is a common noun
# (the bracket is found first and the words before it read back: trying a run of words at every word start
# cost more than all the other acronym rules together)
_BRACKETED_ACRONYM = re.compile(r"[ \t]\((?P<acr>[A-Z]{2,8})s?\)")
_LOWER_WORDS_BEFORE = re.compile(r"(?:^|[^\w’'-])(?P<long>[a-z][a-z-]*(?:[ \t]+[a-z][a-z-]*){1,6})$")


def common_noun_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text spells out in lower-case words whose initials they are ("request for quotation (RFQ)")."""
    out = set()
    for m in _BRACKETED_ACRONYM.finditer(text):
        acronym = m.group("acr")
        before = _LOWER_WORDS_BEFORE.search(text, max(0, m.start() - 100), m.start())
        if before is None:
            continue
        words = before.group("long").replace("-", " ").split()[-len(acronym) - 2 :]
        initials = "".join(w[0] for w in words).upper()
        minor = "".join(w[0] for w in words if w not in CONNECTORS and w not in {"to", "a", "an", "on", "in"}).upper()
        if initials.endswith(acronym) or minor.endswith(acronym):
            out.add(acronym)
    return frozenset(out)


def is_org_acronym(name: str) -> bool:
    """An acronym that can name an organisation: not a country, a function ("IT"), a known law or a role."""
    return (
        _is_acronym(name)
        and name.upper() == name
        and name not in lexicon.countries()
        and name not in _FUNCTION_ACRONYMS
        and name not in lexicon.THING_ACRONYMS
        and name not in lexicon.KNOWN_POLICY_ACRONYMS
        and name.lower() not in lexicon.ROLE_WORDS
        and not name.isdigit()
    )


def attribution_lines(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The speaker of a dash attribution line ("— Jane Roe, Co-Founder, Example Trust"; "– Director, Jane
    Roe"), with the role and organisation the line gives."""
    out: list[Mention] = []
    for m in _ATTRIBUTION_LINE.finditer(text, start, len(text) if end is None else end):
        fields = [f.strip(" .") for f in m.group("body").split(",")]
        person = next((f for f in fields if looks_like_person(f)), None)
        if person is None:
            continue
        rest = [f for f in fields if f and f != person]
        role = next((f for f in rest if is_role(f)), None)
        org = next((f for f in rest if f != role and f[:1].isupper() and not is_role(f)), None)
        at = m.start("body") + m.group("body").find(person)
        out.append(
            Mention(
                person,
                ActorType.PERSON,
                at,
                at + len(person),
                "actor.apposition",
                role=role,
                affiliation=org,
                affiliation_type=_org_type(org) if org else None,
            )
        )
    for m in _CREDIT_LINE.finditer(text, start, len(text) if end is None else end):
        name = m.group("name").strip(" .")
        if looks_like_person(name):
            out.append(Mention(name, ActorType.PERSON, m.start("name"), m.start("name") + len(name), "actor.credit"))
    return out


def acronym_teams(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """ "the 18F team", "GSA staff": organisations known by an acronym that has people working for it, owns
    something ("GSA’s Administrator") or acts ("NASA launched"); and the organisation "we" work at ("At 18F,
    we ...")."""
    out: list[Mention] = []
    end = len(text) if end is None else end
    common = common_noun_acronyms(text)
    for m in _ACRONYM_TEAM.finditer(text, start, end):
        acronym = m.group("acr")
        if (
            not _is_acronym(acronym)
            or acronym in lexicon.countries()
            or acronym in _FUNCTION_ACRONYMS
            or acronym in lexicon.THING_ACRONYMS
            or acronym in common
            or acronym.lower() in lexicon.ROLE_WORDS
        ):
            continue
        out.append(Mention(acronym, classify_name(acronym) or ActorType.ORGANIZATION, m.start(), m.end("acr"), "actor.cue"))
    for m in _NAME_TEAM.finditer(text, start, end):
        org = m.group("org")
        kind = classify_name(org)
        if kind is None and _may_name_organisation(org, person_shaped=True) and org.split()[0] not in lexicon.countries():
            kind = ActorType.ORGANIZATION
        if kind in (ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO):
            out.append(Mention(org, kind, m.start("org"), m.end("org"), "actor.cue"))
    by_agent = [
        m for m in _BY_ACRONYM.finditer(text, start, end)
        if not ((after := _LOWER_WORD.match(text, m.end("acr"))) and after.group(1) not in STOPWORDS)
    ]  # "released by CES organisers": the acronym qualifies the agent
    by_agent += [
        m for m in _BY_ACRONYM_ANY.finditer(text, start, end)
        if not ((after := _LOWER_WORD.match(text, m.end("acr"))) and after.group(1) not in STOPWORDS)
    ]
    by_agent += list(_ACRONYM_PERFECT.finditer(text, start, end))
    by_agent += list(_ACRONYM_PARENT.finditer(text, start, end))
    for m in _DOMAIN_AGENT.finditer(text, start, end):
        out.append(Mention(m.group("acr"), ActorType.ORGANIZATION, m.start("acr"), m.end("acr"), "actor.agent"))
    for m in [*_ACRONYM_AGENT.finditer(text, start, end), *by_agent]:
        acronym = m.group("acr")
        if is_org_acronym(acronym) and acronym not in common:
            kind = classify_name(acronym) or ActorType.ORGANIZATION
            out.append(Mention(acronym, kind, m.start("acr"), m.end("acr"), "actor.agent"))
    for m in we_at(text) if (start, end) == (0, len(text)) else WE_AT.finditer(text, start, end):  # "At 18F, we ..."
        group = "a" if m.group("a") else "b"
        name = m.group(group).rstrip(".")
        kind = classify_name(name)
        if kind in (None, ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO) and not looks_like_person(name):
            out.append(Mention(name, kind or ActorType.ORGANIZATION, m.start(group), m.start(group) + len(name), "actor.cue"))
    return out


# words that only ever name a person doing something (a trade, a team post, an office) and may stand bare
# before a name in news copy: "Chelsea boss Jo Lee", "Labour MP Jo Lee", "the singer Jo Lee"
_BARE_ROLES = _PERSON_ROLES | {
    "boss", "coach", "captain", "striker", "midfielder", "defender", "goalkeeper", "winger", "player", "singer",
    "actor", "actress", "star", "chancellor", "aide", "presenter", "host", "author", "writer", "novelist",
    "comedian", "rapper", "musician", "designer", "veteran", "co-chairman", "spokesman", "chief", "mp", "mep",
    "msp", "am", "peer", "premier", "judge", "skipper", "champion", "founder", "investor", "tycoon", "vicar",
}
# "-er"/"-or"/"-ist" words that are no agent noun
_NOT_AGENTS = _NOT_PEOPLE | {"other", "another", "whether", "either", "neither", "rather", "together", "further",
                             "however", "whatever", "former", "latter", "water", "power", "offer", "border",
                             "quarter", "corner", "chapter", "summer", "winter", "member", "after", "never",
                             "ever", "over", "under", "later", "earlier", "sooner", "major", "minor", "floor",
                             "door", "sector", "factor", "error", "mirror", "interior", "exterior", "senior",
                             "junior", "superior", "list", "against", "chamber", "cover", "wider", "partner",
                             "leader", "operator", "carrier", "miner", "retailer", "distributor", "tracker", "liner",
                             "publisher", "provider", "supplier", "manufacturer", "lender", "insurer", "broadcaster",
                             "exporter", "importer", "developer", "rival", "owner", "buyer", "seller", "bidder"}
# a word before a name that describes the person without being part of the name ("Tory Jo Lee", "Briton Jo Lee")
_DESCRIPTORS = frozenset({"Tory", "Labour", "Conservative", "Republican", "Democrat", "Democratic", "Liberal",
                          "Socialist", "Unionist", "Nationalist", "Green", "Briton", "Welshman", "Scot", "Scotsman",
                          "Irishman", "Englishman", "Frenchman", "Dutchman", "Fellow", "Former", "Veteran"})
_HONORIFIC_SURNAME = re.compile(r"(?<![\w’'])(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+(?P<surname>[A-Z][\w’'-]+)(?![\w’'-]|[ \t]+[A-Z])")


_LOWER_ROLE_WORD = re.compile(r"[a-z][a-z-]{1,24}")


def _word_before(text: str, at: int) -> str:
    """The word right before a name on its line, past an honorific ("chairman Sir Jo Lee": "chairman")."""
    before = text[max(0, at - 40) : at]
    words = before[before.rfind("\n") + 1 :].split()
    if words and words[-1].rstrip(".") in ("Sir", "Dame", "Dr", "Prof"):
        words.pop()
    if not words or text[at - 1 : at] not in (" ", "\t") or not _LOWER_ROLE_WORD.fullmatch(words[-1]):
        return ""
    return words[-1]


def _bare_role(word: str) -> bool:
    """Whether a word standing bare before a name can be that person's role: a role word, or an agent noun
    ("campaigner", "director", "economist")."""
    word = word.lower()
    if word in _BARE_ROLES:
        return True
    return (
        len(word) >= 5
        and word.endswith(("er", "or", "ist"))
        and word not in _NOT_AGENTS
        and word not in STOPWORDS
        and not word.endswith("maker")  # "carmaker", "drugmaker": a company
    )


def role_named_people(
    text: str, start: int = 0, end: int | None = None, spans: list[Span] | None = None
) -> list[Mention]:
    """People a news text introduces by a role with no verb or comma ("committee chairman Jo Lee", "Labour MP
    Jo Lee", "the company's chief executive Jo Lee"), and full names whose surname the text later uses with
    an honorific ("Jo Lee ... Ms Lee said"): both say the name is a person's, whatever follows it. `spans`:
    the name spans of text[start:end], when the caller has them."""
    end = len(text) if end is None else end
    honoured = {m.group("surname") for m in _HONORIFIC_SURNAME.finditer(text, start, end)}
    # a headline capitalises other words than names ("End Bush row"): there a surname is no evidence
    first = text.find("\n")
    headline = first if first > 0 and text[first - 1] not in ".!?\"”" else 0
    out: list[Mention] = []
    for span in name_spans(text, start, end) if spans is None else spans:
        words = span.text.split()
        if len(words) < 2:
            continue
        cut = max((k + 1 for k, w in enumerate(words[:-2]) if w.lower() in _BARE_ROLES), default=0)
        titled = cut > 0
        if len(words) - cut == 3 and (words[cut] in _DESCRIPTORS or words[cut] in lexicon.demonyms()):
            cut += 1  # "Tory Jo Lee", "Russian Jo Lee": a description, then the name
        name = " ".join(words[cut:]).removesuffix("'s").removesuffix("’s")
        if len(name.split()) not in (2, 3) or not looks_like_person(name):
            continue
        name_start = span.start + span.text.index(name) if cut else span.start
        if (
            titled
            or (name.split()[-1] in honoured and span.start >= headline)
            or _bare_role(_word_before(text, span.start))
        ):
            out.append(Mention(name, ActorType.PERSON, name_start, name_start + len(name), "actor.apposition"))
    return out
