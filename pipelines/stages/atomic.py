"""Writing state files so that a reader, or a run that stops half-way, never sees a partial file."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import json
import mmap
import os
import pickle
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


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


# what unpickling a file written by other code (an older class layout, a renamed or removed class, a
# truncated write) raises: such a file is state to rebuild, never a reason to fail
_UNREADABLE = (
    OSError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    pickle.UnpicklingError,
)


def read_state(path: Path) -> object | None:
    """The value pickled in a state file, or None when it is missing or cannot be unpickled, so that the
    caller makes it anew; the caller checks the value has the shape it expects."""
    try:
        return pickle.loads(path.read_bytes())
    except _UNREADABLE:
        return None


def read_tagged(path: Path, tag: object, kind: type[T]) -> T | None:
    """The value of a state file written as `(tag, value)`, when its tag is `tag` (a layout number, a key
    of what it was made from) and the value a `kind`; else None, and the caller makes it anew."""
    kept = read_state(path)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == tag and isinstance(kept[1], kind):
        return kept[1]
    return None


def write_state(path: Path, value: object) -> None:
    """Pickle `value` into a state file atomically (for `read_state`)."""
    write_atomically(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _renameat2() -> ctypes._CFuncPtr | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc, or older than 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2()


def swap_in(new: Path, target: Path) -> None:
    """Put `new` in place of `target` atomically, as `os.replace` does; where the system can, the two are
    exchanged instead (the old file is then at `new`, for the caller to remove). Replacing a large file
    that was just written makes ext4 start writing the new one out at once (its `auto_da_alloc` guard)
    and free the old one's blocks, a tenth of a second per 100 MB; exchanging does neither."""
    if _RENAMEAT2 is not None and target.exists():
        if _RENAMEAT2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOENT, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(target))
    os.replace(new, target)


def remove_later(folder: Path) -> threading.Thread:
    """Remove `folder` from a thread: freeing the blocks of large files (an old release's, exchanged out by
    `swap_in`) takes ext4 about a tenth of a second per 100 MB, which nobody waiting for the new release
    needs to wait for. The process waits for the thread before it exits."""
    remover = threading.Thread(
        target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, name=f"remove {folder.name}"
    )
    remover.start()
    return remover


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


def owned_prefix(kind: str) -> str:
    """The start of a work folder's name: its kind (".staging-"), then the machine and the process that
    writes it, so that `remove_abandoned` can tell a folder whose process was killed."""
    return f"{kind}{socket.gethostname()}-{os.getpid()}-"


def remove_abandoned(directory: Path, kind: str) -> None:
    """Work folders of `kind` left in `directory` by a process on this machine that was killed: their
    files, half written, are nobody's."""
    prefix = f"{kind}{socket.gethostname()}-"
    for folder in directory.glob(f"{glob.escape(prefix)}*"):
        pid = folder.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            remove_later(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # PermissionError: it runs, as someone else's process
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
