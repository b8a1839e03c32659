"""Policy extractors and the actors that adopt or run them.

Rules: `policy.cue` (a name ending in Act/Strategy/Fund/...), `policy.quoted` (an "open source first"
strategy), `policy.possessive` ("Sweden's procurement policy", "the government's 5 year plan"),
`policy.acronym` (a known instrument named by acronym, "the CRA"), `policy.generic` ("legal frameworks",
kept only with a country or government in the sentence), `policy.initiative` ("an initiative to create X"),
`policy.adopter` / `policy.runner` (who adopts or runs it, from possessives, verbs and "now under X").
`policy.created` (a quoted name an actor creates: "Example Land has created “Data Teams”"). Also `policy.section` (a numbered section of a law: "Section 508", "Section 230 of the X Act"), `policy.memo`
(a numbered memorandum, "M-16-21", with its title when one follows), names ending in a kind word with a
number or year after it ("IT Schedule 70", "the Rehabilitation Act of 1973", "the X Act for Fiscal Year
2015"), "Project X" programmes, `policy.platform` (a government site launched as a programme: "launched
Example.gov", "Example.gov, an online platform ..."); owners from "the agency's X Policy" and "X, signed into law by Y" /
"issued by Y" / "led by Y". Names inside title-case headlines ("How We Got the X Act Passed"), guides and
plans by their heads ("X Handbook", "X National Action Plans"), labs and clubs a body creates ("created the X
Lab"), memos by their issuer's initials ("an OEB memorandum", "OEB M-12-34"), sites a text calls its own
("what we call X.mil") and well-known instruments named by initials alone ("the FOIA"); a two-word "X Strategy"
with no determiner before it is a field of work ("Product Strategy" in a list of skills), not an instrument.
Owners given by reference or by voice: a pronoun subject ("it launched P") is the body its sentence or the one
before opens with, "the ministry's P" the one ministry the text names, "X passed it" the one policy of the
sentence before, "we launched P" / "our P" the organisation the text speaks for (its publisher, a speaker line's
body, or the body its paragraph opens with), never inside a quotation.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from ontology.records import PolicyType
from pipelines.extract import lexicon
from pipelines.extract.text import STOPWORDS, Span, name_spans, sentences

_NOUNS = "|".join(lexicon.POLICY_NOUNS)
# an opening quote cannot be inside the quoted words: a run of quotes is then not retried 60 characters long
_QUOTED = re.compile(rf"[\"“](?P<q>[^\"“”\n]{{3,60}})[\"”]\s+(?P<head>{_NOUNS})\b", re.I)
_POSSESSIVE = re.compile(
    rf"\b(?P<owner>[A-Z][\w]+(?:\s[A-Z][\w]+){{0,3}}|[Tt]he\s+(?:(?P<nation>[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\s+)?"
    rf"(?:government|ministry|state|country|city|agency|administration))"
    rf"['’]s\s+(?P<body>(?:[\w-]+\s){{0,4}}?(?P<head>{_NOUNS}))\b"
)
_ADOPT_VERB = re.compile(
    r"\b(?P<actor>[A-Z][\w.]*(?:\s(?:of\s|for\s|and\s)?[A-Z][\w.]*){0,5})\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:adopted|adopting|adopts|launched|introduced|created|enacted|passed|approved|announced|published|unveiled|"
    r"set up|issued|released|signed|established|finalized|finalised)\b"
)
# "The European Commission adopted its open source software strategy": the subject owns the policy
_OWN_POLICY = re.compile(
    r"\b(?P<actor>[A-Z][\w]+(?:\s(?:of\s|for\s|and\s)?[A-Z][\w]+){0,5})\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:adopted|launched|introduced|published|unveiled|approved|announced|updated|presented|released)\s+"
    rf"(?:its|their)\s+(?:new\s+|first\s+|own\s+)?(?P<body>(?:[\w-]+\s){{0,5}}?(?P<head>{_NOUNS}))\b"
)
_NOW_UNDER = re.compile(r"\(\s*now\s+(?:under|part of|run by|managed by)\s+(?:the\s+)?(?P<runner>[A-Z][^)]{2,80})\)")
_RUN_BY = re.compile(
    r"\b(?:run|managed|administered|operated)\s+by\s+(?:the\s+)?(?P<runner>[A-Z][\w]+(?:\s[A-Z][\w]+){0,5})"
)
_BY_AFTER = re.compile(
    r"\b(?:signed\s+into\s+law|issued|released|published|developed|led|run|managed|administered|operated|overseen|"
    r"created|launched|established|sponsored|maintained|enforced|implemented)\s+by\s+(?:the\s+)?"
    r"(?P<actor>[A-Z][\w.&’'-]*(?:\s(?:of\s|for\s|and\s|on\s|the\s)?[A-Z][\w.&’'-]*){0,7})"
)
_OWNER_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.&-]*(?:\s(?:of\s|for\s|and\s)?[A-Z][\w.&-]*){0,5})[’']s\s+$")
# "Section 508", "Section 230 of the Communications Decency Act": three digits, or the law it belongs to
_SECTION = re.compile(
    r"\bSection\s+(?P<number>\d{1,4}[a-z]?)\b(?:\s+of\s+the\s+(?P<law>(?:[A-Z][\w-]*\s+(?:of\s+|on\s+|for\s+)?)"
    r"{1,8}?Act(?:\s+of\s+(?:19|20)\d\d)?))?"
)
# numbered memoranda ("M-16-21"), with the title a comma or colon puts after them
_MEMO = re.compile(
    r"(?<![\w-])(?P<id>[A-Z]{1,2}-\d{2}-\d{2,3})(?![\w-])(?:[,:]\s+(?P<title>[A-Z][\w’'-]*(?:[ ,]{1,2}(?:(?![A-Z]{1,2}-\d)[A-Z0-9][\w’'-]*|"
    r"of|for|and|the|to|on|in|a|an|by|with)){1,20}))?"
)
# "OEB M-12-34", "an EXA directive M-17-02": the issuer's initials before a memo's number
_ISSUER_BEFORE = re.compile(
    r"\b(?P<acr>[A-Z]{2,6})[ \t]+(?:(?:[Mm]emo|[Mm]emorandum|[Dd]irective|[Cc]ircular|[Gg]uidance)[ \t]+)?$"
)
_INITIALS_MEMO = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)[ \t\n]+(?P<acr>[A-Z]{2,6})[ \t\n]+(?P<noun>memorandum|memo|directive|circular)\b"
)
_MEMO_CUE = re.compile(r"\b(?:memo|memos|memorandum|memoranda|guidance|circular|directive)\b", re.I)
# heads whose complement is part of the name ("Strategy for ...", "Declaration on ..."); "Fund" and
# "Programme" are left out, since "Fund for X" and "Programme for X" are often organisations
_COMPLEMENT_HEADS = frozenset({"Strategy", "Plan", "Roadmap", "Agenda", "Declaration", "Act", "Law", "Framework",
                               "Charter", "Principles", "Guidelines", "Policy", "Regulation", "Directive", "Compact"})
_ON_HEADS = frozenset({"Declaration", "Act", "Law", "Regulation", "Directive", "Strategy", "Charter", "Agreement",
                       "Recommendation"})
_ON_COMPLEMENT = re.compile(r"[ \t]+on[ \t]+(?P<c>[A-Z][\w-]*(?:[ \t]+(?:(?:and|of|for|the)[ \t]+)?[A-Z][\w-]*){0,6})")
# the European Union's acts by number: "Regulation (EU) 2024/2847", "Directive (EU) No 2019/1024"
_EU_ACT = re.compile(
    r"\b(?P<kind>Regulation|Directive|Decision)[ \t]+\((?P<by>EU|EC|EEC)\)[ \t]+(?:No\.?[ \t]+)?"
    r"(?P<number>\d{2,4}/\d{1,4})(?![\w/])"
)
# laws and decrees by number, as many countries name them: "Law No. 2016-1321", "Decree No. 9,637", "Law
# 14.063/2020", "Decree 2023-45" (a bare "Law 5" is a list's item: the number has a separator or "No.")
_NUMBERED_LAW = re.compile(
    r"\b(?P<kind>(?:Public[ \t]+|Private[ \t]+)?Law|Decree|Ordinance|Resolution|Regulation|Bill)[ \t]+"
    r"(?:(?P<no>No\.|Nr\.|Nº|n°|Number)[ \t]*)?"
    r"(?P<number>\d{1,5}(?:[-.,/]\d{1,5}){0,2})(?![\w-])"
)
_YEARS = re.compile(r"(?:19|20)\d\d[-–/](?:19|20)?\d\d")
_CALENDAR = frozenset([*calendar.day_name, *calendar.month_name[1:]])
# head words of named instruments (not of fields of work, as "Policy" and "Strategy" can be in a job title)
_INSTRUMENT_HEADS = frozenset({"Act", "Fund", "Programme", "Program", "Initiative", "Agreement", "Marketplace",
                               "Scheme", "Facility"})
_TITLE_CASE_WORDS = frozenset({"About", "The", "To", "With", "From", "Into", "Our", "Your", "What", "How", "Why", "A"})
_NUMBER_BEFORE = re.compile(r"(?<![\w.,-])\d{1,4}(?:st|nd|rd|th)?\s$")  # "the 21st Century ... Act", "the 508 ... Playbook"
# organisations named after a policy field ("Office of Science and Technology Policy")
_ORG_OF = frozenset({"Office", "Department", "Ministry", "Agency", "Bureau", "Council", "Committee", "Institute",
                     "Board", "Commission", "Administration", "Center", "Centre", "Directorate", "Division"})
# a site name's letters are possessive and it starts at a word: a long hyphenated token is read once
_PLATFORM = re.compile(
    r"\b(?:launch(?:ed|es|ing|[ \t]+of)?|creat(?:ed|es|ing)|buil[dt]s?|unveil(?:ed|s))\s+(?:https?://)?(?:www\.)?"
    r"(?P<name>[A-Za-z][\w-]{1,40}+\.(?:gov|mil)(?:\.[a-z]{2})?)\b"
    r"|(?<![\w./-])(?P<name2>[A-Za-z][\w-]{1,40}+\.(?:gov|mil)(?:\.[a-z]{2})?),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:platform|portal|website|site|collection|service|programme|program|hub|catalog|repository)\b"
    r"|['’]s[ \t]+(?P<name3>[A-Za-z][\w-]{1,40}+\.(?:gov|mil)(?:\.[a-z]{2})?)(?![\w.-]*\w)"
    # "This guidance and the effort ... is what we call Example.mil": the text names its programme
    r"|\bwhat[ \t]+(?:we|they)[ \t]+call[ \t]+(?P<name4>[A-Za-z][\w-]{1,40}+\.(?:gov|mil)(?:\.[a-z]{2})?)(?![\w.-]*\w)"
)
# "Example Land has created “Data Teams” to ...": a quoted name an actor creates is its programme
_CREATED_QUOTED = re.compile(
    r"\b(?P<actor>[A-Z][\w.&’'-]{0,40}+(?:[ \t]+(?:of[ \t]+|for[ \t]+|and[ \t]+)?[A-Z][\w.&’'-]{0,40}+){0,5})[ \t]+"
    r"(?:(?:has|have|had|also|recently|now|just)[ \t]+){0,2}(?:created|launched|introduced|established|set[ \t]+up|"
    r"started|unveiled|founded)[ \t]+(?:(?:an?|the|its|their)[ \t]+)?(?:new[ \t]+)?"
    r"[\"“](?P<q>[A-Z](?:[^\"“”\n]|\n(?!\n)){2,60})[\"”]"
)
# a citation: "Title, Office of Example, Exec. Office, June 10, 2015": the issuer after the title
_CITED_ISSUER = re.compile(r",[ \t]+(?P<org>[A-Z][^,;()\n]{2,70}?),[^\n]{0,60}?\b(?:19|20)\d\d\b")
# "the Example Delivery blanket purchase agreement (EDBPA)": a name whose kind words are lower case, defined
# by an acronym
_LOWER_KIND_DEFINED = re.compile(
    rf"[ \t\n]+(?P<kind>(?:[a-z-]{{1,20}}[ \t\n]+){{0,2}}?(?:agreement|{_NOUNS}|standards|guidelines|initiative))"
    r"[ \t\n]+\((?P<acr>[A-Z][A-Za-z-]{1,10})\)"
)
# "Example Office and XQA released Example Contracting Cases, an evolving document that ...": a title an
# institution issues, which an apposition calls a guide or a document (a report or a study is no instrument)
_RELEASED_TITLE = re.compile(
    r"(?P<actor>[A-Z][\w.&’'-]{0,40}+(?:[ \t\n]+(?:(?:of|for|and|the)[ \t\n]+)?[A-Z][\w.&’'-]{0,40}+){0,8})[ \t\n]+"
    r"(?:(?:has|have|also|jointly)[ \t\n]+){0,2}(?:released|published|issued|authored)[ \t\n]+(?:the[ \t\n]+)?"
    r"(?P<title>[A-Z][\w’'-]{0,40}+(?:[ \t\n]+[A-Z][\w’'-]{0,40}+){1,7}),[ \t\n]+(?:an?|the)[ \t\n]+"
    r"(?:[\w-]+,?[ \t\n]+){0,3}?(?P<noun>document|guide|guidebook|handbook|toolkit|playbook|framework|roadmap)\b"
)
_INSTITUTION_WORDS = frozenset({*_ORG_OF, "Service", "Services", "House", "Government", "Foundation", "Council"})
_PAREN_ALIAS = re.compile(r"[ \t]*\((?P<alias>[\w’' .-]{2,40})\)")
_ACT_YEAR_END = re.compile(r"(?<=\bAct)\s+(?:of|for\s+Fiscal\s+Year)\s+(?:19|20)\d\d$")
_ACT_SUFFIX = re.compile(r"\s+(?:of\s+(?:19|20)\d\d|for\s+Fiscal\s+Year\s+(?:19|20)\d\d)\b")
_SPELLED_YEAR = re.compile(r"^(\d+)\s*-?\s*year\b", re.I)
_ACRONYM_POLICIES = lexicon.KNOWN_POLICY_ACRONYMS  # instruments texts name by initials alone
# "a FedRAMP-authorized service", "GDPR-compliant": the instrument, named in a compound that says so
_KNOWN_ACRONYM = re.compile(
    r"(?<![\w-])(?P<acr>" + "|".join(map(re.escape, _ACRONYM_POLICIES)) + r")"
    r"(?!\w)(?!-(?!(?:authori[sz]ed|compliant|certified|approved)\b))"
)
_GENERIC = re.compile(
    r"\b(?P<phrase>(?:" + "|".join(map(re.escape, lexicon.GENERIC_POLICY_PHRASES)) + r")(?:s|es)?)\b", re.I
)
_INITIATIVE = re.compile(
    r"\b(?:an?|the|this|its|their|new)\s+(?P<name>(?:initiative|programme|program|campaign|scheme) to [a-z]"
    r"[^.;:()\n]{5,160}?)(?=,?\s+(?:with|which|that|who|whose|while|because|so that|in order to)\b|[.;:()\n]|\s{2}|$)"
)


@dataclass(frozen=True, slots=True)
class PolicyMention:
    name: str
    type: PolicyType
    start: int
    end: int
    rule: str
    adopter: str | None = None  # a surface form, resolved to an actor later
    runner: str | None = None
    owner_in_sentence: bool = False  # named by its owner's country or actors in the same sentence
    alias: str | None = None  # a short form the text defines in parentheses after the name


def policy_type(name: str) -> PolicyType | None:
    words = name.split()
    if not words:
        return None
    if "procurement" in name.lower():
        return PolicyType.PROCUREMENT
    last = words[-1]
    if last in lexicon.POLICY_HEADS:
        return lexicon.POLICY_HEADS[last]
    return lexicon.POLICY_NOUNS.get(last.lower())


def _jurisdiction(word: str) -> str | None:
    """The country or union a name's first word names ("EU", "German", "Kenya"), if any."""
    if word == "EU":
        return "European Union"
    return lexicon.countries().get(word) or lexicon.demonyms().get(word)


