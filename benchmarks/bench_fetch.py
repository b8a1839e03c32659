"""Fetch + parse throughput against a local HTTP server, and the cost of an incremental run.

Serves N generated news pages from a loopback server (a separate process), then:
  1. a full `sovkg build` of all pages (rate limit off): pages/s;
  2. a second build with nothing changed (conditional GETs: every page a 304, nothing parsed);
  3. builds after changing 1 page, repeated (one page parsed, graph combined and published): median;
and prints wall times beside each other.

    python benchmarks/bench_fetch.py [--pages 500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines.runner import run_build
from pipelines.serve import free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test web server lives in tests/
from tests.webserver import article

SENTENCES = (
    "{person}, Head of Digital Policy at the {org}, spoke at the launch on Tuesday.",
    "The {org} adopted its open source procurement policy in 2024.",
    "Officials expect the first tenders under the new rules before the end of the year.",
    "{person} said that the {org} will publish its code under an open licence.",
    "Several municipalities already share components through a common repository.",
    "Budgets for maintenance remain small compared with spending on new features.",
    "According to {person}, maintenance funding is the main gap.",
    "The debate continues in parliament next month, when the committee reviews the plan.",
)


def page(n: int, extra: str = "") -> bytes:
    person = f"Maria Example{n % 97}"
    org = f"Agency for Digital Affairs {n % 53}"
    body = "".join(f"<p>{s.format(person=person, org=org)}</p>" for s in SENTENCES) + extra
    return article(f"Digital sovereignty report {n}", body, author=f"Reporter {n % 11}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5, help="incremental runs, each after changing another page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sovkg-fetch-") as tmp:
        # the pages are served by a separate process (the standard library's server, which answers
        # If-Modified-Since with 304), so the client is measured, not a server sharing its GIL
        site = Path(tmp) / "site"
        (site / "news").mkdir(parents=True)
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        for n in range(args.pages):
            (site / "news" / f"{n}.html").write_bytes(page(n))
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0)
        urls = [f"http://127.0.0.1:{port}/news/{n}.html" for n in range(args.pages)]
        catalog = Path(tmp) / "catalog.yaml"
        listed = "\n".join(f'      - "{u}"' for u in urls)
        catalog.write_text(
            f"sources:\n  - name: local\n    urls:\n{listed}\n    kind: news\n"
            f"    allow_private_hosts: true\n    rate_per_host: 0\n    max_documents: {args.pages}\n"
        )
        os.environ["SOVKG_CATALOG"] = str(catalog)
        out = Path(tmp) / "out"
        rows = []
        try:
            plan = [("full build", None), ("unchanged (all 304)", None)]
            plan += [(f"1 page changed ({n + 1})", 7 + n * 50) for n in range(args.repeat)]
            for label, changed in plan:
                if changed is not None:
                    time.sleep(1.1)  # Last-Modified has one-second resolution
                    extra = "<p>The ministry said the plan changed.</p>"
                    (site / "news" / f"{changed}.html").write_bytes(page(changed, extra))
                started = time.perf_counter()
                built = run_build(None, out)
                wall = time.perf_counter() - started
                assert built.success, built.error
                steps = {
                    e.step_key: e.event_specific_data.duration_ms / 1000
                    for e in built.result.all_events
                    if e.event_type_value == "STEP_SUCCESS"
                }
                rows.append((label, wall, steps))
        finally:
            server.terminate()
    fetch_parse = rows[0][2].get("documents", 0.0)
    print(f"fetch + parse + extract of {args.pages} pages (documents step): {args.pages / fetch_parse:.1f} pages/s")
    print(f"{'run':<22}{'wall s':>8}{'pages/s':>9}  slowest steps")
    for label, wall, steps in rows:
        slowest = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])[:4])
        print(f"{label:<22}{wall:>8.2f}{args.pages / wall:>9.1f}  {slowest}")
    incremental = sorted(wall for label, wall, _ in rows[2:])
    if incremental:
        median = statistics.median(incremental)
        print(
            f"1 page changed, {len(incremental)} runs: median {median:.2f} s, min {incremental[0]:.2f}, max {incremental[-1]:.2f}"
        )


if __name__ == "__main__":
    main()
