"""The one Definitions object of the sovkg code location (loaded by `dagster dev` via workspace.yaml)."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.extract import extractions
from pipelines.assets.graph import knowledge_graph
from pipelines.assets.ingest import raw_documents
from pipelines.assets.parse import parsed_documents
from pipelines.assets.publish import dataset_dumps, graph_store
from pipelines.checks import graph_not_empty, shacl_conforms
from pipelines.resources import CorpusResource, DumpResource, default_store

ASSETS = [raw_documents, parsed_documents, extractions, knowledge_graph, dataset_dumps, graph_store]
CHECKS = [shacl_conforms, graph_not_empty]

build_job = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Read, parse, extract, graph, validate and publish everything.",
)


def resources(sources: list[str] | None = None, out_dir: str | None = None, workers: int = 0) -> dict[str, object]:
    return {
        "corpus": CorpusResource(paths=sources or [], workers=workers),
        "dumps": DumpResource(out_dir=out_dir or ""),
        "store": default_store(out_dir),
    }


defs = dg.Definitions(assets=ASSETS, asset_checks=CHECKS, jobs=[build_job], resources=resources())
