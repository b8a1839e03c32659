"""The build's in-memory Dagster instance: one planned event for a run over a range of partitions, and
every partition's materialization still recorded."""

import dagster as dg
import pytest

from pipelines.instance import EVENT_BATCH, _BuildEventLog, build_instance

PAGES = dg.DynamicPartitionsDefinition(name="pages")


@dg.asset(partitions_def=PAGES, backfill_policy=dg.BackfillPolicy.single_run())
def pages(context: dg.AssetExecutionContext) -> dg.Output:
    return dg.Output({key: len(key) for key in context.partition_keys})


class _Discard(dg.IOManager):
    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        pass

    def load_input(self, context: dg.InputContext) -> None:
        return None


JOB = dg.Definitions(
    assets=[pages], resources={"io_manager": _Discard()}, jobs=[dg.define_asset_job("pages_job", "*")]
).resolve_job_def("pages_job")
KEYS = [f"page-{n}" for n in range(7)]


def _run(instance: dg.DagsterInstance) -> tuple[int, set[str]]:
    instance.add_dynamic_partitions(PAGES.name, KEYS)
    tags = {"dagster/asset_partition_range_start": KEYS[0], "dagster/asset_partition_range_end": KEYS[-1]}
    assert JOB.execute_in_process(instance=instance, tags=tags).success
    planned = instance.fetch_planned_materializations(dg.AssetKey("pages"), limit=100).records
    return len(planned), set(instance.get_materialized_partitions(dg.AssetKey("pages")))


@pytest.mark.parametrize(("make", "planned_events"), [(build_instance, 1), (dg.DagsterInstance.ephemeral, len(KEYS))])
def test_a_range_run_is_planned_once_on_the_build_instance_and_per_partition_on_dagsters(make, planned_events):
    with make() as instance:
        planned, materialized = _run(instance)
    assert planned == planned_events
    assert materialized == set(KEYS)


MANY = [f"doc-{n:04d}" for n in range(1234)]  # more than two batches and a part of one


def _materializations(make) -> tuple[set[str], int, str | None, list[str]]:
    with make() as instance:
        instance.add_dynamic_partitions(PAGES.name, MANY)
        tags = {"dagster/asset_partition_range_start": MANY[0], "dagster/asset_partition_range_end": MANY[-1]}
        result = JOB.execute_in_process(instance=instance, tags=tags)
        assert result.success
        key = dg.AssetKey("pages")
        records = instance.fetch_materializations(key, limit=5000).records
        latest = instance.get_latest_materialization_event(key)
        seen = [e.partition for e in result.get_asset_materialization_events()]
        return (
            set(instance.get_materialized_partitions(key)),
            len(records),
            latest.dagster_event.partition if latest and latest.dagster_event else None,
            seen,
        )


def test_materializations_stored_in_batches_are_what_dagsters_own_instance_stores(monkeypatch):
    sizes: list[int] = []
    store_batch = _BuildEventLog.store_event_batch

    def counted(self, events):
        sizes.append(len(events))
        store_batch(self, events)

    monkeypatch.setattr(_BuildEventLog, "store_event_batch", counted)
    batched, stock = _materializations(build_instance), _materializations(dg.DagsterInstance.ephemeral)
    assert sizes == [EVENT_BATCH, EVENT_BATCH, len(MANY) - 2 * EVENT_BATCH]
    assert batched[0] == stock[0] == set(MANY)
    assert batched[1] == stock[1] == len(MANY)  # every event recorded
    # the asset's row names the run's last materialization, as after storing each in turn
    assert batched[2] == batched[3][-1] and stock[2] == stock[3][-1]
    assert sorted(batched[3]) == sorted(stock[3]) == MANY  # the run reports every event


def test_a_batch_that_fails_is_stored_once_event_by_event(monkeypatch):
    failed: list[int] = []
    store_tags = _BuildEventLog._store_asset_event_tags

    def failing_once(self, conn, events, ids):
        if len(events) > 1 and not failed:
            failed.append(len(events))
            raise RuntimeError("the index could not be written")
        return store_tags(self, conn, events, ids)

    monkeypatch.setattr(_BuildEventLog, "_store_asset_event_tags", failing_once)
    materialized, records, latest, seen = _materializations(build_instance)
    assert failed == [EVENT_BATCH]  # the first batch failed, and Dagster stored its events one at a time
    assert materialized == set(MANY) and records == len(MANY)  # each event once, none twice
    assert latest == seen[-1]
