"""The merged default graph as sorted, deduplicated N-Triples (`dataset.nt`), made from scratch or by
editing the previous release's file.

Sorting every document's triples again costs seconds per 2,000 documents whatever changed. A release
that changed a few documents instead takes the previous sorted file, removes the lines no document holds
any more and inserts the new ones where they sort (a binary search each), which gives the same bytes.
What that needs is kept in the state folder: each published document's triple lines (one file per block
digest, so a file never changes once written) and, for the few lines that several documents hold, how
many do (a line held by one document goes when that document drops it). Anything that does not match
the dump in the folder (another release, an unfinished publish, a missing file) means a merge from
scratch.
"""

from __future__ import annotations

import io
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.stages.atomic import mapped, read_tagged, write_atomically, write_state

STATE_FILE = "dumps-merge.pickle"  # in the state folder: what the last merge published
LINES_DIR = "dumps-lines"  # in the state folder: each document's triple lines, by block digest
_LAYOUT = 1
_INCREMENTAL_SHARE = 4  # more than a quarter of the documents changed: merging from scratch is as fast
_INCREMENTAL_ALWAYS = 16
_WRITES_AHEAD = 64  # documents' lines a merge from scratch holds for the thread that writes them
_SLICE = 1 << 17  # sorted lines counted and written at a time by a merge from scratch  # so many changed documents are edited in whatever the corpus's size


@dataclass
class MergeState:
    nt_stat: list[int] = field(default_factory=list)  # size and mtime of the dataset.nt it describes
    triples: int = 0
    docs: dict[str, str] = field(default_factory=dict)  # document id -> block digest
    shared: dict[bytes, int] = field(default_factory=dict)  # line -> documents holding it, when 2 or more


@dataclass(frozen=True)
class Merged:
    ntriples: bytes
    triples: int
    incremental: bool = False
    # subjects (as written in N-Triples, "<iri>" or "_:id") whose lines were added or removed
    touched: frozenset[bytes] = frozenset()
    # how the previous text was edited: (offset in it, bytes removed there, bytes inserted there), sorted
    edits: tuple[tuple[int, int, bytes], ...] = ()
    previous_size: int = 0
    removed: tuple[bytes, ...] = ()  # the lines taken out of the previous text (without newlines), sorted
    added: tuple[bytes, ...] = ()  # the lines put into it, sorted


def triple_lines(doc_id: str, block: str) -> str:
    """A named graph's N-Quads as N-Triples lines: every line ends with the graph's name, dropped from
    all lines at once."""
    if not block:
        return ""
    try:
        term = block[block.rindex(" <", 0, block.index("\n")) :].split("\n", 1)[0] + "\n"
    except ValueError:
        raise SyntaxError(f"{doc_id}: not N-Quads of one named graph") from None
    return block.replace(term, " .\n")


def merge_all(blocks: Iterable[str]) -> tuple[bytes, int]:
    """Sorted, deduplicated lines of N-Triples texts (sorted as bytes, which is code point order for
    UTF-8: the same as sorting the strings)."""
    # each block is sorted already: Python's sort merges such runs much faster than it sorts a set, and
    # a dict drops the duplicates (now side by side) keeping the order
    lines = "".join(blocks).encode().split(b"\n")
    lines.sort()
    ordered = list(dict.fromkeys(lines))
    if ordered and not ordered[0]:
        ordered.pop(0)  # the empty string after the last newline sorts first
    return b"\n".join(ordered) + b"\n" if ordered else b"", len(ordered)


def _lines(text: str) -> set[bytes]:
    return set(text.encode().split(b"\n")) - {b""}


