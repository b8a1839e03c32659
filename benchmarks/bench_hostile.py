"""Good documents mixed with hostile files: does `sovkg build` complete, publish every good document,
and stay within time and memory?

    python benchmarks/bench_hostile.py [../shared/corpus/bbc] [--good 300] [--time-budget 30]

Copies the bundled samples and the first N documents of a corpus (when given) into a temporary folder,
builds it alone, then again beside generated hostile files (binary bytes with text extensions, a 30 MB
page, a 5 MB single-token line, megabyte runs of letters, capitals, "A (B) ", quotes, dashes and nested
brackets, 10,000-level nested HTML, pages of only scripts and styles, UTF-16/32 without a BOM, invalid
UTF-8, NUL bytes, bidi controls, emoji, names full of Turtle and SPARQL syntax). Prints documents
published and skipped (with reasons), wall time and peak memory (the sum over the build's processes),
and checks the targets: every good document published, wall time within 2x the good-only build plus
the time budget, peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources import SAMPLES_DIR  # noqa: E402
from sources.corpus import MEDIA_TYPES  # noqa: E402


def _nested(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>The ministry said so.</p>" + "</div>" * depth).encode()


def hostile_files() -> dict[str, bytes]:
    article = (
        "<html><head><title>Sovereignty</title></head><body><article><h1>Sovereignty</h1><p>The Open Source "
        "Initiative said the European Commission funds open source maintenance in Europe.</p></article></body></html>"
    )
    paragraph = "<p>The Federal Ministry said the open source strategy of Germany would be funded.</p>\n"
    return {
        "binary.html": os.urandom(200_000),
        "binary.txt": os.urandom(200_000),
        "png-named.html": b"\x89PNG\r\n\x1a\n" + os.urandom(100_000),
        "empty.txt": b"",
        "nul-bytes.txt": b"Title\n\nText\x00with\x00NUL\x00bytes said the ministry.\n" * 1000,
        "invalid-utf8.txt": b"Title\n\n" + b"\xed\xa0\x80\xc3\x28 caf\xe9 \xff\xfe" * 10_000,
        "page-30mb.html": (b"<html><body><article><h1>Huge</h1>" + paragraph.encode() * 370_000 + b"</article></body></html>"),
        "page-4.9mb.html": (b"<html><body><article><h1>Big</h1>" + paragraph.encode() * 57_000 + b"</article></body></html>"),
        "token-5mb.txt": b"A" * 5_000_000,
        "letters-1mb.txt": b"Title\n\n" + b"x" * 1_000_000,
        "capitals-1mb.txt": b"Title\n\n" + b"ABCDEFGHIJ" * 100_000,
        "a-b-groups-1mb.txt": b"Title\n\n" + b"A (B) " * 170_000,
        "quotes-1mb.txt": b"Title\n\n" + b'"' * 1_000_000,
        "dashes-1mb.txt": b"Title\n\n" + "\u2014".encode() * 330_000,
        "brackets-1mb.txt": b"Title\n\n" + b"(" * 500_000 + b")" * 500_000,
        "nested-10000.html": _nested(10_000),
        "scripts-only.html": b"<html><head><style>p{}</style></head><body>" + b"<script>var a=1;</script>" * 20_000 + b"</body></html>",
        "utf16le-no-bom.html": article.encode("utf-16-le"),
        "utf16be-no-bom.html": article.encode("utf-16-be"),
        "utf32le-no-bom.html": article.encode("utf-32-le"),
        "utf32be-no-bom.html": article.encode("utf-32-be"),
        "bidi-emoji.txt": (
            "Bidi \u202e and emoji 👩‍👩‍👧 🇪🇺\n\nThe European Commission\u202e said e\u0301\u0336 open source 🇪🇺 matters.\n" * 200
        ).encode(),
        "syntax-names.html": (
            b'<html><head><title>A "quoted" &lt;title&gt; \\ } ; SELECT * WHERE { ?s ?p ?o }</title>'
            b'<meta name="author" content="Jane &quot;Q&quot; &lt;Example&gt; \\ Doe"></head><body><article><h1>Names</h1>'
            b"<p>The Ministry of &lt;Digital&gt; Affairs \\ &quot;Bureau&quot; said that the @prefix x: "
            b"&lt;http://x/&gt; . Foundation would fund open source.</p></article></body></html>"
        ),
    }


class PeakMemory(threading.Thread):
    """Samples the resident memory of every process in a process group (the build and its workers)."""

    def __init__(self, pgid: int) -> None:
        super().__init__(daemon=True)
        self.pgid, self.peak_total, self.peak_one, self.done = pgid, 0, 0, False

    def run(self) -> None:
        while not self.done:
            total = 0
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text()
                    if int(stat.rsplit(")", 1)[1].split()[2]) != self.pgid:
                        continue
                    rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, ValueError, IndexError):
                    continue
                total += rss
                self.peak_one = max(self.peak_one, rss)
            self.peak_total = max(self.peak_total, total)
            time.sleep(0.1)


def build(folder: Path, out: Path, budget: float, workers: int) -> dict[str, object]:
    command = [sys.executable, "-m", "pipelines.cli", "build", "--sources", str(folder), "--out", str(out)]
    command += ["--time-budget", str(budget)] + (["--workers", str(workers)] if workers else [])
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    sampler = PeakMemory(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.done = True
    sampler.join()
    graphs: set[str] = set()
    if (out / "dataset.trig").is_file():
        quads = ox.parse(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)
        graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    skipped = []
    for path in sorted((out / ".state" / "assets" / "documents").glob("*.pickle")):
        result = pickle.loads(path.read_bytes())
        skipped += [(s.locator, s.reason) for s in result.skipped]
    return {
        "returncode": process.returncode,
        "wall_s": wall,
        "peak_total_mb": sampler.peak_total / 2**20,
        "peak_one_mb": sampler.peak_one / 2**20,
        "graphs": graphs,
        "skipped": skipped,
        "stderr": stderr.decode(errors="replace")[-2000:],
        "summary": next((line for line in stdout.decode().splitlines() if line.startswith("documents:")), ""),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a folder of good documents (e.g. ../shared/corpus/bbc)")
    parser.add_argument("--good", type=int, default=300, help="documents taken from the corpus (default 300)")
    parser.add_argument("--time-budget", type=float, default=30.0, help="seconds per document (default 30)")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sovkg-hostile-") as tmp:
        good = Path(tmp) / "good" / "docs"
        shutil.copytree(SAMPLES_DIR, good)
        if args.corpus:
            files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in MEDIA_TYPES and p.name != "README.TXT")
            for f in files[: args.good]:
                target = good / "corpus" / f.relative_to(args.corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
        mixed = Path(tmp) / "mixed" / "docs"
        shutil.copytree(good, mixed)
        hostile = hostile_files()
        for name, content in hostile.items():
            (mixed / "hostile" / name).parent.mkdir(parents=True, exist_ok=True)
            (mixed / "hostile" / name).write_bytes(content)
        count = sum(1 for p in good.rglob("*") if p.is_file())
        print(f"{count} good documents, {len(hostile)} hostile files; time budget {args.time_budget:g} s")

        alone = build(good, Path(tmp) / "out-good", args.time_budget, args.workers)
        both = build(mixed, Path(tmp) / "out-mixed", args.time_budget, args.workers)
        for name, run in (("good only", alone), ("good + hostile", both)):
            print(
                f"{name:<15} exit {run['returncode']}  wall {run['wall_s']:.1f} s  peak memory "
                f"{run['peak_total_mb']:.0f} MB (largest process {run['peak_one_mb']:.0f} MB)  "
                f"published {len(run['graphs'])} documents  skipped {len(run['skipped'])}"
            )
            print(f"{'':<15} {run['summary']}")
            if run["returncode"]:
                print(run["stderr"])
        print("skipped, with reasons:")
        for locator, reason in both["skipped"]:
            print(f"  {locator}: {reason}")
        print("reasons:", dict(Counter(reason.split(" (")[0].split(":")[0] for _, reason in both["skipped"])))
        missing = alone["graphs"] - both["graphs"]
        limit = 2 * alone["wall_s"] + args.time_budget
        print("targets:")
        print(f"  completes: {both['returncode'] == 0}")
        print(f"  every good document published: {not missing and bool(alone['graphs'])} ({len(missing)} missing)")
        print(f"  wall time {both['wall_s']:.1f} s <= 2 x {alone['wall_s']:.1f} + {args.time_budget:g} = {limit:.1f} s: {both['wall_s'] <= limit}")
        print(f"  peak memory {both['peak_total_mb']:.0f} MB < 2048 MB: {both['peak_total_mb'] < 2048}")


if __name__ == "__main__":
    main()
