"""Write stage: tables as Parquet dataset folders, written per batch, atomically.

Layout of OUTDIR:
  <table>/part-<id>.parquet   one part per batch of documents, for every table
  _manifest.json              versions, config hash, per-document status and timings

A part is written to a temporary file and renamed; the manifest is saved
after the parts of a batch, so a run killed midway leaves only whole parts.
Parts that no manifest entry names (a killed run's last batch) are deleted
on the next run, and that run redoes their documents.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.run.schema import DOC_TABLES, SCHEMAS, to_table

MANIFEST = "_manifest.json"


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


def write_json_atomic(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, path)


class TableStore:
    """The dataset folders of one OUTDIR and the manifest that says which part holds which document."""

    def __init__(self, outdir: str | Path) -> None:
        self.root = Path(outdir)
        self.root.mkdir(parents=True, exist_ok=True)

    def load_manifest(self) -> dict[str, Any]:
        p = self.root / MANIFEST
        if not p.exists():
            return {"documents": {}}
        try:
            m = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            return {"documents": {}}  # a damaged manifest only costs a full re-run
        m.setdefault("documents", {})
        return m

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        write_json_atomic(manifest, self.root / MANIFEST)

    def write_batch(self, rows: dict[str, list[dict]], doc_ids: list[str]) -> str:
        """Write one part per table for the documents ``doc_ids``; returns the part id."""
        part = hashlib.sha1("\n".join(doc_ids).encode()).hexdigest()[:16]
        for name in DOC_TABLES:
            write_parquet_atomic(to_table(name, rows.get(name, [])), self._part_path(name, part))
        return part

    def remove_documents(self, manifest: dict[str, Any], drop: set[str]) -> None:
        """Delete the rows of ``drop`` from their parts (rewriting or deleting each part)."""
        docs = manifest["documents"]
        parts = {docs[d]["part"] for d in drop if d in docs and docs[d].get("part")}
        for d in drop:
            docs.pop(d, None)
        live = {e.get("part") for e in docs.values()}
        for part in parts:
            for name in DOC_TABLES:
                p = self._part_path(name, part)
                if not p.exists():
                    continue
                if part not in live:
                    p.unlink()
                    continue
                t = pq.read_table(p)
                keep = pa.array([d not in drop for d in t.column("doc_id").to_pylist()], pa.bool_())
                write_parquet_atomic(t.filter(keep), p)

    def remove_orphans(self, manifest: dict[str, Any]) -> None:
        """Delete parts no manifest entry names, temporaries, and single-file tables of old layouts."""
        live = {e.get("part") for e in manifest["documents"].values()} | {manifest.get("run_errors_part")}
        for name in SCHEMAS:
            legacy = self.root / f"{name}.parquet"
            if legacy.exists():
                legacy.unlink()
            folder = self.root / name
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if p.name.startswith(".") or (p.suffix == ".parquet" and p.stem.removeprefix("part-") not in live):
                    p.unlink()

    def ensure_tables(self) -> None:
        """Every table folder holds at least an empty part, so readers always find the schema."""
        for name, schema in SCHEMAS.items():
            folder = self.root / name
            if not folder.is_dir() or not any(folder.glob("*.parquet")):
                write_parquet_atomic(schema.empty_table(), folder / "part-empty.parquet")

    def has_part(self, part: str | None) -> bool:
        """Whether a part's rows are still on disk (a cleaned OUTDIR keeps no stale manifest promise)."""
        return bool(part) and self._part_path("documents", part).exists()

    def _part_path(self, table: str, part: str) -> Path:
        return self.root / table / f"part-{part}.parquet"


def read_table(outdir: str | Path, name: str) -> pa.Table:
    """A whole table of OUTDIR (dataset folder or single file), rows ordered by document and offset."""
    root = Path(outdir)
    src = root / name if (root / name).is_dir() else root / f"{name}.parquet"
    t = pq.read_table(src, schema=SCHEMAS[name]) if src.is_dir() else pq.read_table(src)
    keys = [k for k in ("doc_id", "sentence_index", "article_index", "start", "raw_start", "end") if k in t.column_names]
    return t.sort_by([(k, "ascending") for k in keys]) if t.num_rows and keys else t
