"""Kinds, "by" markers and horizons of date mentions: the API the targets stage builds on."""

from __future__ import annotations

import pytest

from pipeline.core.pubdate import PubDate, normalize_pub_date, parse_pub_date, pub_year
from pipeline.stages.dates import deadline_mentions, extract_dates

PUB = "2025-03-05"


def _one(text: str, sentence: str, fn=deadline_mentions):
    got = [d for d in fn(sentence, PUB) if d.text == text]
    assert got, [d.text for d in fn(sentence, PUB)]
    return got[0]


@pytest.mark.parametrize("sentence, text, kind, value", [
    ("2025年，全省经济平稳。", "2025年", "point", "2025"),
    ("2025年6月，项目开工。", "2025年6月", "point", "2025-06"),
    ("今年一季度实现开门红。", "今年一季度", "point", "2025-Q1"),
    ("“十四五”期间成效明显。", "十四五", "period", "2021/2025"),
    ("2021-2025年累计投入。", "2021-2025年", "period", "2021/2025"),
    ("去年1—5月，产值增长。", "去年1—5月", "period", "2024-01/2024-05"),
    ("今年前三季度增长5%。", "今年前三季度", "period", "2025-Q1/2025-Q3"),
    ("力争三年内建成。", "三年内", "horizon", "2028"),
    ("未来十年，将建成。", "未来十年", "horizon", "2035"),
    ("用3至5年时间基本建成。", "用3至5年时间", "horizon", "2030"),
    ("通过三年左右努力，全面建成。", "三年左右", "horizon", "2028"),
])
def test_kind_and_value(sentence: str, text: str, kind: str, value: str) -> None:
    d = _one(text, sentence)
    assert (d.kind, d.value) == (kind, value)
    assert sentence[d.start:d.end] == d.text


def test_horizons_stay_out_of_the_dates_table() -> None:
    s = "力争三年内建成，未来十年产值翻番。"
    assert [d.text for d in extract_dates(s, PUB)] == []
    assert [d.text for d in deadline_mentions(s, PUB)] == ["三年内", "未来十年"]


@pytest.mark.parametrize("sentence", ["过去5年，产值翻番。", "近三年内累计投入。", "使用5年的设备。", "第3年完成。"])
def test_not_horizons(sentence: str) -> None:
    assert [d for d in deadline_mentions(sentence, PUB) if d.kind == "horizon"] == []


@pytest.mark.parametrize("sentence, text, phrase, by", [
    ("到2025年，产值突破百亿元。", "2025年", "到2025年", True),
    ("2026年底前完成改造。", "2026年底", "2026年底前", True),
    ("截至2024年底，全市共有企业。", "2024年底", "截至2024年底", True),
    ("力争年内完成。", "年内", "年内", True),
    ("2025年前后建成。", "2025年", "2025年", False),
    ("达到2019年水平。", "2019年", "2019年", False),
    ("2025年，全省经济平稳。", "2025年", "2025年", False),
])
def test_by_markers(sentence: str, text: str, phrase: str, by: bool) -> None:
    d = _one(text, sentence)
    assert sentence[d.start - d.by_lead:d.end + d.by_tail] == phrase
    assert d.by is by


def test_horizon_without_pub_date_keeps_text() -> None:
    got = [(d.text, d.value, d.relative) for d in deadline_mentions("力争三年内建成。", None)]
    assert got == [("三年内", None, True)]


@pytest.mark.parametrize("raw, iso", [("2024", "2024"), ("2024-06", "2024-06"), ("2024-6-5", "2024-06-05"),
                                      ("2024年6月5日", "2024-06-05"), ("2024/06/05", "2024-06-05")])
def test_pub_date_parsed_once(raw: str, iso: str) -> None:
    assert normalize_pub_date(raw) == iso
    assert pub_year(raw) == 2024


def test_pub_date_rejects_non_dates() -> None:
    assert parse_pub_date("2024-13") is None
    assert parse_pub_date(None) is None and pub_year("") is None
    assert parse_pub_date("2024-06") == PubDate(2024, 6)
    with pytest.raises(ValueError, match="not a date"):
        normalize_pub_date("June 2024")


def test_paragraph_reference_year_and_its_reset() -> None:
    from pipeline.stages.dates import DateContext

    ctx = DateContext()
    extract_dates("2018年3月2日，省政府常务会议审议通过。", "2020", ctx)
    got = [(d.text, d.value) for d in extract_dates("并于9月1日起施行，比上年增长。", "2020", ctx)]
    assert got == [("9月1日", "2018-09-01"), ("上年", "2017")]
    ctx.new_paragraph()  # the next paragraph names no year: the publication date anchors it
    got = [(d.text, d.value) for d in extract_dates("9月1日起施行。", "2020", ctx)]
    assert got == [("9月1日", "2020-09-01")]


def test_a_baseline_year_is_not_the_reference_year() -> None:
    got = [(d.text, d.value) for d in extract_dates("2000年收入比1999年增长18.3%，比上年增长很快。", "2001")]
    assert ("上年", "1999") in got
