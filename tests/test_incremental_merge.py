"""dataset.nt edited release by release (`pipelines.stages.merge`): after documents are added, changed
and removed, and lines several documents hold are dropped by some of them, the edited file is byte for
byte the one a merge from scratch gives, and so are the item table the release compares and the chunks
the Turtle and gzip files are pieced from."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from pipelines.stages import merge
from pipelines.stages.changes import compare, items, updated_items
from pipelines.stages.dumps import chunks, rechunk
from pipelines.stages.merge import (
    STATE_FILE,
    Merger,
    _edited,
    _edits,
    find_line,
    merge_all,
    subject_lines,
    triple_lines,
)

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ACTOR = "<https://w3id.org/sovkg/ontology#Actor>"
PERSON = "<https://w3id.org/sovkg/ontology#Person>"


def _block(doc: str, triples: list[str]) -> str:
    graph = f"<https://w3id.org/sovkg/graph/{doc}>"
    return "".join(sorted({f"{t} {graph} .\n" for t in triples}))


def _random_doc(rng: random.Random, doc: str) -> str:
    """A document's graph: lines of its own, and actors many documents share (their type and label)."""
    own = [f'<https://w3id.org/sovkg/id/doc/{doc}> {LABEL} "Story {doc} {rng.random()}"']
    for n in rng.sample(range(12), rng.randint(0, 4)):
        actor = f"<https://w3id.org/sovkg/id/actor/a{n}>"
        own += [f"{actor} {RDF_TYPE} {ACTOR}", f'{actor} {LABEL} "Actor {n}"']
        if n % 3 == 0:
            own.append(f"{actor} {RDF_TYPE} {PERSON}")
    own += [f'_:e{doc} {LABEL} "evidence \\"{rng.randint(0, 3)}\\""']  # blank nodes and escapes too
    return _block(doc, own)


def _scratch(graphs: dict[str, str]) -> tuple[bytes, int]:
    return merge_all(triple_lines(d, graphs[d]) for d in sorted(graphs))


def _publish(merger_dir: Path, nt: Path, graphs: dict[str, str]):
    merger = Merger(merger_dir)
    digests = {d: str(abs(hash(g))) for d, g in graphs.items()}
    merged = merger.merge(graphs, digests, nt)
    nt.write_bytes(merged.ntriples)
    merger.commit(nt)
    return merged


