"""Issue 15, item 4: one organization registry across the documents of a run."""

from __future__ import annotations

import pyarrow as pa
import pytest

from pipeline.run.registry import org_id, registry_rows
from pipeline.run.schema import SCHEMAS
from pipeline.run.store import read_table


@pytest.mark.parametrize("a, b", [
    (("东方电气集团", "company"), ("中国东方电气集团有限公司", "company")),
    (("上城区政府", "government"), ("杭州市上城区人民政府", "government")),
    (("国家发展改革委", "government"), ("国家发展和改革委员会", "government")),
    (("鹏瞰集成电路(杭州)有限公司", "company"), ("鹏瞰集成电路（杭州）有限公司", "company")),
    (("上城区政务服务中心", "government"), ("杭州市上城区政务服务中心", "government")),
])
def test_surface_forms_of_one_body_share_an_id(a, b):
    assert org_id(*a) == org_id(*b)


@pytest.mark.parametrize("a, b", [
    (("上城区政府", "government"), ("下城区政府", "government")),
    (("下城区政府", "government"), ("拱墅区政府", "government")),  # merged in 2021, but two bodies before
    (("北京市朝阳区政府", "government"), ("长春市朝阳区政府", "government")),
    (("杭州市发改委", "government"), ("宁波市发改委", "government")),
    (("中国银行", "company"), ("银行", "company")),
    (("浙江大学", "research"), ("浙江工业大学", "research")),
])
def test_different_bodies_sharing_a_short_form_stay_apart(a, b):
    assert org_id(*a) != org_id(*b)


def test_registry_rows_group_every_mention():
    rows = [
        {"org_id": org_id("东方电气集团", "company"), "doc_id": "a", "text": "东方电气集团", "name": "东方电气集团",
         "type": "company", "adcode": "100000", "region": "中华人民共和国", "region_source": "national"},
        {"org_id": org_id("中国东方电气集团有限公司", "company"), "doc_id": "b", "text": "东方电气",
         "name": "中国东方电气集团有限公司", "type": "company", "adcode": "100000", "region": "中华人民共和国",
         "region_source": "national"},
        {"org_id": org_id("上城区政府", "government"), "doc_id": "a", "text": "上城区政府", "name": "上城区政府",
         "type": "government", "adcode": "330102", "region": "浙江省杭州市上城区", "region_source": "name"},
    ]
    table = pa.Table.from_pylist(rows)
    reg = {r["name"]: r for r in registry_rows(table)}
    assert set(reg) == {"中国东方电气集团有限公司", "上城区政府"}
    east = reg["中国东方电气集团有限公司"]
    assert east["aliases"] == ["东方电气", "东方电气集团", "中国东方电气集团有限公司"]
    assert east["n_docs"] == 2 and east["n_mentions"] == 2 and east["type"] == "company"


@pytest.mark.slow
def test_seed_registry_covers_every_organization_row(seed_outputs):
    orgs = read_table(seed_outputs, "organizations").to_pandas()
    reg = read_table(seed_outputs, "organizations_registry").to_pandas()
    assert reg.org_id.is_unique and orgs.org_id.notna().all()
    assert set(orgs.org_id) == set(reg.org_id)
    assert reg.n_mentions.sum() == len(orgs)
    merged = reg[reg.aliases.map(len) > 1]
    assert len(merged) >= 10
    east = reg[reg.aliases.map(lambda a: "东方电气集团" in a)]
    assert len(east) == 1 and "中国东方电气集团有限公司" in east.aliases.iloc[0]
    assert list(reg.columns) == SCHEMAS["organizations_registry"].names


# Session 20: bodies named with no place of their own (省委, 省人民政府, 政协, 省发改委) are the bodies of their row's
# region. A key by name alone made 省委 one body across the 19 provincial reports that write it.
@pytest.mark.parametrize("name, region, doc_region, key", [
    ("省委", "510104", "510000", "510000|委"),  # a district of 成都 names the province at the province level
    ("省人民政府", "510000", "510000", "510000|政府"),  # 人民政府 = 政府, as for the name written with its place
    ("市委", "110000", "110000", "110000|委"),  # 北京's 市 is the province level
    ("市政府", "310000", "330100", "310000|政府"),  # 上海市委、市政府 in a Hangzhou text
    ("区委", "330102", "330102", "330102|委"),
    ("省发改委", "330100", "330100", "330000|发改委"),  # an office after a level word
    ("省医学科学院", "410000", "410000", "410000|医学科学院"),  # any body: 河南's, not 广东's (one key before)
    ("自治区党委", "150000", "150000", "150000|党委"),
    ("政协", "510000", "510000", "@510000|政协"),  # a body every place has, at no level of its own
    ("市政府", "510000", "510000", "@510000|市政府"),  # a city's body in a text about a whole province: which city is unknown
    ("省委", "100000", "100000", "@doc:d|省委"),  # a level word in a State Council report names no one province
    ("省委", None, None, "@doc:d|省委"),  # no place at all: never merged across documents
    ("政协", "100000", "640000", "@640000|政协"),  # a closing article naming 全国: still the Ningxia report's 政协
    ("政协", "100000", "100000", "@100000|政协"),  # in a State Council report: the national one
])
def test_a_body_with_no_place_of_its_own_is_keyed_under_its_region(name, region, doc_region, key):
    from pipeline.run.registry import local_scope, org_key

    assert org_key(name, "government", local_scope(name, region, doc_region, "d")) == key


