"""SIGKILL at 20 seeded random moments over a run and its rerun with changed inputs (issue 14, done-when).

After every kill each document in OUTDIR holds exactly the rows of one whole run (the old inputs' or the
new ones'), no document that was there is lost, and a clean run then gives the reference tables row for row.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from conftest import ROOT
from pipeline.run.batch import run_extract
from pipeline.run.schema import DOC_TABLES
from pipeline.run.store import read_table

DOCS = {
    "a": "杭州市上城区人民政府2023年5月发布通知。力争到2025年，全区数字经济核心产业增加值突破500亿元。\n",
    "b": "浙江大学与之江实验室签约，总投资约3.2亿元，今年计划新增企业100家。\n",
    "c": "去年6月，钱塘智慧城管委会引进人才1100人次，占比93.3%。\n",
    "d": "预计年内建成面积0.615平方公里的产业园区，新增企业1.5万余家。\n",
}


def _write(folder, docs, dates, name):
    folder.mkdir(exist_ok=True)
    for stem, text in docs.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    meta = folder.parent / f"{name}.csv"
    meta.write_text("doc_id,pub_date\n" + "".join(f"{k},{v}\n" for k, v in dates.items()), encoding="utf-8")
    return meta


def _rows(tables, doc_id):
    return {n: tables[n].filter(pc.equal(tables[n].column("doc_id"), pa.scalar(doc_id))) for n in DOC_TABLES}


def _tables(out):
    return {n: read_table(out, n) for n in DOC_TABLES}  # per-document tables


def _consistent(out, refs, must_have):
    """Every document present holds one whole reference run's rows; those in must_have are present."""
    now = _tables(out)
    present = set(now["documents"].column("doc_id").to_pylist())
    assert must_have <= present, f"lost {must_have - present}"
    for d in present:
        mine = _rows(now, d)
        assert any(all(mine[n].equals(_rows(ref, d)[n]) for n in DOC_TABLES) for ref in refs), d


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_or_mixes_rows(tmp_path):
    src = tmp_path / "in"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[run]\nbatch_docs = 1\nchunk_docs = 1\n", encoding="utf-8")
    meta_a = _write(src, DOCS, {k: "2023" for k in DOCS}, "in_a")
    ref_a = tmp_path / "ref_a"
    run_extract([src], ref_a, metadata=meta_a, config=cfg, workers=1)
    refs = [_tables(ref_a)]
    out = tmp_path / "out"
    rng = random.Random(14)
    cmd = [sys.executable, "-m", "pipeline", "extract", str(src), "-o", str(out), "--config", str(cfg), "-w", "1",
           "--no-progress", "--metadata"]
    t0 = time.monotonic()
    subprocess.run([*cmd, str(meta_a)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    span = time.monotonic() - t0  # one whole run: the kills fall anywhere inside it
    shutil.rmtree(out)
    meta = meta_a
    for i in range(20):
        if i == 10:  # the first run completes once; then the inputs change (an edit, a date, a new file)
            subprocess.run([*cmd, str(meta_a)], cwd=ROOT, check=True, capture_output=True, timeout=300)
            _consistent(out, refs, set(DOCS))
            changed = {**DOCS, "b": DOCS["b"] + "到2030年，园区计划新增企业200家。\n", "e": DOCS["c"] + DOCS["d"]}
            meta = _write(src, changed, {**{k: "2023" for k in DOCS}, "c": "2024", "e": "2022"}, "in_b")
            run_extract([src], tmp_path / "ref_b", metadata=meta, config=cfg, workers=1)
            refs.append(_tables(tmp_path / "ref_b"))
        proc = subprocess.Popen([*cmd, str(meta)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _consistent(out, refs, set(DOCS) if i >= 10 else set())  # from the rerun on, nothing may go missing
    res = subprocess.run([*cmd, str(meta)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    for name, t in _tables(out).items():
        assert t.equals(refs[1][name]), name
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
