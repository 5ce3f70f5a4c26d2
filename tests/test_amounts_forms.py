"""AMOUNTS: the written forms of GUIDELINES §2 added for issue #13 (currencies, sub-units, mass,
百分点, money without 元, classifiers, rates, OCR digit groups) and emoji digits (issue #14)."""

from __future__ import annotations

import pytest

from pipeline.stages.amounts.grammar import extract_amounts


def _rows(sentence: str) -> dict[str, tuple]:
    return {a.text: (a.value, a.value_max, a.unit, a.quantity, a.qualifier) for a in extract_amounts(sentence)}


# (sentence, mention text, value, unit, quantity, qualifier)
CASES = [
    ("收到货款８２，２２５．００元。", "８２，２２５．００元", 82225, "CNY", "money", "exact"),
    ("收到货款82，225.00元。", "82，225.00元", 82225, "CNY", "money", "exact"),  # as the cleaner leaves it
    ("合同金额肆佰叁拾萬元。", "肆佰叁拾萬元", 4.3e6, "CNY", "money", "exact"),
    ("总投资1亿2千万元。", "1亿2千万元", 1.2e8, "CNY", "money", "exact"),
    ("规模达3.5万亿元。", "3.5万亿元", 3.5e12, "CNY", "money", "exact"),
    ("财政收入合计1 234 567元。", "1 234 567元", 1234567, "CNY", "money", "exact"),
    ("发电量3，120亿度，", "3，120亿度", 3.12e11, "kWh", "other", "exact"),
    ("单价3元5角。", "3元5角", 3.5, "CNY", "money", "exact"),
    ("共计一百元零五分。", "一百元零五分", 100.05, "CNY", "money", "exact"),
    ("售价两美元又三美分。", "两美元又三美分", 2.03, "USD", "money", "exact"),
    ("以每股1.95港元收购。", "1.95港元", 1.95, "HKD", "money", "exact"),
    ("融资2.5亿欧元。", "2.5亿欧元", 2.5e8, "EUR", "money", "exact"),
    ("东芝重组另需1万亿日元。", "1万亿日元", 1e12, "JPY", "money", "exact"),
    ("出资300万英镑。", "300万英镑", 3e6, "GBP", "money", "exact"),
    ("出资500万加元。", "500万加元", 5e6, "CAD", "money", "exact"),
    ("出资20亿韩元。", "20亿韩元", 2e9, "KRW", "money", "exact"),
    ("报价USD 100。", "USD 100", 100, "USD", "money", "exact"),
    ("报价100 EUR。", "100 EUR", 100, "EUR", "money", "exact"),
    ("FILP总额为四十九兆九千五百九十二億元。", "四十九兆九千五百九十二億元", 4.99592e13, "CNY", "money", "exact"),
    ("粮食产量1.39万亿斤。", "1.39万亿斤", 1.39e12, "斤", "other", "exact"),
    ("称重三斤半。", "三斤半", 3.5, "斤", "other", "exact"),
    ("钢材产量500万吨。", "500万吨", 5e6, "t", "other", "exact"),
    ("新增8000万吨标准煤的节能能力。", "8000万吨标准煤", 8e7, "吨标准煤", "other", "exact"),
    ("比上年提高1个百分点。", "1个百分点", 1, "百分点", "other", "exact"),
    ("下降半个百分点。", "半个百分点", 0.5, "百分点", "other", "exact"),
    ("提高一点二个百分点。", "一点二个百分点", 1.2, "百分点", "other", "exact"),
    ("地税收入超300亿增长16％", "超300亿", 3e10, "CNY", "money", "over"),
    ("培育一批产值超500亿、1000亿的产业集群。", "1000亿", 1e11, "CNY", "money", "exact"),
    ("“吉林一号”117颗卫星全球组网。", "117颗", 117, "颗", "count", "exact"),
    ("中欧班列累计开行超1.1万列。", "超1.1万列", 11000, "列", "count", "over"),
    ("查获假冒名酒十万余瓶。", "十万余瓶", 1e5, "瓶", "count", "over"),
    ("扎实办好9方面民生实事。", "9方面", 9, "方面", "count", "exact"),
    ("新增设备14.2万台（套）。", "14.2万台（套）", 142000, "台(套)", "count", "exact"),
    ("筹集保障房25.1万套（间）。", "25.1万套（间）", 251000, "套(间)", "count", "exact"),
    ("电价降低1分/千瓦时。", "1分/千瓦时", 1, "分/千瓦时", "other", "exact"),
    ("污水处理能力30万吨/日。", "30万吨/日", 3e5, "吨/日", "other", "exact"),
    ("增长三点五亿元。", "三点五亿元", 3.5e8, "CNY", "money", "exact"),
    ("装机五十兆瓦。", "五十兆瓦", 5e4, "kW", "power", "exact"),  # 兆 before a unit is the SI mega
    ("容量五十兆字节。", "五十兆字节", 5e7, "B", "other", "exact"),
    ("全年增长14·1％。", "14·1％", 14.1, "%", "percent", "exact"),
    ("比去年增产一千多万吨。", "一千多万吨", 1e7, "t", "other", "over"),
]


