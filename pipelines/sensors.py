"""Discovery on a timer: the sensor adds new documents as partitions and runs them (with the combine
and publish steps), and retracts documents that left the catalog; the schedule (off by default)
re-reads every document with conditional GETs, so changed web pages are picked up."""

from __future__ import annotations

import dagster as dg
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from pipelines.assets.documents import DOCUMENTS
from pipelines.resources import CorpusResource, DumpResource
from pipelines.stages.documents import changed_entries, write_index
from sources.web import discover

COMBINE = ["knowledge_graph", "dataset_dumps", "graph_store"]


def range_tags(keys: list[str]) -> dict[str, str]:
    """Tags that make one run cover a contiguous range of document partitions (single-run backfill)."""
    return {ASSET_PARTITION_RANGE_START_TAG: keys[0], ASSET_PARTITION_RANGE_END_TAG: keys[-1]}


@dg.sensor(
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    asset_selection=dg.AssetSelection.all(),
    description="Discovers documents from the source catalog (folders, pages, feeds, sitemaps): new and "
    "changed ones are processed in one run with the combine and publish steps; removed ones retracted.",
)
def document_sensor(context: dg.SensorEvaluationContext, corpus: CorpusResource, dumps: DumpResource):
    state = dumps.state_dir()
    discovery = discover(corpus.source_list(), state / "http")
    write_index(state, discovery)
    for problem in discovery.problems:
        context.log.warning(f"{problem.locator}: {problem.reason}")
    existing = context.instance.get_dynamic_partitions(DOCUMENTS.name)
    wanted = [e.doc_id for e in discovery.entries]
    new = [k for k in wanted if k not in set(existing)]
    removed = sorted(set(existing) - set(wanted))
    changed = changed_entries([e for e in discovery.entries if e.doc_id in set(existing)], state, web_pages=False)
    order = existing + new  # partition order after this tick
    touched = [k for k in order if k in set(new) | changed]
    runs = []
    if touched:
        # one run over the range from the first to the last touched partition; unchanged ones inside
        # it are cache hits
        span = order[order.index(touched[0]) : order.index(touched[-1]) + 1]
        runs.append(dg.RunRequest(run_key=None, tags=range_tags(span)))
    elif removed:
        runs.append(dg.RunRequest(run_key=None, job_name=publish_job.name))
    return dg.SensorResult(
        run_requests=runs,
        dynamic_partitions_requests=[
            *([DOCUMENTS.build_add_request(new)] if new else []),
            *([DOCUMENTS.build_delete_request(removed)] if removed else []),
        ],
    )


refresh_job = dg.define_asset_job("refresh_all", selection=dg.AssetSelection.all())
publish_job = dg.define_asset_job(
    "combine_and_publish",
    selection=dg.AssetSelection.assets(*COMBINE),
    description="Rebuild the graph from the stored document results and publish it (retractions included).",
)


@dg.schedule(
    job=refresh_job,
    cron_schedule="0 6 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Daily re-read of every document (conditional GETs: unchanged pages cost one 304).",
)
def refresh_schedule(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(DOCUMENTS.name)
    if not keys:
        return dg.SkipReason("no documents yet: the sensor adds them")
    return dg.RunRequest(run_key=None, tags=range_tags(keys))
