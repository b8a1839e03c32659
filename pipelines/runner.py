"""Running the whole pipeline in-process: what `sovkg build` and the tests do.

Discovery lists the documents, they become partitions of a fresh in-memory Dagster instance, and one
run covers every partition (single-run backfill) and the combine and publish steps. Per-document
results, the HTTP cache and asset values persist in `<out>/.state`, so a second run re-parses only
what changed."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from ontology.records import Skipped
from pipelines.assets.documents import CHANGES_CHECKED_TAG, DOCUMENTS
from pipelines.curate import CurationError
from pipelines.definitions import definitions
from pipelines.sensors import publish_job, range_tags
from pipelines.stages.documents import changed_entries, write_index
from pipelines.stages.process import DEFAULT_TIME_BUDGET_S
from sources.catalog import CatalogError
from sources.web import discover


@dataclass
class BuildResult:
    result: dg.ExecuteInProcessResult | None
    problems: list[Skipped]
    error: str | None = None

    @property
    def success(self) -> bool:
        return self.result is not None and self.result.success


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
    corpus = defs.resources["corpus"]
    dumps = defs.resources["dumps"]
    state = dumps.state_dir()
    # a page is asked for once per build: whatever discovery or the change check fetched from this
    # moment on is read from the HTTP cache by the later steps
    started = time.time()
    try:
        sources = corpus.source_list()
        discovery = discover(sources, state / "http")
        defs.resources["curation"].load()  # an invalid curation file: refused before anything runs
    except (CatalogError, CurationError) as error:
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
    to_read = ordered[len(ordered) - len(changed) :]
    level = "WARNING" if quiet else "DEBUG"
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(DOCUMENTS.name, ordered)
        job, tags = (
            ("build_all", {**range_tags(to_read), CHANGES_CHECKED_TAG: repr(started)})
            if to_read
            else (publish_job.name, {})
        )
        result = defs.resolve_job_def(job).execute_in_process(
            instance=instance,
            tags=tags,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        )
    return BuildResult(result, discovery.problems)
