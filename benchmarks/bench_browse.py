"""Latency of the browse side of `sovkg serve` on a real build: search (over HTTP and in-process) and
entity pages per class and pages that show corroboration, p50/p95, plus the time to index a release.

    python benchmarks/bench_browse.py ../shared/corpus/bbc [--out DIR] [--runs 200]

Builds the corpus into DIR first unless DIR already holds a published store.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ontology.namespace import DATA, sparql_prologue
from pipelines.browse.release import load_release
from pipelines.browse.search import words
from pipelines.serve import Backend, ServiceThread
from pipelines.stages.store import POINTER, current_location

CLASSES = ("Actor", "Event", "Policy", "Claim", "Document")
# the pages that show corroboration: a claim with "also reported by", an actor with such claims
CORROBORATED = {
    "Claim in a cluster": "?s sovkg:inCluster ?c",
    "Actor of a clustered claim": "?x sovkg:inCluster ?c ; sovkg:claimant ?s",
}


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def timed(client: httpx.Client, url: str, accept: str, **params: str) -> float:
    started = time.perf_counter()
    answer = client.get(url, params=params, headers={"Accept": accept})
    elapsed = (time.perf_counter() - started) * 1000
    answer.raise_for_status()
    return elapsed


def select(client: httpx.Client, base: str, query: str) -> list[dict]:
    answer = client.post(
        f"{base}/query", data={"query": sparql_prologue() + query}, headers={"Accept": "application/sparql-results+json"}
    )
    answer.raise_for_status()
    return answer.json()["results"]["bindings"]


def search_terms(labels: list[str], count: int, rng: random.Random) -> list[str]:
    """Whole labels, single words, and prefixes of words (what people type)."""
    terms = []
    for label in rng.sample(labels, min(count, len(labels))):
        tokens = words(label) or [label]
        choice = rng.randrange(3)
        if choice == 0:
            terms.append(label)
        elif choice == 1:
            terms.append(rng.choice(tokens))
        else:
            word = rng.choice(tokens)
            terms.append(word[: max(2, len(word) // 2)])
    return terms


def overhead(out: Path, labels: list[str], runs: int, rng: random.Random) -> None:
    """A label lookup sent to an Oxigraph process directly and through a `sovkg serve` process,
    interleaved so that both see the same machine load: the difference is what the service adds."""
    store = out / "store"
    backend = Backend(current_location(store), (store / POINTER).read_text().strip(), 60)
    serve = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "serve", "--out", str(out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        endpoint = serve.stdout.readline().strip()
        _lookups(backend.query_url, endpoint, labels, runs, rng)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        backend.stop()


def _lookups(direct_url: str, endpoint: str, labels: list[str], runs: int, rng: random.Random) -> None:
    targets = {"Oxigraph direct": direct_url, "through sovkg serve": endpoint}
    times: dict[str, list[float]] = {name: [] for name in targets}
    with httpx.Client(timeout=60) as direct, httpx.Client(timeout=60) as served:
        clients = {"Oxigraph direct": direct, "through sovkg serve": served}
        for i in range(runs + 20):
            label = rng.choice(labels).replace("\\", "\\\\").replace('"', '\\"')
            query = f'SELECT ?x WHERE {{ ?x <http://www.w3.org/2000/01/rdf-schema#label> "{label}" }}'
            for name, url in targets.items():
                started = time.perf_counter()
                answer = clients[name].post(
                    url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
                )
                elapsed = (time.perf_counter() - started) * 1000
                answer.raise_for_status()
                if i >= 20:  # warm-up
                    times[name].append(elapsed)
    print(f"\nlabel lookup, interleaved ({runs} each)")
    direct_p50 = percentiles(times["Oxigraph direct"])[0]
    for name, values in times.items():
        p50, p95 = percentiles(values)
        print(f"{name:<44}{p50:>10.2f}{p95:>10.2f}   overhead p50 {p50 - direct_p50:+.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", help="documents to build (skipped if --out already holds a store)")
    parser.add_argument("--out", help="dump folder (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=200, help="search queries and entity pages per class")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    tmp = None
    out = Path(args.out) if args.out else Path(tmp := tempfile.mkdtemp(prefix="sovkg-bench-browse-"))
    if not (out / "store" / "CURRENT").is_file():
        if not args.corpus:
            parser.error("give a corpus to build, or --out with a published build")
        from pipelines.runner import run_build

        started = time.perf_counter()
        built = run_build([args.corpus], out)
        if not built.success:
            raise SystemExit(f"build failed: {built.error}")
        print(f"built {args.corpus} in {time.perf_counter() - started:.0f} s")
    rng = random.Random(args.seed)

    with ServiceThread(out) as base, httpx.Client(timeout=120) as client:
        started = time.perf_counter()
        timed(client, f"{base}/search", "application/json", q="warm up")  # waits for the release index
        print(f"first search (waits for the release index): {(time.perf_counter() - started) * 1000:.0f} ms")

        labels = [r["l"]["value"] for r in select(client, base, "SELECT DISTINCT ?l WHERE { ?s a sovkg:Actor ; rdfs:label ?l }")]
        terms = search_terms(labels, args.runs, rng)
        http_times = [timed(client, f"{base}/search", "application/json", q=t) for t in terms]
        page_times = [timed(client, f"{base}/search", "text/html", q=t) for t in terms]

        started = time.perf_counter()
        release = load_release("bench", f"{base}/query", out, 120)
        index_seconds = time.perf_counter() - started
        in_process = []
        for term in terms:
            started = time.perf_counter()
            release.index.search(term)
            in_process.append((time.perf_counter() - started) * 1000)

        print(f"\nindex: {len(release.index):,} searchable resources, built in {index_seconds:.2f} s (through the service)")
        print(f"\n{'what':<44}{'p50 ms':>10}{'p95 ms':>10}{'n':>7}")
        for name, times in (
            ("search, JSON over HTTP", http_times),
            ("search, HTML page over HTTP", page_times),
            ("search, in-process index lookup", in_process),
        ):
            p50, p95 = percentiles(times)
            print(f"{name:<44}{p50:>10.2f}{p95:>10.2f}{len(times):>7}")
        for name in CLASSES:
            rows = select(client, base, f"SELECT DISTINCT ?s WHERE {{ ?s a sovkg:{name} }}")
            iris = [r["s"]["value"] for r in rows]
            sample = rng.sample(iris, min(args.runs, len(iris)))
            times = [timed(client, f"{base}/id/{iri.removeprefix(str(DATA))}", "text/html") for iri in sample]
            turtle = [timed(client, f"{base}/id/{iri.removeprefix(str(DATA))}", "text/turtle") for iri in sample[:50]]
            p50, p95 = percentiles(times)
            print(f"{f'{name} page, HTML':<44}{p50:>10.2f}{p95:>10.2f}{len(times):>7}")
            p50, p95 = percentiles(turtle)
            print(f"{f'{name} description, Turtle':<44}{p50:>10.2f}{p95:>10.2f}{len(turtle):>7}")
        for name, where in CORROBORATED.items():
            iris = [r["s"]["value"] for r in select(client, base, f"SELECT DISTINCT ?s WHERE {{ {where} }}")]
            sample = rng.sample(iris, min(args.runs, len(iris)))
            times = [timed(client, f"{base}/id/{iri.removeprefix(str(DATA))}", "text/html") for iri in sample]
            if times:
                p50, p95 = percentiles(times)
                print(f"{f'{name} page, HTML':<44}{p50:>10.2f}{p95:>10.2f}{len(times):>7}")
        times = [timed(client, f"{base}/", "text/html") for _ in range(20)]
        p50, p95 = percentiles(times)
        print(f"{'landing page':<44}{p50:>10.2f}{p95:>10.2f}{len(times):>7}")
    overhead(out, labels, args.runs * 5, rng)
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
