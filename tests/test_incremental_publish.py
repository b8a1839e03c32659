"""A release that changed a few documents rewrites only what they changed, and gives the same files and
the same store as a release built from scratch."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import materialize_all, metadata

from ontology import iri
from pipelines.stages.changes import CHANGES_JSON, CHANGES_TTL
from pipelines.stages.dumps import DATA_FILES, DUMP_FILES, chunks, merged_ntriples, write_dumps
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.store import POINTER, current_location, publish_to_store

SAMPLES = Path(__file__).resolve().parent.parent / "sources" / "samples"


def _blocks(out: Path) -> dict[str, str]:
    """The published named graphs, one N-Quads block per document (sorted lines, as the pipeline keeps them)."""
    store = ox.Store()
    store.load(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)
    lines: dict[str, list[str]] = {}
    for quad in store:
        lines.setdefault(quad.graph_name.value.rsplit("/", 1)[-1], []).append(f"{quad} .\n")
    return {doc: "".join(sorted(block)) for doc, block in lines.items()}


def _changed(blocks: dict[str, str]) -> dict[str, str]:
    """One document edited (a statement gone, one added) and another removed."""
    first, second = sorted(blocks)[:2]
    graph = f"<{iri.graph_iri(first)}>"
    lines = blocks[first].splitlines(keepends=True)
    added = (
        f'<https://w3id.org/sovkg/id/doc/{first}> <http://www.w3.org/2000/01/rdf-schema#comment> "edited" {graph} .\n'
    )
    edited = dict(blocks)
    edited[first] = "".join(sorted([*lines[1:], added]))
    del edited[second]
    return edited


def _files(out: Path) -> dict[str, bytes]:
    """The release's files, less those that describe its history (what changed since the previous one)."""
    history = {CHANGES_JSON, CHANGES_TTL, "void.ttl", "manifest.json"}
    return {name: (out / name).read_bytes() for name in DUMP_FILES if name not in history}


