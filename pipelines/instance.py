"""The Dagster instance a `sovkg build` runs in: in memory, gone when the build ends.

It is Dagster's ephemeral instance with one difference in its event log. A run that reads N documents
(a range of N partitions) announces the materializations it plans: the stock in-memory log takes one
planned event per partition, each an SQL insert and an asset-index update, which cost about as much
as the documents' materializations themselves (some 3 s per 1,000 documents). This log takes one
planned event for the whole range, the form Dagster's own storages use when they declare support for
it. What that form gives up, per Dagster, is that the partitions of a failed run are not marked failed
in the UI's partition view; nobody sees this instance's UI, and a failed build says which documents
it skipped in its own report. A persistent instance (`dagster dev`, a deployment) is not changed.
"""

from __future__ import annotations

import dagster as dg
from dagster._core.instance import InstanceType
from dagster._core.launcher.sync_in_memory_run_launcher import SyncInMemoryRunLauncher
from dagster._core.run_coordinator import DefaultRunCoordinator
from dagster._core.storage.event_log import InMemoryEventLogStorage
from dagster._core.storage.noop_compute_log_manager import NoOpComputeLogManager
from dagster._core.storage.root import TemporaryLocalArtifactStorage
from dagster._core.storage.runs import InMemoryRunStorage


class _RangePlannedEventLog(InMemoryEventLogStorage):
    """Dagster's in-memory event log, taking one planned event per run for a range of partitions."""

    @property
    def supports_partition_subset_in_asset_materialization_planned_events(self) -> bool:
        return True


def build_instance() -> dg.DagsterInstance:
    """An in-memory instance for one build (use it as a context manager, like `ephemeral()`)."""
    return dg.DagsterInstance(
        instance_type=InstanceType.EPHEMERAL,
        local_artifact_storage=TemporaryLocalArtifactStorage(),
        run_storage=InMemoryRunStorage(),
        event_storage=_RangePlannedEventLog(),
        compute_log_manager=NoOpComputeLogManager(),
        run_coordinator=DefaultRunCoordinator(),
        run_launcher=SyncInMemoryRunLauncher(),
    )
