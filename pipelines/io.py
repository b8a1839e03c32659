"""Where asset values are kept between runs: one pickle per asset, or per partition of a partitioned
asset, under the state folder. Unlike Dagster's default file IO manager it stores a run that covers
many partitions at once (single-run backfills), so 2,000 documents are one run, not 2,000."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import dagster as dg

from pipelines.stages.atomic import write_atomically


class StateIOManager(dg.ConfigurableIOManager):
    base_dir: str = ""  # default: <SOVKG_OUT or dist>/.state/assets

    def _root(self) -> Path:
        return Path(self.base_dir or Path(os.environ.get("SOVKG_OUT", "dist")) / ".state" / "assets")

    def _path(self, key: dg.AssetKey, partition: str | None = None) -> Path:
        folder = self._root().joinpath(*key.path)
        return folder / f"{partition}.pickle" if partition is not None else folder.with_suffix(".pickle")

    @staticmethod
    def _write(path: Path, value: object) -> None:
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        if context.has_asset_partitions:
            values = obj if isinstance(obj, dict) else {context.asset_partition_key: obj}
            for partition, value in values.items():
                self._write(self._path(context.asset_key, partition), value)
        else:
            self._write(self._path(context.asset_key), obj)

    def load_input(self, context: dg.InputContext) -> object:
        if context.has_asset_partitions:
            return {
                partition: pickle.loads(path.read_bytes())
                for partition in context.asset_partition_keys
                if (path := self._path(context.asset_key, partition)).is_file()
            }
        return pickle.loads(self._path(context.asset_key).read_bytes())
