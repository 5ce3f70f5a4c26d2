"""Typed columns: real dates and granularity from the ISO strings, deadline years, vocabularies as categories,
and the same behaviour under pandas 2 and 3 (nulls stay null)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import extract_text
from pipeline.run.schema import SCHEMAS, to_table
from pipeline.run.typed import VOCABULARIES, iso_span


@pytest.mark.parametrize("value, want", [
    ("2021", (date(2021, 1, 1), date(2021, 12, 31), "year")),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29), "month")),
    ("2020-05-11", (date(2020, 5, 11), date(2020, 5, 11), "day")),
    ("2023-Q4", (date(2023, 10, 1), date(2023, 12, 31), "quarter")),
    ("2023-H1", (date(2023, 1, 1), date(2023, 6, 30), "half")),
    ("2021/2025", (date(2021, 1, 1), date(2025, 12, 31), "period")),
    ("1980/1989", (date(1980, 1, 1), date(1989, 12, 31), "decade")),
    ("2023-01/2023-05", (date(2023, 1, 1), date(2023, 5, 31), "period")),
    ("2016-06-01/2016-06-30", (date(2016, 6, 1), date(2016, 6, 30), "period")),
    (None, (None, None, None)), ("", (None, None, None)), ("2021-13", (None, None, None)),
    ("2021-02-30", (None, None, None)), ("2025/2021", (None, None, None)), ("soon", (None, None, None)),
])
def test_iso_span(value, want):
    assert iso_span(value) == want


def test_schema_types():
    d, t = SCHEMAS["dates"], SCHEMAS["targets"]
    assert d.field("date_start").type == pa.date32() and d.field("date_end").type == pa.date32()
    assert t.field("deadline_start").type == pa.date32() and t.field("deadline_year").type == pa.int32()
    for table, col in [("organizations", "type"), ("amounts", "quantity"), ("amounts", "qualifier"),
                       ("targets", "target_kind"), ("targets", "qualifier"), ("dates", "granularity"),
                       ("targets", "deadline_granularity"), ("documents", "pub_date_source")]:
        assert pa.types.is_dictionary(SCHEMAS[table].field(col).type), (table, col)


def test_vocabulary_columns_are_categories_of_the_whole_vocabulary():
    tabs = extract_text("到2025年，常住人口城镇化率达到70%以上，新增企业约100家。", doc_id="t", pub_date="2023")
    q = tabs["amounts"]["qualifier"]
    assert isinstance(q.dtype, pd.CategoricalDtype)
    assert list(q.cat.categories) == list(VOCABULARIES["qualifier"])
    assert list(tabs["targets"]["target_kind"].cat.categories) == ["goal", "plan", "forecast"]
    t = tabs["targets"]
    assert set(t.deadline_year) == {2025} and set(t.deadline_granularity) == {"year"}
    assert set(t.deadline_end) == {date(2025, 12, 31)}


def test_a_value_outside_the_vocabulary_is_kept():
    t = to_table("organizations", [{"doc_id": "d", "text": "x", "type": "company"},
                                   {"doc_id": "d", "text": "y", "type": "consortium"}, {"doc_id": "d", "text": "z"}])
    assert t.column("type").to_pylist() == ["company", "consortium", None]
    cats = t.to_pandas()["type"].cat.categories
    assert list(cats) == [*VOCABULARIES["org_type"], "consortium"]


def test_typed_columns_round_trip_through_parquet_with_nulls_null(tmp_path):
    rows = [{"doc_id": "d", "text": "2023年一季度", "value": "2023-Q1", "relative": False},
            {"doc_id": "d", "text": "今年", "value": None, "relative": True}]
    pq.write_table(to_table("dates", rows), tmp_path / "d.parquet")
    df = pd.read_parquet(tmp_path / "d.parquet")
    assert df.date_start.tolist()[0] == date(2023, 1, 1) and df.granularity.tolist()[0] == "quarter"
    assert df.value.isna().tolist() == [False, True]
    assert df.date_start.isna().tolist() == [False, True] and df.granularity.isna().tolist() == [False, True]
    t = pd.read_parquet(tmp_path / "d.parquet", dtype_backend="pyarrow")
    assert t.value.tolist()[1] is pd.NA  # nulls stay null with the Arrow backend, pandas 2 or 3


def test_stage_vocabularies_are_covered(seed_outputs):
    """What the stages write on the seeds is inside the declared vocabularies (no surprise categories)."""
    from pipeline.run.store import read_table

    for table, col, vocab in [("organizations", "type", "org_type"), ("amounts", "quantity", "quantity"),
                              ("amounts", "qualifier", "qualifier"), ("targets", "target_kind", "target_kind"),
                              ("dates", "granularity", "granularity")]:
        seen = {v for v in read_table(seed_outputs, table).column(col).to_pylist() if v is not None}
        assert seen <= set(VOCABULARIES[vocab]), (table, col, seen - set(VOCABULARIES[vocab]))


def test_deadline_year_stays_an_integer_with_nulls(tmp_path):
    rows = [{"doc_id": "d", "text": "到2025年…", "deadline": "2025"}, {"doc_id": "d", "text": "力争…", "deadline": None}]
    pq.write_table(to_table("targets", rows), tmp_path / "t.parquet")
    for df in (pd.read_parquet(tmp_path / "t.parquet"), to_table("targets", rows).to_pandas()):
        assert str(df.deadline_year.dtype) == "Int32"
        assert df.deadline_year.tolist()[0] == 2025 and df.deadline_year.isna().tolist() == [False, True]
