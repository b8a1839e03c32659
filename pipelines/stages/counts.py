"""The knowledge graph's counts kept between builds as sums of each block's contribution.

Triples, triples per predicate and distinct subjects per class are sums over the graph's blocks. Adding
up every block's `BlockStats` again costs a pass over every typed subject of the corpus (and unpickling
every block's stats) whatever changed; kept totals instead lose the old contribution of each block that
changed and gain the new one. Each block's stats are kept in shards by graph key, read only for the keys
whose block changed. Totals that cannot be trusted (missing, of another layout, or naming a block whose
stats are gone) are added up again from every block.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.stages.atomic import read_state, write_state
from pipelines.stages.graph import COUNTED_CLASSES, BlockStats

_LAYOUT = 1  # raise it whenever `block_stats` changes what it counts: kept totals are not recounted
_SHARDS = 64
_TOTALS = "totals.pickle"


@dataclass
class Totals:
    counted: dict[str, str] = field(default_factory=dict)  # graph key -> digest of the block counted
    triples: int = 0
    predicates: Counter[str] = field(default_factory=Counter)
    # class -> subject -> blocks typing the subject with the class (by class: a dict of strings per class
    # unpickles in a third of the time one dict keyed by (subject, class) pairs takes)
    typed: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, stats: BlockStats, sign: int) -> None:
        self.triples += sign * stats.triples
        for predicate, n in stats.predicates:
            self.predicates[predicate] += sign * n
            if not self.predicates[predicate]:
                del self.predicates[predicate]
        for subject, name in stats.typed:
            subjects = self.typed.setdefault(name, Counter())
            subjects[subject] += sign
            if not subjects[subject]:
                del subjects[subject]

    def class_counts(self) -> dict[str, int]:
        """Distinct subjects per counted class, in COUNTED_CLASSES order (as `graph.class_counts`)."""
        return {name: len(self.typed.get(name, ())) for name in COUNTED_CLASSES}

    def predicate_counts(self) -> dict[str, int]:
        return dict(sorted(self.predicates.items()))


class Counts:
    """The totals of the last build and each counted block's stats, in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        kept = read_state(folder / _TOTALS)
        valid = isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _LAYOUT and isinstance(kept[1], Totals)
        self.totals: Totals | None = kept[1] if valid else None  # type: ignore[index]
        self._shards: dict[int, dict[str, tuple[str, BlockStats]]] = {}
        self._dirty: set[int] = set()

    def _shard(self, key: str) -> dict[str, tuple[str, BlockStats]]:
        n = zlib.crc32(key.encode()) % _SHARDS
        if n not in self._shards:
            kept = read_state(self.folder / f"{n:02x}.pickle")
            valid = isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _LAYOUT and isinstance(kept[1], dict)
            self._shards[n] = kept[1] if valid else {}  # type: ignore[index]
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
            except OSError:  # an old block's stats are gone: add every block up again
                self._shards = {n: {} for n in range(_SHARDS)}
                self._dirty = set(range(_SHARDS))
        return self._edit(Totals(), blocks, known, stats_of)

    def _edit(
        self,
        totals: Totals,
        blocks: Mapping[str, str],
        known: Mapping[str, BlockStats],
        stats_of: Callable[[str], BlockStats],
    ) -> Totals:
        # edited in a copy: totals left half-edited by a block whose stats are gone are not used
        typed = {name: Counter(subjects) for name, subjects in totals.typed.items()}
        edited = Totals(dict(totals.counted), totals.triples, Counter(totals.predicates), typed)
        for key in sorted({*blocks, *totals.counted}):
            old, new = totals.counted.get(key), blocks.get(key)
            if old == new:
                continue
            if old is not None:
                edited.add(self._kept(key, old) or known.get(old) or stats_of(old), -1)
                del edited.counted[key]
            stats = None
            if new is not None:
                stats = known.get(new) or self._kept(key, new) or stats_of(new)
                edited.add(stats, 1)
                edited.counted[key] = new
            self._keep(key, new, stats)
        return edited

    def save(self, totals: Totals) -> None:
        """Keep `totals` (what `update` returned) for the next build: the shards first, then the totals that
        name them."""
        for n in sorted(self._dirty):
            write_state(self.folder / f"{n:02x}.pickle", (_LAYOUT, self._shards[n]))
        self._dirty.clear()
        if totals != self.totals:
            write_state(self.folder / _TOTALS, (_LAYOUT, totals))
            self.totals = totals
