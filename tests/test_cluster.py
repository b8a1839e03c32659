"""The document work split into batches, run on a real distributed engine (Celery: a Redis broker and
two worker processes started here), gives the same dumps, byte for byte, as the in-process build."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from conftest import SHARED

from pipelines.runner import run_build, run_on_cluster
from pipelines.stages.dumps import DATA_FILES

BBC = SHARED / "corpus" / "bbc"
DOCUMENTS = 200

pytest.importorskip("dagster_celery")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    if not BBC.is_dir():
        pytest.skip("../shared/corpus/bbc is not beside the project")
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")[:DOCUMENTS]
    target = tmp_path / "corpus"
    for f in files:
        (target / f.relative_to(BBC)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target / f.relative_to(BBC))
    return target


@pytest.fixture()
def broker(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed (scripts/debian-packages.txt)")
    port = _free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture()
def workers(broker: str, corpus: Path, tmp_path: Path, monkeypatch) -> Iterator[list[int]]:
    """Two Celery worker processes, configured as a deployment's would be: by their environment. The
    solo pool runs a task in the worker process itself, which may then start the pipeline's process pools
    (a prefork pool's children are daemons, which may not)."""
    monkeypatch.setenv("SOVKG_SOURCES", str(corpus))
    monkeypatch.setenv("SOVKG_OUT", str(tmp_path / "cluster"))
    monkeypatch.setenv("SOVKG_CELERY_BROKER", broker)
    monkeypatch.delenv("SOVKG_STORE_URL", raising=False)
    command = [sys.executable, "-m", "celery", "-A", "dagster_celery.app", "-b", broker, "--result-backend", broker]
    processes = [
        subprocess.Popen(
            [*command, "worker", "-Q", "dagster", "-P", "solo", "-n", f"sovkg{n}@%h", "--loglevel", "WARNING"],
            env=os.environ.copy(),
            start_new_session=True,
        )
        for n in range(2)
    ]
    yield [p.pid for p in processes]
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.slow
def test_batches_on_celery_workers_give_the_in_process_dumps(
    corpus: Path, tmp_path: Path, workers, monkeypatch
) -> None:
    with dg.instance_for_test() as instance:
        built = run_on_cluster(instance, batch_size=50)
        assert built.success, built.error
        assert len(built.batches) == DOCUMENTS // 50
        # the steps ran in the workers' processes, not here
        step_pids = {
            record.event_log_entry.dagster_event.pid
            for run in [*built.batches, built.publish]
            for record in instance.get_records_for_run(run.run_id).records
            if record.event_log_entry.dagster_event
            and record.event_log_entry.dagster_event.event_type_value == "STEP_SUCCESS"
        }
        assert step_pids and step_pids <= set(workers)
        assert {r.job_name for r in instance.get_runs()} == {"build_all", "combine_and_publish"}
    monkeypatch.delenv("SOVKG_CELERY_BROKER")
    local = run_build([str(corpus)], tmp_path / "local", workers=1)
    assert local.success
    for name in (*DATA_FILES, "manifest.json"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
