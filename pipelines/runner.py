"""Running the whole pipeline: in-process (what `sovkg build` and the tests do), or on a cluster.

Discovery lists the documents, they become partitions of a fresh in-memory Dagster instance, and one
run covers every partition to read (a range of partitions) and the combine and publish steps.
Per-document results, the HTTP cache and asset values persist in `<out>/.state`, so a second run
re-parses only what changed. On a cluster (`run_on_cluster`) the documents to read are split into
batches, one run each, and the runs' steps go to the cluster's workers."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from ontology.records import Skipped
from pipelines.assets.documents import BATCH_DOCUMENTS, CHANGES_CHECKED_TAG, DOCUMENTS
from pipelines.curate import CurationError
from pipelines.definitions import cluster_build_job, cluster_publish_job, definitions
from pipelines.instance import build_instance
from pipelines.resources import CorpusResource
from pipelines.sensors import publish_job, range_tags
from pipelines.stages.documents import changed_entries, write_index
from pipelines.stages.process import DEFAULT_TIME_BUDGET_S
from sources.catalog import CatalogError
from sources.web import discover

DOCUMENTS_ASSET = "documents"


@dataclass
class BuildResult:
    result: dg.ExecuteInProcessResult | None
    problems: list[Skipped]
    error: str | None = None

    @property
    def success(self) -> bool:
        return self.result is not None and self.result.success


@dataclass(frozen=True)
class _Plan:
    ordered: list[str]  # every document partition, unchanged ones first
    to_read: list[str]  # the trailing range to read in this build
    started: float
    problems: list[Skipped]


def _plan(corpus: CorpusResource, state: Path) -> _Plan | BuildResult:
    """Discovery and the change check: which partitions exist and which of them to read."""
    # a page is asked for once per build: whatever discovery or the change check fetched from this
    # moment on is read from the HTTP cache by the later steps
    started = time.time()
    try:
        sources = corpus.source_list()
        discovery = discover(sources, state / "http")
    except CatalogError as error:
        return BuildResult(None, [], str(error))
    write_index(state, discovery)
    keys = [e.doc_id for e in discovery.entries]
    if not keys:
        reasons = "; ".join(f"{p.locator}: {p.reason}" for p in discovery.problems) or "nothing found"
        return BuildResult(None, discovery.problems, f"no documents to read ({reasons})")
    changed = changed_entries(discovery.entries, state, sources={s.name: s for s in sources}, fresh_since=started)
    # unchanged documents first, the ones to read last: the run covers just that contiguous range,
    # and the graph is combined from every partition's stored result
    ordered = [k for k in keys if k not in changed] + [k for k in keys if k in changed]
    return _Plan(ordered, ordered[len(ordered) - len(changed) :], started, discovery.problems)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """The cyclic collector leaves alone what exists before the build (the imported modules of Dagster,
    rdflib and the rest, some 200,000 objects that live as long as the process): its full passes during
    a build otherwise walk them every time, a third of a second each, several times in a build that
    changed one document. Garbage made during the build is collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # back to the oldest generation, where later passes see them again


def run_build(
    sources: list[str] | None,
    out_dir: str | Path,
    workers: int = 0,
    *,
    allow_private_hosts: bool = False,
    catalog: str | None = None,
    quiet: bool = True,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    curation: str | None = None,
) -> BuildResult:
    defs = definitions(
        sources=sources,
        out_dir=str(out_dir),
        workers=workers,
        allow_private_hosts=allow_private_hosts,
        catalog=catalog,
        time_budget_s=time_budget_s,
        curation=curation,
    )
    try:
        defs.resources["curation"].load()  # an invalid curation file: refused before anything runs
    except CurationError as error:
        return BuildResult(None, [], str(error))
    with _frozen_heap():
        return _run(defs, quiet)


def _run(defs: dg.Definitions, quiet: bool) -> BuildResult:
    plan = _plan(defs.resources["corpus"], defs.resources["dumps"].state_dir())
    if isinstance(plan, BuildResult):
        return plan
    level = "WARNING" if quiet else "DEBUG"
    with build_instance() as instance:
        instance.add_dynamic_partitions(DOCUMENTS.name, plan.ordered)
        job, tags = (
            ("build_all", {**range_tags(plan.to_read), CHANGES_CHECKED_TAG: repr(plan.started)})
            if plan.to_read
            else (publish_job.name, {})
        )
        result = defs.resolve_job_def(job).execute_in_process(
            instance=instance,
            tags=tags,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        )
    return BuildResult(result, plan.problems)


@dataclass
class ClusterBuild:
    batches: list[dg.JobExecutionResult]
    publish: dg.JobExecutionResult | None
    problems: list[Skipped]
    error: str | None = None

    @property
    def success(self) -> bool:
        return self.publish is not None and self.publish.success and all(r.success for r in self.batches)


def run_on_cluster(
    instance: dg.DagsterInstance, *, batch_size: int = BATCH_DOCUMENTS, parallel: int = 1
) -> ClusterBuild:
    """A build whose steps run wherever the code location's executor sends them (`SOVKG_CELERY_BROKER`:
    Celery workers): the documents to read are split into batches of `batch_size`, one run each (`parallel`
    runs at a time from threads of this process; in a deployment Dagster's run queue does this for a
    backfill), then one run combines and publishes. Workers load `pipelines.definitions` and reach
    the sources, the state and the dumps through its resources, configured by the environment
    (`SOVKG_SOURCES` or `SOVKG_CATALOG`, `SOVKG_OUT`): every worker must see the same paths. `instance`
    must be persistent (workers report to it)."""
    resources = definitions().resources
    corpus, dumps = resources["corpus"], resources["dumps"]
    plan = _plan(corpus, dumps.state_dir())
    if isinstance(plan, BuildResult):
        return ClusterBuild([], None, plan.problems, plan.error)
    known = set(instance.get_dynamic_partitions(DOCUMENTS.name))
    instance.add_dynamic_partitions(DOCUMENTS.name, [k for k in plan.ordered if k not in known])
    batches = [plan.to_read[i : i + batch_size] for i in range(0, len(plan.to_read), batch_size)]

    def read(batch: list[str]) -> dg.JobExecutionResult:
        return dg.execute_job(
            dg.reconstructable(cluster_build_job),
            instance,
            tags={**range_tags(batch), CHANGES_CHECKED_TAG: repr(plan.started)},
            asset_selection=[dg.AssetKey(DOCUMENTS_ASSET)],
        )

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        results = list(pool.map(read, batches))
    if not all(r.success for r in results):
        return ClusterBuild(results, None, plan.problems, "a batch of documents failed")
    publish = dg.execute_job(dg.reconstructable(cluster_publish_job), instance)
    return ClusterBuild(results, publish, plan.problems)
