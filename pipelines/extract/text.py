"""Text primitives for the extractors: sentences, paragraphs and capitalised-name spans, with offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Words that start sentences or join names but are never a name on their own.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "then",
        "than",
        "thus",
        "so",
        "such",
        "some",
        "any",
        "all",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "no",
        "not",
        "nor",
        "and",
        "or",
        "but",
        "if",
        "when",
        "while",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "why",
        "how",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "to",
        "up",
        "upon",
        "with",
        "within",
        "without",
        "about",
        "above",
        "after",
        "again",
        "against",
        "along",
        "also",
        "although",
        "among",
        "around",
        "because",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "instead",
        "like",
        "near",
        "since",
        "through",
        "throughout",
        "till",
        "toward",
        "towards",
        "under",
        "until",
        "via",
        "i",
        "me",
        "my",
        "we",
        "our",
        "us",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "one",
        "ones",
        "many",
        "most",
        "more",
        "much",
        "few",
        "several",
        "other",
        "others",
        "another",
        "same",
        "own",
        "just",
        "only",
        "even",
        "still",
        "yet",
        "already",
        "ever",
        "never",
        "always",
        "often",
        "here",
        "now",
        "today",
        "yesterday",
        "tomorrow",
        "later",
        "earlier",
        "first",
        "second",
        "third",
        "last",
        "next",
        "new",
        "key",
        "finally",
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "indeed",
        "instead",
        "overall",
        "while",
        "whereas",
        "despite",
        "though",
        "historically",
        "initially",
        "ultimately",
        "currently",
        "recently",
        "lately",
        "additionally",
        "similarly",
        "likewise",
        "consider",
        "update",
        "updates",
        "summary",
        "method",
        "principles",
        "topics",
        "best",
        "related",
        "read",
        "watch",
        "looking",
        "please",
        "note",
        "see",
        "click",
        "share",
        "follow",
        "join",
        "welcome",
        "thanks",
        "thank",
        "yes",
        "okay",
        "ok",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "let",
        "lets",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
CONNECTORS = frozenset(
    {
        "of",
        "for",
        "and",
        "the",
        "de",
        "du",
        "des",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "&",
    }
)

_WORD = re.compile(r"[^\W_](?:[\w’'.&-]*[^\W_])?|&|#\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[•*\-]\s)")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|vs|etc|e\.g|i\.e|Inc|Ltd|Co|Corp|No|Gov|Gen|Sen|Rep|U\.S|U\.K|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|ca|cf|Fig|Vol|pp)\.$"
)
_INITIAL = re.compile(r"\b[A-Z]\.$")
# a line at a time (possessive), not a character at a time: a newline followed by a blank line ends it
_PARAGRAPH = re.compile(r"(?:[^\n]++|\n(?!\s*\n))+")
_LONGEST_ABBREVIATION = 12  # characters, with the full stop: "approx." and "U.S." fit


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


class Covered:
    """Spans of a text already taken (by claims, by quotations), joined and sorted once, so whether a span
    overlaps any of them is a binary search, not a scan of them all."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if self._spans and start <= self._spans[-1][1]:
                self._spans[-1] = (self._spans[-1][0], max(self._spans[-1][1], end))
            else:
                self._spans.append((start, end))
        self._starts = [start for start, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        # only the last joined span starting before `end` can reach past `start`
        k = bisect_left(self._starts, end)
        return k > 0 and self._spans[k - 1][1] > start


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end] with absolute offsets; abbreviations do not end a sentence.

    Several extractors split the same paragraphs (a document's are split some two and a half times
    each): the split is made once per (text, range)."""
    return list(_sentences(text, start, len(text) if end is None else end))


@lru_cache(maxsize=512)
def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    out: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if "\n" not in match.group(0) and _ends_in_abbreviation(text, cursor, match.start() + 1):
            continue
        if text[cursor : match.start()].strip():
            out.append(_trimmed(text, cursor, match.start()))
        cursor = match.end()
    if text[cursor:end].strip():
        out.append(_trimmed(text, cursor, end))
    return tuple(out)


def _ends_in_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], trailing spaces dropped, ends in an abbreviation or an initial ("Dr.", "J.").

    Only the last few characters are searched: a run of initials ("A. B. C. ...") keeps a sentence open,
    and searching all of it at every full stop would take quadratic time."""
    while end > start and text[end - 1].isspace():
        end -= 1
    window = max(start, end - _LONGEST_ABBREVIATION)
    return bool(_ABBREVIATIONS.search(text, window, end) or _INITIAL.search(text, window, end))


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines (list items count as their own paragraph)."""
    out: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        span = _trimmed(text, match.start(), match.end())
        if span.text:
            out.append(span)
    return out


def name_spans(text: str, start: int = 0, end: int | None = None, *, max_tokens: int = 10) -> Iterator[Span]:
    """Maximal runs of capitalised words, joined by connectors ("Ministry of Culture") and numbers
    that follow a capitalised word ("IGF 2021"); leading stopwords ("The", "Later") are dropped.

    Several extractors scan the same document: the spans are computed once per (text, range)."""
    return iter(_name_spans(text, start, len(text) if end is None else end, max_tokens))


@lru_cache(maxsize=16)
def _name_spans(text: str, start: int, end: int, max_tokens: int) -> tuple[Span, ...]:
    return tuple(_scan_names(text, start, end, max_tokens))


def _scan_names(text: str, start: int, end: int, max_tokens: int) -> Iterator[Span]:
    # (start, end, text) of each word: the scan reads every word several times, and making a Span of each
    # was a tenth of the extraction's time
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
    # a possessive ends a name: "Germany’s Zendis" is two names
    possessive = {k for k, t in enumerate(tokens) if t[2].endswith(("’s", "'s"))}
    for k in possessive:
        t = tokens[k]
        tokens[k] = (t[0], t[1] - 2, t[2][:-2])
    # the words a name may start with, found once (a word in lower case never is one: most words are
    # passed over without a call)
    starts = [k for k, t in enumerate(tokens) if not t[2].islower() and _name_token(t[2])]
    is_name = bytearray(len(tokens))
    for k in starts:
        is_name[k] = 1
    i = 0
    for first_word in starts:
        if first_word < i:
            continue
        i = first_word
        j = i + 1
        while j < len(tokens) and j - i < max_tokens and j - 1 not in possessive:
            gap = text[tokens[j - 1][1] : tokens[j][0]]
            initialism = gap == ". " and _INITIALISM.fullmatch(tokens[j - 1][2]) is not None
            if gap not in {" ", "\n"} and not (initialism and tokens[j][2].lower() not in STOPWORDS):
                break  # "U.S. Digital Service" goes on after the initialism's full stop
            word = tokens[j][2]
            if is_name[j] or (word[0].isdigit() and is_name[j - 1]) or word.startswith("#"):
                j += 1
            elif (
                (word.lower() in CONNECTORS or (word == "on" and tokens[j - 1][2] in _ON_HEADS and j + 1 < len(tokens) and tokens[j + 1][2].lower() not in STOPWORDS))
                and j + 1 < len(tokens)
                and is_name[j + 1]
                and text[tokens[j][1] : tokens[j + 1][0]] in {" ", "\n"}
            ):
                j += 2
            elif _of_the_name(text, tokens, j):
                j += 3
            else:
                break
        first = i
        while first < j and _leading_noise(text, tokens, first, j):
            first += 1
        last = j
        while last > first and tokens[last - 1][2].lower() in CONNECTORS:
            last -= 1
        if first < last:
            s, e = tokens[first][0], tokens[last - 1][1]
            yield Span(s, e, " ".join(text[s:e].split()).removesuffix("’s").removesuffix("'s"))
        i = j


def _leading_noise(text: str, tokens: list[tuple[int, int, str]], k: int, end: int) -> bool:
    """Words that open a run of capitalised words without being part of the name: stopwords ("The",
    "A" but not the acronym "US") and a sentence's opening gerund before a connector ("Launching the
    Department of ..."; inside a sentence it may be the name: "the Controlling the Assault of ... Act")."""
    word = tokens[k][2]
    if word == "New" and k + 1 < end:  # "New Zealand", "the New York Times"
        return False
    if word.lower() in STOPWORDS:
        return not (word.isupper() and len(word) > 1)
    if not (word.endswith("ing") and k + 1 < end and tokens[k + 1][2] in CONNECTORS):
        return False
    start = tokens[k][0]
    before = text[max(0, start - 10) : start].rstrip(" \t")
    return (not before and start < 10) or before[-1:] in {".", "!", "?", "\n"}


