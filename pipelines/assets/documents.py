import os
import shutil
import warnings

import dagster as dg

from pipelines.assets import INGEST
from pipelines.assets.common import md_table
from pipelines.io import SpooledPartitions, spool_folder
from pipelines.resources import CorpusResource, DumpResource
from pipelines.stages.documents import DocumentResult, process_entries, read_index, write_hashes
from sources.web import Entry

DOCUMENTS = dg.DynamicPartitionsDefinition(name="documents")
# a backfill of many documents is split into runs of this many, which separate workers can take
BATCH_DOCUMENTS = int(os.environ.get("SOVKG_BATCH_DOCUMENTS", "500"))
# run tag: when the build's change check began; pages it fetched are read from the HTTP cache
CHANGES_CHECKED_TAG = "sovkg/changes_checked_at"
# Dagster marks backfill policies beta; the warning would print on every `sovkg build`
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)


@dg.asset(
    group_name=INGEST,
    kinds={"python"},
    partitions_def=DOCUMENTS,
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=BATCH_DOCUMENTS),
)
def documents(context: dg.AssetExecutionContext, corpus: CorpusResource, dumps: DumpResource) -> dg.Output:
    """One partition per document (keyed by a stable document id): read from its file or fetched
    politely from the web, archive pages split into posts, parsed and extracted into actors, events,
    policies and claims with their passages and rules. An unchanged document is not parsed again
    (content hash); a document gone at its source (404/410) is marked for retraction."""
    state = dumps.state_dir()
    index = {e.doc_id: e for e in read_index(state).entries}
    sources = {s.name: s for s in corpus.source_list()}
    keys = context.partition_keys
    # a partition whose entry left the catalog: nothing to read, so it is retracted
    entries = [index.get(k) or Entry(k, k, "", None, None) for k in keys]
    checked = context.run.tags.get(CHANGES_CHECKED_TAG)
    # each whole result is written to the spool as it is made (the IO manager moves the files into place);
    # what stays here is each one's summary, so memory does not grow with the number of documents
    spool = spool_folder(state)
    try:
        results, requests = process_entries(
            entries,
            sources,
            state,
            corpus.worker_count(),
            fresh_since=float(checked) if checked else None,
            time_budget_s=corpus.time_budget_s,
            spool=spool,
        )
        values: dict[str, DocumentResult] = {k: results[k] for k in keys}
        write_hashes(state, values)
    except BaseException:
        shutil.rmtree(spool, ignore_errors=True)
        raise
    for result in values.values():
        for skipped in result.skipped:
            context.log.warning(f"skipped {skipped.locator}: {skipped.reason}")
        if result.gone:
            context.log.warning(f"gone: {result.gone}")
        for note in result.notes:
            context.log.warning(f"{result.entry.locator}: {note}")
    reused = sum(r.reused for r in values.values())
    return dg.Output(
        SpooledPartitions({k: spool / f"{k}.pickle" for k in keys}, spool),
        metadata={
            "entries": len(values),
            "parsed": len(values) - reused - sum(bool(r.gone) for r in values.values()),
            "reused_unchanged": reused,
            "not_modified_304": sum(r.not_modified for r in values.values()),
            "http_requests": requests,
            "gone": sum(bool(r.gone) for r in values.values()),
            "skipped": sum(len(r.skipped) for r in values.values()),
            "notes": md_table(
                ["document", "note"], [[r.entry.locator, n] for r in values.values() for n in r.notes], limit=10
            ),
            "skipped_reasons": md_table(
                ["document", "reason"],
                [[s.locator, s.reason] for r in values.values() for s in r.skipped]
                + [[r.entry.locator, r.gone] for r in values.values() if r.gone],
                limit=100,
            ),
        },
    )
