"""Throughput of `sovkg build` on a large corpus: documents/s, triples, wall time per stage, peak memory.

    python benchmarks/bench_build.py ../shared/corpus/bbc [--sizes 500 1000 0]

Each size runs the whole Dagster asset graph in-process on the first N documents (0 = all), in a fresh
process so peak memory is per run.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_one(corpus: Path, size: int) -> dict[str, object]:
    from pipelines.cli import build
    from sources.corpus import MEDIA_TYPES

    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in MEDIA_TYPES and p.name != "README.TXT")
    if size:
        files = files[:size]
    with tempfile.TemporaryDirectory(prefix="sovkg-bench-") as tmp:
        subset = Path(tmp) / "corpus"
        for f in files:
            target = subset / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
        started = time.perf_counter()
        built = build([str(subset)], str(Path(tmp) / "out"), quiet=True)
        wall = time.perf_counter() - started
        result = built.result
        stages: dict[str, float] = {}
        for event in result.all_events:
            if event.event_type_value == "STEP_SUCCESS":
                stages[event.step_key] = event.event_specific_data.duration_ms / 1000
        manifest = json.loads((Path(tmp) / "out" / "manifest.json").read_text())
        # incremental: nothing changed, then one document changed
        started = time.perf_counter()
        build([str(subset)], str(Path(tmp) / "out"), quiet=True)
        unchanged = time.perf_counter() - started
        first = next(p for p in sorted(subset.rglob("*")) if p.is_file())
        first.write_bytes(first.read_bytes() + b"\n\nThe ministry said the plan was updated.\n")
        started = time.perf_counter()
        build([str(subset)], str(Path(tmp) / "out"), quiet=True)
        one_changed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "documents": len(files),
        "success": result.success,
        "wall_s": round(wall, 2),
        "docs_per_s": round(len(files) / wall, 1),
        "triples": manifest["triples"],
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
        "peak_rss_mb": round(max(peak_mb, children_mb), 1),
        "rebuild_unchanged_s": round(unchanged, 2),
        "rebuild_one_changed_s": round(one_changed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 0])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.corpus, args.one)))
        return
    print(
        f"{'docs':>6} {'wall s':>8} {'docs/s':>8} {'triples':>9} {'peak MB':>8} {'same s':>7} {'1 chg s':>7}"
        "  slowest stages"
    )
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, str(args.corpus), "--one", str(size)], check=True, capture_output=True, text=True
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        stages = sorted(row["stages_s"].items(), key=lambda kv: -kv[1])[:4]
        print(
            f"{row['documents']:>6} {row['wall_s']:>8} {row['docs_per_s']:>8} {row['triples']:>9} "
            f"{row['peak_rss_mb']:>8} {row['rebuild_unchanged_s']:>7} {row['rebuild_one_changed_s']:>7}  "
            + ", ".join(f"{k} {v}s" for k, v in stages)
        )


if __name__ == "__main__":
    main()
