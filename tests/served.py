"""`sovkg serve` as a real process on a free loopback port, for the service and browse tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from SPARQLWrapper import JSON, SPARQLWrapper

PREFIX = "PREFIX sovkg: <https://w3id.org/sovkg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


class Service:
    def __init__(self, out: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", "serve", "--out", str(out), "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.endpoint = self.process.stdout.readline().strip()
        assert self.endpoint.startswith("http://127.0.0.1:") and self.endpoint.endswith("/query"), self.endpoint
        self.base = self.endpoint.removesuffix("/query")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def store_processes(self) -> list[int]:
        """Process ids of the Oxigraph servers this service started (its children)."""
        pids = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():  # a child belongs to the thread that started it
            try:
                pids += [int(p) for p in (task / "children").read_text().split()]
            except OSError:  # the thread ended meanwhile
                continue
        return [p for p in pids if b"oxigraph" in _cmdline(p)]


    def select(self, query: str) -> list[dict[str, str]]:
        sparql = SPARQLWrapper(self.endpoint)
        sparql.setQuery(PREFIX + query)
        sparql.setReturnFormat(JSON)
        result = sparql.query().convert()
        return [{k: v["value"] for k, v in row.items()} for row in result["results"]["bindings"]]

    def count(self, where: str = "?s ?p ?o") -> int:
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
