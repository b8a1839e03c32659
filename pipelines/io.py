"""Where asset values are kept between runs: one pickle per asset, or per partition of a partitioned
asset, under the state folder. Unlike Dagster's default file IO manager it stores a run that covers
many partitions at once (single-run backfills), so 2,000 documents are one run, not 2,000. A step may
also hand over values it has already written to a spool folder (`SpooledPartitions`): storing them
moves the files, so the step never holds every partition's value at once.

Within one process (the in-process executor of `sovkg build`), the value of an unpartitioned asset just
stored or loaded is handed to the next step that reads it, as long as its file is still the one written
or read: the graph is read by two checks and two publishing steps, and unpickling it costs about a
second per 2,000 documents each time."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import dagster as dg

from pipelines.stages.atomic import write_state

SPOOL_DIR = "spool"  # in the state folder
_SPOOL_MAX_AGE_S = 86400.0
# path -> (the file's identity when the value was stored or loaded, the value); unpartitioned assets only
_KEPT: dict[Path, tuple[tuple[int, int, int], object]] = {}


def _keep(path: Path, identity: tuple[int, int, int], value: object) -> None:
    """Keep the value last written or read for `path`; one value at a time, since the graph is large."""
    _KEPT.clear()
    _KEPT[path] = (identity, value)


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@contextmanager
def paused_gc() -> Iterator[None]:
    """Unpickling creates millions of objects, none of them garbage: the cyclic collector's passes over
    them (triggered by allocation counts) more than double the time, and a step that then works on them
    pays the same passes again. Cycles made meanwhile are collected once the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class StoredPartitions(Mapping[str, object]):
    """Partition key -> stored value, unpickled when first asked for: a step that reads 2,000 document
    results but needs the few that changed (it keeps what it needs of the others by `stamp`) does not
    pay for unpickling the rest."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def __getitem__(self, partition: str) -> object:
        with paused_gc():
            return pickle.loads(self.paths[partition].read_bytes())

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def __contains__(self, partition: object) -> bool:
        return partition in self.paths

    def stamp(self, partition: str) -> tuple[int, int, int]:
        """Changes whenever the stored value is written again."""
        return _identity(self.paths[partition])


class SpooledPartitions(StoredPartitions):
    """Partition values a step has already written, each to its own file in a spool folder (a step over
    thousands of documents writes each result as it is made instead of holding them all): storing them
    moves the files into place."""

    def __init__(self, paths: dict[str, Path], folder: Path) -> None:
        super().__init__(paths)
        self.folder = folder

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def spool_folder(state_dir: Path) -> Path:
    """A new folder for a step's spooled values, beside the stored ones (so moving them is a rename).
    Folders left by runs killed a day or more ago are removed."""
    root = state_dir / SPOOL_DIR
    root.mkdir(parents=True, exist_ok=True)
    for old in root.iterdir():
        with suppress(OSError):
            if time.time() - old.stat().st_mtime > _SPOOL_MAX_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(dir=root))


class StateIOManager(dg.ConfigurableIOManager):
    base_dir: str = ""  # default: <SOVKG_OUT or dist>/.state/assets

    def _root(self) -> Path:
        return Path(self.base_dir or Path(os.environ.get("SOVKG_OUT", "dist")) / ".state" / "assets")

    def _folder(self, key: dg.AssetKey) -> Path:
        return self._root().joinpath(*key.path)

    def _path(self, key: dg.AssetKey, partition: str | None = None) -> Path:
        folder = self._folder(key)
        return folder / f"{partition}.pickle" if partition is not None else folder.with_suffix(".pickle")

    @staticmethod
    def _write(path: Path, value: object) -> None:
        write_state(path, value)

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        if isinstance(obj, SpooledPartitions):
            for partition, spooled in obj.paths.items():
                path = self._path(context.asset_key, partition)
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(spooled, path)  # a rename on one file system
                # stored now, whenever it was made: a result older than the content hash recorded for it
                # is taken for one a killed run did not store (see pipelines.stages.documents)
                os.utime(path)
            obj.discard()
        elif context.has_asset_partitions:
            values = obj if isinstance(obj, dict) else {context.asset_partition_key: obj}
            for partition, value in values.items():
                self._write(self._path(context.asset_key, partition), value)
        else:
            path = self._path(context.asset_key)
            _KEPT.clear()
            self._write(path, obj)
            _keep(path, _identity(path), obj)

    def load_input(self, context: dg.InputContext) -> object:
        if context.has_asset_partitions:  # results are unpickled one at a time, when asked for
            paths = {partition: self._path(context.asset_key, partition) for partition in context.asset_partition_keys}
            # one listing of the folder rather than a look-up per partition (thousands of them)
            with suppress(FileNotFoundError), os.scandir(self._folder(context.asset_key)) as entries:
                stored = {entry.name for entry in entries}
                return StoredPartitions({partition: path for partition, path in paths.items() if path.name in stored})
            return StoredPartitions({})
        path = self._path(context.asset_key)
        identity = _identity(path)  # before the read: a file replaced meanwhile is not kept as this one
        kept = _KEPT.get(path)
        if kept is not None and kept[0] == identity:
            return kept[1]
        with paused_gc():
            value = pickle.loads(path.read_bytes())
        _keep(path, identity, value)
        return value
