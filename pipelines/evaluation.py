"""Scoring a built graph against hand-made gold annotations (../shared/gold, schema in its README).

The graph is read back from the published N-Triples, so what is scored is what users get. Matching:
normalised names and aliases (ASCII, lower case, punctuation to spaces, honorifics and "the" dropped),
with near-identical spellings accepted (similarity >= 0.88 actors, >= 0.80 events and policies).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pyoxigraph as ox

from ontology.namespace import sparql_prologue

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "as",
        "at",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "not",
        "no",
        "but",
        "if",
        "than",
        "then",
        "so",
        "such",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "also",
        "can",
        "could",
        "would",
        "should",
        "will",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "into",
        "over",
        "under",
        "about",
        "more",
        "most",
        "other",
        "some",
        "any",
        "all",
        "each",
    ]
)
_TYPE_GROUP = {
    "Person": "person",
    "Country": "country",
    "GovernmentBody": "org",
    "Organization": "org",
    "IntergovernmentalOrganization": "org",
}


_ATTRIBUTES = {"events": ("start", "part_of"), "policies": ("actors",)}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(?:(?:mr|ms|mrs|dr|prof|the)\s+)+", "", text)


def _similar(a: str, b: str, threshold: float) -> bool:
    return a == b or (bool(a) and bool(b) and SequenceMatcher(None, a, b).ratio() >= threshold)


def content_words(text: str) -> set[str]:
    return {w for w in normalise(text).split() if w not in _STOP and len(w) > 1}


@dataclass
class GoldItem:
    name: str
    names: set[str]
    type: str = ""
    core: bool = False
    extra: dict = field(default_factory=dict)


@dataclass
class Item:
    iri: str
    names: set[str]
    type: str = ""
    text: str = ""  # claims: the claim text; names are then the claimant's
    extra: dict = field(default_factory=dict)  # events: start, part_of; policies: actors (normalised)
    documents: set[str] = field(default_factory=set)  # file stems of the documents it was read from


@dataclass
class Score:
    extracted: int
    gold: int
    matched_gold: int
    matched_extracted: int
    typed_matched: int | None = None

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _gold_files(gold: Path | Iterable[Path]) -> list[Path]:
    dirs = [gold] if isinstance(gold, Path) else list(gold)
    return sorted(p for d in dirs for p in d.glob("*.json"))


def load_gold(gold: Path | Iterable[Path], stems: Iterable[str] | None = None) -> dict[str, dict[str, GoldItem]]:
    """Gold items of every file (or of the named stems), merged across files by normalised name."""
    wanted = set(stems) if stems is not None else None
    merged: dict[str, dict[str, GoldItem]] = {"actors": {}, "events": {}, "policies": {}}
    claims: list[GoldItem] = []
    for path in _gold_files(gold):
        if wanted is not None and path.stem not in wanted:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "actors" not in data:
            continue  # not an annotation file
        aliases_of = {a["name"]: {a["name"], *a.get("aliases", [])} for a in data["actors"]}
        event_names = {e["name"]: {e["name"], *e.get("aliases", [])} for e in data["events"]}
        for kind in ("actors", "events", "policies"):
            for entry in data[kind]:
                key = normalise(entry["name"])
                item = merged[kind].setdefault(key, GoldItem(entry["name"], set(), entry.get("type", "")))
                item.names |= {normalise(n) for n in (entry["name"], *entry.get("aliases", []))}
                item.core = item.core or bool(entry.get("core"))
                if kind == "events":
                    if entry.get("start"):
                        item.extra.setdefault("start", set()).add(entry["start"])
                    if entry.get("part_of"):
                        parents = event_names.get(entry["part_of"], {entry["part_of"]})
                        item.extra.setdefault("part_of", set()).update(normalise(n) for n in parents)
                if kind == "policies":
                    for actor in entry.get("actors", []):
                        item.extra.setdefault("actors", set()).update(
                            normalise(n) for n in aliases_of.get(actor, {actor})
                        )
        for entry in data["claims"]:
            names = {normalise(n) for n in aliases_of.get(entry["claimant"], {entry["claimant"]})}
            claims.append(
                GoldItem(
                    entry["text"],
                    names,
                    core=bool(entry.get("core")),
                    extra={"words": content_words(entry["text"]), "claimant": entry["claimant"], "file": path.stem},
                )
            )
    return {**merged, "claims": {str(i): c for i, c in enumerate(claims)}}


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    results = store.query(sparql_prologue() + query)
    return [{v.value: (row[v].value if row[v] is not None else "") for v in results.variables} for row in results]


def graph_items(nt_file: Path) -> dict[str, list[Item]]:
    """Actors, events and policies (with every label) and claims (text, claimant labels) of a graph."""
    store = ox.Store()
    store.bulk_load(path=str(nt_file), format=ox.RdfFormat.N_TRIPLES)
    out: dict[str, list[Item]] = {}
    for kind, cls in (("actors", "Actor"), ("events", "Event"), ("policies", "Policy")):
        items: dict[str, Item] = {}
        for row in _rows(
            store,
            f"""
            SELECT ?x ?name ?type WHERE {{
              ?x a sovkg:{cls} .
              {{ ?x rdfs:label ?name }} UNION {{ ?x schema:alternateName ?name }}
              # a policy of no more specific kind is only a sovkg:Policy: it is still scored
              OPTIONAL {{
                ?x a ?t .
                FILTER (?t != sovkg:{cls} && STRSTARTS(STR(?t), STR(sovkg:)))
                BIND (STRAFTER(STR(?t), STR(sovkg:)) AS ?type)
              }}
            }}""",
        ):
            item = items.setdefault(row["x"], Item(row["x"], set(), row["type"]))
            item.names.add(normalise(row["name"]))
        out[kind] = list(items.values())
    by_iri = {i.iri: i for kind in ("events", "policies") for i in out[kind]}
    for row in _rows(store, "SELECT ?x ?d WHERE { ?x a sovkg:Event ; sovkg:startDate ?d }"):
        by_iri[row["x"]].extra.setdefault("start", set()).add(row["d"][:10])
    for query, attribute in (
        (
            """SELECT ?x ?name WHERE { ?x a sovkg:Event ; sovkg:partOf ?p .
               { ?p rdfs:label ?name } UNION { ?p schema:alternateName ?name } }""",
            "part_of",
        ),
        (
            """SELECT ?x ?name WHERE { ?x a sovkg:Policy . { ?a sovkg:adopts ?x } UNION { ?a sovkg:runs ?x }
               { ?a rdfs:label ?name } UNION { ?a schema:alternateName ?name } }""",
            "actors",
        ),
    ):
        for row in _rows(store, query):
            by_iri[row["x"]].extra.setdefault(attribute, set()).add(normalise(row["name"]))
    claims: dict[str, Item] = {}
    for row in _rows(
        store,
        """
        SELECT ?c ?text ?name WHERE {
          ?c a sovkg:Claim ; sovkg:claimText ?text ; sovkg:claimant ?a .
          { ?a rdfs:label ?name } UNION { ?a schema:alternateName ?name }
        }""",
    ):
        item = claims.setdefault(row["c"], Item(row["c"], set(), text=row["text"]))
        item.names.add(normalise(row["name"]))
    out["claims"] = list(claims.values())
    everything = {i.iri: i for kind in out.values() for i in kind}
    for row in _rows(
        store,
        """
        SELECT DISTINCT ?x ?locator WHERE {
          { ?e rdf:subject ?x ; sovkg:inDocument ?d } UNION { ?x sovkg:sourceDocument ?d }
          ?d sovkg:sourceLocator ?locator .
        }""",
    ):
        if row["x"] in everything:
            everything[row["x"]].documents.add(_stem(row["locator"]))
    return out


def _stem(locator: str) -> str:
    """The file name without extension of a document's locator (a path or a URL)."""
    return Path(locator.rstrip("/").rsplit("/", 1)[-1]).stem


