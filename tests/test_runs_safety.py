"""OUTDIR safety (issue 14 findings 1, 4-8; issue 16 "safe output folders"): crash-safe commits, one writer,
part names that cannot collide, checked limits and inputs, and a summary that counts right."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import GOLD, ROOT
from pipeline.cli import main
from pipeline.core.config import ConfigError
from pipeline.run.batch import run_extract
from pipeline.run.schema import DOC_TABLES, SCHEMAS
from pipeline.run.store import LOCK, StoreError, TableStore, read_table
from pipeline.stages.read.decode import DocumentError

TEXT = "杭州市上城区人民政府2023年5月发布通知。力争到2025年，全区数字经济核心产业增加值突破500亿元。\n"
TEXT2 = "浙江大学与之江实验室签约，总投资约3.2亿元，今年计划新增企业100家。\n"


def _docs(folder, **texts):
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def _tables(out):
    return {n: read_table(out, n) for n in SCHEMAS}


def _same(a, b):
    for n in SCHEMAS:
        assert a[n].equals(b[n]), n


def test_an_interrupted_rerun_loses_nothing(tmp_path, monkeypatch):
    """Finding 1: a rerun with changed inputs, stopped before it commits, leaves the last run's tables whole."""
    src = _docs(tmp_path / "in", a=TEXT, b=TEXT2)
    meta = tmp_path / "m.csv"
    meta.write_text("doc_id,pub_date\na,2023\nb,2023\n", encoding="utf-8")
    out = tmp_path / "out"
    run_extract([src], out, metadata=meta, workers=1)
    reference = _tables(out)

    changed = tmp_path / "m2.csv"
    changed.write_text("doc_id,pub_date\na,2023\nb,2024\n", encoding="utf-8")
    import pipeline.run.batch as batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C as the engine starts
        yield

    with monkeypatch.context() as m:
        m.setattr(batch, "run_engine", interrupted)
        with pytest.raises(KeyboardInterrupt):
            run_extract([src], out, metadata=changed, workers=1)
    res = run_extract([src], out, metadata=meta, workers=1)
    assert (res.n_skipped, res.n_done) == (2, 0)
    _same(_tables(out), reference)


def test_a_part_that_lost_rows_is_not_trusted(tmp_path):
    """Skipping checks the manifest's record (row counts), not only that the part file exists."""
    src = _docs(tmp_path / "in", a=TEXT)
    out = tmp_path / "out"
    run_extract([src], out, workers=1)
    reference = _tables(out)
    part = next((out / "amounts").glob("part-0*.parquet"))
    pq.write_table(pq.read_table(part).slice(0, 0), part)  # a part damaged behind the manifest's back
    res = run_extract([src], out, workers=1)
    assert res.n_done == 1 and res.n_skipped == 0
    _same(_tables(out), reference)


def test_part_names_cannot_collide(tmp_path):
    """Finding 5: a file named a<newline>b after a and b does not overwrite their part."""
    src = _docs(tmp_path / "in", a=TEXT, b=TEXT2)
    out = tmp_path / "out"
    run_extract([src], out, workers=1)
    (src / "a\nb.txt").write_text(TEXT + TEXT2, encoding="utf-8")
    run_extract([src], out, workers=1)
    assert sorted(read_table(out, "documents").column("doc_id").to_pylist()) == ["a", "a\nb", "b"]
    again = run_extract([src], out, workers=1)
    assert again.n_skipped == 3
    assert sorted(read_table(out, "documents").column("doc_id").to_pylist()) == ["a", "a\nb", "b"]


