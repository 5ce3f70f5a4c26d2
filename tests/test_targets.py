"""Targets stage: the hand-written case set (tests/data/targets_cases.jsonl) and contract checks.

Each case carries the quantities and dates the earlier stages should hand over,
so the stage is tested on its own (hand mode) and, when pipeline.stages.amounts.grammar and
pipeline.stages.dates.grammar are present, through the real stages (real mode).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from pipeline.core.records import Amount, DateMention
from pipeline.stages.sentences.split import split_sentences
from pipeline.stages.targets.extract import extract_targets

CASES_PATH = Path(__file__).parent / "data" / "targets_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]

# Share of cases that must pass through the real amounts/dates stages. Misses
# there come from the upstream stages' readings of a quantity (listed on failure).
REAL_MODE_FLOOR = 0.85


def _locate(text: str, piece: str, start: int) -> tuple[int, int]:
    i = text.find(piece, start)
    if i < 0:
        i = text.find(piece)
    assert i >= 0, f"{piece!r} not in {text!r}"
    return i, i + len(piece)


def _hand_inputs(case: dict) -> tuple[list[Amount], list[DateMention]]:
    text = case["text"]
    amounts, pos = [], 0
    for t, value, vmax, unit, quantity, qual in case["amounts"]:
        s, e = _locate(text, t, pos)
        pos = e
        amounts.append(Amount(s, e, t, value, vmax, unit, quantity, qual))
    # Deadlines come from the dates stage's mentions (the targets stage keeps no date grammar), so the
    # dates are the dates stage's own; the case's hand-written "dates" must be among them.
    _, dates = _real_inputs(text, case["pub_date"])
    for t, _value in case["dates"]:
        s, _e = _locate(text, t, 0)
        assert any(d.start <= s < d.end or s <= d.start < s + len(t) for d in dates), f"dates stage lacks {t!r}"
    return amounts, dates


def _real_inputs(text: str, pub: str | None) -> tuple[list[Amount], list[DateMention]]:
    amounts_mod = pytest.importorskip("pipeline.stages.amounts.grammar")
    dates_mod = pytest.importorskip("pipeline.stages.dates.grammar")
    amounts: list[Amount] = []
    dates: list[DateMention] = []
    for s in split_sentences(text):
        ds = dates_mod.extract_dates(s.text, pub)
        am = amounts_mod.extract_amounts(s.text, exclude=[(d.start, d.end) for d in ds])
        for r in ds + am:
            r.start += s.start
            r.end += s.start
        dates += ds
        amounts += am
    return amounts, dates


def _key(value, unit, kind, deadline) -> tuple:
    v = None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 6)
    return (v, unit if v is not None else None, kind, deadline)


def _squash(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def _check(case: dict, targets) -> list[str]:
    """Problems with ``targets`` against the case's expected rows (empty = pass)."""
    problems = []
    pred = [(_key(t.value, t.unit, t.target_kind, t.deadline), t) for t in targets]
    used: set[int] = set()
    for exp in case["expect"]:
        k = _key(exp["value"], exp["unit"], exp["kind"], exp["deadline"])
        hit = next((i for i, (pk, _) in enumerate(pred) if i not in used and pk == k), None)
        if hit is None:
            problems.append(f"missing {k}")
            continue
        used.add(hit)
        t = pred[hit][1]
        if "metric" in exp and _squash(t.metric) != _squash(exp["metric"]):
            problems.append(f"metric of {k}: {t.metric!r} != {exp['metric']!r}")
        if "qualifier" in exp and t.qualifier != exp["qualifier"]:
            problems.append(f"qualifier of {k}: {t.qualifier!r} != {exp['qualifier']!r}")
    for i, (pk, t) in enumerate(pred):
        if i not in used:
            problems.append(f"extra {pk} {t.text!r}")
    return problems


def _run(case: dict, real: bool):
    text, pub = case["text"], case["pub_date"]
    amounts, dates = _real_inputs(text, pub) if real else _hand_inputs(case)
    return extract_targets(text, split_sentences(text), amounts, dates, pub)