def _name_token(word: str) -> bool:
    return (
        (bool(word) and word[0].isupper())
        or (len(word) > 1 and word[0].islower() and word[1].isupper())
        or (not word.islower() and _PARTICLE_SURNAME.match(word) is not None)
    )


# "Office on Disability", "Committee on Trade": "on" joins a name after these heads
_ON_HEADS = frozenset({"Institute", "Committee", "Commission", "Council", "Conference", "Center", "Centre", "Office"})
_INITIALISM = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]")  # "U.S", "U.K" (the token without its last full stop)
_PARTICLE_SURNAME = re.compile(r"(?:de|da|di|du|van|von|le|la|mac)[A-Z][a-z]")  # "deLevie", "vanDyke"


def _of_the_name(text: str, tokens: list[tuple[int, int, str]], j: int) -> bool:
    """ "Department of the Treasury", "Federation of the Blind": "of the" / "for the" inside a name."""
    if j + 2 >= len(tokens) or tokens[j][2] not in {"of", "for"} or tokens[j + 1][2] != "the":
        return False
    gaps = text[tokens[j][1] : tokens[j + 1][0]], text[tokens[j + 1][1] : tokens[j + 2][0]]
    return gaps[0] == " " and gaps[1] == " " and tokens[j + 2][2][:1].isupper()


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_SPACES = re.compile(r"\s+")
_HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Prof")
_HONORIFIC_START = re.compile(r"Mr|Ms|Dr|Prof")  # where any of them starts ("Mrs" with "Mr"); none overlaps another


