"""Dates in sections of seven 2025 provincial work reports (tests/data/blind_dates), annotated from GUIDELINES §3 by
readers who never saw this code, stay at their floors on the whole and on each annotator's half."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import requires_shared
from pipeline.run.batch import run_extract
from pipeline.tools.evaluate import score

DATA = Path(__file__).parent / "data" / "blind_dates"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    reports = requires_shared("corpus", "provincial_reports_2025")
    docs = sorted({p.name.split("@")[0] for p in DATA.glob("gold?/*.jsonl")})
    out = tmp_path_factory.mktemp("blind_dates")
    res = run_extract([reports / f"{d}.txt" for d in docs], out, metadata=reports / "metadata.csv", workers=1)
    assert res.n_failed == 0 and res.n_done == len(docs) == 7
    return out


@pytest.mark.parametrize("half", ["goldAll", "goldA", "goldB"])
def test_blind_dates_meet_floors(outputs: Path, tmp_path: Path, half: str) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for p in DATA.glob("gold?/*.jsonl") if half == "goldAll" else (DATA / half).glob("*.jsonl"):
        shutil.copy(p, gold / p.name)
    res, _ = score(gold, outputs)
    floor = tomllib.loads((DATA / "floors.toml").read_text(encoding="utf-8"))[half]
    assert res["date"]["f1"] >= floor, res["date"]
