"""Putting a file in place of another at once: readers open the old file or the new one, never neither."""

from __future__ import annotations

import threading
from pathlib import Path

from pipelines.stages.atomic import swap_in


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
