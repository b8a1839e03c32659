"""Throughput of `sovkg build` on a large corpus: a full build, a rebuild with nothing changed and rebuilds
after one document changed, with wall time per stage and peak memory.

    python benchmarks/bench_build.py ../shared/corpus/bbc [--sizes 500 2223 10000] [--replicate 5]
                                     [--runs 3] [--changes 3] [--workers N] [--profile DIR]
                                     [--baseline DIR]

Each size runs the whole Dagster asset graph in-process on the first N documents, in a fresh process so
peak memory is per size. `--replicate K` copies the corpus K times under new names first (distinct
document ids, the same texts), so sizes beyond the corpus can be measured. `--runs` repeats the full
build (each in a fresh folder) and prints medians; `--changes` rebuilds after that many one-document
changes, each to another document, and prints the median. `--profile DIR` runs each size under py-spy
(`pip install py-spy`, the `bench` extra) and writes a flame graph per size to DIR. `--baseline DIR` also
runs each size with the code of another checkout (e.g. `git archive main | tar -x -C DIR`), right before
this one, and prints the ratios: on a shared, noisy machine only figures of one run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("documents", "knowledge_graph", "shacl_conforms", "dataset_dumps", "graph_store")


def corpus_files(corpus: Path, replicate: int) -> list[tuple[Path, Path]]:
    """(source file, path under the benchmark's corpus folder) for every document, copies included."""
    from sources.corpus import MEDIA_TYPES

    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in MEDIA_TYPES and p.name != "README.TXT")
    if replicate <= 1:
        return [(f, f.relative_to(corpus)) for f in files]
    return [(f, Path(f"copy{n}") / f.relative_to(corpus)) for n in range(replicate) for f in files]


class TreeMemory:
    """The peak, sampled, of the memory the benchmark's process and all its descendants hold together
    (proportional set size, so pages shared between them count once). A child's own ru_maxrss would
    mislead: a process forked from a large one starts with that one's peak."""

    def __init__(self, every_s: float = 0.25) -> None:
        self.peak_mb = 0.0
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self._every_s):
            self.peak_mb = max(self.peak_mb, sum(map(_pss_kb, _tree(os.getpid()))) / 1024)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:  # the parent is the field after the command, which may itself hold spaces
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # ended meanwhile
    return 0


def _timed_build(subset: Path, out: Path, workers: int) -> tuple[float, dict[str, float], bool]:
    from pipelines.runner import run_build

    started = time.perf_counter()
    built = run_build([str(subset)], str(out), workers=workers, quiet=True)
    wall = time.perf_counter() - started
    stages: dict[str, float] = {}
    for event in built.result.all_events if built.result else []:
        if event.event_type_value == "STEP_SUCCESS":
            name = next((s for s in STAGES if event.step_key.endswith(s)), event.step_key)
            stages[name] = stages.get(name, 0.0) + event.event_specific_data.duration_ms / 1000
    return wall, stages, built.success


def run_one(corpus: Path, size: int, replicate: int, runs: int, changes: int, workers: int) -> dict[str, object]:
    with TreeMemory() as memory:
        row = _measure(corpus, size, replicate, runs, changes, workers)
    return {**row, "peak_tree_mb": round(memory.peak_mb, 1)}


