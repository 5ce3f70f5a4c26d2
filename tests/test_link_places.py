"""Issue 15, item 3: place mentions with their GB/T 2260 division, and the region of each row."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import requires_shared
from pipeline import extract_text
from pipeline.run.store import read_table
from pipeline.stages.places.divisions import gazetteer
from pipeline.stages.places.mentions import resolve, scan
from pipeline.stages.places.region import dominant, region_name


def _decided(text: str, one_sentence: bool = True) -> list[tuple[str, str | None]]:
    ms = scan(text)
    resolve(ms, [0 if one_sentence else i for i in range(len(ms))], [0] * len(ms))
    return [(m.text, m.adcode) for m in ms]


def test_divisions_come_from_the_package_with_current_codes():
    g = gazetteer()
    assert len(g.by_code) > 3000
    assert g.by_code["330102"].name == "上城区" and g.full_name("330102") == "浙江省杭州市上城区"
    assert "330103" not in g.by_code  # 下城区 was merged into 拱墅区 in 2021


def test_full_and_short_names():
    assert _decided("浙江杭州上城区") == [("浙江", "330000"), ("杭州", "330100"), ("上城区", "330102")]


def test_merged_districts_still_resolve_to_their_successor():
    ms = scan("杭州下城区和江干区")
    resolve(ms, [0, 0, 0], [0, 0, 0])
    assert [(m.adcode, m.old_adcode) for m in ms][1:] == [("330105", "330103"), ("330102", "330104")]


def test_a_shared_name_needs_context():
    assert _decided("朝阳区") == [("朝阳区", None)]
    assert _decided("北京市朝阳区")[-1] == ("朝阳区", "110105")
    assert _decided("长春市朝阳区")[-1] == ("朝阳区", "220104")
    assert _decided("鼓楼区") == [("鼓楼区", None)]
    assert _decided("南京鼓楼区")[-1] == ("鼓楼区", "320106")
    assert _decided("吉林") == [("吉林", "220000")]  # province and city share the province


def test_a_district_from_another_province_needs_its_province_named():
    assert _decided("绍兴滨海新区")[-1] == ("滨海新区", None)
    assert _decided("天津滨海新区")[-1] == ("滨海新区", "120116")


def test_dominant_region():
    assert dominant(["330102", "330102", "330100", "110000"]) == "330102"
    assert dominant(["330102", "330105", "330100", "330000"]) == "330100"
    assert dominant([]) is None
    assert region_name("100000") == "中华人民共和国"


def test_rows_get_region_and_adcode():
    t = extract_text("上城区发改经信局将安排资金3亿元。国务院印发通知。", doc_id="t", pub_date="2023")
    org = t["organizations"].set_index("text")
    assert org.loc["上城区发改经信局", "adcode"] == "330102"
    assert org.loc["上城区发改经信局", "region"] == "浙江省杭州市上城区"
    assert org.loc["国务院", "adcode"] == "100000" and org.loc["国务院", "region_source"] == "national"
    amt = t["amounts"].iloc[0]
    assert amt.adcode == "330102" and amt.region_source == "sentence"
    assert t["documents"].adcode.iloc[0] == "330102"
    places = t["places"]
    assert places.text.tolist() == ["上城区"] and places.city.iloc[0] == "杭州市"


def test_a_foreign_body_gets_no_region_from_its_sentence():
    t = extract_text("德国维维美迪亚公司总经理认为，上海正在打造科创中心。", doc_id="t", pub_date="2023")
    org = t["organizations"]
    row = org[org.text.str.contains("维维美迪亚")].iloc[0]  # with or without 德国 in the mention
    assert pd.isna(row.adcode) and row.region_source == "foreign"


def test_a_place_must_start_a_word_or_sit_inside_one():
    t = extract_text("为了顺应城市发展，形成都市圈。", doc_id="t", pub_date="2023")
    assert "应城市" not in t["places"].text.tolist() and "成都市" not in t["places"].text.tolist()


@pytest.mark.slow
def test_seed_organizations_have_an_adcode(seed_outputs):
    orgs = read_table(seed_outputs, "organizations").to_pandas()
    assert orgs.adcode.notna().mean() >= 0.90
    docs = read_table(seed_outputs, "documents").to_pandas()
    assert docs.adcode.notna().all()


PLACES_CORPUS_FLOOR = 0.95  # share of expectations met (0.94 when written; 45/47 in session 15). Raise, never lower


def test_the_places_corpus():
    """configs/places/corpus.jsonl: real sentences with the divisions a reader gives their place names,
    each run alone. Known misses: 南山区 inside 浙南山区 (the segmenter makes it one word), and
    涿州市 in a sentence that names 北京 but not 河北 (a county needs its province when others are named)."""
    import json

    from pipeline.core.config import lexicon_path

    cases = [json.loads(line) for line in lexicon_path("places/corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 12
    wrong = []
    for c in cases:
        tables = extract_text(c["text"], doc_id="c")
        got = {(r.text, r.adcode if isinstance(r.adcode, str) else None)  # pandas 3 reads a null as NaN
               for r in tables["places"].itertuples()}
        texts = {t for t, _ in got}
        wrong += [(c["source"], e["text"], e["adcode"], sorted(got)) for e in c["expect"]
                  if (e["text"], e["adcode"]) not in got]
        wrong += [(c["source"], a, "absent", sorted(got)) for a in c["absent"] if a in texts]
        if "region" in c and tables["documents"].region.iloc[0] != c["region"]:  # the dominant region (session 20)
            wrong.append((c["source"], "region", c["region"], tables["documents"].region.iloc[0]))
    total = sum(len(c["expect"]) + len(c["absent"]) + ("region" in c) for c in cases)
    print(f"places corpus: {total - len(wrong)}/{total} met; misses: {wrong}")
    assert (total - len(wrong)) / total >= PLACES_CORPUS_FLOOR, wrong


def test_a_one_character_name_from_an_edited_lexicon_is_scanned(monkeypatch):
    """The scan keys names by two characters; a one-character name (which the schema allows in an edited
    lexicon) is still found, at a text's end too, and the longest name at a position still wins."""
    from pipeline.stages.places import mentions

    monkeypatch.setattr(mentions, "_national_mentions", lambda: frozenset({"华", "华夏"}))
    for f in (mentions._lengths, mentions._singles):
        f.cache_clear()
    try:
        found = [(m.text, m.start) for m in scan("在华投资，华夏银行，来华")]
        assert found == [("华", 1), ("华夏", 5), ("华", 11)]
        assert [m.text for m in scan("杭州")] == ["杭州"]  # the shipped names are unaffected
    finally:
        for f in (mentions._lengths, mentions._singles):
            f.cache_clear()


