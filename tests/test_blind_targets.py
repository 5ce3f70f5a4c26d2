"""A blind sample of the provincial reports' planning sections (tests/data/blind_targets) stays at its floors, on the
whole and on each half (benchmarks/halves.py: whole regions alternate between the halves).

Four regions of four 2025 provincial work reports, each from the goal list into the year's tasks, annotated per
GUIDELINES by readers who never saw this code; the documents are read from ../shared, the gold holds the annotations.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, requires_shared
from pipeline.run.batch import run_extract
from pipeline.tools.evaluate import check_minimums, format_report, score

sys.path.insert(0, str(ROOT / "benchmarks"))
from halves import split  # noqa: E402  (benchmarks/ is no package)

DATA = Path(__file__).parent / "data" / "blind_targets"
DOCS = ("gwr2025_fujian", "gwr2025_hebei", "gwr2025_shaanxi", "gwr2025_xinjiang")


@pytest.fixture(scope="module")
def reports() -> Path:
    return requires_shared("corpus", "provincial_reports_2025")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, reports: Path) -> Path:
    out = tmp_path_factory.mktemp("blind_targets")
    res = run_extract([reports / f"{d}.txt" for d in DOCS], out, metadata=reports / "metadata.csv", workers=1)
    assert res.n_failed == 0 and res.n_done == len(DOCS)
    return out


def _floors(section: str) -> dict[str, float]:
    return tomllib.loads((DATA / "floors.toml").read_text(encoding="utf-8"))[section]


def test_blind_targets_meet_floors(outputs: Path) -> None:
    res, _ = score(DATA / "gold", outputs)
    fails = check_minimums(res, _floors("all"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)


@pytest.mark.parametrize("side", ["A", "B"])
def test_blind_targets_halves_meet_floors(outputs: Path, reports: Path, tmp_path: Path, side: str) -> None:
    split(DATA / "gold", reports, tmp_path)
    res, _ = score(tmp_path / side, outputs)
    fails = check_minimums(res, _floors(f"half_{side}"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)
