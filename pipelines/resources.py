"""Resources: where documents come from, where the dumps go and which RDF store the graph is loaded
into. Defaults come from the environment (`SOVKG_SOURCES`, `SOVKG_OUT`, `SOVKG_STORE_URL`) so that
`dagster dev` and `sovkg build` share one configuration."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines.stages.dumps import DEFAULT_BASE_URL
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.graph_store_http import publish_over_http
from pipelines.stages.process import DEFAULT_TIME_BUDGET_S
from pipelines.stages.store import publish_to_store
from sources.catalog import CATALOG_FILE, Source, load_catalog, sources_from_arguments


class CorpusResource(dg.ConfigurableResource):
    """Where documents come from: files, folders and URLs given directly (`paths`, or `SOVKG_SOURCES`
    separated by the OS path separator), else the source catalog (`catalog`, `SOVKG_CATALOG`, default
    sources/catalog.yaml: the bundled sample corpus)."""

    paths: list[str] = []
    catalog: str = ""
    allow_private_hosts: bool = False  # URLs given directly may point at loopback/private hosts
    workers: int = 0  # processes for parsing and extraction; 0 = one per core
    # seconds one document may take from archive split to validation before it is skipped and its worker
    # process replaced; 0 = no limit
    time_budget_s: float = DEFAULT_TIME_BUDGET_S

    def source_list(self) -> tuple[Source, ...]:
        configured = [p for p in os.environ.get("SOVKG_SOURCES", "").split(os.pathsep) if p]
        paths = self.paths or configured
        if paths:
            return sources_from_arguments(paths, allow_private_hosts=self.allow_private_hosts)
        return load_catalog(Path(self.catalog or os.environ.get("SOVKG_CATALOG", "") or CATALOG_FILE)).sources

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


class DumpResource(dg.ConfigurableResource):
    """Folder the dataset dumps are published to, and the base URL they are served under (for the
    absolute links of the VoID/DCAT description; `SOVKG_BASE_URL`, default where `sovkg serve` listens)."""

    out_dir: str = ""
    base_url: str = ""

    def url(self) -> str:
        return self.base_url or os.environ.get("SOVKG_BASE_URL", "") or DEFAULT_BASE_URL

    def state_dir(self) -> Path:
        """Per-document results, the HTTP cache, the catalog index and stored asset values."""
        return self.path() / ".state"

    def path(self) -> Path:
        return Path(self.out_dir or os.environ.get("SOVKG_OUT", "dist")).resolve()


def _default_store_root() -> Path:
    return Path(os.environ.get("SOVKG_OUT", "dist")) / "store"


class GraphStoreResource(dg.ConfigurableResource):
    """Where the published graph is loaded for SPARQL: one named graph per document plus the ontology."""

    def publish(self, graph: KnowledgeGraph, state_dir: Path | None = None) -> dict[str, object]:
        """Replace the graphs that changed since the last publish (`state_dir`: where to remember it)."""
        raise NotImplementedError


class OxigraphStoreResource(GraphStoreResource):
    """Embedded default: an on-disk Oxigraph database that `sovkg serve` serves read-only. Each publish
    loads a new version and switches to it atomically."""

    location: str = ""  # default: <SOVKG_OUT or dist>/store

    def root(self) -> Path:
        return Path(self.location or os.environ.get("SOVKG_STORE", "") or _default_store_root()).resolve()

    def publish(self, graph: KnowledgeGraph, state_dir: Path | None = None) -> dict[str, object]:
        version = publish_to_store(graph.graphs, self.root(), graph.digests)
        return {
            "store": str(version.root),
            "version": version.version,
            "quads": version.quads,
            "named_graphs": version.named_graphs,
            "unchanged": version.unchanged,
            "incremental": version.incremental,
            "graphs_replaced": version.replaced,
            "graphs_removed": version.removed,
        }


class GraphStoreHttpResource(GraphStoreResource):
    """Any SPARQL 1.1 store speaking the Graph Store HTTP Protocol (Fuseki, GraphDB, QLever, Oxigraph
    server): graphs are replaced with HTTP PUT, removed documents' graphs deleted with HTTP DELETE."""

    store_url: str  # Graph Store Protocol endpoint, e.g. http://host:3030/ds/data
    query_url: str  # SPARQL query endpoint, e.g. http://host:3030/ds/query
    timeout_s: float = 60.0

    def publish(self, graph: KnowledgeGraph, state_dir: Path | None = None) -> dict[str, object]:
        state_file = state_dir / "graph-store-http.json" if state_dir else None
        result = publish_over_http(
            graph.graphs, self.store_url, self.query_url, self.timeout_s, state_file, graph.digests
        )
        return {
            "store": self.store_url,
            "graphs_written": result.written,
            "graphs_unchanged": result.unchanged,
            "graphs_deleted": len(result.deleted),
        }


def default_store(out_dir: str | None = None) -> GraphStoreResource:
    """The Graph Store endpoint in `SOVKG_STORE_URL` (+ `SOVKG_QUERY_URL`) if set, else the embedded store."""
    store_url = os.environ.get("SOVKG_STORE_URL")
    if store_url:
        return GraphStoreHttpResource(store_url=store_url, query_url=os.environ.get("SOVKG_QUERY_URL", store_url))
    return OxigraphStoreResource(location=str(Path(out_dir) / "store") if out_dir else "")