def _manifest_without_release(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("release", None)
    return manifest


def _quads(location: Path) -> set[str]:
    store = ox.Store.read_only(str(location))
    return {str(q) for q in store}


def test_dumps_after_a_change_are_the_bytes_of_a_full_build(sample_build, tmp_path: Path) -> None:
    _, out = sample_build
    blocks = _blocks(out)
    edited = _changed(blocks)
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    write_dumps(KnowledgeGraph(blocks), incremental)
    released = write_dumps(KnowledgeGraph(edited), incremental)
    assert released.reused > 0  # unchanged documents' pieces were copied, not serialised again
    write_dumps(KnowledgeGraph(edited), full)
    assert _files(incremental) == _files(full)
    # what was copied is what a reader gets from a fresh serialisation
    for name, fmt in (("dataset.trig", ox.RdfFormat.TRIG), ("dataset.jsonld", ox.RdfFormat.JSON_LD)):
        parsed = {str(q) for q in ox.parse(path=str(incremental / name), format=fmt)}
        assert parsed == {line[:-2] for block in edited.values() for line in block.splitlines()}
    turtle = {str(t) for t in ox.parse(path=str(incremental / "dataset.ttl"), format=ox.RdfFormat.TURTLE)}
    nt = (incremental / "dataset.nt").read_bytes()
    assert turtle == {str(t) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)}
    assert gzip.decompress((incremental / "dataset.nt.gz").read_bytes()) == nt  # gzip members read as one
    # the sums, taken while the files were written (in threads), are the files' own
    sums = json.loads((incremental / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert sums == {name: hashlib.sha256((incremental / name).read_bytes()).hexdigest() for name in DATA_FILES}


def test_merged_ntriples_are_sorted_deduplicated_and_cut_on_subjects(sample_build) -> None:
    _, out = sample_build
    blocks = _blocks(out)
    text, count = merged_ntriples(KnowledgeGraph(blocks))
    lines = text.decode().splitlines()
    assert lines == sorted(set(lines)) and count == len(lines)
    expected = {line.rsplit(" <", 1)[0] + " ." for b in blocks.values() for line in b.splitlines()}
    assert set(lines) == expected
    pieces = chunks(text)
    assert b"".join(pieces) == text and len(pieces) > 1
    for before, after in itertools.pairwise(pieces):
        assert before.endswith(b"\n") and after.split(b" ", 1)[0] != before.splitlines()[-1].split(b" ", 1)[0]


def test_a_dump_edited_by_hand_is_not_reused(sample_build, tmp_path: Path) -> None:
    _, out = sample_build
    blocks = _blocks(out)
    target, untouched = tmp_path / "dist", tmp_path / "untouched"
    for out_dir in (target, untouched):
        write_dumps(KnowledgeGraph(blocks), out_dir)
    (target / "dataset.trig").write_bytes(b"# replaced\n")
    released = write_dumps(KnowledgeGraph(_changed(blocks)), target)
    assert released.reused == write_dumps(KnowledgeGraph(_changed(blocks)), untouched).reused - (len(blocks) - 2)
    write_dumps(KnowledgeGraph(_changed(blocks)), tmp_path / "full")
    assert _files(target) == _files(tmp_path / "full")


def test_store_release_replaces_only_changed_graphs(sample_build, tmp_path: Path) -> None:
    _, out = sample_build
    blocks = _blocks(out)
    # enough documents that one change is a small share of the store
    many = {
        f"{doc}{n}": block.replace(str(iri.graph_iri(doc)), str(iri.graph_iri(f"{doc}{n}")))
        for n in range(4)
        for doc, block in blocks.items()
    }
    edited = _changed(many)
    root, fresh = tmp_path / "store", tmp_path / "fresh"
    first = publish_to_store(many, root)
    assert not first.incremental
    before = current_location(root)
    old_quads = _quads(before)
    second = publish_to_store(edited, root)
    assert second.incremental and second.replaced == 1 and second.removed == 1
    assert second.quads == len(_quads(current_location(root)))  # counted by the delta, not a scan
    assert current_location(root) != before
    assert _quads(before) == old_quads  # the version readers had open was not touched
    publish_to_store(edited, fresh)
    assert (root / POINTER).read_text() == (fresh / POINTER).read_text()  # the version id is the content's
    assert _quads(current_location(root)) == _quads(current_location(fresh))
    again = publish_to_store(edited, root)
    assert again.unchanged and again.quads == second.quads


def test_build_after_one_changed_document_matches_a_fresh_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus, ignore=shutil.ignore_patterns("*.md"))
    documents = sorted(p for p in corpus.iterdir() if p.is_file())
    if len(documents) < 2:
        pytest.skip("needs at least two sample documents")
    out = tmp_path / "dist"
    assert materialize_all([str(corpus)], out).success
    documents[-1].write_bytes(documents[-1].read_bytes() + b"\n\nThe ministry said the plan was updated.\n")
    rebuilt = materialize_all([str(corpus)], out)
    assert rebuilt.success
    store = metadata(rebuilt, "graph_store")
    assert store["incremental"] and store["graphs_replaced"] == 1
    assert metadata(rebuilt, "dataset_dumps")["pieces_reused"] > 0
    _same_as_a_fresh_build(corpus, out, tmp_path / "fresh")
    # a document added (another's text, under a new name, with a sentence more) and one removed
    added = corpus / f"added-{documents[0].stem}.txt"
    added.write_bytes(documents[0].read_bytes() + b"\n\nThe agency said the review would end in May.\n")
    documents[1].unlink()
    rebuilt = materialize_all([str(corpus)], out)
    assert rebuilt.success
    assert metadata(rebuilt, "knowledge_graph")["retracted"] == 1
    _same_as_a_fresh_build(corpus, out, tmp_path / "fresh-2")


def _same_as_a_fresh_build(corpus: Path, out: Path, fresh: Path) -> None:
    """The release in `out`, made by editing earlier ones, is the one a build of `corpus` from scratch makes:
    the same data files byte for byte, the same manifest and the same store."""
    assert materialize_all([str(corpus)], fresh).success
    for name in DATA_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    # the manifest also names the release, whose id follows the chain of releases before it
    assert _manifest_without_release(out) == _manifest_without_release(fresh)
    assert _quads(current_location(out / "store")) == _quads(current_location(fresh / "store"))


def test_pieces_made_by_a_pool_of_processes_give_the_same_files(
    sample_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release that makes many pieces has processes make them: the files are the bytes threads make."""
    import pipelines.stages.dumps as dumps

    _, out = sample_build
    blocks = _blocks(out)
    in_threads, in_processes = tmp_path / "threads", tmp_path / "processes"
    write_dumps(KnowledgeGraph(blocks), in_threads, workers=1)
    monkeypatch.setattr(dumps, "_POOL_FROM", 1)  # the samples are too few to reach the usual threshold
    tasks: list[int] = []

    class CountingPool(ProcessPoolExecutor):  # a real pool that counts what it is given
        def submit(self, fn, /, *args, **kwargs):
            if fn is dumps._make_all:  # (the network picture is drawn there too)
                tasks.append(len(args[1]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(dumps, "ProcessPoolExecutor", CountingPool)
    write_dumps(KnowledgeGraph(blocks), in_processes, workers=2)
    assert sum(tasks) >= 2 * len(blocks)  # at least every TriG and JSON-LD piece was made by the pool
    assert _files(in_processes) == _files(in_threads)
    assert _manifest_without_release(in_processes) == _manifest_without_release(in_threads)
    # a release that reuses most pieces and has the pool make the others puts each where it belongs
    edited, fresh = _changed(blocks), tmp_path / "fresh"
    assert write_dumps(KnowledgeGraph(edited), in_processes, workers=2).reused > 0
    write_dumps(KnowledgeGraph(edited), fresh, workers=1)
    assert _files(in_processes) == _files(fresh)


def test_a_release_removes_staging_folders_of_killed_processes_only(sample_build, tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    _, out = sample_build
    blocks = _blocks(out)
    target = tmp_path / "out"
    write_dumps(KnowledgeGraph(blocks), target)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = socket.gethostname()
    abandoned = target / f".staging-{host}-{ended.stdout.strip()}-x1"
    running = target / f".staging-{host}-{os.getppid()}-x2"  # a process that is alive
    elsewhere = target / ".staging-another-machine-1-x3"
    for folder in (abandoned, running, elsewhere):
        folder.mkdir()
        (folder / "dataset.nt").write_bytes(b"old\n")
    write_dumps(KnowledgeGraph(_changed(blocks)), target)
    deadline = time.monotonic() + 10
    while abandoned.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not abandoned.exists()
    assert running.is_dir() and elsewhere.is_dir()
