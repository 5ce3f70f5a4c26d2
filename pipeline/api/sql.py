"""SQL over an OUTDIR: a DuckDB connection with one view per table (optional extra ``[sql]``).

Views read the Parquet dataset folders in place (nothing is copied), so the
columns are typed as in Parquet (dates as DATE, vocabularies as strings) and
a query joins across tables, e.g. targets with their documents' metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.run.schema import SCHEMAS


def connect(outdir: str | Path, database: str = ":memory:") -> Any:
    """A ``duckdb`` connection with a view per table of ``outdir`` (documents, organizations, ...).

    Raises ImportError naming the extra when duckdb is not installed, and
    FileNotFoundError when ``outdir`` holds no tables.
    """
    try:
        import duckdb
    except ImportError as e:
        raise ImportError("pipeline.connect needs duckdb: pip install 'cn-policy-pipeline[sql]' "
                          "(or pip install -e '.[sql]' in the checkout)") from e
    root = Path(outdir)
    found = {n: _source(root, n) for n in SCHEMAS}
    found = {n: p for n, p in found.items() if p is not None}
    if not found:
        raise FileNotFoundError(f"{root} holds no tables: run `python -m pipeline extract ... -o {root}` first")
    con = duckdb.connect(database)
    for name, pattern in found.items():
        path = pattern.replace("'", "''")
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet(\'{path}\', union_by_name = true)')
    return con


def _source(root: Path, name: str) -> str | None:
    """The Parquet files of one table: its dataset folder's parts, or a single-file table."""
    folder = root / name
    if folder.is_dir() and any(folder.glob("*.parquet")):
        return str(folder / "*.parquet")
    single = root / f"{name}.parquet"
    return str(single) if single.is_file() else None