def _matches(item: Item, gold: GoldItem, threshold: float) -> bool:
    return any(_similar(n, g, threshold) for n in item.names for g in gold.names)


def score_entities(
    items: list[Item],
    gold: dict[str, GoldItem],
    threshold: float,
    *,
    core_only: bool = False,
    typed: bool = False,
) -> Score:
    golds = [g for g in gold.values() if g.core or not core_only]
    matched_gold = sum(1 for g in golds if any(_matches(i, g, threshold) for i in items))
    matched_extracted = sum(1 for i in items if any(_matches(i, g, threshold) for g in gold.values()))
    typed_matched = None
    if typed:
        typed_matched = sum(
            1
            for g in golds
            if any(_matches(i, g, threshold) and _TYPE_GROUP.get(i.type) == _TYPE_GROUP.get(g.type) for i in items)
        )
    return Score(len(items), len(golds), matched_gold, matched_extracted, typed_matched)


def attribute_recall(items: list[Item], gold: dict[str, GoldItem], attribute: str, threshold: float) -> float | None:
    """Of the gold items that give `attribute` (a date, a parent event, adopting actors), the share found with it:
    some matching extracted item has one of the gold values (names compared like actor names)."""
    golds = [g for g in gold.values() if g.extra.get(attribute)]
    if not golds:
        return None

    def agrees(item: Item, g: GoldItem) -> bool:
        return any(_similar(v, w, 0.88) for v in item.extra.get(attribute, ()) for w in g.extra[attribute])

    found = sum(1 for g in golds if any(_matches(i, g, threshold) and agrees(i, g) for i in items))
    return found / len(golds)


