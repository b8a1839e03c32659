"""Asset checks: SHACL conformance of the knowledge graph (blocking), and no empty graph."""

import dagster as dg

from pipelines.assets.graph import knowledge_graph
from pipelines.resources import CorpusResource, DumpResource
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.validation import validate_graph

SHACL_CHECK = "shacl_conforms"


@dg.asset_check(
    asset=knowledge_graph,
    name=SHACL_CHECK,
    blocking=True,
    description="Every instance conforms to the SHACL shapes in ontology/shapes.ttl.",
)
def shacl_conforms(corpus: CorpusResource, dumps: DumpResource, knowledge_graph: KnowledgeGraph) -> dg.AssetCheckResult:
    result = validate_graph(knowledge_graph, corpus.worker_count(), dumps.state_dir())
    return dg.AssetCheckResult(
        passed=result.conforms,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"violations": result.violations, "report": dg.MetadataValue.text(result.report[:20000])},
    )


@dg.asset_check(asset=knowledge_graph, description="The graph holds at least one document.")
def graph_not_empty(knowledge_graph: KnowledgeGraph) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=bool(knowledge_graph.graphs), metadata={"named_graphs": len(knowledge_graph.graphs)}
    )
