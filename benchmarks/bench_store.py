"""Store and SPARQL benchmark on a generated graph of the ontology's shape (default 1,000,000 triples).

Prints, for the embedded Oxigraph store (queried over HTTP, both straight from `oxigraph
serve-read-only` and through `sovkg serve`, run in its own process as users run it, and again in a
thread of the benchmark's process) and for rdflib's in-memory Dataset (queried in-process, so
without any HTTP cost): load time, and median / 95th-percentile latency of
  - a label lookup,
  - a 3-hop join: claims by people affiliated with an organisation that took part in one event,
  - a COUNT / GROUP BY over all typed resources.

The store is loaded the way a build publishes a release (`publish_to_store` over the blocks kept in files: one named graph per document,
bulk loaded into a new version), then republished with one graph changed (an incremental release). Load
times are wall clock and CPU time of the process (all its threads) and of the process a large release is
loaded by: on a shared machine the CPU time says more. Latencies through `sovkg serve` are taken once it
has indexed the release for its browse pages (in a background thread that competes for the processor
until done).

    python benchmarks/bench_store.py [--triples 1000000] [--runs 30] [--skip-rdflib] [--baseline DIR]

`--baseline DIR` first runs the same measurements with the code of another checkout (e.g. `git archive
main | tar -x -C DIR`), then this code, and prints both: on a shared, noisy machine only figures of one
run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from rdflib import Dataset

from ontology.namespace import DATA, SOVKG, sparql_prologue
from pipelines.serve import Backend, ServiceThread, free_port
from pipelines.stages.blocks import BlockStore, StoredBlocks
from pipelines.stages.graph import block_digest
from pipelines.stages.store import current_location, publish_to_store

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD_INT = "<http://www.w3.org/2001/XMLSchema#integer>"


def _iri(kind: str, n: int | str) -> str:
    return f"<{DATA}{kind}/{n}>"


def _p(local: str) -> str:
    return f"<{SOVKG._NS}{local}>"


def generate(triples: int, seed: int = 7) -> tuple[str, dict[str, str]]:
    """N-Quads, one named graph per document, in the shape sovkg publishes (actors, events, policies,
    claims and evidence nodes); returns the text and the parameters the queries use."""
    rng = random.Random(seed)
    docs = max(1, triples // 94)
    people, orgs, events, policies = docs * 2, max(10, docs // 5), max(5, docs // 20), max(5, docs // 10)
    lines: list[str] = []
    probe_person: str | None = None  # a label that exists, for the lookup
    for d in range(docs):
        graph = _iri("graph", d)
        doc = _iri("doc", d)

        def add(s: str, p: str, o: str, graph: str = graph) -> None:
            lines.append(f"{s} {p} {o} {graph} .\n")

        add(doc, RDF_TYPE, _p("Document"))
        add(doc, RDF_TYPE, _p("NewsArticle"))
        add(doc, LABEL, f'"Article {d}"')
        add(doc, _p("contentHash"), f'"{d:064x}"')
        add(doc, _p("sourceLocator"), f'"corpus/{d}.html"')
        org_n = rng.randrange(orgs)
        org = _iri("actor", f"org-{org_n}")
        for s, p, o in (
            (org, RDF_TYPE, _p("Actor")),
            (org, RDF_TYPE, _p("Organization")),
            (org, LABEL, f'"Organisation {org_n}"'),
            (org, _p("sourceDocument"), doc),
        ):
            add(s, p, o)
        event_n = rng.randrange(events)
        event = _iri("event", event_n)
        for s, p, o in (
            (event, RDF_TYPE, _p("Event")),
            (event, RDF_TYPE, _p("Conference")),
            (event, LABEL, f'"Conference {event_n}"'),
            (event, _p("participant"), org),
            (event, _p("sourceDocument"), doc),
        ):
            add(s, p, o)
        policy_n = rng.randrange(policies)
        policy = _iri("policy", policy_n)
        for s, p, o in (
            (policy, RDF_TYPE, _p("Policy")),
            (policy, RDF_TYPE, _p("Strategy")),
            (policy, LABEL, f'"Strategy {policy_n}"'),
            (org, _p("adopts"), policy),
        ):
            add(s, p, o)
        facts: list[tuple[str, str, str]] = []
        for k in range(2):
            person_n = rng.randrange(people)
            person = _iri("actor", f"person-{person_n}")
            if d == docs // 2:
                probe_person = f"Person {person_n}"
            for s, p, o in (
                (person, RDF_TYPE, _p("Actor")),
                (person, RDF_TYPE, _p("Person")),
                (person, LABEL, f'"Person {person_n}"'),
                (person, _p("affiliation"), org),
                (person, _p("sourceDocument"), doc),
            ):
                add(s, p, o)
            claim = _iri("claim", f"{d}-{k}")
            for s, p, o in (
                (claim, RDF_TYPE, _p("Claim")),
                (claim, LABEL, f'"Claim {d}-{k}"'),
                (claim, _p("claimText"), f'"Person {person_n} said that strategy {policy_n} works ({d}-{k})."'),
                (claim, _p("claimant"), person),
                (claim, _p("madeAt"), event),
                (claim, _p("about"), policy),
                (claim, _p("claimKind"), _p("Evaluation")),
                (claim, _p("sourceDocument"), doc),
            ):
                add(s, p, o)
            facts += [(claim, _p("claimant"), person), (person, _p("affiliation"), org)]
        facts.append((org, _p("adopts"), policy))
        for f, (s, p, o) in enumerate(facts):
            ev = _iri("evidence", f"{d}-{f}")
            start = 100 * f
            for ps, po in (
                (RDF_TYPE, _p("Evidence")),
                ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>", s),
                ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>", p),
                ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>", o),
                (_p("inDocument"), doc),
                (_p("startOffset"), f'"{start}"^^{XSD_INT}'),
                (_p("endOffset"), f'"{start + 80}"^^{XSD_INT}'),
                (_p("passage"), f'"passage {d}-{f}"'),
                (_p("rule"), '"claim.reported"'),
                ("<http://www.w3.org/ns/prov#wasGeneratedBy>", _iri("activity/extract", "bench")),
            ):
                add(ev, ps, po)
    return "".join(lines), {"label": probe_person or "Person 0", "event": str(DATA[f"event/{events // 2}"])}


def queries(params: dict[str, str]) -> dict[str, str]:
    prologue = sparql_prologue()
    return {
        "label lookup": prologue + f'SELECT ?x WHERE {{ ?x rdfs:label "{params["label"]}" }}',
        "3-hop join": prologue
        + f"""SELECT DISTINCT ?claim ?person WHERE {{
               <{params["event"]}> sovkg:participant ?org .
               ?person sovkg:affiliation ?org .
               ?claim sovkg:claimant ?person }}""",
        "count/group by": prologue + "SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type",
    }


def _timed(run, runs: int) -> tuple[float, float, int]:
    times, size = [], 0
    run()  # warm-up
    for _ in range(runs):
        started = time.perf_counter()
        size = run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], size


def bench_http(endpoint: str, named: dict[str, str], runs: int) -> dict[str, tuple[float, float, int]]:
    out = {}
    with httpx.Client(timeout=120) as client:
        for name, query in named.items():

            def run(q: str = query) -> int:
                response = client.post(
                    endpoint, data={"query": q}, headers={"Accept": "application/sparql-results+json"}
                )
                response.raise_for_status()
                return len(response.json()["results"]["bindings"])

            out[name] = _timed(run, runs)
    return out


@contextmanager
def served(out_dir: Path) -> Iterator[str]:
    """`sovkg serve` on a free loopback port in its own process, as users run it."""
    port = free_port()
    command = [sys.executable, "-m", "pipelines.cli", "serve", "--out", str(out_dir), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base_url}/query", params={"query": "ASK {}"}, timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("sovkg serve did not start") from None
                time.sleep(0.2)
        httpx.get(f"{base_url}/", timeout=600).raise_for_status()  # waits for the release's index
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _cpu_s() -> float:
    """CPU time of this process and of the processes it waited for (a release may be loaded by one)."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def by_graph(data: str) -> dict[str, str]:
    """The N-Quads cut into one block per named graph, as the pipeline hands them to the store."""
    blocks: dict[str, list[str]] = {}
    for line in data.splitlines(keepends=True):
        blocks.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    return {graph[1:-1].rsplit("/", 1)[-1]: "".join(lines) for graph, lines in blocks.items()}


