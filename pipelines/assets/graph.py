import dagster as dg

from ontology.records import Extraction
from pipelines.assets import GRAPH
from pipelines.assets.common import md_table
from pipelines.stages.charts import bar_chart, network_chart
from pipelines.stages.graph import build_graph, predicate_counts
from pipelines.version import VERSION


class GraphConfig(dg.Config):
    resolve_across_documents: bool = True  # merge one entity's spellings across documents (recorded as sovkg:Merge)


@dg.asset(group_name=GRAPH, kinds={"rdflib"})
def knowledge_graph(config: GraphConfig, extractions: list[Extraction]) -> dg.MaterializeResult:
    """The RDF graph: one named graph per document, typed against the sovkg ontology, with document
    metadata (Dublin Core, schema.org) and PROV-O provenance down to the passage and rule. Entity
    resolution across documents is recorded as `sovkg:Merge` evidence and can be switched off."""
    graph = build_graph(extractions, VERSION, resolve=config.resolve_across_documents)
    return dg.MaterializeResult(
        value=graph,
        metadata={
            "triples": graph.triples,
            "named_graphs": len(graph.graphs),
            **{f"class_{name}": count for name, count in graph.class_counts.items()},
            "chart_class_counts": dg.MetadataValue.md(bar_chart(graph.class_counts, "Instances per class")),
            "actor_event_network": dg.MetadataValue.md(network_chart(graph.edges)),
            "top_predicates": md_table(["predicate", "triples"], [list(r) for r in predicate_counts(graph)]),
            "merged_across_documents": len(graph.merges),
            "merges": md_table(["surface form", "merged into"], [list(r) for r in graph.merges.items()]),
        },
    )