def test_a_second_writer_fails_fast_naming_the_holder(tmp_path):
    """Finding 4: one writer per OUTDIR; a lock left by a dead process is taken over."""
    src = _docs(tmp_path / "in", a=TEXT)
    out = tmp_path / "out"
    store = TableStore(out)
    with store.lock():
        r = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(src), "-o", str(out), "-w", "1"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 2, r.stderr
        assert f"pid {os.getpid()}" in r.stderr and "Traceback" not in r.stderr
        with pytest.raises(StoreError, match="another run"):
            run_extract([src], out, workers=1)
    (out / LOCK).write_text("pid 999999999 on elsewhere, started long ago", encoding="utf-8")  # a dead holder
    assert run_extract([src], out, workers=1).n_done == 1


def test_workers_are_capped_and_zero_is_refused(tmp_path):
    """Finding 6."""
    src = _docs(tmp_path / "in", a=TEXT)
    out = tmp_path / "out"
    run_extract([src], out, workers=12)
    assert json.loads((out / "_manifest.json").read_text(encoding="utf-8"))["workers"] == 1
    for bad in ("0", "-3"):
        r = CliRunner().invoke(main, ["extract", str(src), "-o", str(out), "-w", bad])
        assert r.exit_code == 2, r.output
    with pytest.raises(ConfigError, match="--workers"):
        run_extract([src], out, workers=0)


def test_workers_are_capped_at_the_cores(tmp_path, monkeypatch):
    """Finding 6: on a one-core machine --workers 12 over three documents runs one process (this one)."""
    import pipeline.run.options as options

    monkeypatch.setattr(options.os, "cpu_count", lambda: 1)
    src = _docs(tmp_path / "in", a=TEXT, b=TEXT2, c=TEXT + TEXT2)
    res = run_extract([src], tmp_path / "out", workers=12)
    assert res.n_done == 3
    assert json.loads((tmp_path / "out" / "_manifest.json").read_text(encoding="utf-8"))["workers"] == 1


@pytest.mark.parametrize(("toml", "key"), [('[run]\nbatch_docs = "abc"\n', "batch_docs"),
                                           ("ner = 5\n", "ner"),
                                           ('[ner]\nbatch_size = "x"\n', "batch_size"),
                                           ("[run]\ndoc_seconds = -1\n", "doc_seconds")])
def test_wrong_config_types_exit_2_with_one_line(tmp_path, toml, key):
    """Finding 7: no traceback, the key named."""
    src = _docs(tmp_path / "in", a=TEXT)
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "o"), "--config", str(cfg)])
    assert r.exit_code == 2, r.output
    assert key in r.output and "Traceback" not in r.output


def test_a_config_file_that_is_not_utf8_exits_2_with_one_line(tmp_path):
    """Finding 7: a --config saved as GBK (a Chinese comment) gave a UnicodeDecodeError traceback, exit 1."""
    src = _docs(tmp_path / "in", a=TEXT)
    cfg = tmp_path / "gbk.toml"
    cfg.write_bytes("# 批处理设置\n[run]\nbatch_docs = 8\n".encode("gbk"))
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "o"), "--config", str(cfg)])
    assert r.exit_code == 2, r.output
    assert "gbk.toml" in r.output and "UTF-8" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize(("rows", "what"), [("a,2024-13-45\n", "line 2"), ("a,2021-02-30\n", "line 2"),
                                            ("a,0000\n", "line 2"), ("a,2023\nb,2023\na,2024\n", "line 4"),
                                            ("a,\uff12\uff10\uff12\uff13\n", "line 2")])  # full-width 2023 was stored as is
def test_impossible_dates_and_duplicate_ids_in_metadata_exit_2(tmp_path, rows, what):
    src = _docs(tmp_path / "in", a=TEXT, b=TEXT2)
    meta = tmp_path / "m.csv"
    meta.write_text("doc_id,pub_date\n" + rows, encoding="utf-8")
    with pytest.raises(DocumentError, match=what):
        run_extract([src], tmp_path / "o", metadata=meta, workers=1)
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "o"), "--metadata", str(meta)])
    assert r.exit_code == 2 and what in r.output and "m.csv" in r.output, r.output


