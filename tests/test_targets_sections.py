"""Targets: report sections, led goal lists, restatements, the POS check from the backend's analysis,
and errors that propagate (GUIDELINES §4; docs/targets.md).

Texts are written from ../shared/corpus/provincial_reports_2025 (cut to what each test needs).
"""

from __future__ import annotations

import pytest

from pipeline.core.records import Analysis, DateMention
from pipeline.stages.dates import extract_dates
from pipeline.stages.sentences.split import split_sentences
from pipeline.stages.targets.extract import extract_targets
from pipeline.stages.targets.lexicon import _lexicon
from pipeline.stages.targets.sections import section_heading


def _dates(text: str, pub: str) -> list[DateMention]:
    out = []
    for s in split_sentences(text):
        for d in extract_dates(s.text, pub):
            d.start += s.start
            d.end += s.start
            out.append(d)
    return out


def _heading(line: str, pub_year: int = 2025):
    sents = split_sentences(line)
    return section_heading(line, sents, _dates(line, f"{pub_year}-01-15"), pub_year, _lexicon().sections, None)


@pytest.mark.parametrize("line,past,year", [
    ("一、2024年工作回顾", True, None),
    ("一、过去一年工作回顾", True, None),
    ("二、2025年目标任务和重点工作", False, "2025"),
    ("三、2025年重点工作", False, "2025"),
    ("二、关于2025年工作", False, "2025"),
])
def test_section_headings(line: str, past: bool, year: str | None) -> None:
    is_heading, sec = _heading(line)
    assert is_heading and sec is not None
    assert sec.past is past and sec.year == year


@pytest.mark.parametrize("line", [
    "2025年和2035年两个分阶段目标",     # an article's subtitle names two dates
    "“7+2”重要任务到2025年",            # does not open with its date
    "新建5G基站8000个。",               # a sentence, not a title
])
def test_not_section_headings(line: str) -> None:
    is_heading, _ = _heading(line)
    assert not is_heading


def _targets(text: str, pub: str = "2025-01-20", analyses: list[Analysis] | None = None):
    sents = split_sentences(text)
    from pipeline.stages.amounts.grammar import extract_amounts

    amounts = []
    for s in sents:
        ds = extract_dates(s.text, pub)
        for a in extract_amounts(s.text, exclude=[(d.start, d.end) for d in ds]):
            a.start += s.start
            a.end += s.start
            amounts.append(a)
    return extract_targets(text, sents, amounts, _dates(text, pub), pub, analyses=analyses)


def test_look_back_yields_no_targets_and_tasks_take_their_year() -> None:
    text = ("一、2024年工作回顾\n　　预计地区生产总值增长3.5%以上，规模以上工业增加值增长7%以上。\n"
            "二、2025年工作安排\n　　新建改建农村公路1500公里。")
    rows = _targets(text)
    assert [(t.value_text, t.target_kind, t.deadline, t.trigger) for t in rows] == [("1500公里", "plan", "2025", "新建")]


def test_led_list_items_and_restatement() -> None:
    text = ("今年发展主要预期目标是：经济增长5%左右，城镇新增就业30万人以上，"
            "城乡居民收入增长与经济增长同步，生态环境质量持续改善。\n"
            "　　经济增长目标设定为5%左右，是一个积极进取的目标。")
    rows = _targets(text, "2025-01-13")
    assert [(t.value_text, t.deadline) for t in rows] == [
        ("5%左右", "2025"), ("30万人以上", "2025"), (None, "2025"), (None, "2025")]
    assert rows[2].text == "城乡居民收入增长与经济增长同步"
    assert all(t.trigger == "目标" and t.target_kind == "goal" for t in rows)


def test_pos_check_reads_the_given_analysis() -> None:
    # 计划 is checked by the backend's tags only: no lexical rule decides 这项计划投资…
    text = "这项计划投资100亿元。"
    words = ["这", "项", "计划", "投资", "100亿元", "。"]
    as_noun = Analysis(words, ["r", "q", "n", "n", "m", "w"], [])
    as_verb = Analysis(words, ["r", "q", "v", "v", "m", "w"], [])
    assert [t.trigger for t in _targets(text, analyses=[as_noun])] == []
    assert [t.trigger for t in _targets(text, analyses=[as_verb])] == ["计划"]
    # no analysis: the stage loads no tagger and lets the lexical rules decide
    assert [t.trigger for t in _targets(text)] == ["计划"]


def test_errors_propagate() -> None:
    with pytest.raises((TypeError, AttributeError)):
        extract_targets("力争年内新增企业10家。", split_sentences("力争年内新增企业10家。"), [object()], [], "2024")  # type: ignore[list-item]


@pytest.mark.parametrize("line", ["附件2 名词解释", "名词解释", "《政府工作报告》有关内容名词注释"])
def test_a_glossary_heading_ends_the_years_tasks(line: str) -> None:
    is_heading, sec = _heading(line)
    assert is_heading and sec is None


def test_glossary_entries_are_no_plans_but_an_annex_of_projects_is() -> None:
    # cut from the Yunnan and Sichuan reports of 2025 (their glossaries, then Yunnan's annex of projects)
    text = ("二、2025年工作安排\n　　新建改建农村公路1500公里。\n名词解释\n"
            "3．10种有色金属：铜、铅、锌、镍、锡、锑、铝、镁、硅、钛。\n"
            "前置改革项目主要依托顶尖人才、创新领军人才、国防科技领域人才专项3个项目。\n"
            "2025年10件惠民实事\n一、稳定和扩大就业\n"
            "年度目标：全省农村劳动力转移就业1500万人以上，实现城镇新增就业50万人以上。")
    rows = [(t.value_text, t.deadline) for t in _targets(text)]
    assert ("1500公里", "2025") in rows
    assert not any(v in ("10种", "3个") for v, _ in rows)
    assert ("50万人以上", "2025") in rows
