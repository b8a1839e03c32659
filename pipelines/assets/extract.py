import dagster as dg

from ontology.records import Document
from pipelines.assets import EXTRACT
from pipelines.assets.common import md_table, skipped_metadata
from pipelines.resources import CorpusResource
from pipelines.stages.process import extract_all


@dg.asset(group_name=EXTRACT, kinds={"python"})
def extractions(
    context: dg.AssetExecutionContext, corpus: CorpusResource, parsed_documents: list[Document]
) -> dg.MaterializeResult:
    """Actors, events, policies and claims of each document, each with the passage (character offsets)
    and the id of the rule that produced it."""
    results, skipped = extract_all(parsed_documents, corpus.worker_count())
    for s in skipped:
        context.log.warning(f"skipped {s.locator}: {s.reason}")
    counts = {
        "actors": sum(len(x.actors) for x in results),
        "events": sum(len(x.events) for x in results),
        "policies": sum(len(x.policies) for x in results),
        "claims": sum(len(x.claims) for x in results),
    }
    claims = [[c.claimant, c.kind.value, c.text] for x in results for c in x.claims]
    return dg.MaterializeResult(
        value=results,
        metadata={
            "documents": len(results),
            **counts,
            "per_document": md_table(
                ["document", "actors", "events", "policies", "claims"],
                [[x.document.locator, len(x.actors), len(x.events), len(x.policies), len(x.claims)] for x in results],
            ),
            "claims_preview": md_table(["claimant", "kind", "text"], claims, limit=10),
            **skipped_metadata(skipped),
        },
    )