def cue_policies(text: str, start: int = 0, end: int | None = None) -> list[PolicyMention]:
    end = len(text) if end is None else end
    out: list[PolicyMention] = []
    for whole in _coordinated(name_spans(text, start, end)):
        span = _headline_name(whole)
        if span is None:
            continue
        name = span.text
        if name.endswith(("’s", "'s")):
            continue
        joined = _HYPHEN_PREFIX.match(name)
        if joined:  # "the EXA-backed Open Code Fund" is the Open Code Fund; its owner is read before it
            name = name[joined.end() :]
            span = replace(span, start=span.start + joined.end(), text=name)
        words = name.split()
        if _field_of_work(text, span, words):
            continue
        kind = _named_kind(_ACT_YEAR_END.sub("", name).split()) or _complemented_kind(words) or _created_unit(
            text, span, words
        )
        owner_after = None
        if kind is None and (owned := _owned_name(name)) is not None:
            # "the Example Strategy 2020-2023 of the Example Commission": the strategy, and whose it is
            name, owner_after = owned
            words, span = name.split(), replace(span, end=span.start + len(name), text=name)
            kind = _named_kind(words)
        if kind is None and (lower := _lower_kind_after(text, span, words)) is not None:
            # "the Example Society initiative": a capitalised name and its kind word in lower case
            name, kind = lower
            words, span = name.split(), replace(span, end=span.start + len(name), text=name)
        if kind is not None and words[-1] in _ON_HEADS:  # "the Example Declaration on Digital Society"
            on = _ON_COMPLEMENT.match(text, span.end, end)
            if on and on.group("c").split()[0] not in _CALENDAR:
                name, words = f"{name} on {' '.join(on.group('c').split())}", [*words, "on", *on.group("c").split()]
                span = replace(span, end=on.end(), text=name)
        if len(words) < 2 or kind is None or (words[0].lower() in STOPWORDS and not words[0].isupper()):
            continue
        if _publication(text, span, words) or _SPEAKS_AFTER.match(text, span.end):
            continue  # "the Example Development Programme (EDP) said": a body that speaks, not an instrument
        if words[0].lower() in lexicon.ROLE_WORDS and words[1] not in lexicon.POLICY_HEADS:
            # "Head of Developer Policy" is a job title; "Executive Order 14028" is an order; "Director of the
            # Example Fund" heads a fund, a named instrument ("Developer Policy" is a field)
            tail = words[2:][1:] if words[2:3] == ["the"] else words[2:]
            if words[1] == "of" and len(tail) >= 2 and (tail[-1].isdigit() or tail[-1] in _INSTRUMENT_HEADS):
                tail_name = " ".join(tail)
                out.append(PolicyMention(tail_name, kind, span.end - len(tail_name), span.end, "policy.cue"))
            continue
        if any(w in _ORG_OF and words[k + 1 : k + 2] == ["of"] for k, w in enumerate(words[:-1])):
            continue
        if (len(words) == 2 and words[0] in _ORG_OF) or any(w in _TITLE_CASE_WORDS for w in words[1:]):
            continue  # "Agency Policy" names no policy; "Learn About the New Standards" is a heading
        before, of_the, tail = name.rpartition(" of the ")
        if of_the and len(tail.split()) >= 2 and not before.startswith("Section") and not any(
            w in lexicon.POLICY_HEADS for w in before.split()
        ):
            # "Implementation of the Example Act": a topic around the act, which is the policy ("Management of
            # Section 508 of the Example Act": the section rule reads the act)
            if " Section " not in f" {before} ":
                out.append(PolicyMention(tail, kind, span.end - len(tail), span.end, "policy.cue"))
            continue
        number = _NUMBER_BEFORE.search(text, max(0, span.start - 6), span.start)
        if number and re.search(r"(?:,|\band)[ \t]+$", text[max(0, number.start() - 6) : number.start()]):
            number = None  # "the 2011 and 2013 Example Plans": editions of the plans, not a part of their name
        if number:
            name = f"{number.group(0).strip()} {name}"
        if name in lexicon.IGO_NAMES:  # "International Monetary Fund" is an organisation, not a fund
            continue
        stop = span.end
        suffix = _ACT_SUFFIX.match(text, span.end) if words[-1] == "Act" else None
        if suffix:  # "the Rehabilitation Act of 1973" is that act, named in full
            stop = suffix.end()
            name = f"{name} {' '.join(suffix.group(0).split())}"
        jurisdiction = _jurisdiction(words[0]) if len(words) >= 3 else None
        if jurisdiction == "European Union":  # "EU Cyber Resilience Act" is the Cyber Resilience Act, of the EU
            out.append(
                PolicyMention(" ".join(words[1:]), kind, span.start, span.end, "policy.cue", adopter=jurisdiction)
            )
            continue
        # a national name keeps its country ("German Digital Strategy" is not every digital strategy)
        runner = _NOW_UNDER.match(text, stop + 1) if stop + 1 < len(text) else None
        if runner is None:
            runner = _RUN_BY.match(text, stop + 1) if stop + 1 < len(text) else None
        runner_name = (
            owner_after or (runner.group("runner").strip() if runner else None) or owner_before(text, span.start)
            or by_after(text, stop)
        )
        out.append(
            PolicyMention(name, kind, span.start, stop, "policy.cue", adopter=jurisdiction, runner=runner_name,
                          alias=short_form(text, stop, name))
        )
    out += _lower_kind_names(text, start, end)
    for m in _DESCRIBED_INSTRUMENT.finditer(text, start, end):
        name = " ".join(m.group("name").split())
        words = name.split()
        # two words ("digital strategy") name a field of policy, not one instrument
        if len(words) >= 3 and _DOMAIN_WORDS & set(words[:-1]) and words[0] not in _VAGUE_FIRST:
            kind = lexicon.POLICY_NOUNS.get(words[-1]) or PolicyType.OTHER
            out.append(PolicyMention(name, kind, m.start("name"), m.end("name"), "policy.described"))
    out += _released_titles(text, start, end)
    out += numbered_policies(text, start, end)
    for m in _QUOTED.finditer(text, start, end):
        head = m.group("head").lower()
        name = f"{m.group('q').strip()} {head}"
        out.append(PolicyMention(name, lexicon.POLICY_NOUNS[head], m.start(), m.end(), "policy.quoted"))
    for m in _POSSESSIVE.finditer(text, start, end):
        body = m.group("body").strip()
        if re.search(r"\bto[ \t]+\S+$", body):
            continue  # "Example Land's banks used to act as ...": the head word is a verb
        # "Example Land's new data protection law" is its data protection law; "its new law" names too little
        while body.split()[0].lower() in {"own", "new", "first", "main", "only", "latest", "draft", "revised"}:
            body = body.split(None, 1)[1] if len(body.split()) > 1 else ""
            if not body:
                break
        if len(body.split()) < 2:
            continue
        owner = m.group("owner")
        kind = policy_type(body) or PolicyType.OTHER
        nation = m.group("nation")
        if nation:  # "the French government's plan" is France's
            country = _jurisdiction(nation) or lexicon.countries().get(nation)
            if country and country != "European Union":
                out.append(PolicyMention(f"{country}’s {body}", kind, m.start(), m.end(), "policy.possessive",
                                         adopter=country))
            continue
        if owner.lower().startswith("the ") and owner.split()[-1].islower():
            # "the government's plan": whose, the sentence may say ("The Example Corp's plan" is a firm's)
            out.append(PolicyMention(body, kind, m.start(), m.end(), "policy.possessive", owner_in_sentence=True))
            continue
        owner = owner[4:] if owner.startswith(("The ", "the ")) else owner
        if owner not in lexicon.countries() and owner.split()[-1] not in lexicon.countries():
            continue
        out.append(PolicyMention(f"{owner}’s {body}", kind, m.start(), m.end(), "policy.possessive", adopter=owner))
    for m in _OWN_POLICY.finditer(text, start, end):
        actor = m.group("actor")
        if actor.split()[0].lower() in STOPWORDS:
            actor = " ".join(actor.split()[1:])
        body = m.group("body").strip()
        if actor and len(body.split()) >= 2:
            kind = policy_type(body) or PolicyType.OTHER
            out.append(
                PolicyMention(f"{actor}’s {body}", kind, m.start("body"), m.end("body"), "policy.own", adopter=actor)
            )
    for m in _CREATED_QUOTED.finditer(text, start, end) if "“" in text or '"' in text else ():
        actor = m.group("actor")
        if actor.split()[0].lower() in STOPWORDS:
            actor = " ".join(actor.split()[1:])
        name = " ".join(m.group("q").split()).strip(" ,.")  # a name the line wraps is one name
        if actor and 1 <= len(name.split()) <= 8:
            kind = _named_kind(name.split()) or PolicyType.PROGRAMME
            out.append(PolicyMention(name, kind, m.start("q"), m.end("q"), "policy.created", adopter=actor))
    for m in _KNOWN_ACRONYM.finditer(text, start, end):
        name, kind = _ACRONYM_POLICIES[m.group("acr")]
        out.append(PolicyMention(name, kind, m.start(), m.end(), "policy.acronym"))
    for m in _GENERIC.finditer(text, start, end):
        phrase = m.group("phrase")
        singular = re.sub(r"(?:es|s)$", "", phrase.lower())
        kind = lexicon.GENERIC_POLICY_PHRASES.get(singular) or lexicon.GENERIC_POLICY_PHRASES.get(phrase.lower())
        if kind is None or not phrase.islower():
            continue  # capitalised forms are names, read by the cue rule
        out.append(PolicyMention(phrase, kind, m.start(), m.end(), "policy.generic", owner_in_sentence=True))
    for m in _INITIATIVE.finditer(text, start, end):
        name = m.group("name").strip(" ,")
        if len(name.split()) <= 18:
            out.append(PolicyMention(name, PolicyType.PROGRAMME, m.start("name"), m.end("name"), "policy.initiative"))
    named = [m for m in out if m.rule != "policy.generic"]
    # the short form in brackets after a name ("the Example Data Act (EDA Act)") is that policy's alias
    defined = {(m.alias, m.end) for m in named if m.alias}
    # "purchasing policy" inside "Norway's free software purchasing policy" is that policy, not another one; so is a
    # described instrument another rule names with its owner ("X adopted its open source procurement policy")
    return [
        m
        for m in out
        if (m.rule != "policy.generic" or not any(n.start <= m.start and m.end <= n.end for n in named))
        and (m.rule != "policy.described" or not any(
            n.rule != "policy.described" and n.start < m.end and m.start < n.end for n in named
        ))
        and not any(m.name == alias and 0 < m.start - stop <= 3 for alias, stop in defined)
    ]