def test_unwritable_or_full_outdir_exits_2_and_leaves_no_temporaries(tmp_path, monkeypatch):
    src = _docs(tmp_path / "in", a=TEXT)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(blocker / "out")])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    r = CliRunner().invoke(main, ["extract", str(src), "-o", ""])
    assert r.exit_code == 2, r.output

    import pipeline.run.store as store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "out"
    monkeypatch.setattr(store.json, "dump", full)
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(out), "-w", "1"])
    assert r.exit_code == 2 and "No space left" in r.output, r.output
    assert not [p for p in out.rglob(".*") if p.name != LOCK]


def test_links_outside_the_input_folder_are_refused_unless_followed(tmp_path):
    """Finding 8: a link to a file elsewhere (/etc/passwd) is an errors row, not clean_text."""
    src = _docs(tmp_path / "in", a=TEXT)
    secret = _docs(tmp_path / "elsewhere", s=TEXT2) / "s.txt"
    (src / "leak.txt").symlink_to(secret)
    out = tmp_path / "out"
    res = run_extract([src], out, workers=1)
    assert res.n_failed == 1
    errors = read_table(out, "errors").to_pandas()
    assert errors.kind.tolist() == ["link_outside"] and "--follow-links" in errors.message.iloc[0]
    assert read_table(out, "documents").column("doc_id").to_pylist() == ["a"]
    res = run_extract([src], out, workers=1, follow_links=True)
    assert res.n_failed == 0
    assert sorted(read_table(out, "documents").column("doc_id").to_pylist()) == ["a", "leak"]


def test_a_linked_folder_outside_is_refused_unless_followed_and_a_link_loop_ends(tmp_path):
    """Finding 8: a link to a folder elsewhere was skipped without a word, even with --follow-links; now its
    files are refused with errors rows, or read when followed. A link back to the folder is walked once."""
    src = _docs(tmp_path / "in", a=TEXT)
    (src / "linked").symlink_to(_docs(tmp_path / "elsewhere", s=TEXT2), target_is_directory=True)
    (src / "loop").symlink_to(src, target_is_directory=True)
    out = tmp_path / "out"
    res = run_extract([src], out, workers=1)
    errors = read_table(out, "errors").to_pandas()
    assert errors.doc_id.tolist() == ["s"] and errors.kind.tolist() == ["link_outside"]
    assert read_table(out, "documents").column("doc_id").to_pylist() == ["a"] and res.n_failed == 1
    res = run_extract([src], out, workers=1, follow_links=True)
    assert res.n_failed == 0
    assert sorted(read_table(out, "documents").column("doc_id").to_pylist()) == ["a", "s"]


def test_outputs_follow_the_umask(tmp_path):
    """Finding 8 / issue 16: the manifest and parts are group-readable under the usual umask."""
    src = _docs(tmp_path / "in", a=TEXT)
    out = tmp_path / "out"
    code = (f"import os; os.umask(0o022); from pipeline.run.batch import run_extract; "
            f"run_extract([{str(src)!r}], {str(out)!r}, workers=1)")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=300)
    for p in [out / "_manifest.json", *out.rglob("*.parquet")]:
        assert p.stat().st_mode & 0o777 == 0o644, p


@pytest.mark.parametrize("blank", [" \n\t ", "\u3000\u3000\n", "\u00a0\u2003\u200b\n",
                                   "\u205f\u180e\u3000", "\u00ad \n", "\U000e0020\u2028"])
def test_whitespace_only_files_are_one_error(tmp_path, blank):
    src = _docs(tmp_path / "in", a=TEXT, blank=blank)
    res = run_extract([src], tmp_path / "out", workers=1)
    errors = read_table(tmp_path / "out", "errors").to_pandas()
    assert res.n_failed == 1 and errors.kind.tolist() == ["empty"]


