"""Claim extractors: statements attributed to a named actor.

Rules: `claim.reported` (SUBJECT [, apposition,] said/noted/argued ... CLAIM; and with the verb after
the statement: CLAIM, said SUBJECT / CLAIM, SUBJECT said / CLAIM," SUBJECT, ROLE, said: the speaker is
the phrase beside the verb, never an actor inside the claim), `claim.quote` ("QUOTE," said SUBJECT),
`claim.according` (according to SUBJECT, CLAIM), `claim.pronoun` (He/She noted ... -> the last person
named), `claim.continued` (later sentences of a speaker's paragraph in a
session report), `claim.summary` (a summary's Summary section -> the original publisher),
`claim.author` (a news article's own reporting -> its author).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ontology.records import ActorType, ClaimKind
from pipelines.extract.lexicon import reporting_verb_pattern
from pipelines.extract.text import Span

_VERB = re.compile(rf"\b{reporting_verb_pattern()}\b(?:\s+(?:that|how|on|the need for))?\s*[:,]?\s*", re.I)
_QUOTE_FIRST = re.compile(r"^[\"“](?P<quote>[^\"”]{15,})[,.]?[\"”]\s*,?\s*(?P<rest>.+)$", re.S)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<subj>[^,]{2,80}),\s*(?P<claim>.+)$", re.S)
_PRONOUN = re.compile(r"^(?:(?:However|Later|Then|Also|Finally|Instead|Here),?\s+)?(?P<pron>He|She|They)\b")
# bounded digit runs: an unbounded \d+ is rescanned from every digit of a long run that ends badly
_QUANT = re.compile(r"(?<!\d)\d{1,15}(?:[.,]\d{1,15})?[ \t]?(?:%|percent|per cent|million|billion|thousand)|\b\d{2,15}\b")
_RECOMMEND = re.compile(
    r"\b(?:call(?:ed|s)? (?:for|on)|urged?|should|must|need(?:s)? to|recommend\w*|call to action|ought to)\b",
    re.I,
)
_MIN_CLAIM_WORDS = 5

Mention = tuple[int, int, str, ActorType]  # start, end, canonical name, type
Resolver = Callable[[int, int], list[Mention]]  # actor mentions within [start, end)


@dataclass(frozen=True, slots=True)
class ClaimMention:
    text: str
    start: int
    end: int
    claimant: str
    rule: str
    kind: ClaimKind


def has_reporting_verb(text: str) -> bool:
    return _VERB.search(text) is not None


def claim_kind(text: str) -> ClaimKind:
    if _RECOMMEND.search(text):
        return ClaimKind.RECOMMENDATION
    if _QUANT.search(text):
        return ClaimKind.QUANTITATIVE
    return ClaimKind.EVALUATION


def _pick_subject(mentions: list[Mention]) -> Mention | None:
    """The subject among actor mentions before the verb: a person if one is named, else the first."""
    people = [m for m in mentions if m[3] is ActorType.PERSON]
    return people[0] if people else (mentions[0] if mentions else None)


_NEAR_WORDS = 5  # "Kenya's ICT ministry on Tuesday said", "the WTO has repeatedly said"


def _near_verb(sentence: Span, mentions: list[Mention], verb: re.Match[str]) -> list[Mention]:
    """Mentions that can be the verb's subject: a few words before it, or followed by an apposition
    ("Rita Gomez, Director of Policy at Open Commons Lab, presented"). In "It went on sale in the US in
    November and Nintendo says ...", the US is not the speaker."""
    near = []
    for m in mentions:
        gap = sentence.text[m[1] - sentence.start : verb.start()]
        if len(gap.split()) <= _NEAR_WORDS or gap.lstrip().startswith((",", "(")):
            near.append(m)
    return near


def make_claim(text: str, start: int, end: int, claimant: str, rule: str) -> ClaimMention | None:
    """A claim over text[start:end] with quotes and punctuation trimmed, if it is long enough to state something."""
    while start < end and text[start] in " ,:;\"“”'":
        start += 1
    while end > start and text[end - 1] in " \"“”'":
        end -= 1
    body = text[start:end]
    if len(body.split()) < _MIN_CLAIM_WORDS:
        return None
    return ClaimMention(body, start, end, claimant, rule, claim_kind(body))


