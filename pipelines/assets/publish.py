import dagster as dg

from pipelines.assets import PUBLISH
from pipelines.assets.common import md_table
from pipelines.resources import CorpusResource, DumpResource
from pipelines.stages.dumps import write_dumps
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.validation import validate_graph


@dg.asset(group_name=PUBLISH, kinds={"turtle"})
def dataset_dumps(
    context: dg.AssetExecutionContext,
    dumps: DumpResource,
    corpus: CorpusResource,
    knowledge_graph: KnowledgeGraph,
) -> dg.MaterializeResult:
    """The dataset as files: Turtle (merged), TriG (named graphs), N-Triples (sorted), the ontology
    and the shapes, and a manifest with counts and SHA-256 sums. Refuses a graph that fails SHACL, and
    replaces the previous dump only once every file is written."""
    result = validate_graph(knowledge_graph, corpus.worker_count())
    if not result.conforms:
        raise dg.Failure(
            description=f"refusing to publish: {result.violations} SHACL violations",
            metadata={"report": dg.MetadataValue.text(result.report[:20000])},
        )
    out_dir = dumps.path()
    published = write_dumps(knowledge_graph, out_dir)
    context.log.info(f"published {published.triples} triples to {out_dir}")
    return dg.MaterializeResult(
        metadata={
            "out_dir": dg.MetadataValue.path(str(out_dir)),
            "triples": published.triples,
            "quads": published.quads,
            "files": md_table(["file", "bytes"], [[name, size] for name, size in published.files.items()]),
        },
    )
