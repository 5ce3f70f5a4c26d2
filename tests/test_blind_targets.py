"""Blind samples of the provincial reports' planning sections (tests/data/blind_targets, tests/data/blind_targets_2)
stay at their floors, on the whole and on each half (benchmarks/halves.py: whole regions alternate between the halves).

Each set is four regions of four 2025 provincial work reports, each from the goal list into the year's tasks, annotated
per GUIDELINES by readers who never saw this code; the documents are read from ../shared, the gold holds the
annotations. The first set's half A was read for round 21's rules; nobody has read the second set's misses.
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

DATA = Path(__file__).parent / "data"
SETS = ("blind_targets", "blind_targets_2")


def _docs(name: str) -> list[str]:
    return sorted(p.stem for p in (DATA / name / "gold").glob("*.jsonl"))


@pytest.fixture(scope="module")
def reports() -> Path:
    return requires_shared("corpus", "provincial_reports_2025")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, reports: Path) -> Path:
    """One run over the reports of both sets."""
    docs = sorted({d for name in SETS for d in _docs(name)})
    out = tmp_path_factory.mktemp("blind_targets")
    res = run_extract([reports / f"{d}.txt" for d in docs], out, metadata=reports / "metadata.csv", workers=1)
    assert res.n_failed == 0 and res.n_done == len(docs) == 8
    return out


def _floors(name: str, section: str) -> dict[str, float]:
    return tomllib.loads((DATA / name / "floors.toml").read_text(encoding="utf-8"))[section]


@pytest.mark.parametrize("name", SETS)
def test_blind_targets_meet_floors(outputs: Path, name: str) -> None:
    res, _ = score(DATA / name / "gold", outputs)
    fails = check_minimums(res, _floors(name, "all"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("side", ["A", "B"])
def test_blind_targets_halves_meet_floors(outputs: Path, reports: Path, tmp_path: Path, name: str, side: str) -> None:
    split(DATA / name / "gold", reports, tmp_path)
    res, _ = score(tmp_path / side, outputs)
    fails = check_minimums(res, _floors(name, f"half_{side}"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)
