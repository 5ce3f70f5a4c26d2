"""Runs at scale (issue 14): cost against document size, peak memory, and a worker killed mid-run.

Each case runs `python -m pipeline extract` in a fresh process and reads the
manifest's own record (seconds, the processing process's peak RSS):
- line N: one unpunctuated line of N characters (the seeds' Chinese text with
  punctuation and line breaks taken out, repeated);
- file N: one file of N bytes, the seeds repeated;
- kill: ../shared/corpus with --workers 2, once undisturbed and once with one
  worker killed (SIGKILL) when the first batch is committed; tables compared.
Usage (one case at a time; output appended to benchmarks/results/scale.txt):
    python benchmarks/bench_scale.py line 1000000
    python benchmarks/bench_scale.py file 52000000
    python benchmarks/bench_scale.py kill [CORPUS]
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "benchmarks" / "results" / "scale.txt"


def seeds_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def unpunctuated(n: int) -> str:
    han = "".join(re.findall(r"[\u4e00-\u9fff]", seeds_text()))
    return (han * (n // len(han) + 1))[:n]


def repeated_file(n_bytes: int) -> bytes:
    unit = seeds_text().encode("utf-8") + b"\n"
    return (unit * (n_bytes // len(unit) + 1))[:n_bytes].rsplit(b"\n", 1)[0] + b"\n"


def extract(inputs: list[str], out: Path, workers: int, extra: list[str] | None = None,
            kill_worker: bool = False) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "extract", *inputs, "-o", str(out), "-w", str(workers),
           "--no-progress", *(extra or [])]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = kill_worker and _kill_one_worker(proc, out)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    # the largest peak RSS of any process of the run so far (the parent that writes the tables too)
    tree = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    m = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    return {"wall_s": round(wall, 1), "exit": proc.returncode, "killed_worker": killed,
            "peak_rss_mb": m.get("last_run", {}).get("worker_peak_rss_mb"), "any_process_peak_rss_mb": round(tree, 1),
            "last_run": m.get("last_run"),
            "errors": [e for e in err.splitlines() if "ERROR" in e or "WARNING" in e][:5]}


def _kill_one_worker(proc: subprocess.Popen, out: Path) -> bool:
    while proc.poll() is None:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        workers = [int(k) for k in kids if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]
        if len(workers) >= 2 and (out / "_manifest.json").exists() and json.loads(
                (out / "_manifest.json").read_text(encoding="utf-8"))["documents"]:
            os.kill(workers[-1], signal.SIGKILL)
            return True
        time.sleep(0.05)
    return False


def main() -> None:
    case = sys.argv[1]
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    try:
        if case in ("line", "file"):
            n = int(sys.argv[2])
            src = tmp / f"{case}_{n}.txt"
            if case == "line":
                src.write_text(unpunctuated(n), encoding="utf-8")
            else:
                src.write_bytes(repeated_file(n))
            small = tmp / "small.txt"  # a small file in the same command must still come out
            shutil.copy(SEEDS / "004_2b47e149472050a6.txt", small)
            res = {"case": case, "size": n, **extract([str(src), str(small)], tmp / "out", 1)}
        elif case == "kill":
            corpus = sys.argv[2] if len(sys.argv) > 2 else str(ROOT.parent / "shared" / "corpus")
            cfg = tmp / "c.toml"
            cfg.write_text("[run]\nbatch_docs = 4\n", encoding="utf-8")
            base = extract([corpus], tmp / "a", 2, ["--config", str(cfg)])
            hit = extract([corpus], tmp / "b", 2, ["--config", str(cfg)], kill_worker=True)
            sys.path.insert(0, str(ROOT))
            from pipeline.run.schema import DOC_TABLES
            from pipeline.run.store import read_table

            differ = [n for n in DOC_TABLES if not read_table(tmp / "a", n).equals(read_table(tmp / "b", n))]
            if differ:
                keep = Path(tempfile.mkdtemp(prefix="bench_kill_differ_"))
                shutil.copytree(tmp, keep, dirs_exist_ok=True)
                differ.append(f"kept in {keep}")
            res = {"case": "kill", "corpus": corpus, "undisturbed": base, "worker_killed": hit, "same_tables": not differ,
                   "differ": differ,
                   "time_ratio": round(hit["wall_s"] / base["wall_s"], 2)}
        else:
            raise SystemExit(__doc__)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res["when"] = time.strftime("%Y-%m-%d %H:%M:%S")
    res["load_avg"] = os.getloadavg()
    line = json.dumps(res, ensure_ascii=False)
    print(line)
    with open(OUT, "a", encoding="utf-8") as f:
        f.write(line + "\n")


if __name__ == "__main__":
    main()
