"""The curation file as an input of the graph: an observable source asset whose data version is the
file's hash (editing the file marks `knowledge_graph` stale), and a sensor that rebuilds only the
combine and publish steps when the file changes."""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import dagster as dg

from pipelines.assets import GRAPH
from pipelines.curate import CurationFile, load_curation
from pipelines.sensors import publish_job

CURATION_FILE = "curation.yaml"  # applied when it is in the working folder
NO_FILE = "no-curation-file"
# Dagster marks observable source assets beta; the warning would print on every `sovkg build`
warnings.filterwarnings("ignore", message=".*observable_source_asset.*", category=dg.BetaWarning)


class CurationResource(dg.ConfigurableResource):
    """The analyst's curation file: `path`, else `SOVKG_CURATION`, else `curation.yaml` in the working
    folder when it exists; no file means no decisions."""

    path: str = ""

    def file(self) -> Path | None:
        named = self.path or os.environ.get("SOVKG_CURATION", "")
        if named:
            return Path(named).resolve()
        default = Path.cwd() / CURATION_FILE
        return default if default.is_file() else None

    def load(self) -> CurationFile:
        """The decisions (none without a file); an invalid or missing named file raises CurationError."""
        path = self.file()
        return load_curation(path) if path is not None else CurationFile(None)

    def digest(self) -> str:
        path = self.file()
        if path is None or not path.is_file():
            return NO_FILE
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@dg.observable_source_asset(
    group_name=GRAPH,
    description="The analyst's curation file (merge, keep apart, reject, retype, relabel, reattribute, "
    "add); its data version is the file's hash, so an edit marks the graph stale.",
)
def curation_file(curation: CurationResource) -> dg.DataVersion:
    return dg.DataVersion(curation.digest())


@dg.sensor(
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    job=publish_job,
    description="Rebuilds the graph and publishes it (combine and publish steps only) when the curation "
    "file changes.",
)
def curation_sensor(context: dg.SensorEvaluationContext, curation: CurationResource):
    digest = curation.digest()
    if digest == context.cursor:
        return dg.SkipReason("curation file unchanged")
    observation = dg.AssetObservation(asset_key=curation_file.key, tags={"dagster/data_version": digest})
    first = context.cursor is None  # the first tick only records the version: the first build applies it
    runs = [] if first else [dg.RunRequest(run_key=None)]  # no key: reverting the file must rebuild too
    return dg.SensorResult(run_requests=runs, asset_events=[observation], cursor=digest)
