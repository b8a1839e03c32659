"""The build's in-memory Dagster instance: one planned event for a run over a range of partitions, and
every partition's materialization still recorded."""

import dagster as dg
import pytest

from pipelines.instance import build_instance

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
