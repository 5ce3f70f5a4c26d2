"""Shared fixtures: the seeds are extracted once per test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

# Property tests are deterministic: the same examples on every run and machine,
# no example database carried between runs.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory) -> Path:
    """OUTDIR of one full extraction of seeds/ with seeds/metadata.csv."""
    from pipeline.run.batch import run_extract

    out = tmp_path_factory.mktemp("seed_outputs")
    res = run_extract([SEEDS], out, metadata=SEEDS / "metadata.csv", workers=2)
    assert res.n_failed == 0
    return out


def requires_shared(*parts: str) -> Path:
    """A path under ../shared, or skip when the shared folder is not beside the repo."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present (../shared must sit beside the repo)")
    return p


def extracted_rows(src: Path, meta: Path, out: Path, table: str, key: list[str], **run: object) -> pd.DataFrame:
    """One file extracted with run options (``window_chars=...``): ``table``'s ``key`` columns as sorted strings, the
    form the windowed-run tests compare against a one-pass run."""
    from pipeline.core.config import load_config
    from pipeline.run.batch import run_extract
    from pipeline.run.store import read_table

    cfg = load_config()
    cfg["run"].update(run)
    assert run_extract([src], out, metadata=meta, cfg=cfg, workers=1, progress=False).n_failed == 0
    return read_table(out, table).to_pandas()[key].astype(str).sort_values(key).reset_index(drop=True)
