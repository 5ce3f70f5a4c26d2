"""The review page: every extraction highlighted at its exact span, values on hover, escaped, self-contained.

The page is also opened in headless Chromium (skipped when /usr/bin/chromium is
missing): the rendered DOM must hold every entity kind, and the screenshots are
kept under tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pipeline.cli import main
from pipeline.run.store import TableStore
from pipeline.tools.review import KINDS, Span, build_review, read_table, render_spans

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"

TEXT = ("杭州市上城区人民政府办公室印发<通知>&说明。\n"
        "力争到2025年，全区数字经济核心产业增加值突破500亿元，新增企业1.5万余家。\n"
        "浙江大学杭州国际科创中心与之江实验室签约，总投资约3.2亿元。")


def _at(s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def _row(s: str, **kw) -> dict:
    start, end = _at(s)
    return {"doc_id": "d1", "text": s, "start": start, "end": end, "raw_start": start, "raw_end": end,
            "sentence": None, **kw}


T1 = "力争到2025年，全区数字经济核心产业增加值突破500亿元"
T2 = T1 + "，新增企业1.5万余家"
ROWS = {
    "documents": [{"doc_id": "d1", "source_path": "in/d1.txt", "sha256": "0" * 64, "pub_date": "2024-03-01",
                   "clean_text": TEXT, "n_chars_raw": len(TEXT) + 12, "n_chars_clean": len(TEXT),
                   "encoding": "gb18030", "pub_date_source": "metadata", "n_sentences": 3},
                  {"doc_id": "d2", "clean_text": "另一篇。"}],
    "organizations": [
        _row("杭州市上城区人民政府办公室", name='上城区政府办"<script>alert(1)</script>', type="government"),
        _row("浙江大学杭州国际科创中心", name="浙江大学杭州国际科创中心", type="research"),
        _row("浙江大学", name="浙江大学", type="research"),  # nested in the previous one
        _row("之江实验室", name="之江实验室", type="research"),
    ],
    "amounts": [
        _row("突破500亿元", value=5e10, unit="CNY", quantity="money", qualifier="over"),
        _row("1.5万余家", value=15000.0, unit="家", quantity="count", qualifier="over"),
        _row("约3.2亿元", value=3.2e8, unit="CNY", quantity="money", qualifier="about"),
        {"doc_id": "d1", "text": "幽灵", "start": None, "end": None},  # no span: listed as a note, not drawn
    ],
    "dates": [
        _row("2025年", value="2025", relative=False),
        _row("签约，总投资约", value=None, relative=True),  # crosses the start of 约3.2亿元: must be split
    ],
    "targets": [
        _row(T1, trigger="力争", target_kind="goal", metric="数字经济核心产业增加值", value_text="突破500亿元",
             value=5e10, unit="CNY", qualifier="over", deadline_text="到2025年", deadline="2025"),
        _row(T2, trigger="力争", target_kind="goal", metric="新增企业", value_text="1.5万余家",
             value=15000.0, unit="家", qualifier="over", deadline_text="到2025年", deadline="2025"),
        _row(T2, trigger="力争", target_kind="goal", metric="新增企业(重复行)", value_text=None,
             value=None, unit=None, qualifier=None, deadline_text="到2025年", deadline="2025"),
    ],
    "removed": [
        {"doc_id": "d1", "raw_start": 3, "raw_end": 9, "text": "<b>页眉</b>\n", "reason": "page_header"},
        {"doc_id": "d1", "raw_start": 40, "raw_end": 46, "text": "图 供图", "reason": "caption"},
        {"doc_id": "d2", "raw_start": 0, "raw_end": 2, "text": "其他文档", "reason": "caption"},
    ],
    "articles": [{"doc_id": "d1", "article_index": 0, "title": "标题", "byline": None, "start": 0,
                  "end": len(TEXT), "raw_start": 0, "raw_end": len(TEXT)}],
}


class _Dom(HTMLParser):
    """Text of every highlight piece by data-id, the text of the .doc block, and tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.by_id: dict[str, str] = defaultdict(str)
        self.kind_of: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.doc_text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag in ("meta", "input", "br", "link", "img"):
            return
        self.stack.append((tag, a))
        if tag == "span" and "data-id" in a:
            self.kind_of[a["data-id"]] = a["class"].split()[1][2:]
            self.titles[a["data-id"]] = a["title"]

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data):
        in_doc = any(t == "div" and a.get("class") == "doc" for t, a in self.stack)
        if in_doc:
            self.doc_text += data
            for t, a in self.stack:
                if t == "span" and "data-id" in a:
                    self.by_id[a["data-id"]] += data


def _parse(page: str) -> _Dom:
    d = _Dom()
    d.feed(page)
    d.close()
    assert not d.stack, "unclosed tags"
    return d


@pytest.fixture(scope="module")
def synth_outdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review_out")
    TableStore(out).write_batch(ROWS, ["d1", "d2"])  # the layout of an extract run
    return out


@pytest.fixture(scope="module")
def page(synth_outdir) -> str:
    return build_review(synth_outdir, "d1")


def test_every_span_is_highlighted_exactly(page):
    dom = _parse(page)
    assert dom.doc_text == TEXT  # the clean text, nothing added or lost
    got = defaultdict(set)
    for ident, txt in dom.by_id.items():
        got[dom.kind_of[ident]].add(txt)
    for kind, table in (("organization", "organizations"), ("amount", "amounts"), ("date", "dates"),
                        ("target", "targets")):
        want = {r["text"] for r in ROWS[table] if r.get("start") is not None}
        assert got[kind] == want, kind
    assert "幽灵" in page and "has no span" in page


