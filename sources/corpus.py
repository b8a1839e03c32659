"""Finding documents in files and folders and reading their bytes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ontology.iri import document_id
from ontology.records import RawDocument, Skipped
from sources import SAMPLES_DIR

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Located:
    path: Path
    locator: str


def discover(paths: Iterable[str | Path]) -> tuple[list[Located], list[Skipped]]:
    """Supported files under the given files and folders, each with a stable locator.

    A folder's files are located as `<folder name>/<relative path>`, a lone file by its name, so
    the same corpus yields the same document ids wherever it is checked out.
    """
    found: dict[str, Located] = {}
    skipped: list[Skipped] = []
    for entry in paths:
        path = Path(entry).expanduser()
        if path.is_dir():
            folder = path.resolve().name
            for rel in _files_under(path):
                locator = f"{folder}/{rel}"
                suffix = os.path.splitext(rel)[1]
                if suffix.lower() in MEDIA_TYPES:
                    found.setdefault(locator, Located(path / rel, locator))
                elif rel.rsplit("/", 1)[-1].upper() not in {"README.TXT", "README.MD", "NOTES.MD"}:
                    skipped.append(Skipped(locator, f"unsupported file type {suffix!r}"))
        elif path.is_file():
            if path.suffix.lower() in MEDIA_TYPES:
                found.setdefault(path.name, Located(path, path.name))
            else:
                skipped.append(Skipped(path.name, f"unsupported file type {path.suffix!r}"))
        else:
            skipped.append(Skipped(str(entry), "no such file or folder"))
    return sorted(found.values(), key=lambda f: f.locator), skipped


def _files_under(folder: Path) -> list[str]:
    """The files under `folder` as relative POSIX paths, in path order, skipping hidden files and folders
    and not descending into linked folders. (os.walk with strings: a corpus of thousands of files is
    listed on every build, and pathlib's objects made up most of that time.)"""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        prefix = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in files:
            if not name.startswith(".") and os.path.isfile(os.path.join(top, name)):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda rel: rel.split("/"))


def read_raw(located: Located, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file; raises ValueError (the skip reason) for empty or oversized files."""
    size = located.path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > max_bytes:
        raise ValueError(f"file of {size} bytes exceeds the limit of {max_bytes}")
    content = located.path.read_bytes()
    return RawDocument(
        doc_id=document_id(located.locator),
        locator=located.locator,
        media_type=MEDIA_TYPES[located.path.suffix.lower()],
        content=content,
        content_hash=hashlib.sha256(content).hexdigest(),
    )


def sample_paths() -> list[Path]:
    """The bundled sample corpus."""
    return [SAMPLES_DIR]
