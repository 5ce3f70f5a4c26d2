"""docs/tables.md describes exactly the columns of the Arrow schemas, and is what the generator writes."""

from __future__ import annotations

import re

from conftest import ROOT
from pipeline.run.schema import SCHEMAS, describe
from pipeline.tools import datadict

DOC = ROOT / "docs" / "tables.md"


def _documented() -> dict[str, list[str]]:
    """table -> column names, read back from the markdown sections of docs/tables.md."""
    out: dict[str, list[str]] = {}
    table = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            table = line[3:].strip()
            out[table] = []
        m = re.match(r"^\| `([^`]+)` \|", line)
        if m and table:
            out[table].append(m.group(1))
    return out


def test_every_schema_column_is_described_and_nothing_else():
    assert datadict.problems() == []


def test_the_doc_lists_exactly_the_schema_columns_in_order():
    documented = _documented()
    assert list(documented) == list(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert documented[name] == schema.names, name


def test_the_committed_doc_is_what_the_generator_writes():
    assert DOC.read_text(encoding="utf-8") == datadict.render(), (
        "docs/tables.md is stale: run `python -m pipeline.tools.datadict > docs/tables.md`")
    assert datadict.main(["--check", str(DOC)]) == 0


def test_every_column_has_a_meaning_and_an_example():
    for name, schema in SCHEMAS.items():
        assert (schema.metadata or {}).get(b"description"), name
        for f in schema:
            meaning, example = describe(f)
            assert meaning.strip() and example.strip(), (name, f.name)


def test_a_new_schema_column_without_a_meaning_makes_the_check_fail(monkeypatch):
    import pyarrow as pa

    monkeypatch.setitem(SCHEMAS, "amounts", SCHEMAS["amounts"].append(pa.field("currency_note", pa.string())))
    assert datadict.problems() == [
        "amounts.currency_note has no description or example in pipeline/run/schema.py"]


def test_parquet_files_carry_the_column_meanings(tmp_path):
    """The meanings travel with the data: a researcher reads them from any part file."""
    import pyarrow.parquet as pq

    from pipeline.run.schema import to_table
    from pipeline.run.store import write_parquet_atomic

    write_parquet_atomic(to_table("amounts", []), tmp_path / "a.parquet")
    field = pq.read_schema(tmp_path / "a.parquet").field("qualifier")
    assert describe(field)[0].startswith("`exact`")
