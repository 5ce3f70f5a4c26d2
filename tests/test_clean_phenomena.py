"""The cleaner on each phenomenon of issue #13/#14, case by case, from configs/clean/corpus.jsonl.

tests/test_corpora.py runs the same cases through the whole pipeline and checks
what the clean text holds (whitespace ignored). Here the cleaner alone is held
to the exact clean text (so a sentence rejoined across a page number is one
line, not two) and to the reasons of its removed rows, and every removed row
must map back to the raw text exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.stages.clean import clean
from pipeline.stages.clean.rules import INVISIBLE_RE

CORPUS = Path(__file__).resolve().parent.parent / "configs" / "clean" / "corpus.jsonl"


def _lines(s: str) -> str:
    """NFKC, spaces out, paragraph breaks kept: an expected sentence must not be split."""
    return re.sub(r"[^\S\n]+", "", unicodedata.normalize("NFKC", s))


def _cases() -> list:
    out = []
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("//"):
            out.append(pytest.param(json.loads(line), id=f"clean/corpus.jsonl:{n}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_case_exact(case: dict) -> None:
    raw = case["text"]
    res = clean(raw)
    for r in res.removed:
        assert raw[r.raw_start:r.raw_end] == r.text
    text = _lines(res.text)
    for want in case.get("expect", []):
        assert _lines(want["contains"]) in text, want["contains"]  # within one paragraph
    if "clean" in case:
        assert res.text == case["clean"]
    if "removed" in case:
        assert [r.reason for r in res.removed] == case["removed"]


def test_corpus_covers_every_rule_with_a_negative() -> None:
    """Each rule has at least two positive cases and one negative (constructed or real)."""
    by_rule: dict[str, list[dict]] = {}
    for p in _cases():
        case = p.values[0]
        by_rule.setdefault(case["rule"].split(":")[0].split(" (")[0], []).append(case)
    for rule, cases in by_rule.items():
        neg = [c for c in cases if "negative" in c["source"]]
        assert len(cases) - len(neg) >= 2, rule
        assert neg, rule


@pytest.mark.parametrize("ch", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202a"])
def test_invisible_characters_get_exact_removed_rows(ch: str) -> None:
    raw = f"全年完成投资1{ch}.2亿元，{ch}同比增长5%。\n{ch}\n第二段{ch}。"
    res = clean(raw)
    assert res.text == "全年完成投资1.2亿元，同比增长5%。\n第二段。"
    rows = [r for r in res.removed if r.reason == "invisible"]
    assert [(r.raw_start, r.raw_end) for r in rows] == [(i, i + 1) for i, c in enumerate(raw) if c == ch]
    assert all(not INVISIBLE_RE.search(c) for c in res.text)


def test_every_dropped_character_has_a_row_or_is_a_space() -> None:
    raw = "\ufeff标题\u200d\n\n\u200b\u200b\n  正文\u2060内容，\u3000继续\u00ad。\n"
    res = clean(raw)
    kept = set(res.offmap)
    covered = {k for r in res.removed for k in range(r.raw_start, r.raw_end)}
    for i, c in enumerate(raw):
        assert i in kept or i in covered or c.isspace(), (i, hex(ord(c)))


@pytest.mark.parametrize("raw", ["   ", "\u3000\u3000", "\n\u3000\n\u2003", "\t\u00a0\u3000"])
def test_whitespace_only_is_one_case(raw: str) -> None:
    """Any Unicode space counts as ASCII whitespace: nothing kept, nothing to report
    (the read stage refuses such a file before it reaches the cleaner)."""
    res = clean(raw)
    assert (res.text, res.removed) == ("", [])


def test_only_invisible_input_is_not_silent() -> None:
    raw = "\u200b\u200d\n\ufeff"
    res = clean(raw)
    assert res.text == ""
    assert {r.reason for r in res.removed} == {"invisible"}  # consecutive junk lines of one reason: one row
    assert {k for r in res.removed for k in range(r.raw_start, r.raw_end)} >= {0, 1, 3}