def test_a_dropped_zwj_has_a_removed_row_and_keycaps_are_no_digits(tmp_path):
    """Finding 8: through a run, a ZWJ taken out of the text has a removed row at its raw offset, and
    5️⃣0️⃣0️⃣亿元 gives no amount (it gave 1e8)."""
    zwj = "全年完成投资1\u200d2亿元，同比增长5%。\n"
    src = _docs(tmp_path / "in", zwj=zwj, keycap="5️⃣0️⃣0️⃣亿元，同比增长5%。\n")
    out = tmp_path / "out"
    run_extract([src], out, workers=1)
    docs = read_table(out, "documents").to_pandas().set_index("doc_id")
    assert "\u200d" not in docs.clean_text["zwj"]
    removed = read_table(out, "removed").to_pandas()
    at = zwj.index("\u200d")
    assert [(at, at + 1)] == [(r.raw_start, r.raw_end) for r in removed.itertuples()
                              if r.doc_id == "zwj" and r.raw_start <= at < r.raw_end]
    amounts = read_table(out, "amounts").to_pandas()
    assert amounts[amounts.doc_id == "keycap"].text.tolist() == ["5%"]  # the stage ran; the keycaps gave nothing


def test_outdir_adds_and_updates_and_prune_says_how_many_it_dropped(tmp_path):
    """Issue 16: a second run into OUTDIR keeps what was there; --prune drops what was not given."""
    first = _docs(tmp_path / "one", a=TEXT, b=TEXT2)
    second = _docs(tmp_path / "two", c=TEXT + TEXT2)
    out = tmp_path / "out"
    run_extract([first], out, workers=1)
    r = CliRunner().invoke(main, ["extract", str(second), "-o", str(out), "-w", "1"])
    assert r.exit_code == 0, r.output
    assert sorted(read_table(out, "documents").column("doc_id").to_pylist()) == ["a", "b", "c"]
    r = CliRunner().invoke(main, ["extract", str(second), "-o", str(out), "-w", "1", "--prune"])
    assert r.exit_code == 0 and "2 not given and dropped" in r.output, r.output
    assert read_table(out, "documents").column("doc_id").to_pylist() == ["c"]
    for name in DOC_TABLES:  # the folders alone are exact too (what pandas.read_parquet reads)
        ids = set(pq.read_table(out / name).column("doc_id").to_pylist())
        assert ids <= {"c"}, name


def test_summary_counts_extracted_and_failed_apart(tmp_path):
    """Issue 16: one good, one empty, one binary file -> 1 extracted, 2 failed."""
    src = _docs(tmp_path / "in", good=TEXT)
    (src / "empty.txt").write_bytes(b"")
    (src / "bin.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "o"), "-w", "1"])
    assert r.exit_code == 3
    assert "3 documents: 1 extracted, 0 unchanged and skipped, 2 failed" in r.output, r.output


def test_upper_case_txt_and_extra_metadata_columns_are_kept(tmp_path, caplog):
    src = tmp_path / "in"
    src.mkdir()
    (src / "LOUD.TXT").write_text(TEXT, encoding="utf-8")
    meta = tmp_path / "m.csv"
    meta.write_text("doc_id,pub_date,source,city\nLOUD,2023,杭州日报,杭州\nghost,2024,x,y\n", encoding="utf-8")
    run_extract([src], tmp_path / "out", metadata=meta, workers=1)
    docs = read_table(tmp_path / "out", "documents").to_pandas()
    assert docs.doc_id.tolist() == ["LOUD"]
    assert json.loads(docs.extra.iloc[0]) == {"source": "杭州日报", "city": "杭州"}
    assert "ghost" in caplog.text and "match no input file" in caplog.text


def test_eval_exits_1_when_outdir_holds_no_gold_document(tmp_path):
    run_extract([_docs(tmp_path / "in", a=TEXT)], tmp_path / "out", workers=1)
    r = CliRunner().invoke(main, ["eval", str(GOLD), str(tmp_path / "out")])
    assert r.exit_code == 1 and "none of the" in r.output, r.output
