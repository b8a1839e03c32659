"""Policy extractors and the actors that adopt or run them.

Rules: `policy.cue` (a name ending in Act/Strategy/Fund/...), `policy.quoted` (an "open source first"
strategy), `policy.possessive` ("Sweden's procurement policy", "the government's 5 year plan"),
`policy.acronym` (a known instrument named by acronym, "the CRA"), `policy.generic` ("legal frameworks",
kept only with a country or government in the sentence), `policy.initiative` ("an initiative to create X"),
`policy.adopter` / `policy.runner` (who adopts or runs it, from possessives, verbs and "now under X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.records import PolicyType
from pipelines.extract import lexicon
from pipelines.extract.text import STOPWORDS, name_spans

_NOUNS = "|".join(lexicon.POLICY_NOUNS)
# an opening quote cannot be inside the quoted words: a run of quotes is then not retried 60 characters long
_QUOTED = re.compile(rf"[\"“](?P<q>[^\"“”\n]{{3,60}})[\"”]\s+(?P<head>{_NOUNS})\b", re.I)
_POSSESSIVE = re.compile(
    rf"\b(?P<owner>[A-Z][\w]+(?:\s[A-Z][\w]+){{0,3}}|[Tt]he\s+(?:government|ministry|state|country|city|agency))"
    rf"['’]s\s+(?P<body>(?:[\w-]+\s){{0,4}}?(?P<head>{_NOUNS}))\b"
)
_ADOPT_VERB = re.compile(
    r"\b(?P<actor>[A-Z][\w]+(?:\s[A-Z][\w]+){0,5})\s+(?:has\s+|have\s+|had\s+)?(?:adopted|adopting|adopts|launched|"
    r"introduced|created|enacted|passed|approved|announced|published|unveiled|set up)\b"
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
_SPELLED_YEAR = re.compile(r"^(\d+)\s*-?\s*year\b", re.I)
_KNOWN_ACRONYM = re.compile(
    r"(?<![\w-])(?P<acr>" + "|".join(map(re.escape, lexicon.KNOWN_POLICY_ACRONYMS)) + r")(?![\w-])"
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
    for span in name_spans(text, start, end):
        name = span.text
        if name.endswith(("’s", "'s")):
            continue
        words = name.split()
        if len(words) < 2 or words[-1] not in lexicon.POLICY_HEADS or words[0].lower() in STOPWORDS:
            continue
        if words[0].lower() in lexicon.ROLE_WORDS:  # "Head of Developer Policy" is a job title
            continue
        if name in lexicon.IGO_NAMES:  # "International Monetary Fund" is an organisation, not a fund
            continue
        kind = lexicon.POLICY_HEADS[words[-1]]
        jurisdiction = _jurisdiction(words[0]) if len(words) >= 3 else None
        if jurisdiction == "European Union":  # "EU Cyber Resilience Act" is the Cyber Resilience Act, of the EU
            out.append(
                PolicyMention(" ".join(words[1:]), kind, span.start, span.end, "policy.cue", adopter=jurisdiction)
            )
            continue
        # a national name keeps its country ("German Digital Strategy" is not every digital strategy)
        runner = _NOW_UNDER.match(text, span.end + 1) if span.end + 1 < len(text) else None
        if runner is None:
            runner = _RUN_BY.match(text, span.end + 1) if span.end + 1 < len(text) else None
        out.append(
            PolicyMention(
                name,
                kind,
                span.start,
                span.end,
                "policy.cue",
                adopter=jurisdiction,
                runner=runner.group("runner").strip() if runner else None,
            )
        )
    for m in _QUOTED.finditer(text, start, end):
        head = m.group("head").lower()
        name = f"{m.group('q').strip()} {head}"
        out.append(PolicyMention(name, lexicon.POLICY_NOUNS[head], m.start(), m.end(), "policy.quoted"))
    for m in _POSSESSIVE.finditer(text, start, end):
        body = m.group("body").strip()
        if len(body.split()) < 2 or body.split()[0].lower() in {"own", "new", "first", "main", "only"}:
            continue
        owner = m.group("owner")
        kind = policy_type(body) or PolicyType.OTHER
        if owner.lower().startswith("the "):  # "the government's plan": whose, the sentence may say
            out.append(PolicyMention(body, kind, m.start(), m.end(), "policy.possessive", owner_in_sentence=True))
            continue
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
    for m in _KNOWN_ACRONYM.finditer(text, start, end):
        name, kind = lexicon.KNOWN_POLICY_ACRONYMS[m.group("acr")]
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
    # "procurement policy" inside "Sweden's OSS procurement policy" is that policy, not another one
    return [
        m for m in out if m.rule != "policy.generic" or not any(n.start <= m.start and m.end <= n.end for n in named)
    ]


def adopters_before(text: str, sentence_start: int, mention_start: int) -> str | None:
    """The actor that adopts/launches the policy, when a verb before it in the sentence says so."""
    match = None
    for m in _ADOPT_VERB.finditer(text, sentence_start, mention_start):
        match = m
    if match is None:
        return None
    actor = match.group("actor")
    return actor if actor.split()[0].lower() not in STOPWORDS else " ".join(actor.split()[1:]) or None


def aliases_of(name: str) -> tuple[str, ...]:
    """Numeric spellings of a plan's length ("5 year plan" / "five-year plan")."""
    numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    m = _SPELLED_YEAR.match(name)
    if m and int(m.group(1)) < len(numbers):
        return (f"{numbers[int(m.group(1))]}-year{name[m.end() :]}",)
    return ()
