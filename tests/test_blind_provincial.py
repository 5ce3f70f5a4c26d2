"""Organization F1 on a blind sample of the provincial reports (tests/data/blind_provincial/README.md) stays at its
floors: 320 sentences annotated from GUIDELINES §1 by readers who never saw the code, read from ../shared by offset."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from tests.conftest import requires_shared

DATA = Path(__file__).parent / "data" / "blind_provincial"


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def test_blind_provincial_organizations_meet_floors() -> None:
    from pipeline import extract_text

    reports = requires_shared("corpus", "provincial_reports_2025")
    cases = [json.loads(line) for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    counts = {"half_a": [0, 0, 0], "half_b": [0, 0, 0]}
    for c in cases:
        text = (reports / c["file"]).read_text(encoding="utf-8")[c["raw_start"] : c["raw_end"]]
        pred = set(extract_text(text, doc_id="s")["organizations"]["text"])
        gold = {o["text"] for o in c["orgs"]}
        n = counts["half_a" if c["id"] % 2 == 0 else "half_b"]
        n[0] += len(pred & gold)
        n[1] += len(pred - gold - set(c["unsure"]))
        n[2] += len(gold - pred)
    counts["all"] = [a + b for a, b in zip(counts["half_a"], counts["half_b"])]
    floors = tomllib.loads((DATA / "floors.toml").read_text(encoding="utf-8"))
    got = {k: round(_f1(*v), 3) for k, v in counts.items()}
    assert all(got[k] >= floors[k] for k in floors), (got, counts)
    assert len(cases) == 320 and sum(len(c["orgs"]) for c in cases) == 95
