"""The seeds' regions outside the dev gold (tests/data/blind_seeds), annotated blind, must stay at their floors, on
the whole set and on each half (benchmarks/halves.py): only half A's misses were read to make rules."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from pipeline.tools.evaluate import check_minimums, format_report, score

DATA = ROOT / "tests" / "data" / "blind_seeds"


def _floors(section: str) -> dict[str, float]:
    return tomllib.loads((DATA / "floors.toml").read_text(encoding="utf-8"))[section]


def test_blind_seed_regions_meet_floors(seed_outputs: Path) -> None:
    res, _ = score(DATA / "gold", seed_outputs)
    fails = check_minimums(res, _floors("all"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)


@pytest.mark.parametrize("side", ["A", "B"])
def test_blind_seed_halves_meet_floors(seed_outputs: Path, tmp_path: Path, side: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from halves import split

    split(DATA / "gold", SEEDS, tmp_path)
    res, _ = score(tmp_path / side, seed_outputs)
    fails = check_minimums(res, _floors(f"half_{side}"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)


def test_the_regions_lie_outside_the_dev_gold() -> None:
    """A blind region never overlaps a region of tests/gold: the two sets measure different text."""
    import json

    def regions(folder: Path) -> list[tuple[str, int, int]]:
        out = []
        for f in sorted(folder.glob("*.jsonl")):
            r = json.loads(f.read_text(encoding="utf-8").splitlines()[0])
            out.append((r["doc"], r["raw_start"], r["raw_end"]))
        return out

    dev = regions(ROOT / "tests" / "gold")
    blind = regions(DATA / "gold")
    assert len(blind) == 9
    for doc, s, e in blind:
        assert not any(d == doc and s < de and ds < e for d, ds, de in dev), (doc, s, e)


@pytest.mark.parametrize("gold", sorted((DATA / "gold").glob("*.jsonl")), ids=lambda p: p.stem)
def test_each_gold_file_passes_its_annotators_check(gold: Path) -> None:
    sys.path.insert(0, str(DATA))
    from validate import check

    assert check(gold) == []
