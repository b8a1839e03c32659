"""Releases and what changed between two of them.

Every publish that changes the graph is a release: its id is the date and the start of a digest of the
graph and the previous release's id (`20250301-1a2b3c4d`), so the same history gives the same id, a graph
that returns to an earlier state (a curation undone) is still a new release and the chain of versions
never loops, and the release metadata stays out of the dataset files (dataset.nt/ttl stay byte-identical for the same input).
`changes.json` and `changes.ttl` (the same in RDF, `sovkg:Release`) beside the dumps list the
actors, events, policies and claims added and removed since the previous release and the items whose
label changed; `compare` gives the same for any two dump folders (`sovkg diff`).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import AnyStr

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, XSD

from ontology import iri
from ontology.namespace import SOVKG
from pipelines.stages.atomic import read_state, read_tagged, write_state
from pipelines.stages.merge import subject_lines

CHANGES_JSON = "changes.json"
CHANGES_TTL = "changes.ttl"
DATASET_NT = "dataset.nt"
# in the state folder: the item table of the release last written, in shards by a hash of the IRI (the
# whole table is several MB at 2,000 documents: a release that touched a few subjects reads and writes
# the shards of those), and a header naming the graph the shards describe and how many items they hold
_ITEMS_FILE = "release-items.pickle"
_ITEMS_DIR = "release-items"
_ITEMS_LAYOUT = 2
_ITEM_SHARDS = 64
GROUPS = {"Actor": "actors", "Event": "events", "Policy": "policies", "Claim": "claims"}
# DCAT 3 versioning terms (rdflib's closed DCAT namespace predates them)
DCAT3 = Namespace(str(DCAT))
_TOP = {group: top for top, group in GROUPS.items()}
_TYPE = f"> <{RDF.type}> <{SOVKG._NS}"
_LABEL = f"> <{RDFS.label}> "


@dataclass(frozen=True)
class Release:
    id: str
    date: str  # ISO date
    previous: str | None  # the previous release's id
    graph: str = ""  # the graph's digest: republishing the same graph is the same release


def release_id(released: date, digest: str, previous: str | None = None) -> str:
    chained = hashlib.sha1(f"{previous or ''}\n{digest}".encode(), usedforsecurity=False).hexdigest()
    return f"{released:%Y%m%d}-{chained[:8]}"


def _lines_with(text: str | bytes, marker: str) -> list[str]:
    """The lines holding `marker` (find runs at C speed; a dump has far fewer such lines than lines). Of
    bytes only those lines are decoded: a whole dump decoded takes up to four times its size."""
    if isinstance(text, bytes):
        return [line.decode("utf-8") for line in _found(text, marker.encode(), b"\n")]
    return _found(text, marker, "\n")


def _found(text: AnyStr, marker: AnyStr, newline: AnyStr) -> list[AnyStr]:
    lines = []
    i = text.find(marker)
    while i >= 0:
        end = text.find(newline, i)
        end = len(text) if end < 0 else end
        lines.append(text[text.rfind(newline, 0, i) + 1 : end])
        i = text.find(marker, end)
    return lines


def items(ntriples: str | bytes) -> dict[str, dict[str, str]]:
    """IRI -> {label, class (the most specific sovkg class), group (actors, events, ...)} of every
    actor, event, policy and claim in an N-Triples text."""
    classes: dict[str, set[str]] = {}
    for line in _lines_with(ntriples, _TYPE):
        subject, rest = line.split(_TYPE, 1)
        classes.setdefault(subject[1:], set()).add(rest.split(">", 1)[0])
    groups = {node: GROUPS[top] for node, locals_ in classes.items() for top in GROUPS if top in locals_}
    wanted = [line for line in _lines_with(ntriples, _LABEL) if line[1 : line.index(">")] in groups]
    labels: dict[str, str] = {}
    for triple in ox.parse("\n".join(wanted).encode(), format=ox.RdfFormat.N_TRIPLES):
        labels.setdefault(triple.subject.value, triple.object.value)
    out = {}
    for node, group in groups.items():
        top = _TOP[group]
        specific = sorted(classes[node] - {top, "Evidence"}) or [top]
        out[node] = {"label": labels.get(node, ""), "class": specific[0], "group": group}
    return out


def compare(
    old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], nodes: Iterable[str] | None = None
) -> dict[str, object]:
    """Added, removed and relabelled items between two item tables, with counts. `nodes`: the only items
    that may differ between them, when known (the others are not looked at)."""

    def listed(table: dict[str, dict[str, str]], nodes: set[str]) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {group: [] for group in GROUPS.values()}
        for node in sorted(nodes, key=lambda n: (table[n]["label"].lower(), n)):
            out[table[node]["group"]].append({"iri": node, "label": table[node]["label"], "class": table[node]["class"]})
        return out

    if nodes is None:
        old_nodes, new_nodes = set(old), set(new)
    else:
        candidates = set(nodes)
        old_nodes, new_nodes = candidates.intersection(old), candidates.intersection(new)
    added = listed(new, new_nodes - old_nodes)
    removed = listed(old, old_nodes - new_nodes)
    relabelled = [
        {"iri": n, "class": new[n]["class"], "old": old[n]["label"], "new": new[n]["label"]}
        for n in sorted(old_nodes & new_nodes)
        if old[n]["label"] != new[n]["label"]
    ]
    counts = {
        "added": {group: len(rows) for group, rows in added.items()},
        "removed": {group: len(rows) for group, rows in removed.items()},
        "relabelled": len(relabelled),
        "items": {"before": len(old), "after": len(new)},
    }
    return {"added": added, "removed": removed, "relabelled": relabelled, "counts": counts}


def read_items(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / DATASET_NT
    return items(path.read_text(encoding="utf-8")) if path.is_file() else {}


def read_changes(folder: Path) -> dict[str, object] | None:
    """The latest release's changes.json in a dump folder (what the landing page shows), if any."""
    try:
        return json.loads((folder / CHANGES_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class ItemTable:
    """The item table kept when a release was written (IRI -> {label, class, group}), read a shard at a
    time. Raises `StaleItems` when a shard the header names cannot be read."""

    def __init__(self, state_dir: Path, count: int) -> None:
        self.folder = state_dir / _ITEMS_DIR
        self.count = count  # items in the table
        self._shards: dict[int, dict[str, tuple[str, str, str]]] = {}

    def shard(self, n: int) -> dict[str, tuple[str, str, str]]:
        if n not in self._shards:
            kept = read_tagged(self.folder / f"{n:02x}.pickle", _ITEMS_LAYOUT, dict)
            if kept is None:
                raise StaleItems(n)
            self._shards[n] = kept
        return self._shards[n]

    def get(self, node: str) -> dict[str, str] | None:
        entry = self.shard(_item_shard(node)).get(node)
        return None if entry is None else _unpacked(entry)

    def everything(self) -> dict[str, dict[str, str]]:
        out = {}
        for n in range(_ITEM_SHARDS):
            out.update((node, _unpacked(entry)) for node, entry in self.shard(n).items())
        return out

    def edited_shards(
        self, nodes: Iterable[str], entries: dict[str, dict[str, str]]
    ) -> dict[int, dict[str, tuple[str, str, str]]]:
        """The shards holding `nodes`, each node's entry replaced by its one in `entries` (or dropped)."""
        shards: dict[int, dict[str, tuple[str, str, str]]] = {}
        for node in nodes:
            shard = shards.setdefault(_item_shard(node), self.shard(_item_shard(node)))
            if node in entries:
                shard[node] = _packed(entries[node])
            else:
                shard.pop(node, None)
        return shards


def _packed(entry: dict[str, str]) -> tuple[str, str, str]:
    """An item's entry as kept in a shard (a tuple pickles smaller and faster than a dict)."""
    return entry["label"], entry["class"], entry["group"]


def _unpacked(entry: tuple[str, str, str]) -> dict[str, str]:
    return {"label": entry[0], "class": entry[1], "group": entry[2]}


class StaleItems(Exception):
    """A shard of the kept item table is missing or unreadable: the table is made anew."""


def _item_shard(node: str) -> int:
    return zlib.crc32(node.encode("utf-8")) % _ITEM_SHARDS


def _kept_items(state_dir: Path, graph: str | None) -> ItemTable | None:
    """The item table kept when the release of `graph` (a graph digest) was written, if it was."""
    kept = read_state(state_dir / _ITEMS_FILE)
    if (
        graph
        and isinstance(kept, tuple)
        and len(kept) == 3
        and kept[0] == _ITEMS_LAYOUT
        and kept[1] == graph
        and isinstance(kept[2], int)
    ):
        return ItemTable(state_dir, kept[2])
    return None


def _keep_items(state_dir: Path, graph: str, count: int, shards: dict[int, dict[str, tuple[str, str, str]]]) -> None:
    """Write the shards `shards` of the item table of `graph`, then the header that names them (the old
    header goes first: a table half written is never taken for one)."""
    (state_dir / _ITEMS_FILE).unlink(missing_ok=True)
    for n, shard in sorted(shards.items()):
        write_state(state_dir / _ITEMS_DIR / f"{n:02x}.pickle", (_ITEMS_LAYOUT, shard))
    write_state(state_dir / _ITEMS_FILE, (_ITEMS_LAYOUT, graph, count))


def _as_shards(table: dict[str, dict[str, str]]) -> dict[int, dict[str, tuple[str, str, str]]]:
    shards: dict[int, dict[str, tuple[str, str, str]]] = {n: {} for n in range(_ITEM_SHARDS)}
    for node, entry in table.items():
        shards[_item_shard(node)][node] = _packed(entry)
    return shards


def updated_items(
    previous: dict[str, dict[str, str]], ntriples: bytes, touched: Iterable[bytes]
) -> dict[str, dict[str, str]]:
    """The item table of sorted N-Triples, from the table of an earlier version of them where only the
    `touched` subjects ("<iri>") gained or lost lines: an item's entry depends on its own lines only."""
    current = dict(previous)
    for subject in touched:
        if not subject.startswith(b"<"):
            continue  # blank nodes are never items
        node = subject[1:-1].decode("utf-8")
        entry = items(subject_lines(ntriples, subject).decode("utf-8")).get(node)
        if entry is None:
            current.pop(node, None)
        else:
            current[node] = entry
    return current


def write_release(
    staging: Path,
    out_dir: Path,
    ntriples: str | bytes,
    digest: str,
    released: date,
    state_dir: Path | None = None,
    touched: Iterable[bytes] | None = None,
) -> Release:
    """changes.json and changes.ttl in `staging`, comparing with the dump still in `out_dir` (`state_dir`,
    default `out_dir/.state`, keeps this release's item table for the next comparison). `touched`: the
    subjects whose lines changed since that dump's dataset.nt, when `ntriples` was made by editing it;
    then only their items are looked at again."""
    state_dir = state_dir or out_dir / ".state"
    changes = read_changes(out_dir)
    last = changes.get("release") if isinstance(changes, dict) else None
    last = last if isinstance(last, dict) else {}
    if last.get("id") and last.get("graph") == digest:  # the same graph written again: the same release
        release = Release(last["id"], str(last.get("date")), last.get("previous"), digest)
    else:
        previous = last.get("id")
        release = Release(release_id(released, digest, previous), released.isoformat(), previous, digest)
    kept = _kept_items(state_dir, last.get("graph"))
    compared = None
    if touched is not None and kept is not None and isinstance(ntriples, bytes):
        try:
            compared = _changes_of_touched(kept, ntriples, touched, digest, state_dir)
        except StaleItems:
            kept = None
    if compared is None:
        current = items(ntriples)
        try:
            old = kept.everything() if kept is not None else read_items(out_dir)
        except StaleItems:
            old = read_items(out_dir)
        compared = compare(old, current)
        _keep_items(state_dir, digest, len(current), _as_shards(current))
    changes = {"release": release.__dict__, **compared}
    (staging / CHANGES_JSON).write_text(json.dumps(changes, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (staging / CHANGES_TTL).write_text(changes_turtle(changes), encoding="utf-8")
    return release


def _changes_of_touched(
    kept: ItemTable, ntriples: bytes, touched: Iterable[bytes], digest: str, state_dir: Path
) -> dict[str, object]:
    """`compare` of the kept table with the one of `ntriples`, where only the `touched` subjects gained or
    lost lines since the kept table's release (an item's entry depends on its own lines only); keeps the
    new table, rewriting the shards of the touched items."""
    touched = list(touched)
    nodes = sorted({subject[1:-1].decode("utf-8") for subject in touched if subject.startswith(b"<")})
    old = {node: entry for node in nodes if (entry := kept.get(node)) is not None}
    new = updated_items(old, ntriples, touched)  # the touched items' entries now
    changes = compare(old, new, nodes)
    count = kept.count - len(old) + len(new)
    changes["counts"]["items"] = {"before": kept.count, "after": count}  # type: ignore[index]
    _keep_items(state_dir, digest, count, kept.edited_shards(nodes, new))
    return changes


def changes_turtle(changes: dict) -> str:
    """The changes as RDF: a `sovkg:Release` with its added, removed and relabelled items.

    Written line by line in the layout of rdflib's Turtle serializer (the prefixes used, sorted; the
    release, then its items sorted by IRI; `a` and `rdfs:label` first, other predicates by IRI, objects
    sorted), which gives the bytes rdflib writes for these graphs at a small part of its cost: a first
    release lists every item of the graph. Items are written as full IRIs (rdflib would shorten one only
    if it sat directly under a bound namespace, which minted item IRIs never do)."""
    release = changes["release"]
    node = str(iri.release_iri(release["id"]))
    previous = str(iri.release_iri(release["previous"])) if release.get("previous") else None
    # subject -> predicate (full IRI, which orders them as rdflib does) -> objects as (sort key, Turtle)
    own: dict[str, list[tuple[str, str]]] = {
        str(RDF.type): [(str(SOVKG.Release), "sovkg:Release")],
        str(RDFS.label): _literal(f"sovkg release {release['id']}"),
        str(DCAT3.version): _literal(release["id"]),
        str(DCTERMS.issued): [(release["date"], f"{_n3_string(release['date'])}^^xsd:date")],
    }
    if previous:
        own[str(DCAT3.previousVersion)] = own[str(PROV.wasRevisionOf)] = [(previous, f"<{previous}>")]
    described: dict[str, dict[str, list[tuple[str, str]]]] = {}
    listed_in: dict[str, set[str]] = {}

    def describe(predicate: str, item: str, values: dict[str, list[tuple[str, str]]]) -> None:
        own.setdefault(predicate, []).append((item, f"<{item}>"))
        listed_in.setdefault(item, set()).add(predicate)
        about = described.setdefault(item, {})
        for key, objects in values.items():
            about.setdefault(key, []).extend(objects)

    for predicate, key in ((_ADDED, "added"), (_REMOVED, "removed")):
        for rows in changes[key].values():
            for row in rows:
                kind = (_SOVKG + row["class"], f"sovkg:{row['class']}")
                describe(predicate, row["iri"], {_LABEL_IRI: _literal(row["label"]), _TYPE_IRI: [kind]})
    for row in changes["relabelled"]:
        describe(_RELABELLED, row["iri"], {_LABEL_IRI: _literal(row["new"]), _PREVIOUS_LABEL: _literal(row["old"])})
    prefixes = {"dcat": DCAT, "dcterms": DCTERMS, "rdfs": RDFS, "sovkg": SOVKG._NS, "xsd": XSD}
    if previous:
        prefixes["prov"] = PROV
    out = [f"@prefix {prefix}: <{prefixes[prefix]}> .\n" for prefix in sorted(prefixes)]
    out.append(_statement(node, own))
    # rdflib orders subjects by how often they are objects (each item once, unless in two lists), then IRI
    ordered = sorted(described, key=lambda item: (len(listed_in[item]), item))
    out.extend(_statement(item, described[item]) for item in ordered)
    out.append("\n")
    return "".join(out)


def _literal(value: str) -> list[tuple[str, str]]:
    return [(value, _n3_string(value))]


_SOVKG = str(SOVKG._NS)
_TYPE_IRI, _LABEL_IRI, _PREVIOUS_LABEL = str(RDF.type), str(RDFS.label), str(SOVKG.previousLabel)
_ADDED, _REMOVED, _RELABELLED = str(SOVKG.addedItem), str(SOVKG.removedItem), str(SOVKG.relabelledItem)
_SHORT = {
    str(RDF.type): "a",
    str(RDFS.label): "rdfs:label",
    str(DCAT3.version): "dcat:version",
    str(DCAT3.previousVersion): "dcat:previousVersion",
    str(DCTERMS.issued): "dcterms:issued",
    str(PROV.wasRevisionOf): "prov:wasRevisionOf",
    str(SOVKG.addedItem): "sovkg:addedItem",
    str(SOVKG.removedItem): "sovkg:removedItem",
    str(SOVKG.relabelledItem): "sovkg:relabelledItem",
    str(SOVKG.previousLabel): "sovkg:previousLabel",
}
_FIRST = (_TYPE_IRI, _LABEL_IRI)  # rdflib's predicate order; then the others by IRI


def _statement(subject: str, predicates: dict[str, list[tuple[str, str]]]) -> str:
    order = [p for p in _FIRST if p in predicates] + sorted(p for p in predicates if p not in _FIRST)
    parts = [
        f"{_SHORT[predicate]} " + ",\n        ".join(text for _, text in sorted(set(predicates[predicate])))
        for predicate in order
    ]
    return f"\n<{subject}> " + " ;\n    ".join(parts) + " .\n"


def _n3_string(value: str) -> str:
    """A plain literal as rdflib writes it in Turtle (long quotes when it holds a line break)."""
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def describe_release(g: Graph, dataset: URIRef, release: Release) -> None:
    """VoID/DCAT: the dataset as a series of versions; this release is its current version."""
    node = iri.release_iri(release.id)
    g.add((dataset, DCAT3.version, Literal(release.id)))
    g.add((dataset, DCAT3.hasCurrentVersion, node))
    g.add((dataset, DCAT3.hasVersion, node))
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCAT3.version, Literal(release.id)))
    g.add((node, DCTERMS.issued, Literal(release.date, datatype=XSD.date)))
    g.add((node, DCTERMS.isVersionOf, dataset))
    if release.previous:
        previous = iri.release_iri(release.previous)
        g.add((node, DCAT3.previousVersion, previous))
        g.add((dataset, DCAT3.hasVersion, previous))


def format_changes(changes: dict) -> str:
    """The comparison as a text table (`sovkg diff`)."""
    lines = []
    counts = changes["counts"]
    lines.append(f"{'':<10}{'added':>8}{'removed':>9}")
    for group in GROUPS.values():
        lines.append(f"{group:<10}{counts['added'][group]:>8}{counts['removed'][group]:>9}")
    lines.append(f"relabelled: {counts['relabelled']}; items {counts['items']['before']} -> {counts['items']['after']}")
    for key, sign in (("added", "+"), ("removed", "-")):
        for group, rows in changes[key].items():
            for row in rows:
                lines.append(f"{sign} {group[:-1] if group != 'policies' else 'policy':<7} {row['class']:<22} {row['label'][:70]}  <{row['iri']}>")
    for row in changes["relabelled"]:
        lines.append(f"~ {row['class']:<30} {row['old'][:40]!r} -> {row['new'][:40]!r}  <{row['iri']}>")
    return "\n".join(lines)