def test_case_set_is_large_and_covers_every_class():
    assert len(CASES) >= 40
    kinds = {e["kind"] for c in CASES for e in c["expect"]}
    assert kinds == {"goal", "plan", "forecast"}
    assert sum(1 for c in CASES if not c["expect"]) >= 10  # negatives
    assert sum(1 for c in CASES for e in c["expect"] if e["value"] is None) >= 8  # deadline-only


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_hand_inputs(case):
    problems = _check(case, _run(case, real=False))
    assert not problems, f"{case['id']}: {case['text']}\n" + "\n".join(problems)


def test_cases_through_real_stages():
    results = {c["id"]: _check(c, _run(c, real=True)) for c in CASES}
    failed = {k: v for k, v in results.items() if v}
    share = 1 - len(failed) / len(CASES)
    report = "\n".join(f"{k}: {'; '.join(v)}" for k, v in failed.items())
    assert share >= REAL_MODE_FLOOR, f"pass share {share:.2f} < {REAL_MODE_FLOOR}\n{report}"


def test_guideline_example():
    text = "力争年内招引未来产业领域企业100家以上，产业规模突破100亿元。"
    a1 = Amount(text.index("100家以上"), text.index("100家以上") + 6, "100家以上", 100, None, "家", "count", "over")
    s2 = text.index("突破100亿元")
    a2 = Amount(s2, s2 + 7, "突破100亿元", 1e10, None, "CNY", "money", "over")
    dates = _real_inputs(text, "2024-06")[1]  # 年内: the dates stage's mention
    out = extract_targets(text, split_sentences(text), [a1, a2], dates, "2024-06")
    assert [(t.trigger, t.target_kind, t.metric, t.value, t.unit, t.qualifier, t.deadline_text, t.deadline)
            for t in out] == [
        ("力争", "goal", "招引未来产业领域企业", 100, "家", "over", "年内", "2024"),
        ("力争", "goal", "产业规模", 1e10, "CNY", "over", "年内", "2024"),
    ]
    for t in out:
        assert t.text == text[t.start:t.end]
        assert t.value_text in t.text


def test_offsets_are_document_offsets():
    """Rows point into the whole text, past earlier paragraphs."""
    text = "第一段没有目标。\n园区计划今年引进高层次人才200名。"
    s = text.index("200名")
    out = extract_targets(text, split_sentences(text), [Amount(s, s + 4, "200名", 200, None, "名", "count", "exact")],
                          [], "2023")
    assert len(out) == 1 and out[0].text == text[out[0].start:out[0].end]
    assert out[0].start > text.index("\n")


@pytest.mark.parametrize("text", ["", "\n\n", "到", "到2025年", "将将将将", "力争，，，；；：", "《计划》" * 50,
                                  "预计" + "1" * 500, "到2025年：\n" * 30, "\x00\ufffd将"])
def test_never_raises(text):
    out = extract_targets(text, split_sentences(text), [], [], None)
    assert isinstance(out, list)


def test_bad_amount_offsets_do_not_raise():
    text = "力争年内新增企业10家。"
    bad = [Amount(500, 510, "10家", 10, None, "家", "count", "exact"), Amount(3, 3, "", None, None, None, "other", "exact")]
    assert isinstance(extract_targets(text, split_sentences(text), bad, [], "2024"), list)


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None

if given is not None:
    _PIECES = ["到2025年", "力争", "将", "预计", "计划", "年内", "三年内", "，", "；", "：", "。", "\n", "、",
               "“", "”", "（", "）", "《", "》", "产业规模", "达到", "100亿元", "已", "如果", "例如", "两年",
               "2023年", "十四五", "建成后5年内", "——", "约", "以", "为支撑", "从", "到", "120家"]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=40),
           st.sampled_from([None, "2024", "2023-06", "bad"]))
    def test_fuzz_never_raises_and_offsets_hold(parts, pub):
        text = "".join(parts)
        amounts = []
        for piece, value, unit in (("100亿元", 1e10, "CNY"), ("120家", 120, "家")):
            i = text.find(piece)
            while i >= 0:
                amounts.append(Amount(i, i + len(piece), piece, value, None, unit, "money", "exact"))
                i = text.find(piece, i + 1)
        out = extract_targets(text, split_sentences(text), amounts, [], pub)
        for t in out:
            assert 0 <= t.start < t.end <= len(text)
            assert t.text == text[t.start:t.end]
            assert t.target_kind in ("goal", "plan", "forecast")
