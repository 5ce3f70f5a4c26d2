"""A dead or hung worker never hangs the run (issue 14 finding 2), and a runaway or huge document is an errors
row while the others come out (finding 3); a long line with no sentence end is cut into bounded sentences.

The supervisor is tested with a task that kills or hangs its own worker on chosen documents (spawned workers
import this module by name), then end to end: a real worker killed from outside, and a real time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from pool_tasks import misbehaving

from conftest import ROOT, SEEDS
from pipeline.run.batch import run_extract
from pipeline.run.pool import SupervisedPool
from pipeline.run.schema import DOC_TABLES
from pipeline.run.store import read_table
from pipeline.run.workers import DocResult, DocTask
from pipeline.stages.sentences.split import MAX_CHARS

SMALL = [SEEDS / f"{d}.txt" for d in ("000_1e09561dce7322ff", "001_e5e3a2ae0d178eb4", "004_2b47e149472050a6")]


def _run(ids: list[str], chunk: int = 2, **kw) -> tuple[list[DocResult], SupervisedPool]:
    pool = SupervisedPool({}, 2, kw.pop("doc_seconds", 600.0), task=misbehaving, initializer=None, **kw)
    tasks = [DocTask(f"/x/{d}.txt", d, None) for d in ids]
    chunks = [tasks[i:i + chunk] for i in range(0, len(tasks), chunk)]
    return list(pool.run(chunks)), pool


def test_a_document_that_kills_its_worker_twice_is_an_errors_row_and_the_rest_come_out_in_order():
    ids = ["a", "b", "c", "KILL", "d", "e", "f", "g"]
    results, pool = _run(ids)
    assert [r.doc_id for r in results] == ids
    bad = {r.doc_id: r for r in results if r.status != "ok"}
    assert list(bad) == ["KILL"]
    row = bad["KILL"].rows["errors"][0]
    assert row["kind"] == "worker_died" and "died twice" in row["message"]
    assert pool.restarts >= 2


def test_a_pool_broken_before_the_next_submit_is_retried_not_raised(monkeypatch):
    """Finding 2: a worker that died while the parent was still queueing chunks made pool.submit itself raise
    BrokenProcessPool, out of the run (exit 1, a traceback; findings_before_after caught it); now that break
    is retried like one noticed while waiting."""
    made = []
    real = SupervisedPool._pool

    def keep(self, n):
        made.append(real(self, n))
        return made[-1]

    monkeypatch.setattr(SupervisedPool, "_pool", keep)
    tasks = [DocTask(f"/x/{d}.txt", d, None) for d in ("KILL", "b", "c")]

    def chunks():
        yield tasks[:1]
        deadline = time.monotonic() + 120  # bounded: the spawned worker starts, reads KILL and dies
        while not made[0]._broken and time.monotonic() < deadline:
            time.sleep(0.01)
        assert made[0]._broken, "the first pool never broke"
        yield from ([t] for t in tasks[1:])

    pool = SupervisedPool({}, 2, 600.0, task=misbehaving, initializer=None)
    results = list(pool.run(chunks()))
    assert [r.doc_id for r in results] == ["KILL", "b", "c"]
    assert results[0].rows["errors"][0]["kind"] == "worker_died"
    assert [r.rows for r in results[1:]] == [{"documents": [{"doc_id": d}]} for d in ("b", "c")]


def test_a_hung_worker_is_killed_and_its_document_reported():
    # the grace covers a fresh worker's start on a busy machine; the alarm inside run_chunk is the usual limit
    results, _ = _run(["a", "HANG", "b", "c"], doc_seconds=0.5, grace=8)
    assert [r.doc_id for r in results] == ["a", "HANG", "b", "c"]
    kinds = {r.doc_id: r.rows.get("errors", [{}])[0].get("kind") for r in results}
    assert kinds == {"a": None, "HANG": "timeout", "b": None, "c": None}


def test_an_infinite_time_limit_means_none_not_a_traceback(tmp_path):
    """Finding 7: run.doc_seconds = inf (valid TOML, a positive float) overflowed setitimer and the pool's
    wait (OverflowError, exit 1); it now means no limit, in a worker pool and in-process."""
    results, _ = _run(["a", "b", "c"], doc_seconds=float("inf"))
    assert [r.status for r in results] == ["ok"] * 3
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "004_2b47e149472050a6.txt", src / "small.txt")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[run]\ndoc_seconds = inf\n", encoding="utf-8")
    res = run_extract([src], tmp_path / "out", config=cfg, workers=1)
    assert (res.n_done, res.n_failed) == (1, 0)


def _big_and_small(tmp_path, big: str, config: str, warm: bool = False):
    """A big document beside a small seed, extracted in process under ``config``: the result and the errors rows.

    ``warm``: load and compile the models on the small one first, so a time limit measures extraction only."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text(big, encoding="utf-8")
    shutil.copy(SEEDS / "004_2b47e149472050a6.txt", src / "small.txt")
    if warm:
        run_extract([src / "small.txt"], tmp_path / "warm", workers=1)
    cfg = tmp_path / "c.toml"
    cfg.write_text(config, encoding="utf-8")
    res = run_extract([src], tmp_path / "out", config=cfg, workers=1)
    return res, read_table(tmp_path / "out", "errors").to_pandas()


