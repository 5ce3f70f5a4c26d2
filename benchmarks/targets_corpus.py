"""Targets stage on the government work reports corpus: throughput and row counts.

usage: python benchmarks/targets_corpus.py [CORPUS_TXT INDEX_TSV] [--rows OUT_TSV]

Runs sentences -> dates -> amounts -> targets per report (publication year
from the report title) and times the targets stage alone. Writes a summary to
stdout; with --rows, every target row to a TSV for eyeballing precision.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from pipeline.stages.amounts.grammar import extract_amounts
from pipeline.stages.dates.grammar import extract_dates
from pipeline.stages.sentences.split import split_sentences
from pipeline.stages.targets.extract import extract_targets

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "gov_work_reports_wikisource.txt"
INDEX = ROOT.parent / "shared" / "corpus" / "gov_work_reports_wikisource.index.tsv"


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    corpus, index = (Path(args[0]), Path(args[1])) if len(args) >= 2 else (CORPUS, INDEX)
    rows_out = argv[argv.index("--rows") + 1] if "--rows" in argv else None
    lines = corpus.read_text(encoding="utf-8").split("\n")
    recs = [r.split("\t") for r in index.read_text(encoding="utf-8").strip().split("\n")[1:]]
    n_chars = n_rows = n_dl_only = 0
    t_targets = t_upstream = 0.0
    out = []
    for r in recs:
        text = "\n".join(lines[int(r[1]) - 1:int(r[2])])
        m = re.match(r"(\d{4})", r[4])
        pub = m.group(1) if m else None
        t0 = time.perf_counter()
        sents = split_sentences(text)
        dates, amounts = [], []
        for s in sents:
            ds = extract_dates(s.text, pub)
            am = extract_amounts(s.text, exclude=[(d.start, d.end) for d in ds])
            for x in ds + am:
                x.start += s.start
                x.end += s.start
            dates += ds
            amounts += am
        t1 = time.perf_counter()
        ts = extract_targets(text, sents, amounts, dates, pub)
        t2 = time.perf_counter()
        t_upstream += t1 - t0
        t_targets += t2 - t1
        n_chars += len(text)
        n_rows += len(ts)
        n_dl_only += sum(t.value is None for t in ts)
        for t in ts:
            assert t.text == text[t.start:t.end]
            out.append("\t".join(str(x) for x in (r[0], pub, t.trigger, t.target_kind, t.metric, t.value_text,
                                                  t.value, t.unit, t.deadline_text, t.deadline, t.text)))
    print(f"documents           {len(recs)}")
    print(f"characters          {n_chars:,}")
    print(f"target rows         {n_rows} ({n_dl_only} deadline-only)")
    print(f"targets stage       {t_targets:.2f} s  ({n_chars / max(t_targets, 1e-9) / 1e6:.2f} M chars/s)")
    print(f"sentences+dates+amounts {t_upstream:.2f} s")
    if rows_out:
        Path(rows_out).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
