"""Write stage: tables as Parquet dataset folders, made visible by one atomic manifest commit.

Layout of OUTDIR:
  <table>/part-<n>.parquet   one part per batch of documents, for every table
  _manifest.json             the truth: which parts exist, which document lives in which part
  .pipeline.lock             held (flock) by the one run writing OUTDIR

Why it is crash-safe: a part is written to a temporary file and renamed, and
it only counts once a manifest commit (an atomic rename) names it. A part is
deleted only after a commit stops naming it. A document's rows are read from
the part its manifest record names, so a superseded copy in an older part is
ignored until compaction rewrites that part. Parts no commit names (a killed
run's last batch) are deleted by the next run. Part names come from a counter
kept in the manifest, so two batches never share a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.run.schema import DOC_TABLES, RUN_TABLES, SCHEMAS, to_table

MANIFEST = "_manifest.json"
LOCK = ".pipeline.lock"
FORMAT = 2
EMPTY = "empty"  # part-empty.parquet: the schema for folder readers when a table has no part


class StoreError(RuntimeError):
    """OUTDIR cannot be written (read-only, full, or held by another run): exit code 2."""


def _umask() -> int:
    old = os.umask(0o022)
    os.umask(old)
    return old


_MODE = 0o666 & ~_umask()  # what open() would give a new file: outputs follow the umask


def _atomic(path: Path, write) -> None:
    """``write(tmp_path)`` then rename over ``path``; the temporary never outlives a failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise StoreError(f"cannot write {path.parent} ({e.strerror or e}): choose a writable -o folder") from e
    try:
        os.close(fd)
        write(tmp)
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise StoreError(f"cannot write {path} ({e.strerror or e}): free disk space or choose "
                             "another -o folder") from e
        raise


def write_parquet_atomic(table: pa.Table | list, path: Path) -> int:
    """Write to a temporary file beside ``path``, then rename over it; the number of rows written.

    ``table`` may be a list of tables and spilled tables (a windowed document's, with a
    ``tables()`` iterator): those are streamed into row groups, never held whole."""
    chunks = table if isinstance(table, list) else [table]
    if all(isinstance(c, pa.Table) for c in chunks):
        whole = pa.concat_tables(chunks) if len(chunks) > 1 else chunks[0]
        _atomic(path, lambda tmp: pq.write_table(whole, tmp))
        return whole.num_rows

    def stream(tmp: str) -> None:
        with pq.ParquetWriter(tmp, chunks[0].schema) as w:
            for c in chunks:
                for t in [c] if isinstance(c, pa.Table) else c.tables():
                    w.write_table(t)
    _atomic(path, stream)
    return sum(len(c) for c in chunks)


def write_json_atomic(obj: Any, path: Path) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
    _atomic(path, write)


@dataclass
class SpilledTable:
    """One table's rows of a windowed document, one Arrow IPC file per window (small and picklable)."""

    paths: list[str] = field(default_factory=list)
    num_rows: int = 0

    def __len__(self) -> int:
        return self.num_rows

    def add(self, table: pa.Table, path: Path) -> None:
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        self.paths.append(str(path))
        self.num_rows += table.num_rows

    def tables(self) -> Iterator[pa.Table]:
        """The windows' tables one at a time (memory-mapped: read only when written out)."""
        for p in self.paths:
            with pa.memory_map(p) as source:
                yield pa.ipc.open_file(source).read_all()

    def load(self) -> pa.Table:
        return pa.concat_tables(list(self.tables()))

    def remove(self) -> None:
        """Delete this table's spill files, and their folder once the document's last table is gone."""
        for p in self.paths:
            Path(p).unlink(missing_ok=True)
        if self.paths:
            try:
                Path(self.paths[0]).parent.rmdir()
            except OSError:
                pass  # other tables of the document still have files there


def load_spilled(rows: dict) -> dict:
    """The same rows with spilled tables read back into memory, their files deleted."""
    out = {}
    for name, v in rows.items():
        if isinstance(v, SpilledTable):
            out[name] = v.load()
            v.remove()
        else:
            out[name] = v
    return out


def _new_manifest() -> dict[str, Any]:
    return {"format": FORMAT, "documents": {}, "parts": {}, "next_part": 0}