@pytest.mark.parametrize("sentence, text, value, unit, quantity, qualifier", CASES)
def test_written_forms(sentence: str, text: str, value: float, unit: str, quantity: str, qualifier: str) -> None:
    rows = _rows(sentence)
    assert text in rows, f"{text!r} not in {rows}"
    got_value, _, got_unit, got_quantity, got_qualifier = rows[text]
    assert got_value == pytest.approx(value, rel=1e-9)
    assert (got_unit, got_quantity, got_qualifier) == (unit, quantity, qualifier)


# (sentence, a mention that must not be produced)
NEGATIVES = [
    ("5️⃣0️⃣0️⃣亿元", "亿元"),  # issue #14: keycap digits never become digits
    ("5\u20e30\u20e3亿元", "亿元"),
    ("我国60岁以上人口已达2.5亿。", "2.5亿"),  # a bare 亿 with no money word counts people
    ("新增第四代移动通信用户3.4亿、光缆线路", "3.4亿"),
    ("投资者超1亿", "超1亿"),  # 投资者 is a person, not money
    ("将25度以上陡坡旱地调出", "25度以上"),  # 度 with no magnitude is no kWh
    ("编制服务业扩大开放3.0方案", "3.0方"),
    ("深入实施“十项重大工程”", "十项"),  # a quoted programme name
    ("加快推进“千项万亿”重大项目建设", "万亿"),
    ("举办二十国集团领导人杭州峰会", "二十国"),
    ("再经过二三十年时间的努力", "三十年"),
    ("1978、1979两年共增产", "1979两"),
    ("半径3米半径", "3米半"),
    ("在下面的价格中选一个，$20，300美圆", "$20，300"),
]


@pytest.mark.parametrize("sentence, text", NEGATIVES)
def test_not_amounts(sentence: str, text: str) -> None:
    assert text not in _rows(sentence)


def test_keycap_sequence_gives_nothing() -> None:
    assert extract_amounts("5️⃣0️⃣0️⃣亿元") == []


def test_comma_groups_never_read_as_zero() -> None:
    rows = _rows("本年收入合计27，203，319，000元。")
    assert rows == {"27，203，319，000元": (27203319000.0, None, "CNY", "money", "exact")}


def test_range_of_decreasing_spans_is_two_amounts() -> None:
    rows = _rows("约2.5亿年~6500万年")
    assert rows["约2.5亿年"][0] == 2.5e8 and rows["6500万年"][0] == 6.5e7


def test_stage_errors_propagate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken rule raises (the per-document isolation records it) instead of looking like low recall."""
    from pipeline.stages.amounts import grammar

    def boom(scan, m):  # noqa: ANN001
        raise RuntimeError("rule broke")

    monkeypatch.setattr(grammar, "_HANDLERS", {"unit": boom})
    with pytest.raises(RuntimeError):
        grammar.extract_amounts("新增32个。")