def find_line(ntriples: bytes, line: bytes) -> tuple[int, bool]:
    """Where `line` is, or would be inserted, in sorted N-Triples (the offset of the first line not
    before it), and whether it is there. A binary search over byte offsets, snapped to line starts."""
    lo, hi = 0, len(ntriples)
    while lo < hi:
        mid = (lo + hi) // 2
        start = ntriples.rfind(b"\n", lo, mid) + 1 or lo
        end = ntriples.find(b"\n", start)
        end = len(ntriples) if end < 0 else end
        if ntriples[start:end] < line:
            lo = end + 1
        else:
            hi = start
    lo = min(lo, len(ntriples))
    end = ntriples.find(b"\n", lo)
    return lo, ntriples[lo : len(ntriples) if end < 0 else end] == line


def subject_lines(ntriples: bytes, subject: bytes) -> bytes:
    """Every line of sorted N-Triples whose subject is `subject` (they sit side by side)."""
    start, _ = find_line(ntriples, subject + b" ")
    end, _ = find_line(ntriples, subject + b"!")  # "!" sorts right after the space that ends the subject
    return ntriples[start:end]


class Merger:
    """Makes dataset.nt for a release, from the last one's state in `state_dir` when it can."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.lines_dir = state_dir / LINES_DIR
        self.state = MergeState()
        self._written: dict[str, str] = {}  # block digest -> triple lines, for documents to store

    def _load(self, nt_path: Path) -> MergeState | None:
        state = read_tagged(self.state_dir / STATE_FILE, _LAYOUT, MergeState)
        if state is None:
            return None
        try:
            stat = nt_path.stat()
        except OSError:
            return None
        return state if state.nt_stat == [stat.st_size, stat.st_mtime_ns] else None

    def merge(self, graphs: Mapping[str, str], digests: Mapping[str, str], nt_path: Path) -> Merged:
        """The sorted N-Triples of `graphs` (document id -> N-Quads block; `digests` identifies each),
        editing the file at `nt_path` when it is the one the state describes."""
        previous = self._load(nt_path)
        if previous is not None:
            changed = sorted(d for d in {*digests, *previous.docs} if previous.docs.get(d) != digests.get(d))
            if len(changed) > max(_INCREMENTAL_ALWAYS, len(digests) // _INCREMENTAL_SHARE):
                previous = None
        if previous is not None:
            merged = self._edit(previous, graphs, digests, changed, nt_path)
            if merged is not None:
                return merged
        return self._from_scratch(graphs, digests)

    def _from_scratch(self, graphs: Mapping[str, str], digests: Mapping[str, str]) -> Merged:
        """What `merge_all` gives, holding each line once (not each document's text besides): a document's
        lines are stored as soon as they are read, and the sorted lines are counted (which deduplicates
        them in order and says how many documents hold each) and written out a slice at a time, each
        slice's lines freed as it is written, so the lines and the text they make are not all held at once."""
        lines: list[bytes] = []
        # each document's lines are written to their file by a thread (file writes release the GIL)
        with ThreadPoolExecutor(max_workers=1) as writer:
            pending: deque[Future] = deque()
            for doc_id in sorted(graphs):
                text = triple_lines(doc_id, graphs[doc_id]).encode()
                pending.append(writer.submit(self._keep_lines, digests[doc_id], text))
                lines.extend(dict.fromkeys(text.split(b"\n")))  # a document holds a line once
                while len(pending) > _WRITES_AHEAD or (pending and pending[0].done()):
                    pending.popleft().result()  # a write that failed fails the merge
            for done in pending:
                done.result()
        lines.sort()
        out = io.BytesIO()
        shared: dict[bytes, int] = {}
        count = 0
        last, last_n = b"", 0  # the last line written and how many documents hold it
        while lines:
            held = Counter(lines[:_SLICE])  # in sorted order, as the keys were first seen
            del lines[:_SLICE]
            held.pop(b"", None)  # the empty string after each document's last newline sorts first
            if last and last in held:  # a line held by documents on both sides of the cut: written once
                last_n += held.pop(last)
                shared[last] = last_n
            if not held:
                continue
            shared.update((line, n) for line, n in held.items() if n > 1)
            out.write(b"\n".join(held))
            out.write(b"\n")
            count += len(held)
            last, last_n = next(reversed(held.items()))
            del held
        self.state = MergeState([], count, dict(digests), shared)
        self._written = {}
        return Merged(out.getvalue(), count)  # the buffer itself, not a copy

    def _keep_lines(self, digest: str, text: bytes) -> None:
        path = self.lines_dir / digest
        if not path.is_file():
            write_atomically(path, text)

    def _edit(
        self,
        previous: MergeState,
        graphs: Mapping[str, str],
        digests: Mapping[str, str],
        changed: list[str],
        nt_path: Path,
    ) -> Merged | None:
        delta: Counter[bytes] = Counter()
        written: dict[str, str] = {}
        for doc_id in changed:
            old: set[bytes] = set()
            if doc_id in previous.docs:
                try:
                    old = _lines((self.lines_dir / previous.docs[doc_id]).read_text(encoding="utf-8"))
                except OSError:
                    return None
            new: set[bytes] = set()
            if doc_id in digests:
                text = triple_lines(doc_id, graphs[doc_id])
                written[digests[doc_id]] = text
                new = _lines(text)
            delta.update(old - new)
            delta.subtract(new - old)
        old_nt = mapped(nt_path)
        shared = dict(previous.shared)
        removed, added = [], []
        for line, drop in delta.items():  # drop: documents that no longer hold it, less those that now do
            if not drop:
                continue
            before = shared.get(line) or (1 if find_line(old_nt, line)[1] else 0)
            after = before - drop
            if after < 0:
                return None  # the state does not describe this file
            if after > 1:
                shared[line] = after
            else:
                shared.pop(line, None)
            if before and not after:
                removed.append(line)
            elif after and not before:
                added.append(line)
        removed.sort()
        added.sort()
        edits = _edits(old_nt, removed, added)
        ntriples = _edited(old_nt, edits)
        count = previous.triples - len(removed) + len(added)
        self.state = MergeState([], count, dict(digests), shared)
        self._written = written
        touched = frozenset(line.split(b" ", 1)[0] for line in (*removed, *added))
        return Merged(ntriples, count, True, touched, tuple(edits), len(old_nt), tuple(removed), tuple(added))

    def commit(self, nt_path: Path) -> None:
        """Keep the state for the next release, once `nt_path` holds the merged text. A document's lines
        are written under its block digest before the state names it, and files no state names are removed."""
        self.lines_dir.mkdir(parents=True, exist_ok=True)
        for digest, text in self._written.items():
            self._keep_lines(digest, text.encode("utf-8"))
        stat = nt_path.stat()
        self.state.nt_stat = [stat.st_size, stat.st_mtime_ns]
        write_state(self.state_dir / STATE_FILE, (_LAYOUT, self.state))
        keep = set(self.state.docs.values())
        for path in self.lines_dir.iterdir():
            if path.name not in keep:
                path.unlink(missing_ok=True)


def _edits(ntriples: bytes, removed: list[bytes], added: list[bytes]) -> list[tuple[int, int, bytes]]:
    """The edits that take the `removed` lines (all present) out of sorted N-Triples and put the `added`
    ones (none present) where they sort: (offset, bytes to skip there, bytes to insert there), sorted."""
    edits = [(find_line(ntriples, line)[0], len(line) + 1, b"") for line in removed]
    edits += [(find_line(ntriples, line)[0], 0, line + b"\n") for line in added]
    # at one offset, insertions (sorted) come before the removal of the line that sits there
    edits.sort(key=lambda e: (e[0], e[1] > 0, e[2]))
    return edits


def _edited(ntriples: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    view = memoryview(ntriples)  # slices of it are not copied: the text is copied once, by the join
    parts: list[bytes | memoryview] = []
    at = 0
    for offset, skip, insert in edits:
        parts.append(view[at:offset])
        parts.append(insert)
        at = offset + skip
    parts.append(view[at:])
    return b"".join(parts)
