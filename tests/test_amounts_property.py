"""Property test: both stages never raise and their offsets always slice to their text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.stages.amounts.grammar import extract_amounts
from pipeline.stages.dates.grammar import extract_dates

# Building blocks that exercise the grammar: numerals, units, qualifiers,
# date words, punctuation, whitespace and OCR-like noise.
PIECES = [
    "0", "1", "2", "9", "12", "2023", "1.5", "5.03", ",", ".", "．", "１２", "〇", "零", "一", "二", "两",
    "三", "五", "九", "十", "百", "千", "万", "亿", "壹", "拾", "佰", "廿", "几", "数", "负", "点", "分之",
    "百分之", "%", "％", "∶", ":", "/", "-", "—", "至", "~", "年", "月", "日", "号", "季度", "上半年",
    "元", "亿元", "美元", "平方公里", "公里", "米", "亩", "千瓦", "倍", "个", "家", "人次", "台(套)",
    "个月", "小时", "分", "岁", "级", "量级", "约", "近", "超", "逾", "余", "多", "以上", "以下", "左右",
    "不足", "至少", "第", "G", "A", "5G", "+", "“", "”", "《", "》", "今年", "去年", "同年", "年内",
    "以来", "初", "底", "下旬", "十四五", "，", "。", " ", "\n", "\u3000", "的", "企业", "\x00", "🙂",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.text(max_size=60),
)
pub_dates = st.sampled_from([None, "2024", "2024-06", "2023-05-05", "", "garbage", "0000"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, pub=pub_dates)
def test_stages_never_raise_and_offsets_slice(text: str, pub: str | None) -> None:
    ds = extract_dates(text, pub)
    for d in ds:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.value is None or isinstance(d.value, str)
    amts = extract_amounts(text, [(d.start, d.end) for d in ds])
    for a in amts:
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start:a.end] == a.text
        assert a.qualifier in {"exact", "about", "over", "at_least", "under"}
        assert a.quantity in {"money", "area", "length", "count", "percent", "multiple", "duration",
                              "power", "ratio", "density", "other"}
    # rows never overlap inside one stage
    for rows in (ds, amts):
        for x, y in zip(rows, rows[1:]):
            assert x.end <= y.start


@settings(max_examples=200, deadline=None)
@given(text=texts, spans=st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=4))
def test_amounts_with_arbitrary_exclude_spans(text: str, spans: list[tuple[int, int]]) -> None:
    for a in extract_amounts(text, spans):
        assert text[a.start:a.end] == a.text


def test_long_numeral_runs_stay_linear() -> None:
    """OCR runs like 20252025… must not make the scanner quadratic (no timing assertion:
    a quadratic scanner would take minutes here, a linear one well under a second)."""
    for s in ["2025" * 3000, "一" * 12000, "万" * 12000, "１" * 12000, "二〇" * 6000]:
        extract_amounts(s)
        extract_dates(s, "2020")
