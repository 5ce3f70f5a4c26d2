"""Execution engines: run the per-document task over many documents.

Every engine yields DocResults in input order, so the tables do not depend
on the engine or the number of workers.
- local, 1 worker: in this process.
- local, N workers: a supervised process pool (pipeline.run.pool); each process loads its models once,
  and a worker that dies or hangs costs a retry of its documents, not the run.
- dask: the same task on a Dask cluster (``--scheduler ADDRESS``) or a LocalCluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.run.pool import SupervisedPool
from pipeline.run.store import load_spilled
from pipeline.run.workers import ChunkTimeout, DocResult, DocTask, get_processor, run_chunk


class EngineError(RuntimeError):
    """The engine cannot start (missing extra, unreachable scheduler)."""


def chunks(tasks: Iterable[DocTask], max_docs: int, max_bytes: int, workers: int = 1) -> Iterator[list[DocTask]]:
    """Tasks grouped up to ``max_docs`` documents or ``max_bytes`` of files.

    With several workers, the largest documents go first and the chunks shrink as the work
    left does (guided scheduling: at most the bytes left over twice the workers, down to an
    eighth of ``max_bytes``), so the workers finish together. Why: in input order a large
    report often came last and ran alone while the other worker idled (0.4-1.3 s of an 18 s
    corpus run). Rows do not depend on the order or the chunking: each document is processed
    alone (NER batches give identical results whatever shares them) and ``read_table`` orders
    rows by document.
    """
    tasks = list(tasks)
    if workers > 1:
        tasks.sort(key=lambda t: -t.n_bytes)  # stable: equal sizes keep their input order
    left = sum(t.n_bytes for t in tasks)
    smallest = max(1, max_bytes // 8)
    chunk: list[DocTask] = []
    size = 0
    for t in tasks:
        cap = max_bytes if workers <= 1 else min(max_bytes, max(smallest, left // (2 * workers)))
        if chunk and (len(chunk) >= max_docs or size + t.n_bytes > cap):
            yield chunk
            left -= size
            chunk, size = [], 0
        chunk.append(t)
        size += t.n_bytes
    if chunk:
        yield chunk


def _chunks_of(tasks: Iterable[DocTask], cfg: dict[str, Any], workers: int = 1) -> Iterator[list[DocTask]]:
    run = cfg["run"]
    return chunks(tasks, int(run["chunk_docs"]), int(run["chunk_bytes"]), workers)


def run_local(tasks: Iterable[DocTask], cfg: dict[str, Any], workers: int) -> Iterator[DocResult]:
    """In-process when workers == 1, else a supervised spawn-started pool streaming in input order."""
    if workers <= 1:
        get_processor(cfg)
        for c in _chunks_of(tasks, cfg):
            try:
                yield from run_chunk(c, cfg)
            except ChunkTimeout:  # find the slow document: each alone, under its own limit
                for t in c:
                    yield from run_chunk([t], cfg)
        return
    seconds = float(cfg["run"]["doc_seconds"])
    pool = SupervisedPool(cfg, workers, seconds, window_chars=int(cfg["run"]["window_chars"]))
    yield from pool.run(_chunks_of(tasks, cfg, workers))


def run_dask(tasks: Iterable[DocTask], cfg: dict[str, Any], scheduler: str | None, workers: int,
             window: int = 16) -> Iterator[DocResult]:
    """Submit chunks of documents to a Dask cluster, at most ``window`` in flight, yielding in input order."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise EngineError("the dask engine needs its extra: pip install '.[dask]'") from e
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except OSError as e:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler!r} ({e}); start it with "
                          "`dask scheduler` and workers with `dask worker ADDRESS`") from e
    try:
        pending: list = []
        for c in _chunks_of(tasks, cfg, workers):
            pending.append(client.submit(run_chunk_in_memory, c, cfg, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for f in pending:
            yield from f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_chunk_in_memory(tasks: list[DocTask], cfg: dict[str, Any]) -> list[DocResult]:
    """run_chunk, with a windowed document's spilled rows loaded back: a Dask worker's temporary
    files may be on another machine than the client that writes the tables."""
    results = run_chunk(tasks, cfg)
    for r in results:
        r.rows = load_spilled(r.rows)
    return results


def run_engine(engine: str, tasks: Iterable[DocTask], cfg: dict[str, Any], workers: int,
               scheduler: str | None = None) -> Iterator[DocResult]:
    if engine == "local":
        return run_local(tasks, cfg, workers)
    if engine == "dask":
        return run_dask(tasks, cfg, scheduler, workers)
    raise EngineError(f"unknown engine {engine!r}: use local or dask")
