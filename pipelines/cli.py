"""The `sovkg` command: thin wrappers over Dagster and the library.

sovkg build [--sources PATH ...] [--out DIR]       materialize every asset in-process
sovkg eval  [--gold DIR] [--sources PATH ...] [--misses]  build from the seeds and score against gold
sovkg serve [--host H] [--port P] [--out DIR]      browse pages and read-only SPARQL over what build published
sovkg query [--endpoint URL] FILE.rq|NAME|SPARQL   run a query, print a table (or JSON/CSV)
sovkg curate merge|keep-apart|reject|...|list      record analysts' decisions in the curation file
sovkg diff OLD_DIR NEW_DIR [--json]                what changed between two dump folders
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg

if TYPE_CHECKING:
    from pipelines.evaluation import DocumentMisses

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _shared(name: str) -> Path | None:
    """../shared/<name> beside the working directory or beside the project, if it exists."""
    for base in (Path.cwd(), PROJECT_ROOT):
        candidate = (base / ".." / "shared" / name).resolve()
        if candidate.is_dir():
            return candidate
    return None


def build(
    sources: list[str] | None,
    out_dir: str,
    workers: int = 0,
    quiet: bool = False,
    *,
    allow_private_hosts: bool = False,
    catalog: str | None = None,
    time_budget_s: float | None = None,
    curation: str | None = None,
):
    """Discover the documents and materialize the whole asset graph in-process over all of them."""
    from pipelines.runner import run_build
    from pipelines.stages.process import DEFAULT_TIME_BUDGET_S

    return run_build(
        sources,
        out_dir,
        workers,
        allow_private_hosts=allow_private_hosts,
        catalog=catalog,
        quiet=quiet,
        time_budget_s=DEFAULT_TIME_BUDGET_S if time_budget_s is None else time_budget_s,
        curation=curation,
    )


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict[str, object]:
    for event in result.get_asset_materialization_events():
        if event.asset_key.path[-1] == asset:
            return {k: v.value for k, v in event.materialization.metadata.items()}
    return {}


def _print_build(build_result, seconds: float) -> int:
    for problem in build_result.problems:
        print(f"source problem: {problem.locator}: {problem.reason}", file=sys.stderr)
    if build_result.error:
        print(build_result.error, file=sys.stderr)
        return 2
    result = build_result.result
    if not result.success:
        for event in result.all_events:
            if event.is_failure:
                print(f"failed: {event.step_key}: {event.message}", file=sys.stderr)
        return 1
    graph = _metadata(result, "knowledge_graph")
    dumps = _metadata(result, "dataset_dumps")
    print(f"published {dumps.get('triples')} triples to {dumps.get('out_dir')} in {seconds:.1f} s")
    from pipelines.stages.dumps import DUMP_FILES

    for name in DUMP_FILES:
        print(f"  {Path(str(dumps.get('out_dir'))) / name}")
    store = _metadata(result, "graph_store")
    if store:
        print(f"store: {store.get('store')} (version {store.get('version')}, {store.get('quads')} quads)")
    print("instances per class:")
    for key, value in graph.items():
        if key.startswith("class_"):
            print(f"  {key[6:]:<32} {value}")
    docs = _metadata(result, "documents")
    if docs:
        print(
            f"documents: {docs.get('entries')} read, {docs.get('parsed')} parsed, "
            f"{docs.get('reused_unchanged')} unchanged (not parsed again), {docs.get('skipped')} skipped, "
            f"{docs.get('gone')} gone at their source; {docs.get('http_requests')} HTTP requests"
        )
    else:
        print("documents: none changed since the last build (nothing parsed again)")
    if graph.get("curation_applied") or graph.get("curation_stale"):
        print(f"curation: {graph.get('curation_applied')} decisions applied, {graph.get('curation_stale')} stale")
        if graph.get("curation_stale"):
            print("  stale entries (target gone): `sovkg curate list` shows them", file=sys.stderr)
    if graph.get("retracted"):
        print(f"retracted {graph.get('retracted')} documents (listed in the knowledge_graph asset's metadata)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.base_url:
        # the dump resource reads it (as `dagster dev` does), so the in-process run describes that address
        os.environ["SOVKG_BASE_URL"] = args.base_url.rstrip("/")
    result = build(
        args.sources,
        args.out,
        args.workers,
        quiet=not args.verbose,
        allow_private_hosts=args.allow_private_hosts,
        catalog=args.catalog,
        time_budget_s=args.time_budget,
        curation=args.curation,
    )
    return _print_build(result, time.perf_counter() - started)


def cmd_eval(args: argparse.Namespace) -> int:
    from pipelines.evaluation import evaluate, misses

    # ../shared/dev, when present, holds more documents with their annotations beside them
    dev = _shared("dev")
    gold_dirs = [Path(args.gold)] if args.gold else [d for d in (_shared("gold"), dev) if d is not None]
    sources = args.sources or [str(d) for d in (_shared("seeds"), dev) if d is not None]
    if not gold_dirs or not all(d.is_dir() for d in gold_dirs) or not sources:
        print("no gold annotations or sources: pass --gold DIR and --sources PATH", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="sovkg-eval-") as out:
        result = build(sources, out, args.workers, quiet=True)
        if not result.success:
            return _print_build(result, 0.0)
        stems = {Path(p).stem for s in sources for p in ([s] if Path(s).is_file() else Path(s).glob("*"))}
        report = evaluate(Path(out) / "dataset.nt", gold_dirs, stems)
        per_document = misses(Path(out) / "dataset.nt", gold_dirs, stems) if args.misses else []
    if args.json:
        if args.misses:
            print(json.dumps({"scores": report, "misses": [m.as_dict() for m in per_document]}, indent=2))
        else:
            print(json.dumps(report, indent=2))
        return 0
    print(f"{'class/items':<18}{'precision':>10}{'recall':>10}{'F1':>10}{'extracted':>11}{'gold':>6}  notes")
    for key, row in report.items():
        note = ", ".join(
            f"{key.replace('_', ' ')} {value:.2f}"
            for key, value in row.items()
            if key.endswith(("_recall", "_precision")) and key != "precision"
        )
        precision = f"{row['precision']:.2f}" if "precision" in row else "-"
        f1 = f"{row['f1']:.2f}" if "f1" in row else "-"
        print(
            f"{key:<18}{precision:>10}{row['recall']:>10.2f}{f1:>10}{int(row['extracted']):>11}{int(row['gold']):>6}  {note}"
        )
    for doc in per_document:
        _print_misses(doc)
    return 0


def _shortened(entry: str, limit: int = 160) -> str:
    flat = " ".join(entry.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _print_misses(doc: DocumentMisses) -> None:
    """One document's misses: `-` a gold item not found, `+` an extracted item matching no gold item,
    `~` a found item without its gold attribute (or a claim with the wrong claimant)."""
    lines = [
        f"  {kind:<9}{mark} {_shortened(entry)}"
        for kind in ("actors", "events", "policies", "claims")
        for mark, entries in (("-", doc.missed), ("+", doc.spurious), ("~", doc.incomplete))
        for entry in entries.get(kind, [])
    ]
    print(f"\n{doc.document}: " + (f"{len(lines)} misses" if lines else "nothing missed"))
    for line in lines:
        print(line)


def cmd_serve(args: argparse.Namespace) -> int:
    from pipelines.serve import serve

    out = Path(args.out).resolve()
    if not (out / "store").is_dir():
        print(f"nothing published in {out}: run `sovkg build --out {args.out}` first", file=sys.stderr)
        return 2
    try:
        serve(
            out,
            args.host,
            args.port,
            timeout_s=args.timeout,
            max_result_bytes=int(args.max_result_mb * 1024 * 1024),
            base_url=args.base_url,
            announce=lambda line: print(line, flush=True),
        )
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from pipelines.client import QueryError, format_answer, query_text, run_query, with_bindings
    from pipelines.queries import ready_queries

    if args.list:
        for ready in ready_queries():
            print(f"{ready.name:<40} {ready.comment}")
        return 0
    if not args.query:
        print("give a query: a .rq file, a ready query name (--list) or SPARQL text", file=sys.stderr)
        return 2
    bindings = {}
    for item in args.bind or []:
        name, _, value = item.partition("=")
        if not name or not _:
            print(f"--bind takes NAME=VALUE, got {item!r}", file=sys.stderr)
            return 2
        bindings[name.lstrip("?$")] = value
    try:
        text = with_bindings(query_text(args.query), bindings)
        answer = run_query(args.endpoint, text, want_csv=args.format == "csv")
    except (FileNotFoundError, ConnectionError) as error:
        print(error, file=sys.stderr)
        return 2
    except QueryError as error:
        print(f"the endpoint refused the query: {error}", file=sys.stderr)
        return 1
    print(format_answer(answer, args.format))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sovkg", description="Knowledge graph of the digital-sovereignty debate.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="run the whole pipeline and publish the dumps")
    p_build.add_argument(
        "--sources",
        nargs="+",
        metavar="PATH|URL",
        help="files, folders, pages, feeds or sitemaps (default: the catalog)",
    )
    p_build.add_argument("--catalog", metavar="FILE", help="source catalog (default: sources/catalog.yaml)")
    p_build.add_argument(
        "--allow-private-hosts", action="store_true", help="let URLs reach loopback/private addresses (local testing)"
    )
    p_build.add_argument("--out", default="dist", metavar="DIR", help="folder for the dumps (default: dist)")
    p_build.add_argument(
        "--curation", metavar="FILE", help="curation file to apply (default: curation.yaml here, when it exists)"
    )
    p_build.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    p_build.add_argument(
        "--time-budget",
        type=float,
        metavar="SECONDS",
        help="time one document may take before it is skipped and its worker replaced (default: 30; 0: no limit)",
    )
    p_build.add_argument("--verbose", action="store_true", help="show Dagster's event log")
    p_build.add_argument(
        "--base-url",
        metavar="URL",
        help="public address the dataset is served at, for the links of the VoID/DCAT description "
        "(default: SOVKG_BASE_URL, else http://127.0.0.1:7878)",
    )
    p_build.set_defaults(func=cmd_build)

    p_eval = sub.add_parser("eval", help="score extraction against gold annotations")
    p_eval.add_argument("--gold", metavar="DIR", help="gold annotations (default: ../shared/gold)")
    p_eval.add_argument("--sources", nargs="+", metavar="PATH", help="documents (default: ../shared/seeds)")
    p_eval.add_argument("--workers", type=int, default=0)
    p_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    p_eval.add_argument(
        "--misses",
        action="store_true",
        help="also list, per document, gold items missed (-), extracted items matching no gold item (+) "
        "and found items lacking a gold date, actor or claimant (~)",
    )
    p_eval.set_defaults(func=cmd_eval)

    from pipelines.client import default_endpoint
    from pipelines.service_defaults import DEFAULT_MAX_RESULT_BYTES, DEFAULT_TIMEOUT_S

    p_serve = sub.add_parser("serve", help="serve the published graph: read-only SPARQL endpoint, downloads")
    p_serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p_serve.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p_serve.add_argument("--out", default="dist", metavar="DIR", help="what `sovkg build --out DIR` published")
    p_serve.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT_S, help="query timeout in seconds")
    p_serve.add_argument(
        "--max-result-mb", type=float, default=DEFAULT_MAX_RESULT_BYTES // (1024 * 1024), help="largest result"
    )
    p_serve.add_argument(
        "--base-url",
        metavar="URL",
        help="public address the service is reached at, used in every link of the pages "
        "(default: the address it listens on)",
    )
    p_serve.set_defaults(func=cmd_serve)

    p_query = sub.add_parser("query", help="run a SPARQL query against an endpoint")
    p_query.add_argument("query", nargs="?", help="a .rq file, a ready query name, or SPARQL text")
    p_query.add_argument("--endpoint", default=default_endpoint(), help="SPARQL endpoint (default: %(default)s)")
    p_query.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p_query.add_argument("--bind", action="append", metavar="NAME=VALUE", help="bind a variable (repeatable)")
    p_query.add_argument("--list", action="store_true", help="list the ready queries")
    p_query.set_defaults(func=cmd_query)

    from pipelines.curate.commands import add_curate_parser, add_diff_parser

    add_curate_parser(sub)
    add_diff_parser(sub)

    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