def mentions(text: str, forms: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of each match of

        (?<![\\w-])(?:(?:Mr|Mrs|Ms|Dr|Prof)\\.?\\s+)?(FORM1|FORM2|...)(?![\\w-])

    over the text (forms escaped, in the given order, none empty), exactly as `re.finditer` finds them,
    without compiling that pattern: it is made of a document's own names, so it was compiled anew for
    every document (and pushed the extractors' patterns out of `re`'s cache). Each form is found with
    str.find, and the positions where one occurs or an honorific starts are tried in order the way the
    regular expression tries them (the honorific first, its whitespace longest first; then the forms in
    order)."""
    first: dict[int, str] = {}  # start -> the first form, in order, that occurs there and ends a word
    for form in forms:
        at = text.find(form)
        while at >= 0:
            if at not in first and not _WORD_OR_HYPHEN.match(text, at + len(form)):
                first[at] = form
            at = text.find(form, at + 1)
    if not first:
        return []
    starts = sorted(first.keys() | {m.start() for m in _HONORIFIC_START.finditer(text)})
    out = []
    cursor = 0
    for start in starts:
        if start < cursor or (start and _WORD_OR_HYPHEN.match(text, start - 1)):
            continue
        at = _after_honorific(text, start, first)
        if at is None and start in first:
            at = start
        if at is not None:
            form = first[at]
            cursor = at + len(form)
            out.append((start, cursor, form))
    return out


def _after_honorific(text: str, start: int, first: dict[int, str]) -> int | None:
    """Where a form begins after an honorific at `start` ("Mr", "Dr.", then whitespace), if one does."""
    for honorific in _HONORIFICS:
        if not text.startswith(honorific, start):
            continue
        end = start + len(honorific)
        for dot in (1, 0) if text.startswith(".", end) else (0,):
            space = _SPACES.match(text, end + dot)
            if space:
                for at in range(space.end(), space.start(), -1):
                    if at in first:
                        return at
    return None
