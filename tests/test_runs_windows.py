"""Long documents in bounded windows (issue 14): exact provenance, ids, links, and the size guard."""

from __future__ import annotations

import tempfile

import pyarrow as pa
import pytest
from test_outputs import _df, _raw_texts, _raw_without_removed, _removed_spans, _squash

from conftest import SEEDS
from pipeline.core.config import load_config
from pipeline.run.batch import run_extract
from pipeline.run.schema import EXTRACTION_TABLES
from pipeline.run.store import SpilledTable, load_spilled, read_table
from pipeline.run.task import DocFailure, DocOutput
from pipeline.run.windows import cut_points, process_windowed
from pipeline.stages.read.decode import SourceDoc

WINDOW = 1200  # the seeds are 3k-78k characters: every one is cut into several windows


def _cfg(**run) -> dict:
    cfg = load_config()
    cfg["run"].update(run)
    return cfg


@pytest.fixture(scope="module")
def windowed(tmp_path_factory):
    out = tmp_path_factory.mktemp("windowed")
    spill = tmp_path_factory.mktemp("spill")
    with pytest.MonkeyPatch.context() as mp:  # the workers' temporary folder, to see it emptied
        mp.setenv("TMPDIR", str(spill))
        mp.setattr(tempfile, "tempdir", None)
        res = run_extract([SEEDS], out, metadata=SEEDS / "metadata.csv", cfg=_cfg(window_chars=WINDOW), workers=1)
    assert res.n_failed == 0
    assert not list(spill.glob("pipeline-windows-*")), "the windows' spill files must be deleted once written"
    return out


def test_cut_points_prefer_line_breaks_then_sentence_ends_then_the_window_end():
    lines = "\n".join(["甲" * 30] * 10)  # 309 characters in lines of 31 with their break
    cuts = cut_points(lines, 100)
    assert cuts[0] == 0 and cuts[-1] == len(lines)
    assert all(0 < b - a <= 100 for a, b in zip(cuts, cuts[1:]))
    assert all(lines[c - 1] == "\n" for c in cuts[1:-1])
    prose = "乙" * 70 + "。" + "乙" * 200
    assert cut_points(prose, 100)[1] == 71  # after the sentence end
    line = "丙" * 250
    assert cut_points(line, 100) == [0, 100, 200, 250]  # nothing to cut at: the window's end
    assert cut_points("短", 100) == [0, 1]


def test_windowed_seeds_are_cut(windowed):
    docs = _df(windowed, "documents")
    assert (docs.n_chars_raw > 2 * WINDOW).all()  # so each is cut at least twice
    assert list(docs.n_sentences) == [int((_df(windowed, "sentences").doc_id == d).sum()) for d in docs.doc_id]


@pytest.mark.parametrize("table", [*EXTRACTION_TABLES, "sentences", "articles"])
def test_windowed_rows_map_back_to_the_raw_source(windowed, table):
    raws = _raw_texts()
    removed = _removed_spans(windowed)
    docs = _df(windowed, "documents")
    clean = dict(zip(docs.doc_id, docs.clean_text))
    df = _df(windowed, table)
    assert len(df)
    bad = []
    for r in df.itertuples():
        # an article is checked by its whole clean text; every other row by its own text
        text = clean[r.doc_id][r.start:r.end] if table == "articles" else r.text
        assert clean[r.doc_id][r.start:r.end] == text, (table, text)
        raw = raws[r.doc_id]
        if _squash(raw[r.raw_start:r.raw_end]) == _squash(text):
            continue
        cut = _raw_without_removed(raw, r.raw_start, r.raw_end, removed.get(r.doc_id, []))
        if _squash(cut) != _squash(text):
            bad.append((r.doc_id, text[:80], raw[r.raw_start:r.raw_end][:80]))
    assert not bad, bad[:5]


def test_windowed_removed_rows_name_the_raw_text(windowed):
    raws = _raw_texts()
    for r in _df(windowed, "removed").itertuples():
        assert raws[r.doc_id][r.raw_start:r.raw_end] == r.text


def test_windowed_ids_indexes_and_links_are_the_documents(windowed):
    sents = _df(windowed, "sentences")
    spans = {(r.doc_id, r.sentence_index): (r.start, r.end) for r in sents.itertuples()}
    for _d, g in sents.groupby("doc_id"):
        assert list(g.sentence_index) == list(range(len(g)))
    n_articles = _df(windowed, "articles").groupby("doc_id").size().to_dict()
    for table in ("amounts", "dates", "organizations", "targets", "places"):
        df = _df(windowed, table)
        for d, g in df.groupby("doc_id"):
            assert list(g.row_id) == [f"{d}:{table}:{n}" for n in range(len(g))]
        for r in df.itertuples():
            if r.sentence_index is not None and r.sentence_index == r.sentence_index:
                a, b = spans[(r.doc_id, int(r.sentence_index))]
                assert a <= r.start < b, (table, r.text)
            assert 0 <= r.article_index < n_articles[r.doc_id]
    amounts = _df(windowed, "amounts").set_index("row_id")
    targets = _df(windowed, "targets")
    linked = targets[targets.amount_id.notna()]
    assert len(linked) > 20
    for t in linked.itertuples():
        assert amounts.loc[t.amount_id, "sentence_index"] == t.sentence_index


