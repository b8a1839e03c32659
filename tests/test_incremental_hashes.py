"""Batch runs side by side record their documents' content hashes in one state file: two processes
that each record many documents, one at a time and at the same time, lose none of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.stages.documents import DocumentResult, read_hashes, read_recorded, write_hashes
from sources.web import Entry

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 150

WRITER = """
import sys
from pathlib import Path
from pipelines.stages.documents import DocumentResult, write_hashes
from sources.web import Entry

state, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # both processes start writing together
for n in range(rounds):
    doc_id = f"{name}-{n}"
    write_hashes(state, {doc_id: DocumentResult(Entry(doc_id, doc_id, "test"), content_hash=f"hash-{doc_id}")})
"""


def test_two_processes_recording_hashes_lose_none(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(state), name, str(ROUNDS)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    expected = {f"{name}-{n}": f"hash-{name}-{n}" for name in ("first", "second") for n in range(ROUNDS)}
    assert read_hashes(state) == expected
    assert set(read_recorded(state)) == set(expected)  # no result stored yet: every one still pending


def test_recorded_documents_are_forgotten_once_their_results_are_stored(tmp_path: Path) -> None:
    results = tmp_path / "assets" / "documents"
    results.mkdir(parents=True)

    def record(doc_id: str) -> None:
        write_hashes(tmp_path, {doc_id: DocumentResult(Entry(doc_id, doc_id, "test"), content_hash="h")})

    record("a")
    (results / "a.pickle").write_bytes(b"stored after its hash was recorded")
    record("b")
    assert set(read_recorded(tmp_path)) == {"b"}
