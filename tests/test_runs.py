"""Runs over folders: incremental skipping, forced redo, killed runs, engines agree."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SEEDS
from pipeline.run.batch import run_extract
from pipeline.run.schema import DOC_TABLES, SCHEMAS
from pipeline.run.store import read_table

SMALL = ["000_1e09561dce7322ff", "004_2b47e149472050a6"]


@pytest.fixture()
def small_corpus(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for d in SMALL:
        shutil.copy(SEEDS / f"{d}.txt", src / f"{d}.txt")
    return src


def _tables(out):
    return {n: read_table(out, n) for n in SCHEMAS}


def test_unchanged_documents_are_skipped_and_changed_ones_redone(small_corpus, tmp_path):
    out = tmp_path / "out"
    first = run_extract([small_corpus], out, workers=1)
    assert (first.n_done, first.n_skipped) == (2, 0)
    before = _tables(out)
    again = run_extract([small_corpus], out, workers=1)
    assert (again.n_done, again.n_skipped) == (0, 2)
    assert all(before[n].equals(t) for n, t in _tables(out).items())

    p = small_corpus / f"{SMALL[1]}.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\n2030年，园区计划新增企业100家。\n", encoding="utf-8")
    third = run_extract([small_corpus], out, workers=1)
    assert (third.n_done, third.n_skipped) == (1, 1)
    docs = read_table(out, "documents").to_pandas()
    assert sorted(docs.doc_id) == sorted(SMALL)  # the redone document replaced its old rows
    dates = read_table(out, "dates").to_pandas()
    assert "2030年" in dates[dates.doc_id == SMALL[1]].text.tolist()
    assert len(dates[dates.doc_id == SMALL[0]]) == len(before["dates"].to_pandas().query("doc_id == @SMALL[0]"))

    forced = run_extract([small_corpus], out, workers=1, force=True)
    assert forced.n_done == 2
    (small_corpus / f"{SMALL[0]}.txt").unlink()
    kept = run_extract([small_corpus], out, workers=1)  # by default OUTDIR adds and updates, never drops
    assert kept.n_pruned == 0 and read_table(out, "documents").num_rows == 2
    pruned = run_extract([small_corpus], out, workers=1, prune=True)
    assert pruned.n_pruned == 1
    assert read_table(out, "documents").to_pandas().doc_id.tolist() == [SMALL[1]]
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["documents"]) == {SMALL[1]} and manifest["config_hash"]


def test_killed_run_leaves_whole_parts_and_the_next_run_completes(tmp_path):
    cfg = tmp_path / "one_doc_batches.toml"
    cfg.write_text("[run]\nbatch_docs = 1\nworkers = 1\n", encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(SEEDS), "-o", str(out), "--config", str(cfg),
           "--metadata", str(SEEDS / "metadata.csv")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "_manifest.json"
    while proc.poll() is None and not manifest.exists():
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_at_kill = len(json.loads(manifest.read_text(encoding="utf-8"))["documents"])
    assert done_at_kill < 5, "the run finished before it could be killed"
    for p in out.rglob("*.parquet"):
        pq.read_table(p)  # every part on disk is whole
    res = run_extract([SEEDS], out, metadata=SEEDS / "metadata.csv", config=cfg)
    assert res.n_skipped == done_at_kill and res.n_done == 5 - done_at_kill
    fresh = tmp_path / "fresh"
    run_extract([SEEDS], fresh, metadata=SEEDS / "metadata.csv", config=cfg)
    for name in SCHEMAS:
        assert read_table(out, name).equals(read_table(fresh, name)), name


def test_dask_engine_gives_the_local_tables(seed_outputs, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    res = run_extract([SEEDS], out, metadata=SEEDS / "metadata.csv", engine="dask", workers=1)
    assert res.n_failed == 0 and res.n_done == 5
    for name in SCHEMAS:
        assert read_table(out, name).equals(read_table(seed_outputs, name)), name


def test_duplicate_doc_ids_get_an_errors_row_each_run(small_corpus, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(small_corpus / f"{SMALL[0]}.txt", other / f"{SMALL[0]}.txt")
    out = tmp_path / "out"
    for _ in range(2):  # the second run skips the documents but reports the duplicate again
        res = run_extract([small_corpus, other], out, workers=1)
        assert res.n_failed == 1
        errors = read_table(out, "errors").to_pandas()
        assert errors.kind.tolist() == ["duplicate_doc_id"] and errors.doc_id.tolist() == [SMALL[0]]
        assert sorted(read_table(out, "documents").to_pandas().doc_id) == sorted(SMALL)
    run_extract([small_corpus], out, workers=1)
    assert read_table(out, "errors").num_rows == 0


def test_a_cleaned_outdir_is_refilled_not_skipped(small_corpus, tmp_path):
    out = tmp_path / "out"
    run_extract([small_corpus], out, workers=1)
    for name in DOC_TABLES:  # what `make clean` removes, leaving a manifest behind
        shutil.rmtree(out / name)
    res = run_extract([small_corpus], out, workers=1)
    assert res.n_done == 2 and res.n_skipped == 0
    assert read_table(out, "documents").num_rows == 2


def test_scheduling_options_do_not_invalidate_earlier_results(small_corpus, tmp_path):
    out = tmp_path / "out"
    run_extract([small_corpus], out, workers=1)
    cfg = tmp_path / "sched.toml"
    cfg.write_text("[run]\nbatch_docs = 1\nchunk_docs = 1\n", encoding="utf-8")
    res = run_extract([small_corpus], out, workers=1, config=cfg)
    assert res.n_skipped == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_backend_stops_the_run_with_exit_code_2(small_corpus, tmp_path, workers):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[ner]\nbackend = "nosuchbackend:x"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(small_corpus), "-o", str(tmp_path / "o"),
                           "--config", str(cfg), "--workers", str(workers)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "ner.backend" in proc.stderr and "Traceback" not in proc.stderr


def test_a_registry_temporary_left_by_a_kill_is_swept_by_the_next_run(small_corpus, tmp_path):
    """A kill while the registry is written leaves ``.part-registry.parquet.*.tmp``; the next run removes it."""
    out = tmp_path / "out"
    run_extract([small_corpus], out, workers=1)
    stale = out / "organizations_registry" / ".part-registry.parquet.killed.tmp"
    stale.write_bytes(b"half a parquet file")
    before = read_table(out, "organizations_registry")
    run_extract([small_corpus], out, workers=1)  # every document skipped: the sweep still runs
    assert not stale.exists()
    assert read_table(out, "organizations_registry").equals(before)
