"""Batch extraction from a table of texts (a DataFrame, or a CSV/Parquet/JSONL file from the command line).

Why the texts go through files: a batch run (``run_extract``) is the one
machinery that streams documents through worker processes, writes crash-safe
parts and reports every failure in ``errors``. Feeding it the rows as UTF-8
files (named by row position, so any doc_id works) means the table route is
the files route, row for row, and cannot drift from it. Rows that cannot
become documents (no text, a duplicate doc_id, an impossible date) are
``errors`` rows here, before any file is written; the rest of the table goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.api.text import API_TABLES, resolve_config
from pipeline.run.schema import to_table
from pipeline.stages.read.decode import normalize_pub_date

FRAME_SOURCE = "<frame>"
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


@dataclass
class Row:
    """One input row: position in the table, doc_id, text and ISO date, or why it cannot be extracted."""

    pos: int
    doc_id: str
    text: str | None
    pub_date: str | None
    kind: str | None = None  # errors.kind when the row cannot become a document
    message: str | None = None


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def iso_date(v: Any) -> str | None:
    """An ISO publication date from a str (2024, 2024-06, 2024年6月5日), a date/Timestamp or a year number."""
    if _missing(v):
        return None
    if isinstance(v, dt.datetime | dt.date):  # pandas Timestamp is a datetime
        return v.isoformat()[:10]
    if isinstance(v, int | float) and float(v).is_integer():
        v = str(int(v))
    v = str(v).strip()
    if _STAMP.match(v):  # a timestamp exported as text: its day
        v = v[:10]
    return normalize_pub_date(v)


def columns_of(df: pd.DataFrame, text: str, id: str | None, date: str | None) -> tuple[str | None, str | None]:
    """The id and date columns actually used (None: the index / no date); a one-line error for a missing one."""
    have = ", ".join(map(str, df.columns))
    if text not in df.columns:
        raise KeyError(f"no text column {text!r} (columns: {have}); pass text='COLUMN'")
    if id is not None and id not in df.columns:
        if id != "doc_id":
            raise KeyError(f"no id column {id!r} (columns: {have}); pass id='COLUMN', or id=None to use the index")
        id = None  # the default: ids from the index
    if date is not None and date not in df.columns:
        if date != "pub_date":
            raise KeyError(f"no date column {date!r} (columns: {have}); pass date='COLUMN' or date=None")
        date = None
    return id, date


def rows_of(df: pd.DataFrame, text: str, id: str | None, date: str | None) -> Iterator[Row]:
    """Every row of ``df`` checked: duplicate ids, missing texts and impossible dates become error rows."""
    ids = df[id] if id is not None else pd.Series(df.index, index=df.index)
    dates = df[date] if date is not None else pd.Series([None] * len(df), index=df.index)
    seen: dict[str, int] = {}
    for pos, (raw_id, txt, d) in enumerate(zip(ids.tolist(), df[text].tolist(), dates.tolist())):
        where = f"row {pos}"
        if _missing(raw_id) or str(raw_id).strip() == "":
            yield Row(pos, f"<row {pos}>", None, None, "no_doc_id", f"{where}: the id column is empty; give every row an id")
            continue
        doc_id = str(raw_id)
        where += f" (doc_id {doc_id!r})"
        if doc_id in seen:
            yield Row(pos, doc_id, None, None, "duplicate_doc_id",
                      f"{where}: doc_id is also the id of row {seen[doc_id]}; only the first is extracted")
            continue
        seen[doc_id] = pos
        if not isinstance(txt, str):
            what = "missing (None/NaN)" if _missing(txt) else f"a {type(txt).__name__}, not a str"
            yield Row(pos, doc_id, None, None, "not_text", f"{where}: the text is {what}; give it text or drop the row")
            continue
        if not txt.strip():
            yield Row(pos, doc_id, None, None, "empty", f"{where}: the text is empty; give it text or drop the row")
            continue
        try:
            pub = iso_date(d)
        except ValueError as e:
            yield Row(pos, doc_id, None, None, "pub_date", f"{where}: {e}")
            continue
        yield Row(pos, doc_id, txt, pub)


def _file_id(pos: int) -> str:
    return f"r{pos:09d}"


def _error_row(r: Row) -> dict:
    return {"doc_id": r.doc_id, "source_path": FRAME_SOURCE, "stage": "read", "kind": r.kind,
            "message": r.message, "traceback": None}


def extract_frame(df: pd.DataFrame, text: str = "text", id: str | None = "doc_id", date: str | None = "pub_date",
                  n_process: int = 1, config: str | Path | Mapping[str, Any] | None = None,
                  progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """Tables for every row of ``df``, as ``extract`` gives for files: documents, ..., errors.

    ``text``, ``id``, ``date``: column names (without an ``id`` column the
    index gives the doc_ids; ``date`` is optional and anchors relative dates
    like --metadata). Other columns are carried into ``documents`` (a name the
    table already has gets the suffix ``_input``). ``n_process`` worker
    processes, each loading the models once; ``config`` a TOML file or a dict
    of overrides; ``progress`` a tqdm bar (default: only on a terminal).
    Rows come back in the order of ``df``.
    """
    from pipeline.run.batch import run_extract

    if not isinstance(df, pd.DataFrame):
        hint = "for one string use pipeline.extract_text" if isinstance(df, str) else "build one with pandas.DataFrame(...)"
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}: {hint}")
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a whole number of processes >= 1, not {n_process!r}")
    id_col, date_col = columns_of(df, text, id, date)
    cfg = resolve_config(config)
    rows = list(rows_of(df, text, id_col, date_col))
    good = [r for r in rows if r.kind is None]
    with tempfile.TemporaryDirectory(prefix="pipeline-frame-") as tmp:
        src, meta = Path(tmp) / "src", Path(tmp) / "metadata.csv"
        src.mkdir()
        with open(meta, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["doc_id", "pub_date"])
            for r in good:
                (src / f"{_file_id(r.pos)}.txt").write_text(r.text, encoding="utf-8")
                if r.pub_date:
                    w.writerow([_file_id(r.pos), r.pub_date])
        out = Path(tmp) / "out"
        if good:
            run_extract([src], out, metadata=meta, cfg=cfg, workers=n_process, progress=progress)
        tables = _read_back(out if good else None, {_file_id(r.pos): r for r in good}, str(src))
    errs = pd.concat([tables["errors"], to_table("errors", [_error_row(r) for r in rows if r.kind]).to_pandas()],
                     ignore_index=True) if any(r.kind for r in rows) else tables["errors"]
    pos = {r.doc_id: r.pos for r in rows}
    tables["errors"] = errs.iloc[sorted(range(len(errs)), key=lambda i: pos.get(errs["doc_id"].iat[i], -1))]
    tables["errors"] = tables["errors"].reset_index(drop=True)
    tables["documents"] = _with_extras(tables["documents"], df, rows, {text, id_col, date_col})
    return tables


def _read_back(out: Path | None, by_file: dict[str, Row], src: str) -> dict[str, pd.DataFrame]:
    """The tables of the run, with the files' ids turned back into the rows' doc_ids."""
    from pipeline.run.store import read_table

    ids = {k: r.doc_id for k, r in by_file.items()}
    tables = {}
    for name in API_TABLES:
        df = (read_table(out, name) if out is not None else to_table(name, [])).to_pandas()
        for col in df.columns:
            if col == "doc_id" or col == "row_id" or col.endswith("_id"):  # row ids start with the doc_id
                df[col] = pd.Series([_remap_id(v, ids) for v in df[col]], index=df.index, dtype=df[col].dtype)
        if "source_path" in df.columns:
            df["source_path"] = FRAME_SOURCE
        if name == "errors" and len(df):
            df["message"] = [_frame_message(m, src, by_file) for m in df["message"]]
        tables[name] = df.reset_index(drop=True)
    return tables


_FILE_ID = re.compile(r"^r\d{9}(?=:|$)")


def _remap_id(v: Any, ids: dict[str, str]) -> Any:
    """A doc_id or an id that starts with one (`<doc_id>:amounts:3`), with the file id turned back into the row's."""
    if not isinstance(v, str):
        return v
    m = _FILE_ID.match(v)
    return ids.get(m.group(0), m.group(0)) + v[m.end():] if m else v


def _frame_message(message: Any, src: str, by_file: dict[str, Row]) -> Any:
    """An error message naming the row and doc_id instead of the temporary file."""
    if not isinstance(message, str):
        return message

    def name(m: re.Match) -> str:
        r = by_file.get(m.group(1))
        return f"row {r.pos} (doc_id {r.doc_id!r})" if r else m.group(0)

    return re.sub(re.escape(src) + r"/(r\d{9})\.txt", name, message)


def _with_extras(docs: pd.DataFrame, df: pd.DataFrame, rows: list[Row], used: set) -> pd.DataFrame:
    """``documents`` with the other columns of ``df`` (the first row of each doc_id), in input order."""
    extra = [c for c in df.columns if c not in used]
    if not extra or docs.empty:
        return docs
    first = {r.doc_id: r.pos for r in rows if r.kind is None}
    take = df.iloc[[first[d] for d in docs["doc_id"]], [df.columns.get_loc(c) for c in extra]]
    take = take.rename(columns={c: f"{c}_input" for c in extra if c in docs.columns}).reset_index(drop=True)
    return pd.concat([docs.reset_index(drop=True), take], axis=1)