def _measure(corpus: Path, size: int, replicate: int, runs: int, changes: int, workers: int) -> dict[str, object]:
    files = corpus_files(corpus, replicate)
    if size:
        files = files[:size]
    fulls: list[tuple[float, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="sovkg-bench-") as tmp:
        subset = Path(tmp) / "corpus"
        for source, target in files:
            (subset / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, subset / target)
        ok = True
        for run in range(runs):
            out = Path(tmp) / f"out{run}"
            wall, stages, success = _timed_build(subset, out, workers)
            ok = ok and success
            fulls.append((wall, stages))
            if run < runs - 1:
                shutil.rmtree(out)
        out = Path(tmp) / f"out{runs - 1}"
        manifest = json.loads((out / "manifest.json").read_text())
        unchanged, unchanged_stages, success = _timed_build(subset, out, workers)
        ok = ok and success
        changed: list[tuple[float, dict[str, float]]] = []
        documents = sorted(p for p in subset.rglob("*") if p.is_file())
        for n in range(changes):
            document = documents[(n * 7919) % len(documents)]  # spread over the corpus
            document.write_bytes(document.read_bytes() + f"\n\nThe ministry said plan {n} was updated.\n".encode())
            wall, stages, success = _timed_build(subset, out, workers)
            ok = ok and success
            changed.append((wall, stages))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def median_stages(rows: list[tuple[float, dict[str, float]]]) -> dict[str, float]:
        names = {k for _, stages in rows for k in stages}
        return {k: round(statistics.median(s.get(k, 0.0) for _, s in rows), 3) for k in sorted(names)}

    full_wall = statistics.median(w for w, _ in fulls)
    return {
        "documents": len(files),
        "success": ok,
        "full_s": round(full_wall, 2),
        "full_runs_s": [round(w, 2) for w, _ in fulls],
        "docs_per_s": round(len(files) / full_wall, 1),
        "triples": manifest["triples"],
        "full_stages_s": median_stages(fulls),
        "peak_rss_mb": round(peak_mb, 1),
        "unchanged_s": round(unchanged, 2),
        "unchanged_stages_s": median_stages([(unchanged, unchanged_stages)]),
        "one_changed_s": round(statistics.median(w for w, _ in changed), 2) if changed else None,
        "one_changed_runs_s": [round(w, 2) for w, _ in changed],
        "one_changed_stages_s": median_stages(changed) if changed else {},
    }


def _stages(stages: dict[str, float], per: float = 1.0) -> str:
    return ", ".join(f"{k} {v * per:.2f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2223, 10000], help="0: every document")
    parser.add_argument("--replicate", type=int, default=0, help="copies of the corpus (default: enough for --sizes)")
    parser.add_argument("--runs", type=int, default=1, help="full builds per size (median printed)")
    parser.add_argument("--changes", type=int, default=3, help="one-document-changed rebuilds per size")
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    parser.add_argument("--profile", type=Path, help="write a py-spy flame graph per size into this folder")
    parser.add_argument("--baseline", type=Path, help="a checkout of other code to run before this one, for ratios")
    parser.add_argument("--json", action="store_true", help="print one JSON object per size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.corpus, args.one, args.replicate, args.runs, args.changes, args.workers)))
        return
    available = len(corpus_files(args.corpus, 1))
    replicate = args.replicate or max(1, -(-max(args.sizes) // available))
    if not args.json:
        print(f"{available} documents in {args.corpus}, replicated {replicate}x; {args.runs} full run(s) per size")
        # the machine's load says how far absolute times can be trusted (compare ratios of one run)
        print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print(
            f"{'docs':>6} {'full s':>8} {'docs/s':>7} {'triples':>9} {'peak MB':>8} {'tree MB':>8} "
            f"{'same s':>7} {'1 chg s':>8}"
        )
    rows = []
    baselines = []
    for size in args.sizes:
        command = [sys.executable, str(Path(__file__).resolve()), str(args.corpus.resolve()), "--one", str(size)]
        command += ["--replicate", str(replicate)]
        command += ["--runs", str(args.runs), "--changes", str(args.changes), "--workers", str(args.workers)]
        if args.baseline:
            baselines.append(_run(command, args.baseline.resolve()))
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            svg = args.profile / f"build-{size}.svg"
            command = ["py-spy", "record", "--subprocesses", "--rate", "50", "-o", str(svg), "--", *command]
        row = _run(command)
        rows.append(row)
        if args.json:
            print(json.dumps({**row, "baseline": baselines[-1]} if baselines else row))
            continue
        print(
            f"{row['documents']:>6} {row['full_s']:>8} {row['docs_per_s']:>7} {row['triples']:>9} "
            f"{row['peak_rss_mb']:>8} {row.get('peak_tree_mb', '-')!s:>8} {row['unchanged_s']:>7} "
            f"{row['one_changed_s']!s:>8}"
        )
    if args.json:
        return
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("\nfull build, seconds per 1,000 documents by stage (the rest: discovery, Dagster's run and bookkeeping)")
    for row in rows:
        per = 1000 / row["documents"]
        rest = row["full_s"] - sum(row["full_stages_s"].values())
        print(f"{row['documents']:>6}  {_stages(row['full_stages_s'], per)}, rest {rest * per:.2f}")
    print("\nrebuild after one changed document, seconds by stage (median)")
    for row in rows:
        rest = (row["one_changed_s"] or 0) - sum(row["one_changed_stages_s"].values())
        print(f"{row['documents']:>6}  {_stages(row['one_changed_stages_s'])}, rest {rest:.2f}")
    print("\nrebuild with nothing changed, seconds by stage")
    for row in rows:
        rest = row["unchanged_s"] - sum(row["unchanged_stages_s"].values())
        print(f"{row['documents']:>6}  {_stages(row['unchanged_stages_s'])}, rest {rest:.2f}")
    if baselines:
        print(f"\nthis code against {args.baseline} (run just before it): seconds, baseline -> this (ratio)")
        for base, row in zip(baselines, rows, strict=True):
            print(f"{row['documents']:>6}  " + ", ".join(_compare(base, row, key) for key in _COMPARED))
            for key in ("one_changed_stages_s", "full_stages_s"):
                print(f"{'':>6}  {key[:-9].replace('_', ' ')} by stage: " + _compare_stages(base, row, key))


_COMPARED = ("full_s", "unchanged_s", "one_changed_s")


def _run(command: list[str], code: Path = ROOT) -> dict:
    """One size in a fresh process; `code`: the checkout whose packages it imports (by default this
    script's own, whichever checkout the environment has installed)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=code).stdout
    # the row is the last JSON line: py-spy (under --profile) prints its own lines after it
    return json.loads(next(line for line in reversed(out.splitlines()) if line.startswith("{")))


def _ratio(old: float | None, new: float | None) -> str:
    if not old or new is None:
        return f"{old} -> {new}"
    return f"{old:.2f} -> {new:.2f} ({new / old:.2f})"


def _compare(base: dict, row: dict, key: str) -> str:
    return f"{key[:-2].replace('_', ' ')} {_ratio(base[key], row[key])}"


def _compare_stages(base: dict, row: dict, key: str) -> str:
    names = sorted(set(base[key]) | set(row[key]), key=lambda k: -base[key].get(k, 0.0))
    stages = [f"{n} {_ratio(base[key].get(n), row[key].get(n))}" for n in names]
    wall = key.replace("_stages_s", "_s")
    rest = [(r[wall] or 0) - sum(r[key].values()) for r in (base, row)]
    return ", ".join([*stages, f"rest {_ratio(*rest)}"])


if __name__ == "__main__":
    main()
