"""Number grammar (pipeline/numbers.py): Arabic, Chinese, financial, mixed, fractions."""

from __future__ import annotations

import pytest

from pipeline.core.numbers import (
    parse_fraction,
    parse_int,
    parse_money,
    parse_number,
    parse_number_approx,
    read_digits,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("0", 0), ("1,234.5", 1234.5), ("１２３", 123), ("５．０３", 5.03),
        ("十", 10), ("十一", 11), ("一十一", 11), ("二十", 20), ("一百零一", 101),
        ("一千零十", 1010), ("一万零一", 10001), ("一千零一万零一", 10010001),
        ("两万亿", 2e12), ("三万亿", 3e12), ("3万亿", 3e12), ("1.5万", 15000), ("5.03亿", 5.03e8),
        ("5.03 亿", 5.03e8), ("8000万", 8e7), ("100万三千", 1003000), ("十五万", 150000),
        ("壹佰壹拾壹", 111), ("玖仟陆佰陆拾伍", 9665), ("拾", 10), ("廿二", 22), ("〇", 0),
        ("二〇二〇", 2020), ("一七二零点一", 1720.1), ("三万五", 35000), ("两千六", 2600),
        ("一百二", 120), ("一百二十万三", 1203000), ("零点零一", 0.01), ("负十一", -11),
        ("-10.1万", -101000), ("一百点123", 100.123), ("1百01", 101), ("千亿", 1e11), ("亿", 1e8),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got is not None and got == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["", "负", "零点", "点零", "零点点", "零点零大", "10..1万", "10.1万零100", "十一十二", "abc", "元"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_approx_digits_mean_some() -> None:
    assert parse_number_approx("几十") == (10, True)
    assert parse_number_approx("数百万") == (1e6, True)
    assert parse_number_approx("十几") == (10, True)
    assert parse_number_approx("三十") == (30, False)


@pytest.mark.parametrize("text, value", [("三分之一", 1 / 3), ("1/4", 0.25), ("五分之一", 0.2), ("百分之四十", 0.4)])
def test_parse_fraction(text: str, value: float) -> None:
    assert parse_fraction(text) == pytest.approx(value)


def test_parse_fraction_zero_denominator() -> None:
    assert parse_fraction("1/0") is None
    assert parse_fraction("零分之一") is None


@pytest.mark.parametrize(
    "text, value",
    [("壹拾壹元整", 11), ("壹佰壹拾壹圆正", 111), ("壹拾壹元壹角壹分", 11.11), ("玖仟陆佰陆拾伍圆壹角捌分", 9665.18), ("肆角叁分", 0.43)],
)
def test_parse_money(text: str, value: float) -> None:
    assert parse_money(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value",
    [("四十九兆九千五百九十二億", 49959200000000), ("五兆六十二亿四万五千二", 5006200045200), ("三點五", 3.5),
     ("負十一", -11), ("三点五亿", 3.5e8), ("一点二万亿", 1.2e12), ("肆佰叁拾萬", 4300000), ("８２，２２５．００", 82225)],
)
def test_parse_number_more_forms(text: str, value: float) -> None:
    """兆 above 亿 inside a numeral, traditional 點/負, a decimal scaled by a magnitude, financial and full-width forms."""
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["五十兆", "二三十", "三四百", "5\ufe0f\u20e3", "5\u20e3"])
def test_parse_number_rejects_more(text: str) -> None:
    """兆 alone is the SI mega (兆瓦), 二三十 is a guess between two numbers, a keycap is a picture."""
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["一一", "壹壹", "点一", "百十一", "十一十二", "负十一十二", "十七十八"])
def test_strict_mode_rejects_what_cn2an_strict_rejects(text: str) -> None:
    assert parse_number(text, strict=True) is None


@pytest.mark.parametrize("text, value", [("十一", 11), ("一百零一", 101), ("壹佰壹拾壹", 111), ("拾", 10)])
def test_strict_mode_accepts_standard_numerals(text: str, value: float) -> None:
    assert parse_number(text, strict=True) == value


@pytest.mark.parametrize(
    "text, digits",
    [("二〇〇二", "2002"), ("零零三", "003"), ("负零一", "-01"), ("一二点三零", "12.30"), ("幺八九", "189"), ("012", "012")],
)
def test_read_digits(text: str, digits: str) -> None:
    assert read_digits(text) == digits


@pytest.mark.parametrize("text", ["二十", "点一", "一二点", "万", ""])
def test_read_digits_rejects(text: str) -> None:
    assert read_digits(text) is None


def test_parse_int() -> None:
    assert parse_int("十五") == 15
    assert parse_int("两") == 2
    assert parse_int("1.5") is None
    assert parse_int("不是") is None
