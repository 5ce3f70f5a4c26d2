"""Clean-stage figures: gold clean_must / clean_junk shares (as score.py) and speed.

usage: python benchmarks/clean_eval.py [--detail] [--speed] [--generated] [--save]
(--save writes benchmarks/results/clean.json)
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from pipeline.stages.clean import clean

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def gold_shares(detail: bool = False) -> dict:
    texts = {}
    must_ok = must_n = junk_ok = junk_n = 0
    for f in sorted(GOLD.glob("*.jsonl")):
        items = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        doc = items[0]["doc"]
        if doc not in texts:
            raw = (SEEDS / f"{doc}.txt").read_text(encoding="utf-8")
            texts[doc] = squash(clean(raw).text)
        c = texts[doc]
        for it in items[1:]:
            if it["kind"] == "clean_must":
                must_n += 1
                ok = squash(it["text"]) in c
                must_ok += ok
                if not ok and detail:
                    print("MISSING", f.stem, it["text"][:60])
            elif it["kind"] == "clean_junk":
                junk_n += 1
                ok = squash(it["text"]) not in c
                junk_ok += ok
                if not ok and detail:
                    print("JUNK LEFT", f.stem, it["text"][:60])
    return {"sentences_intact": round(must_ok / must_n, 4), "must": [must_ok, must_n],
            "junk_removed": round(junk_ok / junk_n, 4), "junk": [junk_ok, junk_n]}


def speed() -> dict:
    raws = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for p in sorted((ROOT.parent / "shared" / "corpus").glob("*.txt")):
        raws.append(p.read_text(encoding="utf-8"))
    n = sum(len(r) for r in raws)
    for r in raws[:2]:
        clean(r)  # warm-up: rules and regexes compiled once per process
    t, c = time.perf_counter(), time.process_time()
    for r in raws:
        clean(r)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    return {"docs": len(raws), "chars": n, "wall_s": round(dt, 3), "cpu_s": round(dc, 3),
            "chars_per_cpu_s": int(n / dc)}


def generated() -> dict:
    """Restore rate of corpus paragraphs re-laid as OCR (tests/test_clean_generated.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_clean_generated import restore_rate

    r = restore_rate()
    r.pop("misses")
    r["rate"] = round(r["rate"], 4)
    return r


if __name__ == "__main__":
    res = {"gold": gold_shares("--detail" in sys.argv)}
    if "--speed" in sys.argv:
        res["speed"] = speed()
    if "--generated" in sys.argv:
        res["generated"] = generated()
    out = json.dumps(res, ensure_ascii=False, indent=1)
    print(out)
    if "--save" in sys.argv:
        (ROOT / "benchmarks" / "results").mkdir(parents=True, exist_ok=True)
        (ROOT / "benchmarks" / "results" / "clean.json").write_text(out + "\n", encoding="utf-8")
