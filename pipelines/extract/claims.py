"""Claim extractors: statements attributed to a named actor.

Rules: `claim.reported` (SUBJECT [, apposition,] said/noted/argued ... CLAIM; and with the verb after
the statement: CLAIM, said SUBJECT / CLAIM, SUBJECT said / CLAIM," SUBJECT, ROLE, said: the speaker is
the phrase beside the verb, never an actor inside the claim), `claim.quote` ("QUOTE," said SUBJECT),
`claim.according` (according to SUBJECT, CLAIM; CLAIM, according to SUBJECT), `claim.pronoun` (He/She
noted ... -> the nearest person of a compatible gender, see `pronoun_resolver`), `claim.continued` (later sentences of a speaker's paragraph in a
session report), `claim.summary` (a summary's Summary section -> the original publisher),
`claim.author` (a news article's own reporting -> its author).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from ontology.records import ActorType, ClaimKind
from pipelines.extract.actors import WE_AT, looks_like_person
from pipelines.extract.lexicon import ROLE_WORDS, reporting_verb_pattern
from pipelines.extract.text import STOPWORDS, Span, name_spans, paragraphs, sentences

# what may stand between a reporting verb and its clause: "said on Thursday that", "told the conference that",
# "told the radio station:", "announced in a statement that", "said on Friday" (bounded, so no rescanning);
# the claim starts after it
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"  # the patterns below are case-blind
_OBJECT_VERBS = ("told", "tell", "tells", "telling", "assured", "informed", "reminded", "advised", "briefed")
_AFTER_OBJECT_VERB = "(?:" + "|".join(f"(?<={verb})" for verb in _OBJECT_VERBS) + ")"
_FRAME = (
    r"(?:\s+(?:on|in|at|during|last|earlier|later|late|this|to)\b[^,.;:!?\"“”\n]{1,40}?\s+that\b"
    r"|" + _AFTER_OBJECT_VERB + r"\s+[^,.;:!?\"“”\n]{1,40}?(?:\s+that\b|(?=:))"
    # "told BBC News she was ...": the object, then a clause opened by its subject pronoun
    r"|" + _AFTER_OBJECT_VERB + r"(?:\s+[\w.’'-]{1,30}){1,6}?(?=\s+(?:he|she|they|it|we|i|there)\s)"
    # "told MPs the plan would ...", "told BBC News schools had ...", "told the court a man had ...": a named
    # listener (capitalised words) before a lower-case clause, or a one-word listener before a determiner
    r"|" + _AFTER_OBJECT_VERB + r"(?-i:\s+(?:the\s+)?[A-Z][\w.&-]{0,30}(?:\s+[A-Z][\w.&-]{0,30}){0,3}"
    r"(?=\s+[a-z“\"])(?!\s+(?:of|to|about|on|for|with|in|at|by|and|or)\s))"
    r"|" + _AFTER_OBJECT_VERB + r"(?-i:\s+(?:the\s+)?[a-z]{3,20}(?=\s+(?:the|a|an|his|her|its|their|this|these|"
    r"those|some|many|most|all|no)\s))"
    rf"|\s+(?:on\s+)?(?:{_WEEKDAYS}|yesterday|today|tonight"
    r"|last\s+(?:week|month|year|night))\b(?:\s+that\b)?"
    # "said a week later that", "announced two days earlier that": a span of time before the clause
    r"|\s+(?:a|an|one|two|three|four|several|some|a\s+few|\d{1,3})\s+(?:days?|weeks?|months?|years?|hours?)"
    r"\s+(?:later|earlier|ago|before|after)\b(?:\s+that\b)?"
    r"|\s+(?:that|how|on|the need for)\b)?"
)
_VERB = re.compile(rf"\b{reporting_verb_pattern()}\b{_FRAME}\s*[:,]?\s*", re.I)
_QUOTE_FIRST = re.compile(r"^[\"“](?P<quote>[^\"”]{15,})[,.]?[\"”]\s*,?\s*(?P<rest>.+)$", re.S)
# (a relative clause after the source, "according to Jo Lee, who leads the union, ...", is no statement)
_ACCORDING = re.compile(
    r"\b[Aa]ccording to (?P<subj>[^,]{2,80}),(?:[ \t]*(?:who|which)\b[^,.;:]{2,120},)?"
    r"(?![ \t]*(?:who|which|whose|whom)\b)\s*(?P<claim>.+)$",
    re.S,
)
# the source named at the end: "..., according to a statement from Example Org." (no comma after it)
_ACCORDING_AFTER = re.compile(
    r",?[ \t]+according[ \t]+to[ \t]+(?=[^,;:]{2,100}(?:,[ \t]+(?:who|which)\b[^;:]{2,150})?[.!]?[\"”’)]*$)"
)
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
# the person a pronoun ("he", "she"; "" when unknown) at a position refers to, if one can be told
PersonFinder = Callable[[int, str], str | None]


@dataclass(frozen=True, slots=True)
class ClaimMention:
    text: str
    start: int
    end: int
    claimant: str
    rule: str
    kind: ClaimKind


_PRONOUN_REACH = 1500  # characters: a "he" further from its person than this is not resolved


def has_reporting_verb(text: str) -> bool:
    return _find_verb(text) is not None


# verbs that also mean something else ("added four conversions", "claimed the award", "the juror notes"): they
# report speech only before a clause or a quotation
_AMBIGUOUS_VERB = re.compile(
    r"(?:added|claimed|notes|states|views|sees|estimates|highlights|acknowledges|say|suggests|declared|responded|"
    r"replied|remarked|reveals|confirms|announces|thinks)\b",
    re.I,
)
# "the event concluded with a panel": the verb's other sense, ending, takes a preposition (but "concluded in a
# report that" reports)
_ENDED = re.compile(
    r"conclude[ds][ \t]+(?:with|by|on|in|at|after|before|early|late)\b(?![^.;:!?]{0,60}\bthat\b)", re.I
)
_CLAUSE_NEXT = re.compile(
    r"(?:that|how|:|,|“|\"|he|she|it|they|we|i|you|there|this|these|those|his|her|their|its|our)\b|[:,“\".!?]|$", re.I
)


# "confirmed as a victim", "was announced": a reporting verb in the passive reports nothing its subject said
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)[ \t]+(?:(?:also|now|later|officially|not)[ \t]+)?$", re.I)


def _passive(s: str, verb: re.Match[str]) -> bool:
    """ "was confirmed as", "to be announced", but not "are warning that" (progressive, active)."""
    return not verb.group().rstrip().endswith("ing") and bool(_PASSIVE_BEFORE.search(s, 0, verb.start()))


_DESCRIBED_AS = re.compile(r"described[ \t]+(?![^.;:!?]{0,80}?\bthat\b)[^.;:!?\"“”]{1,60}?[ \t]as[ \t]", re.I)
_ARTICLE_BEFORE = re.compile(r"(?<![\w’'-])(?:an?|the)[ \t]+$", re.I)
# "believes in democracy": faith in something, not a statement
_BELIEVE_IN = re.compile(r"believ(?:e|es|ed|ing)[ \t]+in\b", re.I)
# a conditional clause that opens the sentence ("If he believes ...", "Unless the agency says ...", "Even if Roe
# claimed ..."): a reporting verb inside it, up to the clause's comma, reports nothing
_CONDITIONAL = re.compile(r"[\s\"“‘']{0,5}(?:(?:and|but|so)[ \t]+)?(?:even[ \t]+)?(?:if|unless|whether)\b", re.I)


def _find_verb(s: str, start: int = 0) -> re.Match[str] | None:
    """The first reporting verb of `s` that reports speech there."""
    # a conditional clause opening the sentence ("If she believes the plan works, ...") runs to its comma
    conditional = _CONDITIONAL.match(s, start)
    supposed = -1
    if conditional:
        ends = [k for k in (s.find(c, conditional.end()) for c in ",;:") if k >= 0]
        supposed = min(ends) if ends else len(s)
    for verb in _VERB.finditer(s, start):
        if verb.start() < supposed:
            continue  # a supposition, not what its subject said
        if _AMBIGUOUS_VERB.match(s, verb.start()) and not _CLAUSE_NEXT.match(s, _word_end(s, verb.start())):
            continue
        if _ENDED.match(s, verb.start()) or _passive(s, verb) or _BELIEVE_IN.match(s, verb.start()):
            continue
        if _ARTICLE_BEFORE.search(s, max(0, verb.start() - 5), verb.start()):
            continue  # "has an estimated 90%", "the reported figure": a participle as an adjective
        if _DESCRIBED_AS.match(s, verb.start()):
            continue  # "described the step as a new era": a label for something, with no clause to claim
        return verb
    return None


def _word_end(s: str, start: int) -> int:
    """Where the word at `start` ends, after the spaces that follow it."""
    end = start
    while end < len(s) and s[end].isalpha():
        end += 1
    while end < len(s) and s[end] in " \t":
        end += 1
    return end


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
        if m[3] is ActorType.COUNTRY and _COUNTRY_SUBJECT_GAP.fullmatch(gap):
            near.append(m)  # "Kenya has said", "China's foreign ministry said"
            continue
        if gap[:2] in ("'s", "’s") and len(gap.split()) > 1 and not _OWNED_SOURCE.fullmatch(gap):
            continue  # "Example Lab's spokesman said": the owner is not the speaker (but its report speaks for it)
        if _UNNAMED_GROUP.search(gap):
            continue  # "In Sri Lanka, some economists have said": the speakers are not named
        if m[3] is ActorType.COUNTRY and not _COUNTRY_SUBJECT_GAP.fullmatch(gap):
            continue  # "A US bank has said", "US band REM have announced": the country is a modifier
        if len(gap.split()) <= _NEAR_WORDS or gap.lstrip().startswith((",", "(")):
            near.append(m)
    return near


# "Example Lab's annual report found": a document speaks for the one who published it
_OWNED_SOURCE = re.compile(
    r"['’]s(?:[ \t]+[\w-]{1,30}){0,3}?[ \t]+(?:report|study|survey|statement|analysis|research|review|paper|audit|"
    r"figures|findings|assessment|evaluation|website|blog|letter|filing|announcement|press[ \t]+release|guidance)"
    r"(?:[ \t]+(?:has|had|also))?[ \t]*"
)
_UNNAMED_GROUP = re.compile(
    r"\b(?:economists|analysts|officials|experts|critics|observers|sources|speakers|panel(?:l)?ists|participants|"
    r"some|many|others)\b",
    re.I,
)
# what may stand between a country and its reporting verb ("Kenya has said", "the US, however, views")
# or a body that speaks for the country ("China's foreign ministry said", "Kenya's embassy has said")
_COUNTRY_SUBJECT_GAP = re.compile(
    r"[’']?s?(?:[ \t]+(?:has|have|had|also|now|then|today|yesterday|recently|again|government))*[ \t]*"
    r"|[’']s(?:[ \t]+[a-z]{3,20}){0,2}?[ \t]+(?:ministry|embassy|cabinet|presidency|administration)"
    r"(?:[ \t]+(?:has|have|had|also|now|then|today|yesterday|recently|again))*[ \t]*"
    r"|,[^,]{0,30},[ \t]*"
)


# "the ministry", "the agency" as the subject of a reporting verb (a few words before it)
_HEADS = (
    r"(?P<head>ministry|agency|department|office|commission|company|firm|organi[sz]ation|foundation|"
    r"bureau|council|administration|regulator|charity|union|university|institute|government|fund|bank|service)"
)
_NOMINAL = re.compile(
    rf"\b[Tt]he[ \t]+{_HEADS}"
    # "the agency's guidance states": its document speaks for it (its spokesman is someone else)
    r"(?:['’]s[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:report|study|survey|statement|analysis|guidance|memo|website|blog|"
    r"announcement|letter|filing|review|audit|data|figures|findings))?"
    r"(?:[ \t]+[^\s,.;:’']+){0,3}[ \t]+(?:has[ \t]+|had[ \t]+|also[ \t]+)?$"
)
# "according to the agency", "according to a statement from the ministry", "according to the fund's report"
_NOMINAL_SOURCE = re.compile(
    rf"(?:an?[ \t]+(?:[\w-]+[ \t]+){{0,2}}?(?:from|by|of)[ \t]+)?the[ \t]+{_HEADS}"
    r"(?:['’]s(?:[ \t]+[\w-]+){1,3})?",
    re.I,
)


def _last_with_head(mentions_in: Resolver, position: int, head: str) -> str | None:
    """The last organisation named before `position` whose name has the head word ("the agency" -> the
    last "... Agency"); "the government" is the last government named."""
    for m in reversed(mentions_in(0, position)):
        if m[3] in (ActorType.PERSON, ActorType.COUNTRY):
            continue
        words = m[2].lower().split()
        if head in words or (head == "government" and m[3] is ActorType.GOVERNMENT_BODY):
            return m[2]
    return None


def make_claim(
    text: str, start: int, end: int, claimant: str, rule: str, min_words: int = _MIN_CLAIM_WORDS
) -> ClaimMention | None:
    """A claim over text[start:end] with quotes and punctuation trimmed, if it is long enough to state something."""
    while start < end and text[start] in " ,:;\"“”'":
        start += 1
    while end > start and text[end - 1] in " \"“”'":
        end -= 1
    return _claim_of(text[start:end], start, end, claimant, rule, min_words)


def _claim_of(
    body: str, start: int, end: int, claimant: str, rule: str, min_words: int = _MIN_CLAIM_WORDS
) -> ClaimMention | None:
    """A claim stating `body` (read from text[start:end]), if it is long enough to state something."""
    if len(body.split()) < min_words:
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
    rf"previously|too|also|again|separately|{_WEEKDAYS})\b"
    r"(?:\s+[^\s.!?\"”'’)]+(?:['’][^\s.!?\"”'’)]+)?){0,5})?[\s.!?\"”'’)]*$",
    re.I,
)
_SUBJECT_PRONOUN = re.compile(r"^\s*(?:(?P<person>he|she)|they)\b", re.I)
_CLAUSE_SUBJECT = re.compile(r"^\s*(?:he|she|they|it|we|i)\b", re.I)  # a pronoun opening the reported clause
_SUBJECT_WORDS = 8  # a speaker phrase before a closing verb is short ("Finance Minister Paulo Reis has")
# after an inverted "said" only the speaker follows ("said Ana Costa, who leads the agency"); a longer
# tail is the statement itself ("Later, Jane Roe, Director, UNECE, talked about how open source ...")
_INVERTED_TAIL_WORDS = 12
_SUBJECT_REACH = 80  # characters after "said" where the speaker is named ("said Agency director Ana Costa")


_LISTENER_WORDS = 6


def _told(verb: re.Match[str]) -> bool:
    """A reporting verb whose object is the listener ("told", "assured", "briefed")."""
    return verb.group(0).split()[0].lower() in _OBJECT_VERBS


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
        # after "told" comes the listener ("..., Ms Roe told the Example News website"), never the speaker
        reach = verb.start() if _told(verb) else min(len(s), verb.end() + _SUBJECT_REACH)
        return quoted.start(), quoted.end(), reach
    closing = _AFTER_CLAIM.search(before)
    if closing and before[closing.start()] == "," and _ADVERBIAL_TAIL.match(after):
        apposed = _apposed_speaker(before, closing.start())
        if apposed:
            return apposed
    pronoun = _CLAUSE_SUBJECT.match(after)
    if pronoun and not _ADVERBIAL_TAIL.match(after[pronoun.end() :]):
        closing = None  # "X, a director, said she had ...", "X, which ..., said it had": the statement follows
    if closing and len(after.split()) <= _INVERTED_TAIL_WORDS:
        return closing.start(), verb.end(), min(len(s), verb.end() + _SUBJECT_REACH)
    comma = before.rfind(",")
    # "..., Mr Roe told Example Radio's morning programme.": after "told" only the listener follows
    closes = _ADVERBIAL_TAIL.match(after) or (_told(verb) and len(after.split()) <= _LISTENER_WORDS and after.rstrip().endswith("."))
    if comma < 0 or not closes or len(before[comma + 1 :].split()) > _SUBJECT_WORDS:
        return None
    return comma, comma + 1, verb.start()


_APPOSITION_WORDS = 12  # "a spokeswoman for the Example Data Agency", "who leads the fund's policy team"
_APPOSITION_OPENERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "who", "one", "chief", "senior"})


def _apposed_speaker(before: str, comma: int) -> tuple[int, int, int] | None:
    """ "CLAIM, Jane Roe, a spokeswoman for Example Org, said.": the comma before the verb closes an
    apposition; the speaker is the short phrase before it, the claim what comes before the speaker."""
    apposition = before.rfind(",", 0, comma)
    subject = before.rfind(",", 0, apposition) if apposition > 0 else -1
    if subject < 0:
        return None
    described = before[apposition + 1 : comma].split()
    if not described or len(described) > _APPOSITION_WORDS or len(before[subject + 1 : apposition].split()) > _SUBJECT_WORDS:
        return None
    first = described[0].lower()
    if first not in _APPOSITION_OPENERS and first not in ROLE_WORDS:
        return None
    return subject, subject + 1, apposition


def _opens_with_apposition(sentence: Span, mentions: list[Mention]) -> bool:
    """ "Karen Bauer, Head of Open Source at Nordic Cloud, said ..." and "The US, however, views ...": the
    subject opens the sentence and a comma follows it, so the comma before the verb closes an
    apposition, not a statement."""
    if not mentions or mentions[0][0] - sentence.start > 4:  # "The US" still opens the sentence
        return False
    return sentence.text[mentions[0][1] - sentence.start :].lstrip().startswith(",")


_GROUP_KINDS = frozenset(set(ActorType) - {ActorType.PERSON, ActorType.COUNTRY})
_TOPIC_REACH = 4  # words before the subject that opens a sentence ("In a statement, the Example Agency")
_PREVIOUS_REACH = 600  # characters back where the sentence before is looked for


def _group_named(text: str, sentence: Span, mentions_in: Resolver, position: int | None = None) -> str | None:
    """The organisation a "they" means: one named earlier in its own sentence, or the subject that opens the
    sentence before ("Example Union says ... They say ..."). When the sentence before opens with some other
    subject ("Business leaders", a party no rule names), "they" are those, whom no claim can name; the last
    organisation named further back is not a safe guess."""
    own = [m for m in mentions_in(sentence.start, sentence.start if position is None else position) if m[3] in _GROUP_KINDS]
    if own:
        return own[-1][2]
    end = len(text[: sentence.start].rstrip())
    if end == 0:
        return None
    previous = _sentence_start(text, max(0, end - _PREVIOUS_REACH), end - 1)
    for m in mentions_in(previous, sentence.start):
        if len(text[previous : m[0]].split()) > _TOPIC_REACH or "," in text[previous : m[0]]:
            break
        if m[3] in _GROUP_KINDS and _is_subject(text, m[0], m[1]):
            return m[2]
    return None


def _organisation_it(text: str, position: int, mentions_in: Resolver) -> str | None:
    """The organisation an "it" opening the sentence at `position` means: the subject that opens the sentence
    before ("The Example Agency said ... It added ..."), not a name inside what that sentence reports
    ("Example Lab said Example Fund's offer ..."), nor one owning the subject ("Example Lab's chief said")."""
    end = position
    while end and text[end - 1].isspace():  # the end of the sentence before, without copying the text
        end -= 1
    if end == 0:
        return None
    previous = _sentence_start(text, max(0, end - _PREVIOUS_REACH), end - 1)
    for m in mentions_in(previous, position):
        lead = text[previous : m[0]]
        if len(lead.split()) > _TOPIC_REACH or "," in lead or _REPORTING.search(lead):
            return None
        if m[3] in _GROUP_KINDS and text[m[1] : m[1] + 2] not in _POSSESSIVE and _is_subject(text, m[0], m[1]):
            return m[2]
    return None


def _closing_claim(
    text: str,
    sentence: Span,
    shape: tuple[int, int, int],
    mentions_in: Resolver,
    last_person: PersonFinder,
    last_actor: Callable[[int], str | None],
) -> ClaimMention | None:
    """The speaker is the phrase beside the verb, never an actor named inside the claim; a phrase that
    names no actor ("analysts have said", "said the report") gives no claim."""
    claim_end, subject_start, subject_end = shape
    pronoun = _SUBJECT_PRONOUN.match(sentence.text[subject_start:subject_end])
    if pronoun:
        person = pronoun.group("person")
        claimant = last_person(sentence.start, person) if person else _group_named(text, sentence, mentions_in)
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
    last_person: PersonFinder,
    last_actor: Callable[[int], str | None],
) -> ClaimMention | None:
    """The claim a sentence attributes to an actor, if any."""
    s = sentence.text
    if goes_on := _COMPLEMENT_GOES_ON.match(s):
        # "She echoed the sentiments of her colleagues. And that testing is not ...": a "that" clause with no
        # main clause of its own goes on with what the person the sentence before is about said
        claimant = last_person(sentence.start, "")
        return make_claim(text, sentence.start + goes_on.end(), sentence.end, claimant, "claim.pronoun") if claimant else None
    quote = _QUOTE_FIRST.match(s)
    if quote:
        rest_start = sentence.start + quote.start("rest")
        verb = _VERB.search(s, quote.start("rest"))
        if verb and verb.start() - quote.start("rest") < 60:
            # only an inverted "said Jane Roe" names its speaker after the verb; after "told" comes the listener
            reach = verb.start() if _told(verb) else min(len(s), verb.end() + 60)
            found = mentions_in(rest_start, sentence.start + reach)
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
        if (nominal := _NOMINAL_SOURCE.fullmatch(according.group("subj").strip())) and (
            source := _last_with_head(mentions_in, sentence.start, nominal.group("head").lower())
        ):
            # "According to the agency, ...": the last organisation named with that head word
            return make_claim(text, sentence.start + according.start("claim"), sentence.end, source, "claim.according")
    elif (late_source := _ACCORDING_AFTER.search(s)) and late_source.start() >= _MIN_CLAIM_WORDS * 4:
        # "CLAIM, according to a statement from Example Org.": the source closes the sentence
        found = mentions_in(sentence.start + late_source.end(), sentence.end)
        named = found[0][2] if found else None
        if named is None and (nominal := _NOMINAL_SOURCE.fullmatch(s[late_source.end() :].rstrip(".!\"”’) "))):
            named = _last_with_head(mentions_in, sentence.start, nominal.group("head").lower())
        if named and not _UNNAMED_GROUP.search(s, late_source.end()):
            end = sentence.start + late_source.start()
            while end > sentence.start and text[end - 1] in ",;:\"”’ ":
                end -= 1  # '"CLAIM," according to X': the quotation's closing comma and mark
            return make_claim(text, sentence.start, end, named, "claim.according")
    if who := _who_said(text, sentence, mentions_in):
        return who
    verb = _find_verb(s)
    if verb is None:
        return _participle_claim(text, sentence, mentions_in, last_person)
    if verb.start() > 250:
        return None
    prefix_mentions = mentions_in(sentence.start, sentence.start + verb.start())
    shape = _closing_shape(s, verb)
    if shape is not None and not _opens_with_apposition(sentence, prefix_mentions):
        return _closing_claim(text, sentence, shape, mentions_in, last_person, last_actor) or _inverted_inside(
            sentence, verb, mentions_in
        )
    if (set_off := _PRONOUN_SET_OFF.search(s, max(0, verb.start() - 20), verb.start())) and "," in s[verb.start() : verb.end()]:
        return _pronoun_inside(text, sentence, set_off, verb, mentions_in, last_person)
    pronoun = _PRONOUN.match(s)
    claimant: str | None = None
    rule = "claim.reported"
    subject = None
    near = _near_verb(sentence, prefix_mentions, verb)
    if near:
        subject = _pick_subject(near)
        claimant = subject[2] if subject else None
    elif _IT_SUBJECT.fullmatch(s, 0, verb.start()):
        # "It added that ...": an organisation that opens the sentence before (a country or a document is "it"
        # too, but no organisation opens that sentence then)
        claimant = _organisation_it(text, sentence.start, mentions_in)
        rule = "claim.pronoun"
    elif pronoun:
        person = pronoun.group("pron")
        claimant = last_person(sentence.start, person) if person != "They" else _group_named(text, sentence, mentions_in)
        rule = "claim.pronoun"
    elif late := re.search(r"\b(?:(?P<person>he|she)|they)\s*$", s[: verb.start()], re.I):
        # "But she said ...", "the folks from X led a session where they talked about ...": he and she
        # are people, they an organisation or group, named earlier in the sentence or before it
        position = sentence.start + verb.start()
        claimant = (
            last_person(position, late.group("person"))
            if late.group("person")
            else _group_named(text, sentence, mentions_in, position)
        )
        rule = "claim.pronoun"
    elif nominal := _NOMINAL.search(s, max(0, verb.start() - 60), verb.start()):
        # "In a statement, the ministry said ...": the last organisation named with that head word
        claimant = _last_with_head(mentions_in, sentence.start, nominal.group("head"))
        rule = "claim.nominal"
    if claimant is None:
        return _inverted_inside(sentence, verb, mentions_in)
    if near and subject and (inside := _inside_speaker(sentence, subject[0], verb, claimant)):
        return inside
    if near and subject and _relative_object(s, subject[0] - sentence.start, verb):
        return None
    if near and subject and _relative_of_another(s, subject[1] - sentence.start, verb):
        return None
    claim = make_claim(text, sentence.start + verb.end(), sentence.end, claimant, rule)
    if claim is None and s[:1] not in "\"“'‘":
        # "X presented on Y.": the whole sentence is the statement (but not “We did it!” she said.)
        claim = make_claim(text, sentence.start, sentence.end, claimant, rule)
    return claim


# "It said", "It has also warned": "it" right before the verb, opening the sentence
_IT_SUBJECT = re.compile(
    r"(?:(?:But|And|However|Meanwhile|Instead|Later|Earlier|Also),?[ \t]+)?It[ \t]+"
    r"(?:(?:also|has|had|later|then|further|previously|already|recently)[ \t]+)*"
)


# "Roe rejected the mayor's plan, saying it would cost jobs", "Lee denied the claims, telling reporters that ...":
# a participle set off by a comma reports what the subject that opens the sentence said, however long the main
# clause between them ("adding four members", "warning of delays", "saying goodbye" report nothing)
_PARTICIPLE = re.compile(
    r",[ \t]+(?:(?:saying|adding|arguing|insisting|warning|claiming|explaining|noting|stressing|predicting)[ \t]+that"
    r"|saying(?=[ \t]+(?:he|she|it|they|we|i|there|the|a|an|this|these|his|her|its|their|our|[A-Z\d]))"
    r"|telling[ \t]+[^,.;:!?\"“”\n]{1,40}?[ \t]+that)\b[ \t]*"
)
_OPENER = re.compile(r"(?:(?:But|And|However|Meanwhile|Instead|Later|Earlier|Now),?[ \t]+)?")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w’'-]{0,30}[ \t]+){0,4}")  # "Environment Secretary Jo Lee", "Dr Jo Lee"
# the word after the subject is its verb ("Roe rejected", "Roe has denied"), not a relative clause or a list
_NOT_A_VERB = frozenset({"who", "which", "whose", "whom", "and", "or", "of", "in", "at", "for", "from", "to", "with", "on", "by"})


def _participle_claim(
    text: str, sentence: Span, mentions_in: Resolver, last_person: PersonFinder
) -> ClaimMention | None:
    """The claim of a participle cue after the main clause of a named (or he/she) subject."""
    s = sentence.text
    cue = _PARTICIPLE.search(s)
    if cue is None or '"' in s[: cue.start()] or "“" in s[: cue.start()]:
        return None
    opened = opener.end() if (opener := _OPENER.match(s)) else 0
    found = mentions_in(sentence.start + opened, sentence.start + cue.start())
    if found and _TITLE_WORDS.fullmatch(s, opened, found[0][0] - sentence.start):
        end = found[0][1] - sentence.start
        claimant: str | None = found[0][2]
        rule = "claim.reported"
    elif pronoun := re.match(r"(?P<pron>[Hh]e|[Ss]he)\b", s[opened:]):
        end = opened + pronoun.end()
        claimant = last_person(sentence.start, pronoun.group("pron").lower())
        rule = "claim.pronoun"
    else:
        return None
    after = s[end:].split(None, 1)
    if claimant is None or s[end : end + 1] != " " or not after:
        return None
    verb = after[0]
    if not verb.isalpha() or not verb.islower() or verb in _NOT_A_VERB:
        return None
    return make_claim(text, sentence.start + cue.end(), sentence.end, claimant, rule)


# "Mr Barber, who said the problem is far worse than official figures show, called for ...": a relative clause
# reports what the one named before it said; it ends at its closing comma or with the sentence
_WHO = re.compile(r",[ \t]+who[ \t]+(?:(?:has|had|also|later|then)[ \t]+)*(?=[a-z])")
_SUBJECT_OPENING_WORDS = 3  # words before a sentence's subject ("In May, Jane Roe, who ...")
_RELATIVE_END = re.compile(r",[ \t]|;|[.!?][\"”’']?[ \t]*$")


def _who_said(text: str, sentence: Span, mentions_in: Resolver) -> ClaimMention | None:
    """The claim of a "NAME, who said CLAUSE" relative clause, when the rest of the sentence reports nothing
    more (else its main reporting verb is read as usual)."""
    s = sentence.text
    who = _WHO.search(s)
    if who is None:
        return None
    verb = _find_verb(s)
    if verb is None or verb.start() != who.end():
        return None  # no reporting verb after "who", or one before it reports the sentence's own statement
    before = mentions_in(sentence.start, sentence.start + who.start())
    if not before or before[-1][1] != sentence.start + who.start() or before[-1][3] is ActorType.COUNTRY:
        return None
    named = before[-1]
    if named[3] is not ActorType.PERSON:
        # "Jane Roe, Director, Example Lab, who said": the person the apposition describes
        people = [m for m in before if m[3] is ActorType.PERSON and text.startswith(",", m[1])]
        named = people[-1] if people else named
    if len(s[: named[0] - sentence.start].split()) > _SUBJECT_OPENING_WORDS:
        stop = len(s)  # "... a keynote by Jane Roe, who said A, B and C.": the clause ends the sentence
    else:
        end = _RELATIVE_END.search(s, verb.end())  # "Jane Roe, who said A, had written ...": set off by commas
        stop = (end.start() + (s[end.start()] in ".!?")) if end else len(s)
    if _find_verb(s, stop) is not None:
        return None  # "X, who said A, added that B": the sentence's own verb reports B
    return make_claim(text, sentence.start + verb.end(), sentence.start + stop, named[2], "claim.reported")


# "And that ..." opening a sentence as a complementiser (followed by its clause's subject), not as a demonstrative
# ("And that was the end of it")
_COMPLEMENT_GOES_ON = re.compile(
    r"(?:And|But|Also|Plus),?[ \t]+that[ \t]+(?=(?:the|a|an|this|these|those|he|she|it|they|we|i|you|there|his|"
    r"her|their|its|our|every|all|most|many|some|no|any|being|having)\b)"
)


# ", Ms Roe says," set off by commas inside the statement (titles and honorifics before the name allowed)
_SPEAKER_SET_OFF = re.compile(r",[ \t]+(?:[A-Z][\w.’'-]{0,20}[ \t]+){0,3}$")
_MIN_HEAD_WORDS = 3  # "In 2004, Roe said, ..." sets off a date, not a part of the statement


def _inside_speaker(sentence: Span, subject_start: int, verb: re.Match[str], claimant: str) -> ClaimMention | None:
    """'One likely cause, Ms Roe says, is the fee.': the speaker phrase inside the statement; the claim is
    the statement around it, not its second half alone."""
    s = sentence.text
    cut = subject_start - sentence.start
    set_off = _SPEAKER_SET_OFF.search(s, max(0, cut - 60), cut)
    if set_off is None or "," not in s[verb.start() : verb.end()] or s[:1] in "\"“'‘":
        return None
    head = s[: set_off.start()].strip()
    tail = s[verb.end() :].strip()
    if len(head.split()) < _MIN_HEAD_WORDS or len(tail.split()) < 2:
        return None
    return _claim_of(f"{head} {tail}", sentence.start, sentence.end, claimant, "claim.reported")


# "the document, which the agency says has cost ...": the speaker phrase inside a relative clause whose
# pronoun is the subject of the reported verb, so what follows "says" has no subject of its own
_RELATIVE_BEFORE = re.compile(r"\b(?:which|who|whom|that)[ \t]+(?:the[ \t]+)?$", re.I)
_FINITE_NEXT = re.compile(
    r"(?:is|are|was|were|will|would|could|can|should|may|might|must|has|have|had|does|do|did|costs?|remains?)\b",
    re.I,
)


def _relative_object(s: str, subject_start: int, verb: re.Match[str]) -> bool:
    return bool(_RELATIVE_BEFORE.search(s, max(0, subject_start - 20), subject_start)) and bool(
        _FINITE_NEXT.match(s, verb.end())
    )


# "Roe met the residents who said ...": a relative pronoun right before the verb makes its subject the noun before
# that pronoun, which is the named actor only when nothing stands between them ("Roe, who said ...")
_RELATIVE_VERB = re.compile(r"[ \t]+(?:who|which|that)[ \t]+(?:(?:also|later|then|had|has|have)[ \t]+)*$", re.I)


def _relative_of_another(s: str, subject_end: int, verb: re.Match[str]) -> bool:
    relative = _RELATIVE_VERB.search(s, max(subject_end, verb.start() - 30), verb.start())
    # "Example Org (EO), which said", "Example Org - which said": an acronym or dash beside the name is no other noun
    return relative is not None and _BRACKETED.sub("", s[subject_end : relative.start()]).strip(" \t,-–—") != ""


_BRACKETED = re.compile(r"\([^()]{0,60}\)")


# "The court, he said, should stand apart ...": a pronoun subject set off by commas inside the statement
_PRONOUN_SET_OFF = re.compile(r",[ \t]+(?P<pron>he|she|they)[ \t]+$", re.I)


# what goes on with the subject before the speaker phrase: a finite verb ("is", "would"), or a conjunction
# before one ("and should be")
_SUBJECTLESS = re.compile(
    r"(?:(?:and|but|or)[ \t]+(?:(?:also|still|not)[ \t]+)?)?(?=(?:is|are|was|were|will|would|could|can|should|may|"
    r"might|must|has|have|had|does|do|did|remains?|seems?)\b)",
    re.I,
)
_SUBORDINATORS = frozenset(
    {"since", "because", "as", "that", "but", "and", "or", "although", "though", "while", "if", "when", "so",
     "whereas", "where", "after", "before", "until", "unless", "however", "now", "then", "also", "yet"}
)
_KEEPS_COMMA = re.compile(
    r"(?:and|but|or|while|whereas|although|though|as|which|who|because|since|so|[a-z]{2,20}ing)\b"
)


def _pronoun_inside(
    text: str,
    sentence: Span,
    set_off: re.Match[str],
    verb: re.Match[str],
    mentions_in: Resolver,
    last_person: PersonFinder,
) -> ClaimMention | None:
    """ "The court should not also be part of the Senate, he said, and should be chosen by ...": the speaker
    is the one the pronoun means, never an actor named just before it inside the statement, and the claim
    is the statement around the speaker phrase (whose second half has no subject of its own)."""
    s = sentence.text
    pronoun = set_off.group("pron").lower()
    at = sentence.start + set_off.start("pron")
    claimant = _group_named(text, sentence, mentions_in, at) if pronoun == "they" else last_person(at, pronoun)
    head = s[: set_off.start()].strip()
    if claimant is None or s[:1] in "\"“'‘":
        return None
    tail = s[verb.end() :].strip()
    if not _SUBJECTLESS.match(tail) and (
        len(head.split()) < _MIN_HEAD_WORDS or head.split()[-1].lower() in _SUBORDINATORS
    ):
        # "But now, he said, laptops last longer.", "..., which Roe chose since, he said, the rules ...": the
        # part after the speaker is a clause of its own, and the statement
        return make_claim(text, sentence.start + verb.end(), sentence.end, claimant, "claim.pronoun")
    # "..., he says, insisting that ...": a participle or a conjunction keeps the comma before it
    joint = ", " if _KEEPS_COMMA.match(tail) else " "
    body = f"{head}{joint}{tail}" if tail.rstrip(".!?") else head + tail
    return _claim_of(body, sentence.start, sentence.end, claimant, "claim.pronoun")


# after "said Jane Roe": an optional "of Example Media", then the statement going on with its verb ("would",
# "is"), not an apposition ("head of Example Media", "a spokesman", "who ...") or a new clause ("but ...")
_GOES_ON = re.compile(
    r"(?:[ \t]+(?:of|at|from)[ \t]+(?:[A-Z][\w.&’'-]{0,30}[ \t]*){1,5})?"
    # "said Jane Roe, a spokeswoman for the agency, would ...": an apposition set off by commas
    r"(?:,[ \t]+(?:an?|the|its|their|who)[ \t]+[^,.;:!?\"“”\n]{1,80}?)?"
    r",[ \t]+(?:(?:also|still|now|already|not|never)[ \t]+)?"
    r"(?=(?:is|are|was|were|will|would|could|can|should|may|might|must|has|have|had|does|do|did|remains?|seems?)\b)"
)


def _inverted_inside(sentence: Span, verb: re.Match[str], mentions_in: Resolver) -> ClaimMention | None:
    """'The new rules, said Jane Roe, would open the market.': the speaker after the verb, set off inside the
    statement; the claim is the statement around it."""
    s = sentence.text
    if not s[: verb.start()].rstrip().endswith(",") or s[:1] in "\"“'‘":
        return None
    after = [m for m in mentions_in(sentence.start + verb.end(), sentence.end) if m[0] == sentence.start + verb.end()]
    if not after or after[0][3] is ActorType.COUNTRY:
        return None
    goes_on = _GOES_ON.match(s, after[0][1] - sentence.start)
    head = s[: verb.start()].rstrip().rstrip(",").strip()
    if goes_on is None or len(head.split()) < _MIN_HEAD_WORDS:
        return None
    return _claim_of(f"{head} {s[goes_on.end() :].strip()}", sentence.start, sentence.end, after[0][2], "claim.reported")


# --- quotations: direct speech found by its quotation marks, attributed by the cue beside it ---------

# the patterns below are applied with match(text, pos): "^" would not anchor there, so none starts with it
_QUOTE_MARK = re.compile(r"[“”\"]|\n[ \t]*\n")
_MAX_QUOTE = 4000  # characters: a longer "quotation" is a stray mark
_WINDOW = 250  # characters before a quotation where its speaker and cue are looked for
_AFTER_WINDOW = 160  # characters after it
# verbs that introduce direct speech beside quotation marks (there, unlike in running text, "continued" or
# "summarized" can only report what was said)
_QUOTE_VERBS = (
    r"(?:summari[sz]ed|continued|remarked|replied|responded|recalled|asked|answered|joked|declared|tweeted|"
    r"posted|commented|agreed|reiterated|echoed|quipped|recounted|exclaimed|put\s+it|called\s+it|wrote|writes)"
)
_CUE_WORDS = (
    r"(?:saying|adding|noting|explaining|arguing|stressing|warning|asking|writing|telling\s+\w+|"
    r"went\s+on\s+to\s+say|made\s+the\s+case|according\s+to)"
)
# the speaker's clause ends with the cue right before the quotation: "Roe said, “", "saying “", "He added:",
# "noting to the audience:"
_CUE_BEFORE = re.compile(
    rf"\b(?:{reporting_verb_pattern()}|{_QUOTE_VERBS}|{_CUE_WORDS})\b(?:[ \t]+that)?(?:[^.!?:;“”\"\n]{{0,60}}:|[ \t]*,)?[ \t\n]*$",
    re.I,
)
_CUE_AFTER_VERB = re.compile(rf"[ \t]*,?[ \t]*(?:{reporting_verb_pattern()}|{_QUOTE_VERBS})\b[ \t]*", re.I)
_ANY_CUE = re.compile(rf"\b(?:{reporting_verb_pattern()}|{_QUOTE_VERBS}|{_CUE_WORDS})\b|:[ \t]*$", re.I)
_CUE_AFTER_SUBJECT = re.compile(
    rf"[ \t]*,?[ \t]*(?P<subject>[^.!?“”\"\n]{{1,100}}?)[ \t]+(?:has[ \t]+|had[ \t]+|also[ \t]+|then[ \t]+)?"
    rf"(?:{reporting_verb_pattern()}|{_QUOTE_VERBS})\b",
    re.I,
)
# "— Jane Roe, Co-Founder, Example Trust" on the line under a quotation, or after a blank line (then with a
# true dash: a hyphen opening a paragraph is a list item)
_DASH_LINE = re.compile(r"[ \t]*\n(?:[ \t]*\n(?=[ \t]*[—–―]))?[ \t]*[—–―-]{1,2}[ \t]*(?P<line>[^\n]{2,200})")
# "Jane Roe, Co-Founder, Example Trust" alone on the line right under a quotation that ends its paragraph
_NAME_LINE = re.compile(r"[ \t]*\n[ \t]*(?P<line>[A-Z][^\n.!?:;“”\"]{1,150}?)[ \t]*(?:\n|$)")
_NAME_LINE_WORDS = 12
_OPENING = frozenset("“\"")


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text between quotation marks: `start`/`end` inside the marks, `open_at`/`close_at` around them."""

    start: int
    end: int
    open_at: int
    close_at: int


