import dagster as dg

from pipelines.assets import PUBLISH
from pipelines.assets.common import md_table
from pipelines.resources import CorpusResource, DumpResource, GraphStoreResource
from pipelines.stages.documents import write_published
from pipelines.stages.dumps import write_dumps
from pipelines.stages.graph import KnowledgeGraph
from pipelines.stages.validation import validate_graph


def _refuse_unless_conforming(graph: KnowledgeGraph, corpus: CorpusResource, dumps: DumpResource) -> None:
    """Publishing steps re-check SHACL (cached by digest, so the asset check's run is reused)."""
    result = validate_graph(graph, corpus.worker_count(), dumps.state_dir())
    if not result.conforms:
        raise dg.Failure(
            description=f"refusing to publish: {result.violations} SHACL violations",
            metadata={"report": dg.MetadataValue.text(result.report[:20000])},
        )


@dg.asset(group_name=PUBLISH, kinds={"turtle"})
def dataset_dumps(
    context: dg.AssetExecutionContext,
    dumps: DumpResource,
    corpus: CorpusResource,
    knowledge_graph: KnowledgeGraph,
) -> dg.MaterializeResult:
    """The dataset as files: Turtle (merged), TriG (named graphs), N-Triples (sorted; plain and gzip),
    JSON-LD, the ontology and the shapes, a VoID + DCAT description, the actor-event network picture, an
    HTML landing page and a manifest with counts and SHA-256 sums. Refuses a graph that fails SHACL, and
    replaces the previous dump only once every file is written."""
    _refuse_unless_conforming(knowledge_graph, corpus, dumps)
    out_dir = dumps.path()
    published = write_dumps(
        knowledge_graph, out_dir, base_url=dumps.url(), state_dir=dumps.state_dir(), workers=corpus.worker_count()
    )
    write_published(dumps.state_dir(), knowledge_graph.locators)
    context.log.info(f"published {published.triples} triples to {out_dir}")
    return dg.MaterializeResult(
        metadata={
            "out_dir": dg.MetadataValue.path(str(out_dir)),
            "triples": published.triples,
            "quads": published.quads,
            "unchanged": published.unchanged,
            "pieces_reused": published.reused,
            "files": md_table(["file", "bytes"], [[name, size] for name, size in published.files.items()]),
            "retracted": len(knowledge_graph.retracted),
        },
    )


@dg.asset(group_name=PUBLISH, kinds={"oxigraph", "sparql"})
def graph_store(
    context: dg.AssetExecutionContext,
    store: GraphStoreResource,
    corpus: CorpusResource,
    dumps: DumpResource,
    knowledge_graph: KnowledgeGraph,
) -> dg.MaterializeResult:
    """The graph loaded into the RDF store behind the SPARQL endpoint (`sovkg serve`): one named graph
    per document plus the ontology graph. The previous version keeps serving until the new one is
    completely loaded; a failed load leaves it in place."""
    _refuse_unless_conforming(knowledge_graph, corpus, dumps)
    published = store.publish(knowledge_graph, dumps.state_dir())
    context.log.info(f"store updated: {published}")
    return dg.MaterializeResult(metadata={**published, "retracted": len(knowledge_graph.retracted)})
