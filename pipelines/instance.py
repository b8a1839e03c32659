"""The Dagster instance a `sovkg build` runs in: in memory, gone when the build ends.

It is Dagster's ephemeral instance with two differences in its event log.

A run that reads N documents (a range of N partitions) announces the materializations it plans: the
stock in-memory log takes one planned event per partition, each an SQL insert and an asset-index update,
which cost about as much as the documents' materializations themselves (some 3 s per 1,000 documents).
This log takes one planned event for the whole range, the form Dagster's own storages use when they
declare support for it. What that form gives up, per Dagster, is that the partitions of a failed run are
not marked failed in the UI's partition view; nobody sees this instance's UI, and a failed build says
which documents it skipped in its own report.

The run's N materializations are then stored in batches, which Dagster offers for the events of one
output over many partitions: the stock log stores each alone, an insert, its tags and an update of the
asset's row (the last materialization, serialised again, through a failed insert), some 4 ms each. A
batch is stored in one transaction and the asset's row written once, for the batch's last event: the
row ends as it would after each event in turn. Every event is still recorded and every watcher told.
`DAGSTER_EVENT_BATCH_SIZE`, when set, says how many events make a batch (0: none).

A persistent instance (`dagster dev`, a deployment) is not changed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

import dagster as dg
from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.instance import InstanceType
from dagster._core.launcher.sync_in_memory_run_launcher import SyncInMemoryRunLauncher
from dagster._core.run_coordinator import DefaultRunCoordinator
from dagster._core.storage.event_log import InMemoryEventLogStorage
from dagster._core.storage.event_log.base import EventLogCursor
from dagster._core.storage.noop_compute_log_manager import NoOpComputeLogManager
from dagster._core.storage.root import TemporaryLocalArtifactStorage
from dagster._core.storage.runs import InMemoryRunStorage

EVENT_BATCH = 500  # materializations stored together


class _BuildEventLog(InMemoryEventLogStorage):
    """Dagster's in-memory event log, taking one planned event per run for a range of partitions and
    storing a batch of asset events in one transaction."""

    @property
    def supports_partition_subset_in_asset_materialization_planned_events(self) -> bool:
        return True

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        if len({e.run_id for e in events}) != 1 or not all(_asset_event(e) for e in events):
            super().store_event_batch(events)  # one at a time
            return
        # one transaction (the in-memory log keeps runs and the index in one database): if any of it fails,
        # none of it is stored, and Dagster stores the events one at a time instead
        with self.index_transaction() as conn:
            ids = [conn.execute(self.prepare_insert_event(event)).inserted_primary_key[0] for event in events]
            self._store_asset_event_tags(conn, list(events), ids)
            last = {event.get_dagster_event().asset_key: n for n, event in enumerate(events)}
            for n in sorted(last.values()):
                self._store_asset_event(conn, events[n], ids[n])
        for event in events:  # what the in-memory log does after storing each event
            self._storage_id += 1
            for handler in list(self._handlers[event.run_id]):
                try:
                    handler(event, str(EventLogCursor.from_storage_id(self._storage_id)))
                except Exception:
                    logging.exception("Exception in callback for event watch on run %s.", event.run_id)


def _asset_event(event: EventLogEntry) -> bool:
    return bool(
        event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS and event.get_dagster_event().asset_key
    )


class _BuildInstance(dg.DagsterInstance):
    def _get_event_batch_size(self) -> int:
        setting = os.environ.get("DAGSTER_EVENT_BATCH_SIZE")  # Dagster's own setting, which defaults to 0
        return int(setting) if setting else EVENT_BATCH


def build_instance() -> dg.DagsterInstance:
    """An in-memory instance for one build (use it as a context manager, like `ephemeral()`)."""
    return _BuildInstance(
        instance_type=InstanceType.EPHEMERAL,
        local_artifact_storage=TemporaryLocalArtifactStorage(),
        run_storage=InMemoryRunStorage(),
        event_storage=_BuildEventLog(),
        compute_log_manager=NoOpComputeLogManager(),
        run_coordinator=DefaultRunCoordinator(),
        run_launcher=SyncInMemoryRunLauncher(),
    )