def test_a_runaway_document_becomes_a_timeout_row_and_the_small_one_comes_out(tmp_path):
    big = (SEEDS / "002_7ecacfc05819ac67.txt").read_text(encoding="utf-8")
    # ~210k chars: many seconds of NER
    res, errors = _big_and_small(tmp_path, big * 3, "[run]\ndoc_seconds = 1\n", warm=True)
    assert errors.doc_id.tolist() == ["big"] and errors.kind.tolist() == ["timeout"]
    assert "run.doc_seconds" in errors.message.iloc[0]
    assert read_table(tmp_path / "out", "documents").column("doc_id").to_pylist() == ["small"]
    assert res.n_failed == 1 and res.n_done == 1


def test_a_document_over_max_doc_chars_is_refused_and_the_small_one_comes_out(tmp_path):
    """Finding 3: the huge file given with a small one no longer takes it down (a stand-in for the 52 MB file:
    run.max_doc_chars lowered under a 78k-char seed)."""
    big = (SEEDS / "002_7ecacfc05819ac67.txt").read_text(encoding="utf-8")
    res, errors = _big_and_small(tmp_path, big, "[run]\nmax_doc_chars = 20000\n")
    assert errors.doc_id.tolist() == ["big"] and errors.kind.tolist() == ["too_large"]
    assert "run.max_doc_chars" in errors.message.iloc[0]
    assert read_table(tmp_path / "out", "documents").column("doc_id").to_pylist() == ["small"]
    assert (res.n_failed, res.n_done) == (1, 1)