# "will adopt an open source first policy", "launched a national cloud strategy": an instrument a body adopts,
# named in lower case by what it is about (a word of the field, so "adopted a tougher policy" is no name)
_DESCRIBED_INSTRUMENT = re.compile(
    r"\b(?:adopt(?:s|ed|ing)?|launch(?:es|ed|ing)?|introduc(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|unveil(?:s|ed|ing)?|"
    r"enact(?:s|ed|ing)?|pass(?:es|ed)|publish(?:es|ed)|sign(?:s|ed)|announc(?:e|es|ed))[ \t]+"
    r"(?:an?|its|their|the)[ \t]+(?:(?:new|first|own|draft|revised)[ \t]+)?"
    r"(?P<name>(?:[a-z][a-z-]{1,20}[ \t]+){1,5}(?:policy|strategy|law|act|plan|framework|programme|program|"
    r"regulation|directive|charter|roadmap|fund))\b(?![ \t]*\()"
)
_DOMAIN_WORDS = frozenset(
    {"open", "source", "open-source", "data", "digital", "cloud", "software", "code", "procurement", "cyber",
     "cybersecurity", "internet", "technology", "interoperability", "sovereignty", "broadband", "e-government",
     "ai", "privacy", "public-code", "sovereign", "tech", "it"}
)
_VAGUE_FIRST = frozenset({"more", "less", "tougher", "stricter", "looser", "better", "same", "other", "similar",
                          "different", "few", "several", "many", "some", "such"})
# kind words that follow a capitalised name in lower case ("the Example Society initiative"); "programme",
# "plan", "policy" and "strategy" are left out: after a name they are as often a broadcast, a party's plan or
# a company's way of doing business ("the Example Corp strategy")
_LOWER_KIND_AFTER = re.compile(r"[ \t]+(?P<kind>initiative|scheme|fund|framework|charter|roadmap|agenda|act|law)\b")
_NAME_DETERMINER = re.compile(r"(?:\b(?:the|The|a|an|its|their|our)|['’]s)[ \t]+$")


def _coordinated(spans: Iterable[Span]) -> Iterator[Span]:
    """ "the Example Strategy and Example Data Fund": two names, each of two words or more ending in a policy's
    head word, joined by "and" are two policies ("Research and Development Fund" stays one name)."""
    for span in spans:
        left, joint, right = span.text.partition(" and ")
        if joint and len(left.split()) >= 2 and len(right.split()) >= 2 and left.split()[-1] in _ALL_HEADS and (
            right.split()[-1] in _ALL_HEADS
        ):
            yield Span(span.start, span.start + len(left), left)
            yield Span(span.end - len(right), span.end, right)
        else:
            yield span


def _lower_kind_after(text: str, span: Span, words: list[str]) -> tuple[str, PolicyType] | None:
    """ "the Example Society initiative", "its Example Europe strategy": a capitalised name of two words or
    more, a determiner or possessive before it and a lower-case kind word after it, is that instrument (the
    kind word is part of how the text names it); a name with an organisation's head word is an owner."""
    if len(words) < 2 or words[0].lower() in STOPWORDS or set(words) & (_ORG_OF | _INSTITUTION_WORDS):
        return None
    kind = _LOWER_KIND_AFTER.match(text, span.end)
    if kind is None or not _NAME_DETERMINER.search(text, max(0, span.start - 8), span.start):
        return None
    word = kind.group("kind")
    policy_kind = lexicon.POLICY_NOUNS.get(word) or (PolicyType.PROGRAMME if word in {"initiative", "scheme"}
                                                     else PolicyType.FRAMEWORK)
    return f"{span.text} {word}", policy_kind


def _owned_name(name: str) -> tuple[str, str] | None:
    """ "Example Strategy 2020-2023 of the Example Commission" -> the policy's name and its owner's, when the
    words before "of (the)" end in a policy's head word and the owner is capitalised."""
    for joint in (" of the ", " of "):
        before, found, owner = name.partition(joint)
        if found and owner[:1].isupper() and len(before.split()) >= 2 and _named_kind(before.split()):
            return before, owner
    return None


# "a public-code-by-default act (PCDA)": a name in lower case, defined by its initials
_LOWER_NAME_DEFINED = re.compile(
    r"\b(?:(?:an?|the|its|their|new|national|first)[ \t\n]+){1,2}(?P<name>(?:[a-z][a-z-]{1,40}+[ \t\n]+){0,4}?[a-z][a-z-]{1,40}+[ \t\n]+"
    rf"(?:{_NOUNS}|initiative|scheme|charter))[ \t\n]+\((?P<acr>[A-Z][A-Za-z]{{2,9}})\)"
)


def _lower_kind_names(text: str, start: int, end: int) -> list[PolicyMention]:
    """ "Example Delivery blanket purchase agreement (EDBPA)": a capitalised name, lower-case kind words and
    the acronym the text defines for the whole (the acronym is what makes the kind words part of a name)."""
    out: list[PolicyMention] = []
    if "(" not in text:
        return out
    for m in _LOWER_NAME_DEFINED.finditer(text, start, end):
        name = " ".join(m.group("name").split())
        words = name.replace("-", " ").split()
        # every letter of the acronym is a word's initial, in order, and it spells at least half the words
        if len(words) >= 2 and _initials_of(m.group("acr"), name) and 2 * len(m.group("acr")) >= len(words):
            kind = lexicon.POLICY_NOUNS.get(name.split()[-1]) or PolicyType.PROGRAMME
            out.append(PolicyMention(name, kind, m.start("name"), m.end("name"), "policy.cue", alias=m.group("acr")))
    for span in name_spans(text, start, end):
        match = _LOWER_KIND_DEFINED.match(text, span.end)
        if match is None or span.text.split()[0].lower() in STOPWORDS or span.text.endswith(("’s", "'s")):
            continue
        kind_words = " ".join(match.group("kind").split())
        name = f"{span.text} {kind_words}"
        acronym = match.group("acr")
        if not _initials_of(acronym, name):
            continue  # "(EU)" after "the Example strategy" is whose it is, not its acronym
        kind = PolicyType.PROCUREMENT if "purchase" in kind_words or "procurement" in kind_words else (
            lexicon.POLICY_NOUNS.get(kind_words.split()[-1]) or PolicyType.OTHER
        )
        out.append(PolicyMention(name, kind, span.start, match.end("kind"), "policy.cue", alias=acronym))
    return out


def _released_titles(text: str, start: int, end: int) -> list[PolicyMention]:
    """A titled guide or document an institution releases ("Example Office released Example Contracting Cases,
    an evolving document ..."): the issuer names an office or body, or is an acronym; who adopts it is read
    with the other owner cues."""
    out: list[PolicyMention] = []
    for m in _RELEASED_TITLE.finditer(text, start, end) if "," in text else ():
        words = m.group("actor").split()
        if not (_INSTITUTION_WORDS & set(words) or any(len(w) >= 2 and w.isupper() for w in words)):
            continue
        title = " ".join(m.group("title").split())
        kind = PolicyType.OTHER if m.group("noun") == "document" else PolicyType.FRAMEWORK
        # the issuer next to the verb ("... and XQA released"): a list's last name, never the list as one name
        issuer = _LIST_SPLIT.split(" ".join(words))[-1]
        issuer = issuer[4:] if issuer.startswith("the ") else issuer
        out.append(PolicyMention(title, kind, m.start("title"), m.end("title"), "policy.released", adopter=issuer))
    return out


