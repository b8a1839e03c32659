"""Claims in the voice of an organisation, of the document's issuer or publisher, or of its named author,
where no quotation marks or reported speech show who speaks.

Rules (each reads only sentences no other claim rule has taken):
- `claim.org_stance`: an organisation or government body is the subject of a stance verb ("The
  Example Agency recommends ...", "In 2016, GSA found ...", "Example Org’s report found ...", "A new report
  from Example Org shows ...", "The agency is urging ...").
- `claim.speaker_label`: a paragraph opened by its speaker's name and a colon, as in an interview or a
  transcript ("Example Agency: Every team should ...", "Example Department’s Records Office about its pilot:
  ..."); in an interview (two labels or more) the answer goes on over the paragraphs after its label, up to
  the next question, heading, rule, list or label.
- `claim.voice_owner`: the organisation whose voice the text is (its "we": "At Example Lab, we ...", or
  the publisher) states something of itself ("Example Lab has ...", "Our team found ...", "We recommend ...").
- `claim.issuer`: a document that names itself as an instrument ("this policy", "this memorandum") speaks
  for its issuer (the publisher, or the body the text names as issuing guidance) in its requirements,
  judgements and present-tense statements ("each agency must ...", "Licensing is a critical component of ...").
- `claim.page_owner`: on the page an organisation writes about itself ("About the Example Lab", no byline),
  its statements in no one else's voice are the organisation's, a paragraph's run of them at a time.
- `claim.author_voice`: the one named author's "I" stance ("I think ...", "In my view, ...").
- `claim.author_assert`: the one named author's own assertion of a change or result, in the present
  perfect ("Annual talks have contributed to ...", "Mexico has created ...").

Only statements count: headings, questions, calls to action and narration ("We met ...") are left out.
Every pattern is anchored or bounded, so a sentence is read in time linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ontology.records import ActorType, Document, DocumentKind
from pipelines.extract.actors import Mention as ActorMention
from pipelines.extract.claims import ClaimMention, Mention, Resolver, has_reporting_verb, make_claim
from pipelines.extract.lexicon import DOCUMENT_NOUNS, SELF_INSTRUMENTS, STANCE_VERBS, word_set
from pipelines.extract.text import Covered, Span, paragraphs, sentences

_ORGS = frozenset({ActorType.ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.IGO})
_MIN_WORDS = 6  # a shorter sentence is a label or a fragment, not a statement
_SUBJECT_OFFSET = 5  # characters before a subject name that may still open its clause ("The ", "In ")
_INTRO_REACH = 80  # an introductory phrase ("Like all federal agencies, ") is no longer than this
# words between a subject and its verb: auxiliaries, adverbs and time words ("has also recently")
_FILLERS = word_set(
    "has have had also now recently further previously already since then today yesterday again once "
    "repeatedly consistently long still first"
)
# "The agency is encouraging agencies to ...": a stance in the progressive
_URGING = word_set("encouraging urging calling asking recommending requiring advising")
# "The agency is trying to ...": what it aims at, as "aims to" and "seeks to" state it
_AIMING = word_set("trying working seeking aiming planning looking hoping striving")
_DOC_REACH = 4  # words between an owner's possessive and the document noun ("GSA’s 2016 annual report")
_DOC_VERBS = word_set(
    "found finds shows showed says said states stated concluded concludes estimates estimated notes noted recommends "
    "recommended warns warned identified identifies reports reported requires required directs mandates establishes "
    "encourages calls"
)
# what the voice owner may say of itself: having, being, believing, being able ("18F has the ability to")
_OWNER_VERBS = word_set("has is are remains believes thinks knows sees can must should needs wants")
_WORD = re.compile(r"[\w’'.-]+")
# calls to action and instructions open with the verb ("Join us", "Register now", "Read the report")
_IMPERATIVE = word_set(
    "please join register learn read visit sign check contact follow click watch find see share subscribe apply "
    "email download go get make take try use don’t don't do let’s let's tell send submit start"
)
_QUOTE_MARKS = frozenset("“”\"")
_WE_STANCE = re.compile(
    r"(?:^|[,;][ \t]+)(?:[Ww]e|[Oo]ur[ \t]+(?:team|research|analysis|data|experience|survey|work|findings?|study))"
    r"(?:[ \t]+(?:also|now|still|strongly|firmly|have|had|all|’ve|'ve))*[ \t]+"
    r"(?:recommend|expect|estimate|consider|are[ \t]+convinced|found|finds|shows?|showed|believe|think|know|learned|"
    r"must|should|need[ \t]+to|are[ \t]+committed|aim|strive)\b"
    r"|^(?:[^,;:]{0,40}[ \t])?[Oo]ur[ \t]+(?:mission|goal|vision|aim|purpose|view|position)[ \t]+(?:is|was)\b"
)
_I_STANCE = re.compile(
    r"(?:^|[,;][ \t]+)I(?:[ \t]+(?:also|still|really|strongly|firmly|do|have|’ve|'ve|personally|genuinely))*[ \t]+"
    r"(?:think|believe|feel|suspect|expect|would[ \t]+argue|am[ \t]+convinced|found|learned|know|hope)\b"
    r"|^(?:[Ii]n[ \t]+my[ \t]+(?:view|opinion|experience|mind)\b|My[ \t]+(?:view|sense|takeaway|conclusion|belief)"
    r"[ \t]+is\b)"
)
# present perfect of a change or result, early in the sentence ("talks have contributed to", "has created")
_PERFECT = re.compile(
    r"^[^,;:]{0,120}?\b(?:has|have)[ \t]+(?:\w{2,20}ly[ \t]+)?(?:been[ \t]+)?"
    r"(?:\w{2,20}(?:ed|en|wn)|made|built|brought|grown|become|led|won|set|cut|taken)\b"
)
_NARRATION = re.compile(r"^(?:[^,;:]{0,40}[ \t])?(?:I|[Ww]e|[Yy]ou|[Tt]hey|[Hh]e|[Ss]he)\b")
# a requirement or a judgement of an instrument: modal duties, and "X is a critical / the core ..."
_RULING = re.compile(
    r"\b(?:must|shall|should|will|(?:is|are)[ \t]+(?:required|encouraged|expected)[ \t]+to|may[ \t]+not)\b"
    r"|\b(?:is|are)[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:\w{2,20}[ \t]+)?"
    r"(?:critical|core|essential|important|key|necessary|primary|central|vital|fundamental)\b"
)
# a statement in the present tense (what the instrument holds to be so), not a past narration
_PRESENT = re.compile(
    r"\b(?:is|are|has|have|can|may|does|do|remains|include|includes|requires|creates|provides|means|affects)\b"
)
_SELF = re.compile(r"\b[Tt]his[ \t]+(?P<noun>[A-Za-z]{2,20})\b")
# a body named as the one that issues guidance: "OMB’s ... guidance", "OMB guidance", "OMB will provide",
# "assessed by OMB"
_ISSUER = re.compile(
    r"\b(?P<a>[A-Z]{2,6})(?:[’'][s][ \t]+(?:[\w-]{1,20}[ \t]+){0,2}(?:guidance|memorandum|memo|policy|circular|directive)"
    r"|[ \t]+(?:guidance|will[ \t]+(?:provide|issue|publish|review|assess)))\b"
    r"|\bby[ \t]+(?P<b>[A-Z]{2,6})\b"
)
_TELLS = re.compile(r"\b(?:tells?|told)\b")  # "..., sources tell the paper": the lexicon has no base form "tell"
_ISSUER_MIN = 2  # contexts naming a body before it counts as the issuer when others are named so too


def claims(
    doc: Document,
    text: str,
    mentions_in: Resolver,
    claimed: list[tuple[int, int]],
    we: str | None,
    known: Callable[[str], str | None],
) -> tuple[list[ClaimMention], list[ActorMention]]:
    """Claims of the voice rules over sentences outside `claimed`, and actors they name that the table
    lacks (an issuer known only by its acronym). `we` is the organisation of the text's "we", `known` the
    canonical name of a surface form (None for a name the document's actors do not hold)."""
    page = _about_page_owner(doc, text, mentions_in, known)
    owner = we or _publisher(doc, known) or page or _title_organisation(doc, text, mentions_in)
    author = _single_author(doc, known)
    issuer, new_actor = document_issuer(doc, text, known)
    taken = Covered(claimed)
    headings = frozenset(sec.start for sec in doc.sections)  # read for every sentence
    found: list[ClaimMention] = []
    paras = paragraphs(text)
    labels = [_speaker_label(text, para, mentions_in) for para in paras]
    interview = sum(label is not None for label in labels) >= _INTERVIEW_LABELS
    answering: str | None = None  # the speaker whose answer goes on over unlabelled paragraphs
    for para, label in zip(paras, labels, strict=True):
        if label is not None:
            answering = label[0] if interview else None
        elif answering is not None and _answer_goes_on(para):
            label = answering, para.start
        else:
            answering = None
        if label is not None:
            found += _answer(headings, text, para, label, taken)
            continue
        # an organisation's own page states its points a paragraph at a time: its run of statements is one claim
        run: ClaimMention | None = None
        for sentence in sentences(text, para.start, para.end):
            if taken.overlaps(sentence.start, sentence.end) or not _states(headings, sentence):
                run = None
                continue
            claim = _claim(text, sentence, mentions_in, owner, author, issuer)
            if claim is not None:
                found.append(claim)
                run = None
            elif page is not None and page == owner and (stated := _page_statement(text, sentence, page)):
                if run is not None and (joined := make_claim(text, run.start, stated.end, page, run.rule)):
                    found[-1] = run = joined
                else:
                    found.append(stated)
                    run = stated
            else:
                run = None
    used = new_actor is not None and any(c.claimant == new_actor.name for c in found)
    return found, [new_actor] if used and new_actor else []


def _answer(
    headings: frozenset[int], text: str, para: Span, label: tuple[str, int], taken: Covered
) -> list[ClaimMention]:
    """A speaker's turn states its point a paragraph at a time, as a block quote does: one claim for each run
    of statements in the paragraph that no other rule has read."""
    speaker, body = label
    runs: list[tuple[int, int]] = []
    joined = False  # whether the last sentence read went into the current run
    for sentence in sentences(text, max(para.start, body), para.end):
        if taken.overlaps(sentence.start, sentence.end) or not _states(headings, sentence):
            joined = False
        elif joined:
            runs[-1] = (runs[-1][0], sentence.end)
        else:
            runs.append((sentence.start, sentence.end))
            joined = True
    return [c for start, end in runs if (c := make_claim(text, start, end, speaker, "claim.speaker_label"))]


# "Example Agency: Every team should ...", "**Jane Roe:** We think ...": a paragraph that opens with its
# speaker's name and a colon, as in interviews, Q&As and transcripts (not a list item: "- **Example Lab:**
# a team that ..." describes the one it names)
_LABEL = re.compile(
    r"[*_]{0,2}(?:[Tt]he[ \t]+)?(?P<name>[A-Z][^:\n]{1,80}?)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+(?=[A-Z“\"])"
)
_LABEL_MIN_WORDS = 6  # what follows the label is a statement, not a name, a role or a date


def _speaker_label(text: str, para: Span, mentions_in: Resolver) -> tuple[str, int] | None:
    """The speaker a paragraph's opening label names (a person or an organisation, the whole label), and
    where the statement after it starts."""
    label = _LABEL.match(text, para.start, para.end)
    if label is None:
        return None
    speaker = _named_whole(text, label.start("name"), label.end("name"), mentions_in)
    if speaker is None:
        return None
    first = sentences(text, label.end(), para.end)[:1]
    if not first or len(first[0].text.split()) < _LABEL_MIN_WORDS or first[0].text.rstrip()[-1:] not in ".!”\"":
        return None
    return speaker, label.end()


# what may follow the speaker's name in a label: its short form in brackets ("Example Agency (EXA)"), or a
# short description set off by a comma or a bracket, or opened by a preposition ("Jane Roe, CTO, Example
# Lab", "Example Agency about its pilot", "Jane Roe (Example Lab)"); "and Jane Roe" names a second speaker
_LABEL_REST = re.compile(
    r"\([A-Z][\w&.-]{1,15}\)|(?:,|\(|(?:about|on|at|from|of|for|with|in)\b)[^:]{1,80}"
)
_LABEL_REST_WORDS = 8
_POSSESSIVE = ("’s ", "'s ")


def _named_whole(text: str, start: int, end: int, mentions_in: Resolver) -> str | None:
    """The person or organisation a label names: the name that opens it, or the last of a chain of
    possessives ("Example Department’s Office of Records" is the office), with at most a short description
    after it."""
    named = [m for m in mentions_in(start, end) if m[3] in _ORGS or m[3] is ActorType.PERSON]
    if not named or named[0][0] != start:
        return None
    k = 0
    while k + 1 < len(named) and text.startswith(_POSSESSIVE, named[k][1]) and named[k + 1][0] == named[k][1] + 3:
        k += 1
    rest = text[named[k][1] : end].strip()
    if not rest:
        return named[k][2]
    if len(rest.split()) > _LABEL_REST_WORDS or not _LABEL_REST.fullmatch(rest) or has_reporting_verb(rest):
        return None  # "Jane Roe, the director, said: ..." introduces a quotation, which its own rules read
    # "Example Lab, Jane Roe:" is Jane Roe speaking for her organisation
    people = [m for m in named[k:] if m[3] is ActorType.PERSON]
    return people[0][2] if people else named[k][2]


# an interview: several paragraphs open with a speaker's label; an answer goes on over the paragraphs
# after its label until the next question, heading, rule, list or label
_INTERVIEW_LABELS = 2
_RULE = re.compile(r"[-=*_ \t]{3,}")


def _answer_goes_on(para: Span) -> bool:
    s = para.text.strip()
    if _RULE.fullmatch(s) or s.startswith(("#", "- ", "* ", "|", ">")) or s[:1].isdigit():
        return False
    return not s.rstrip("-=*_ \t").endswith(("?", ":"))


def _claim(
    text: str,
    sentence: Span,
    mentions_in: Resolver,
    owner: str | None,
    author: str | None,
    issuer: str | None,
) -> ClaimMention | None:
    s = sentence.text
    if (owner_of := _document_by(sentence, mentions_in)) is not None:
        return make_claim(text, sentence.start, sentence.end, owner_of, "claim.org_stance")
    subject = _org_subject(sentence, mentions_in)
    if subject is not None:
        name, verb, rule = subject
        if verb and (rule == "claim.org_stance" or name == owner):
            return make_claim(text, sentence.start, sentence.end, name, rule)
    if owner and _WE_STANCE.search(s):
        return make_claim(text, sentence.start, sentence.end, owner, "claim.voice_owner")
    if author and _I_STANCE.search(s):
        return make_claim(text, sentence.start, sentence.end, author, "claim.author_voice")
    if issuer and (_RULING.search(s) or _PRESENT.search(s)) and not _NARRATION.match(s):
        return make_claim(text, sentence.start, sentence.end, issuer, "claim.issuer")
    if author and not issuer and _PERFECT.match(s) and not _NARRATION.match(s) and not has_reporting_verb(s):
        return make_claim(text, sentence.start, sentence.end, author, "claim.author_assert")
    return None


def _org_subject(sentence: Span, mentions_in: Resolver) -> tuple[str, bool, str] | None:
    """(organisation, whether a stance verb follows it, rule) for an organisation that opens the sentence
    or its main clause after an introductory phrase."""
    s = sentence.text
    openings = [0]
    comma = s.find(",", 0, _INTRO_REACH)
    if comma > 0:
        openings.append(comma + 1)
    for m in mentions_in(sentence.start, sentence.end):
        offset = m[0] - sentence.start
        if not any(0 <= offset - at <= _SUBJECT_OFFSET for at in openings) or m[3] not in _ORGS:
            continue
        if not _opens_clause(s, offset, openings):
            continue
        return _after_subject(s, m, offset + (m[1] - m[0]))
    return None


# "A new report from Example Org shows ...", "The study, published by Example Org, found ...": a document
# that opens the sentence and is said to be an organisation's, followed by what it finds
_DOCUMENT_BY = re.compile(
    r"(?:(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Tt]his)[ \t]+)?(?:[\w-]{1,20}[ \t]+){0,2}?(?P<noun>[a-z]{3,20})"
    r"(?:,[ \t]+(?:published|released|issued|commissioned|prepared|conducted)[ \t]+by|[ \t]+(?:from|by|of))[ \t]+"
)
_AFTER_OWNER = re.compile(r"[ \t]*,?[ \t]*(?:(?:has|have|also|now|recently)[ \t]+)*(?P<verb>[a-z]{3,20})\b")


def _document_by(sentence: Span, mentions_in: Resolver) -> str | None:
    """The organisation a document opening the sentence is from, when the document finds or requires
    something ("A new report from Example Org shows that ...")."""
    s = sentence.text
    doc = _DOCUMENT_BY.match(s)
    if doc is None or doc.group("noun") not in DOCUMENT_NOUNS:
        return None
    owners = [m for m in mentions_in(sentence.start + doc.end(), sentence.end) if m[3] in _ORGS]
    if not owners or owners[0][0] - sentence.start - doc.end() > _SUBJECT_OFFSET:
        return None
    verb = _AFTER_OWNER.match(s, owners[0][1] - sentence.start)
    return owners[0][2] if verb and verb.group("verb") in _DOC_VERBS else None


def _opens_clause(s: str, offset: int, openings: list[int]) -> bool:
    """Only a determiner may stand between a clause's opening and its subject ("The Agency", "In 2016, GSA")."""
    at = max(o for o in openings if o <= offset)
    gap = s[at:offset].strip().lower()
    return gap in ("", "the")


def _after_subject(s: str, m: Mention, end: int) -> tuple[str, bool, str]:
    words = [w.group().lower() for w in _WORD.finditer(s, end, min(len(s), end + 120))][: _DOC_REACH + 4]
    owned = s[end : end + 2] in ("’s", "'s")
    if owned or (words[:1] and words[0] in DOCUMENT_NOUNS and words[0] not in STANCE_VERBS):
        # "GSA’s report found", "The GSA memo directs": the owner of the document speaks ("The IAEA estimates
        # the cost" is a stance verb, not a document)
        words = [w for w in words if w not in ("’s", "'s", "s")]
        for k, word in enumerate(words[:_DOC_REACH]):
            if word in DOCUMENT_NOUNS:
                rest = [w for w in words[k + 1 :] if w not in _FILLERS]
                return m[2], bool(rest) and rest[0] in _DOC_VERBS, "claim.org_stance"
        return m[2], False, "claim.org_stance"
    comma = s.rfind(",")
    if comma > end and (has_reporting_verb(s[comma:]) or _TELLS.search(s, comma)):
        return m[2], False, "claim.org_stance"  # "X plans ..., sources tell the paper": the sources speak
    rest = [w for w in words if w not in _FILLERS]
    if rest and (
        rest[0] in STANCE_VERBS
        or (rest[0] in ("is", "are") and rest[1:2] and (rest[1] == "committed" or rest[1] in _URGING))
        or (rest[0] in ("is", "are") and rest[1:2] and rest[1] in _AIMING and rest[2:3] == ["to"])
    ):
        return m[2], True, "claim.org_stance"
    first, second = [*words, "", ""][:2]
    # "Example Lab has the ability to" states what it is; "Example Lab has revised ..." narrates an act
    acts = first in ("has", "is", "are") and (second.endswith(("ed", "en")) or second in ("been", "also", "now"))
    return m[2], first in _OWNER_VERBS and not acts, "claim.voice_owner"


def _states(headings: frozenset[int], sentence: Span) -> bool:
    """A sentence that may state something: long enough, not a heading (`headings`: where the document's
    sections start), question, call to action or someone else's quotation."""
    s = sentence.text.strip()
    words = s.split()
    if len(words) < _MIN_WORDS or s.startswith(("#", "|", "!")) or "↩" in s or s.rstrip("”\"’') ").endswith(("?", ":")):
        return False
    if sentence.start in headings:
        return False
    first = words[0].lower().strip("*_[(")
    if first in _IMPERATIVE:
        return False
    return not (not _QUOTE_MARKS.isdisjoint(s) and has_reporting_verb(s))


# "About the Example Lab", "About Example Lab": the page an organisation writes about itself
_ABOUT = re.compile(r"About[ \t]+(?:the[ \t]+)?(?P<name>[A-Z][^:|–—]{1,80}?)[ \t]*$")
_ABOUT_NOUN = re.compile(r"[ \t]+(?:team|organi[sz]ation|group)$")  # "About the Example Lab team" (lower case)
_LINK_TAIL = re.compile(r"[ \t]*:?[ \t]*(?:https?://|www\.)\S+$")  # "... solutions: https://example.org/policy"
# a sentence told by someone other than the page's owner (its readers, a person): not the owner's statement
_OTHER_VOICE = re.compile(r"^(?:[^,;:]{0,40}[ \t])?(?:I|[Yy]ou|[Hh]e|[Ss]he|[Tt]hey)\b")


def _about_page_owner(
    doc: Document, text: str, mentions_in: Resolver, known: Callable[[str], str | None]
) -> str | None:
    """The organisation an "About ..." page with no byline describes: its title's name, as the document's
    actors hold it (whole, or in its short form: "Example OSPO" for "Example Open Source Program Office")."""
    about = _ABOUT.match(doc.title or "")
    if about is None or doc.authors:
        return None
    name = _ABOUT_NOUN.sub("", about.group("name").strip())
    if (canonical := known(name)) is not None:
        return canonical
    orgs = {m[2] for m in mentions_in(0, len(text)) if m[3] in _ORGS}
    short = [org for org in orgs if _shortens(org, name)]
    return short[0] if len(short) == 1 else None


def _shortens(short: str, long: str) -> bool:
    """Whether each word of `short` is the next word of `long` or the initials of its next few words
    ("Example OSPO" for "Example Open Source Program Office")."""
    words = long.split()
    at = 0
    for token in short.split():
        if at < len(words) and token == words[at]:
            at += 1
            continue
        initials = "".join(w[0] for w in words[at : at + len(token)])
        if len(token) < 2 or not token.isupper() or initials != token:
            return False
        at += len(token)
    return at == len(words) and len(short.split()) < len(words)


def _page_statement(text: str, sentence: Span, owner: str) -> ClaimMention | None:
    """A statement on an organisation's own page, in no one else's voice: a full sentence (a closing link
    dropped), not a title in a list of links."""
    end = sentence.start + (link.start() if (link := _LINK_TAIL.search(sentence.text)) else len(sentence.text))
    body = text[sentence.start : end].rstrip()
    if not body.endswith((".", "!", ".”", "!”")) and not link:
        return None
    if _OTHER_VOICE.match(body) or (body.startswith(("- ", "* ")) and ": " not in body):
        return None  # a list item states something only as "- Example Tool: Delivers ...", else it is a title
    return make_claim(text, sentence.start, sentence.start + len(body), owner, "claim.page_owner")


def _publisher(doc: Document, known: Callable[[str], str | None]) -> str | None:
    return known(doc.publisher) if doc.publisher else None


def _title_organisation(doc: Document, text: str, mentions_in: Resolver) -> str | None:
    """The one organisation a page's title names ("About the Example Lab team"): whose "we" the page is."""
    if not doc.title or doc.kind in (DocumentKind.NEWS_ARTICLE, DocumentKind.SESSION_REPORT):
        return None
    named = {m[2] for m in mentions_in(0, len(text)) if m[3] in _ORGS and text[m[0] : m[1]] in doc.title}
    return named.pop() if len(named) == 1 else None


def _single_author(doc: Document, known: Callable[[str], str | None]) -> str | None:
    """The author whose "I" the text is: only when one person is named as its author."""
    if len(doc.authors) != 1 or doc.kind is DocumentKind.SESSION_REPORT:
        return None
    return known(doc.authors[0])


def document_issuer(doc: Document, text: str, known: Callable[[str], str | None]) -> tuple[str | None, ActorMention | None]:
    """Who speaks in a document that names itself as an instrument ("this policy" twice or more): its
    publisher, else the one body the text most often names as issuing guidance. A body known only by
    this is returned as a new actor too."""
    selves = Counter(m.group("noun").lower() for m in _SELF.finditer(text))
    if sum(n for noun, n in selves.items() if noun in SELF_INSTRUMENTS) < 2:
        return None, None
    publisher = _publisher(doc, known)
    if publisher:
        return publisher, None
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in _ISSUER.finditer(text):
        group = "a" if m.group("a") else "b"
        counts[m.group(group)] += 1
        first.setdefault(m.group(group), (m.start(group), m.end(group)))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and (ranked[0][1] < _ISSUER_MIN or ranked[1][1] == ranked[0][1])):
        return None, None  # the one body named so, or the one named most often
    acronym = ranked[0][0]
    canonical = known(acronym)
    if canonical:
        return canonical, None
    start, end = first[acronym]
    return acronym, ActorMention(acronym, ActorType.GOVERNMENT_BODY, start, end, "actor.issuer")