def test_windows_cut_at_line_breaks_keep_amounts_dates_and_most_targets(windowed, seed_outputs):
    """A cut between a goal list's lead clause (or a section's deadline) and its goals loses them:
    1,200-character windows cut every section of the seeds; the default window is 1,000,000."""
    key = ["doc_id", "raw_start", "raw_end", "text", "value"]
    for table, share in (("amounts", 0.99), ("dates", 0.98), ("targets", 0.9)):
        whole = _df(seed_outputs, table)[key].astype(str)
        cut = _df(windowed, table)[key].astype(str)
        common = len(whole.merge(cut))
        assert common >= share * len(whole), (table, common, len(whole))


class _FailingSecondWindow:
    """A processor whose stages fail on the second window of a document."""

    def __init__(self) -> None:
        self.calls = 0

    def process_many(self, docs, carry=None):
        self.calls += 1
        if self.calls == 2:
            return [DocFailure(docs[0], "targets", ValueError("broken rule"))]
        return [DocOutput(docs[0], {"documents": [{"clean_text": docs[0].raw}]}, {"clean": 0.1})]


def test_a_failing_window_fails_its_document_with_the_stage(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    doc = SourceDoc("d", "d.txt", "甲\n" * 50, "0", "utf-8", None, None)
    out = process_windowed(_FailingSecondWindow(), doc, 40)  # type: ignore[arg-type]
    assert isinstance(out, DocFailure) and out.stage == "targets" and out.doc is doc
    assert not list(tmp_path.glob("pipeline-windows-*"))  # nothing spilled is kept


def test_spilled_tables_stream_back_and_are_deleted(tmp_path):
    t = pa.table({"a": [1, 2, 3]})
    sp = SpilledTable()
    sp.add(t, tmp_path / "w0.arrow")
    sp.add(t.slice(1), tmp_path / "w1.arrow")
    assert len(sp) == 5 and [x.num_rows for x in sp.tables()] == [3, 2]
    other = SpilledTable()
    other.add(t, tmp_path / "w0-dates.arrow")  # another table of the same document, same folder
    rows = load_spilled({"documents": [{"doc_id": "d"}], "amounts": sp, "dates": other})  # what Dask returns
    assert rows["amounts"].column("a").to_pylist() == [1, 2, 3, 2, 3] and rows["documents"] == [{"doc_id": "d"}]
    assert rows["dates"].num_rows == 3
    assert not tmp_path.exists()


def test_a_document_over_max_doc_chars_is_refused_and_the_rest_extracted(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text("丁" * 5000, encoding="utf-8")
    (src / "small.txt").write_text((SEEDS / "004_2b47e149472050a6.txt").read_text(encoding="utf-8"), encoding="utf-8")
    res = run_extract([src], tmp_path / "out", cfg=_cfg(max_doc_chars=4000), workers=1)
    assert (res.n_done, res.n_failed) == (1, 1)
    err = read_table(tmp_path / "out", "errors").to_pylist()
    assert [(e["doc_id"], e["kind"]) for e in err] == [("big", "too_large")]
    assert "run.max_doc_chars" in err[0]["message"] and "big.txt" in err[0]["message"]
    assert list(_df(tmp_path / "out", "documents").doc_id) == ["small"]


def test_an_article_running_past_a_window_cut_stays_one_article(windowed, seed_outputs):
    """A window's first article continues the previous window's last one unless it opens with a byline or the
    previous window's last line carried the end mark: the seeds' articles come out as from the whole text."""
    key = ["doc_id", "article_index", "title", "byline"]
    whole = _df(seed_outputs, "articles")
    cut = _df(windowed, "articles")
    assert len(cut) == len(whole)
    assert cut[key].astype(str).values.tolist() == whole[key].astype(str).values.tolist()
    for _d, g in cut.groupby("doc_id"):  # the articles tile the document's clean text
        assert list(g.start)[0] == 0 and list(g.start)[1:] == list(g.end)[:-1]


def test_windows_keep_the_organizations_of_the_whole_text(windowed, seed_outputs):
    """Names found in the earlier windows are looked for in the later ones: 802 of the 817 organization rows
    of the whole seeds come out of 1,200-character windows (771 when each window stood alone)."""
    key = ["doc_id", "raw_start", "raw_end", "text"]
    whole = _df(seed_outputs, "organizations")[key].astype(str)
    cut = _df(windowed, "organizations")[key].astype(str)
    assert len(whole.merge(cut)) >= 0.97 * len(whole)


def test_a_name_found_in_an_earlier_window_is_tagged_in_the_later_ones(tmp_path):
    """The organization names of the earlier windows (and their 简称) are looked for in the next ones."""
    head = "浙江省能源集团有限公司（以下简称“浙能”）今年投资120亿元建设储能电站。\n"
    tail = "明年，浙能还将新建光伏项目50个。\n"
    filler = "全省经济运行总体平稳，发展质量稳步提升。\n" * 60
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_text(head + filler + tail, encoding="utf-8")
    for window, out in ((1_000_000, tmp_path / "whole"), (600, tmp_path / "cut")):
        res = run_extract([src], out, cfg=_cfg(window_chars=window), workers=1, progress=False)
        assert res.n_failed == 0
    whole, cut = _df(tmp_path / "whole", "organizations"), _df(tmp_path / "cut", "organizations")
    assert _df(tmp_path / "cut", "documents").n_chars_raw.iloc[0] > 2 * 600  # cut at least twice
    assert list(whole.text).count("浙能") == 2 and list(cut.text) == list(whole.text)
    assert list(cut.raw_start) == list(whole.raw_start)


def _whole_and_windows(raw: str, window: int, pub: str = "2025-01-15") -> tuple[dict, dict]:
    """One document processed whole and in windows of ``window`` characters (rows as lists of dicts)."""
    from pipeline.run.task import DocumentProcessor

    proc = DocumentProcessor(load_config())
    doc = SourceDoc("d", "d.txt", raw, "0", "utf-8", pub, None)
    out = process_windowed(proc, doc, window)
    assert isinstance(out, DocOutput), out
    rows = {k: (v.to_pylist() if isinstance(v, pa.Table) else v) for k, v in load_spilled(out.rows).items()}
    assert len(cut_points(raw, window)) > 2  # cut at least once
    return proc.process(doc), rows


def _articles(rows: dict) -> list[tuple]:
    return [(a["article_index"], a["title"], a["byline"], a["start"], a["end"]) for a in rows["articles"]]


def test_a_window_cut_before_a_title_and_byline_starts_a_new_article():
    body = "全省经济运行总体平稳，发展质量稳步提升，各项工作取得新进展。\n"
    raw = "第一篇文章的标题\n本刊记者 张三\n" + body * 8 + "数字经济发展的新路径\n本刊记者 李四\n" + body * 8
    whole, cut = _whole_and_windows(raw, raw.index("本刊记者 李四") + 3)
    assert len(whole["articles"]) == 2 and [a[:3] for a in _articles(cut)] == [a[:3] for a in _articles(whole)]


def test_a_window_of_blank_lines_or_junk_is_no_article_and_fails_nothing():
    body = "".join(f"浙江省第{i}季度全省经济运行总体平稳，发展质量稳步提升，实现增长{i}.5%。\n" for i in range(15))
    whole, cut = _whole_and_windows(body + "\n" * 60, 600)
    assert _articles(cut) == _articles(whole)
    assert cut["documents"][0]["clean_text"] == whole["documents"][0]["clean_text"]


def test_the_end_mark_before_a_junk_line_ends_the_article_at_the_cut():
    body = "全省经济运行总体平稳，发展质量稳步提升，各项工作取得新进展。\n"
    head = body * 9 + "各项工作取得新进展。■\n\n〚 〛Hot 杭州科技 2020年第2期02 热 点\n"
    raw = head + body * 9
    whole, cut = _whole_and_windows(raw, len(head) + 40)
    assert len(whole["articles"]) == 2 and [a[:3] for a in _articles(cut)] == [a[:3] for a in _articles(whole)]


def test_a_cut_inside_a_paragraph_keeps_its_reference_year():
    fill = "".join(f"全省经济运行总体平稳，发展质量稳步提升第{i}项。" for i in range(30))
    raw = "2023年，全省实现生产总值8万亿元。" + fill + "3月，全省启动数字经济创新提质行动。\n"
    whole, cut = _whole_and_windows(raw, 600)
    assert [(d["text"], d["value"]) for d in cut["dates"]] == [(d["text"], d["value"]) for d in whole["dates"]]
    assert ("3月", "2023-03") in [(d["text"], d["value"]) for d in cut["dates"]]


def test_a_brand_short_name_of_a_body_found_in_an_earlier_window_is_tagged():
    filler = "".join(f"全省经济运行总体平稳，发展质量稳步提升第{i}项。\n" for i in range(30))
    raw = "杭州启衡生物技术有限公司今年投资120亿元建设研发中心。\n" + filler + "明年，启衡还将新建生产线5条。\n"
    whole, cut = _whole_and_windows(raw, 600)
    orgs = [(o["raw_start"], o["text"], o["name"]) for o in whole["organizations"]]
    assert any(t == "启衡" for _, t, _ in orgs)
    assert [(o["raw_start"], o["text"], o["name"]) for o in cut["organizations"]] == orgs