def short_form(text: str, position: int, name: str) -> str | None:
    """ "the 21st Century Example Data Act (21st Century EDA)": a parenthesised short form after the name,
    each of its words either a word of the name or an acronym of the name's initials."""
    match = _PAREN_ALIAS.match(text, position)
    if match is None:
        return None
    alias = " ".join(match.group("alias").split())
    words = set(name.split())
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    acronyms = [w for w in alias.split() if w not in words]
    if not acronyms or len(acronyms) > 1 or not acronyms[0].isupper() or len(alias.split()) < 2:
        return None  # a lone acronym is defined by the general rule; "(2019)" or "(see below)" is no name
    acronym = acronyms[0]
    letters = iter(initials)
    return alias if len(acronym) >= 2 and all(c in letters for c in acronym) and len(alias.split()) > 1 else None


def adopters_before(text: str, sentence_start: int, mention_start: int) -> str | None:
    """The actor that adopts/launches the policy, when a verb before it in the sentence says so."""
    match = None
    for m in _ADOPT_VERB.finditer(text, sentence_start, mention_start):
        match = m
    if match is None or _FAR_OBJECT.search(text, match.end(), mention_start):
        return None
    actor = match.group("actor")
    return actor if actor.split()[0].lower() not in STOPWORDS else " ".join(actor.split()[1:]) or None


# between the verb and the policy, words that make the policy part of another object ("published a rule
# updating requirements covered by the Example Data Act": the rule is published, the act only named)
_FAR_OBJECT = re.compile(
    r"\b(?:covered|required|governed|defined|set[ \t]+out|mandated|established|amended|updating|amending|replacing|"
    r"implementing|under|according|pursuant|compliance|comply|complying|meet|meeting|in[ \t]+line)\b"
)


def aliases_of(name: str) -> tuple[str, ...]:
    """Numeric spellings of a plan's length ("5 year plan" / "five-year plan")."""
    numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    m = _SPELLED_YEAR.match(name)
    if m and int(m.group(1)) < len(numbers):
        return (f"{numbers[int(m.group(1))]}-year{name[m.end() :]}",)
    return ()


def _complemented_kind(words: list[str]) -> PolicyType | None:
    """ "National Strategy for Artificial Intelligence", "Roadmap for Digital Cooperation": a head word with
    its complement after "for" or "of" (a name of one word before the head needs a complement of two)."""
    for k, word in enumerate(words[:-2]):
        if word in _COMPLEMENT_HEADS and words[k + 1] in {"for", "of"} and words[k + 2][:1].isupper():
            return lexicon.POLICY_HEADS[word] if k >= 1 or len(words) - k - 2 >= 2 else None
    return None


# Heads of instruments from the usual taxonomies of policy instruments that the shared head lists lack, read
# by the policy cue rule only: an international body's recommendation ("the Example Council Recommendation on
# Open Data"), a blueprint, a code of practice or of conduct ("the Example Open Code of Practice"); "Vision"
# names a strategy only with the year it looks to ("Example Vision 2030").
_MORE_HEADS = {"Recommendation": PolicyType.FRAMEWORK, "Blueprint": PolicyType.STRATEGY}
_CODE_TAILS = frozenset({("Code", "of", "Practice"), ("Code", "of", "Conduct")})
_HORIZON_HEADS = {"Vision": PolicyType.STRATEGY}


def _named_kind(words: list[str]) -> PolicyType | None:
    """The kind a capitalised name's head word gives: "X Act", "X Policy", "IT Schedule 70", "X Purchase
    Agreement", "X Playbook", "Project X"."""
    if not words:
        return None
    if words[-1] in lexicon.POLICY_HEADS:
        return lexicon.POLICY_HEADS[words[-1]]
    if len(words) >= 2 and words[-1] in _MORE_HEADS:
        return _MORE_HEADS[words[-1]]
    if len(words) >= 4 and tuple(words[-3:]) in _CODE_TAILS:
        return PolicyType.FRAMEWORK
    if len(words) >= 3 and words[-2] in _HORIZON_HEADS and re.fullmatch(r"20\d\d", words[-1]) and words[-3][:1].isupper():
        return _HORIZON_HEADS[words[-2]]
    if len(words) >= 2 and words[-2] == "Schedule" and words[-1].isdigit():
        return PolicyType.PROCUREMENT
    numbered = words[-1].isdigit() or _YEARS.fullmatch(words[-1]) is not None  # "... Strategy 2020-2023"
    if len(words) >= 3 and words[-2] in lexicon.POLICY_HEADS and numbered and words[-3][:1].isupper():
        return lexicon.POLICY_HEADS[words[-2]]  # "Executive Order 14028", "Example Directive 2016"
    if len(words) >= 3 and words[-2:] == ["Purchase", "Agreement"]:
        return PolicyType.PROCUREMENT
    if len(words) >= 2 and words[0] == "Project" and words[-1].lower() not in lexicon.ROLE_WORDS and (
        words[1] not in {"and", "of"} and words[-1] not in _ORG_OF | _INSTITUTION_WORDS
    ):
        return PolicyType.PROGRAMME  # "Project and Contract Office" is an office
    if len(words) >= 3 and f"{words[-2]} {words[-1]}" in lexicon.DOCUMENT_POLICY_HEADS:
        return lexicon.DOCUMENT_POLICY_HEADS[f"{words[-2]} {words[-1]}"]
    return lexicon.MORE_POLICY_HEADS.get(words[-1]) or lexicon.DOCUMENT_POLICY_HEADS.get(words[-1])


_ALL_HEADS = frozenset({*lexicon.POLICY_HEADS, *lexicon.MORE_POLICY_HEADS, *lexicon.DOCUMENT_POLICY_HEADS})
_NOT_VERBS = frozenset({"Limited", "United", "Incorporated", "Red", "Need", "Seed", "Speed", "Feed", "Shed"})
_WORD = re.compile(r"\S+")


def _headline_verb(word: str) -> bool:
    return word in lexicon.HEADLINE_VERBS or (
        len(word) > 4 and word.endswith("ed") and word[:1].isupper() and word not in _NOT_VERBS
    )


def _headline_name(span: Span) -> Span | None:
    """The policy name inside a title-case headline: "How We Got the Example Act Passed" names the Example
    Act, "New Example Data Act Mandates Code Sharing" the Example Data Act (a leading "New" is the headline's).
    A headline whose name before its head word follows a verb keeps that name only when it has three words or
    more ("Senate Passes Hunting Bill" and "Drive Includes Code-Sharing Law" are left out: too short to tell a
    name from a description). Spans without a headline verb come back unchanged."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(span.text)]
    texts = [w for _, w in words]
    last = next(
        (k + 1 for k in range(len(texts) - 1) if texts[k] in _ALL_HEADS and _headline_verb(texts[k + 1])), len(texts)
    )
    verbs = [k for k in range(last - 1) if texts[k] in lexicon.HEADLINE_VERBS]
    if last == len(texts) and not verbs:
        return span
    first = verbs[-1] + 1 if verbs else 0
    # "Got the Example Act": the article after the verb opens no name
    while first < last and texts[first] in {"the", "a", "an", "to", "New"}:
        first += 1
    if last - first < 2 or (verbs and last - first < 3):
        return None
    begin, stop = words[first][0], words[last - 1][0] + len(texts[last - 1])
    return Span(span.start + begin, span.start + stop, span.text[begin:stop])


# a verb of creating and the determiners before its object: "created the", "establishes", "has set up a new"
_CREATING_BEFORE = re.compile(
    r"\b(?:creat(?:ed|es|ing)|establish(?:ed|es|ing)|set(?:s|ting)?[ \t\n]+up|launch(?:ed|es|ing)|open(?:ed|s|ing)|"
    r"start(?:ed|s|ing))[ \t\n]+(?:(?:the|a|an|its|their|new)[ \t\n]+){0,2}$"
)


def _created_unit(text: str, span: Span, words: list[str]) -> PolicyType | None:
    """ "The Example Department created the Procurement Example Lab": a lab, club or hub a body creates is its
    programme (a capitalised name of two words or more, the object of a verb of creating); named elsewhere,
    an "Example Lab" may be an organisation, and is left to the actor rules."""
    if len(words) < 2 or words[-1] not in lexicon.PROGRAMME_UNIT_HEADS:
        return None
    found = _CREATING_BEFORE.search(text, max(0, span.start - 40), span.start)
    return PolicyType.PROGRAMME if found else None


# a publication's name and the people who write for it ("an Example Standard reporter", "told the Evening
# Example"): a name that a newspaper's staff follow, that someone tells, or that opens with a paper's time
_STAFF_AFTER = re.compile(
    r"[ \t]+(?:journalist|reporter|editor|columnist|correspondent|photographer|reader|readers|poll|survey|"
    r"interview|website|newspaper)s?\b"
)
_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling|wrote[ \t]+in|writing[ \t]+in|interview[ \t]+with)[ \t]+(?:the[ \t]+)?$")
_PAPER_TIMES = frozenset({"Daily", "Evening", "Morning", "Sunday", "Weekly", "Weekend"})


_SPEAKS_AFTER = re.compile(
    r"(?:[ \t]*\([A-Z][\w&-]{1,10}\))?[ \t]+(?:(?:has|have|also)[ \t]+)?(?:said|told|warned|urged|"
    r"welcomed|argued|believes|commented|tweeted)\b"
)


def _publication(text: str, span: Span, words: list[str]) -> bool:
    """ "Evening Example Standard", "the Example Standard reporter", "told the Example Standard": a newspaper
    named like an instrument; "the Palm Pilot": a product whose two-word name ends like a pilot programme."""
    if words[0] in _PAPER_TIMES or _STAFF_AFTER.match(text, span.end):
        return True
    if words[-1] == "Pilot" and len(words) < 3:
        return True
    return _TOLD_BEFORE.search(text, max(0, span.start - 24), span.start) is not None


_FIELD_HEADS = frozenset({"Strategy", "Policy"})
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Tt]his|[Tt]hat|[Ii]n|[Oo]f|[Uu]nder|[Bb]y|[Ww]ith)|['’]s)"
    r"[ \t]+$"
)


def _field_of_work(text: str, span: Span, words: list[str]) -> bool:
    """ "Product Strategy" in a list of skills, "Content Strategy" as a session's title: a two-word name of a
    field (strategy, policy) with no article, possessive or preposition before it names a line of work, not an
    instrument ("the Example Strategy", "its Data Policy", "under Example Policy" stay policies)."""
    if len(words) != 2 or words[-1] not in _FIELD_HEADS:
        return False
    return _DETERMINER_BEFORE.search(text, max(0, span.start - 12), span.start) is None


def owner_before(text: str, position: int) -> str | None:
    """ "the agency's Digital Analytics Program": the named owner just before a policy name."""
    match = _OWNER_BEFORE.search(text, max(0, position - 80), position)
    if match is None:
        return None
    words = match.group("owner").split()
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]
    return " ".join(words) or None


def by_after(text: str, position: int) -> str | None:
    """ "..., signed into law by X", "issued by X" after the name in its sentence (within 80 characters)."""
    stop = text.find(". ", position, position + 80)
    match = _BY_AFTER.search(text, position, position + 80 if stop < 0 else stop)
    return match.group("actor") if match else None


def cited_issuer(text: str, position: int) -> str | None:
    """ "M-15-14: Title, Office of Example, June 10, 2015": a citation names who issued it after the title."""
    match = _CITED_ISSUER.match(text, position)
    if match is None:
        return None
    words = match.group("org").split()
    # the issuer is an office, an agency or a body: a name with an institution's head word
    heads = set(_ORG_OF) | {"Service", "Services", "Foundation", "Consortium", "Council", "Ministry"}
    return match.group("org").strip() if len(words) >= 2 and heads & set(words) else None


def numbered_policies(text: str, start: int = 0, end: int | None = None) -> list[PolicyMention]:
    """Sections of laws ("Section 508") and numbered memoranda ("M-16-21: Title")."""
    end = len(text) if end is None else end
    out: list[PolicyMention] = []
    memos: list[PolicyMention] = []
    for m in _SECTION.finditer(text, start, end):
        if m.group("law") is None and len(m.group("number").rstrip("abcdefgh")) < 3:
            continue  # "Section 2" of a report is not a law
        out.append(PolicyMention(f"Section {m.group('number')}", PolicyType.LAW, m.start(), m.end(), "policy.section"))
        if m.group("law") and len(m.group("law").split()) >= 2:  # "... of the Example Act": that act, too
            law = " ".join(m.group("law").split())
            out.append(PolicyMention(law, PolicyType.LAW, m.start("law"), m.end("law"), "policy.section"))
    for m in _NUMBERED_LAW.finditer(text, start, end):
        number = m.group("number").rstrip(".,")
        if m.group("no") is None and not re.search(r"\d[-.,/]\d", number):
            continue
        kind = PolicyType.LAW if m.group("kind").split()[-1] in {"Law", "Bill"} else PolicyType.REGULATION
        name = f"{' '.join(m.group('kind').split())} {'No. ' if m.group('no') else ''}{number}"
        out.append(PolicyMention(name, kind, m.start(), m.start("number") + len(number), "policy.section"))
    for m in _EU_ACT.finditer(text, start, end) if "(E" in text else ():
        name = f"{m.group('kind')} ({m.group('by')}) {m.group('number')}"
        out.append(PolicyMention(name, PolicyType.REGULATION, m.start(), m.end(), "policy.section",
                                 adopter="European Union"))
    for m in _PLATFORM.finditer(text, start, end) if ".gov" in text or ".mil" in text else ():
        name = m.group("name") or m.group("name2") or m.group("name3") or m.group("name4")
        begin = m.start("name3") if m.group("name3") else m.start("name4") if m.group("name4") else m.start()  # "GSA’s X.gov": the site, not the owner
        out.append(PolicyMention(name, PolicyType.PROGRAMME, begin, m.end(), "policy.platform"))
    for m in _MEMO.finditer(text, start, end):
        context = text[max(0, m.start() - 150) : m.end() + 150]
        issuer = _ISSUER_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if not (m.group("title") or issuer or _MEMO_CUE.search(context)):
            continue
        title = _trim_title(m.group("title") or "")
        name = f"{m.group('id')}: {title}" if len(title.split()) >= 2 else m.group("id")
        comma = text.find(",", m.start("title"), m.end() + 1) if m.group("title") else -1
        runner = by_after(text, m.end()) or cited_issuer(text, comma if comma >= 0 else m.end())
        runner = runner or (issuer.group("acr") if issuer else None)
        memos.append(PolicyMention(name, PolicyType.OTHER, m.start(), m.end(), "policy.memo", runner=runner))
    # "M-23-22" alone elsewhere is the memo its titled mention names
    titled = {m.name.split(": ")[0]: m.name for m in memos if ": " in m.name}
    if not memos and ("memo" in text or "directive" in text or "circular" in text):
        out += _issuer_memos(text, start, end)
    return out + [replace(m, name=titled.get(m.name, m.name)) for m in memos]


def _issuer_memos(text: str, start: int, end: int) -> list[PolicyMention]:
    """ "The Office of Example Policy (OEP) released a memorandum ... an OEP memorandum that establishes ...": a
    text without numbered memoranda names its memo by its issuer's initials, which the text defines."""
    out: list[PolicyMention] = []
    for m in _INITIALS_MEMO.finditer(text, start, end):
        acronym = m.group("acr")
        if f"({acronym})" in text:
            name = f"{acronym} {m.group('noun').lower()}"
            out.append(PolicyMention(name, PolicyType.OTHER, m.start("acr"), m.end(), "policy.memo", runner=acronym))
    return out


