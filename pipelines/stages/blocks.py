"""Each document's named graph (an N-Quads block) kept once in the state folder, under its digest.

The knowledge graph names its blocks by digest instead of carrying their text: storing it, handing it
to another process and reading it back costs what the document ids and digests cost, and a block is read
only by a step that needs its text (a release that changed one document reads a few). A block's file is
written once, when a build first makes it; the combine step removes the files no graph names any more.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pipelines.stages.atomic import write_atomically
from pipelines.stages.validation import ValidatedNQuads

BLOCKS_DIR = "blocks"  # in the state folder


class BlockStore:
    """Block files by digest under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str) -> Path:
        return self.root / digest[:2] / digest

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def put(self, digest: str, nquads: str, *, replace: bool = False) -> None:
        """Keep a block (`replace`: even if a file of that digest is there, from an earlier result)."""
        path = self.path(digest)
        if replace or not path.is_file():
            write_atomically(path, nquads.encode("utf-8"))

    def read(self, digest: str) -> str:
        return self.path(digest).read_text(encoding="utf-8")

    def listing(self) -> set[str]:
        """The digests of every block kept: one listing of the folders instead of a look-up per block."""
        if not self.root.is_dir():
            return set()
        return {
            entry.name
            for folder in os.scandir(self.root)
            if folder.is_dir()
            for entry in os.scandir(folder.path)
            if not entry.name.startswith(".")
        }

    def prune(self, keep: Iterable[str], listed: Iterable[str] | None = None) -> int:
        """Remove the blocks not in `keep`; how many were removed. `listed`: every block kept, when known
        (`listing`, with the blocks put since)."""
        wanted = set(keep)
        gone = [d for d in (self.listing() if listed is None else listed) if d not in wanted]
        for digest in gone:
            self.path(digest).unlink(missing_ok=True)
        return len(gone)


class StoredBlocks(Mapping[str, str]):
    """Document id -> N-Quads block, read from a `BlockStore` each time it is asked for. `marks`: the
    shapes digest of blocks a document worker validated, so a block read back is still known as
    validated (see `ValidatedNQuads`)."""

    def __init__(self, root: Path, digests: Mapping[str, str], marks: Mapping[str, str] | None = None) -> None:
        self.store = BlockStore(root)
        self.digests = dict(digests)
        self.marks = dict(marks or {})

    def path(self, doc_id: str) -> Path:
        """The file that holds a document's block."""
        return self.store.path(self.digests[doc_id])

    def __getitem__(self, doc_id: str) -> str:
        text = self.store.read(self.digests[doc_id])
        shapes = self.marks.get(doc_id)
        return ValidatedNQuads(text, shapes) if shapes else text

    def validated(self, doc_id: str, shapes: str) -> bool:
        """Whether a document worker validated the block against `shapes` (without reading it)."""
        return self.marks.get(doc_id) == shapes

    def __iter__(self) -> Iterator[str]:
        return iter(self.digests)

    def __len__(self) -> int:
        return len(self.digests)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.digests

    def __reduce__(self) -> tuple[type[StoredBlocks], tuple[Path, dict[str, str], dict[str, str]]]:
        # what other processes get: names only, the blocks are read from the store (every one is there)
        return StoredBlocks, (self.store.root, self.digests, self.marks)
