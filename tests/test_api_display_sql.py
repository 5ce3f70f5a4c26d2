"""pipeline.display renders the review page from in-memory tables; pipeline.connect gives SQL over an OUTDIR."""

from __future__ import annotations

import sys
import types
from datetime import date

import pytest

import pipeline
from pipeline import connect, display, extract_text
from pipeline.api.display import review_html
from pipeline.tools.review import ReviewError, build_review

TEXT = "到2025年，杭州市上城区政务服务中心力争办理业务2400余件。"


@pytest.fixture(scope="module")
def tables():
    return extract_text(TEXT, doc_id="t1", pub_date="2023")


def test_display_returns_the_review_page_without_ipython(tables, monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython", None)  # import IPython fails
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    page = display(tables, "t1")
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
    assert 'class="e e-amount"' in page and "2400余件" in page and "2,400" in page  # highlighted, value on hover
    assert page == display(tables)  # one document: no id needed


def test_display_gives_an_inline_html_object_under_ipython(tables, monkeypatch):
    class HTML:
        def __init__(self, data: str) -> None:
            self.data = data

    fake = types.ModuleType("IPython.display")
    fake.HTML = HTML
    monkeypatch.setitem(sys.modules, "IPython", types.ModuleType("IPython"))
    monkeypatch.setitem(sys.modules, "IPython.display", fake)
    out = display(tables, "t1")
    assert isinstance(out, HTML) and out.data.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in out.data


def test_display_from_tables_equals_the_review_of_the_written_outdir(seed_outputs):
    from pipeline.run.store import read_table

    names = ["documents", "organizations", "amounts", "dates", "targets", "removed", "articles", "errors"]
    mem = {n: read_table(seed_outputs, n).to_pandas() for n in names}
    doc = mem["documents"].doc_id.iloc[0]
    assert review_html(mem, doc) == build_review(seed_outputs, doc)
    assert review_html(seed_outputs, doc) == build_review(seed_outputs, doc)


def test_display_names_the_documents_there(tables):
    with pytest.raises(ReviewError, match="did you mean t1"):
        review_html(tables, "t")
    with pytest.raises(ReviewError, match="the documents there: t1"):
        review_html(tables, "zzz")
    with pytest.raises(TypeError, match="dict"):
        review_html([1, 2], "t1")


def test_connect_views_join_across_tables_typed_as_in_parquet(seed_outputs):
    pytest.importorskip("duckdb")
    con = connect(seed_outputs)
    views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    assert {"documents", "organizations", "amounts", "dates", "targets", "errors"} <= views
    rows = con.execute("""
        select d.pub_date, count(*) as n, min(t.deadline_year) as first_year
        from targets t join documents d using (doc_id)
        where t.deadline_year is not null group by 1 order by 1""").fetchall()
    import pandas as pd

    t = pd.read_parquet(seed_outputs / "targets")
    assert sum(r[1] for r in rows) == int(t.deadline_year.notna().sum())
    types_ = dict(con.execute("select column_name, data_type from information_schema.columns "
                              "where table_name = 'dates'").fetchall())
    assert types_["date_start"] == "DATE" and types_["start"] == "BIGINT" and types_["relative"] == "BOOLEAN"
    first = con.execute("select date_start from dates where date_start is not null limit 1").fetchone()[0]
    assert isinstance(first, date)
    n = con.execute("select count(*) from amounts").fetchone()[0]
    assert n == len(pd.read_parquet(seed_outputs / "amounts"))


def test_connect_explains_a_folder_without_tables_and_a_missing_duckdb(tmp_path, monkeypatch):
    pytest.importorskip("duckdb")
    with pytest.raises(FileNotFoundError, match="holds no tables"):
        connect(tmp_path)
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(ImportError, match=r"\[sql\]"):
        connect(tmp_path)


def test_public_names():
    assert {"extract_text", "extract_frame", "display", "connect"} <= set(pipeline.__all__)
    with pytest.raises(AttributeError):
        pipeline.nothing_here  # noqa: B018
