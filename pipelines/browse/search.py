"""Finding resources by name: an in-memory index built once per published release.

Names are folded (accents removed, case folded) and cut into words; a query word matches an indexed
word that equals it or starts with it, and every query word must match. Actors, events and policies
are indexed by label and aliases, claims by the words of their text. A sorted vocabulary makes a
prefix a binary search, so a lookup costs the size of the answer, not of the graph.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

SEARCHABLE = ("Actor", "Event", "Policy", "Claim")
_WORD = re.compile(r"\w+")
_TYPE_ORDER = {name: i for i, name in enumerate(SEARCHABLE)}


def fold(text: str) -> str:
    """Lower case without accents: "Édouard" and "edouard" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    type: str
    score: float

    def as_json(self) -> dict[str, object]:
        return {"iri": self.iri, "label": self.label, "type": self.type, "score": self.score}


@dataclass
class _Entry:
    iri: str
    type: str
    label: str = ""
    names: set[str] = field(default_factory=set)  # folded label and aliases, whole


class SearchIndex:
    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._by_iri: dict[str, int] = {}
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._vocabulary: list[str] = []

    def add(self, iri: str, type_: str, name: str, *, is_label: bool = False) -> None:
        """One name of a resource (call for its label, each alias, or a claim's text)."""
        position = self._by_iri.get(iri)
        if position is None:
            position = self._by_iri[iri] = len(self._entries)
            self._entries.append(_Entry(iri, type_))
        entry = self._entries[position]
        if is_label or not entry.label:
            entry.label = name
        entry.names.add(" ".join(words(name)))
        for word in words(name):
            self._postings[word].add(position)

    def freeze(self) -> SearchIndex:
        self._vocabulary = sorted(self._postings)
        return self

    def __len__(self) -> int:
        return len(self._entries)

    def _matches(self, word: str) -> dict[int, float]:
        """Entries with an indexed word equal to `word` (weight 2) or starting with it (weight 1)."""
        found: dict[int, float] = {}
        start = bisect.bisect_left(self._vocabulary, word)
        for token in self._vocabulary[start:]:
            if not token.startswith(word):
                break
            weight = 2.0 if token == word else 1.0
            for position in self._postings[token]:
                if found.get(position, 0.0) < weight:
                    found[position] = weight
        return found

    def search(self, query: str, type_: str | None = None, limit: int = 50) -> list[Hit]:
        query_words = words(query)
        if not query_words:
            return []
        scores: dict[int, float] | None = None
        for word in sorted(set(query_words), key=len, reverse=True):  # longest (rarest) first
            matches = self._matches(word)
            scores = matches if scores is None else {p: s + matches[p] for p, s in scores.items() if p in matches}
            if not scores:
                return []
        phrase = " ".join(query_words)
        hits = []
        for position, score in (scores or {}).items():
            entry = self._entries[position]
            if type_ and entry.type != type_:
                continue
            if phrase in entry.names:
                score += 10.0  # the whole name (label or alias)
            elif any(name.startswith(phrase) for name in entry.names):
                score += 4.0
            hits.append(Hit(entry.iri, entry.label, entry.type, score))
        hits.sort(key=lambda h: (-h.score, _TYPE_ORDER.get(h.type, 9), len(h.label), h.label))
        return hits[:limit]