def test_a_long_line_with_no_sentence_end_is_cut_into_bounded_sentences(tmp_path):
    """Finding 3: a 30k-character line of unpunctuated text (an OCR dump) becomes bounded sentences, so the
    per-sentence stages cost linear time (the old code kept it one 30k sentence); offsets stay exact."""
    han = "".join(re.findall(r"[\u4e00-\u9fff]", (SEEDS / "000_1e09561dce7322ff.txt").read_text(encoding="utf-8")))
    raw = (han * (30_000 // len(han) + 1))[:30_000]
    src = tmp_path / "in"
    src.mkdir()
    (src / "line.txt").write_text(raw, encoding="utf-8")
    res = run_extract([src], tmp_path / "out", workers=1)
    assert res.n_done == 1 and res.n_failed == 0
    sents = read_table(tmp_path / "out", "sentences").to_pandas()
    assert len(sents) >= 30_000 // MAX_CHARS and (sents.end - sents.start).max() <= MAX_CHARS
    assert "".join(sents.text) == raw  # the pieces tile the line
    for name in ("sentences", "organizations", "amounts"):
        rows = read_table(tmp_path / "out", name).to_pandas()
        assert all(raw[r.raw_start:r.raw_end] == r.text for r in rows.itertuples()), name


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_a_retry_not_the_run(seed_outputs, tmp_path):
    """kill -9 one worker of `extract --workers 2`: the run completes with the tables of an undisturbed run."""
    cfg = tmp_path / "c.toml"
    cfg.write_text("[run]\nchunk_docs = 1\nbatch_docs = 1\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", *map(str, SMALL), "-o", str(out), "-w", "2",
                             "--metadata", str(SEEDS / "metadata.csv"), "--config", str(cfg), "--no-progress"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = [c for c in _children(proc.pid) if "spawn_main" in _cmdline(c)]
        if len(workers) >= 2:  # both workers up: the three documents are queued or running
            killed = workers[-1]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.02)
    _, err = proc.communicate(timeout=600)
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 0, err
    assert "retrying" in err
    ids = [p.stem for p in SMALL]
    for name in DOC_TABLES:  # per-document tables (the run-level registry has no doc_id)
        ref = read_table(seed_outputs, name)
        ref = ref.filter(pc.is_in(ref.column("doc_id"), pa.array(ids)))
        assert read_table(out, name).equals(ref), name


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def test_relaxed_gc_gives_back_the_callers_settings():
    """A chunk runs with fewer GC passes; an in-process caller (a notebook) gets its own settings back,
    even when the chunk raises."""
    import gc

    from pipeline.run.workers import CHUNK_GC_THRESHOLD, relaxed_gc

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), relaxed_gc():
        assert gc.get_threshold() == CHUNK_GC_THRESHOLD and gc.get_freeze_count() > 0
        raise RuntimeError("a stage failed")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_worker_rows_cross_as_arrow_with_the_tables_schemas(tmp_path):
    """Extraction tables leave the worker as Arrow tables of the schema; documents and errors stay rows."""
    from pipeline.core.config import load_config
    from pipeline.run.schema import SCHEMAS
    from pipeline.run.workers import run_chunk

    src = sorted(SEEDS.glob("*.txt"))[0]
    [res] = run_chunk([DocTask(str(src), src.stem, None, src.stat().st_size)], load_config(None))
    assert res.status == "ok"
    assert isinstance(res.rows["documents"], list)
    for name in ("sentences", "amounts", "organizations", "targets", "places"):
        t = res.rows[name]
        assert isinstance(t, pa.Table) and t.schema.equals(SCHEMAS[name]) and t.num_rows > 0


def test_only_the_pools_own_workers_skip_the_interpreter_teardown(monkeypatch):
    """The pool's initializer registers the quick exit; an in-process run never does, so a CLI or
    notebook process keeps its exit code and its own exit handlers."""
    import atexit

    from pipeline.core.config import load_config
    from pipeline.run import workers

    registered = []
    monkeypatch.setattr(atexit, "register", lambda f, *a, **k: registered.append(f))
    monkeypatch.setattr(workers, "_CFG", None)  # load afresh, in process, as a run with --workers 1 does
    src = sorted(SEEDS.glob("*.txt"))[0]
    [res] = workers.run_chunk([DocTask(str(src), src.stem, None, src.stat().st_size)], load_config(None))
    assert res.status == "ok" and workers._exit_now not in registered
    assert SupervisedPool({}, 1, 60.0).initializer is workers.init_pool_worker
    workers.init_pool_worker(load_config(None))
    assert registered[-1] is workers._exit_now


def test_relaxed_gc_leaves_a_threaded_host_alone():
    """Off the main thread (a Dask worker's threads) the process-wide GC settings are not touched:
    overlapping chunks on two threads could otherwise leave them relaxed for good."""
    import gc
    import threading

    from pipeline.run.workers import relaxed_gc

    before, seen = gc.get_threshold(), []

    def chunk():
        with relaxed_gc():
            seen.append(gc.get_threshold())

    t = threading.Thread(target=chunk)
    t.start()
    t.join()
    assert seen == [before] and gc.get_threshold() == before


def test_a_row_that_does_not_fit_its_table_fails_its_document_only():
    """Packing into Arrow happens in the worker, per document: a bad value is that document's errors row."""
    from pipeline.run.task import DocOutput
    from pipeline.run.workers import DocResult, _take

    task = DocTask("x.txt", "x", None, 1)
    res = DocResult("x", "x.txt", "ok")
    _take(res, task, DocOutput(None, {"documents": [{"doc_id": "x"}], "amounts": [{"doc_id": "x", "value": "abc"}]}, {}))
    assert res.status == "failed" and res.rows["errors"][0]["stage"] == "rows"
    good = DocResult("y", "y.txt", "ok")
    _take(good, DocTask("y.txt", "y", None, 1), DocOutput(None, {"amounts": [{"doc_id": "y", "value": 1.0}]}, {}))
    assert good.status == "ok" and good.rows["amounts"].num_rows == 1


def test_chunks_guided_largest_first():
    """Several workers: largest documents first, chunks shrinking with the work left (the workers finish
    together); one worker: input order, chunks up to the cap. Every document once either way."""
    from pipeline.run.engines import chunks

    sizes = [10, 700, 40, 300, 5, 300, 80, 120, 60, 20, 1000, 15]
    tasks = [DocTask(f"/x/{i}.txt", f"d{i}", None, n) for i, n in enumerate(sizes)]
    one = list(chunks(tasks, max_docs=16, max_bytes=800))
    assert [t.doc_id for c in one for t in c] == [t.doc_id for t in tasks]
    assert all(sum(t.n_bytes for t in c) <= 800 or len(c) == 1 for c in one)
    two = list(chunks(tasks, max_docs=16, max_bytes=800, workers=2))
    flat = [t for c in two for t in c]
    assert sorted(t.doc_id for t in flat) == sorted(t.doc_id for t in tasks)
    assert [t.n_bytes for t in flat] == sorted(sizes, reverse=True)
    assert [t.doc_id for t in flat if t.n_bytes == 300] == ["d3", "d5"]  # ties keep input order
    total = [sum(t.n_bytes for t in c) for c in two]
    assert max(total[1:]) < 800  # chunks after the first shrink below the cap as the work left falls
    assert total[-1] <= 100


def test_run_order_does_not_change_tables(tmp_path):
    """Two workers schedule the largest documents first: read_table gives the same rows as one worker."""
    docs = [SEEDS / f"{d}.txt" for d in ("000_1e09561dce7322ff", "001_e5e3a2ae0d178eb4", "003_b1a8cd66b323d260")]
    assert docs[1].stat().st_size < docs[2].stat().st_size  # by size, 003 runs before 001
    one = run_extract(docs, tmp_path / "one", workers=1, progress=False)
    two = run_extract(docs, tmp_path / "two", workers=2, progress=False)
    assert one.n_done == two.n_done == len(docs)
    for name in DOC_TABLES:
        assert read_table(tmp_path / "one", name).equals(read_table(tmp_path / "two", name)), name
