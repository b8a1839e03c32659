"""The documents step holds no document's extractions: each whole result is written to a spool folder by
the worker that made it (or by the step, for one read, reused or cut short), the step keeps a summary,
and storing the step's output moves the files into place. What is stored is what the step made."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hooks import DIES, SPEC
from test_boundary import news

from pipelines.io import SPOOL_DIR
from pipelines.runner import run_build
from pipelines.stages.documents import RESULTS_DIR, changed_entries, process_entries, read_index
from pipelines.stages.process import EXTRACTOR_ENV


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(news())
    (folder / "empty.txt").write_text("")
    (folder / "dies.txt").write_text(news(DIES))
    return folder


def test_each_whole_result_is_spooled_and_a_summary_returned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EXTRACTOR_ENV, SPEC)
    out = tmp_path / "out"
    assert run_build([str(_folder(tmp_path))], out, workers=1).success
    state = out / ".state"
    entries = read_index(state).entries
    spool = tmp_path / "spool"
    spool.mkdir()
    summaries, _ = process_entries(entries, {}, state, workers=2, time_budget_s=20, spool=spool)
    whole, _ = process_entries(entries, {}, state, workers=1, time_budget_s=0)
    by_name = {e.locator.rsplit("/", 1)[-1]: e.doc_id for e in entries}
    assert sorted(p.name for p in spool.glob("*.pickle")) == sorted(f"{e.doc_id}.pickle" for e in entries)
    for doc_id, summary in summaries.items():
        spooled = pickle.loads((spool / f"{doc_id}.pickle").read_bytes())
        assert not summary.extractions and not summary.blocks
        assert (spooled.content_hash, spooled.skipped, spooled.reused) == (
            summary.content_hash,
            summary.skipped,
            summary.reused,
        )
        # reused unchanged (the build stored them), or made again by a worker: the same extractions
        assert [e.document.doc_id for e in spooled.extractions] == [e.document.doc_id for e in whole[doc_id].extractions]
        assert [b.nquads for b in spooled.blocks] == [b.nquads for b in whole[doc_id].blocks]
    assert summaries[by_name["good.txt"]].reused
    assert pickle.loads((spool / f"{by_name['good.txt']}.pickle").read_bytes()).extractions
    # cut short in its worker: the step writes the skipped result itself
    assert "worker process died" in summaries[by_name["dies.txt"]].skipped[0].reason
    assert "empty" in summaries[by_name["empty.txt"]].skipped[0].reason


def test_a_build_stores_the_spooled_results_and_leaves_no_spool(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "dies.txt").unlink()
    (folder / "other.txt").write_text(news().replace("Jane Example", "Ada Sample"))
    out = tmp_path / "out"
    assert run_build([str(folder)], out, workers=2, time_budget_s=20).success
    state = out / ".state"
    assert not any((state / SPOOL_DIR).iterdir())
    stored = {p.stem: pickle.loads(p.read_bytes()) for p in state.joinpath(*RESULTS_DIR).glob("*.pickle")}
    entries = read_index(state).entries
    assert set(stored) == {e.doc_id for e in entries}
    assert sum(bool(r.extractions) for r in stored.values()) == 2
    assert "Ada Sample" in (out / "dataset.nt").read_text()
    # moved into place after the hashes were recorded: taken as stored, so only the file that could not
    # be read (it has no hash) is read again
    empty = next(e.doc_id for e in entries if e.locator.endswith("empty.txt"))
    assert changed_entries(entries, state) == {empty}
