"""`extract --table FILE`: the rows of a CSV, Parquet or JSONL file as source files of a batch run.

Why files under OUTDIR/_sources/: a run into OUTDIR is incremental and every
row of its tables maps back to a raw source (``source_path``,
``raw_start``/``raw_end``); keeping each text as ``<doc_id>.txt`` there gives
both. A file is rewritten only when its text changed, so an unchanged row is
skipped by the next run; rows gone from the table lose their file. The other
columns go to a metadata CSV beside the folder, with the dates.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from pipeline.api.frame import _missing, columns_of, rows_of

READERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class TableInputError(ValueError):
    """The table file cannot be used (format, columns, ids): nothing was extracted."""


def read_table_file(path: str | Path) -> pd.DataFrame:
    """A CSV (every column as text, so ids like 007 stay 007), Parquet or JSON-lines file as a DataFrame."""
    p = Path(path)
    kind = READERS.get(p.suffix.lower())
    if kind is None:
        raise TableInputError(f"{p}: a table must be .csv, .parquet or .jsonl (one JSON object per line)")
    try:
        if kind == "csv":
            return pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
        if kind == "parquet":
            return pd.read_parquet(p)
        return _read_jsonl(p)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise TableInputError(f"{p}: cannot be read as {kind} ({type(e).__name__}: {str(e).splitlines()[0]}); "
                              "check the file and its extension") from e


def _read_jsonl(p: Path) -> pd.DataFrame:
    """One JSON object per line, values as they are (read_json would turn a `date` column into timestamps)."""
    rows = []
    for i, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip():
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError(f"line {i} is not a JSON object")
            rows.append(obj)
    return pd.DataFrame.from_records(rows)


def _safe_id(doc_id: str) -> bool:
    return (doc_id.strip() == doc_id and doc_id not in (".", "..") and not doc_id.startswith(".")
            and "/" not in doc_id and "\\" not in doc_id and "\x00" not in doc_id and len(doc_id.encode()) <= 200)


def spill(table: str | Path, outdir: str | Path, text: str, id: str, date: str | None) -> tuple[Path, Path]:
    """Write the rows of ``table`` as OUTDIR/_sources/<name>/<doc_id>.txt; returns (folder, metadata CSV).

    A row without text becomes an empty file, so the run reports it in
    ``errors`` like any empty file. An id that cannot be a file name, a
    repeated id or an impossible date stops here (TableInputError) naming the row.
    """
    df = read_table_file(table)
    try:
        id_col, date_col = columns_of(df, text, id, date)
    except KeyError as e:
        raise TableInputError(f"{table}: {e.args[0]}") from e
    rows = list(rows_of(df, text, id_col, date_col))
    bad = [r for r in rows if r.kind in ("no_doc_id", "duplicate_doc_id", "pub_date") or not _safe_id(r.doc_id)]
    if bad:
        r = bad[0]
        why = r.message or f"row {r.pos}: doc_id {r.doc_id!r} cannot be a file name (no /, \\, leading dot or blanks)"
        raise TableInputError(f"{table}: {why}" + (f" (and {len(bad) - 1} more rows)" if len(bad) > 1 else ""))
    name = Path(table).stem
    folder = Path(outdir) / "_sources" / name
    folder.mkdir(parents=True, exist_ok=True)
    keep = set()
    for r in rows:
        f = folder / f"{r.doc_id}.txt"
        keep.add(f.name)
        body = (r.text or "").encode("utf-8")
        if not f.is_file() or f.read_bytes() != body:
            f.write_bytes(body)
    for f in folder.glob("*.txt"):
        if f.name not in keep:
            f.unlink()
    meta = folder.parent / f"{name}.metadata.csv"
    extra = [c for c in df.columns if c not in {text, id_col, date_col}]
    with open(meta, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "pub_date", *map(str, extra)])
        for r, (_, vals) in zip(rows, df[extra].iterrows() if extra else ((None, []) for _ in rows)):
            w.writerow([r.doc_id, r.pub_date or "", *("" if _missing(v) else v for v in list(vals))])
    return folder, meta
