"""`sovkg query`: run a SPARQL query against an endpoint with SPARQLWrapper and format the answer."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError

from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from ontology.namespace import PREFIXES
from pipelines.queries import find_query

DEFAULT_ENDPOINT = "http://127.0.0.1:7878/query"
_CELL = 70


class QueryError(Exception):
    """The endpoint refused or failed the query; the message is the endpoint's."""


@dataclass(frozen=True)
class Answer:
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str]
    rows: list[dict[str, dict]]  # SPARQL JSON bindings
    boolean: bool | None = None
    graph: bytes = b""  # CONSTRUCT / DESCRIBE as Turtle
    csv_text: str = ""


def default_endpoint() -> str:
    return os.environ.get("SOVKG_ENDPOINT", DEFAULT_ENDPOINT)


def query_text(argument: str) -> str:
    """A .rq file, the name of a ready query (`sovkg query --list`), or the SPARQL text itself."""
    path = Path(argument)
    if argument.endswith(".rq") or (len(argument) < 400 and "\n" not in argument and path.is_file()):
        if not path.is_file():
            raise FileNotFoundError(f"no such query file: {argument}")
        return path.read_text(encoding="utf-8")
    ready = find_query(argument)
    return ready.text if ready else argument


def _term(value: str) -> str:
    if value.startswith("<") and value.endswith(">"):
        return value
    if re.match(r"^https?://\S+$", value):
        return f"<{value}>"
    return json.dumps(value)  # a SPARQL string literal (same escapes as JSON)


def with_bindings(text: str, bindings: dict[str, str]) -> str:
    """Bind variables with a trailing VALUES clause (SPARQL 1.1 §10.2.2): `--bind event="IGF 2021"`."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(_term(v) for v in bindings.values())
    return f"{text.rstrip()}\nVALUES ({names}) {{ ({values}) }}\n"


def run_query(endpoint: str, text: str, *, want_csv: bool = False, timeout_s: int = 120) -> Answer:
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod(POST)
    sparql.setTimeout(timeout_s)
    sparql.setQuery(text)
    kind = sparql.queryType
    try:
        if kind in ("CONSTRUCT", "DESCRIBE"):
            sparql.setReturnFormat(TURTLE)
            return Answer(kind, [], [], graph=sparql.query().convert())
        if want_csv and kind == "SELECT":
            sparql.setReturnFormat(CSV)
            raw = sparql.query().convert()
            return Answer(kind, [], [], csv_text=raw.decode() if isinstance(raw, bytes) else raw)
        sparql.setReturnFormat(JSON)
        result = sparql.query().convert()
    except HTTPError as error:
        raise QueryError(f"{error.code}: {error.read().decode(errors='replace').strip()}") from error
    except URLError as error:
        raise ConnectionError(
            f"no SPARQL endpoint at {endpoint} ({error.reason}); start one with `sovkg serve`"
        ) from error
    except Exception as error:  # SPARQLWrapper wraps HTTP 400/500 in its own exception types
        if type(error).__module__.startswith("SPARQLWrapper"):
            raise QueryError(str(error).strip()) from error
        raise
    if "boolean" in result:
        return Answer(kind, [], [], boolean=bool(result["boolean"]))
    return Answer(kind, list(result["head"]["vars"]), list(result["results"]["bindings"]))


def _short(value: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(str(namespace)):
            return f"{prefix}:{value[len(str(namespace)) :]}"
    return value


def format_answer(answer: Answer, fmt: str = "table") -> str:
    if answer.kind in ("CONSTRUCT", "DESCRIBE"):
        return answer.graph.decode() if isinstance(answer.graph, bytes) else str(answer.graph)
    if answer.boolean is not None:
        return json.dumps({"boolean": answer.boolean}) if fmt == "json" else str(answer.boolean).lower()
    if fmt == "csv":
        if answer.csv_text:
            return answer.csv_text.rstrip("\n")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(answer.variables)
        writer.writerows([[row.get(v, {}).get("value", "") for v in answer.variables] for row in answer.rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": answer.rows}}, indent=2)
    cells = [
        [
            " ".join(_short(row[v]["value"]).split())[:_CELL]
            if v in row and row[v]["type"] == "uri"
            else " ".join(row[v]["value"].split())[:_CELL]
            if v in row
            else ""
            for v in answer.variables
        ]
        for row in answer.rows
    ]
    widths = [max([len(v), *(len(c[i]) for c in cells)]) for i, v in enumerate(answer.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(answer.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(answer.rows)} rows)")
    return "\n".join(lines)
