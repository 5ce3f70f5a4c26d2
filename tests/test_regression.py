"""Extraction accuracy on the dev gold must not fall below the floors in tests/floors.toml."""

from __future__ import annotations

import tomllib

from conftest import GOLD, ROOT
from pipeline.tools.evaluate import check_minimums, format_report, score


def test_dev_gold_scores_meet_floors(seed_outputs):
    floors = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))
    res, _ = score(GOLD, seed_outputs)
    fails = check_minimums(res, floors)
    assert not fails, "\n".join(fails) + "\n" + format_report(res)