def measure(triples: int, runs: int, skip_rdflib: bool) -> dict:
    started = time.perf_counter()
    data, params = generate(triples)
    quads = data.count("\n")
    graphs = by_graph(data)
    log(f"code of {Path(sys.modules[publish_to_store.__module__].__file__).parents[2]}")
    log(f"generated {quads:,} quads in {len(graphs):,} named graphs in {time.perf_counter() - started:.1f} s")
    named = queries(params)
    rows: dict[str, dict[str, tuple[float, float, int]]] = {}
    loads: dict[str, tuple[float, float]] = {}

    with tempfile.TemporaryDirectory(prefix="sovkg-bench-") as tmp:
        root = Path(tmp) / "store"
        # the blocks kept in files, as a build keeps them (and hands them to the store)
        kept = BlockStore(Path(tmp) / "blocks")
        digests = {doc: block_digest(text) for doc, text in graphs.items()}
        for doc, text in graphs.items():
            kept.put(digests[doc], text)
        wall, cpu = time.perf_counter(), _cpu_s()
        version = publish_to_store(StoredBlocks(kept.root, digests), root, digests)
        loads["oxigraph, full release"] = (time.perf_counter() - wall, _cpu_s() - cpu)
        assert version.quads >= quads, version
        first = next(iter(graphs))
        changed = graphs[first].replace('"', '"changed ', 1)
        digests = {**digests, first: block_digest(changed)}
        kept.put(digests[first], changed)
        wall, cpu = time.perf_counter(), _cpu_s()
        publish_to_store(StoredBlocks(kept.root, digests), root, digests)
        loads["oxigraph, 1 graph changed"] = (time.perf_counter() - wall, _cpu_s() - cpu)
        location = current_location(root)
        assert location is not None

        backend = Backend(location, location.name, timeout_s=60)
        try:
            rows["oxigraph, HTTP direct"] = bench_http(f"http://127.0.0.1:{backend.port}/query", named, runs)
        finally:
            backend.stop()
        with served(Path(tmp)) as base_url:
            rows["oxigraph, HTTP via sovkg serve"] = bench_http(f"{base_url}/query", named, runs)
        # the same service in a thread of this process: the client's Python then shares its interpreter
        with ServiceThread(Path(tmp), timeout_s=60) as base_url:
            httpx.get(f"{base_url}/", timeout=600).raise_for_status()
            rows["  (sovkg serve in this process)"] = bench_http(f"{base_url}/query", named, runs)

    if not skip_rdflib:
        wall, cpu = time.perf_counter(), _cpu_s()
        dataset = Dataset(default_union=True)
        dataset.parse(data=data, format="nquads")
        loads["rdflib Dataset (memory)"] = (time.perf_counter() - wall, _cpu_s() - cpu)
        rdflib_rows = {}
        for name, query in named.items():
            n = runs if name != "count/group by" else max(3, runs // 10)
            rdflib_rows[name] = _timed(lambda q=query: len(list(dataset.query(q))), n)
        rows["rdflib, in-process"] = rdflib_rows
    return {"quads": quads, "loads": loads, "rows": rows, "loadavg": os.getloadavg()}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def report(result: dict, title: str) -> None:
    print(f"\n{title}: load of {result['quads']:,} quads (load average {result['loadavg'][0]:.1f}):")
    for name, (seconds, cpu) in result["loads"].items():
        print(f"  {name:<32} {seconds:8.1f} s  (CPU {cpu:.1f} s)")
    print(f"\n{'engine':<34}{'query':<18}{'p50 ms':>10}{'p95 ms':>10}{'rows':>8}")
    for engine, results in result["rows"].items():
        for name, (p50, p95, size) in results.items():
            print(f"{engine:<34}{name:<18}{p50:>10.2f}{p95:>10.2f}{size:>8}")
    direct = result["rows"]["oxigraph, HTTP direct"]["label lookup"][0]
    proxied = result["rows"]["oxigraph, HTTP via sovkg serve"]["label lookup"][0]
    print(f"\nsovkg serve over Oxigraph direct, label lookup p50: +{proxied - direct:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--baseline", type=Path, help="a checkout of other code to run before this one")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if args.baseline:
        command = [sys.executable, str(Path(__file__).resolve()), "--json", "--skip-rdflib"]
        command += ["--triples", str(args.triples), "--runs", str(args.runs)]
        baseline = args.baseline.resolve()
        # the baseline's packages first on the path, for this script and the `sovkg serve` it starts
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(baseline), os.environ.get("PYTHONPATH")]))}
        log(f"baseline: {baseline}")
        before = json.loads(subprocess.run(command, env=env, cwd=baseline, check=True, stdout=subprocess.PIPE).stdout)
        report(before, f"baseline ({baseline})")
    result = measure(args.triples, args.runs, args.skip_rdflib)
    if args.json:
        print(json.dumps(result))
        return
    report(result, "this code")


if __name__ == "__main__":
    main()
