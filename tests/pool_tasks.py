"""A worker task for tests/test_runs_pool.py that kills or hangs its own worker on chosen documents.

Kept apart from the test module so that a spawned worker imports only this and pipeline.run.workers.
"""

from __future__ import annotations

import os
import signal
import time

from pipeline.run.workers import DocResult, DocTask


def misbehaving(tasks: list[DocTask], cfg: dict) -> list[DocResult]:
    """Dies on KILL documents, hangs on HANG documents, else returns one row per document."""
    for t in tasks:
        if "KILL" in t.doc_id:
            os.kill(os.getpid(), signal.SIGKILL)
        if "HANG" in t.doc_id:
            time.sleep(3600)
    return [DocResult(t.doc_id, t.path, "ok", rows={"documents": [{"doc_id": t.doc_id}]}) for t in tasks]
