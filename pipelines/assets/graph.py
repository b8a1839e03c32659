import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

import dagster as dg

from ontology.records import Extraction
from pipelines.assets import GRAPH
from pipelines.assets.common import md_table
from pipelines.assets.curation import CurationResource, curation_file
from pipelines.curate import CurationError, Curator
from pipelines.curate.apply import REPORT_FILE
from pipelines.io import StoredPartitions, paused_gc
from pipelines.resources import DumpResource
from pipelines.stages.atomic import read_json, write_json
from pipelines.stages.charts import DRAWING, bar_chart, network_chart, network_selection
from pipelines.stages.combine import combine, unlisted
from pipelines.stages.documents import DocumentResult, read_published
from pipelines.stages.graph import KnowledgeGraph, MappedBlock, build_graph, predicate_counts
from pipelines.version import VERSION


class ChartCache:
    """The pictures of the last run, by what they show: drawing one takes a second or more, and a
    release that changed a few documents rarely changes them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.old: dict[str, str] = read_json(path, {})
        self.new: dict[str, str] = {}

    def get(self, shows: object, draw: Callable[[], str]) -> str:
        key = hashlib.sha256(repr((DRAWING, shows)).encode()).hexdigest()
        self.new[key] = self.old.get(key) or draw()
        return self.new[key]

    def save(self) -> None:
        if self.new != self.old:
            write_json(self.path, self.new)


class GraphConfig(dg.Config):
    resolve_across_documents: bool = True  # merge one entity's spellings across documents (recorded as sovkg:Merge)


# the stored results come as a mapping that unpickles a result when asked for it (`StoredPartitions`)
@dg.asset(
    group_name=GRAPH, kinds={"rdflib"}, deps=[curation_file], ins={"documents": dg.AssetIn(dagster_type=dg.Any)}
)
def knowledge_graph(
    context: dg.AssetExecutionContext,
    config: GraphConfig,
    dumps: DumpResource,
    curation: CurationResource,
    documents: Mapping[str, DocumentResult],
) -> dg.MaterializeResult:
    """The RDF graph of every document partition: one named graph per document, typed against the
    sovkg ontology, with document metadata (Dublin Core, schema.org) and PROV-O provenance down to the
    passage and rule. Entity resolution across documents is recorded as `sovkg:Merge` evidence and can
    be switched off. Documents gone at their source or removed from the catalog are retracted. The
    analyst's curation file is applied after resolution; claims stating the same thing in different
    documents are clustered."""
    try:
        curator = Curator(curation.load())
    except CurationError as error:  # an invalid file: nothing is built, so nothing is published
        raise dg.Failure(description=f"refusing to build with an invalid curation file: {error}") from None
    published = read_published(dumps.state_dir())
    if config.resolve_across_documents and not curator.decisions and isinstance(documents, StoredPartitions):
        # the usual build: resolution over every document's sketch, whole results read for what changed
        with paused_gc():
            graph, _ = combine(documents, VERSION, dumps.state_dir(), published)
    else:
        graph = _build_from_whole(config, dumps, curator, documents, published)
    for locator, reason in graph.retracted:
        context.log.info(f"retracting {locator}: {reason}")
    write_json(dumps.state_dir() / REPORT_FILE, curator.report.as_json(curation.file()))  # `sovkg curate list`
    for stale in curator.report.stale:
        context.log.warning(f"curation entry {stale.number} ({stale.op}) is stale: {stale.why}")
    charts = ChartCache(dumps.state_dir() / "charts.json")
    result = dg.MaterializeResult(
        value=graph,
        metadata={
            "triples": graph.triples,
            "named_graphs": len(graph.graphs),
            **{f"class_{name}": count for name, count in graph.class_counts.items()},
            "chart_class_counts": dg.MetadataValue.md(
                charts.get(
                    ("classes", graph.class_counts), lambda: bar_chart(graph.class_counts, "Instances per class")
                )
            ),
            "actor_event_network": dg.MetadataValue.md(
                charts.get(("network", network_selection(graph.edges)), lambda: network_chart(graph.edges))
            ),
            "top_predicates": md_table(["predicate", "triples"], [list(r) for r in predicate_counts(graph)]),
            "merged_across_documents": len(graph.merges),
            "retracted": len(graph.retracted),
            "retracted_documents": md_table(["document", "reason"], [list(r) for r in graph.retracted]),
            "curation_file": str(curation.file() or ""),
            "curation_applied": len(curator.report.applied),
            "curation_stale": len(curator.report.stale),
            "curation_stale_entries": md_table(["entry", "op", "why"], curator.report.rows()),
            "claim_clusters": graph.class_counts.get("ClaimCluster", 0),
            "merges": md_table(["surface form", "merged into"], [list(r) for r in graph.merges.items()]),
        },
    )
    charts.save()
    return result


def _build_from_whole(
    config: GraphConfig,
    dumps: DumpResource,
    curator: Curator,
    documents: Mapping[str, DocumentResult],
    published: dict[str, str],
) -> KnowledgeGraph:
    """The graph built from every document's whole extractions: what curation decisions need."""
    extractions: dict[str, Extraction] = {}
    mapped: dict[str, MappedBlock] = {}
    retracted: list[tuple[str, str]] = []
    for key in sorted(documents):
        result = documents[key]
        if result.gone:
            retracted.append((result.entry.locator, result.gone))
            continue
        for extraction, block in zip(result.extractions, result.blocks, strict=True):
            extractions.setdefault(extraction.document.doc_id, extraction)
            mapped.setdefault(extraction.document.doc_id, block)
    retracted += unlisted(published, extractions, retracted)
    with paused_gc():
        return build_graph(
            list(extractions.values()),
            VERSION,
            resolve=config.resolve_across_documents,
            retracted=tuple(retracted),
            mapped=mapped,
            curation=curator,
            state_dir=dumps.state_dir(),
        )