def test_hover_titles_show_normalized_values(page):
    dom = _parse(page)
    titles = {dom.by_id[i]: t for i, t in dom.titles.items()}
    assert "value: 50,000,000,000 CNY" in titles["突破500亿元"] and "qualifier: over" in titles["突破500亿元"]
    assert "value: 320,000,000 CNY" in titles["约3.2亿元"] and "qualifier: about" in titles["约3.2亿元"]
    assert "value: 2025" in titles["2025年"]
    assert "value: unresolved (relative)" in titles["签约，总投资约"]
    assert "type: government" in titles["杭州市上城区人民政府办公室"]
    assert 'name: 上城区政府办"<script>alert(1)</script>' in titles["杭州市上城区人民政府办公室"]
    assert "metric: 数字经济核心产业增加值" in titles[T1] and "deadline: 2025 (到2025年)" in titles[T1]
    # two target rows on one clause are one highlight with both descriptions
    assert "metric: 新增企业\n" in titles[T2] and "metric: 新增企业(重复行)" in titles[T2]


def test_crossing_spans_are_split_and_nested_ones_kept_whole(page):
    pieces = defaultdict(int)
    for line in page.split('data-id="')[1:]:
        pieces[line.split('"', 1)[0]] += 1
    dom = _parse(page)
    ident = {txt: i for i, txt in dom.by_id.items()}
    assert pieces[ident["签约，总投资约"]] == 1 and pieces[ident["约3.2亿元"]] == 2  # the later, inner one splits
    assert pieces[ident["浙江大学"]] == 1 and pieces[ident["浙江大学杭州国际科创中心"]] == 1
    assert pieces[ident[T2]] == 1 and pieces[ident[T1]] == 1


def test_everything_is_escaped_and_self_contained(page):
    assert "<script>alert" not in page and "&lt;通知&gt;&amp;说明" in page
    assert page.count("<script>") == 1  # ours, inline
    for needle in ("http://", "https://", " src=", "<link", "@import", "url("):
        assert needle not in page, needle
    assert "&lt;b&gt;页眉&lt;/b&gt;" in page and "page_header: 1" in page and "caption: 1" in page
    assert "其他文档" not in page  # another document's removed text


def test_cli_review_writes_the_page_and_explains_unknown_ids(synth_outdir, tmp_path):
    out = tmp_path / "sub" / "d1.html"
    r = CliRunner().invoke(main, ["review", "d1", "-o", str(out), "--outdir", str(synth_outdir)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = CliRunner().invoke(main, ["review", "d", "-o", str(out), "--outdir", str(synth_outdir)])
    assert r.exit_code == 1 and "did you mean" in r.output
    r = CliRunner().invoke(main, ["review", "d1", "-o", str(out), "--outdir", str(tmp_path / "nothing")])
    assert r.exit_code == 1 and "extract" in r.output


def test_review_of_a_document_without_extractions(synth_outdir):
    dom = _parse(build_review(synth_outdir, "d2"))
    assert dom.doc_text == "另一篇。" and not dom.by_id


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab<&\n中文", min_size=1, max_size=30).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.tuples(
        st.sampled_from(KINDS), st.integers(0, len(t) - 1), st.integers(1, len(t))), max_size=8))))
def test_render_spans_property(case):
    """Any set of spans, crossing or not: balanced tags, plain text preserved, each span's pieces spell it."""
    text, raw = case
    spans = [Span(k, s, e, f"t{i}", f"{k}-{i}") for i, (k, s, e) in enumerate(raw) if s < e]
    html_doc = f'<div class="doc">{render_spans(text, spans)}</div>'
    dom = _parse(html_doc)
    assert dom.doc_text == text
    for sp in spans:
        assert dom.by_id[sp.ident] == text[sp.start:sp.end]


def _chromium(args: list[str], url: str, tmp: Path) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp / 'chrome-profile'}", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def _render_in_chromium(html_path: Path, png: Path, tmp: Path) -> str:
    dom = _chromium(["--dump-dom"], html_path.as_uri(), tmp)
    assert dom.returncode == 0, dom.stderr[-2000:]
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    shot = _chromium([f"--screenshot={png}", "--window-size=1200,1600"], html_path.as_uri(), tmp)
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    return dom.stdout


needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
                                    reason="chromium not installed (make tests-deps installs it)")


@needs_chromium
def test_page_renders_in_headless_chromium(synth_outdir, tmp_path):
    html_path = tmp_path / "review_synthetic.html"
    html_path.write_text(build_review(synth_outdir, "d1"), encoding="utf-8")
    dom = _render_in_chromium(html_path, ARTIFACTS / "review_synthetic.png", tmp_path)
    for kind in KINDS:
        assert f'class="e e-{kind}" data-id=' in dom, kind
    parsed = _parse(dom.replace("<!DOCTYPE html>", ""))
    assert parsed.doc_text == TEXT
    shutil.copy(html_path, ARTIFACTS / "review_synthetic.html")


@needs_chromium
@pytest.mark.slow
def test_seed_document_review_renders(seed_outputs, tmp_path):
    doc_id = "004_2b47e149472050a6"
    html_path = tmp_path / f"review_{doc_id}.html"
    r = CliRunner().invoke(main, ["review", doc_id, "-o", str(html_path), "--outdir", str(seed_outputs)])
    assert r.exit_code == 0, r.output
    dom = _render_in_chromium(html_path, ARTIFACTS / "review_seed.png", tmp_path)
    for kind, table in (("organization", "organizations"), ("amount", "amounts"), ("date", "dates"),
                        ("target", "targets")):
        if len(read_table(seed_outputs, table, doc_id)):
            assert f'class="e e-{kind}" data-id=' in dom, kind
    shutil.copy(html_path, ARTIFACTS / "review_seed.html")
