"""Ready SPARQL queries that answer what analysts ask; each file starts with a one-line comment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ReadyQuery:
    name: str  # file name without .rq, usable as `sovkg query NAME`
    comment: str
    text: str


def ready_queries() -> list[ReadyQuery]:
    out = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        out.append(ReadyQuery(path.stem, first.lstrip("# ").strip(), text))
    return out


def find_query(name: str) -> ReadyQuery | None:
    return next((q for q in ready_queries() if q.name == name), None)
