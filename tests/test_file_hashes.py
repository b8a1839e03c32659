"""The change check reads a local file again only when its size, times or inode changed since it was
hashed, and never keeps the hash of a file modified just before it was hashed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from test_boundary import news

from pipelines.runner import run_build
from pipelines.stages.documents import FILE_HASHES_FILE, changed_entries, read_index

HOUR_NS = 3600 * 10**9


def _built(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    page = folder / "page.txt"
    page.write_text(news())
    # last written an hour ago: old enough for its hash to be kept
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns - HOUR_NS))
    out = tmp_path / "out"
    assert run_build([str(folder)], out, workers=1).success
    return folder, page, out / ".state"


def test_an_unchanged_file_is_taken_by_its_size_and_time_and_a_rewritten_one_is_read(tmp_path: Path) -> None:
    _, page, state = _built(tmp_path)
    entries = read_index(state).entries
    assert changed_entries(entries, state) == set()
    kept = json.loads((state / FILE_HASHES_FILE).read_text())
    stat = page.stat()
    assert kept[str(page)][:4] == [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]

    # the same size and a new time: read again, and found changed
    before = page.stat()
    page.write_text(news().replace("Jane Example", "Jane Exampli"))
    assert page.stat().st_size == before.st_size
    assert changed_entries(entries, state) == {entries[0].doc_id}

    # rewritten with the same size and its old modification time set back: its inode change time moved
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed_entries(entries, state) == {entries[0].doc_id}

    # replaced by a copy with the old size and times: another inode
    copy = page.with_name("copy.tmp")
    copy.write_text(news().replace("Jane Example", "Jane Exampla"))
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(copy, page)
    assert changed_entries(entries, state) == {entries[0].doc_id}


def test_a_file_modified_just_before_it_was_hashed_is_not_kept_and_a_damaged_record_is_rebuilt(
    tmp_path: Path,
) -> None:
    _, page, state = _built(tmp_path)
    entries = read_index(state).entries
    (state / FILE_HASHES_FILE).write_bytes(b"\x00{not json")
    assert changed_entries(entries, state) == set()
    kept = json.loads((state / FILE_HASHES_FILE).read_text())[str(page)]

    page.write_text(news().replace("Jane Example", "Ada Sample"))  # modified now
    assert changed_entries(entries, state) == {entries[0].doc_id}
    assert json.loads((state / FILE_HASHES_FILE).read_text())[str(page)] == kept  # the new hash is not kept
    assert changed_entries(entries, state) == {entries[0].doc_id}
