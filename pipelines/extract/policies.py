"""Policy extractors and the actors that adopt or run them.

Rules: `policy.cue` (a name ending in Act/Strategy/Fund/...), `policy.quoted` (an "open source first"
strategy), `policy.possessive` ("Sweden's procurement policy", "the government's 5 year plan"),
`policy.adopter` / `policy.runner` (who adopts or runs it, from possessives, verbs and "now under X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.records import PolicyType
from pipelines.extract import lexicon
from pipelines.extract.text import STOPWORDS, name_spans

_NOUNS = "|".join(lexicon.POLICY_NOUNS)
_QUOTED = re.compile(rf"[\"“](?P<q>[^\"”\n]{{3,60}})[\"”]\s+(?P<head>{_NOUNS})\b", re.I)
_POSSESSIVE = re.compile(
    rf"\b(?P<owner>[A-Z][\w]+(?:\s[A-Z][\w]+){{0,3}}|[Tt]he\s+(?:government|ministry|state|country|city|agency))"
    rf"['’]s\s+(?P<body>(?:[\w-]+\s){{0,4}}?(?P<head>{_NOUNS}))\b"
)
_ADOPT_VERB = re.compile(
    r"\b(?P<actor>[A-Z][\w]+(?:\s[A-Z][\w]+){0,5})\s+(?:has\s+|have\s+|had\s+)?(?:adopted|adopting|adopts|launched|"
    r"introduced|created|enacted|passed|approved|announced|published|unveiled|set up)\b"
)
_NOW_UNDER = re.compile(r"\(\s*now\s+(?:under|part of|run by|managed by)\s+(?:the\s+)?(?P<runner>[A-Z][^)]{2,80})\)")
_RUN_BY = re.compile(
    r"\b(?:run|managed|administered|operated)\s+by\s+(?:the\s+)?(?P<runner>[A-Z][\w]+(?:\s[A-Z][\w]+){0,5})"
)
_SPELLED_YEAR = re.compile(r"^(\d+)\s*-?\s*year\b", re.I)


@dataclass(frozen=True, slots=True)
class PolicyMention:
    name: str
    type: PolicyType
    start: int
    end: int
    rule: str
    adopter: str | None = None  # a surface form, resolved to an actor later
    runner: str | None = None


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
        kind = lexicon.POLICY_HEADS[words[-1]]
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
        if owner.lower().startswith("the "):
            name = body
            adopter = None
        else:
            if owner not in lexicon.countries() and owner.split()[-1] not in lexicon.countries():
                continue
            name = f"{owner}’s {body}"
            adopter = owner
        kind = policy_type(body) or PolicyType.OTHER
        out.append(PolicyMention(name, kind, m.start(), m.end(), "policy.possessive", adopter=adopter))
    return out


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
