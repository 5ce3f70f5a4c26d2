"""Round 22's rules at their edges (docs/organizations.md "Round 22", docs/amounts_dates.md): 全年 takes the year of its section or paragraph, a compass
region before a parenthesized place opens a platform's name, and a state firm's two-character short name stays a
body before a noun. The texts are built around the real cases of configs/*/corpus.jsonl to pin what the rules must
not reach; the windowed check reads ../shared."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import extracted_rows, requires_shared
from pipeline import extract_text
from pipeline.run.windows import cut_points
from pipeline.stages.dates.grammar import DateContext, extract_dates

REPORT = (
    "2025年某省政府工作报告\n"
    "一、2024年工作回顾\n"
    "　　过去一年，我们坚持稳中求进。全年地区生产总值增长5.3%。\n"
    "二、2025年工作安排\n"
    "　　推动创新要素充分涌流，全年研发投入强度达3.3%左右。\n"
    "三、全面加强政府自身建设\n"
    "　　全年完成各项任务。\n"
)


def _whole_years(text: str, pub: str = "2025-01-15") -> list[tuple[int, str]]:
    d = extract_text(text, doc_id="x", pub_date=pub)["dates"]
    return [(int(r.start), r.value) for r in d.itertuples() if r.text == "全年"]


def test_whole_year_takes_the_year_its_section_heading_opens_with() -> None:
    got = _whole_years(REPORT)
    assert [v for _s, v in got] == ["2024", "2025"]  # review -> the year reviewed; tasks -> the year planned
    assert got[0][0] < REPORT.index("二、") < got[1][0] < REPORT.index("三、")


def test_the_section_year_anchors_the_relative_dates_of_its_text() -> None:
    """The heading is the text's own reference year (GUIDELINES §3): under the look back of a report published in
    January, 四季度, 年初 and 上年 are of the year reviewed; under the tasks, of the year planned."""
    text = REPORT.replace("全年地区生产总值增长5.3%。", "四季度增长5.6%，年初确定的民生实事全部完成，财政收入比上年增长3%。")
    text = text.replace("全年研发投入强度达3.3%左右。", "6月底前完成改革任务。")
    d = extract_text(text, doc_id="x", pub_date="2025-01-15")["dates"]
    got = {r.text: r.value for r in d.itertuples()}
    assert (got["四季度"], got["年初"], got["上年"], got["6月底"]) == ("2024-Q4", "2024", "2023", "2025-06")
    # a paragraph's own year still comes first (2023年…上年 -> 2022), and with no heading the publication year
    assert extract_text("2023年，财政收入比上年增长3%。", doc_id="x", pub_date="2025-01-15")["dates"].value.tolist() == [
        "2023", "2022"]
    assert extract_text("四季度增长5.6%。", doc_id="x", pub_date="2025-01-15")["dates"].value.tolist() == ["2025-Q4"]


def test_a_numbered_heading_without_a_year_ends_the_section_year() -> None:
    # under 三、… nothing tells the year: no row (a report of January may mean the year just ended)
    assert all(s < REPORT.index("三、") for s, _v in _whole_years(REPORT))


def test_without_a_section_the_paragraph_or_a_goal_word_tells_the_year() -> None:
    assert _whole_years("2024年，全省经济稳步回升，全年地区生产总值增长5.3%。") == [(15, "2024")]
    assert [v for _s, v in _whole_years("力争全年原煤产量8亿吨。")] == ["2025"]
    assert _whole_years("全年接待游客超9亿人次。") == []
    assert _whole_years("提供全年龄段健康服务。") == []  # 年龄: an age, no year part


def test_a_numbered_heading_opening_on_the_past_year_names_the_year_before_publication() -> None:
    body = "\n　　特别是9月26日中央政治局会议后，四季度经济明显回升。\n"
    got = lambda head: extract_text(head + body, doc_id="x", pub_date="2025-01-20")["dates"].value.tolist()  # noqa: E731
    assert got("一、过去一年工作回顾") == got("一、一年来工作回顾") == ["2024-09-26", "2024-Q4"]
    assert got("一、过去一年和五年工作回顾") == ["2025-09-26", "2025-Q4"]  # over several spans: no one year
    assert got("过去一年工作回顾") == ["2025-09-26", "2025-Q4"]  # unnumbered: no heading of a report's section


def test_headlines_open_no_section() -> None:
    """A newspaper's headline that opens with a year part, or names no look back or task, sets no year (review of
    round 22: 年内为百姓办六十件实事 made a later 全年 of 2000 read 2001)."""
    page = "年内为百姓办六十件实事\n　　广东省2000年地方税收传捷报。截至年末最后一天，全年共组织地税收入600.3亿元。\n"
    assert [v for _s, v in _whole_years(page, "2001-01-03")] == ["2000"]
    news = "2023年度十大科技成果揭晓\n　　本报讯 6月3日，成果发布会举行，四季度将启动评选。\n"
    d = extract_text(news, doc_id="x", pub_date="2024-06-05")["dates"]
    assert {r.text: r.value for r in d.itertuples()}["6月3日"] == "2024-06-03"
    assert {r.text: r.value for r in d.itertuples()}["四季度"] == "2024-Q4"


def test_whole_year_after_a_date_is_that_dates_year_and_not_inside_a_word() -> None:
    tasks = "二、2025年工作安排\n　　"
    assert [v for _s, v in _whole_years(tasks + "2024年全年粮食产量创新高。")] == ["2024"]
    assert [v for _s, v in _whole_years(tasks + "去年全年粮食产量创新高。")] == ["2024"]
    # the section's year before the paragraph's: a horizon named earlier in the paragraph is no year of 全年
    assert [v for _s, v in _whole_years(tasks + "到2027年基本建成现代化产业体系，全年新增城镇就业50万人。")] == ["2025"]
    assert _whole_years(tasks + "开展质量和安全年活动，建立健全年金制度。") == []


def test_a_new_article_ends_the_section_year() -> None:
    ctx = DateContext()
    extract_dates("一、2024年工作回顾", "2025-01-15", ctx)
    ctx.new_paragraph()
    assert ctx.section_year == 2024
    ctx.new_article()
    assert ctx.section_year is None


def test_a_heading_is_one_short_line_with_no_sentence_mark() -> None:
    ctx = DateContext()
    extract_dates("2024年，全省经济稳步回升。", "2025-01-15", ctx)  # a sentence, not a heading
    ctx.new_paragraph()
    assert ctx.section_year is None
    extract_dates("二、2025年工作安排", "2025-01-15", ctx)
    extract_dates("重点抓好以下工作", "2025-01-15", ctx)  # a second line: the paragraph is no heading
    ctx.new_paragraph()
    assert ctx.section_year is None
    extract_dates("二、2025年工作安排", "2025-01-15", ctx)
    ctx.new_paragraph()
    assert ctx.section_year == 2025
    extract_dates("（一）全力扩大有效需求", "2025-01-15", ctx)  # a sub-heading with no year keeps it
    ctx.new_paragraph()
    assert ctx.section_year == 2025
    extract_dates("三、全面加强政府自身建设", "2025-01-15", ctx)
    ctx.new_paragraph()
    assert ctx.section_year is None
    extract_dates("一、1998年工作回顾和1999年工作的建议", "1999-03-05", ctx)  # two years: a look back and plans
    ctx.new_paragraph()
    assert ctx.section_year is None


@pytest.mark.parametrize("window", [1500, 3000])
def test_a_windowed_report_keeps_the_section_year_across_the_cut(tmp_path, window: int) -> None:
    """Hubei's tasks heading (二、2025年工作思路和重点任务) and its 全年实施亿元以上项目1.6万个 fall in two windows at these
    sizes: the section year crosses the cut in the carried DateContext, so the windows give the one-pass rows."""
    reports = requires_shared("corpus", "provincial_reports_2025")
    src, meta = reports / "gwr2025_hubei.txt", reports / "metadata.csv"
    raw = src.read_text(encoding="utf-8")
    heading, whole_year = raw.index("二、2025年工作思路"), raw.index("全年实施亿元以上项目")
    assert any(heading < c <= whole_year for c in cut_points(raw, window))  # the cut this test is about
    key = ["raw_start", "raw_end", "text", "value"]
    whole = extracted_rows(src, meta, tmp_path / "whole", "dates", key)
    assert ((whole.text == "全年") & (whole.value == "2025") & (whole.raw_start == str(whole_year))).any()
    pd.testing.assert_frame_equal(extracted_rows(src, meta, tmp_path / "cut", "dates", key, window_chars=window), whole)


def _orgs(text: str) -> list[str]:
    return extract_text(text, doc_id="x")["organizations"]["text"].tolist()


def test_a_compass_region_opens_a_platform_name_only_before_its_place_in_parentheses() -> None:
    assert "西部（重庆）科学城" in _orgs("推动西部（重庆）科学城建设。")
    assert "中国东南（福建）科学城" in _orgs("做大做强中国东南（福建）科学城。")
    assert not any(o.startswith("西部") for o in _orgs("加快西部新区建设。"))
    assert not any(o.startswith("西部") for o in _orgs("推动西部（全域）科学城建设。"))  # no place inside


def test_a_state_firms_short_name_stays_a_body_before_a_noun() -> None:
    assert "陕煤" in _orgs("加快陕煤煤炭分质利用、环氧树脂一期等项目建设，50万吨甲醇制乙醇项目建成投产。")
    assert "电信" not in _orgs("打击治理电信网络诈骗等突出违法犯罪。")  # a field: no place abbreviation
    assert "绿电" not in _orgs("提高绿电装机占比。")  # 绿 is no place, 电 no firm's industry here
