"""Arrow schemas of the output tables: the single source of truth for columns and types.

SPEC.md's required columns come first in each table; extra columns follow.
The data dictionary (docs/tables.md) is checked against these schemas.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.run.typed import VOCABULARIES, derive, with_pandas_ints


def _cat(name: str, vocabulary: str) -> pa.Field:
    """A closed-vocabulary column: an Arrow dictionary whose values are the whole vocabulary (pandas: category)."""
    return pa.field(name, pa.dictionary(pa.int16(), pa.string()), metadata={"vocabulary": vocabulary})


# Derived from the ISO strings by pipeline/run/typed.py: real dates, granularity, deadline year.
_DATE_TYPED = [
    pa.field("date_start", pa.date32()),
    pa.field("date_end", pa.date32()),
    _cat("granularity", "granularity"),
]
_DEADLINE_TYPED = [
    pa.field("deadline_start", pa.date32()),
    pa.field("deadline_end", pa.date32()),
    _cat("deadline_granularity", "granularity"),
    pa.field("deadline_year", pa.int32()),
]

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
        _cat("pub_date_source", "pub_date_source"),
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
        _cat("type", "org_type"),
        *_PROV,
    ]),
    "amounts": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("unit", pa.string()),
        _cat("quantity", "quantity"),
        _cat("qualifier", "qualifier"),
        *_PROV,
    ]),
    "dates": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("value", pa.string()),
        pa.field("relative", pa.bool_()),
        *_PROV,
        *_DATE_TYPED,
    ]),
    "targets": pa.schema([
        pa.field("doc_id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("trigger", pa.string()),
        _cat("target_kind", "target_kind"),
        pa.field("metric", pa.string()),
        pa.field("value_text", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("unit", pa.string()),
        _cat("qualifier", "qualifier"),
        pa.field("deadline_text", pa.string()),
        pa.field("deadline", pa.string()),
        *_PROV,
        *_DEADLINE_TYPED,
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

# ----- links (issue 15): ids, sentence/article, regions, target links, places, the registry -----
_ROW_ID = [pa.field("row_id", pa.string())]
_WHERE = [pa.field("sentence_index", pa.int64()), pa.field("article_index", pa.int64())]
_REGION = [pa.field("region", pa.string()), pa.field("adcode", pa.string()), pa.field("region_source", pa.string())]
_ACTOR = [pa.field("actor_org_id", pa.string()), pa.field("actor", pa.string())]
_LINKS: dict[str, list[pa.Field]] = {
    "documents": [*_ROW_ID, pa.field("region", pa.string()), pa.field("adcode", pa.string())],
    "sentences": _ROW_ID,
    "organizations": [*_ROW_ID, *_WHERE, *_REGION, pa.field("org_id", pa.string())],
    "amounts": [*_ROW_ID, *_WHERE, *_REGION, *_ACTOR],
    "dates": [*_ROW_ID, *_WHERE],
    "targets": [*_ROW_ID, *_WHERE, *_REGION, *_ACTOR, pa.field("amount_id", pa.string()),
                pa.field("date_id", pa.string())],
    "removed": _ROW_ID,
    "articles": _ROW_ID,
    "errors": _ROW_ID,
}
SCHEMAS = {name: pa.schema([*schema, *_LINKS.get(name, [])]) for name, schema in SCHEMAS.items()}
SCHEMAS["places"] = pa.schema([
    pa.field("doc_id", pa.string()),
    pa.field("text", pa.string()),
    pa.field("province", pa.string()),
    pa.field("city", pa.string()),
    pa.field("county", pa.string()),
    pa.field("adcode", pa.string()),
    pa.field("level", pa.string()),
    pa.field("old_adcode", pa.string()),
    pa.field("n_candidates", pa.int64()),
    pa.field("resolved_by", pa.string()),
    *_PROV, *_ROW_ID, *_WHERE,
])
# Run-level tables: built from every document's rows after the per-document tasks (pipeline/run/registry.py).
SCHEMAS["organizations_registry"] = pa.schema([
    pa.field("org_id", pa.string()),
    pa.field("name", pa.string()),
    pa.field("aliases", pa.list_(pa.string())),
    pa.field("type", pa.string()),
    pa.field("n_docs", pa.int64()),
    pa.field("n_mentions", pa.int64()),
    pa.field("region", pa.string()),
    pa.field("adcode", pa.string()),
])
RUN_TABLES = ("organizations_registry",)
# Tables written per batch of documents, every row keyed by doc_id.
DOC_TABLES = tuple(n for n in SCHEMAS if n not in RUN_TABLES)

TABLES = tuple(SCHEMAS)

# pandas reads these integer columns as nullable integers (Int32: <NA>, not a float NaN) from Parquet
# and from the API: the schema carries pandas metadata naming their dtype (pipeline/run/typed.py).
SCHEMAS["targets"] = with_pandas_ints(SCHEMAS["targets"], ["deadline_year"])
# Tables whose rows are extractions with clean and raw provenance.
EXTRACTION_TABLES = ("organizations", "amounts", "dates", "targets", "places")


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to an Arrow table with the table's schema; missing keys become null.

    Derived columns (date_start, deadline_year, ...) are computed here from the
    ISO strings unless the row already has them.
    """
    schema = SCHEMAS[name]
    derived = [{**derive(name, r), **r} for r in rows] if name in ("dates", "targets") else rows
    cols = {f.name: _array(f, [r.get(f.name) for r in derived]) for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)


def _array(f: pa.Field, values: list) -> pa.Array | list:
    """Values of one column; a vocabulary column keeps its whole vocabulary as the dictionary.

    A value outside the vocabulary is appended to this table's dictionary, so
    it is kept (and shows up as an extra category) rather than lost.
    """
    if not pa.types.is_dictionary(f.type):
        return values
    vocab = list(VOCABULARIES[(f.metadata or {})[b"vocabulary"].decode()])
    index = {v: i for i, v in enumerate(vocab)}
    for v in values:
        if v is not None and v not in index:
            index[v] = len(vocab)
            vocab.append(v)
    ids = pa.array([None if v is None else index[v] for v in values], pa.int16())
    return pa.DictionaryArray.from_arrays(ids, pa.array(vocab, pa.string()))
