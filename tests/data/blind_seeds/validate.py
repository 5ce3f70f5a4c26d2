"""Check one blind gold file as its annotator did: python tests/data/blind_seeds/validate.py GOLD_FILE.

Every line parses, has its kind's keys, and its text occurs in the region (whitespace removed, NFKC); organizations,
amounts and dates appear once per distinct text; a target's value_text lies inside its text. Reads the seed from
../shared/seeds beside the repository."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
KEYS = {
    "org": {"text", "type"},
    "amount": {"text", "value", "value_max", "unit", "qualifier", "quantity"},
    "date": {"text", "value", "relative"},
    "target": {"text", "trigger", "target_kind", "metric", "value_text", "value", "value_max", "unit",
               "qualifier", "deadline_text", "deadline"},
    "clean_must": {"text"},
    "clean_junk": {"text"},
}


def squash(s: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def check(path: Path) -> list[str]:
    """The problems of one gold file, each naming its line."""
    lines = [json.loads(t) for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    reg = lines[0]
    if reg.get("kind") != "region":
        return [f"{path} line 1: the first line must be the region"]
    raw = (SEEDS / f"{reg['doc']}.txt").read_text(encoding="utf-8")[reg["raw_start"]:reg["raw_end"]]
    region = squash(raw)
    errs: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for n, d in enumerate(lines[1:], 2):
        kind = d.get("kind")
        if kind not in KEYS:
            errs.append(f"line {n}: unknown kind {kind}")
            continue
        if KEYS[kind] - set(d):
            errs.append(f"line {n}: {kind} lacks {sorted(KEYS[kind] - set(d))}")
        if squash(d["text"]) not in region:
            errs.append(f"line {n}: {kind} text not in the region: {d['text']}")
        key = (kind, squash(d["text"]))
        if kind in ("org", "amount", "date") and key in seen:
            errs.append(f"line {n}: {kind} {d['text']} repeats line {seen[key]} (one row per distinct text)")
        seen[key] = n
        if kind == "target" and d.get("value_text") and squash(d["value_text"]) not in squash(d["text"]):
            errs.append(f"line {n}: target value_text not inside its text")
    return errs


if __name__ == "__main__":
    gold = Path(sys.argv[1])
    problems = check(gold)
    print("\n".join(problems))
    kinds = Counter(json.loads(t)["kind"] for t in gold.read_text(encoding="utf-8").splitlines()[1:] if t.strip())
    print(dict(kinds), "errors:", len(problems))
    sys.exit(1 if problems else 0)
