"""Write stage: tables to Parquet, atomically (a killed run never leaves a half file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import SCHEMAS, to_table


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary file beside ``path``, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(rows: dict[str, list[dict]], outdir: str | Path) -> dict[str, Path]:
    """One ``<table>.parquet`` per table of SCHEMAS (empty tables are written too)."""
    out = Path(outdir)
    paths = {}
    for name in SCHEMAS:
        p = out / f"{name}.parquet"
        write_parquet_atomic(to_table(name, rows.get(name, [])), p)
        paths[name] = p
    return paths
