"""Resources: where documents come from and where the dumps go. Defaults come from the environment
(`SOVKG_SOURCES`, `SOVKG_OUT`) so that `dagster dev` and `sovkg build` share one configuration."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from sources.corpus import DEFAULT_MAX_BYTES, sample_paths


def _default_sources() -> list[str]:
    configured = os.environ.get("SOVKG_SOURCES", "")
    return [p for p in configured.split(os.pathsep) if p] or [str(p) for p in sample_paths()]


class CorpusResource(dg.ConfigurableResource):
    """Files and folders to read (.txt, .md, .html); the bundled sample corpus when none is given."""

    paths: list[str] = []
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # processes for parsing and extraction; 0 = one per core

    def source_paths(self) -> list[str]:
        return self.paths or _default_sources()

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


class DumpResource(dg.ConfigurableResource):
    """Folder the dataset dumps are published to."""

    out_dir: str = ""

    def path(self) -> Path:
        return Path(self.out_dir or os.environ.get("SOVKG_OUT", "dist")).resolve()
