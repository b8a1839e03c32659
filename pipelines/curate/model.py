"""The curation file (`curation.yaml`): an analyst's decisions, validated on load.

```yaml
decisions:
  - op: merge            # item is merged into `into` (the one kept)
    item: "Sovereign Tech Fund"
    into: "Sovereign Tech Agency"
    reason: "renamed in 2024"
    by: "A. Analyst"
    date: 2025-03-01     # optional
```

Operations and their fields (besides `reason`, `by` and the optional `date`):
- merge: `item`, `into`; keep-apart: `items` (two); reject: `item`; retype: `item`, `type` (a class
  local name: Person, GovernmentBody, Conference, Law, ...); relabel: `item`, `label`; reattribute:
  `item` (a claim), `claimant` (an actor);
- add: `class` (actor, event, policy or claim), `label`, `document` (its IRI, id, locator or title),
  `passage` (text found in the document), `type` (actors, events, policies), `claimant` (claims).
Items are named by IRI or by label; `class` narrows a label to one class when the label is used by
several. An error names the file, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ontology.records import ActorType, EventType, PolicyType

OPERATIONS = ("merge", "keep-apart", "reject", "retype", "relabel", "reattribute", "add")
CLASSES = ("actor", "event", "policy", "claim")
TYPES: dict[str, tuple[str, ...]] = {
    "actor": tuple(t.value for t in ActorType),
    "event": tuple(t.value for t in EventType),
    "policy": tuple(t.value for t in PolicyType),
}
_REQUIRED = {
    "merge": ("item", "into"),
    "keep-apart": ("items",),
    "reject": ("item",),
    "retype": ("item", "type"),
    "relabel": ("item", "label"),
    "reattribute": ("item", "claimant"),
    "add": ("class", "label", "document", "passage"),
}
_OPTIONAL = {"add": ("type", "claimant")}
_COMMON = ("op", "reason", "by", "date", "class")


class CurationError(ValueError):
    """The curation file is not valid; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Decision:
    """One entry of the curation file; `number` is its 1-based position (what `curate remove` takes)."""

    number: int
    op: str
    reason: str
    by: str
    date: str | None = None
    item: str | None = None
    into: str | None = None
    items: tuple[str, ...] = ()
    type: str | None = None
    label: str | None = None
    claimant: str | None = None
    cls: str | None = None  # the `class` field
    document: str | None = None
    passage: str | None = None

    def as_yaml(self) -> dict[str, object]:
        out: dict[str, object] = {"op": self.op}
        for name in ("item", "into", "items", "cls", "type", "label", "claimant", "document", "passage"):
            value = getattr(self, name)
            if value:
                out["class" if name == "cls" else name] = list(value) if isinstance(value, tuple) else value
        out.update({"reason": self.reason, "by": self.by})
        if self.date:
            out["date"] = self.date
        return out

    def names(self) -> list[str]:
        """The items the decision names (its targets), in order."""
        return [n for n in (self.item, self.into, *self.items, self.claimant) if n]


@dataclass(frozen=True)
class CurationFile:
    path: Path | None
    decisions: tuple[Decision, ...] = field(default_factory=tuple)


def _text(entry: dict, name: str, where: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise CurationError(f"{where}: field '{name}' must be non-empty text")
    return value.strip()


def _date(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CurationError(f"{where}: field 'date' must be a date (YYYY-MM-DD), got {value!r}") from None


def parse_decision(entry: object, number: int) -> Decision:
    where = f"entry {number}"
    if not isinstance(entry, dict):
        raise CurationError(f"{where}: expected a mapping with op, reason and by")
    op = entry.get("op")
    if op not in OPERATIONS:
        raise CurationError(f"{where}: field 'op' must be one of {', '.join(OPERATIONS)}, got {op!r}")
    where = f"entry {number} ({op})"
    allowed = {*_COMMON, *_REQUIRED[op], *_OPTIONAL.get(op, ())}
    unknown = sorted(set(map(str, entry)) - allowed)
    if unknown:
        raise CurationError(f"{where}: unknown field(s) {', '.join(unknown)}")
    values: dict[str, object] = {name: _text(entry, name, where) for name in _REQUIRED[op] if name != "items"}
    if op == "keep-apart":
        items = entry.get("items")
        if not isinstance(items, list) or len(items) != 2 or not all(isinstance(i, str) and i.strip() for i in items):
            raise CurationError(f"{where}: field 'items' must list two items")
        values["items"] = tuple(i.strip() for i in items)
    for name in _OPTIONAL.get(op, ()):
        if entry.get(name) is not None:
            values[name] = _text(entry, name, where)
    cls = values.pop("class", None) or (_text(entry, "class", where) if entry.get("class") is not None else None)
    if cls is not None and cls not in CLASSES:
        raise CurationError(f"{where}: field 'class' must be one of {', '.join(CLASSES)}, got {cls!r}")
    if op == "add":
        if cls == "claim" and "claimant" not in values:
            raise CurationError(f"{where}: field 'claimant' is needed to add a claim")
        if cls != "claim" and "type" not in values:
            raise CurationError(f"{where}: field 'type' is needed to add an {cls}")
    kind = values.get("type")
    if kind is not None:
        known = TYPES.get(cls or "", ()) or tuple(t for ts in TYPES.values() for t in ts)
        if kind not in known:
            raise CurationError(f"{where}: field 'type' must be one of {', '.join(known)}, got {kind!r}")
    return Decision(
        number=number,
        op=op,
        reason=_text(entry, "reason", where),
        by=_text(entry, "by", where),
        date=_date(entry.get("date"), where),
        cls=cls,
        **values,  # type: ignore[arg-type]
    )


def load_curation(path: Path) -> CurationFile:
    """The decisions of a curation file; an invalid file raises CurationError naming file, entry, field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CurationError(f"{path}: cannot read: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise CurationError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return CurationFile(path)
    if not isinstance(data, dict) or set(data) - {"decisions"}:
        raise CurationError(f"{path}: expected a mapping with one key, 'decisions' (a list of entries)")
    entries = data.get("decisions") or []
    if not isinstance(entries, list):
        raise CurationError(f"{path}: 'decisions' must be a list of entries")
    try:
        decisions = tuple(parse_decision(entry, n) for n, entry in enumerate(entries, start=1))
    except CurationError as error:
        raise CurationError(f"{path}: {error}") from None
    return CurationFile(path, decisions)


def save_curation(path: Path, decisions: list[Decision]) -> None:
    """Write the decisions back (renumbered by position), atomically."""
    text = yaml.safe_dump(
        {"decisions": [d.as_yaml() for d in decisions]}, sort_keys=False, allow_unicode=True, width=100
    )
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
