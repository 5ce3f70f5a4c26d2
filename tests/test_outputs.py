"""End to end on the seeds: every SPEC.md table and column, provenance of every row, determinism."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pytest

from conftest import SEEDS
from pipeline.clean import raw_without_removed
from pipeline.model import Removed
from pipeline.read import decode_bytes
from pipeline.runner import run_extract
from pipeline.schema import EXTRACTION_TABLES, SCHEMAS
from pipeline.write import read_table

SPEC_COLUMNS = {
    "documents": "doc_id source_path sha256 pub_date clean_text n_chars_raw n_chars_clean",
    "organizations": "doc_id text name type start end raw_start raw_end sentence",
    "amounts": "doc_id text value value_max unit quantity qualifier start end raw_start raw_end sentence",
    "dates": "doc_id text value relative start end raw_start raw_end sentence",
    "targets": ("doc_id text trigger target_kind metric value_text value value_max unit qualifier "
                "deadline_text deadline start end raw_start raw_end sentence"),
    "sentences": "doc_id sentence_index start end raw_start raw_end text words",
}
SPEC_TYPES = {"value": "double", "value_max": "double", "relative": "bool", "start": "int64",
              "end": "int64", "raw_start": "int64", "raw_end": "int64", "deadline": "string"}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _df(outdir, name: str) -> pd.DataFrame:
    return read_table(outdir, name).to_pandas()


def _raw_texts() -> dict[str, str]:
    return {p.stem: decode_bytes(p.read_bytes())[0] for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("table", list(SPEC_COLUMNS))
def test_tables_have_spec_columns_and_types(seed_outputs, table):
    schema = read_table(seed_outputs, table).schema
    for col in SPEC_COLUMNS[table].split():
        assert col in schema.names, f"{table} lacks {col}"
        if col in SPEC_TYPES and not (table == "dates" and col == "value"):
            assert str(schema.field(col).type) == SPEC_TYPES[col], (table, col, schema.field(col).type)
    assert str(schema.field("doc_id").type) == "string"


def test_every_seed_is_a_document(seed_outputs):
    docs = _df(seed_outputs, "documents")
    assert sorted(docs.doc_id) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert (docs.n_chars_clean > 0).all()
    assert dict(zip(docs.doc_id, docs.pub_date))["004_2b47e149472050a6"] == "2023-05-05"


def test_every_table_has_rows(seed_outputs):
    for t in ("organizations", "amounts", "dates", "sentences"):
        assert len(_df(seed_outputs, t)) > 0, t


@pytest.mark.parametrize("table", [*EXTRACTION_TABLES, "sentences"])
def test_every_row_maps_back_to_the_raw_source(seed_outputs, table):
    """raw[raw_start:raw_end] without whitespace equals the row text without whitespace,
    once the fragments the cleaner removed inside the span (a caption or running head
    that stood between the halves of a sentence) are taken out."""
    raws = _raw_texts()
    docs = _df(seed_outputs, "documents")
    clean = dict(zip(docs.doc_id, docs.clean_text))
    removed: dict[str, list[Removed]] = {}
    for x in _df(seed_outputs, "removed").itertuples():
        removed.setdefault(x.doc_id, []).append(Removed(x.raw_start, x.raw_end, x.text, x.reason))
    df = _df(seed_outputs, table)
    bad = []
    for r in df.itertuples():
        assert clean[r.doc_id][r.start:r.end] == r.text, (table, r.text)
        src = raw_without_removed(raws[r.doc_id], removed.get(r.doc_id, []), r.raw_start, r.raw_end)
        if _squash(src) != _squash(r.text):
            bad.append((r.doc_id, r.text, raws[r.doc_id][r.raw_start:r.raw_end]))
    assert not bad, bad[:5]


def test_sentence_column_holds_the_row(seed_outputs):
    for table in EXTRACTION_TABLES:
        df = _df(seed_outputs, table)
        for r in df.itertuples():
            assert r.sentence is not None and _squash(r.text) in _squash(r.sentence) or table == "targets", (table, r.text)


def test_two_runs_give_identical_tables(seed_outputs, tmp_path):
    run_extract([SEEDS], tmp_path, metadata=SEEDS / "metadata.csv", workers=1)
    for name in SCHEMAS:
        assert read_table(seed_outputs, name).equals(read_table(tmp_path, name)), name
