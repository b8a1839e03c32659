"""The knowledge graph's counts kept between builds as sums of each block's contribution.

Triples, triples per predicate and distinct subjects per class are sums over the graph's blocks. Adding
up every block's `BlockStats` again costs a pass over every typed subject of the corpus (and unpickling
every block's stats) whatever changed; kept totals instead lose the old contribution of each block that
changed and gain the new one. Each block's stats are kept in shards by graph key, and how many blocks
type each subject with each counted class in shards by subject, both read only where a changed block
reaches them; the small totals (triples, predicates, distinct subjects per class) name the blocks they
counted. Totals that cannot be trusted (missing, of another layout, or naming a block or a shard whose
stats are gone) are added up again from every block.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.stages.atomic import read_tagged, write_state
from pipelines.stages.graph import COUNTED_CLASSES, BlockStats

_LAYOUT = 2  # raise it whenever `block_stats` changes what it counts: kept totals are not recounted
_SHARDS = 64
_TOTALS = "totals.pickle"
_SUBJECTS = "subjects-{:03x}.pickle"  # class -> subject -> blocks typing the subject with the class
# a document's typed subjects are spread over the shards: small shards keep what one changed document
# reads and writes small
_SUBJECT_SHARDS = 512
_COUNTED = frozenset(COUNTED_CLASSES)


class _Subjects:
    """How many blocks type each subject with each counted class, in shards by subject read on first use
    (`fresh`: none kept, every shard starts empty). Raises OSError when a kept shard is gone."""

    def __init__(self, folder: Path, fresh: bool) -> None:
        self.folder, self.fresh = folder, fresh
        self.shards: dict[int, dict[str, Counter[str]]] = {}
        self.dirty: set[int] = set()

    def of(self, subject: str) -> dict[str, Counter[str]]:
        """The shard of `subject`, to be edited (it is written by `save`)."""
        n = zlib.crc32(subject.encode()) % _SUBJECT_SHARDS
        self.dirty.add(n)
        if n not in self.shards:
            if self.fresh:
                self.shards[n] = {}
            else:
                kept = read_tagged(self.folder / _SUBJECTS.format(n), _LAYOUT, dict)
                if kept is None:
                    raise FileNotFoundError(self.folder / _SUBJECTS.format(n))
                self.shards[n] = kept
        return self.shards[n]

    def save(self) -> None:
        for n in sorted(self.dirty):
            write_state(self.folder / _SUBJECTS.format(n), (_LAYOUT, self.shards[n]))
        if self.fresh:  # shards no block reached are empty, not what an earlier build left
            for n in set(range(_SUBJECT_SHARDS)) - self.dirty:
                write_state(self.folder / _SUBJECTS.format(n), (_LAYOUT, {}))
        self.dirty.clear()


@dataclass
class Totals:
    counted: dict[str, str] = field(default_factory=dict)  # graph key -> digest of the block counted
    triples: int = 0
    predicates: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)  # counted class -> distinct subjects typed with it

    def add(self, stats: BlockStats, sign: int, subjects: _Subjects) -> None:
        self.triples += sign * stats.triples
        for predicate, n in stats.predicates:
            self.predicates[predicate] += sign * n
            if not self.predicates[predicate]:
                del self.predicates[predicate]
        for subject, name in stats.typed:
            if name not in _COUNTED:
                continue
            typing = subjects.of(subject).setdefault(name, Counter())
            before = typing[subject]
            typing[subject] += sign
            if not typing[subject]:
                del typing[subject]
            if bool(before) != bool(before + sign):  # the subject is typed with the class now, or no longer
                self.classes[name] += sign

    def class_counts(self) -> dict[str, int]:
        """Distinct subjects per counted class, in COUNTED_CLASSES order (as `graph.class_counts`)."""
        return {name: self.classes.get(name, 0) for name in COUNTED_CLASSES}

    def predicate_counts(self) -> dict[str, int]:
        return dict(sorted(self.predicates.items()))


class Counts:
    """The totals of the last build and each counted block's stats, in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.totals: Totals | None = read_tagged(folder / _TOTALS, _LAYOUT, Totals)
        self._shards: dict[int, dict[str, tuple[str, BlockStats]]] = {}
        self._dirty: set[int] = set()
        self._subjects = _Subjects(folder, fresh=self.totals is None)

    def _shard(self, key: str) -> dict[str, tuple[str, BlockStats]]:
        n = zlib.crc32(key.encode()) % _SHARDS
        if n not in self._shards:
            kept = read_tagged(self.folder / f"{n:02x}.pickle", _LAYOUT, dict)
            self._shards[n] = kept if kept is not None else {}
        return self._shards[n]

    def _kept(self, key: str, digest: str) -> BlockStats | None:
        entry = self._shard(key).get(key)
        return entry[1] if entry is not None and entry[0] == digest else None

    def _keep(self, key: str, digest: str | None, stats: BlockStats | None) -> None:
        shard = self._shard(key)
        if digest is None:
            shard.pop(key, None)
        else:
            shard[key] = (digest, stats)  # type: ignore[assignment]
        self._dirty.add(zlib.crc32(key.encode()) % _SHARDS)

    def update(
        self,
        blocks: Mapping[str, str],
        known: Mapping[str, BlockStats],
        stats_of: Callable[[str], BlockStats],
    ) -> Totals:
        """The totals of the graph whose blocks are `blocks` (graph key -> digest). `known`: digest -> stats
        of blocks made or read by this build; `stats_of(digest)`: a block's stats from its text (raises
        OSError when the block is gone)."""
        totals = self.totals
        if totals is not None:
            try:
                return self._edit(totals, blocks, known, stats_of)
            except OSError:  # an old block's stats, or a shard of subjects, are gone: add every block up again
                self._shards = {n: {} for n in range(_SHARDS)}
                self._dirty = set(range(_SHARDS))
        self._subjects = _Subjects(self.folder, fresh=True)
        return self._edit(Totals(), blocks, known, stats_of)

    def _edit(
        self,
        totals: Totals,
        blocks: Mapping[str, str],
        known: Mapping[str, BlockStats],
        stats_of: Callable[[str], BlockStats],
    ) -> Totals:
        # edited in a copy (the shards of subjects are read again if it fails): totals left half-edited by
        # a block whose stats are gone are not used
        edited = Totals(dict(totals.counted), totals.triples, Counter(totals.predicates), Counter(totals.classes))
        for key in sorted({*blocks, *totals.counted}):
            old, new = totals.counted.get(key), blocks.get(key)
            if old == new:
                continue
            if old is not None:
                edited.add(self._kept(key, old) or known.get(old) or stats_of(old), -1, self._subjects)
                del edited.counted[key]
            stats = None
            if new is not None:
                stats = known.get(new) or self._kept(key, new) or stats_of(new)
                edited.add(stats, 1, self._subjects)
                edited.counted[key] = new
            self._keep(key, new, stats)
        return edited

    def save(self, totals: Totals) -> None:
        """Keep `totals` (what `update` returned) for the next build: the totals go first, the shards are
        written, then the totals that name them (shards half written are never taken for kept ones)."""
        if totals == self.totals and not self._dirty:
            return
        (self.folder / _TOTALS).unlink(missing_ok=True)
        for n in sorted(self._dirty):
            write_state(self.folder / f"{n:02x}.pickle", (_LAYOUT, self._shards[n]))
        self._dirty.clear()
        self._subjects.save()
        write_state(self.folder / _TOTALS, (_LAYOUT, totals))
        self.totals = totals
        self._subjects = _Subjects(self.folder, fresh=False)
