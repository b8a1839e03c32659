import dagster as dg

from ontology.records import RawDocument, Skipped
from pipelines.assets import INGEST
from pipelines.assets.common import md_table, skipped_metadata
from pipelines.resources import CorpusResource
from sources.corpus import discover, read_raw


@dg.asset(group_name=INGEST, kinds={"python"})
def raw_documents(context: dg.AssetExecutionContext, corpus: CorpusResource) -> dg.MaterializeResult:
    """Raw bytes and SHA-256 of every .txt, .md and .html file under the configured sources
    (the bundled sample corpus by default). Empty, oversized and unsupported files are skipped with
    their reason."""
    located, skipped = discover(corpus.source_paths())
    documents: list[RawDocument] = []
    for item in located:
        try:
            documents.append(read_raw(item, corpus.max_bytes))
        except (OSError, ValueError) as error:
            skipped.append(Skipped(item.locator, str(error)))
    for s in skipped:
        context.log.warning(f"skipped {s.locator}: {s.reason}")
    return dg.MaterializeResult(
        value=documents,
        metadata={
            "documents": len(documents),
            "bytes": sum(len(d.content) for d in documents),
            "sources": dg.MetadataValue.json(corpus.source_paths()),
            "preview": md_table(
                ["locator", "type", "bytes", "sha256"],
                [[d.locator, d.media_type, len(d.content), d.content_hash[:12]] for d in documents],
            ),
            **skipped_metadata(skipped),
        },
    )