class TableStore:
    """The dataset folders of one OUTDIR and the manifest that says which part holds which document."""

    def __init__(self, outdir: str | Path) -> None:
        self.root = Path(outdir)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create OUTDIR {self.root} ({e.strerror or e}): choose a writable -o folder") from e
        self.manifest = self.load_manifest()
        self._verified: dict[str, bool] = {}

    # -- manifest -------------------------------------------------------------------------------
    def load_manifest(self) -> dict[str, Any]:
        p = self.root / MANIFEST
        try:
            m = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError):
            return _new_manifest()  # missing or damaged: only costs a full re-run
        if not isinstance(m, dict) or m.get("format") != FORMAT:
            return _new_manifest()  # an older layout: its parts are cleaned and its documents redone
        for k, v in _new_manifest().items():
            m.setdefault(k, v)
        return m

    def commit(self) -> None:
        """Make everything the manifest names visible, in one atomic rename."""
        write_json_atomic(self.manifest, self.root / MANIFEST)

    # -- writing --------------------------------------------------------------------------------
    def write_part(self, rows: dict[str, list[dict]], doc_ids: list[str],
                   packed: dict[str, list] | None = None) -> str:
        """Write one part per table for ``doc_ids`` and record it (visible at the next commit).

        ``packed``: rows already in Arrow tables (a windowed document's), written after ``rows``."""
        packed = packed or {}
        return self._write_tables({n: [to_table(n, rows.get(n, [])), *packed.get(n, [])] for n in DOC_TABLES},
                                  doc_ids)

    def _write_tables(self, tables: dict[str, pa.Table | list], doc_ids: list[str]) -> str:
        n = int(self.manifest["next_part"])
        self.manifest["next_part"] = n + 1
        part = f"{n:06d}"
        counts = {name: write_parquet_atomic(t, self.part_path(name, part)) for name, t in tables.items()}
        self.manifest["parts"][part] = {"docs": list(doc_ids), "rows": counts}
        return part

    def write_batch(self, rows: dict[str, list[dict]], doc_ids: list[str]) -> str:
        """Write and commit a part holding ``doc_ids`` (for tools and tests that build an OUTDIR by hand)."""
        part = self.write_part(rows, doc_ids)
        for d in doc_ids:
            self.manifest["documents"][d] = {"status": "ok", "part": part}
        self.commit()
        return part

    def replace_run_errors(self, rows: list[dict]) -> None:
        """This run's input errors (rows of no extracted document) replace the last run's."""
        old = self.manifest.get("run_errors_part")
        self.manifest["run_errors_part"] = self.write_part({"errors": rows}, []) if rows else None
        if old is None:
            return
        self.manifest["parts"].pop(old, None)
        self.commit()
        for n in DOC_TABLES:
            self.part_path(n, old).unlink(missing_ok=True)

    # -- reading and checking ---------------------------------------------------------------------
    def live_docs(self, part: str) -> set[str]:
        return {d for d, e in self.manifest["documents"].items() if e.get("part") == part}

    def part_ok(self, part: str | None) -> bool:
        """The part is named, and every table's file is there with the row count the manifest recorded."""
        if not part or part not in self.manifest["parts"]:
            return False
        if part not in self._verified:
            rows = self.manifest["parts"][part].get("rows", {})
            try:
                self._verified[part] = all(
                    pq.read_metadata(self.part_path(n, part)).num_rows == rows.get(n) for n in DOC_TABLES)
            except (OSError, pa.ArrowException):
                self._verified[part] = False
        return self._verified[part]

    def doc_ok(self, doc_id: str) -> bool:
        """Whether a document's recorded rows are really on disk (its own part, whole, with its counts)."""
        e = self.manifest["documents"].get(doc_id) or {}
        return self.part_ok(e.get("part")) and doc_id in self.manifest["parts"][e["part"]]["docs"]

    # -- cleaning -------------------------------------------------------------------------------
    def clean_unnamed(self) -> int:
        """Delete parts and temporaries no commit names (a killed run's leftovers); returns how many."""
        named = set(self.manifest["parts"]) | {EMPTY}
        n = 0
        for name in DOC_TABLES:
            legacy = self.root / f"{name}.parquet"
            if legacy.exists():
                legacy.unlink()
            folder = self.root / name
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if p.name.startswith(".") or (p.suffix == ".parquet" and p.stem.removeprefix("part-") not in named):
                    p.unlink(missing_ok=True)
                    n += 1
        for name in RUN_TABLES:  # a run-level table keeps its one part; a kill mid-write leaves a temporary
            for p in (self.root / name).glob(".*.tmp"):
                p.unlink(missing_ok=True)
                n += 1
        for p in self.root.glob(f".{MANIFEST}.*.tmp"):
            p.unlink(missing_ok=True)
        return n

    def compact(self) -> None:
        """Rewrite parts holding superseded documents, so that the folders alone are exact.

        Each step commits the manifest before it deletes the old part, so a kill
        at any moment leaves a consistent OUTDIR. The run's own errors part
        holds no document and stays.
        """
        parts = self.manifest["parts"]
        for part in sorted(parts):
            if part == self.manifest.get("run_errors_part"):
                continue
            live = self.live_docs(part)
            if live == set(parts[part]["docs"]):
                continue
            if live:
                tables = {n: _filtered(self.part_path(n, part), live) for n in DOC_TABLES}
                new = self._write_tables(tables, [d for d in parts[part]["docs"] if d in live])
                for d in live:
                    self.manifest["documents"][d]["part"] = new
            del parts[part]
            self.commit()
            for n in DOC_TABLES:
                self.part_path(n, part).unlink(missing_ok=True)

    def ensure_tables(self) -> None:
        """Every table folder holds at least an empty part, so readers always find the schema."""
        for name, schema in SCHEMAS.items():  # run-level tables too, until the run builds them
            folder = self.root / name
            if not folder.is_dir() or not any(folder.glob("*.parquet")):
                write_parquet_atomic(schema.empty_table(), folder / f"part-{EMPTY}.parquet")

    def part_path(self, table: str, part: str) -> Path:
        return self.root / table / f"part-{part}.parquet"

    # -- one writer -----------------------------------------------------------------------------
    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold OUTDIR for this run; a second run fails fast naming the holder.

        flock is released by the kernel when its holder dies, so a lock left by a
        killed run (its pid dead) is simply taken over.
        """
        path = self.root / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, _MODE)
        except OSError as e:
            raise StoreError(f"cannot write OUTDIR {self.root} ({e.strerror or e}): choose a writable -o folder") from e
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "unknown"
                raise StoreError(f"OUTDIR {self.root} is being written by another run ({holder}); wait for it "
                                 "to finish or choose another -o folder") from None
            info = (f"pid {os.getpid()} on {socket.gethostname()}, started "
                    f"{time.strftime('%Y-%m-%d %H:%M:%S')}: {' '.join(sys.argv)[:300]}")
            os.ftruncate(fd, 0)
            os.pwrite(fd, info.encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the flock


def _filtered(path: Path, docs: set[str]) -> pa.Table:
    t = pq.read_table(path)
    return t.filter(pa.array([d in docs for d in t.column("doc_id").to_pylist()], pa.bool_()))


def read_table(outdir: str | Path, name: str) -> pa.Table:
    """A whole table of OUTDIR, rows ordered by document and offset.

    Only what the manifest names is read: parts a killed run left behind and
    superseded copies of a document are ignored.
    """
    root = Path(outdir)
    schema = SCHEMAS[name]
    store = TableStore.__new__(TableStore)  # read only: no folder is created, no lock taken
    store.root = root
    store.manifest = store.load_manifest()
    src = root / name if (root / name).is_dir() else root / f"{name}.parquet"
    if name not in DOC_TABLES:  # a run-level table (one file set per run, not per document): read whole
        t = pq.read_table(src, schema=schema) if src.is_dir() else schema.empty_table()
    elif store.manifest.get("format") == FORMAT and (root / MANIFEST).exists():
        t = _read_named(store, name, schema)
    elif src.exists():  # no manifest of this layout: an older OUTDIR or one built by hand
        t = pq.read_table(src, schema=schema) if src.is_dir() else pq.read_table(src)
    else:
        t = schema.empty_table()
    keys = [k for k in ("doc_id", "sentence_index", "article_index", "start", "raw_start", "end") if k in t.column_names]
    if name not in DOC_TABLES and "org_id" in t.column_names:
        keys = ["org_id"]  # the registry: one row per body
    return t.sort_by([(k, "ascending") for k in keys]) if t.num_rows and keys else t


def _read_named(store: TableStore, name: str, schema: pa.Schema) -> pa.Table:
    tables = []
    run_errors = store.manifest.get("run_errors_part")
    for part, info in sorted(store.manifest["parts"].items()):
        path = store.part_path(name, part)
        live = store.live_docs(part)
        if part != run_errors and not live:
            continue
        t = pq.read_table(path, schema=schema)
        if part != run_errors and live != set(info["docs"]):
            t = t.filter(pa.array([d in live for d in t.column("doc_id").to_pylist()], pa.bool_()))
        tables.append(t)
    return pa.concat_tables(tables) if tables else schema.empty_table()
