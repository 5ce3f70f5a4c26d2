"""A supervised process pool: a dead or hung worker costs a retry, never the run.

``concurrent.futures.ProcessPoolExecutor`` notices a worker that died (the OOM
killer, a segfault, kill -9) within moments and fails every pending future with
BrokenProcessPool; ``multiprocessing.Pool.imap`` would wait forever for the lost
chunk. On a break the unfinished chunks are retried document by document in a
fresh pool; documents that were in flight when that pool broke too are run one
at a time in a pool of their own, and one that kills its worker there (the
second time) becomes an ``errors`` row of kind ``worker_died``. A document that
overruns ``run.doc_seconds`` is stopped by an alarm inside its worker (kind
``timeout``); a worker stuck where the alarm cannot reach is killed by the
parent after a grace period.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pipeline.run.workers import (
    MAX_WAIT_S,
    ChunkTimeout,
    DocResult,
    DocTask,
    failed_result,
    init_pool_worker,
    run_chunk,
    time_units,
)

log = logging.getLogger("pipeline")
GRACE = 60.0  # seconds the parent waits beyond the in-worker alarm before it kills a worker


class _Broken(Exception):
    """The pool lost a worker (or one hung): its unfinished work must be redone."""


class SupervisedPool:
    """Runs chunks of documents on ``workers`` processes, yielding results in input order."""

    def __init__(self, cfg: dict[str, Any], workers: int, doc_seconds: float, task: Callable = run_chunk,
                 initializer: Callable | None = init_pool_worker, grace: float = GRACE,
                 window_chars: int | None = None) -> None:
        """``task(chunk, cfg)`` runs in the workers (a module-level function, for pickling).

        ``window_chars``: a long document has ``doc_seconds`` per window (None: per document)."""
        self.cfg, self.workers, self.doc_seconds = cfg, workers, doc_seconds
        self.window_chars = window_chars
        self.task, self.initializer, self.grace = task, initializer, grace
        self.ctx = mp.get_context("spawn")  # no model or runtime state is inherited through fork
        self.restarts = 0

    def _pool(self, n: int) -> ProcessPoolExecutor:
        init = (self.cfg,) if self.initializer is not None else ()
        return ProcessPoolExecutor(n, mp_context=self.ctx, initializer=self.initializer, initargs=init)

    def _result(self, fut: Future, tasks: list[DocTask]) -> list[DocResult]:
        try:
            units = time_units(tasks, self.window_chars) if self.window_chars else len(tasks)
            return fut.result(timeout=min(self.doc_seconds * units + self.grace, MAX_WAIT_S))
        except (BrokenProcessPool, ChunkTimeout) as e:
            raise _Broken(str(e) or type(e).__name__) from e
        except FutureTimeout as e:
            raise _Broken("a worker hung past run.doc_seconds") from e

    def _submit(self, pool: ProcessPoolExecutor, chunk: list[DocTask]) -> Future:
        """pool.submit; when a worker died while the parent was still queueing, submit itself raises
        BrokenProcessPool: that break comes back as a future holding it, so _result handles it like any
        other (a retry), instead of it escaping the run as a traceback."""
        try:
            return pool.submit(self.task, chunk, self.cfg)
        except BrokenProcessPool as e:
            fut: Future = Future()
            fut.set_exception(e)
            return fut

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        """Stop a pool whose workers may hang: kill them, then let the executor wind down."""
        for p in list((getattr(pool, "_processes", None) or {}).values()):
            p.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1

    def _close(self, pool: ProcessPoolExecutor, busy: bool) -> None:
        if busy:  # stopped early (an error, or the consumer closed us): do not wait for the queued work
            self._kill(pool)
        else:
            pool.shutdown(wait=True)

    def run(self, chunks: Iterable[list[DocTask]]) -> Iterator[DocResult]:
        pool = self._pool(self.workers)
        inflight: deque[tuple[list[DocTask], Future]] = deque()
        try:
            for chunk in chunks:
                inflight.append((chunk, self._submit(pool, chunk)))
                # results come back in input order: two chunks queued per worker keep a worker that
                # finished early busy while the parent still waits for an older, longer chunk
                while len(inflight) > 2 * self.workers:
                    pool = yield from self._take(pool, inflight)
            while inflight:
                pool = yield from self._take(pool, inflight)
        finally:
            self._close(pool, bool(inflight))

    def _take(self, pool: ProcessPoolExecutor, inflight: deque) -> Iterator[DocResult]:
        """Yield the oldest chunk's results; on a break, redo every unfinished chunk and return a fresh pool."""
        chunk, fut = inflight[0]
        try:
            results = self._result(fut, chunk)
        except _Broken as e:
            docs = [t for c, _ in inflight for t in c]
            inflight.clear()
            log.warning("a worker died or hung (%s); retrying %d document(s) one by one in a fresh pool", e, len(docs))
            self._kill(pool)
            yield from self._retry(docs)
            return self._pool(self.workers)
        inflight.popleft()
        yield from results
        return pool

    def _retry(self, docs: list[DocTask]) -> Iterator[DocResult]:
        """Each document alone, in a fresh pool; those in flight at a second break go one at a time."""
        pool = self._pool(min(self.workers, len(docs)))
        pending: deque[tuple[DocTask, Future]] = deque()
        todo = deque(docs)
        try:
            while todo or pending:
                while todo and len(pending) <= self.workers:
                    t = todo.popleft()
                    pending.append((t, self._submit(pool, [t])))
                t, fut = pending[0]
                try:
                    results = self._result(fut, [t])
                except _Broken:
                    suspects = [x for x, _ in pending]
                    pending.clear()
                    self._kill(pool)
                    yield from self._alone(suspects)
                    pool = self._pool(min(self.workers, max(1, len(todo))))
                    continue
                pending.popleft()
                yield from results
        finally:
            self._close(pool, bool(pending))

    def _alone(self, docs: list[DocTask]) -> Iterator[DocResult]:
        """One document at a time in a one-worker pool: a break now names its document."""
        pool = self._pool(1)
        try:
            for t in docs:
                try:
                    yield from self._result(self._submit(pool, [t]), [t])
                except _Broken as e:
                    self._kill(pool)
                    pool = self._pool(1)
                    kind = "timeout" if "hung" in str(e) else "worker_died"
                    yield failed_result(t, kind, _MESSAGES[kind].format(path=t.path, s=self.doc_seconds))
        finally:
            pool.shutdown(wait=True)


_MESSAGES = {
    "worker_died": ("{path}: the worker process died twice on this document (killed by the system, often for "
                    "memory, or crashed); split the file into smaller ones or give the machine more memory"),
    "timeout": ("{path}: still running after run.doc_seconds = {s:g} s; split the file or raise "
                "run.doc_seconds in a --config file"),
}
