"""Putting a file in place of another at once: readers open the old file or the new one, never neither."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from pipelines.stages.atomic import read_state, swap_in, write_state


def test_swap_in_puts_the_new_file_in_place_and_leaves_the_old_beside_it(tmp_path: Path) -> None:
    new, target = tmp_path / "staging", tmp_path / "dataset.nt"
    new.write_bytes(b"new\n")
    target.write_bytes(b"old\n")
    swap_in(new, target)
    assert target.read_bytes() == b"new\n"
    # exchanged where the system can (the old file is then where the new one was), replaced elsewhere
    assert not new.exists() or new.read_bytes() == b"old\n"


def test_swap_in_without_a_previous_file_moves_the_new_one(tmp_path: Path) -> None:
    new, target = tmp_path / "staging", tmp_path / "dataset.nt"
    new.write_bytes(b"first\n")
    swap_in(new, target)
    assert target.read_bytes() == b"first\n" and not new.exists()


def test_a_reader_always_finds_the_file_while_it_is_swapped(tmp_path: Path) -> None:
    target = tmp_path / "dataset.nt"
    target.write_bytes(b"0\n")
    seen: set[bytes] = set()
    missing = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                seen.add(target.read_bytes())
            except FileNotFoundError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 300):
            new = tmp_path / f"staging-{n}"
            new.write_bytes(f"{n}\n".encode())
            swap_in(new, target)
            new.unlink(missing_ok=True)
    finally:
        done.set()
        reader.join()
    assert not missing and target.read_bytes() == b"299\n"
    assert seen <= {f"{n}\n".encode() for n in range(300)}


class _Gone:
    """A class of an older layout: pickled, then removed from its module."""

    def __init__(self, value: int) -> None:
        self.value = value


def test_a_state_file_of_a_class_that_no_longer_exists_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.pickle"
    write_state(path, (1, _Gone(3)))
    assert read_state(path)[1].value == 3
    monkeypatch.delattr(sys.modules[__name__], "_Gone")
    assert read_state(path) is None  # unpickling it fails: the caller makes the state anew
    # a missing, truncated or foreign file is the same
    assert read_state(tmp_path / "missing.pickle") is None
    path.write_bytes(path.read_bytes()[:10])
    assert read_state(path) is None
    path.write_bytes(b"not a pickle")
    assert read_state(path) is None


def test_each_state_reader_rebuilds_a_file_pickled_with_a_removed_class(tmp_path: Path, monkeypatch) -> None:
    from pipelines.stages import changes, combine, corroborate, dumps, merge

    state = tmp_path / "state"
    for path in (
        state / dumps._INDEX_FILE,
        state / changes._ITEMS_FILE,
        state / corroborate.CACHE_FILE,
        state / merge.STATE_FILE,
        state / combine.STATE_DIR / "00.pickle",
        state / combine.STATE_DIR / "last-graph",
    ):
        write_state(path, (1, _Gone(1)))
    monkeypatch.delattr(sys.modules[__name__], "_Gone")
    assert corroborate.LinkCache.load(state) == corroborate.LinkCache()
    (state / "dataset.nt").write_bytes(b"")
    assert merge.Merger(state)._load(state / "dataset.nt") is None
    assert combine.CombineState(state / combine.STATE_DIR).entries == {}
    assert dumps._read_index(state / dumps._INDEX_FILE) == {}
    assert changes._kept_items(state, "any graph") is None


def test_a_folder_removed_later_is_gone_once_its_thread_ends(tmp_path: Path) -> None:
    from pipelines.stages.atomic import remove_later

    old = tmp_path / ".staging-x"
    (old / "inner").mkdir(parents=True)
    (old / "dataset.nt").write_bytes(b"x" * 1_000_000)
    (old / "inner" / "file").write_text("y")
    remove_later(old).join(timeout=30)
    assert not old.exists()
