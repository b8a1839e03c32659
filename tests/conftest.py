from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import ASSETS, CHECKS, resources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def materialize_all(sources: list[str] | None, out_dir: Path) -> dg.ExecuteInProcessResult:
    with dg.instance_for_test() as instance:
        return dg.materialize(
            [*ASSETS, *CHECKS],
            resources=resources(sources, str(out_dir), workers=1),
            instance=instance,
            raise_on_error=False,
        )


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