def test_find_line_and_subject_lines() -> None:
    text = b"<a> <p> 1 .\n<b> <p> 1 .\n<b> <q> 2 .\n<bc> <p> 3 .\n"
    assert find_line(text, b"<b> <p> 1 .") == (12, True)
    assert find_line(text, b"<b> <p> 0 .") == (12, False)
    assert find_line(text, b"<z> <p> 1 .") == (len(text), False)
    assert find_line(text, b"") == (0, False)
    assert subject_lines(text, b"<b>") == b"<b> <p> 1 .\n<b> <q> 2 .\n"
    assert subject_lines(text, b"<c>") == b""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edited_releases_are_the_bytes_of_a_merge_from_scratch(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    graphs = {f"d{n:02d}": _random_doc(rng, f"d{n:02d}") for n in range(40)}
    nt = tmp_path / "dataset.nt"
    assert not _publish(tmp_path, nt, graphs).incremental  # the first release: from scratch
    incremental = 0
    for step in range(25):
        before = nt.read_bytes()
        for _ in range(rng.randint(1, 3)):
            doc = rng.choice(sorted(graphs))
            action = rng.random()
            if action < 0.2 and len(graphs) > 5:
                del graphs[doc]
            elif action < 0.4:
                graphs[f"n{step}{doc}"] = _random_doc(rng, f"n{step}{doc}")
            else:
                graphs[doc] = _random_doc(rng, doc)
        merged = _publish(tmp_path, nt, graphs)
        assert (merged.ntriples, merged.triples) == _scratch(graphs)
        if merged.incremental:
            incremental += 1
            # the release's item table, updated for the subjects that changed, is the one read afresh
            old, new = items(before.decode()), items(merged.ntriples.decode())
            assert updated_items(old, merged.ntriples, merged.touched) == new
            # and the changes found among those subjects only are the ones a comparison of everything finds
            nodes = [subject[1:-1].decode() for subject in merged.touched if subject.startswith(b"<")]
            assert compare(old, new, nodes) == compare(old, new)
    assert incremental >= 20


def test_a_dataset_nt_the_state_does_not_describe_is_merged_from_scratch(tmp_path: Path) -> None:
    rng = random.Random(7)
    graphs = {f"d{n}": _random_doc(rng, f"d{n}") for n in range(20)}
    nt = tmp_path / "dataset.nt"
    _publish(tmp_path, nt, graphs)
    graphs["d1"] = _random_doc(rng, "d1")
    nt.write_bytes(b"<x> <y> <z> .\n")  # replaced behind the pipeline's back
    merged = _publish(tmp_path, nt, graphs)
    assert not merged.incremental and (merged.ntriples, merged.triples) == _scratch(graphs)
    (tmp_path / STATE_FILE).write_bytes(b"garbage")
    graphs["d2"] = _random_doc(rng, "d2")
    merged = _publish(tmp_path, nt, graphs)
    assert not merged.incremental and (merged.ntriples, merged.triples) == _scratch(graphs)
    graphs["d3"] = _random_doc(rng, "d3")
    merged = _publish(tmp_path, nt, graphs)
    assert merged.incremental and (merged.ntriples, merged.triples) == _scratch(graphs)


def test_chunks_cut_again_only_around_edits_are_the_chunks_of_the_whole(tmp_path: Path) -> None:
    rng = random.Random(11)

    def line() -> bytes:  # subjects ending in 0 start chunks; several lines per subject
        return f'<https://w3id.org/sovkg/id/x/{rng.randint(0, 300)}{rng.randint(0, 9)}> <p{rng.randint(0, 3)}> "{rng.randint(0, 9)}" .'.encode()

    reused = 0
    for _ in range(200):
        lines = sorted({line() for _ in range(rng.randint(1, 300))})
        before = b"".join(x + b"\n" for x in lines)
        old, offset = [], 0
        for piece in chunks(before):
            old.append([offset, len(piece), f"key of {piece!r}"])
            offset += len(piece)
        removed = sorted(set(rng.sample(lines, min(len(lines), rng.randint(0, 4)))))
        added = sorted({x for x in (line() for _ in range(rng.randint(0, 4))) if x not in set(lines)})
        edits = _edits(before, removed, added)
        after = _edited(before, edits)
        spans = rechunk(old, len(before), tuple(edits), after)
        assert [after[o : o + n] for o, n, _ in spans] == chunks(after)
        for o, n, key in spans:
            assert key is None or key == f"key of {after[o : o + n]!r}"
            reused += key is not None
    assert reused > 1000
    assert rechunk([[0, 5, "k"]], 6, (), b"") is None  # chunks of another text


@pytest.mark.parametrize("slice_lines", [1, 2, 5, 64])
def test_a_merge_from_scratch_cut_into_slices_gives_the_whole_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slice_lines: int
) -> None:
    """Written a slice of sorted lines at a time, lines that documents share across a cut included: the
    bytes of one sort, and the number of documents holding each shared line."""
    monkeypatch.setattr(merge, "_SLICE", slice_lines)
    rng = random.Random(slice_lines)
    graphs = {f"d{n:02d}": _random_doc(rng, f"d{n:02d}") for n in range(30)}
    merger = Merger(tmp_path)
    merged = merger.merge(graphs, {d: f"k{d}" for d in graphs}, tmp_path / "dataset.nt")
    assert (merged.ntriples, merged.triples) == _scratch(graphs)
    held = Counter(line for d in graphs for line in {*triple_lines(d, graphs[d]).encode().split(b"\n")} - {b""})
    assert merger.state.shared == {line: n for line, n in held.items() if n > 1}
    assert merger.state.shared  # the documents do share lines


