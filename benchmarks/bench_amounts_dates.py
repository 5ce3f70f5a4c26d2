"""Throughput of the AMOUNTS + DATES stages on the public-domain corpus.

Reads ../shared/corpus/*.txt (or the paths given), splits each line into
sentences at 。！？； (cheap, like the orchestrator's per-sentence calls), runs
extract_dates then extract_amounts(exclude=date spans) and prints chars/s.
Usage: .venv/bin/python benchmarks/bench_amounts_dates.py [FILES...]
"""

from __future__ import annotations

import glob
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.stages.amounts.grammar import extract_amounts  # noqa: E402
from pipeline.stages.dates.grammar import extract_dates  # noqa: E402

_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


def main(paths: list[str]) -> None:
    if not paths:
        paths = sorted(glob.glob(str(ROOT.parent / "shared" / "corpus" / "*.txt")))
    sents: list[str] = []
    for p in paths:
        text = Path(p).read_text(encoding="utf-8")
        sents.extend(m.group() for m in _SENT.finditer(text))
    chars = sum(len(s) for s in sents)
    # warm-up: compile the regexes and load the lexicons outside the timed loop
    extract_amounts("预热1.5万元")
    extract_dates("2020年5月", "2020")
    n_amt = n_date = 0
    best = best_cpu = None
    for _ in range(3):
        t0 = time.perf_counter()
        c0 = time.process_time()
        na = nd = 0
        for s in sents:
            ds = extract_dates(s, "2020")
            nd += len(ds)
            na += len(extract_amounts(s, [(d.start, d.end) for d in ds]))
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
        best = dt if best is None else min(best, dt)
        best_cpu = dc if best_cpu is None else min(best_cpu, dc)
        n_amt, n_date = na, nd
    assert best is not None and best_cpu is not None
    print(f"files: {len(paths)}  sentences: {len(sents)}  chars: {chars}")
    print(f"amounts: {n_amt}  dates: {n_date}")
    print(f"best of 3, wall: {best:.3f} s  ->  {chars / best:,.0f} chars/s (amounts + dates)")
    # CPU time of this process: the honest figure when other jobs share the cores
    print(f"best of 3, CPU:  {best_cpu:.3f} s  ->  {chars / best_cpu:,.0f} chars/CPU-s (amounts + dates)")
    print(f"load average at end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(sys.argv[1:])