def _trim_title(title: str) -> str:
    """A memo's title ends before a lower-case clause or a list: "Title and M-24-08, ..." keeps "Title"."""
    words = title.replace(",", " ,").split()
    kept: list[str] = []
    for word in words:
        if word == "," or (word[:1].islower() and word not in {"of", "for", "and", "the", "to", "on", "in", "a", "an",
                                                                "by", "with"}):
            break
        kept.append(word)
    while kept and kept[-1] in {"of", "for", "and", "the", "to", "on", "in", "a", "an", "by", "with"}:
        kept.pop()
    return " ".join(kept)


# --- who adopts or runs a policy the text has already named (any of its forms) ---------------------------
# One actor's name in a list: capitalised words, joined by "of", "for", "on", "the" ("Office of the Example
# Officer"); a list joins names by commas and "and", and a name joined by "and" ("Office of Management and
# Budget") is put back together when the joined form is a known actor.
_LIST_NAME = (
    r"(?:the[ \t]+)?[A-Z0-9][\w.&’'-]*(?:[ \t]+(?:(?:of|for|on|the)[ \t]+){0,2}[A-Z][\w.&’'-]*){0,7}"
    # "the German government", "the Danish parliament" are Germany's, Denmark's
    r"(?:[ \t]+(?:government|administration|parliament|cabinet|legislature)\b)?"
)
# the lookahead lets re refuse most positions in one test (a list opens with "the" or a capital)
_ACTOR_LIST = rf"(?=[tA-Z0-9])(?<![\w’'-])(?P<list>{_LIST_NAME}(?:(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+){_LIST_NAME}){{0,5}})"
_LIST_SPLIT = re.compile(r",[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+")
# participles whose agent adopts the policy (makes it exist) or runs it (keeps it going, pays for it)
_ADOPTING = ("signed into law", "adopted", "enacted", "issued", "introduced", "launched", "created", "established",
             "published", "released", "drafted", "unveiled", "set up", "founded", "signed", "passed", "proposed",
             "approved", "finalized", "finalised", "written", "authored", "mandated")
_RUNNING = ("run", "managed", "administered", "operated", "overseen", "funded", "financed", "led", "maintained",
            "sponsored", "developed", "co-developed", "coordinated", "implemented", "enforced", "backed")
_PARTICIPLE = "|".join(sorted((*_ADOPTING, *_RUNNING), key=len, reverse=True)).replace(" ", r"[ \t]+")
_JOINTLY = r"(?:(?:jointly|together|in[ \t]+partnership|in[ \t]+collaboration|in[ \t]+part)[ \t]+)?"
# "P, run by X and Y", "P is ..., developed in partnership by X and Y", "P was signed into law by X": the
# participle follows a comma or an auxiliary, so "a scheme for companies run by the state" names no runner
# "was set up in 2020 by X", "was approved last year by X": a short time phrase between the participle and "by"
_WHEN = r"(?:(?:in|on|last|this|earlier|during)(?:[ \t]+(?:[A-Z][a-z]+|[a-z]+|(?:19|20)\d\d)){1,2}?[ \t]+)?"
_PASSIVE_BY = re.compile(
    rf"(?:,[ \t]*|\b(?:is|was|were|are|been|be|being)[ \t]+)(?:[a-z]+ly[ \t]+)?(?P<verb>{_PARTICIPLE})[ \t]+"
    rf"{_WHEN}{_JOINTLY}by[ \t]+{_ACTOR_LIST}"
)
# a clause between the policy and the participle is about something else ("P, which affects firms, led by X")
_OTHER_CLAUSE = re.compile(r"\b(?:which|who|whom|whose|that|while|but|after|before|when|because|although)\b|;")
# "Developed by X and Y, it is ...", "Run by X, the P ...": the agent first, the policy (or "it") after
_PARTICIPLE_FIRST = re.compile(
    rf"(?P<verb>(?i:{_PARTICIPLE}))[ \t]+{_WHEN}{_JOINTLY}by[ \t]+{_ACTOR_LIST},[ \t]+(?P<subject>\w+)"
)
# "It was run by X": the policy of the sentence before
_IT_BY = re.compile(
    rf"(?:It|This)[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been)[ \t]+(?:[a-z]+ly[ \t]+)?(?P<verb>{_PARTICIPLE})[ \t]+"
    rf"{_JOINTLY}by[ \t]+{_ACTOR_LIST}"
)
_ACTIVE_ADOPT = ("adopted", "adopts", "launched", "launches", "issued", "issues", "signed", "signs", "published",
                 "publishes", "created", "creates", "introduced", "introduces", "enacted", "unveiled", "unveils",
                 "established", "set up", "passed", "announced the launch of", "announced", "announces", "released",
                 "releases", "proposed", "proposes", "approved", "approves", "finalized", "finalised", "rolled out",
                 "drafted", "wrote", "authored", "establishes", "launching", "introducing", "rolling out", "unveiling",
                 "piloting", "adopt", "launch", "create", "establish", "introduce", "issue", "publish", "draft",
                 "mandated", "mandates", "mandate", "passes", "enacts", "enact", "pass")
_ACTIVE_RUN = ("runs", "ran", "manages", "managed", "administers", "administered", "funds", "funded", "operates",
               "operated", "oversees", "oversaw", "leads", "maintains", "sponsors", "finances", "financed", "developed",
               "develops", "implement", "implements", "implementing", "implemented", "run", "manage", "administer",
               "operate", "oversee", "maintain", "enforces", "enforced", "enforce", "enforcing", "running",
               "managing", "administering", "operating", "overseeing", "funding", "financing", "maintaining",
               "sponsoring", "responsible for", "in charge of")
