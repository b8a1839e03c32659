from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.runner import run_build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def materialize_all(
    sources: list[str] | None, out_dir: Path, *, allow_private_hosts: bool = False
) -> dg.ExecuteInProcessResult:
    """The real pipeline, as `sovkg build` runs it: discovery, document partitions, one Dagster run."""
    built = run_build(sources, out_dir, workers=1, allow_private_hosts=allow_private_hosts)
    assert built.result is not None, built.error
    return built.result


def metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict[str, object]:
    for event in result.get_asset_materialization_events():
        if event.asset_key.path[-1] == asset:
            return {k: v.value for k, v in event.materialization.metadata.items()}
    raise KeyError(asset)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dg.ExecuteInProcessResult, Path]:
    out = tmp_path_factory.mktemp("sample-dist")
    return materialize_all(None, out), out


@pytest.fixture()
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not GOLD.is_dir():
        pytest.skip("../shared/seeds and ../shared/gold are not beside the project")
    return SEEDS
