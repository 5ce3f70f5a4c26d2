"""Round 26 (session 21, docs/organizations.md "Round 26" and docs/amounts_dates.md): a level word written in one word
with its head stays inside the name of a place's body; a list headed by 产业链 names industries; a session's ordinal
after its term and a classifier with 次 in amounts (tests/test_amounts_session_ordinal.py holds the ordinal's edges)."""

from __future__ import annotations

import pytest

from pipeline import extract_text


def _orgs(text: str) -> set[str]:
    return set(extract_text(text, doc_id="t")["organizations"]["text"])


@pytest.mark.parametrize(("text", "found"), [
    ("加快建设合肥综合性国家科学中心。", {"合肥综合性国家科学中心"}),       # place, one noun, level + head
    ("推动怀柔国家科学中心设施进入科研状态。", {"怀柔国家科学中心"}),        # place, level + head
    ("加快建设综合性国家科学中心。", set()),                            # no place: a designation
    ("推动国家科学中心建设。", set()),                                  # the level alone names a class
], ids=["place_noun", "place", "no_place", "level_alone"])
def test_a_level_word_in_one_word_with_its_head_after_a_place(text: str, found: set[str]) -> None:
    assert {n for n in _orgs(text) if n.endswith("科学中心")} == found


def test_a_list_headed_by_industry_chains_names_industries() -> None:
    assert "航天航空" not in _orgs("共构汽车、生命健康、航天航空、人工智能、集成电路等产业链，联合构建协同发展机制。")


@pytest.mark.parametrize(("text", "row", "unit"), [
    ("日均车流量超8万辆次。", "超8万辆次", "辆次"),
    ("全年接待邮轮120艘次。", "120艘次", "艘次"),
    ("跨省使用大型科学仪器超过1600台次。", "超过1600台次", "台次"),
    ("新增公交车300辆，次年投入运营。", "300辆", "辆"),               # 次 after a mark opens another word
])
def test_a_classifier_and_ci_are_one_unit(text: str, row: str, unit: str) -> None:
    a = extract_text(text, doc_id="t")["amounts"]
    assert list(zip(a["text"], a["unit"])) == [(row, unit)]


@pytest.mark.parametrize(("text", "amounts", "dates"), [
    ("实证中华5000多年文明史。", [("5000多年", "year")], []),
    ("这座古城已有1000余年历史。", [("1000余年", "year")], []),
    ("2025年我们将继续努力。", [], ["2025年"]),            # a year stays a date
], ids=["duo", "yu", "year"])
def test_a_four_digit_number_with_an_approximation_before_nian_is_a_span(text: str, amounts: list, dates: list) -> None:
    t = extract_text(text, doc_id="t")
    assert list(zip(t["amounts"]["text"], t["amounts"]["unit"])) == amounts
    assert list(t["dates"]["text"]) == dates


@pytest.mark.parametrize(("text", "rows"), [
    ("推动7大产业集群发展。", [("7大", 7.0)]),
    ("实施十大重点节点工程。", [("十大", 10.0)]),
    ("推进三大战役。", []),                                  # a single Chinese digit (GUIDELINES §2)
    ("全面贯彻党的二十大和二十届二中全会精神。", []),          # a congress
    ("学习贯彻十五大精神。", []),                             # a congress: only 十 counts before 大
    ("十三亿大陆同胞。", []),                                 # a magnitude
    ("培育十大型企业。", []),                                 # a size word
], ids=["arabic", "ten", "single_digit", "congress_de", "congress", "magnitude", "size"])
def test_da_counts_major_items(text: str, rows: list) -> None:
    a = extract_text(text, doc_id="t")["amounts"]
    assert [(t, v) for t, v, u in zip(a["text"], a["value"], a["unit"]) if u == "大"] == rows


def test_a_count_of_major_items_is_no_target_value() -> None:
    t = extract_text("今年，力争推动7大产业集群成体系成支柱，规上工业增加值增长6%。", doc_id="t", pub_date="2025-01")
    assert "7大" in set(t["amounts"]["text"])
    assert list(t["targets"]["value_text"]) == ["6%"]


@pytest.mark.parametrize(("text", "rows"), [
    ("迎来成立70周年。", [("70周年", 70.0, "year")]),
    ("建党一百周年。", [("一百周年", 100.0, "year")]),
    ("门诊号源提前2周投放。", [("2周", 2.0, "week")]),      # weeks stay weeks
])
def test_an_anniversary_counts_full_years(text: str, rows: list) -> None:
    a = extract_text(text, doc_id="t")["amounts"]
    assert list(zip(a["text"], a["value"], a["unit"])) == rows


@pytest.mark.parametrize(("text", "rows"), [
    ("发运集装箱（20尺标准集装箱）。", [("20尺", 20.0)]),
    ("呢绒将增加约六百六十万尺。", [("约六百六十万尺", 6600000.0)]),
    ("坚守三尺讲台。", []),                                  # an idiom (number_idioms.txt)
])
def test_chi_is_a_unit_as_written(text: str, rows: list) -> None:
    a = extract_text(text, doc_id="t")["amounts"]
    assert [(t, v) for t, v, u in zip(a["text"], a["value"], a["unit"]) if u == "尺"] == rows