_ACTIVE = "|".join(sorted((*_ACTIVE_ADOPT, *_ACTIVE_RUN), key=len, reverse=True)).replace(" ", r"[ \t]+")
# "X and Y launched the P", "GSA runs the P": the verb and a determiner right before the policy's name
_ACTIVE_BEFORE = re.compile(
    rf"(?P<verb>{_ACTIVE})[ \t]+"
    # "announced a new fund, the P": the kind of the policy, then its name in apposition
    r"(?:(?:an?|its|their)[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:fund|programme|program|strategy|policy|initiative|law|plan|"
    r"scheme|framework|regulation|charter|act)[ \t]*,[ \t]+)?"
    r"(?:(?:the|its|their|a|an)[ \t]+)?(?:(?:new|first|own|national|federal|draft|proposed|"
    r"final|revised|updated)[ \t]+){0,2}$"
)
# "X voted to adopt", "X plans to launch", "X became the first country to adopt": an intention or a first
_INTENT = (
    r"(?:(?:votes?|voted|plans?|planned|decided|decides|agreed|agrees|intends?|intended|moved|moves|aims?|aimed|"
    r"committed|commits|pledged|pledges|"
    r"began|begun|started|starts|continues|continued|is[ \t]+set|are[ \t]+set|was[ \t]+set|were[ \t]+set|"
    r"(?:is|was|became|becomes|has[ \t]+become)[ \t]+the[ \t]+first[ \t]+(?:[a-z]+[ \t]+)?(?:country|nation|state|"
    r"government|city|agency|organi[sz]ation|body))[ \t]+to[ \t]+)?"
)
_SUBJECT_BEFORE = re.compile(
    rf"{_ACTOR_LIST}(?:[ \t]+\([A-Z][\w&.-]{{1,12}}\))?"
    # "X, which launched the P": a relative clause's subject is the name before it
    r"(?:,?[ \t]+(?:which|that|who))?"
    r"[ \t]+(?:(?:has|have|had|is|are|was|were|will|been|also|jointly|now|"
    rf"recently|today|formally|officially)[ \t]+){{0,3}}{_INTENT}$"
)
# "X has been working with Y to (successfully) implement the P": both work on it
_WORKING_WITH = re.compile(
    rf"{_ACTOR_LIST}[ \t]+(?:(?:has|have|had)[ \t]+been[ \t]+|(?:is|are|was|were)[ \t]+)?(?:also[ \t]+)?"
    r"(?:working|worked|works|work|partnered|partnering|partners|collaborated|collaborating|collaborates|teamed[ \t]+up)"
    rf"[ \t]+with[ \t]+{_ACTOR_LIST.replace('(?P<list>', '(?P<with>')}[ \t]+to[ \t]+(?:[a-z]+ly[ \t]+)?$"
)
# "the P from GSA": a policy named with where it comes from
_FROM = re.compile(rf"[ \t]+from[ \t]+(?P<list>{_LIST_NAME})")
# "the U.S. government’s P": a national government's policy is its country's
_NATION_BEFORE = re.compile(
    r"\b[Tt]he[ \t]+(?P<nation>[A-Z][\w.]+(?:[ \t][A-Z][\w.]+)?)[ \t]+(?:government|administration)['’]s[ \t]+"
    r"(?:(?:new|national|federal|own)[ \t]+)?$"
)
_NATIONAL = re.compile(
    r"(?:[Tt]he[ \t]+)?(?P<nation>[A-Z][\w.]+(?:[ \t][A-Z][\w.]+)?)[ \t]+"
    r"(?:government|administration|parliament|cabinet|legislature)"
)
# "P implementation lead, Jane Roe, at the Example Agency": the one who leads a policy's work at an organisation
_LEAD_AT = re.compile(
    r"[ \t]+(?:(?:implementation|program|programme|project|policy)[ \t]+)?(?:lead|leader|manager|director|"
    r"coordinator|team|office)(?:,[ \t]+[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3},)?[ \t]+(?:at|of)[ \t]+"
    rf"(?P<list>{_LIST_NAME})"
)
# "P, an initiative of X", "P is a programme run jointly by X": what the policy is, and whose
_KIND_OF = re.compile(
    r",?[ \t]+(?:(?:is|was|has[ \t]+been)[ \t]+)?(?:an?|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:initiative|programme|program|"
    rf"project|scheme|effort|fund|service|unit|pilot|partnership|collaboration)[ \t]+(?:(?:{_PARTICIPLE})[ \t]+{_JOINTLY})?"
    r"(?:of|by|from|within|under|between)[ \t]+"
    rf"(?P<list>{_LIST_NAME}(?:(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+){_LIST_NAME}){{0,3}})"
)
# "P, an XQA initiative": the owner's name before the kind word
_OWNERS_KIND = re.compile(
    rf",[ \t]+(?:an?|the)[ \t]+(?P<list>{_LIST_NAME})[ \t]+(?:initiative|programme|program|project|scheme|effort|policy|"
    r"strategy|fund|regulation|directive|guidance|memorandum|plan)\b"
)
# "XQA’s new P": a possessive before the policy, a few adjectives apart
_POSSESSOR_BEFORE = re.compile(
    rf"(?<![\w’'-])(?P<list>{_LIST_NAME})['’]s[ \t]+(?:(?:new|national|federal|own|first|flagship|latest|proposed|"
    r"planned|upcoming|draft|revised|updated)[ \t]+){1,2}$"
)
# "UNEP said its new P will ...", "The Example Fund announced that its P": the speaker's own policy
_SAID_ITS = re.compile(
    rf"{_ACTOR_LIST}(?:[ \t]*\([A-Z][\w&.-]{{1,12}}\))?[ \t]+(?:(?:has|have|also)[ \t]+)?(?:said|says|announced|"
    r"announces|stated|confirmed|explained|noted|added)(?:[ \t]+(?:on|last|this)[ \t]+\w+)?,?[ \t]+(?:that[ \t]+)?"
    r"(?:its|their)[ \t]+(?:(?:new|national|own|first|flagship|latest|updated|revised|draft)[ \t]+){0,2}$"
)
# "the French and German governments' P": a possessive two or more governments share, each an adopter
_NATION_WORD = r"[A-Z][\w.]+(?:[ \t][A-Z][\w.]+)?"
_SHARED_NATIONS = re.compile(
    rf"\b[Tt]he[ \t]+(?P<nations>{_NATION_WORD}(?:,[ \t]+{_NATION_WORD})*,?[ \t]+and[ \t]+{_NATION_WORD})[ \t]+"
    r"(?:governments|administrations)['’][ \t]+(?:(?:new|joint|national|federal|common|shared|own|first|draft|"
    r"revised|updated)[ \t]+){0,2}$"
)
# "Kenya and Ghana's joint P", "XQA and the Example Office's P": one possessive after a list of owners
_SHARED_POSSESSOR = re.compile(
    rf"(?=[tA-Z0-9])(?<![\w’'-])(?P<list>{_LIST_NAME}(?:,[ \t]+{_LIST_NAME}){{0,4}},?[ \t]+and[ \t]+{_LIST_NAME})['’]s[ \t]+"
    r"(?:(?:new|joint|national|federal|common|shared|own|first|flagship|latest|proposed|planned|draft|revised|"
    r"updated)[ \t]+){0,2}$"
)
# "Under the P, the Example Ministry will publish ...": the public body the sentence goes on with applies it
# (a firm or a person there is someone the policy binds, not its owner)
_UNDER_BEFORE = re.compile(r"(?:^|[.!?\n][ \t]*|\b)[Uu]nder[ \t]+(?:the[ \t]+)?(?:(?:new|national|federal)[ \t]+)?$")
_UNDER_THEN_SUBJECT = re.compile(
    rf",[ \t]+{_ACTOR_LIST}[ \t]+(?:will|shall|must|would|is[ \t]+to|are[ \t]+to|has|have|had|is|are|was|were|"
    r"[a-z]+s|[a-z]+ed)\b"
)


def _public_body(name: str) -> bool:
    """A country or a government body by its name's words ("Ministry of X", "Example Agency")."""
    return name in lexicon.countries() or any(cue in name for cue in lexicon.GOVERNMENT_CUES)


# "Through its P, XQA ...": the subject after the policy owns it
_ITS_THEN_SUBJECT = re.compile(rf",[ \t]+{_ACTOR_LIST}[ \t]+[a-z]")
_THROUGH_ITS = re.compile(r"\b(?:[Tt]hrough|[Uu]nder|[Ww]ith|[Vv]ia)[ \t]+(?:its|their)[ \t]+(?:[a-z-]+[ \t]+){0,2}$")
_OWNER_PARTICIPLES = r"(?:funded|run|led|managed|sponsored|financed|backed|administered|issued|developed|mandated)"
# "the EU-funded P", "a GSA-run P": the owner joined to the participle
_HYPHEN_OWNER = re.compile(
    rf"(?<![\w’'-])(?P<list>[A-Z][\w.&]*(?:[ \t][A-Z][\w.&]*){{0,3}})-(?P<verb>{_OWNER_PARTICIPLES})"
    r"[ \t]+(?:[a-z]+[ \t]+){0,2}$"
)
# the same words joined to a capitalised name are no part of it
_HYPHEN_PREFIX = re.compile(rf"[A-Z][\w.&]*-{_OWNER_PARTICIPLES}[ \t]+(?=[A-Z])")
# "the Example Data Program (XQA)": the owner in brackets after the name (not the name's own acronym)
# (or with the year it came out, as a citation gives it: "the Example Data Policy (XQA, 2016)")
_OWNER_IN_BRACKETS = re.compile(r"[ \t]*\((?P<list>[A-Z][\w&.-]{1,12})(?:,[ \t]*(?:19|20)\d\d)?\)")
# "our upcoming P": the organisations the sentence opens with speak of their own policy
_OUR = re.compile(r"\b[Oo]ur[ \t]+(?:[a-z-]+[ \t]+){0,3}$")
# "an EXA memorandum that establishes Example Labs": the issuer of the instrument that creates the policy
_ISSUED_TO_CREATE = re.compile(
    rf"(?<![\w’'-])(?P<list>{_LIST_NAME})['’]?s?[ \t]+(?:memorandum|memo|directive|order|circular|guidance|decree)[ \t]+"
    r"(?:that|which)[ \t]+(?:(?:also|formally|officially)[ \t]+)?(?P<verb>establishes|established|creates|created|"
    r"launches|launched|sets[ \t]+up|set[ \t]+up)[ \t]+(?:(?:the|a|an|new)[ \t]+){0,2}$"
)
# "- The Example Playbook: In 2014, XQA worked with agencies to create a guide ...": a list item or heading
# names the policy, and the sentence after its colon says who made it
_HEADING_OPEN = re.compile(r"(?:^|\n)[ \t]*(?:[-*•#]+[ \t]*|\d{1,2}[.)][ \t]*)?(?:\*\*)?(?:[Tt]he[ \t]+)?$")
_COLON_MAKER = re.compile(
    rf"(?:\*\*)?:(?:\*\*)?[ \t]+(?:(?:In|Since|By)[ \t]+(?:[A-Z][a-z]+[ \t]+)?(?:19|20)\d\d,[ \t]+)?{_ACTOR_LIST}[ \t]+"
    r"(?=[a-z])[^.\n]{0,100}?\b(?:to[ \t]+)?(?P<verb>create|created|creates|develop|developed|develops|build|built|"
    r"builds|launch|launched|launches|write|wrote|writes|publish|published|publishes|design|designed|designs)\b"
)
_SENTENCE_SUBJECT = re.compile(rf"{_ACTOR_LIST}(?:[ \t]*\([^()]{{1,20}}\))?[ \t]+[a-z]")
_AUXILIARIES = (
    r"(?:(?:has|have|had|is|are|was|were|will|would|been|also|jointly|now|recently|today|formally|officially)[ \t]+)"
    rf"{{0,3}}{_INTENT}"
)
# "The Example Agency said that it had adopted the P", "It launched the P": a pronoun subject is the body the
# sentence (or the one before) opens with
_PRONOUN_BEFORE = re.compile(rf"\b(?P<pronoun>it|they|It|They)[ \t]+{_AUXILIARIES}$")
# "Example Lab has introduced new ways of buying through its P": the sentence's subject runs it
_BY_ITS = re.compile(
    r"\b(?:through|via|under|with|using|in|from)[ \t]+(?:its|their)[ \t]+(?:(?:new|own|national|federal|first|"
    r"flagship|latest)[ \t]+)?$"
)
# "X joined the P", "X ratified the P": verbs by which states and bodies (never people) take on a policy
_JOINING = re.compile(
    r"(?P<verb>joined|joins|join|joining|ratified|ratifies|ratify|endorsed|endorses|endorse|signed[ \t]+up[ \t]+to|"
    r"acceded[ \t]+to|accedes[ \t]+to)[ \t]+(?:(?:the|a|an)[ \t]+)?$"
)
# "This effort is what we call P": the speaker names its own programme
_WE_CALL = re.compile(r"\b(?:what|which|that)[ \t]+we[ \t]+(?:now[ \t]+)?call[ \t]+(?:the[ \t]+)?$")
# "we launched the P": the writing organisation
_WE_BEFORE = re.compile(rf"\b[Ww]e[ \t]+{_AUXILIARIES}$")
# "The Example Parliament passed it in 2019": the policy of the sentence before, as the object of an active verb
_SUBJECT_VERB_IT = re.compile(rf"{_ACTOR_LIST}[ \t]+{_AUXILIARIES}(?P<verb>{_ACTIVE})[ \t]+it\b")
# "the ministry's P": a body named before by a common noun of its own name ("the Ministry of Example Affairs")
_COMMON_NOUNS = (
    r"(?P<noun>ministry|department|agency|commission|council|authority|bureau|parliament|office|foundation|institute|"
    r"government|trust|association|alliance|consortium|federation|secretariat)"
    # "the agency board", "the foundation's board": the body acts through its governing organ
    r"(?:[ \t]+(?:board|executive|leadership|management|secretariat))?"
)
# "The ministry launched the P": a body named before, as the subject
_COMMON_SUBJECT = re.compile(rf"\b[Tt]he[ \t]+{_COMMON_NOUNS}(?:,?[ \t]+(?:which|that))?[ \t]+{_AUXILIARIES}$")
_COMMON_OWNER_BEFORE = re.compile(
    rf"\b[Tt]he[ \t]+{_COMMON_NOUNS}['’]s[ \t]+"
    r"(?:(?:new|national|federal|own|first|flagship|latest|proposed|planned|draft|"
    r"revised|updated)[ \t]+){0,2}$"
)
# "P, which the Example Agency published in 2023, ...": a relative clause whose subject adopts or runs it
_WHICH_SUBJECT = re.compile(
    rf",?[ \t]+(?:which|that)[ \t]+{_ACTOR_LIST}[ \t]+{_AUXILIARIES}(?P<verb>{_ACTIVE})\b(?![ \t]+(?:the|an?|its|their)\b)"
)
# "the Example Development Agency (EDA) Open Source Policy": the body named with its initials before the name
_DEFINED_OWNER_BEFORE = re.compile(rf"(?<![\w’'-])(?P<list>{_LIST_NAME})[ \t]+\((?P<acr>[A-Z][\w&.-]{{1,12}})\)[ \t]+$")
# "P, the Example Agency's flagship programme": an apposition whose possessive owns the policy
_APPOSED_POSSESSIVE = re.compile(
    rf",[ \t]+(?:(?:an?|the)[ \t]+)?(?P<list>{_LIST_NAME})['’]s[ \t]+(?:[a-z-]+[ \t]+){{0,2}}?(?:initiative|programme|"
    r"program|project|scheme|effort|strategy|policy|plan|law|fund|framework|regulation|act)\b"
)
# "**Example Office**: ... our P": a paragraph opened by its speaker's name (an interview, a panel's answers)
_SPEAKER_LABEL = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?P<name>[A-Z][^:\n*“”\"]{1,80}?)(?:\*\*)?:(?:\*\*)?[ \t]"
)


