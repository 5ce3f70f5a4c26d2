"""Issue 15, item 1: row ids, sentence/article indexes, and the amount/date rows of each target."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import extract_text
from pipeline.run.schema import EXTRACTION_TABLES, SCHEMAS
from pipeline.run.store import read_table

TEXT = ("上城区发改经信局牵头，力争到2025年，数字经济核心产业增加值突破500亿元。\n"
        "区财政安排专项资金3亿元。今年新增企业100家以上。")


def test_every_table_has_a_row_id_column():
    for name, schema in SCHEMAS.items():
        if name != "organizations_registry":
            assert "row_id" in schema.names, name


def test_ids_are_unique_and_the_same_on_a_second_run():
    a = extract_text(TEXT, doc_id="t", pub_date="2023")
    b = extract_text(TEXT, doc_id="t", pub_date="2023")
    for name, df in a.items():
        ids = df.row_id.tolist()
        assert len(ids) == len(set(ids)), name
        assert ids == b[name].row_id.tolist(), name
    assert a["amounts"].row_id.iloc[0] == "t:amounts:0"
    assert a["documents"].row_id.tolist() == ["t"]


def test_sentence_and_article_indexes_point_at_the_row_sentence():
    t = extract_text(TEXT, doc_id="t", pub_date="2023")
    sents = t["sentences"].set_index("sentence_index").text
    for name in EXTRACTION_TABLES:
        df = t[name]
        for _, r in df.iterrows():
            assert sents[r.sentence_index] == r.sentence, (name, r.text)
            assert r.article_index == 0


def test_a_target_points_to_its_amount_and_date_rows():
    t = extract_text(TEXT, doc_id="t", pub_date="2023")
    amounts = t["amounts"].set_index("row_id")
    dates = t["dates"].set_index("row_id")
    tg = t["targets"]
    row = tg[tg.value_text == "突破500亿元"].iloc[0]
    assert amounts.loc[row.amount_id, "text"] == "突破500亿元"
    assert row.start <= amounts.loc[row.amount_id, "start"] < row.end
    assert row.date_id is not None and dates.loc[row.date_id, "value"] == "2025"


@pytest.mark.slow
def test_on_the_seeds_every_target_with_an_amount_row_links_to_it(seed_outputs):
    targets = read_table(seed_outputs, "targets").to_pandas()
    amounts = read_table(seed_outputs, "amounts").to_pandas()
    by_id = amounts.set_index("row_id")
    checked = 0
    for _, t in targets[targets.value_text.notna()].iterrows():
        same = amounts[(amounts.doc_id == t.doc_id) & (amounts.text == t.value_text)
                       & (amounts.start >= t.start) & (amounts.end <= t.end)]
        if len(same):
            checked += 1
            assert t.amount_id in set(same.row_id), t.text
            assert by_id.loc[t.amount_id, "value"] == t.value or pd.isna(t.value)
    assert checked >= 40
    dated = targets[targets.date_id.notna()]
    dates = read_table(seed_outputs, "dates").to_pandas().set_index("row_id")
    for _, t in dated.iterrows():
        assert dates.loc[t.date_id, "text"].replace(" ", "") in t.deadline_text.replace(" ", "") or \
            t.deadline_text in dates.loc[t.date_id, "text"]


@pytest.mark.slow
def test_on_the_seeds_row_ids_are_unique_per_table(seed_outputs):
    for name in SCHEMAS:
        if name == "organizations_registry":
            continue
        ids = read_table(seed_outputs, name).column("row_id").to_pylist()
        assert None not in ids and len(ids) == len(set(ids)), name