def quotations(text: str) -> list[Quotation]:
    """Quotations marked with “” or straight double quotes, in one pass. A quotation may run over
    paragraphs the way English prints it: each paragraph opens with a quotation mark, only the last closes."""
    out: list[Quotation] = []
    opened: int | None = None
    for mark in _QUOTE_MARK.finditer(text):
        ch, at = mark.group(), mark.start()
        if ch.startswith("\n"):  # a paragraph break: the quotation goes on only if the next one opens with a mark
            if opened is not None and text[mark.end() : mark.end() + 1] not in _OPENING:
                opened = None
            continue
        if opened is not None and at - opened > _MAX_QUOTE:
            opened = None
        if opened is None:
            if ch != "”":
                opened = at
            continue
        if ch in _OPENING and _continues(text, at):
            continue  # the next paragraph's opening mark, inside the same quotation
        if _opens_sentence(text, at):
            # "“A. “B.”": a mark opening the next sentence inside an unclosed quotation (how some news
            # sites print quoted sentences) goes on with it
            continue
        if ch == "“":  # an opening mark inside an unclosed quotation: that one was a stray mark
            opened = at
            continue
        out.append(Quotation(opened + 1, at, opened, at + 1))
        opened = None
    return out


# 'Most agencies still buy before they build,' stated Roe: single quotes (straight or curly) only in this
# shape (opening before a capital, closing after punctuation), since the same marks are apostrophes
_SINGLE_QUOTED = re.compile(
    r"(?<![\w’'])[‘'](?=[A-Z])(?P<q>(?:[^‘’'\n]|['’](?=[a-z])){10,1500}?[,.!?])['’](?![\w’'])"
)


