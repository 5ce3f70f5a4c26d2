"""Arrow schemas of the output tables: the single source of truth for columns and types.

SPEC.md's required columns come first in each table; extra columns follow.
The data dictionary (docs/tables.md) is checked against these schemas.
"""

from __future__ import annotations

import pyarrow as pa

_PROV = [
    pa.field("start", pa.int64()),
    pa.field("end", pa.int64()),
    pa.field("raw_start", pa.int64()),
    pa.field("raw_end", pa.int64()),
    pa.field("sentence", pa.string()),
]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("source_path", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("pub_date", pa.string()),
        pa.field("clean_text", pa.string()),
        pa.field("n_chars_raw", pa.int64()),
        pa.field("n_chars_clean", pa.int64()),
        pa.field("encoding", pa.string()),
        pa.field("pub_date_source", pa.string()),
        pa.field("n_sentences", pa.int64()),
        # metadata CSV columns beyond doc_id,pub_date (source, city …) as one JSON object, null when none
        pa.field("extra", pa.string()),
    ]),
    "sentences": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("sentence_index", pa.int64()),
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
        pa.field("raw_start", pa.int64()),
        pa.field("raw_end", pa.int64()),
        pa.field("text", pa.string()),
        pa.field("words", pa.list_(pa.string())),
    ]),
    "organizations": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("name", pa.string()),
        pa.field("type", pa.string()),
        *_PROV,
    ]),
    "amounts": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("quantity", pa.string()),
        pa.field("qualifier", pa.string()),
        *_PROV,
    ]),
    "dates": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("value", pa.string()),
        pa.field("relative", pa.bool_()),
        *_PROV,
    ]),
    "targets": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("trigger", pa.string()),
        pa.field("target_kind", pa.string()),
        pa.field("metric", pa.string()),
        pa.field("value_text", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("qualifier", pa.string()),
        pa.field("deadline_text", pa.string()),
        pa.field("deadline", pa.string()),
        *_PROV,
    ]),
    "removed": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("raw_start", pa.int64()),
        pa.field("raw_end", pa.int64()),
        pa.field("text", pa.string()),
        pa.field("reason", pa.string()),
    ]),
    "articles": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("article_index", pa.int64()),
        pa.field("title", pa.string()),
        pa.field("byline", pa.string()),
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
        pa.field("raw_start", pa.int64()),
        pa.field("raw_end", pa.int64()),
    ]),
    "errors": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("source_path", pa.string()),
        pa.field("stage", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("message", pa.string()),
        pa.field("traceback", pa.string()),
    ]),
}

TABLES = tuple(SCHEMAS)
# Tables whose rows are extractions with clean and raw provenance.
EXTRACTION_TABLES = ("organizations", "amounts", "dates", "targets")


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to an Arrow table with the table's schema; missing keys become null."""
    schema = SCHEMAS[name]
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)