# "the fund", "the law": a policy named before, by its kind
_DEFINITE = re.compile(
    r"\b[Tt]he[ \t]+(?:new[ \t]+)?(?P<noun>fund|programme|program|act|law|policy|strategy|plan|initiative|scheme|"
    r"framework|agreement|charter|regulation|directive|marketplace|platform|site)\b(?![ \t]+[A-Z])"
)
_SAME_KIND = {"law": {"act", "law"}, "act": {"act"}, "program": {"program", "programme"},
              "programme": {"program", "programme"}, "platform": {"site"}, "site": {"site"}}


@dataclass(frozen=True, slots=True)
class _Mention:
    """A mention of a policy form: by one of its names, or by a definite kind noun ("the fund")."""

    start: int
    end: int
    form: str


@dataclass(frozen=True, slots=True)
class OwnerCue:
    """An actor (its canonical name) the text shows adopting or running the policy named by `form`."""

    form: str
    actor: str
    bucket: str  # "adopters" or "runners"
    start: int
    end: int
    rule: str


def list_actors(listed: str, known: Callable[[str], str | None]) -> list[str]:
    """The known actors of "X, Y and the Office of A and B": pieces joined by commas and "and", put back
    together where the joined form is one known name; "GSA’s Example Fellows" is the fellows (else GSA)."""
    # the sentence's full stop is no part of the last name ("run by XQA."), an initialism's is ("U.S.")
    listed = listed[:-1] if listed.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", listed) else listed
    pieces = [p for p in _LIST_SPLIT.split(listed) if p]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        # a joined form counts when its last piece names no one alone ("Budget"), not "X and the Example Office"
        j = next(
            (j for j in range(len(pieces), i + 1, -1) if not known(pieces[j - 1]) and known(" and ".join(pieces[i:j]))),
            i + 1,
        )
        piece = " and ".join(pieces[i:j])
        i = j
        owner, mark, head = piece.replace("'s ", "’s ").partition("’s ")
        found = (known(head) or known(owner)) if mark else known(piece) or _national(piece, known)
        if found and found not in out:
            out.append(found)
    return out


def _national(piece: str, known: Callable[[str], str | None]) -> str | None:
    """ "the German government", "the U.S. administration": the country (when the text names it as an actor)."""
    match = _NATIONAL.fullmatch(piece)
    country = _jurisdiction(match.group("nation")) if match else None
    return known(country) if country and country != "European Union" else None


def owner_cues(
    text: str,
    forms: Iterable[str],
    known: Callable[[str], str | None],
    spans: list[Span] | None = None,
    *,
    bodies: Callable[[str], str | None] | None = None,
    we: str | None = None,
) -> list[OwnerCue]:
    """Who adopts or runs each policy form, from the sentences around its mentions: a passive agent ("P, run
    by X"), an agent before ("Developed by X, it ..."; "It was signed into law by X"), an active subject ("X and
    Y launched P", "GSA runs P"), a source ("P from X") and "our P" in a sentence its organisations open.
    `forms`: the policy forms, or a mapping of each form to its policy; `spans`: the text's sentences, when the
    caller has split it already. With `bodies` (the canonical name of an organisation, government body or
    country, never a person) a pronoun subject ("it launched P") is the body its sentence or the one before
    opens with, and "the ministry's P" the one ministry the text names; `we` is the organisation the text
    speaks for (its publisher), which runs "our P" and adopts what "we launched"."""
    same = {str(f): str(p) for f, p in forms.items()} if isinstance(forms, Mapping) else None
    forms = sorted({f for f in forms if len(f) > 2}, key=len, reverse=True)
    if not forms:
        return []
    # a name of three words or more, written in lower case ("our open example policy"), is that policy
    lowered = {f.lower(): f for f in forms if len(f.split()) >= 3 and f.lower() != f and f.lower() not in forms}
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted([*forms, *lowered], key=len, reverse=True)))
        + r")(?![\w-])(?![ \t]+[A-Z][a-z])"
    )
    out: list[OwnerCue] = []
    previous: list[_Mention] = []
    recent: list[list[_Mention]] = []  # the mentions of the last sentences, for "the fund" and "the law"
    voices = _Voices(bodies, we, {})
    opening = 0  # where the sentence before starts, for a pronoun opening this one
    for sentence in sentences(text) if spans is None else spans:
        named = [
            _Mention(m.start(), m.end(), lowered.get(m.group(0), m.group(0)))
            for m in pattern.finditer(text, sentence.start, sentence.end)
        ]
        mentions = sorted(named + _definite(text, sentence.start, sentence.end, [*recent[-2:], named], same),
                          key=lambda x: x.start)
        recent.append(named)
        for k, m in enumerate(mentions):
            stop = mentions[k + 1].start if k + 1 < len(mentions) else sentence.end
            out += _after(text, m, stop, known)
            out += _before(text, sentence.start, m, known, voices, opening)
        out += _agent_first(text, sentence.start, sentence.end, mentions, previous, known)
        if not mentions and voices.bodies is not None and len({p.form for p in previous}) == 1:
            out += _object_it(text, sentence.start, sentence.end, previous[0].form, voices.bodies)
        previous = mentions
        opening = sentence.start
    return out


@dataclass(frozen=True, slots=True)
class _Voices:
    """What resolves a policy's owner given by reference: `bodies` names organisations (never people), `we` is
    the organisation the text speaks for, `named` caches the one body each common noun names ("ministry")."""

    bodies: Callable[[str], str | None] | None
    we: str | None
    named: dict[str, str | None]


