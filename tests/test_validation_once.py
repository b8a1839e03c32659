"""Each document graph is validated once: the combine-time SHACL check skips the exact text a document
worker validated against the current shapes, and validates everything else (graphs re-mapped after
entity resolution, changed text, the derived graphs, text validated against other shapes)."""

from __future__ import annotations

import hashlib
import logging
import pickle

from ontology.records import Extraction, RawDocument, Skipped
from pipelines.curate import CURATION_KEY, Curator, load_curation
from pipelines.stages.graph import MappedBlock, build_graph
from pipelines.stages.process import process_raw
from pipelines.stages.validation import ValidatedNQuads, pending, shapes_digest, validate_graph
from pipelines.version import VERSION

CLAIMANT = "<https://w3id.org/sovkg/ontology#claimant>"
STORIES = [
    (
        "council",
        "# Council backs open source\n\nThe Example City Council voted on Monday to move its offices to "
        'open-source software. "Public money should pay for public code," said Maria Jensen, the council\'s '
        "head of digital services.\n",
    ),
    (
        "ministry",
        "# Ministry reviews cloud contracts\n\nThe Ministry of Digital Affairs will review its cloud "
        'contracts next year. "We cannot depend on a single foreign vendor," said Jonas Weber, a ministry '
        "spokesperson.\n",
    ),
]


def _processed() -> tuple[list[Extraction], dict[str, MappedBlock]]:
    extractions: list[Extraction] = []
    mapped: dict[str, MappedBlock] = {}
    for name, text in STORIES:
        content = text.encode()
        raw = RawDocument(name, f"test/{name}.md", "text/markdown", content, hashlib.sha256(content).hexdigest())
        [outcome] = process_raw(raw)
        assert not isinstance(outcome, Skipped), outcome
        extraction, block = outcome
        extractions.append(extraction)
        mapped[extraction.document.doc_id] = block
    return extractions, mapped


def test_worker_marks_what_it_validated_and_the_mark_survives_storage() -> None:
    _, mapped = _processed()
    for block in mapped.values():
        stored = pickle.loads(pickle.dumps(block))  # results reach the graph asset through the IO manager
        assert isinstance(stored.nquads, ValidatedNQuads) and stored.nquads.shapes == shapes_digest()
        assert stored.nquads == block.nquads
        assert type(stored.nquads.replace("Jensen", "Jenssen")) is str  # a changed text loses the mark


def test_combine_check_skips_blocks_the_workers_validated(caplog) -> None:
    extractions, mapped = _processed()
    graph = build_graph(extractions, VERSION, mapped=mapped)
    docs = set(mapped)
    assert docs <= set(graph.graphs)
    todo = pending(graph, set())
    assert not docs & set(todo)  # reused as the workers validated them
    assert set(todo) == set(graph.graphs) - docs  # the derived graphs (claim clusters) are still validated
    with caplog.at_level(logging.INFO, logger="pipelines.stages.validation"):
        assert validate_graph(graph).conforms
    assert f"({len(docs)} validated by the document workers" in caplog.text


def test_remapped_changed_or_stale_blocks_are_validated_again() -> None:
    extractions, mapped = _processed()
    # without resolution every document is re-mapped at combine time (types harmonised): new text
    remapped = build_graph(extractions, VERSION, resolve=False, mapped=mapped)
    assert set(mapped) <= set(pending(remapped, set()))
    graph = build_graph(extractions, VERSION, mapped=mapped)
    doc = next(d for d, block in graph.graphs.items() if CLAIMANT in block)
    stale = ValidatedNQuads(graph.graphs[doc], "shapes of an earlier version")
    assert pending(type(graph)({**graph.graphs, doc: stale}), set()) == sorted({doc} | (set(graph.graphs) - set(mapped)))
    # a document that lost its claimant after the worker validated it: the check sees it and fails
    broken = "".join(line for line in graph.graphs[doc].splitlines(keepends=True) if f" {CLAIMANT} " not in line)
    result = validate_graph(type(graph)({**graph.graphs, doc: broken}))
    assert not result.conforms and "claimant" in result.report
    # even when the broken text is wrapped with a mark of other shapes
    result = validate_graph(type(graph)({**graph.graphs, doc: ValidatedNQuads(broken, "other shapes")}))
    assert not result.conforms


def test_block_relabelled_by_curation_is_validated_again(tmp_path) -> None:
    extractions, mapped = _processed()
    target = extractions[0]
    name = target.actors[0].name
    path = tmp_path / "curation.yaml"
    path.write_text(
        f"decisions:\n  - op: relabel\n    item: {name}\n    label: {name} (renamed)\n"
        "    reason: testing\n    by: Test Analyst\n",
        encoding="utf-8",
    )
    graph = build_graph(extractions, VERSION, mapped=mapped, curation=Curator(load_curation(path)))
    todo = pending(graph, set())
    assert target.document.doc_id in todo and CURATION_KEY in todo
    assert not set(todo) & (set(mapped) - {target.document.doc_id})
    assert validate_graph(graph).conforms
