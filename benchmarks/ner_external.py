"""Span-level ORG F1 on external NER test sets: the NER backend alone vs. backend + organization layer.

The organization layer is tuned on regional policy news; this check makes sure
its filters and grammar do not cost recall on general news NER (MSRA, People's
Daily 1998). Each test sentence is treated as one document. A prediction counts
when its (start, end) equals a gold ORG span (label_norm == "ORG").

usage: python benchmarks/ner_external.py [--n N] [--data DIR] [--out FILE]
N = first N sentences of each set (default 0 = all; the full sets take about 20 s
with the batched LAC backend on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.core.records import Analysis, Sentence  # noqa: E402
from pipeline.stages.organizations.layer import extract_organizations  # noqa: E402

SETS = ("msra_test.jsonl", "peoplesdaily1998_test.jsonl")


def load_set(path: Path, n: int) -> list[dict]:
    """First ``n`` records (all when n <= 0)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if 0 < n <= len(out):
                    break
    return out


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(records: list[dict], analyses: list[Analysis], half: int | None = None) -> dict[str, dict[str, float]]:
    """ORG P/R/F1 of the backend alone and of the full layer over ``records``.

    ``half`` 0 or 1 keeps only the sentences whose index is even or odd (the guard against overfitting:
    rules are fixed on the misses of one half, and the other half shows whether the fix carried).
    """
    tp_b = np_b = tp_l = np_l = ng = 0
    for i, (rec, an) in enumerate(zip(records, analyses)):
        if half is not None and i % 2 != half:
            continue
        text = rec["text"]
        gold = {(e["start"], e["end"]) for e in rec["entities"] if e.get("label_norm") == "ORG"}
        base = {(s, e) for s, e, lab in an.entities if lab == "ORG"}
        orgs = extract_organizations(text, [Sentence(0, 0, len(text), text)], [an])
        layer = {(o.start, o.end) for o in orgs}
        ng += len(gold)
        tp_b += len(base & gold)
        np_b += len(base)
        tp_l += len(layer & gold)
        np_l += len(layer)
    out = {}
    for name, tp, npred in (("backend", tp_b, np_b), ("layer", tp_l, np_l)):
        p, r, f = prf(tp, npred, ng)
        out[name] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ng}
    return out


def analyze(texts: list[str], spec: str = "lac") -> list[Analysis]:
    from pipeline.stages.ner import load_backend

    backend = load_backend(spec)
    return backend.analyze(texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=0)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "external" / "ner")
    ap.add_argument("--backend", default="lac")
    ap.add_argument("--cache", type=Path, default=None, help="keep backend analyses here (dev reruns)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ner_external.txt")
    args = ap.parse_args(argv)
    lines = [f"# ORG span F1, NER backend '{args.backend}' alone vs. backend + organization layer",
             f"# sentences: {'first ' + str(args.n) if args.n > 0 else 'all'} of each set "
             f"(each sentence one document); data: ../shared/external/ner"]
    for name in SETS:
        path = args.data / name
        if not path.exists():
            lines.append(f"{name}: missing, skipped")
            continue
        recs = load_set(path, args.n)
        t0 = time.perf_counter()
        cache = args.cache / f"{name}.{args.backend}.{args.n}.pkl" if args.cache else None
        if cache is not None and cache.exists():
            ans = pickle.loads(cache.read_bytes())
        else:
            ans = analyze([r["text"] for r in recs], args.backend)
            if cache is not None:
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_bytes(pickle.dumps(ans))
        t1 = time.perf_counter()
        res = evaluate(recs, ans)
        t2 = time.perf_counter()
        lines.append(
            f"{name}: n={len(recs)} gold_org={res['backend']['gold']} "
            f"backend P/R/F1={res['backend']['p']:.4f}/{res['backend']['r']:.4f}/{res['backend']['f1']:.4f} "
            f"layer P/R/F1={res['layer']['p']:.4f}/{res['layer']['r']:.4f}/{res['layer']['f1']:.4f} "
            f"(ner {t1 - t0:.1f}s, layer {t2 - t1:.1f}s)"
        )
        for half, label in ((0, "even"), (1, "odd")):
            h = evaluate(recs, ans, half)
            lines.append(
                f"  {label} sentences: gold_org={h['layer']['gold']} "
                f"backend F1={h['backend']['f1']:.4f} "
                f"layer P/R/F1={h['layer']['p']:.4f}/{h['layer']['r']:.4f}/{h['layer']['f1']:.4f}"
            )
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
