"""A full release is bulk loaded in parts side by side: the store holds exactly what one load would, and a
part that fails leaves the published version in place."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from ontology import iri
from pipelines.stages import store
from pipelines.stages.blocks import BlockStore, StoredBlocks
from pipelines.stages.graph import block_digest
from pipelines.stages.store import POINTER, _parts, current_location, publish_to_store


def _graphs(n: int) -> dict[str, str]:
    graphs = {}
    for d in range(n):
        graph = f"<{iri.graph_iri(f'doc{d}')}>"
        lines = [
            f'<https://example.org/s{d}> <http://www.w3.org/2000/01/rdf-schema#label> "label {d}" {graph} .\n',
            f"<https://example.org/s{d}> <https://example.org/p> <https://example.org/s{d + 1}> {graph} .\n",
            f'<https://example.org/s{d}> <https://example.org/n> "{d}"^^<http://www.w3.org/2001/XMLSchema#integer> {graph} .\n',
        ]
        graphs[f"doc{d}"] = "".join(sorted(lines))
    return graphs


def _quads(location: Path) -> set[str]:
    opened = ox.Store.read_only(str(location))
    return {str(q) for q in opened}


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parts_keep_every_block_in_order_and_fill_the_workers(monkeypatch, workers: int) -> None:
    sizes = [10 * (i % 5 + 1) for i in range(40)]
    parts = _parts(sizes, workers)
    assert [i for part in parts for i in part] == list(range(40))
    assert len(parts) == workers and all(parts)
    monkeypatch.setattr(store, "_PART_CHARS", 100)  # a bound under the whole: more parts than workers
    parts = _parts(sizes, workers)
    assert [i for part in parts for i in part] == list(range(40))
    assert len(parts) >= -(-sum(sizes) // 100) and all(parts)
    assert max(sum(sizes[i] for i in part) for part in parts) <= 100 + max(sizes)


def test_a_release_loaded_in_parts_holds_what_one_load_holds(tmp_path: Path, monkeypatch) -> None:
    graphs = _graphs(300)
    whole = publish_to_store(graphs, tmp_path / "whole")
    monkeypatch.setattr(store, "_PART_CHARS", 2_000)  # about a dozen parts, loaded by a pool of threads
    monkeypatch.setattr(store, "_workers", lambda: 3)
    parted = publish_to_store(graphs, tmp_path / "parted")
    assert whole.version == parted.version and not parted.incremental
    assert parted.quads == whole.quads == 3 * 300 + store.ontology_nquads().count("\n")
    assert _quads(current_location(tmp_path / "parted")) == _quads(current_location(tmp_path / "whole"))
    assert parted.named_graphs == 301  # and the ontology's


def test_a_broken_part_fails_the_release_and_keeps_the_published_one(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "store"
    graphs = _graphs(200)
    publish_to_store(graphs, root)
    before = (root / POINTER).read_text()
    published = _quads(current_location(root))
    monkeypatch.setattr(store, "_PART_CHARS", 2_000)
    monkeypatch.setattr(store, "_workers", lambda: 2)
    broken = {f"new{k}": v for k, v in graphs.items()}  # all new: a full load, not a delta
    broken["new" + sorted(graphs)[100]] = "<https://example.org/broken"
    with pytest.raises(SyntaxError):
        publish_to_store(broken, root)
    assert (root / POINTER).read_text() == before
    assert _quads(current_location(root)) == published
    assert not [p for p in (root / "versions").iterdir() if p.name.startswith(".")]


def test_a_large_release_is_loaded_by_a_process_of_its_own_from_the_block_files(tmp_path: Path, monkeypatch) -> None:
    graphs = _graphs(300)
    digests = {doc: block_digest(text) for doc, text in graphs.items()}
    kept = BlockStore(tmp_path / "blocks")
    for doc, text in graphs.items():
        kept.put(digests[doc], text)
    in_process = publish_to_store(graphs, tmp_path / "here")
    streamed = []

    class Recorded(store._Stream):  # what this process would stream to the loader: nothing
        def readinto(self, buffer) -> int:
            streamed.append(len(buffer))
            return super().readinto(buffer)

    monkeypatch.setattr(store, "_Stream", Recorded)
    publish_to_store(graphs, tmp_path / "check")
    assert streamed  # the recorder sees a load in this process
    streamed.clear()
    monkeypatch.setattr(store, "_CHILD_MIN_GRAPHS", 100)
    apart = publish_to_store(StoredBlocks(kept.root, digests), tmp_path / "apart", digests)
    assert not streamed and apart.version == in_process.version and apart.quads == in_process.quads
    assert _quads(current_location(tmp_path / "apart")) == _quads(current_location(tmp_path / "here"))


def test_a_broken_block_loaded_apart_fails_the_release(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "store"
    monkeypatch.setattr(store, "_CHILD_MIN_GRAPHS", 100)
    broken = _graphs(150)
    broken["doc7"] = "<https://example.org/broken"
    digests = {doc: block_digest(text) for doc, text in broken.items()}
    kept = BlockStore(tmp_path / "blocks")
    for doc, text in broken.items():
        kept.put(digests[doc], text)
    with pytest.raises(SyntaxError):
        publish_to_store(StoredBlocks(kept.root, digests), root, digests)
    assert current_location(root) is None
    assert not [p for p in (root / "versions").iterdir() if p.name.startswith(".")]


def test_graphs_held_in_memory_are_loaded_in_the_build_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store, "_CHILD_MIN_GRAPHS", 100)
    monkeypatch.setattr(store, "_load_version_apart", None)  # would fail if called
    version = publish_to_store(_graphs(150), tmp_path / "store")
    assert version.quads == len(_quads(current_location(tmp_path / "store"))) > 150 * 3


def test_the_loading_process_ends_when_the_build_process_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    child = (
        "import os, time; from pipelines.stages.store import _end_with_parent; "
        f"_end_with_parent(os.getppid()); open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    )
    parent = (
        f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {child!r}]); time.sleep(60)"
    )
    build = subprocess.Popen([sys.executable, "-c", parent])
    deadline = time.monotonic() + 30
    while not pid_file.is_file() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child did not start"
        time.sleep(0.05)
    loader = int(pid_file.read_text())
    build.send_signal(signal.SIGKILL)
    build.wait()
    while Path(f"/proc/{loader}").exists() and "Z" not in Path(f"/proc/{loader}/stat").read_text().split(")")[-1][:3]:
        assert time.monotonic() < deadline, "the loading process outlived the build"
        time.sleep(0.05)


def test_a_killed_load_leaves_no_folder_behind(tmp_path: Path) -> None:
    root = tmp_path / "store"
    (root / "versions").mkdir(parents=True)
    dead = 2**22 + 12345  # beyond the kernel's default pid range: no process has it
    abandoned = root / "versions" / f".loading-{socket.gethostname()}-{dead}-abc-x"
    (abandoned / "part").mkdir(parents=True)
    publish_to_store(_graphs(3), root)
    deadline = time.monotonic() + 10
    while abandoned.exists():  # removed in the background
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_block_file_missing_fails_a_release_loaded_apart_and_keeps_the_published_one(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "store"
    graphs = _graphs(150)
    digests = {doc: block_digest(text) for doc, text in graphs.items()}
    kept = BlockStore(tmp_path / "blocks")
    for doc, text in graphs.items():
        kept.put(digests[doc], text)
    monkeypatch.setattr(store, "_CHILD_MIN_GRAPHS", 100)
    publish_to_store(StoredBlocks(kept.root, digests), root, digests)
    before, published = (root / POINTER).read_text(), _quads(current_location(root))
    renamed = {f"new{doc}": digest for doc, digest in digests.items()}  # all new: a full load
    kept.path(digests["doc42"]).unlink()
    with pytest.raises(FileNotFoundError):
        publish_to_store(StoredBlocks(kept.root, renamed), root, renamed)
    assert (root / POINTER).read_text() == before
    assert _quads(current_location(root)) == published
