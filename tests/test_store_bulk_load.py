"""A full release is bulk loaded in parts side by side: the store holds exactly what one load would, and a
part that fails leaves the published version in place."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ontology import iri
from pipelines.stages import store
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
    blocks = [f"block {i}\n" * (i % 5 + 1) for i in range(40)]
    parts = _parts(blocks, workers)
    assert [b for part in parts for b in part] == blocks
    assert len(parts) == workers and all(parts)
    monkeypatch.setattr(store, "_PART_CHARS", 100)  # a bound under the whole: more parts than workers
    parts = _parts(blocks, workers)
    assert [b for part in parts for b in part] == blocks
    assert len(parts) >= -(-sum(map(len, blocks)) // 100) and all(parts)


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