def _quoted(text: str, position: int) -> bool:
    """Whether `position` is inside a quotation opened in its paragraph."""
    opened = text.rfind("\n\n", 0, position)
    before = text[opened + 1 if opened >= 0 else 0 : position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _speaker(text: str, position: int, voices: _Voices) -> str | None:
    """Who "we" and "our" are at `position`: the body a line opens with as its speaker ("**Example Office**:
    ..."), else the organisation the text speaks for, else the body its paragraph opens with ("Example Lab has
    long worked in the open. Our policy ..."); no one inside a quotation, or in a line a person or anything
    else opens as its speaker."""
    if _quoted(text, position) or voices.bodies is None:
        return None
    label = _SPEAKER_LABEL.match(text, text.rfind("\n", 0, position) + 1)
    if label and label.end() <= position:
        return voices.bodies(label.group("name"))
    if voices.we:
        return voices.we
    opened = text.rfind("\n\n", 0, position)
    opening = _SENTENCE_SUBJECT.match(text, opened + 2 if opened >= 0 else 0)
    if opening is None or opening.end() > position:
        return None
    return next((b for b in map(voices.bodies, _LIST_SPLIT.split(opening.group("list"))) if b), None)


def _referent(text: str, start: int, pronoun: re.Match[str], opening: int, voices: _Voices) -> str | None:
    """The body a pronoun subject stands for: the sentence's opening subject when the pronoun is inside the
    sentence ("The Example Agency said it had ..."), else the opening subject of the sentence before."""
    if voices.bodies is None:
        return None
    at = start if text[start : pronoun.start()].strip() else opening
    subject = _SENTENCE_SUBJECT.match(text, at)
    if subject is None or (at == start and subject.end() > pronoun.start()):
        return None
    return next((b for b in map(voices.bodies, _LIST_SPLIT.split(subject.group("list"))) if b), None)


def _named_by_noun(text: str, noun: str, voices: _Voices) -> str | None:
    """ "the ministry": the one body the text names with that word in its name ("Ministry of Example Affairs")."""
    if noun not in voices.named and voices.bodies is not None:
        head = noun.capitalize()
        found = {voices.bodies(span.text) for span in name_spans(text) if head in span.text.split()}
        found.discard(None)
        voices.named[noun] = found.pop() if len(found) == 1 else None
    return voices.named.get(noun)


def _object_it(text: str, start: int, end: int, form: str, bodies: Callable[[str], str | None]) -> list[OwnerCue]:
    """ "The Example Parliament passed it in 2019": the one policy of the sentence before, as the object of an
    active verb whose subject opens this sentence (or follows its opening clause)."""
    for m in _SUBJECT_VERB_IT.finditer(text, start, end):
        if m.start() == start or text[m.start() - 2 : m.start()] == ", ":
            return _cues(form, m.group("list"), m.group("verb"), start, m.end(), bodies)
    return []


def _cues(form: str, listed: str, verb: str, start: int, end: int, known: Callable[[str], str | None],
          bucket: str | None = None) -> list[OwnerCue]:
    verb = " ".join(verb.lower().split())
    bucket = bucket or ("runners" if verb in _RUNNING or verb in _ACTIVE_RUN else "adopters")
    rule = "policy.runner" if bucket == "runners" else "policy.adopter"
    return [OwnerCue(form, actor, bucket, start, end, rule) for actor in list_actors(listed, known)]


def _cue(form: str, actor: str, verb: str, start: int, end: int) -> OwnerCue:
    """One actor, already canonical, who adopts or runs `form` as `verb` says."""
    verb = " ".join(verb.lower().split())
    bucket = "runners" if verb in _RUNNING or verb in _ACTIVE_RUN else "adopters"
    return OwnerCue(form, actor, bucket, start, end, "policy.runner" if bucket == "runners" else "policy.adopter")


def _after(text: str, m: _Mention, stop: int, known: Callable[[str], str | None]) -> list[OwnerCue]:
    out: list[OwnerCue] = []
    by = _PASSIVE_BY.search(text, m.end, stop)
    if by:
        gap = text[m.end : by.start()]
        if not _OTHER_CLAUSE.search(gap) or re.fullmatch(r",?[ \t]*(?:which|that)[ \t]*", gap):
            out += _cues(m.form, by.group("list"), by.group("verb"), m.start, by.end(), known)
    for kind in (_KIND_OF.match(text, m.end, stop), _OWNERS_KIND.match(text, m.end, stop),
                 _APPOSED_POSSESSIVE.match(text, m.end, stop)):
        if kind:
            out += _cues(m.form, kind.group("list"), "run", m.start, kind.end(), known, "runners")
    if text[m.start - 4 : m.start].lower() in {"its ", "eir "} and _THROUGH_ITS.search(
        text, max(0, m.start - 40), m.start
    ):
        subject = _ITS_THEN_SUBJECT.match(text, m.end, stop)
        if subject:
            out += _cues(m.form, subject.group("list"), "run", m.start, subject.end(), known, "runners")
    if _UNDER_BEFORE.search(text, max(0, m.start - 12), m.start):
        subject = _UNDER_THEN_SUBJECT.match(text, m.end, stop)
        if subject:
            public = [a for a in list_actors(subject.group("list"), known) if _public_body(a)]
            out += [_cue(m.form, actor, "run", m.start, subject.end()) for actor in public]
    which = _WHICH_SUBJECT.match(text, m.end, stop)
    if which:
        out += _cues(m.form, which.group("list"), which.group("verb"), m.start, which.end(), known)
    bracket = _OWNER_IN_BRACKETS.match(text, m.end, stop)
    if bracket and not _initials_of(bracket.group("list"), m.form):
        out += _cues(m.form, bracket.group("list"), "run", m.start, bracket.end(), known, "runners")
    maker = _COLON_MAKER.match(text, m.end) if _HEADING_OPEN.search(text, max(0, m.start - 12), m.start) else None
    if maker:
        out += _cues(m.form, maker.group("list"), "created", m.start, maker.end(), known)
    lead = _LEAD_AT.match(text, m.end, stop)
    if lead:
        out += _cues(m.form, lead.group("list"), "run", m.start, lead.end(), known, "runners")
    source = _FROM.match(text, m.end, stop)
    if source:
        out += _cues(m.form, source.group("list"), "run", m.start, source.end(), known, "runners")
    return out


def _before(
    text: str, start: int, m: _Mention, known: Callable[[str], str | None], voices: _Voices, opening: int
) -> list[OwnerCue]:
    window = max(start, m.start - 60)
    nation = _NATION_BEFORE.search(text, window, m.start)
    country = _jurisdiction(nation.group("nation")) if nation else None
    if nation and country and known(country):
        return [OwnerCue(m.form, known(country) or country, "adopters", nation.start(), m.end, "policy.adopter")]
    issued = _ISSUED_TO_CREATE.search(text, max(start, m.start - 90), m.start)
    if issued:
        return _cues(m.form, issued.group("list"), "established", issued.start(), m.end, known)
    hyphen = _HYPHEN_OWNER.search(text, window, m.start)
    if hyphen:
        return _cues(m.form, hyphen.group("list"), hyphen.group("verb"), hyphen.start(), m.end, known)
    said = _SAID_ITS.search(text, max(start, m.start - 160), m.start)
    if said:
        cues = _cues(m.form, said.group("list"), "run", said.start(), m.end, known, "runners")
        if cues:
            return cues
    shared = _SHARED_NATIONS.search(text, max(start, m.start - 120), m.start)
    if shared:
        countries = [_jurisdiction(n) for n in _LIST_SPLIT.split(shared.group("nations"))]
        found = [known(c) for c in countries if c and c != "European Union" and known(c)]
        return [OwnerCue(m.form, str(c), "adopters", shared.start(), m.end, "policy.adopter") for c in found]
    shared = _SHARED_POSSESSOR.search(text, max(start, m.start - 160), m.start)
    if shared:
        cues = _cues(m.form, shared.group("list"), "run", shared.start(), m.end, known, "runners")
        if len(cues) >= 2:
            return cues
    defined = _DEFINED_OWNER_BEFORE.search(text, max(start, m.start - 100), m.start)
    if defined and _initials_of(defined.group("acr"), defined.group("list")):
        cues = _cues(m.form, defined.group("list"), "run", defined.start(), m.end, known, "runners")
        if cues:
            return cues
    possessor = _POSSESSOR_BEFORE.search(text, window, m.start)
    if possessor:
        return _cues(m.form, possessor.group("list"), "run", possessor.start(), m.end, known, "runners")
    common = _COMMON_OWNER_BEFORE.search(text, window, m.start)
    owner = _named_by_noun(text, common.group("noun").lower(), voices) if common else None
    if common and owner:
        return [OwnerCue(m.form, owner, "runners", common.start(), m.end, "policy.runner")]
    verb = _ACTIVE_BEFORE.search(text, window, m.start)
    if verb:
        near = max(start, verb.start() - 40)
        we = _WE_BEFORE.search(text, near, verb.start())
        pronoun = None if we else _PRONOUN_BEFORE.search(text, near, verb.start())
        noun = None if we or pronoun else _COMMON_SUBJECT.search(text, near, verb.start())
        actor = _speaker(text, we.start(), voices) if we else (
            _referent(text, start, pronoun, opening, voices) if pronoun else (
                _named_by_noun(text, noun.group("noun").lower(), voices) if noun else None
            )
        )
        if actor:
            return [_cue(m.form, actor, verb.group("verb"), (we or pronoun or noun).start(), m.end)]
        if we or pronoun or noun:
            return []
        subject = _SUBJECT_BEFORE.search(text, max(start, verb.start() - 160), verb.start())
        if subject:
            return _cues(m.form, subject.group("list"), verb.group("verb"), subject.start(), m.end, known)
        partners = _WORKING_WITH.search(text, max(start, verb.start() - 200), verb.start())
        if partners:
            listed = f"{partners.group('list')}, {partners.group('with')}"
            return _cues(m.form, listed, verb.group("verb"), partners.start(), m.end, known)
    its = _BY_ITS.search(text, window, m.start) if voices.bodies else None
    if its:
        subject = _SENTENCE_SUBJECT.match(text, start)
        found = subject and subject.end() <= its.start() and next(
            (b for b in map(voices.bodies, _LIST_SPLIT.split(subject.group("list"))) if b), None
        )
        if found:
            return [OwnerCue(m.form, found, "runners", subject.start(), m.end, "policy.runner")]
    joining = _JOINING.search(text, window, m.start) if voices.bodies else None
    subject = _SUBJECT_BEFORE.search(text, max(start, joining.start() - 160), joining.start()) if joining else None
    if joining and subject and voices.bodies:
        return _cues(m.form, subject.group("list"), "adopted", subject.start(), m.end, voices.bodies)
    call = _WE_CALL.search(text, window, m.start)
    speaker = _speaker(text, call.start(), voices) if call else None
    if speaker:
        return [OwnerCue(m.form, speaker, "runners", call.start(), m.end, "policy.runner")]
    our = _OUR.search(text, window, m.start)
    if our is None or re.search(r"[\"“”]", text[start : m.start]):
        return []
    for subject in _SENTENCE_SUBJECT.finditer(text, start, our.start()):
        # the subject opens the sentence or follows its opening clause ("While ..., X and Y held ...")
        if subject.start() == start or text[subject.start() - 2 : subject.start()] == ", ":
            cues = _cues(m.form, subject.group("list"), "run", subject.start(), m.end, known, "runners")
            if cues:
                return cues
    speaker = _speaker(text, our.start(), voices)
    return [OwnerCue(m.form, speaker, "runners", our.start(), m.end, "policy.runner")] if speaker else []


def _agent_first(
    text: str,
    start: int,
    end: int,
    mentions: list[_Mention],
    previous: list[_Mention],
    known: Callable[[str], str | None],
) -> list[OwnerCue]:
    """ "Developed by X, it ...", "It was run by X": the agent of a policy this sentence or the one before names
    (only when the sentence before names one policy: "it" is then that policy)."""
    before = {p.form for p in previous}
    first = _PARTICIPLE_FIRST.match(text, start, end)
    if first:
        after = [m for m in mentions if m.start >= first.end("list")]
        if first.group("subject").lower() in {"it", "this"} and len(before) == 1:
            return _cues(before.pop(), first.group("list"), first.group("verb"), start, first.end(), known)
        if after and after[0].start - first.end("list") < 40:
            return _cues(after[0].form, first.group("list"), first.group("verb"), start, after[0].end, known)
        return []
    it = _IT_BY.match(text, start, end)
    if it and len(before) == 1:
        return _cues(before.pop(), it.group("list"), it.group("verb"), start, it.end(), known)
    return []


def _initials_of(acronym: str, name: str) -> bool:
    """Whether `acronym` spells the initials of `name` in order ("EDF" of "Example Data Fund")."""
    letters = iter(w[0].upper() for w in name.replace("-", " ").split())
    return all(c in letters for c in acronym.upper() if c.isalpha())


def _definite(
    text: str, start: int, end: int, recent: list[list[_Mention]], same: Mapping[str, str] | None = None
) -> list[_Mention]:
    """ "The fund was set up by X", "X signed the law": a definite kind noun is the one policy of that kind the
    sentence or the two before it name ("the law" after "the Example Act"), never a policy of another kind.
    `same` maps each form to its policy, so a name and its acronym ("the Example Act (EA)") are one policy."""
    out: list[_Mention] = []
    for m in _DEFINITE.finditer(text, start, end):
        noun = m.group("noun").lower()
        before = [x for group in recent for x in group if x.start < m.start()]
        forms = {x.form for x in before if _kind_noun(x.form) in _SAME_KIND.get(noun, {noun})}
        if len({(same or {}).get(f, f) for f in forms}) == 1:
            out.append(_Mention(m.start(), m.end(), max(forms, key=len)))
    return out


def _kind_noun(form: str) -> str:
    last = form.split()[-1].lower()
    return "site" if last.endswith(".gov") else last
