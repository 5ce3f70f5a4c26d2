"""A folder mixing bad files and good files in every encoding: the run completes, one errors row per bad file.

The bad files are made here, in tmp, rather than committed as binaries.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.run.batch import run_extract
from pipeline.run.schema import EXTRACTION_TABLES
from pipeline.run.store import read_table

TEXT = ("杭州市上城区人民政府2023年5月发布通知。\r\n"
        "力争到2025年，全区数字经济核心产业增加值突破５００亿元，新增企业1.5万余家。\n"
        "浙江大学与之江实验室签约，总投资约3.2亿元。\n")

GOOD = {  # file stem -> bytes; same text in every supported encoding
    "good_utf8": TEXT.encode("utf-8"),
    "good_utf8_bom": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    "good_gb18030": TEXT.encode("gb18030"),
    "good_utf16": TEXT.encode("utf-16"),
    "good_utf16be_bom": b"\xfe\xff" + TEXT.encode("utf-16-be"),
}
BAD_KINDS = {  # file stem -> errors.kind
    "bad_undecodable": "undecodable",
    "bad_binary": "binary",
    "bad_empty": "empty",
    "bad_broken_link": "unreadable",
}


def _make_corpus(folder: Path) -> dict[str, str]:
    """Write the good and bad files; return bad stem -> expected error kind."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, data in GOOD.items():
        (folder / f"{stem}.txt").write_bytes(data)
    (folder / "bad_undecodable.txt").write_bytes(b"caf\xe9 cr\xe8me br\xfbl\xe9e, 5\x80 \xff\xfe\xfd\n" * 3)
    (folder / "bad_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (folder / "bad_empty.txt").write_bytes(b"")
    (folder / "bad_broken_link.txt").symlink_to(folder / "does_not_exist.txt")
    (folder / "sub.txt").mkdir()  # a folder named like a document: walked, not an error
    bad = dict(BAD_KINDS)
    if os.geteuid() != 0:  # root reads anything, so only an ordinary user can test mode 000
        p = folder / "bad_mode000.txt"
        p.write_text(TEXT, encoding="utf-8")
        p.chmod(0)
        bad["bad_mode000"] = "unreadable"
    return bad


def _table(out: Path, name: str) -> pd.DataFrame:
    return read_table(out, name).to_pandas()


def _without_doc(df: pd.DataFrame) -> list[tuple]:
    """Rows without their document's name (row ids such as ``good_utf8:amounts:0`` carry it too)."""
    cols = [c for c in df.columns if c not in ("doc_id",)]
    ids = set(df.doc_id)
    name = f"{ids.pop()}:" if len(ids) == 1 else None
    return [tuple(str(v).replace(name, "DOC:") if name else str(v) for v in r)
            for r in df[cols].itertuples(index=False)]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_corpus")
    bad = _make_corpus(root / "in")
    out = root / "out"
    res = run_extract([root / "in"], out, workers=1)
    yield bad, res, out
    for p in (root / "in").glob("*.txt"):
        if not p.is_symlink() and p.is_file():
            p.chmod(0o644)


def test_run_completes_with_one_error_row_per_bad_file(corpus_run):
    bad, res, out = corpus_run
    assert res.n_docs == len(GOOD) + len(bad)
    assert res.n_failed == len(bad)
    errors = _table(out, "errors")
    assert sorted(errors.doc_id) == sorted(bad)
    for r in errors.itertuples():
        assert r.kind == bad[r.doc_id], (r.doc_id, r.kind, r.message)
        assert r.stage == "read"
        assert r.doc_id in r.message and r.source_path.endswith(f"{r.doc_id}.txt")
    docs = _table(out, "documents")
    assert sorted(docs.doc_id) == sorted(GOOD)


def test_good_files_give_the_same_tables_whatever_their_encoding(corpus_run):
    _, _, out = corpus_run
    docs = _table(out, "documents").set_index("doc_id")
    assert docs.encoding.to_dict() == {
        "good_utf8": "utf-8", "good_utf8_bom": "utf-8-sig", "good_gb18030": "gb18030",
        "good_utf16": "utf-16-le", "good_utf16be_bom": "utf-16-be"}
    assert docs.clean_text.nunique() == 1 and docs.n_chars_raw.nunique() == 1
    for name in (*EXTRACTION_TABLES, "sentences", "removed"):
        df = _table(out, name)
        ref = _without_doc(df[df.doc_id == "good_utf8"])
        if name in ("organizations", "amounts", "dates", "sentences"):
            assert ref or name == "organizations", f"the reference document has no {name}"
        for stem in GOOD:
            assert _without_doc(df[df.doc_id == stem]) == ref, (name, stem)


def test_cli_exits_3_and_logs_each_bad_file_with_what_to_do(tmp_path, caplog):
    bad = _make_corpus(tmp_path / "in")
    caplog.set_level(logging.ERROR, logger="pipeline")
    try:
        result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    finally:
        for p in (tmp_path / "in").glob("bad_mode000.txt"):
            p.chmod(0o644)
    assert result.exit_code == 3, result.output
    assert f"{len(bad)} document(s) failed" in result.output
    assert "errors" in result.output
    logged = "\n".join(r.getMessage() for r in caplog.records)
    hints = {"undecodable": "re-save it as UTF-8", "binary": "text files only", "empty": "remove it or give it text",
             "unreadable": "cannot be read"}
    for stem, kind in bad.items():
        line = next((m for m in logged.splitlines() if f"{stem}.txt" in m), None)
        assert line is not None, f"no log line names {stem}.txt"
        assert hints[kind] in line, line
    assert len(_table(tmp_path / "out", "errors")) == len(bad)


def test_cli_exits_0_when_every_document_is_fine(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(GOOD["good_gb18030"])
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert _table(tmp_path / "out", "errors").empty


def test_a_stage_crash_is_isolated_to_its_document(tmp_path, monkeypatch):
    """An exception inside one stage for one document: recorded with its traceback, the batch goes on."""
    import pipeline.run.task as process

    real = process.extract_amounts

    def flaky_amounts(text, *args, **kwargs):
        if "CRASHME" in text:
            raise RuntimeError("simulated stage failure")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(process, "extract_amounts", flaky_amounts)
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in ("a_ok", "b_crash", "c_ok"):
        text = TEXT.replace("浙江大学", "CRASHME浙江大学") if stem == "b_crash" else TEXT
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    res = run_extract([folder], tmp_path / "out", workers=1)  # in-process, so the monkeypatch applies
    assert (res.n_docs, res.n_failed) == (3, 1)
    errors = _table(tmp_path / "out", "errors")
    assert errors.doc_id.tolist() == ["b_crash"]
    row = errors.iloc[0]
    assert row.kind == "exception" and "simulated stage failure" in row.message
    assert "flaky_amounts" in row.traceback and "RuntimeError" in row.traceback
    assert sorted(_table(tmp_path / "out", "documents").doc_id) == ["a_ok", "c_ok"]
    amounts = _table(tmp_path / "out", "amounts")
    assert set(amounts.doc_id) == {"a_ok", "c_ok"}  # no partial rows of the failed document

    result = CliRunner().invoke(main, ["extract", str(folder), "-o", str(tmp_path / "out2"), "-w", "1"])
    assert result.exit_code == 3


def test_real_cli_process_prints_each_bad_file_to_stderr(tmp_path):
    """What a researcher sees in the terminal: one line per bad file, with the fix, and exit code 3."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_bytes(GOOD["good_utf16"])
    (folder / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (folder / "latin1.txt").write_bytes("Café crème".encode("latin-1"))
    r = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(folder), "-o", str(tmp_path / "out"),
                        "-w", "1", "--no-progress"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 3, r.stderr
    lines = r.stderr.splitlines()
    assert any("scan.txt" in ln and "pdftotext" in ln for ln in lines), r.stderr
    assert any("latin1.txt" in ln and "re-save it as UTF-8" in ln for ln in lines), r.stderr
    assert "2 document(s) failed" in r.stderr
