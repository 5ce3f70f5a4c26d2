"""The task every engine runs: read a chunk of files, extract, return each one's rows.

Models load once per worker process (``init_worker``), so a pool of N
processes holds N models, never one per document. A chunk holds a few
documents so that NER batches span them; every document still succeeds or
fails on its own.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pipeline.stages.read.decode import DocumentError, read_document

# The longest wait a timer or a lock takes (31 years): run.doc_seconds = inf, or a large limit times a
# chunk's documents, would overflow setitimer and Condition.wait (OverflowError, a traceback).
MAX_WAIT_S = 1e9
# Cyclic-GC thresholds while a chunk runs (the default is 700, 10, 10); see ``relaxed_gc``.
CHUNK_GC_THRESHOLD = (100_000, 50, 100)

_PROCESSOR = None
_CFG: dict[str, Any] | None = None
_INIT_ERROR: Exception | None = None


@dataclass
class DocTask:
    """What a worker needs to process one document (small, picklable)."""

    path: str
    doc_id: str
    pub_date: str | None
    n_bytes: int = 0  # file size, for sizing chunks


@dataclass
class DocResult:
    doc_id: str
    path: str
    status: str  # "ok" or "failed"
    sha256: str | None = None
    n_chars: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # of the worker process, after this document
    rows: dict[str, list[dict] | Any] = field(default_factory=dict)  # a windowed document: Arrow tables


class DocTimeout(BaseException):  # noqa: N818 - BaseException: the stages' `except Exception` must not swallow it
    """Raised by the alarm inside a worker when a chunk overruns its time."""


class ChunkTimeout(Exception):  # noqa: N818
    """A chunk of several documents overran: the parent retries them one by one to find the slow one."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocTimeout after ``seconds`` (only in a main thread: elsewhere, e.g. on Dask, no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):  # noqa: ARG001
        raise DocTimeout()

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, MAX_WAIT_S))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def init_worker(cfg: dict[str, Any]) -> None:
    """Load the models of this worker process (called once per process).

    A failure is kept, not raised: a pool whose initializer raises restarts
    its workers forever. The first chunk raises it instead (``get_processor``),
    which reaches the parent through the pool and stops the run.
    """
    global _PROCESSOR, _CFG, _INIT_ERROR
    from pipeline.run.task import DocumentProcessor

    _CFG = cfg
    try:
        _PROCESSOR, _INIT_ERROR = DocumentProcessor(cfg), None
    except Exception as e:  # noqa: BLE001 - reported by get_processor
        _PROCESSOR, _INIT_ERROR = None, e


def init_pool_worker(cfg: dict[str, Any]) -> None:
    """``init_worker`` for a process of the run's own pool, which also ends without the interpreter's teardown.

    Why: a spawned worker's last act was freeing every object it held, one by one
    (0.25-0.9 s on a corpus run, while the parent waited to shut the pool down); the
    OS frees a process's memory at once. Only the pool's own processes do this: an
    in-process run or a Dask worker ends as usual.
    """
    atexit.register(_exit_now)
    init_worker(cfg)


