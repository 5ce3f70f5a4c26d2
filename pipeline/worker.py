"""The per-document task every engine runs: read one file, extract, return its rows.

Models load once per worker process (``init_worker``), so a pool of N
processes holds N models, never one per document.
"""

from __future__ import annotations

import resource
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from pipeline.read import DocumentError, read_document

_PROCESSOR = None
_CFG: dict[str, Any] | None = None


@dataclass
class DocTask:
    """What a worker needs to process one document (small, picklable)."""

    path: str
    doc_id: str
    pub_date: str | None


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
    rows: dict[str, list[dict]] = field(default_factory=dict)


def init_worker(cfg: dict[str, Any]) -> None:
    """Load the models of this worker process (called once per process)."""
    global _PROCESSOR, _CFG
    from pipeline.process import DocumentProcessor

    _CFG = cfg
    _PROCESSOR = DocumentProcessor(cfg)


def get_processor(cfg: dict[str, Any]):
    """The process-wide processor for ``cfg`` (loaded on first use, e.g. on a Dask worker)."""
    if _PROCESSOR is None or _CFG != cfg:
        init_worker(cfg)
    return _PROCESSOR


def run_task(task: DocTask, cfg: dict[str, Any]) -> DocResult:
    """Process one document; any failure becomes an ``errors`` row, never an exception."""
    t0 = time.perf_counter()
    res = DocResult(task.doc_id, task.path, "ok")
    stage = "read"
    try:
        meta = {task.doc_id: task.pub_date} if task.pub_date else None
        doc = read_document(task.path, meta)
        res.sha256, res.n_chars = doc.sha256, len(doc.raw)
        stage = "extract"
        proc = get_processor(cfg)
        res.rows = proc.process(doc)
        res.stage_seconds = dict(getattr(proc, "last_timings", {}))
    except DocumentError as e:
        res.status = "failed"
        res.rows = {"errors": [_error_row(task, stage, e.kind, str(e), None)]}
    except Exception as e:  # noqa: BLE001 - one document's failure must not stop the batch
        res.status = "failed"
        res.rows = {"errors": [_error_row(task, stage, "exception", f"{type(e).__name__}: {e}",
                                          traceback.format_exc())]}
    res.seconds = time.perf_counter() - t0
    res.peak_rss_mb = peak_rss_mb()
    return res


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


def _error_row(task: DocTask, stage: str, kind: str, message: str, tb: str | None) -> dict:
    return {"doc_id": task.doc_id, "source_path": task.path, "stage": stage, "kind": kind,
            "message": message, "traceback": tb}
