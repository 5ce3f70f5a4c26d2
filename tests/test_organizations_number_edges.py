"""Round 9 of the organization layer on hand-built analyses: numbers the backend glues to a body's edges
(a count of years before it, the row's quantity after it, the first digit of a date read as a body).
Real-text cases, with negatives, are in configs/organizations/corpus.jsonl (rule ``number_edges``)."""

from __future__ import annotations

from tests.test_organizations import names


def test_a_count_of_years_before_a_body_is_cut() -> None:
    found = names("五年国务院/ORG 共/d 向/p 全国人大常委会/ORG 提交/v 39件/m 法律/n 议案/n 。/w")
    assert "国务院" in found and "五年国务院" not in found


def test_the_rows_quantity_after_a_body_is_cut() -> None:
    found = names("塔里木油田万米/ORG 超/d 深/a 钻井/n 刷新/v 亚洲/LOC 纪录/n 。/w")
    assert "塔里木油田" in found and "塔里木油田万米" not in found


def test_the_first_digit_of_a_date_is_no_body() -> None:
    assert names("从一/ORG 九二一年/TIME 诞生/v 以来/f 。/w") == set()
    assert names("从一/ORG 九九/TIME 一年/TIME 到/v 二/m 年/n 。/w") == set()


def test_a_name_with_a_numeral_but_no_count_or_unit_is_kept() -> None:
    assert "一汽丰田" in names("服务/v 一汽丰田/ORG 加快/v 生产/vn 。/w")
    assert "十月集团" in names("支持/v 十月集团/ORG 发展/vn 。/w")
