from collections import Counter

import dagster as dg

from ontology.records import RawDocument
from pipelines.assets import PARSE
from pipelines.assets.common import md_table, skipped_metadata
from pipelines.resources import CorpusResource
from pipelines.stages.process import parse_all


@dg.asset(group_name=PARSE, kinds={"python"})
def parsed_documents(
    context: dg.AssetExecutionContext, corpus: CorpusResource, raw_documents: list[RawDocument]
) -> dg.MaterializeResult:
    """Title, kind, date, authors, publisher, sections and boilerplate-free main text of each document.
    Undecodable, empty or text-less documents are skipped with their reason."""
    documents, skipped = parse_all(raw_documents, corpus.worker_count())
    for s in skipped:
        context.log.warning(f"skipped {s.locator}: {s.reason}")
    kinds = Counter(d.kind.value for d in documents)
    return dg.MaterializeResult(
        value=documents,
        metadata={
            "documents": len(documents),
            "kinds": dg.MetadataValue.json(dict(sorted(kinds.items()))),
            "preview": md_table(
                ["locator", "kind", "title", "published", "authors", "sections"],
                [
                    [
                        d.locator,
                        d.kind.value,
                        d.title,
                        d.published or "",
                        ", ".join(d.authors),
                        len(d.sections),
                    ]
                    for d in documents
                ],
            ),
            **skipped_metadata(skipped),
        },
    )