@pytest.mark.parametrize("name", ["四川省委", "国务院", "财政部", "党中央", "市场监管局", "市区托育综合服务中心",
                                  "长三角区域合作办公室", "华为", "省"])
def test_names_that_say_where_national_bodies_and_proper_names_keep_their_key(name):
    from pipeline.run.registry import local_scope

    assert local_scope(name, "510000", "510000", "d") is None


def test_a_level_word_alone_joins_the_name_written_with_its_place():
    from pipeline.run.registry import local_scope

    assert org_id("省委", "government", local_scope("省委", "510000", "510000", "a")) == org_id("四川省委", "government")
    assert org_id("省委", "government", local_scope("省委", "510000", "510000", "a")) != org_id(
        "省委", "government", local_scope("省委", "440000", "440000", "b"))
    assert org_id("省政府", "government", local_scope("省政府", "210000", "210000", "a")) == org_id("辽宁省人民政府", "government")


def test_a_bracketed_place_after_the_country_names_the_zone_not_a_branch():
    """中国（甘肃）自由贸易试验区 and 中国（贵州）自由贸易试验区 (the Gansu and Guizhou reports 2025) are two zones; one key had
    merged them. A branch's place in brackets still goes (东方电气长三角(杭州)创新研究院, the seeds)."""
    assert org_id("中国（甘肃）自由贸易试验区", "platform") != org_id("中国（贵州）自由贸易试验区", "platform")
    assert org_id("东方电气长三角(杭州)创新研究院", "research") == org_id("东方电气长三角创新研究院", "research")


def test_two_provinces_bodies_of_one_short_form_stay_apart_in_one_run(tmp_path):
    """省委 and 省政协 of two texts about two provinces are two bodies each; 省委 and 四川省委 in one are one."""
    from pipeline.run.batch import run_extract

    src = tmp_path / "src"
    src.mkdir()
    (src / "sc.txt").write_text("四川省委召开全会。省委提出实施6个重大科技专项，省政协积极参与。", encoding="utf-8")
    (src / "gd.txt").write_text("广东省召开会议。省委提出实施8个重大科技专项，省政协积极参与。", encoding="utf-8")
    out = tmp_path / "out"
    assert run_extract([src], out, workers=1).n_failed == 0
    orgs = read_table(out, "organizations").to_pandas()
    ids = orgs.groupby(["doc_id", "name"]).org_id.agg(set).to_dict()
    assert ids[("sc", "省委")] == ids[("sc", "四川省委")] and len(ids[("sc", "省委")]) == 1
    assert ids[("sc", "省委")].isdisjoint(ids[("gd", "省委")])
    assert ids[("sc", "省政协")].isdisjoint(ids[("gd", "省政协")])
    reg = read_table(out, "organizations_registry").to_pandas()
    committees = reg[reg.aliases.map(lambda a: "省委" in a)]
    assert sorted(committees.region) == ["四川省", "广东省"]
    assert sorted(committees.name) == ["四川省委", "广东省委"]  # the registry writes the division out


def test_an_older_registry_lexicon_without_the_place_keys_still_loads(tmp_path, monkeypatch):
    """A user's registry.toml made before session 20 (no local_bodies, levels, …) loads; 省委 keeps its key by name."""
    import re

    from pipeline.core import config
    from pipeline.run import registry

    old = (config.CONFIG_DIR / "registry" / "registry.toml").read_text(encoding="utf-8")
    old = re.sub(r"(?ms)^local_bodies = \[.*?\]\n", "", old)
    old = re.sub(r"(?m)^(not_levels|municipalities) = .*\n", "", old)
    old = re.sub(r"(?ms)^\[levels\]\n.*?\n\n", "", old)
    assert "[levels]" not in old and "local_bodies =" not in old and "not_levels =" not in old
    (tmp_path / "lex" / "registry").mkdir(parents=True)
    (tmp_path / "lex" / "registry" / "registry.toml").write_text(old, encoding="utf-8")
    monkeypatch.setenv(config.LEXICONS_ENV, str(tmp_path / "lex"))
    config.load_lexicon_toml.cache_clear()
    registry._rules.cache_clear()
    registry.org_key.cache_clear()
    try:
        assert registry.local_scope("省委", "510000", "510000", "d") is None
        assert registry.org_id("东方电气集团", "company") == registry.org_id("中国东方电气集团有限公司", "company")
    finally:
        monkeypatch.delenv(config.LEXICONS_ENV)
        config.load_lexicon_toml.cache_clear()
        registry._rules.cache_clear()
        registry.org_key.cache_clear()


def test_the_registry_writes_out_the_division_of_a_level_word():
    """省委 whose rows lie in 成都 is 四川省委, the province (its level), not the city its sentence named."""
    from pipeline.run.registry import local_scope

    rows = [{"org_id": org_id("省委", "government", local_scope("省委", "510104", "510000", "k")), "doc_id": "a",
             "text": "省委", "name": "省委", "type": "government", "adcode": "510104", "region": "四川省成都市武侯区",
             "region_source": "sentence"},
            {"org_id": org_id("政协", "government", local_scope("政协", "510000", "510000", "k")), "doc_id": "a",
             "text": "政协", "name": "政协", "type": "government", "adcode": "510000", "region": "四川省",
             "region_source": "document"}]
    reg = {r["aliases"][0]: r for r in registry_rows(pa.Table.from_pylist(rows))}
    assert (reg["省委"]["name"], reg["省委"]["region"], reg["省委"]["adcode"]) == ("四川省委", "四川省", "510000")
    assert reg["政协"]["name"] == "政协"  # no level word: its level is unknown, the name stays as written
