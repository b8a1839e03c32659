"""The graph's counts kept between builds equal the counts of every block added up, whatever was added,
changed or removed, and are added up again when the stats of a block they counted are gone."""

from __future__ import annotations

import zlib
from collections import Counter
from pathlib import Path

from pipelines.stages.counts import Counts
from pipelines.stages.graph import BlockStats, block_stats, class_counts, tally

SOVKG = "https://w3id.org/sovkg/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def _block(doc: str, *actors: str) -> str:
    graph = f"<https://example.org/graph/{doc}>"
    lines = [f'<https://example.org/actor/{a}> {LABEL} "{a}" {graph} .\n' for a in actors]
    lines += [f"<https://example.org/actor/{a}> {TYPE} <{SOVKG}Actor> {graph} .\n" for a in actors]
    lines.append(f"<https://example.org/doc/{doc}> {TYPE} <{SOVKG}Document> {graph} .\n")
    return "".join(sorted(lines))


def _summed(blocks: dict[str, str]) -> tuple[int, dict[str, int], dict[str, int]]:
    predicates: Counter[str] = Counter()
    typed: set[tuple[str, str]] = set()
    triples = sum(tally(block_stats(text), predicates, typed) for text in blocks.values())
    return triples, dict(sorted(predicates.items())), class_counts(typed)


def _counted(folder: Path, blocks: dict[str, str], store: dict[str, str]) -> tuple[int, dict, dict]:
    """A build's counts: `blocks` is key -> text, `store` digest -> text of every block kept."""
    digests = {key: f"{key}-{zlib.crc32(text.encode())}" for key, text in blocks.items()}
    for key, digest in digests.items():
        store[digest] = blocks[key]

    def stats_of(digest: str) -> BlockStats:
        if digest not in store:
            raise FileNotFoundError(digest)
        return block_stats(store[digest])

    counts = Counts(folder)
    totals = counts.update(digests, {}, stats_of)
    counts.save(totals)
    return totals.triples, totals.predicate_counts(), totals.class_counts()


def test_kept_counts_equal_every_block_added_up(tmp_path: Path) -> None:
    store: dict[str, str] = {}
    steps = [
        {"a": _block("a", "x", "y"), "b": _block("b", "y")},
        {"a": _block("a", "x", "y"), "b": _block("b", "y", "z"), "c": _block("c", "x")},  # added, changed
        {"b": _block("b", "z"), "c": _block("c", "x")},  # a removed: y is still typed by nobody, x by c
        {},
        {"d": _block("d", "w")},
    ]
    for blocks in steps:
        assert _counted(tmp_path, blocks, store) == _summed(blocks)


def test_counts_are_added_up_again_when_a_counted_block_is_gone(tmp_path: Path) -> None:
    store: dict[str, str] = {}
    first = {"a": _block("a", "x"), "b": _block("b", "y")}
    _counted(tmp_path, first, store)
    for path in tmp_path.glob("[0-9a-f][0-9a-f].pickle"):
        path.unlink()  # the kept stats of every block, gone
    store.clear()  # and the blocks themselves
    changed = {"a": _block("a", "x", "z"), "b": _block("b", "y")}
    assert _counted(tmp_path, changed, store) == _summed(changed)


def test_counts_are_added_up_again_when_a_shard_of_subjects_is_gone_or_the_totals_are(tmp_path: Path) -> None:
    store: dict[str, str] = {}
    _counted(tmp_path, {"a": _block("a", "x"), "b": _block("b", "x", "y")}, store)
    for path in tmp_path.glob("subjects-*.pickle"):
        path.unlink()
    changed = {"a": _block("a", "x", "z"), "b": _block("b", "y")}
    assert _counted(tmp_path, changed, store) == _summed(changed)
    # totals gone (a save that stopped after writing some shards): the shards left are not trusted
    (tmp_path / "totals.pickle").unlink()
    again = {"a": _block("a", "z"), "b": _block("b", "y", "w")}
    assert _counted(tmp_path, again, store) == _summed(again)
    assert _counted(tmp_path, changed, store) == _summed(changed)
