"""A 1,000-row DataFrame built from ../shared/corpus gives the same rows as the files route.

The corpus is cut into 1,000 short pieces (paragraphs, at most 300 characters,
so the test stays quick); the same pieces are written as .txt files with a
metadata CSV and run through ``run_extract``. Every table must hold the same
rows, apart from ``source_path`` (``<frame>`` against the file path).
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from conftest import requires_shared
from pipeline import extract_frame
from pipeline.api.text import API_TABLES
from pipeline.run.batch import run_extract
from pipeline.run.store import read_table

N = 1000
KEYS = ["doc_id", "sentence_index", "article_index", "start", "end", "raw_start", "text"]


def _pieces() -> list[str]:
    src = requires_shared("corpus", "gov_work_reports_wikisource.txt")
    paras = [p.strip() for p in src.read_text(encoding="utf-8").splitlines() if len(p.strip()) >= 40]
    step = max(1, len(paras) // N)
    return [p[:300] for p in paras[::step][:N]]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    pieces = _pieces()
    assert len(pieces) == N
    dates = ["2024", None, "2023-03-05", "2019-06"]
    return pd.DataFrame({"doc_id": [f"p{i:04d}" for i in range(N)], "text": pieces,
                         "pub_date": [dates[i % 4] for i in range(N)], "source": [f"para {i}" for i in range(N)]})


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in KEYS if k in df.columns]
    out = df.drop(columns=[c for c in ("source_path",) if c in df.columns])
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.mark.slow
def test_thousand_row_frame_equals_the_files_route(frame, tmp_path):
    tables = extract_frame(frame, n_process=2)
    src = tmp_path / "src"
    src.mkdir()
    for d, t in zip(frame.doc_id, frame.text):
        (src / f"{d}.txt").write_text(t, encoding="utf-8")
    with open(tmp_path / "meta.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "pub_date"])
        w.writerows([d, p] for d, p in zip(frame.doc_id, frame.pub_date) if pd.notna(p))
    res = run_extract([src], tmp_path / "out", metadata=tmp_path / "meta.csv", workers=2)
    assert res.n_failed == 0 and res.n_docs == N
    assert tables["errors"].empty
    docs = tables["documents"]
    assert docs.doc_id.tolist() == frame.doc_id.tolist()  # input order
    assert docs.source.tolist() == frame.source.tolist()  # other columns carried
    assert (docs.source_path == "<frame>").all()
    for name in API_TABLES:
        want = read_table(tmp_path / "out", name).to_pandas()
        got = tables[name].drop(columns=["source"]) if name == "documents" else tables[name]
        pd.testing.assert_frame_equal(_sorted(got), _sorted(want), check_dtype=True, obj=name)
    assert len(tables["amounts"]) > 200 and len(tables["dates"]) > 100  # the pieces are real policy text
