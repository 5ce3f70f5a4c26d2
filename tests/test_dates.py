"""DATES stage against GUIDELINES §3 / §5, on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.stages.dates.grammar import DateContext, extract_dates


def _vals(sentence: str, pub: str | None = "2022-09"):
    return [(d.text, d.value, d.relative) for d in extract_dates(sentence, pub)]


@pytest.mark.parametrize(
    "sentence, text, value, relative",
    [
        ("公司于2015年成立。", "2015年", "2015", False),
        ("2017年9月，项目开工。", "2017年9月", "2017-09", False),
        ("2021年3月8日举行签约。", "2021年3月8日", "2021-03-08", False),
        ("签约日期为2021-03-08。", "2021-03-08", "2021-03-08", False),
        ("签约日期为2021.3.8。", "2021.3.8", "2021-03-08", False),
        ("2018年 10月 9日开园。", "2018年 10月 9日", "2018-10-09", False),
        ("二〇一九年五月，方案出台。", "二〇一九年五月", "2019-05", False),
        ("2012年度考核优秀。", "2012年度", "2012", False),
        ("2011-2015年行动方案。", "2011-2015年", "2011/2015", False),
        ("2016年—2020年累计投入。", "2016年—2020年", "2016/2020", False),
        ("2021年1—8月，产值增长。", "2021年1—8月", "2021-01/2021-08", False),
        ("2020年二季度经济回升。", "2020年二季度", "2020-Q2", False),
        ("2019年上半年完成。", "2019年上半年", "2019-H1", False),
        ("2019年下半年完成。", "2019年下半年", "2019-H2", False),
        ("2016年底建成。", "2016年底", "2016", False),
        ("2016年初启动。", "2016年初", "2016", False),
        ("2017年6月下旬召开。", "2017年6月下旬", "2017-06", False),
        ("2014年以来累计投资。", "2014年以来", "2014", False),
        ("2014年7月以来持续增长。", "2014年7月以来", "2014-07", False),
        ("“十二五”期间成效明显。", "十二五", "2011/2015", False),
        ("谋划十五五规划。", "十五五", "2026/2030", False),
        ("今年经济平稳。", "今年", "2022", True),
        ("去年8月开通。", "去年8月", "2021-08", True),
        ("明年将建成。", "明年", "2023", True),
        ("前年完成改造。", "前年", "2020", True),
        ("力争年内完成。", "年内", "2022", True),
        ("今年以来，产值稳步提升。", "今年以来", "2022", True),
        ("今年二季度，产值增长。", "今年二季度", "2022-Q2", True),
        ("一季度实现开门红。", "一季度", "2022-Q1", True),
        ("上半年完成投资。", "上半年", "2022-H1", True),
        ("1—7月，累计引进项目。", "1—7月", "2022-01/2022-07", True),
        ("5月20日正式发布。", "5月20日", "2022-05-20", True),
        ("8月初完成验收。", "8月初", "2022-08", True),
        ("3月上旬开始施工。", "3月上旬", "2022-03", True),
        ("今年5月底前完成。", "今年5月底", "2022-05", True),
    ],
)
def test_date_values(sentence: str, text: str, value: str, relative: bool) -> None:
    rows = _vals(sentence)
    assert (text, value, relative) in rows, rows
    for d in extract_dates(sentence, "2022-09"):
        assert sentence[d.start:d.end] == d.text


def test_same_year_uses_previous_absolute_year_even_across_sentences() -> None:
    assert ("同年9月", "2012-09", False) in _vals("2012年，三地签署协议。同年9月，联盟成立。")
    ctx = DateContext()
    extract_dates("2012年，三地签署协议。", "2020", ctx)
    got = [(d.text, d.value) for d in extract_dates("同年9月，联盟成立。", "2020", ctx)]
    assert ("同年9月", "2012-09") in got
    # a new document starts with a new context: no year leaks from the last one
    fresh = [(d.text, d.value) for d in extract_dates("同年9月，联盟成立。", "2020", DateContext())]
    assert ("同年9月", "2012-09") not in fresh


def test_no_pub_date_keeps_text_without_value() -> None:
    assert _vals("今年3月，去年，年内，4月17日，1—5月", None) == [
        ("今年3月", None, True), ("去年", None, True), ("年内", None, True),
        ("4月17日", None, True), ("1—5月", None, True),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "近日，项目签约。", "近年来发展迅速。", "目前已完成。", "当前形势复杂。", "此前已有部署。",
        "未来将继续推进。", "不久前公布。", "深耕三十年。", "3年来累计投资。", "近3年营收增长。",
        "学习《2021年政府工作报告》。", "两年初具形象。", "2019年中国经济。"[5:],
        "第十五届论坛。", "建设3个月。", "共5000年历史。",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert _vals(sentence) == []


def test_year_then_china_is_only_the_year() -> None:
    assert _vals("2019年中国经济稳中有进。") == [("2019年", "2019", False)]


def test_bad_input_never_raises() -> None:
    for s in ["", "年", "月", "13月45日", "2023-13-45", "0000年", "十九五", "同年", "今年", "《", "9" * 3000]:
        extract_dates(s, "bad-date")
        extract_dates(s, None)
    assert extract_dates(None, None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("3月和5月的销售额。", [("3月", "2022-03", True), ("5月", "2022-05", True)]),
        ("建设周期3个月。", []),
        ("此后年均增长。", []),
        ("比前年增长。", [("前年", "2020", True)]),
        ("一九七〇年五月二十日。", [("一九七〇年五月二十日", "1970-05-20", False)]),
        ("“九五”时期。", [("九五", "1996/2000", False)]),
        ("奥运会在2008年", [("2008年", "2008", False)]),
        ("前三季度，产值增长。", [("前三季度", "2022-Q1/2022-Q3", True)]),
        ("2021年前三季度增长。", [("2021年前三季度", "2021-Q1/2021-Q3", False)]),
        # decades are periods (GUIDELINES §3)
        ("上世纪90年代以来。", [("上世纪90年代以来", "1990/1999", False)]),
    ],
)
def test_more_date_forms(sentence: str, expected) -> None:
    assert _vals(sentence) == expected



@pytest.mark.parametrize("sentence, years", [
    ("2008、2009、2010年三年累计投资。", ["2008", "2009", "2010"]),
    ("2008 、 2009 、 2010年", ["2008", "2009", "2010"]),
    ("2018、2019和2020年", ["2018", "2019", "2020"]),
])
def test_a_list_of_years_longer_than_the_key_character_window_keeps_its_first_year(sentence: str, years) -> None:
    # the key-character test (a date holds 年/月/… within 14 characters of its start) looks past a
    # run of years and list joins: three four-digit years put 年 at the 15th character
    assert [v for _, v, _ in _vals(sentence)] == years
