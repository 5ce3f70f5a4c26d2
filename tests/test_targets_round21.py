"""Round 21's target rules at their edges (docs/targets.md): the year's goal opening an untimed tasks section, the
existential 有 and the perfective 了 before a quantity. The texts are built around the real cases of
configs/targets/corpus.jsonl to pin what the rules must not reach; the whole-report check reads ../shared."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import extracted_rows, requires_shared
from pipeline import extract_text
from pipeline.run.windows import cut_points

LOOK_BACK = "一、2024年工作回顾\n　　过去一年，全省地区生产总值增长5.5%。\n"


def _targets(text: str, pub: str = "2025-01-15") -> list[tuple[object, object, object]]:
    t = extract_text(text, doc_id="x", pub_date=pub)["targets"]
    return [(r.value_text if r.value_text == r.value_text else None, r.deadline, r.target_kind) for r in t.itertuples()]


def _values(text: str, pub: str = "2025-01-15") -> set[object]:
    return {v for v, _d, _k in _targets(text, pub)}


def test_the_years_goal_opens_an_untimed_section_after_the_look_back() -> None:
    text = LOOK_BACK + "二、加快发展\n　　今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n　　引进企业200家。\n"
    assert ("200家", "2025", "plan") in _targets(text)


def test_without_the_goal_or_the_look_back_the_untimed_section_stays_unknown() -> None:
    assert "200家" not in _values(LOOK_BACK + "二、加快发展\n　　引进企业200家。\n")
    assert "200家" not in _values("二、加快发展\n　　今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n　　引进企业200家。\n")


def test_a_date_that_looks_back_or_a_goal_word_in_another_phrase_opens_nothing() -> None:
    for opening in ("今年以来，我们围绕全年目标主动推进工作。", "今年，我们围绕全年目标更为主动地推进工作。"):
        text = LOOK_BACK + "二、加快发展\n　　" + opening + "\n　　全省布局30个重点园区，引进企业200家。\n"
        assert not {"30个", "200家"} & _values(text), opening


def test_a_glossary_after_the_tasks_is_never_reopened_by_a_goal_word() -> None:
    text = (LOOK_BACK + "二、2025年工作安排\n　　今年新建学校20所。\n附件 名词解释\n"
            "　　1．“四个更大”：今年省委确定的奋斗目标为“四个更大”。\n　　2．“一区两园”：全省布局30个重点园区。\n")
    values = _values(text)
    assert "20所" in values and "30个" not in values


def test_the_existential_you_drops_what_there_is_and_keeps_the_years_plans() -> None:
    tasks = "二、2025年工作安排\n　　"
    assert not {"20个", "8个"} & _values(tasks + "我区有20个对外开放口岸。拥有8个万亿元级产业集群。")
    kept = _values(tasks + "今年全省有120个重大项目开工建设，年内建成投产的有35个。每个县要有1所特殊教育学校。")
    assert {"120个", "35个", "1所"} <= kept


def test_the_perfective_le_counts_only_right_before_the_quantity() -> None:
    assert ("10万个", "2027", "plan") in _targets("省政府制定了到2027年全省新建5G基站10万个的行动方案。")
    rows = _targets("2025年主要预期目标是：地区生产总值增长5%左右；全省所有县都通高速公路了；生态环境质量持续改善。")
    assert len([r for r in rows if r[0] is None]) == 2  # the item ending in 了 stays a deadline-only goal
    assert "2000万元" not in _values("二、2025年工作安排\n　　去年已经为企业减免了2000万元税费。")


@pytest.mark.parametrize("window", [2400, 5500])
def test_a_windowed_report_keeps_the_tasks_its_untimed_heading_opens(tmp_path, window: int) -> None:
    """Fujian's untimed tasks heading (二、牢记历史使命，…) and the paragraph of the year's goal that opens its section fall
    in two windows at these sizes: the state crosses the cut (TargetsCarry.after_review), so the windows give the
    one-pass rows."""
    reports = requires_shared("corpus", "provincial_reports_2025")
    src, meta = reports / "gwr2025_fujian.txt", reports / "metadata.csv"
    raw = src.read_text(encoding="utf-8")
    heading, goal = raw.index("二、牢记历史使命"), raw.index("今年经济社会发展的主要预期目标")
    assert any(heading < c <= goal for c in cut_points(raw, window))  # the cut this test is about
    key = ["raw_start", "raw_end", "value_text", "deadline", "target_kind"]
    whole = extracted_rows(src, meta, tmp_path / "whole", "targets", key)
    assert len(whole) > 50  # the section's plans are there at all
    pd.testing.assert_frame_equal(extracted_rows(src, meta, tmp_path / "cut", "targets", key, window_chars=window), whole)


def test_a_level_on_the_counted_noun_is_no_target_but_a_goal_of_its_own_is() -> None:
    tasks = "二、2025年主要目标和重点工作\n　　"
    assert _values(tasks + "推进200个以上投资超亿元的文旅重大项目。") == {"200个以上"}
    assert _values(tasks + "形成10个营业收入超千亿元的先进制造业集群。") == {"10个"}
    assert {"200个", "500亿元"} <= _values(tasks + "确保完成新开工项目200个和完成投资500亿元的目标任务。")
    assert {"2万名", "3000元"} <= _values(tasks + "带动2万名农民人均增收3000元的目标。")


def test_xinqu_closes_a_zone_name_before_a_noun_only_where_it_names_one() -> None:
    def orgs(s: str) -> set[str]:
        return set(extract_text(s, doc_id="x", pub_date="2025-01-15")["organizations"]["text"])

    assert "西咸新区" in orgs("做好榆林市、西咸新区要素市场化配置改革试点工作。")
    assert "川渝高竹新区" in orgs("制定川渝高竹新区赋权清单。")
    for s in ("统筹老城新区功能布局。", "推动西部新区产业发展。", "推进城东新区棚户区改造。", "浦东新区居民人均可支配收入增长5%。"):
        assert not {o for o in orgs(s) if o.endswith("新区")}, s
