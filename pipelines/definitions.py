"""The one Definitions object of the sovkg code location (loaded by `dagster dev` via workspace.yaml)."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines.assets.curation import CurationResource, curation_file, curation_sensor
from pipelines.assets.documents import documents
from pipelines.assets.graph import knowledge_graph
from pipelines.assets.publish import dataset_dumps, graph_store
from pipelines.checks import graph_not_empty, shacl_conforms
from pipelines.io import StateIOManager
from pipelines.resources import CorpusResource, DumpResource, default_store
from pipelines.sensors import document_sensor, publish_job, refresh_job, refresh_schedule
from pipelines.stages.process import DEFAULT_TIME_BUDGET_S

ASSETS = [documents, curation_file, knowledge_graph, dataset_dumps, graph_store]
CHECKS = [shacl_conforms, graph_not_empty]

build_job = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Read, parse, extract, graph, validate and publish the documents of a partition range.",
)


def resources(
    sources: list[str] | None = None,
    out_dir: str | None = None,
    workers: int = 0,
    allow_private_hosts: bool = False,
    catalog: str | None = None,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    curation: str | None = None,
) -> dict[str, object]:
    return {
        "corpus": CorpusResource(
            paths=sources or [],
            catalog=catalog or "",
            workers=workers,
            allow_private_hosts=allow_private_hosts,
            time_budget_s=time_budget_s,
        ),
        "dumps": DumpResource(out_dir=out_dir or ""),
        "curation": CurationResource(path=curation or ""),
        "store": default_store(out_dir),
        "io_manager": StateIOManager(base_dir=str(Path(out_dir) / ".state" / "assets") if out_dir else ""),
    }


def executor() -> dg.ExecutorDefinition | None:
    """Celery's executor when `SOVKG_CELERY_BROKER` names a broker (each step of a run becomes a task
    that the Celery workers, which load these same Definitions, take from the queue), else Dagster's
    default. `SOVKG_CELERY_BACKEND` is where results go (default: the broker)."""
    broker = os.environ.get("SOVKG_CELERY_BROKER")
    if not broker:
        return None
    from dagster_celery import celery_executor  # the `cluster` extra

    backend = os.environ.get("SOVKG_CELERY_BACKEND", broker)
    return celery_executor.configured({"broker": broker, "backend": backend})


def definitions(**kwargs) -> dg.Definitions:
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=CHECKS,
        jobs=[build_job, refresh_job, publish_job],
        sensors=[document_sensor, curation_sensor],
        schedules=[refresh_schedule],
        resources=resources(**kwargs),
        executor=executor(),
    )


defs = definitions()


def cluster_build_job() -> dg.JobDefinition:
    """`build_all` as workers rebuild it (`dg.reconstructable` needs a module-level function), from the
    environment as it is now."""
    return definitions().resolve_job_def(build_job.name)


def cluster_publish_job() -> dg.JobDefinition:
    return definitions().resolve_job_def(publish_job.name)