def test_the_item_table_read_from_bytes_is_the_one_read_from_text() -> None:
    """A release reads its item table from the merged bytes, decoding only the lines it needs."""
    rng = random.Random(7)
    graphs = {f"d{n:02d}": _random_doc(rng, f"d{n:02d}") for n in range(20)}
    actor = "<https://w3id.org/sovkg/id/actor/zz>"
    graphs["dzz"] = _block("dzz", [f"{actor} {RDF_TYPE} {ACTOR}", f'{actor} {LABEL} "Zoë Åström \\u00e9"'])
    ntriples, _ = _scratch(graphs)
    table = items(ntriples)
    assert table == items(ntriples.decode("utf-8"))
    assert table["https://w3id.org/sovkg/id/actor/zz"]["label"] == "Zoë Åström é"


def test_a_release_that_reads_only_touched_items_lists_the_changes_of_a_full_comparison(tmp_path: Path) -> None:
    import json
    import shutil
    from datetime import date

    from pipelines.stages.changes import CHANGES_JSON, _kept_items, write_release

    rng = random.Random(7)
    graphs = {f"d{n:02d}": _random_doc(rng, f"d{n:02d}") for n in range(40)}
    out, state = tmp_path / "out", tmp_path / "state"
    out.mkdir()
    nt = out / "dataset.nt"
    edited = 0
    for step in range(12):
        before = nt.read_bytes() if nt.is_file() else b""
        if step:
            for _ in range(rng.randint(1, 3)):
                doc = rng.choice(sorted(graphs))
                graphs[doc] = _random_doc(rng, doc)
        merger = Merger(state)
        merged = merger.merge(graphs, {d: str(abs(hash(g))) for d, g in graphs.items()}, nt)
        digest = f"{step:040d}"
        staging = out / "staging"
        staging.mkdir()
        if step == 6:  # a shard of the kept table lost: the table is made anew, the changes are the same
            for shard in (state / "release-items").iterdir():
                shard.unlink()
        touched = merged.touched if merged.incremental else None
        write_release(staging, out, merged.ntriples, digest, date(2026, 1, 2), state_dir=state, touched=touched)
        written = json.loads((staging / CHANGES_JSON).read_text(encoding="utf-8"))
        written.pop("release")
        assert written == compare(items(before), items(merged.ntriples))
        table = _kept_items(state, digest)
        assert table is not None and table.everything() == items(merged.ntriples)
        assert table.count == len(items(merged.ntriples))
        nt.write_bytes(merged.ntriples)
        shutil.move(staging / CHANGES_JSON, out / CHANGES_JSON)
        shutil.rmtree(staging)
        merger.commit(nt)
        edited += merged.incremental
    assert edited >= 8


@pytest.mark.parametrize("seed", [4, 5])
def test_example_resources_found_from_the_edits_are_those_of_a_search_of_the_whole_text(
    tmp_path: Path, seed: int
) -> None:
    from pipelines.stages.dumps import _edited_example_lines, _example_lines

    rng = random.Random(seed)

    def with_person(name: str, n: int) -> str:  # a person of its own, sorted before the shared ones
        person = f"<https://w3id.org/sovkg/id/actor/0{n:02d}>"
        return _random_doc(rng, name) + _block(name, [f"{person} {RDF_TYPE} {PERSON}", f"_:b{name} {RDF_TYPE} {PERSON}"])

    graphs = {f"d{n:02d}": with_person(f"d{n:02d}", 50 + n) for n in range(30)}
    nt = tmp_path / "dataset.nt"
    lines = _example_lines(_publish(tmp_path, nt, graphs).ntriples)
    found = changed = 0
    for step in range(30):
        doc = rng.choice(sorted(graphs))
        if rng.random() < 0.3 and len(graphs) > 5:
            del graphs[doc]
        else:
            graphs[f"n{step}"] = with_person(f"n{step}", rng.choice([49 - step, rng.randint(0, 99)]))  # often the new first
        merged = _publish(tmp_path, nt, graphs)
        whole = _example_lines(merged.ntriples)
        edited = _edited_example_lines(lines, merged) if merged.incremental else None
        if edited is not None:
            assert edited == whole
            found += 1
            changed += edited["Person"] != lines["Person"]
        lines = whole
    assert found >= 15 and changed >= 2
