"""A `sovkg build` killed with SIGKILL while documents are processed, and again while it publishes
(dumps being written, the store being loaded), leaves the previous release or the new one, never a mix
or a corrupt file; the next build completes and publishes what a clean build publishes.

The kills are aimed, not timed: the first waits for the marker a deliberately endless document writes
when its worker starts on it; the second waits for the staging folder of the dumps or of the store to
appear, polling every few milliseconds."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hooks import MARKER_ENV, SLOW, SPEC
from test_boundary import news

from pipelines.runner import run_build
from pipelines.stages.documents import process_entries, read_index, write_hashes
from pipelines.stages.dumps import DATA_FILES, DUMP_FILES
from pipelines.stages.process import EXTRACTOR_ENV
from pipelines.stages.store import current_location
from sources import SAMPLES_DIR

TESTS = Path(__file__).resolve().parent
WAIT_S = 300  # the longest a build may take to reach the point (a generous bound on a loaded machine)


def release(out: Path) -> tuple[dict[str, str], str | None]:
    """What is published: the SHA-256 of every dump file, checked whole and consistent with its
    manifest (a mix of two releases or a cut file fails here), and the store version serving."""
    files = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in DUMP_FILES}
    manifest = json.loads((out / "manifest.json").read_text())
    assert {name: files[name] for name in DATA_FILES} == manifest["files"]
    assert len(list(ox.parse(path=str(out / "dataset.nt"), format=ox.RdfFormat.N_TRIPLES))) == manifest["triples"]
    location = current_location(out / "store")
    assert location is not None
    store = ox.Store.read_only(str(location))
    assert len(store) > manifest["quads"]  # the documents' graphs plus the ontology's
    del store
    return files, location.name


def start_build(folder: Path, out: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "build", "--sources", str(folder), "--out", str(out), "--workers", "1"],
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches the worker processes too
    )


def kill_when(build: subprocess.Popen, reached) -> bool:
    """SIGKILL the build's whole process group as soon as `reached()` holds; False if it ended first."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and build.poll() is None:
        if reached():
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
            return True
        time.sleep(0.002)
    if build.poll() is None:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        pytest.fail(f"the build did not reach the point within {WAIT_S} s")
    return False


def publishing(out: Path) -> bool:
    versions = out / "store" / "versions"
    return any(out.glob(".staging-*")) or (versions.is_dir() and any(versions.glob(".loading-*")))


@pytest.mark.slow
def test_a_killed_build_leaves_a_whole_release_and_the_next_build_completes(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    shutil.copytree(SAMPLES_DIR, folder)
    out = tmp_path / "out"
    assert run_build([str(folder)], out, workers=1).success
    first = release(out)

    # killed while documents are processed: a new document that never finishes holds the run there
    (folder / "slow.txt").write_text(news(SLOW))
    marker = tmp_path / "slow-started"
    build = start_build(folder, out, **{EXTRACTOR_ENV: SPEC, MARKER_ENV: str(marker)})
    assert kill_when(build, marker.exists), "the build ended before the slow document started"
    assert release(out) == first

    # killed while publishing: the slow document is now an ordinary one, so the run goes on to the dumps
    # and the store; a changed document makes the new release differ from the first
    (folder / "slow.txt").write_text(news())
    (folder / "added.txt").write_text(news("The Open Source Initiative said so on Tuesday."))
    for attempt in range(3):
        killed = kill_when(start_build(folder, out), lambda: publishing(out))
        if killed:
            break
        (folder / "added.txt").write_text(news(f"Attempt {attempt} changed it."))  # publish again
    assert killed, "no build was caught while publishing"
    after_kill = release(out)

    assert run_build([str(folder)], out, workers=1).success
    second = release(out)
    assert second != first
    # dumps and store are published one after the other: each is whole, of one release or the other
    assert after_kill[0] in (first[0], second[0])
    assert after_kill[1] in (first[1], second[1])

    # the recovered release is exactly what a clean build of the same documents publishes
    clean = tmp_path / "clean"
    assert run_build([str(folder)], clean, workers=1).success
    assert json.loads((clean / "manifest.json").read_text())["graph_sha256"] == json.loads(
        (out / "manifest.json").read_text()
    )["graph_sha256"]


def test_a_run_killed_between_recording_hashes_and_storing_results_is_redone(tmp_path: Path) -> None:
    """The documents asset records the new content hashes, then Dagster stores its results: a kill
    between the two must not leave the old result standing for the new bytes."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(news())
    out = tmp_path / "out"
    assert run_build([str(folder)], out, workers=1).success
    (folder / "a.txt").write_text(news("Ms Grace Newname, director of the Linux Foundation, said so."))
    state = out / ".state"
    entries = read_index(state).entries
    results, _ = process_entries(entries, {}, state, workers=1, time_budget_s=0)
    write_hashes(state, results)  # ... and the run is killed here, before its results are stored
    assert run_build([str(folder)], out, workers=1).success
    assert "Grace Newname" in (out / "dataset.nt").read_text()