def _exit_now() -> None:
    """End the process at once (atexit: after multiprocessing's own exit handling), logs flushed first.

    The exit status is 0 even when the worker ended on an exception: nothing reads it (the
    executor and pool.py notice a dead worker by its sentinel, and a worker's errors reach
    the parent as results or as a broken pool).
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def get_processor(cfg: dict[str, Any]):
    """The process-wide processor for ``cfg`` (loaded on first use, e.g. on a Dask worker).

    Raises what loading the models raised (NerBackendError for a bad backend).
    """
    if _CFG != cfg or (_PROCESSOR is None and _INIT_ERROR is None):
        init_worker(cfg)
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return _PROCESSOR


def run_chunk(tasks: list[DocTask], cfg: dict[str, Any]) -> list[DocResult]:
    """Process a chunk of documents; every failure becomes an ``errors`` row.

    Only a processor that cannot load raises: that stops the run, not one document.
    A chunk that overruns ``run.doc_seconds`` per document raises ChunkTimeout
    (the parent retries its documents one by one); a single document that
    overruns becomes an ``errors`` row of kind ``timeout``.
    """
    processor = get_processor(cfg)
    run = cfg["run"]
    limit = float(run["doc_seconds"])
    window = int(run["window_chars"])
    try:
        with relaxed_gc(), time_limit(limit * time_units(tasks, window)):  # the timer is disarmed first
            return _run_chunk(processor, tasks, int(run["max_doc_chars"]), window)
    except DocTimeout:
        if len(tasks) > 1:
            raise ChunkTimeout(f"a chunk of {len(tasks)} documents overran {limit:g} s each") from None
        return [failed_result(tasks[0], "timeout", f"{tasks[0].path}: still running after run.doc_seconds = "
                              f"{limit:g} s; split the file or raise run.doc_seconds in a --config file")]


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """Fewer cyclic-GC passes while a chunk runs; the caller's settings come back after it.

    Why: extraction allocates millions of short-lived, acyclic objects (tokens, spans,
    row dicts), and with the default thresholds the collector kept walking everything
    alive, the loaded models and lexicons included: about a third of the organization
    stage's time (benchmarks/results/bench.json). ``gc.freeze`` moves what is alive
    before the chunk out of the collector's sight; the raised thresholds make a pass
    rarer. Memory held by cyclic garbage between passes stays bounded by the threshold.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # a threaded host (a Dask worker's threads): the settings are process-wide, so left alone
        return
    old = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # a caller that froze objects itself keeps them as they are
    if freeze:
        gc.freeze()
    gc.set_threshold(*CHUNK_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if freeze:
            gc.unfreeze()


def time_units(tasks: list[DocTask], window: int) -> int:
    """``run.doc_seconds`` units a chunk may take: one per window a document may need (bytes >=
    characters, so never fewer than it has), at least one per document."""
    return sum(max(1, -(-t.n_bytes // window)) for t in tasks)


def failed_result(task: DocTask, kind: str, message: str) -> DocResult:
    """A document the run could not finish, as an ``errors`` row."""
    res = DocResult(task.doc_id, task.path, "ok")
    _fail(res, task, "extract", kind, message, None)
    return res


def _run_chunk(processor, tasks: list[DocTask], max_chars: int, window: int) -> list[DocResult]:
    t0 = time.perf_counter()
    results = [DocResult(t.doc_id, t.path, "ok") for t in tasks]
    docs, owners, long_docs = [], [], []
    for task, res in zip(tasks, results):
        try:
            meta = {task.doc_id: task.pub_date} if task.pub_date else None
            doc = read_document(task.path, meta)
        except DocumentError as e:
            _fail(res, task, "read", e.kind, str(e), None)
            continue
        except Exception as e:  # noqa: BLE001 - one document's failure must not stop the batch
            _fail(res, task, "read", "exception", f"{type(e).__name__}: {e}", traceback.format_exc())
            continue
        res.sha256, res.n_chars = doc.sha256, len(doc.raw)
        if len(doc.raw) > max_chars:
            _fail(res, task, "read", "too_large", f"{task.path}: {len(doc.raw):,} characters, more than "
                  f"run.max_doc_chars = {max_chars:,}; split the file, or raise run.max_doc_chars in a --config "
                  "file if the machine has the memory", None)
            continue
        if len(doc.raw) > window:
            long_docs.append((doc, task, res))  # in bounded windows, after the chunk's short documents
            continue
        docs.append(doc)
        owners.append((task, res))
    from pipeline.run.task import DocFailure

    if docs:
        try:
            outs = processor.process_many(docs)
        except Exception as e:  # noqa: BLE001 - the backend itself failed: every document of the chunk
            tb = traceback.format_exc()
            outs = [DocFailure(d, "extract", e) for d in docs]
            for task, res in owners:
                _fail(res, task, "extract", "exception", f"{type(e).__name__}: {e}", tb)
        for (task, res), out in zip(owners, outs):
            if res.status == "ok":
                _take(res, task, out)
    for doc, task, res in long_docs:
        _run_windowed(processor, doc, task, res, window)
    elapsed = time.perf_counter() - t0
    total = sum(r.n_chars for r in results) or 1
    rss = peak_rss_mb()
    for r in results:
        r.seconds = elapsed * (r.n_chars or 1) / total if len(results) > 1 else elapsed
        r.peak_rss_mb = rss
    return results


def _run_windowed(processor, doc, task: DocTask, res: DocResult, window: int) -> None:
    """One long document in windows of ``run.window_chars`` (pipeline/run/windows.py)."""
    from pipeline.run.windows import process_windowed

    try:
        out = process_windowed(processor, doc, window)
    except Exception as e:  # noqa: BLE001 - one document's failure must not stop the batch
        _fail(res, task, "extract", "exception", f"{type(e).__name__}: {e}", traceback.format_exc())
        return
    _take(res, task, out)


def _take(res: DocResult, task: DocTask, out) -> None:
    """A document's rows, or the errors row of the stage that failed on it (a DocFailure)."""
    from pipeline.run.task import DocFailure

    if isinstance(out, DocFailure):
        tb = "".join(traceback.format_exception(out.error))
        _fail(res, task, out.stage, "exception", f"{type(out.error).__name__}: {out.error}", tb)
    else:
        res.stage_seconds = dict(out.timings)
        t0 = time.perf_counter()
        try:
            res.rows = _packed(out.rows)
        except Exception as e:  # noqa: BLE001 - a row that does not fit its table fails its document only
            _fail(res, task, "rows", "exception", f"{type(e).__name__}: {e}", traceback.format_exc())
            return
        res.stage_seconds["rows"] = res.stage_seconds.get("rows", 0.0) + time.perf_counter() - t0


# Tables a worker hands back as lists of dicts: the parent adds ``extra`` to documents rows and logs errors.
_LIST_TABLES = frozenset({"documents", "errors"})


def _packed(rows: dict[str, list[dict] | Any]) -> dict[str, list[dict] | Any]:
    """A document's rows as Arrow tables (with the tables' schemas), built in the worker.

    Why: pickling lists of row dicts to the parent, and building the tables there, cost
    the parent ~2 s of CPU per 1.5M characters on a 2-core machine where it competes with
    the workers; an Arrow table crosses the process boundary as a few buffers.
    """
    from pipeline.run.schema import to_table

    return {name: rs if name in _LIST_TABLES or not isinstance(rs, list) else to_table(name, rs)
            for name, rs in rows.items()}


def _fail(res: DocResult, task: DocTask, stage: str, kind: str, message: str, tb: str | None) -> None:
    res.status = "failed"
    res.rows = {"errors": [_error_row(task, stage, kind, message, tb)]}


def _error_row(task: DocTask, stage: str, kind: str, message: str, tb: str | None) -> dict:
    return {"doc_id": task.doc_id, "source_path": task.path, "stage": stage, "kind": kind,
            "message": message, "traceback": tb, "row_id": f"{task.doc_id}:errors:{stage}"}


def peak_rss_mb() -> float:
    """This process's own peak resident memory in MB.

    /proc/self/status VmHWM belongs to the current process image; getrusage's
    ru_maxrss would also count the parent's memory that a spawned worker had
    before exec (Linux keeps that maximum across exec).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
