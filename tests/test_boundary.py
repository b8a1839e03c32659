"""One error boundary per document, and a time budget per document: a folder of good documents
mixed with documents that fail at each step (read, decode, archive split, parse, extract, map,
validate), or never finish, or kill their worker, builds through the real pipeline; each bad one is
skipped with its reason and every good one is published."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import dagster as dg
import pyoxigraph as ox
import pytest
from conftest import metadata
from hooks import DIES, FAILS, NONCONFORMING, SLOW, SPEC, UNMAPPABLE

from ontology.iri import document_id, graph_iri
from pipelines.runner import run_build
from pipelines.stages.process import EXTRACTOR_ENV
from sources import SAMPLES_DIR


def news(trigger: str = "") -> str:
    """A short news text the extractor finds actors in; `trigger` makes the test extractor misbehave."""
    return (
        "Open source funding grows in Europe\n\n"
        "The Federal Ministry of the Interior of Germany announced a new open source strategy on Monday.\n"
        '"Public money should fund public code," said Jane Example, director of the Open Source Business '
        f"Alliance.\nThe European Commission said it would follow the plan. {trigger}\n"
    )


# file name -> (bytes, the step it fails at, what its skip reason says)
BAD: dict[str, tuple[bytes, str, str]] = {
    "oversized.txt": (b"word " * 1_100_000, "read", r"exceeds the limit"),
    "empty.txt": (b"", "read", r"empty"),
    "binary.txt": (bytes(range(256)) * 64, "decode", r"binary content"),
    # the reported failure: a binary file named .html failed the whole run in the archive split
    "binary.html": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "archive split", r"binary content"),
    "scripts-only.html": (
        b"<html><head><style>p{}</style></head><body><script>var a = 1;</script></body></html>",
        "parse",
        r"no main text",
    ),
    "extraction-fails.txt": (news(FAILS).encode(), "extract", r"extraction failed: RuntimeError"),
    "mapping-fails.txt": (news(UNMAPPABLE).encode(), "map", r"mapping failed: AttributeError"),
    "shapes-fail.txt": (news(NONCONFORMING).encode(), "validate", r"does not conform to the shapes"),
    "worker-dies.txt": (news(DIES).encode(), "worker", r"worker process died"),
    "slow.txt": (news(SLOW).encode(), "time budget", r"time budget exceeded \(2 s\)"),
}
GOOD = ["good-news.txt", *(p.name for p in sorted(SAMPLES_DIR.iterdir()) if p.suffix in (".html", ".md", ".txt"))]


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dg.ExecuteInProcessResult, Path]:
    folder = tmp_path_factory.mktemp("mixed") / "docs"
    shutil.copytree(SAMPLES_DIR, folder)
    (folder / "good-news.txt").write_text(news())
    for name, (content, _, _) in BAD.items():
        (folder / name).write_bytes(content)
    out = tmp_path_factory.mktemp("mixed-out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(EXTRACTOR_ENV, SPEC)
        # one worker: the slow document (which never ends by itself) and the dying one each cost the
        # worker, and the rest still run in its replacement
        built = run_build([str(folder)], out, workers=1, time_budget_s=2)
    assert built.result is not None and built.success, built.error
    return built.result, out


def published_graphs(out: Path) -> set[str]:
    """The named graphs of the published TriG dump."""
    quads = ox.parse(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)
    return {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}


def _reasons(result: dg.ExecuteInProcessResult) -> dict[str, str]:
    table = str(metadata(result, "documents")["skipped_reasons"])
    rows = [line.split(" | ", 1) for line in table.splitlines()[2:]]
    return {row[0].lstrip("| "): row[1].rstrip(" |") for row in rows}


@pytest.mark.parametrize("name", list(BAD), ids=[f"{BAD[n][1]}:{n}" for n in BAD])
def test_a_document_failing_at_one_step_is_skipped_with_its_reason(mixed_build, name: str) -> None:
    result, _ = mixed_build
    reasons = _reasons(result)
    assert f"docs/{name}" in reasons, reasons
    assert re.search(BAD[name][2], reasons[f"docs/{name}"]), reasons[f"docs/{name}"]


def test_every_good_document_is_published_beside_the_bad_ones(mixed_build) -> None:
    result, out = mixed_build
    docs = metadata(result, "documents")
    assert docs["skipped"] == len(BAD)
    assert docs["entries"] == len(BAD) + len(GOOD)
    graphs = published_graphs(out)
    for name in GOOD:
        assert str(graph_iri(document_id(f"docs/{name}"))) in graphs, name
    for name in BAD:
        assert str(graph_iri(document_id(f"docs/{name}"))) not in graphs, name


def test_a_megabyte_single_token_document_does_not_stall_the_build(tmp_path: Path) -> None:
    """The reported hang: 5 MB of one unbroken token. It is either read or skipped by the budget."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "token.txt").write_bytes(b"A" * 5_000_000)
    (folder / "good-news.txt").write_text(news())
    built = run_build([str(folder)], tmp_path / "out", workers=1, time_budget_s=3)
    assert built.result is not None and built.success, built.error
    reasons = _reasons(built.result)
    assert set(reasons) <= {"docs/token.txt"}
    assert all(r.startswith("time budget exceeded") for r in reasons.values())
    assert str(graph_iri(document_id("docs/good-news.txt"))) in published_graphs(tmp_path / "out")