def test_autonomous_prefectures_by_their_short_names():
    """湘西 (湘西土家族苗族自治州), 伊犁州; 海南州 is the Qinghai prefecture and 海南 stays the province. Known risk: like
    every short form, a bare one is also read at the start of a longer word (大理石, marble, would give 大理); the
    corpora hold no such word, while the backend's longer place words (临夏地质公园, 湘西地区) hold 7 true mentions."""

    def places(text: str) -> set[tuple[str, str]]:
        return set(zip(*(extract_text(text, doc_id="p")["places"][c] for c in ("text", "adcode"))))

    assert ("湘西", "433100") in places("湘南湘西承接产业转移示范区实际到位内资超4000亿元。")
    assert {("伊犁州", "654000"), ("昌吉州", "652300")} <= places("研究推动向伊犁州、昌吉州下放行政职权。")
    assert ("海南州", "632500") in places("海南州国家可持续发展议程创新示范区活跃度居全国示范区首位。")
    assert ("海南", "460000") in places("海南自由贸易港建设稳步推进。")
    assert ("大理", "532900") in places("大理、丽江旅游持续火爆。")


# Session 20: a national mention that only frames a comparison (居全国首位, 高于全国平均水平) or names a national
# designation (中国特色社会主义) casts no vote for the dominant region. In the 2025 reports of 宁夏, 云南 and 黑龙江 such
# frames outnumbered the province's own mentions, and each document's region read as the whole country.
@pytest.mark.parametrize("text, frame", [
    ("粮食产量居全国首位", True), ("增速高于全国平均水平", True), ("经验向全国推广", True),
    ("坚持中国特色社会主义", True), ("推进中国式现代化", True), ("排名全国第7位", True),
    ("全国各族人民", False), ("我国经济回升向好", False), ("中国的发展", False),
])
def test_a_national_mention_in_a_comparison_frame_is_marked(text: str, frame: bool):
    ms = [m for m in scan(text) if m.national]
    assert len(ms) == 1 and ms[0].frame is frame