def single_quotations(text: str) -> list[Quotation]:
    return [Quotation(m.start("q"), m.end("q"), m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(text)]


def _opens_sentence(text: str, at: int) -> bool:
    """A quotation mark after the end of a sentence and before a capital: it opens the next sentence."""
    return text[max(0, at - 2) : at] in {". ", "! ", "? "} and text[at + 1 : at + 2].isupper()


def _continues(text: str, at: int) -> bool:
    """A straight quote that opens a paragraph is the continuation mark of a quotation running on."""
    return text[max(0, at - 2) : at].replace(" ", "").endswith("\n")


Speaker = tuple[str, str]  # claimant, rule
_POSSESSIVE = frozenset({"'s", "’s"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'"})


def _speaker_in(
    start: int, end: int, text: str, mentions_in: Resolver, last_person: PersonFinder, before: int
) -> str | None:
    """The actor a speaker phrase names: a person if one is named, else an organisation; he/she is the
    last person named before the quotation."""
    # "Example Lab's spokesman said": a name owning the speaker is not the speaker
    found = [m for m in mentions_in(start, end) if text[m[1] : m[1] + 2] not in _POSSESSIVE]
    subject = _pick_subject(found)
    if subject is not None and _unnamed_speaker(text, start, end, found, subject):
        return None
    if subject is not None:
        return subject[2]
    words = text[start:end].split()[:3]
    if [w.lower() for w in words] == ["it"]:
        # '"...," it said.' / 'It added: "..."': the organisation that opens the sentence before the quotation's
        return _organisation_it(text, min(before, _sentence_start(text, max(0, start - _PREVIOUS_REACH), start)), mentions_in)
    if words and words[0].lower().strip(",") in {"he", "she"}:
        # "He said: “...”" opening its sentence goes on with the sentence before's topic
        opening = len(text[:start]) + len(text[start:end]) - len(text[start:end].lstrip())
        return last_person(min(opening, before), words[0].strip(","))
    phrase = text[start:end].strip().rstrip(",")
    described = _SPEAKER_DESCRIPTION.fullmatch(phrase)
    if described and _describes_person(described.group("head")) and phrase.lower() not in text[:start].lower():
        # '"...," the party leader said' after a sentence about Jo Lee: the description goes on with that topic,
        # unless the text has already spoken of "the party leader" as someone else
        opening = len(text[:start]) + len(text[start:end]) - len(text[start:end].lstrip())
        return last_person(min(opening, before), "the")
    return None


_SPEAKER_DESCRIPTION = re.compile(r"[Tt]he[ \t]+(?:[\w’'-]+[ \t]+){0,3}(?P<head>[\w’'-]+)")


def _unnamed_speaker(text: str, start: int, end: int, found: list[Mention], subject: Mention) -> bool:
    """Whether the speaker of a phrase is someone no rule named, though the phrase names an actor: the
    capitalised subject right before a cue that ends the phrase ("..., and Giggs said:" names Toshack
    earlier), or a person's name before the organisation picked ("Cory Doe, coordinator for Example
    Foundation, said")."""
    covered = [(m[0], m[1]) for m in found]
    if text[end : end + 1] in (" ", ":", ",") or end == len(text):
        name = _NAME_BEFORE_VERB.search(text, max(start, end - _SUBJECT_REACH_BACK), end)
        if (
            name
            and name.group("name").lower() not in STOPWORDS
            and name.group("name").lower() not in ROLE_WORDS
            and not _covering_span(covered, name.start("name"))
            and _REPORTING.match(text, end) is not None
        ):
            return True
    if subject[3] is ActorType.PERSON:
        return False
    return any(
        looks_like_person(span.text) and not _covering_span(covered, span.start) and span.start < subject[0]
        for span in name_spans(text, start, end)
    )


def _sentence_start(text: str, lower: int, position: int) -> int:
    """Where the sentence holding `position` starts (not before `lower`)."""
    cut = lower
    for k in range(position - 1, lower, -1):
        end = k + 1 if text[k + 1 : k + 2] in _CLOSING_MARKS else k  # '... policy." Jane Roe said:'
        if text[k] in ".!?\n" and text[end + 1 : end + 2] in (" ", "\n") and not text[k - 1 : k].isupper():
            cut = end + 1
            break
    return cut


def _attribute(
    text: str,
    quote: Quotation,
    lower: int,
    mentions_in: Resolver,
    last_person: PersonFinder,
    reach_back: int | None = None,
) -> Speaker | None:
    """The speaker of a quotation: named on a dash line under it, beside a cue after it ("," said Roe /
    Roe said), or before it at the end of the speaker's clause (Roe said, “ / saying “ / Roe added:).
    A quotation with no cue of its own looks back to `reach_back` (past a few words quoted in the sentence
    before); one with a cue that names someone no rule resolves only to `lower`."""
    after_end = min(len(text), quote.close_at + _AFTER_WINDOW)
    dash = _DASH_LINE.match(text, quote.close_at, after_end)
    if dash:
        who = _speaker_in(dash.start("line"), dash.end("line"), text, mentions_in, last_person, quote.open_at)
        if who:
            return who, "claim.attribution_line"
    named = _NAME_LINE.match(text, quote.close_at, after_end)
    if named and len(named.group("line").split()) <= _NAME_LINE_WORDS and _REPORTING.search(named.group("line")) is None:
        people = [m for m in mentions_in(named.start("line"), named.end("line")) if m[3] is ActorType.PERSON]
        if people and people[0][0] == named.start("line") and text[people[0][1] : named.end("line")].lstrip()[:1] in ("", ","):
            return people[0][2], "claim.attribution_line"
    tail_end = _tail_end(text, quote)
    verb = _CUE_AFTER_VERB.match(text, quote.close_at, tail_end)
    if verb and _INTRODUCES_NEXT.match(text, verb.end()):
        verb = None
    if verb:
        who = _speaker_in(verb.end(), tail_end, text, mentions_in, last_person, quote.open_at)
        if who:
            return who, "claim.quote"
    subject = _CUE_AFTER_SUBJECT.match(text, quote.close_at, tail_end)
    if subject and _INTRODUCES_NEXT.match(text, subject.end()):
        subject = None  # '"Q1." Ann Roe, a director, added: "Q2."': the cue of the quotation after it
    if subject and len(subject.group("subject").split()) <= 8:
        who = _speaker_in(subject.start("subject"), subject.end("subject"), text, mentions_in, last_person, quote.open_at)
        if who:
            return who, "claim.quote"
    if reach_back is not None and not verb and not subject:
        lower = min(lower, reach_back)
    window_start = max(lower, quote.open_at - _WINDOW)
    paragraph = text.rfind("\n\n", window_start, quote.open_at)
    if paragraph >= 0 and not text[paragraph : quote.open_at].strip():
        # a quotation that opens a paragraph (a block quote): its speaker is introduced by the last sentence
        # of the paragraph before ("Roe added:", "As Roe said in her announcement:", "Roe talked about it.")
        if verb or subject:
            return None  # its own cue names someone no rule resolves ("...," the party leader said)
        end = len(text[window_start:paragraph].rstrip()) + window_start
        clause = _sentence_start(text, window_start, max(window_start, end - 1))
        cue = _ANY_CUE.search(text, clause, end)
        if cue is None or _PRONOUN_SET_OFF.search(text, clause, cue.start()):
            return None  # no cue, or the name before a set-off "..., he claimed" is in the statement
        # the speaker before the cue ("Roe added:"), or after it ('"...," said Roe, a director at Example Lab.')
        who = _speaker_in(clause, cue.start(), text, mentions_in, last_person, quote.open_at) or (
            _speaker_in(cue.end(), end, text, mentions_in, last_person, quote.open_at)
            if _CUE_AFTER_VERB.match(text, cue.start())
            else None
        )
        return (who, "claim.quote_block") if who else None
    if paragraph >= 0:
        window_start = paragraph  # an inline quotation's speaker is in its own paragraph
    cue = _CUE_BEFORE.search(text, window_start, quote.open_at)
    if cue is None:
        if verb or subject:
            return None  # its own cue names someone no rule resolves ("...," she said): not the one before
        if authored := _AUTHORED_WHICH.search(text, window_start, quote.open_at):
            # "Example Lab published the Open Code Guide, which “...”": a document speaks for its author
            clause = _sentence_start(text, window_start, authored.start())
            who = _speaker_in(clause, authored.start(), text, mentions_in, last_person, quote.open_at)
            return (who, "claim.quote") if who else None
        return _previous_sentence_speaker(text, quote, window_start, mentions_in, last_person)
    clause = _sentence_start(text, window_start, cue.start())
    who = _speaker_in(clause, cue.start(), text, mentions_in, last_person, quote.open_at)
    return (who, "claim.quote") if who else None


def _tail_end(text: str, quote: Quotation) -> int:
    """Where the clause after a quotation's closing mark, which may hold its cue ("," said Roe), ends."""
    tail_end = min(len(text), quote.close_at + _AFTER_WINDOW)
    if text[quote.end - 1 : quote.end] in (".", "!", "?") and text[quote.close_at : quote.close_at + 2].strip()[:1].isupper():
        return quote.close_at  # “... the Union?” The Commission said ...: a new sentence, another speaker
    for k in range(quote.close_at, tail_end):
        if text[k] in "“\n" or (text[k] in ".!?" and k > quote.close_at):
            return k
    return tail_end


def _has_own_cue(text: str, quote: Quotation) -> bool:
    """A quotation followed by a cue of its own that names a speaker ("...," said Allen / "...," Allen said),
    whoever that is ("..." and set out the plans he says ... is no cue of the quotation)."""
    tail_end = _tail_end(text, quote)
    if (verb := _CUE_AFTER_VERB.match(text, quote.close_at, tail_end)) and not _INTRODUCES_NEXT.match(text, verb.end()):
        return _NAMED_SPEAKER.match(text, verb.end(), tail_end) is not None
    subject = _CUE_AFTER_SUBJECT.match(text, quote.close_at, tail_end)
    if subject and not _INTRODUCES_NEXT.match(text, subject.end()):
        return _NAMED_SPEAKER.fullmatch(subject.group("subject")) is not None
    return False


# a cue followed by a colon and an opening quotation mark introduces the quotation after it
_INTRODUCES_NEXT = re.compile(r"[^.!?:“”\"\n]{0,60}:[ \t\n]*[“\"]")


# a speaker phrase that names someone: a capitalised name with its title ("Mr Allen", "Brentford boss Allen")
_NAMED_SPEAKER = re.compile(r"(?:[a-z]{1,12}[ \t]+){0,2}[A-Z][\w’'.-]{0,30}(?:[ \t]+[A-Z][\w’'.-]{0,30}){0,3}")


_AUTHORED_WHICH = re.compile(
    r"\b(?:authored|published|released|issued|wrote|produced|drafted)\b[^.!?“”\"\n]{2,120}?,[ \t]+which[ \t]*$"
)


def _previous_sentence_speaker(
    text: str, quote: Quotation, window_start: int, mentions_in: Resolver, last_person: PersonFinder
) -> Speaker | None:
    """ "Roe says there are pros and cons. “It is simple to set up ...”": a quotation that opens a sentence
    with no cue of its own goes on with the speaker of the sentence right before it in its paragraph."""
    end = len(text[window_start : quote.open_at].rstrip()) + window_start
    if end <= window_start or text[end - 1] not in ".!?":
        return None
    clause = _sentence_start(text, window_start, end - 1)
    verb = _find_verb(text[clause:end])
    if verb is None or _quotes_in_full(text, clause, end) or _quoted_at(text, clause, clause + verb.start()):
        return None  # no reporting verb, or the sentence is itself a quotation with a speaker of its own
    if _PRONOUN_SET_OFF.search(text, clause, clause + verb.start()):
        return None  # "Lee has failed, he claimed.": the name before the set-off speaker is in the statement
    who = _speaker_in(clause, clause + verb.start(), text, mentions_in, last_person, quote.open_at)
    return (who, "claim.quote") if who else None


_QUOTED_PART = re.compile(r"[“\"][^“”\"\n]{0,400}[”\"]")


def _quotes_in_full(text: str, start: int, end: int) -> bool:
    """Whether a sentence quotes someone in full, not only a few words of its own speaker's ('Roe said the
    plan was "a costly mistake".' quotes in part)."""
    return any(
        m.group().count(" ") >= _MIN_CLAIM_WORDS - 1 for m in _QUOTED_PART.finditer(text, start, end)
    ) or text.count('"', start, end) % 2 == 1 or text.count("“", start, end) != text.count("”", start, end)


def _quoted_at(text: str, start: int, position: int) -> bool:
    """Whether `position` lies inside quotation marks opened after `start`."""
    return text.count('"', start, position) % 2 == 1 or text.count("“", start, position) > text.count("”", start, position)


def _own_cue_after(text: str, quote: Quotation) -> bool:
    """Whether a cue follows a quotation's closing mark ('," she said', '," said Roe')."""
    tail_end = _tail_end(text, quote)
    return bool(_CUE_AFTER_VERB.match(text, quote.close_at, tail_end) or _CUE_AFTER_SUBJECT.match(text, quote.close_at, tail_end))


def _inside_sentence(text: str, quote: Quotation) -> bool:
    """ 'Roe said the plan was "a costly mistake".': a few words quoted inside their speaker's sentence (after a
    word, not closed by a comma before a cue), not a short quotation of its own ('"Bring it on," said Roe.')."""
    before = text[max(0, quote.open_at - 2) : quote.open_at]
    return before[-1:] == " " and before[:1].isalnum() and text[quote.end - 1 : quote.end] not in (",", "!", "?")


def _continued(
    text: str, quote: Quotation, previous: tuple[str, int], mentions_in: Resolver, last_person: PersonFinder
) -> Speaker | None:
    """ "“Q1,” said Roe, a director at Example Lab. “Q2.”": a quotation that follows an attributed one in
    the same paragraph, with no other person named between them, is the same speaker's (not when someone no
    rule names is the subject between them: '“Q1,” said Roe. Lee could not believe it. He said: “Q2.”')."""
    speaker, end = previous
    gap = text[end : quote.open_at]
    if len(gap) > _WINDOW or "\n" in gap or stranger_between(last_person, end, quote.open_at):
        return None
    others = {m[2] for m in mentions_in(end, quote.open_at) if m[3] is ActorType.PERSON} - {speaker}
    return None if others else (speaker, "claim.quote")


def _paragraphs_in(text: str, start: int, end: int) -> list[Span]:
    out = []
    while start < end:
        cut = text.find("\n\n", start, end)
        cut = end if cut < 0 else cut
        out.append(Span(start, cut, text[start:cut]))
        start = cut + 2
    return out


# what stands between the two halves of a quotation its speaker interrupts: “...,” said Roe, “...” or
# “...,” Roe, a director at Example Lab, said, “...”
_INTERRUPTION = re.compile(
    rf"[ \t]*(?:(?:{reporting_verb_pattern()}|{_QUOTE_VERBS})[ \t]+[^.!?“”\"\n]{{2,120}}|"
    rf"[^.!?“”\"\n]{{2,120}}?[ \t]+(?:{reporting_verb_pattern()}|{_QUOTE_VERBS}))[ \t]*,[ \t]*",
    re.I,
)


def _interrupted(
    text: str, first: Quotation, second: Quotation, mentions_in: Resolver, last_person: PersonFinder
) -> ClaimMention | None:
    """The two halves of a quotation cut by its speaker, joined into one claim of that speaker."""
    if second.open_at - first.close_at > 160 or not text[second.start : second.start + 1].islower():
        return None  # the second half goes on with the sentence the first began
    if not _INTERRUPTION.fullmatch(text, first.close_at, second.open_at):
        return None
    who = _speaker_in(first.close_at, second.open_at, text, mentions_in, last_person, first.open_at)
    if who is None:
        return None
    end = second.end
    while end > second.start and text[end - 1] in ",;:… ":
        end -= 1
    body = text[first.start : first.end].rstrip(", ") + " " + text[second.start : end]
    return _claim_of(body, first.start, end, who, "claim.quote")


_SURNAME_SIMILARITY = 0.8  # "Mortorana" for "Martorana": one letter off in a name of nine
_CAPITALISED = re.compile(r"(?=[A-Z])(?<![\w’'-])[A-Z][a-z’'-]{3,30}+(?![\w’'-])")


def _with_misspelt_surnames(text: str, mentions_in: Resolver) -> Resolver:
    """Actor mentions, and where a speaker phrase names no known actor, a person the text named in full
    whose surname it then misspells ("Clare Martorana ... Mortorana summarized")."""
    surnames: dict[str, list[str]] = {}
    for m in mentions_in(0, len(text)):
        if m[3] is ActorType.PERSON and len(m[2].split()) > 1:
            surnames.setdefault(m[2].split()[-1], []).append(m[2])
    if not surnames:
        return mentions_in

    def find(start: int, end: int) -> list[Mention]:
        found = mentions_in(start, end)
        if found:
            return found
        for word in _CAPITALISED.finditer(text, start, end):
            w = word.group()
            near = {
                name
                for surname, names in surnames.items()
                if surname[0] == w[0]
                and abs(len(surname) - len(w)) <= 2
                and SequenceMatcher(None, surname, w).ratio() >= _SURNAME_SIMILARITY
                for name in names
            }
            if len(near) == 1:
                return [(word.start(), word.end(), near.pop(), ActorType.PERSON)]
        return []

    return find


def quote_claims(
    text: str, mentions_in: Resolver, last_person: PersonFinder
) -> tuple[list[ClaimMention], list[tuple[int, int]]]:
    """Claims of the attributed quotations, one per sentence quoted, and the spans (marks included) of
    the attributed quotations, which no sentence rule reads again."""
    claims_found: list[ClaimMention] = []
    covered: list[tuple[int, int]] = []
    mentions_in = _with_misspelt_surnames(text, mentions_in)
    lower = 0
    # where a quotation's cue may be looked for: not inside the quotation before, unless that one only quoted
    # a few words of its own sentence ('Roe said it was "a costly mistake". "We will fight it."')
    cue_lower = 0
    previous: tuple[str, int] | None = None  # the last attributed quotation's speaker and end
    fragment: Quotation | None = None  # a quotation cut by its speaker: “Most code,” said Roe, “is ...”
    marks = sorted([*quotations(text), *single_quotations(text)], key=lambda q: q.open_at)
    for quote in marks:
        if quote.open_at < lower:
            continue  # single quotes inside a double-quoted quotation
        if fragment is not None and (joined := _interrupted(text, fragment, quote, mentions_in, last_person)):
            claims_found.append(joined)
            covered.append((fragment.open_at, quote.close_at))
            previous, fragment = (joined.claimant, quote.close_at), None
            lower = cue_lower = quote.close_at
            continue
        fragment = quote if text[quote.end - 1 : quote.end] == "," else None
        # too short to state a claim, unless an exclamation ("That chapter is closed!")
        shortest = _MIN_EXCLAIMED_WORDS if text[quote.end - 1 : quote.end] == "!" else _MIN_CLAIM_WORDS
        if text.count(" ", quote.start, quote.end) < shortest - 1:
            if not _inside_sentence(text, quote) and _own_cue_after(text, quote):
                # '"Bring it on," she said. "Q2."': too short for a claim, but its speaker is the one Q2 goes on
                # with, not whoever spoke before it
                short = _attribute(text, quote, lower, mentions_in, last_person)
                previous = (short[0], quote.close_at) if short else None
            lower = quote.close_at
            if not _inside_sentence(text, quote):
                cue_lower = quote.close_at
            continue
        speaker = _attribute(text, quote, lower, mentions_in, last_person, cue_lower)
        if speaker is None and previous is not None and not _has_own_cue(text, quote):
            # a quotation whose own cue names someone no rule resolves ("...," said Allen) is not the
            # previous speaker's, however near
            speaker = _continued(text, quote, previous, mentions_in, last_person)
        lower = cue_lower = quote.close_at
        previous = (speaker[0], quote.close_at) if speaker else None
        if speaker is None:
            continue
        claimant, rule = speaker
        covered.append((quote.open_at, quote.close_at))
        # a block quote states its point a paragraph at a time; inline quotations a sentence at a time
        units = _paragraphs_in(text, quote.start, quote.end) if rule == "claim.quote_block" else None
        for sentence in units or sentences(text, quote.start, quote.end):
            end = sentence.end
            while end > sentence.start and text[end - 1] in ",;:… ":
                end -= 1
            claim = make_claim(text, sentence.start, end, claimant, rule, shortest)
            if claim is not None:
                claims_found.append(claim)
        if rule != "claim.quote_block" and (added := _added_clause(text, quote, claimant)):
            claims_found.append(added)
    return claims_found, covered


_MIN_EXCLAIMED_WORDS = 4
# '“...!” said Roe, adding that the agency would build its own tools.': a participle after the speaker
# reports a second statement of the same speaker ("adding four members" is no statement: "that" is required
# but after "saying")
_ADDING = re.compile(
    r",[ \t]+(?:(?:adding|noting|saying|arguing|explaining|stressing|warning|insisting|acknowledging)[ \t]+that"
    r"|saying)[ \t]+(?P<clause>[^\"“”‘’\n]{10,400}?)(?=[.!?](?:[ \t\n]|$)|\n|$)"
)
_SPEAKER_TAIL = 160  # characters after a quotation's closing mark where its cue, speaker and participle stand


_CLAUSE_END = re.compile(r"[.!?\n“\"]")


def _added_clause(text: str, quote: Quotation, claimant: str) -> ClaimMention | None:
    end = min(len(text), quote.close_at + _SPEAKER_TAIL)
    stop = _CLAUSE_END.search(text, quote.close_at + 1, end)
    adding = _ADDING.search(text, quote.close_at, stop.start() + 1 if stop else end)
    if adding is None or (not _CUE_AFTER_VERB.match(text, quote.close_at) and not _ANY_CUE.search(
        text, quote.close_at, adding.start()
    )):
        return None
    return make_claim(text, adding.start("clause"), adding.end("clause"), claimant, "claim.quote")


# --- the voice of the text itself ---------------------------------------------------------------------

# "the speakers recommended", "officials noted": people the text does not name (the gold standard and
# a reader leave these out; they are not the author's claims either)
_UNNAMED = re.compile(
    r"\b(?:speakers|panel(?:l)?ists|participants|attendees|officials|experts|analysts|critics|observers|"
    r"organi[sz]ers|members|delegates|people|many|some|others|sources|they|we)\b",
    re.I,
)
# a statement of what "we" know, think, found or have, not a plan ("we will tag an issue")
_WE_STANCE = re.compile(
    r"^(?:[^;:]{0,40}?[ \t,])?(?:we(?:’ve|'ve|[ \t]+have|[ \t]+had|[ \t]+long|[ \t]+also|[ \t]+still|[ \t]+currently|"
    r"[ \t]+now|[ \t]+all)*[ \t]+(?:know|knew|known|believe|think|found|find|learned|see|saw|want[ \t]+to[ \t]+show|"
    r"can[ \t]+tell|have|are[ \t]+committed)\b|our[ \t]+(?:hypothesis|view|position|experience|finding|belief)s?"
    r"[ \t]+(?:is|are|was|were)\b)",
    re.I,
)


def unnamed_speakers(sentence: str) -> bool:
    """The reporting verb's subject is someone other than the writer: a group the text does not name ("the
    speakers recommended") or a name no rule resolved ("Mortorana highlighted")."""
    verb = _find_verb(sentence)
    if verb is None:
        return False
    before = sentence[: verb.start()]
    words = before.split()
    # a capitalised word inside the subject, or a lone one opening the sentence that is no plural common
    # noun ("Discussions highlighted" is the writer's account; "Mortorana highlighted" is not)
    named = any(w[:1].isupper() and w.lower().strip(",") not in STOPWORDS for w in words[1:]) or (
        len(words) == 1 and words[0][:1].isupper() and not words[0].endswith("s") and words[0].lower() not in STOPWORDS
    )
    return named or _UNNAMED.search(before) is not None


def first_person_owner(text: str, mentions_in: Resolver) -> str | None:
    """The organisation whose voice a text's "we" is, when the text says so ("At Example Lab, we ...")."""
    for m in WE_AT.finditer(text):
        group = "a" if m.group("a") else "b"
        found = [x for x in mentions_in(m.start(group), m.end(group)) if x[3] is not ActorType.PERSON]
        if found:
            return found[0][2]
    return None


def in_first_person_voice(sentence: str) -> bool:
    """A statement in the text's own first-person plural voice of what it knows, thinks or has."""
    return _WE_STANCE.match(sentence) is not None


# --- pronoun antecedents: the nearest person a "he" or "she" can refer to ------------------------------

_HONORIFIC_AT = re.compile(r"(?P<title>Mr|Mrs|Ms|Miss|Sir|Lord|Lady|Dame)\.?[ \t]+(?=[A-Z])")
_HONORIFIC_BEFORE = re.compile(r"(?=[MSLD])(?<![\w’'])(?P<title>Mr|Mrs|Ms|Miss|Sir|Lord|Lady|Dame)\.?[ \t]+$")
_TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f"}
_GENDERED = re.compile(r"(?<![\w’'])(?:(?P<m>he|his)|(?P<f>she|her))(?![\w’'])", re.I)
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# a capitalised word as the subject of a reporting verb ("Keys said") or of a relative clause ("Jane, who
# runs the site,"), and a titled surname ("Ms Deans"): a person, whether or not a rule names them
_REPORTING = re.compile(rf"(?<![\w’'-])(?:{reporting_verb_pattern()})(?![\w’'-])")
_SUBJECT_REACH_BACK = 80  # characters before a reporting verb where its subject is looked for
_AUXILIARY = r"(?:[ \t]+(?:has|had|also|then|later|again))?"
_NAME_BEFORE_VERB = re.compile(rf"(?=[A-Z])(?<![\w’'-])(?P<name>[A-Z][\w’'-]{{0,40}}+){_AUXILIARY}[ \t]+$")
_NAME_BEFORE_WHO = re.compile(r"(?=[A-Z])(?<![\w’'-])(?P<name>[A-Z][\w’'-]{0,40}+),[ \t]+(?:who|the|an?)\b")
# someone the text does not name, as the subject of a reporting verb ("a Labour spokesman said", "one
# unnamed correspondent wrote", "the spokeswoman added"): a pronoun after it means that person, whom no
# claim can name. "The minister said" is left out: a definite role usually means a person already named.
_UNNAMED_BEFORE_VERB = re.compile(
    rf"(?<![\w’'-])(?:(?P<indefinite>[Aa]n?|[Oo]ne|[Aa]nother)|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)[ \t]+"
    rf"(?:[\w’'-]{{1,30}}+[ \t]+){{0,4}}?(?P<role>[a-z]{{3,20}}+){_AUXILIARY}[ \t]+$"
)
_SPOKESPEOPLE = {"spokesman": "m", "spokeswoman": "f", "spokesperson": "", "correspondent": "", "analyst": ""}
_TITLED_SURNAME = re.compile(r"(?<![\w’'])(?P<title>Mr|Mrs|Ms|Miss|Sir|Lord|Lady|Dame|Dr|Prof)\.?[ \t]+(?P<name>[A-Z][\w’'-]{0,40}+)")
_SENTENCE_REACH = 60  # characters after a name searched for the pronoun that shows its gender ("Roe said she")
# words a subject may follow: the start of a clause ("and", "but Roe said"); any other word before a name
# (a verb, a preposition) makes it an object ("defended Ana Costa", "a letter to Roe")
_CLAUSE_OPENERS = frozenset(
    {"and", "but", "while", "as", "when", "because", "then", "that", "so", "yet", "although", "though", "after",
     "before", "since", "meanwhile", "however", "also", "later", "earlier", "now", "today", "yesterday"}
)


@dataclass(frozen=True, slots=True)
class Antecedent:
    end: int
    name: str | None  # None: a person no rule names ("Keys said", "Ms Deans"), whom a pronoun may still mean
    gender: str  # "m", "f", or "" when the text does not tell
    subject: bool  # named where a clause's subject stands, not as an object
    follows: int = -1  # when it opens its sentence as the subject: where the next sentence starts
    pronoun: str = ""  # a "he" or "she" that opens its sentence (it means whom that sentence's pronoun means)
    opens: int = -1  # for such a pronoun: where its sentence starts


def _gender_votes(text: str, start: int, end: int, others: list[int]) -> str:
    """The gender an honorific before a name gives, else the first gendered pronoun after it in its
    sentence ("Keys said she was", "Holmes will make her debut"), unless another name stands between."""
    title = _HONORIFIC_AT.match(text, start) or _HONORIFIC_BEFORE.search(text, max(0, start - 8), start)
    if title:
        return _TITLE_GENDER[title.group("title").lower()]
    stop = end + _SENTENCE_REACH
    for cut in ".!?\n":
        k = text.find(cut, end, stop)
        stop = k if k >= 0 else stop
    pronoun = _GENDERED.search(text, end, stop)
    if pronoun is None or any(end <= o < pronoun.start() for o in others):
        return ""
    return "m" if pronoun.group("m") else "f"


_TOKEN = re.compile(r"[\w’'-]{1,40}|[^\w\s]")


def _is_subject(text: str, start: int, end: int) -> bool:
    """Whether a name at text[start:end] is a clause's subject rather than an object: its predicate
    follows it ("Roe said", "Roe has"), or only a description stands between it and the start of its
    sentence or clause ("Hearts manager John Robertson", "Former band singer Jo Lee, who ..."), or an
    inverted reporting verb does ("said Roe"). A preposition or a past-tense verb before it makes it an
    object ("defended President Ana Costa", "describing Roe as", "a letter to Roe")."""
    after = _TOKEN.findall(text, end, min(len(text), end + 60))[:1]
    if after and after[0][:1].islower() and after[0] not in _NOT_PREDICATE:
        return True
    tokens = _TOKEN.findall(text, max(0, start - 80), start)[-6:]
    if [t.lower() for t in tokens[-2:]] == ["according", "to"]:
        return True  # "according to Roe, ...": the source of what follows
    for token in reversed(tokens):
        if not token[0].isalnum():
            return token not in ("’", "'")
        bare = token.removesuffix("’s").removesuffix("'s").lower()
        if bare in _CLAUSE_OPENERS or _VERB.fullmatch(bare):
            return True
        if bare in _NOT_PREDICATE or (bare.endswith(("ed", "ing")) and len(bare) > 4 and not token[:1].isupper()):
            return False
    return True


# words that follow a name without being its predicate: prepositions and conjunctions ("Costa for ...",
# "Costa and Roe")
_NOT_PREDICATE = frozenset(
    {"to", "for", "from", "of", "at", "on", "in", "with", "by", "about", "against", "over", "under", "and", "or",
     "than", "as", "into", "after", "before", "during", "between", "like", "s", "beat", "met", "thanked",
     "praised", "criticised", "criticized", "accused", "named", "appointed", "replace", "replaced", "join",
     "joined", "meet", "see", "saw"}
)


def antecedents(text: str, index: list[Mention], person_like: Callable[[str], bool]) -> list[Antecedent]:
    """The people a later pronoun may refer to, in text order: every mention of a named person, and every
    person no rule names (a titled surname, a capitalised subject of a reporting verb that is no known
    actor), which a pronoun may mean too. Genders come from honorifics and the pronouns that follow a name."""
    people = [m for m in index if m[3] is ActorType.PERSON]
    starts = [m[0] for m in index]
    covered = [(m[0], m[1], m[3], m[2]) for m in index]
    votes: dict[str, list[str]] = {}
    found: list[tuple[int, str | None, int, int]] = [(m[1], m[2], m[0], m[1]) for m in people]
    unnamed: list[tuple[int, int, str]] = []  # end, start, gender of people the text does not name
    for m in people:
        # a surname alone may be a relative's ("Janie Hendrix ... where Hendrix grew up"): only the full
        # name, or a titled one, tells the person's gender
        if text[m[0] : m[1]] == m[2] or _HONORIFIC_AT.match(text, m[0]) or _HONORIFIC_BEFORE.search(text, max(0, m[0] - 8), m[0]):
            votes.setdefault(m[2], []).append(_gender_votes(text, m[0], m[1], starts))
    subjects: list[tuple[int, int]] = []  # start and end of a capitalised subject no rule may have named
    for verb in _REPORTING.finditer(text):
        window = max(0, verb.start() - _SUBJECT_REACH_BACK)
        if name := _NAME_BEFORE_VERB.search(text, window, verb.start()):
            subjects.append((name.start("name"), name.end("name")))
        elif unnamed_subject := _UNNAMED_BEFORE_VERB.search(text, window, verb.start()):
            role = unnamed_subject.group("role")
            if role in _SPOKESPEOPLE or (unnamed_subject.group("indefinite") and role in ROLE_WORDS):
                at = unnamed_subject.start("role")
                unnamed.append((unnamed_subject.end("role"), at, _SPOKESPEOPLE.get(role, "")))
    subjects += [(m.start("name"), m.end("name")) for m in _NAME_BEFORE_WHO.finditer(text)]
    found += _strangers(text, covered, person_like)
    surnamed: dict[str, set[str]] = {}
    for m in people:
        if len(m[2].split()) > 1:
            surnamed.setdefault(m[2].split()[-1], set()).add(m[2])
    by_surname = {surname: names.pop() for surname, names in surnamed.items() if len(names) == 1}
    titled = [(m.start(), m.end("name")) for m in _TITLED_SURNAME.finditer(text)]
    for start, end in subjects + titled:
        if text[end - 2 : end] in _POSSESSIVE:  # "Mr Snow's comments": the name ends before the possessive
            end -= 2
        word = text[start:end].split()[-1]
        if word.lower() in STOPWORDS or word.lower().rstrip("s") in ROLE_WORDS:
            continue
        owner = _covering(covered, end - 1)
        if owner is not None and (owner[2] is ActorType.PERSON or not person_like(" ".join(owner[3].split()[-2:]))):
            continue  # a known person, or a word of an organisation's name ("Example Lab said")
        # "Wardle confirmed ...", "Mr Wardle said": the surname of the one known person it can be
        found.append((end, by_surname.get(word) if owner is None else None, start, end))
    blocking = set(subjects)  # a subject of a reporting verb is a speaker; a titled name may be an object
    genders = {}
    for name, said in votes.items():
        told = [g for g in said if g]
        genders[name] = told[0] if told and all(g == told[0] for g in told) else ""
    for name in {m[2] for m in people} - genders.keys():
        genders[name] = ""
    # people named inside a quotation are what the speaker talks about, not whom a later "he said" means
    quoted = [(q.open_at, q.close_at) for q in quotations(text)]
    out = []
    for end, name, start, name_end in sorted(found, key=lambda f: f[0]):
        if _covering_span(quoted, start):
            continue
        gender = genders[name] if name is not None else _gender_votes(text, start, name_end, starts)
        subject = (start, name_end) in blocking or _is_subject(text, start, name_end)
        out.append(Antecedent(end, name, gender, subject))
    out += [Antecedent(end, None, gender or _gender_votes(text, start, end, starts), True) for end, start, gender in unnamed]
    out.sort(key=lambda a: a.end)
    starts_at = {end: start for end, _, start, _ in found} | {end: start for end, start, _ in unnamed}
    return _with_topics(text, out, starts_at)


_DETERMINED = re.compile(r"(?<![\w’'-])(?:the|a|an|this|that|its|their|our)[ \t]+$", re.I)


_DESCRIBES = re.compile(r"(?:['’]s)?(?:[ \t]+[a-z-]{2,20}){0,2}[ \t]+")


def _strangers(
    text: str, covered: list[tuple[int, int, ActorType, str]], person_like: Callable[[str], bool]
) -> list[tuple[int, str | None, int, int]]:
    """People the text names in full whom no rule made an actor ("Example FC boss Tom Reyes", with no cue
    beside him), and the later mentions of their surnames ("Reyes was critical of ..."): the nearest person a
    pronoun means may be one of them, and then no claim can name its speaker. A name shaped like a person's
    counts only with some sign that it is one: a description before it ("boss Tom Reyes"), an apposition
    after it ("Tom Reyes, who ..."), or its surname standing alone elsewhere ("Example Bridge" has none)."""
    full: list[Span] = []
    for span in name_spans(text):
        k = bisect_right(covered, span.end, key=lambda c: c[0])
        if (k and covered[k - 1][1] > span.start) or not person_like(span.text) or _determined(text, span.start):
            continue  # a known actor, or a place ("the Example Dome"), not a person
        if k < len(covered) and _DESCRIBES.fullmatch(text, span.end, covered[k][0]):
            continue  # "Former Example City actor Jo Lee": a description of the person named next
        full.append(span)
    if not full:
        return []
    alone: dict[str, list[tuple[int, int]]] = {}
    for start, surname in _words_found(text, {f.text.split()[-1] for f in full}):
        if _covering(covered, start) is None and not _determined(text, start) and not _NAME_WORD_BEFORE.search(
            text, max(0, start - 40), start
        ):
            alone.setdefault(surname, []).append((start, start + len(surname)))
    out: list[tuple[int, str | None, int, int]] = []
    for span in full:
        first, surname = span.text.split()[0], span.text.split()[-1]
        if f" {first.lower()} " in text:
            continue  # "Old Example", "Sim City": a common word, not a given name, opens the name
        others = [a for a in alone.get(surname, []) if a[1] != span.end]
        described = _DESCRIPTION_BEFORE.search(text, max(0, span.start - 60), span.start)
        if not (others or described or _APPOSED.match(text, span.end)):
            continue
        out.append((span.end, None, span.start, span.end))
        out += [(end, None, start, end) for start, end in others if end > span.end]
    return sorted(set(out))


def _words_found(text: str, words: set[str]) -> list[tuple[int, str]]:
    """(start, word) of each occurrence of one of `words` standing as a word of its own, in text order: what
    a regular expression alternating them would find, without compiling one for every document."""
    found: dict[int, str] = {}
    for word in sorted(words):  # where two start at one place, the first in order wins, as in an alternation
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if at not in found and not (at and _WORD_CHARACTER.match(text, at - 1)) and not _WORD_CHARACTER.match(text, end):
                found[at] = word
            at = text.find(word, at + 1)
    out, cursor = [], 0
    for start, word in sorted(found.items()):
        if start >= cursor:  # matches do not overlap
            out.append((start, word))
            cursor = start + len(word)
    return out


_WORD_CHARACTER = re.compile(r"[\w’'-]")
_NAME_WORD_BEFORE = re.compile(r"(?=[A-Z])(?<![\w’'-])[A-Z][\w’'.-]{0,30}[ \t]+$")  # "Frank Rijkaard": not the surname alone
# a description of a person after a name or a possessive: "Example FC boss Tom Reyes", "the union's film critic
# Jo Lee" (but not "could picture Tom Reyes": a verb before its object)
_DESCRIPTION_BEFORE = re.compile(r"(?:[A-Z][\w’'-]{0,30}|['’]s)(?:[ \t]+[a-z][a-z-]{1,20}){1,2}[ \t]+$")
# "Tom Reyes, who ...", "Jo Lee, the coach,", "Jo Lee, 23, a nurse": an apposition only a person takes
_APPOSED = re.compile(r",[ \t]+(?:(?:who|an?|the|his|her)[ \t]|\d{1,3},)")


def _determined(text: str, start: int) -> bool:
    return _DETERMINED.search(text, max(0, start - 8), start) is not None


# a sentence closed by its speaker: "..., Jo Lee has said." (set off by a comma, a few words, the verb, the end)
_CLOSING_SPEAKER = re.compile(
    rf",[ \t]+(?P<who>(?:[A-Z][\w’'-]*[ \t]+){{1,3}})(?:has[ \t]+|had[ \t]+)?(?:{reporting_verb_pattern()})[ \t]*[.!?]?[ \t]*$"
)
# "The Scot ...", "But the former Example City striker ...", "The 21-year-old ...": a definite description as
# the subject opening a sentence
_OPENING_DESCRIPTION = re.compile(
    r"(?:(?:However|Later|Then|Also|Meanwhile|But|And),?[ \t]+)?[Tt]he[ \t]+(?:[\w’'-]+[ \t]+){0,3}?"
    r"(?P<head>[\w’'-]+)[ \t]+(?:has[ \t]+|had[ \t]+|was[ \t]+|is[ \t]+|also[ \t]+|then[ \t]+|[a-z]+ly[ \t]+)?"
    r"[a-z]+(?:ed|s)\b"
)
_PERSON_HEADS = frozenset({"international", "youngster", "veteran", "star", "boss", "coach", "striker", "captain",
                           "skipper", "midfielder", "defender", "winger", "keeper", "goalkeeper", "singer", "actor",
                           "actress", "scot", "briton", "welshman", "irishman", "englishman", "frenchman", "man",
                           "woman"})


def _describes_person(head: str) -> bool:
    """Whether a description's head noun names a person: a role word, an age ("21-year-old"), a nationality
    noun or a few words for players and performers."""
    head = head.lower()
    return head in ROLE_WORDS or head in _PERSON_HEADS or head.endswith("-year-old")


# a "he" or "she" opening a sentence, after an optional linking adverb ("However, he ...")
_OPENING_PRONOUN = re.compile(r"(?:(?:However|Later|Then|Also|Finally|Instead|Here|But|And),?[ \t]+)?(?P<pron>[Hh]e|[Ss]he)\b")
_TOPIC_WORDS = 4  # words before a sentence's subject: a title or a description ("Deputy Secretary Jo Lee")


_DESCRIPTION_WORDS = 4  # "Example Party spokeswoman for women Jo Lee", "Roe's lawyer, Jo Lee"
_POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
# words that separate two names rather than describe the second ("Roe and Lee", "Roe met Lee", "Roe, who")
_BETWEEN_NAMES = frozenset({"and", "or", "but", "with", "by", "from", "than", "as", "who", "which", "that", "to"})


def _possessive_after(text: str, end: int) -> bool:
    return text.startswith(_POSSESSIVE_MARKS, end)


def _head_of(text: str, chain: list[Antecedent], at: int, starts_at: dict[int, int], end: int) -> int | None:
    """The person a noun phrase opened by chain[at] names: "Example Office minister Jo Lee" is Jo Lee, whatever
    the first name was taken for, and "Roe's lawyer, Jo Lee" is Jo Lee; None when the phrase is a possessor's
    with no person named as its head ("Roe's side has ...")."""
    while at + 1 < len(chain) and chain[at + 1].end <= end:
        gap = text[chain[at].end : starts_at.get(chain[at + 1].end, chain[at + 1].end)]
        owned = _possessive_after(text, chain[at].end)
        if owned:
            gap = gap[2:] if gap[1:2] == "s" else gap[1:]
        words = gap.replace(",", " ").split()
        # a description between them names a role ("spokeswoman for women"), or is all names and roles
        described = all(w.lower() in ROLE_WORDS or w[:1].isupper() for w in words) or any(
            w.lower() in ROLE_WORDS for w in words
        )
        if (
            len(words) > _DESCRIPTION_WORDS
            or not described
            or ("," in gap and not owned)
            or any(w.lower() in _BETWEEN_NAMES or w.endswith("ed") or _VERB.fullmatch(w) for w in words)
        ):
            break
        at += 1
    return None if _possessive_after(text, chain[at].end) else at


def _with_topics(text: str, chain: list[Antecedent], starts_at: dict[int, int]) -> list[Antecedent]:
    """The chain with each sentence's topic marked: the person who opens it as its subject, or a he/she that
    does. Centering: a pronoun opening the next sentence goes on with that topic, even when someone else is
    named later in the sentence ("Liang said his model resembled the one Mike presented. He added ...")."""
    spans = [s for p in paragraphs(text) for s in sentences(text, p.start, p.end)]
    ends = [a.end for a in chain]
    out = list(chain)
    for k, sentence in enumerate(spans[:-1]):
        follows = spans[k + 1].start
        pronoun = _OPENING_PRONOUN.match(text, sentence.start, sentence.end)
        if pronoun:
            word = pronoun.group("pron").lower()
            out.append(Antecedent(pronoun.end(), None, _PRONOUN_GENDER[word], True, follows, word, sentence.start))
            continue
        described = _OPENING_DESCRIPTION.match(text, sentence.start, sentence.end)
        if described and _describes_person(described.group("head")):
            # "The Scot initially defended him.": a description opening its sentence goes on with the topic
            # before it, as a pronoun does, not with whoever was named last
            out.append(Antecedent(described.end(), None, "", True, follows, "the", sentence.start))
            continue
        at = bisect_right(ends, sentence.start)
        closing = _CLOSING_SPEAKER.search(text, sentence.start, sentence.end)
        if closing is not None:
            # "Roe has failed, Lee has said.": the one who says it is the sentence's subject, not the one
            # who opens it
            speaker = next(
                (k for k in range(at, len(chain)) if closing.start("who") < chain[k].end <= closing.end("who")), None
            )
            if speaker is not None and chain[speaker].name is not None:
                b = chain[speaker]
                out[speaker] = Antecedent(b.end, b.name, b.gender, b.subject, follows)
                continue
        while at < len(chain) and chain[at].end <= sentence.end:
            a = chain[at]
            start = starts_at.get(a.end, a.end)
            if a.subject and start >= sentence.start and len(text[sentence.start : start].split()) <= _TOPIC_WORDS:
                head = _head_of(text, chain, at, starts_at, sentence.end)
                if "," not in text[sentence.start : start] and head is not None:
                    b = chain[head]
                    out[head] = Antecedent(b.end, b.name, b.gender, b.subject, follows)
                break
            at += 1
    return sorted(out, key=lambda a: a.end)


def _covering_span(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether position `at` lies inside one of `spans` (sorted by start, not overlapping)."""
    k = bisect_right(spans, at, key=lambda c: c[0])
    return bool(k) and spans[k - 1][0] <= at < spans[k - 1][1]


def _covering(covered: list[tuple[int, int, ActorType, str]], at: int) -> tuple[int, int, ActorType, str] | None:
    """The indexed mention that holds position `at`, if any (the index is sorted and does not overlap)."""
    k = bisect_right(covered, at, key=lambda c: c[0])
    if k and covered[k - 1][0] <= at < covered[k - 1][1]:
        return covered[k - 1]
    return None


class _Resolver:
    """A pronoun resolver (called as a PersonFinder) that also tells where people no rule names stand."""

    def __init__(self, find: PersonFinder, strangers: list[int]) -> None:
        self.find = find
        self.strangers = strangers  # ends of people no rule names who open a sentence as its topic, sorted

    def __call__(self, position: int, pronoun: str) -> str | None:
        return self.find(position, pronoun)

    def stranger_between(self, start: int, end: int) -> bool:
        k = bisect_right(self.strangers, start)
        return k < len(self.strangers) and self.strangers[k] <= end


def stranger_between(last_person: PersonFinder, start: int, end: int) -> bool:
    """Whether a person no rule names opens a sentence as its topic between two positions ("Lee could not
    believe it."), as far as the resolver knows."""
    return isinstance(last_person, _Resolver) and last_person.stranger_between(start, end)


def pronoun_resolver(chain: list[Antecedent]) -> PersonFinder:
    """He or she refers to the nearest person before it whose gender does not disagree, preferring one named
    as a subject over one named as an object; nobody when that person is one no rule names, or when the
    nearest compatible person is further back than a few paragraphs."""
    topics = {a.follows: a for a in chain if a.follows >= 0}
    # a description opening a sentence ("The Scot defended him") stays in the chain as someone unnamed
    chain = [a for a in chain if not a.pronoun or a.pronoun == "the"]
    ends = [a.end for a in chain]

    def find(position: int, pronoun: str) -> str | None:
        want = _PRONOUN_GENDER.get(pronoun.lower(), "")
        seen = set()
        while (topic := topics.get(position)) is not None and position not in seen:
            # a pronoun opening the sentence after one whose subject is a person of its gender means that person
            seen.add(position)
            if want and topic.gender and topic.gender != want:
                break
            if not topic.pronoun:
                return topic.name
            position = topic.opens  # "He reflected ... He presented": whom the earlier "he" means
        if pronoun == "the":
            return None  # a description means the topic before it or no one known
        fallback: Antecedent | None = None
        k = bisect_right(ends, position)
        while k > 0:
            k -= 1
            a = chain[k]
            if position - a.end > _PRONOUN_REACH:
                break
            if want and a.gender and a.gender != want:
                continue
            if a.subject:
                return a.name  # None for a description: whom it means is not known here
            fallback = fallback or a
        return fallback.name if fallback else None

    # only a stranger who opens a sentence as its topic: "subject" alone is too loose a sign of a clause's subject
    return _Resolver(find, sorted(a.end for a in topics.values() if a.name is None and not a.pronoun))
