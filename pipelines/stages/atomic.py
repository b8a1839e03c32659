"""Writing state files so that a reader, or a run that stops half-way, never sees a partial file."""

from __future__ import annotations

import fcntl
import json
import mmap
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a uniquely named file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json(path: Path, value: object, *, indent: int | None = None) -> None:
    write_atomically(path, json.dumps(value, indent=indent).encode("utf-8"))


def read_json(path: Path, default: object) -> object:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else default


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for a read-modify-write of a state file that
    separate runs, possibly on separate machines sharing the folder, update at the same time. The lock is
    released when the block ends or the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def mapped(path: Path) -> bytes | mmap.mmap:
    """A file's bytes, mapped rather than read (a release reads hundreds of MB of previous dumps for the few
    pieces that stay; the mapping stays valid after the file is replaced). Empty files cannot be mapped."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