def claim_text_matches(extracted: str, gold: GoldItem) -> bool:
    words = gold.extra["words"]
    return bool(words) and len(words & content_words(extracted)) >= 0.5 * len(words)


def _right_claimant(item: Item, gold: GoldItem) -> bool:
    return any(_similar(n, c, 0.88) for n in item.names for c in gold.names)


def _credits(item: Item, gold: GoldItem) -> bool:
    """The extracted claim finds the gold claim: its text matches and its claimant is right."""
    return claim_text_matches(item.text, gold) and _right_claimant(item, gold)


def score_claims(
    items: list[Item], gold: dict[str, GoldItem], *, core_only: bool = False
) -> tuple[Score, float, float]:
    """Recall with the right claimant; claimant precision among text-matched extracted claims, over the
    union of the files (the gold README's rule) and matching each claim only with its own documents' gold
    (a two-word gold claim in one file otherwise text-matches claims of every other file)."""
    golds = [g for g in gold.values() if g.core or not core_only]
    found = sum(1 for g in golds if any(_credits(i, g) for i in items))
    matched = right = own_matched = own_right = 0
    for i in items:
        hits = [g for g in gold.values() if claim_text_matches(i.text, g)]
        if hits:
            matched += 1
            right += any(_right_claimant(i, g) for g in hits)
        own = [g for g in hits if g.extra.get("file", "") in i.documents]
        if own:
            own_matched += 1
            own_right += any(_right_claimant(i, g) for g in own)
    return (
        Score(len(items), len(golds), found, right),
        right / matched if matched else 0.0,
        own_right / own_matched if own_matched else 0.0,
    )