def test_comparison_frames_do_not_outvote_the_province_a_text_is_about():
    text = ("宁夏粮食产量居全国首位，增速高于全国平均水平，经验向全国推广，排名全国第3位。"
            "宁夏将推进中国式现代化，坚持中国特色社会主义。银川市加快发展。")
    assert extract_text(text, doc_id="nx")["documents"].region.iloc[0] == "宁夏回族自治区"
    text = "全国各族人民团结奋斗，我国经济回升向好，全国人民生活改善。宁夏加快发展。"
    assert extract_text(text, doc_id="cn")["documents"].region.iloc[0] == "中华人民共和国"


PROVINCE_OF_REPORT = {
    "beijing": "11", "tianjin": "12", "hebei": "13", "shanxi": "14", "neimenggu": "15", "liaoning": "21",
    "jilin": "22", "heilongjiang": "23", "fujian": "35", "jiangxi": "36", "shandong": "37", "henan": "41",
    "hubei": "42", "hunan": "43", "guangdong": "44", "guangxi": "45", "hainan": "46", "chongqing": "50",
    "sichuan": "51", "guizhou": "52", "yunnan": "53", "xizang": "54", "shaanxi": "61", "gansu": "62",
    "qinghai": "63", "ningxia": "64", "xinjiang": "65",
}


@pytest.mark.slow
def test_every_provincial_report_is_about_its_province(tmp_path):
    """The 27 provincial work reports 2025: each document's dominant region is its province (宁夏, 云南 and 黑龙江
    read as the whole country before comparison frames stopped voting)."""
    from pipeline.run.batch import run_extract

    reports = requires_shared("corpus", "provincial_reports_2025")
    out = tmp_path / "out"
    res = run_extract([reports], out, metadata=reports / "metadata.csv", workers=2, progress=False)
    assert res.n_failed == 0
    docs = read_table(out, "documents").to_pandas()
    assert len(docs) == len(PROVINCE_OF_REPORT)
    wrong = {d: r for d, r, c in zip(docs.doc_id, docs.region, docs.adcode)
             if str(c)[:2] != PROVINCE_OF_REPORT[d.removeprefix("gwr2025_")]}
    assert not wrong


@pytest.mark.parametrize("text, body, region", [
    ("在党中央坚强领导下，四川省加快发展。", "党中央", "中华人民共和国"),  # the Party's centre: a national body
    ("感谢驻川人民解放军和武警部队，四川省加快发展。", "武警部队", "中华人民共和国"),
    ("四川省与联合国开发计划署开展合作。", "联合国", None),  # an international body: no Chinese region
    ("广西与东盟贸易增长。", "东盟", None),
])
def test_national_and_international_bodies_take_no_province_from_their_sentence(text, body, region):
    orgs = extract_text(text, doc_id="x")["organizations"]
    row = orgs[orgs.text.str.startswith(body)]
    assert len(row) >= 1
    got = row.region.iloc[0]
    assert (got if isinstance(got, str) else None) == region