_AFTER_CLAIM = re.compile(r"[,\"”]\s*$")  # the verb follows the statement: "CLAIM, said X." / "CLAIM," X said.
# a quotation closed by its punctuation ("... are concerned," Roy Asher, an analyst, said): its opening
# quote is often in an earlier paragraph
_QUOTE_CLOSE = re.compile(r"[,?!][\"”]\s+")
# what may follow a closing "SUBJECT said": nothing, or when and where ("on Tuesday", "in a statement");
# "Lord Fenwick said courts must change" is a statement after the verb, however short
_ADVERBIAL_TAIL = re.compile(
    r"^(?:(?:on|in|at|during|last|this|next|yesterday|today|tonight|earlier|later|recently|afterwards|"
    r"previously|too|also|again|separately|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"(?:\s+[^\s.!?\"”'’)]+(?:['’][^\s.!?\"”'’)]+)?){0,5})?[\s.!?\"”'’)]*$",
    re.I,
)
_SUBJECT_PRONOUN = re.compile(r"^\s*(?:(?P<person>he|she)|they)\b", re.I)
_SUBJECT_WORDS = 8  # a speaker phrase before a closing verb is short ("Finance Minister Paulo Reis has")
# after an inverted "said" only the speaker follows ("said Ana Costa, who leads the agency"); a longer
# tail is the statement itself ("Later, Jane Roe, Director, UNECE, talked about how open source ...")
_INVERTED_TAIL_WORDS = 12
_SUBJECT_REACH = 80  # characters after "said" where the speaker is named ("said Agency director Ana Costa")


def _closing_shape(s: str, verb: re.Match[str]) -> tuple[int, int, int] | None:
    """For a sentence whose reporting verb comes after the statement ("CLAIM," SUBJECT, ROLE, said.
    "CLAIM, said SUBJECT." "CLAIM, SUBJECT said."): where the claim ends and where the speaker phrase
    starts and ends."""
    before, after = s[: verb.start()], s[verb.end() :]
    quoted = _QUOTE_CLOSE.search(before)
    if (
        quoted
        and len(before[: quoted.start()].split()) >= _MIN_CLAIM_WORDS
        and verb.start() - quoted.end() <= _SUBJECT_REACH
    ):
        return quoted.start(), quoted.end(), min(len(s), verb.end() + _SUBJECT_REACH)
    closing = _AFTER_CLAIM.search(before)
    if closing and len(after.split()) <= _INVERTED_TAIL_WORDS:
        return closing.start(), verb.end(), min(len(s), verb.end() + _SUBJECT_REACH)
    comma = before.rfind(",")
    if comma < 0 or not _ADVERBIAL_TAIL.match(after) or len(before[comma + 1 :].split()) > _SUBJECT_WORDS:
        return None
    return comma, comma + 1, verb.start()


def _opens_with_apposition(sentence: Span, mentions: list[Mention]) -> bool:
    """ "Karen Bauer, Head of Open Source at Nordic Cloud, said ..." and "The US, however, views ...": the
    subject opens the sentence and a comma follows it, so the comma before the verb closes an
    apposition, not a statement."""
    if not mentions or mentions[0][0] - sentence.start > 4:  # "The US" still opens the sentence
        return False
    return sentence.text[mentions[0][1] - sentence.start :].lstrip().startswith(",")


def _closing_claim(
    text: str,
    sentence: Span,
    shape: tuple[int, int, int],
    mentions_in: Resolver,
    last_person: Callable[[int], str | None],
    last_actor: Callable[[int], str | None],
) -> ClaimMention | None:
    """The speaker is the phrase beside the verb, never an actor named inside the claim; a phrase that
    names no actor ("analysts have said", "said the report") gives no claim."""
    claim_end, subject_start, subject_end = shape
    pronoun = _SUBJECT_PRONOUN.match(sentence.text[subject_start:subject_end])
    if pronoun:
        claimant = last_person(sentence.start) if pronoun.group("person") else last_actor(sentence.start)
        rule = "claim.pronoun"
    else:
        subject = _pick_subject(mentions_in(sentence.start + subject_start, sentence.start + subject_end))
        claimant, rule = (subject[2] if subject else None), "claim.reported"
    if claimant is None:
        return None
    return make_claim(text, sentence.start, sentence.start + claim_end, claimant, rule)


def sentence_claims(
    text: str,
    sentence: Span,
    mentions_in: Resolver,
    last_person: Callable[[int], str | None],
    last_actor: Callable[[int], str | None],
) -> ClaimMention | None:
    """The claim a sentence attributes to an actor, if any."""
    s = sentence.text
    quote = _QUOTE_FIRST.match(s)
    if quote:
        rest_start = sentence.start + quote.start("rest")
        verb = _VERB.search(s, quote.start("rest"))
        if verb and verb.start() - quote.start("rest") < 60:
            found = mentions_in(rest_start, sentence.start + min(len(s), verb.end() + 60))
            subject = _pick_subject(found)
            if subject:
                return make_claim(
                    text,
                    sentence.start + quote.start("quote"),
                    sentence.start + quote.end("quote"),
                    subject[2],
                    "claim.quote",
                )
    according = _ACCORDING.search(s)
    if according:
        found = mentions_in(sentence.start + according.start("subj"), sentence.start + according.end("subj"))
        if found:
            return make_claim(
                text, sentence.start + according.start("claim"), sentence.end, found[0][2], "claim.according"
            )
    verb = _VERB.search(s)
    if verb is None or verb.start() > 250:
        return None
    prefix_mentions = mentions_in(sentence.start, sentence.start + verb.start())
    shape = _closing_shape(s, verb)
    if shape is not None and not _opens_with_apposition(sentence, prefix_mentions):
        return _closing_claim(text, sentence, shape, mentions_in, last_person, last_actor)
    pronoun = _PRONOUN.match(s)
    claimant: str | None = None
    rule = "claim.reported"
    near = _near_verb(sentence, prefix_mentions, verb)
    if near:
        subject = _pick_subject(near)
        claimant = subject[2] if subject else None
    elif pronoun:
        claimant = last_person(sentence.start) if pronoun.group("pron") != "They" else last_actor(sentence.start)
        rule = "claim.pronoun"
    elif late := re.search(r"\b(?:(?P<person>he|she)|they)\s*$", s[: verb.start()], re.I):
        # "But she said ...", "the folks from X led a session where they talked about ...": he and she
        # are people, they an organisation or group, named earlier in the sentence or before it
        position = sentence.start + verb.start()
        claimant = last_person(position) if late.group("person") else last_actor(position)
        rule = "claim.pronoun"
    if claimant is None:
        return None
    claim = make_claim(text, sentence.start + verb.end(), sentence.end, claimant, rule)
    if claim is None:  # "X presented on Y." : the whole sentence is the statement
        claim = make_claim(text, sentence.start, sentence.end, claimant, rule)
    return claim