def evaluate(
    nt_file: Path, gold_dir: Path | Iterable[Path], stems: Iterable[str] | None = None
) -> dict[str, dict[str, float]]:
    """Per class and for all / core items: precision, recall, F1 (and typed recall, claimant precision)."""
    gold = load_gold(gold_dir, stems)
    items = graph_items(nt_file)
    report: dict[str, dict[str, float]] = {}
    thresholds = {"actors": 0.88, "events": 0.80, "policies": 0.80}
    for scope, core in (("all", False), ("core", True)):
        for kind, threshold in thresholds.items():
            s = score_entities(items[kind], gold[kind], threshold, core_only=core, typed=kind == "actors")
            row = {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "extracted": s.extracted,
                "gold": s.gold,
            }
            if s.typed_matched is not None:
                row["typed_recall"] = s.typed_matched / s.gold if s.gold else 0.0
            for attribute in _ATTRIBUTES.get(kind, ()):
                golds = {k: g for k, g in gold[kind].items() if g.core or not core}
                value = attribute_recall(items[kind], golds, attribute, threshold)
                if value is not None:
                    row[f"{attribute}_recall"] = value
            report[f"{kind}/{scope}"] = row
        c, claimant_precision, same_document = score_claims(items["claims"], gold["claims"], core_only=core)
        report[f"claims/{scope}"] = {
            "recall": c.recall,
            "claimant_precision": claimant_precision,
            "same_document_claimant_precision": same_document,
            "extracted": c.extracted,
            "gold": c.gold,
        }
    return report


@dataclass
class DocumentMisses:
    """What one document's extraction got wrong, per class: gold items it missed, extracted items that match
    no gold item of any file, and matched items without a gold attribute (an event's start date, a
    policy's adopting actors) or, for claims, with the wrong claimant."""

    document: str
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    incomplete: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"document": self.document, "missed": self.missed, "spurious": self.spurious,
                "incomplete": self.incomplete}


def _label(item: Item) -> str:
    return min(item.names, key=lambda n: (-len(n), n)) if item.names else item.iri


def misses(nt_file: Path, gold_dir: Path | Iterable[Path], stems: Iterable[str] | None = None) -> list[DocumentMisses]:
    """Per document (sorted by name): the gold items its extraction missed, the extracted items matching no
    gold item, and matched items lacking a gold attribute, so rules are written from data."""
    items = graph_items(nt_file)
    every_gold = load_gold(gold_dir, stems)
    thresholds = {"actors": 0.88, "events": 0.80, "policies": 0.80}
    out: list[DocumentMisses] = []
    for path in _gold_files(gold_dir):
        if stems is not None and path.stem not in set(stems):
            continue
        gold = load_gold([path.parent], [path.stem])
        if not any(gold.values()):
            continue
        report = DocumentMisses(path.stem)
        for kind, threshold in thresholds.items():
            mine = [i for i in items[kind] if path.stem in i.documents]
            missed = [g.name for g in gold[kind].values() if not any(_matches(i, g, threshold) for i in mine)]
            spurious = sorted(
                _label(i) for i in mine if not any(_matches(i, g, threshold) for g in every_gold[kind].values())
            )
            incomplete = []
            for attribute in _ATTRIBUTES.get(kind, ()):
                for g in gold[kind].values():
                    found = [i for i in mine if _matches(i, g, threshold)]
                    if found and g.extra.get(attribute) and attribute_recall(found, {"g": g}, attribute, threshold) == 0:
                        incomplete.append(f"{g.name}: no {attribute} ({', '.join(sorted(g.extra[attribute]))})")
            report.missed[kind], report.spurious[kind], report.incomplete[kind] = missed, spurious, incomplete
        mine = [i for i in items["claims"] if path.stem in i.documents]
        report.missed["claims"] = [
            f"{g.extra['claimant']}: {g.name}"
            for g in gold["claims"].values()
            if not any(_credits(i, g) for i in mine)
        ]
        report.spurious["claims"] = [
            f"{_label(i)}: {i.text}" for i in mine if not any(claim_text_matches(i.text, g) for g in every_gold["claims"].values())
        ]
        report.incomplete["claims"] = [
            f"{_label(i)} (wrong claimant): {i.text}"
            for i in mine
            if any(claim_text_matches(i.text, g) for g in gold["claims"].values())
            and not any(_credits(i, g) for g in gold["claims"].values())
        ]
        out.append(report)
    return out
