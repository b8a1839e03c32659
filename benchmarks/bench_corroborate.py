"""Speed and yield of claim corroboration on what a build extracted.

    sovkg build --sources ../shared/corpus/bbc --out /tmp/bbc
    python benchmarks/bench_corroborate.py /tmp/bbc [--repeat 3]

Reads the per-document extraction results a build stored under `<out>/.state`, resolves entities across
documents as the build does, and prints the corroboration time (median of the repeats), the number of
claims, clusters, clusters with two or more independent sources and the claims they hold.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import time
from collections import Counter
from pathlib import Path

from pipelines.extract.resolve import resolve_across_documents
from pipelines.stages.corroborate import corroborate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the --out folder of a finished build")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    extractions = {}
    for path in sorted((args.out / ".state" / "assets" / "documents").glob("*.pickle")):
        for extraction in pickle.loads(path.read_bytes()).extractions:
            extractions.setdefault(extraction.document.doc_id, extraction)
    resolved, _ = resolve_across_documents(list(extractions.values()))
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        clusters = corroborate(resolved)
        times.append(time.perf_counter() - started)
    corroborated = [c for c in clusters if c.sources >= 2]
    print(f"documents          {len(resolved)}")
    print(f"claims             {sum(len(e.claims) for e in resolved)}")
    print(f"corroborate (s)    {statistics.median(times):.2f} (median of {args.repeat}; min {min(times):.2f})")
    print(f"clusters           {len(clusters)} holding {sum(len(c.members) for c in clusters)} claims")
    print(f"2+ sources         {len(corroborated)} holding {sum(len(c.members) for c in corroborated)} claims")
    print(f"sources per cluster {dict(sorted(Counter(c.sources for c in clusters).items()))}")


if __name__ == "__main__":
    main()
