from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.cli import main
from sources import SAMPLES_DIR


def test_build_with_sources_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "build",
            "--sources",
            str(SAMPLES_DIR / "blog-open-source-first.html"),
            "--out",
            str(tmp_path),
            "--workers",
            "1",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert f"to {tmp_path}" in printed and "Person" in printed
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["named_graphs"] == 1 and manifest["triples"] > 50


@pytest.mark.seeds
def test_eval_scores_the_seeds(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "eval",
            "--sources",
            str(seeds_dir),
            "--gold",
            str(seeds_dir.parent / "gold"),
            "--json",
            "--workers",
            "1",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    for key in ("actors/all", "events/all", "policies/all", "claims/all"):
        assert 0.0 <= report[key]["recall"] <= 1.0
    # regression floors, well below the figures in the closing notes
    assert report["actors/all"]["f1"] >= 0.6
    assert report["events/all"]["recall"] >= 0.6
    assert report["claims/all"]["recall"] >= 0.5
