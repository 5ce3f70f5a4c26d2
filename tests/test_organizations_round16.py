"""Round 16's organization rules (docs/organizations.md "Round 16"), each on a tagged sentence of the kind it was written from, and a
user's lexicon copy from before the round: it still loads and leaves the rules off."""

from __future__ import annotations

import re

import pytest

from pipeline.core import config
from pipeline.stages.organizations.lexicon import load_org_lexicon
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names, run, surfaces


def test_a_weak_company_head_read_as_a_verbal_noun_is_the_act() -> None:
    assert "全社会固定资产投资" not in names("五年/TIME 全/nz 社会/n 固定资产/n 投资/vn 累计/vd 完成/v 17.2万亿元/m 。/w")
    assert names("中央政府建设/ORG 投资/vn 总/a 规模/n 为/v 1304亿元/m 。/w") == {"中央政府"}
    assert "鼎晖投资" in names("鼎晖投资/ORG 宣布/v 完成/v 融资/vn 。/w")


def test_a_level_a_field_and_wei_in_one_word_is_a_commission() -> None:
    assert surfaces(run("国家经委/n 要/v 会同/v 有关部门/n 。/w")[1]) == {"国家经委": ("国家经委", "government")}
    assert "国家部委" not in names("与/p 国家部委/n 、/w 兄弟/n 省份/n 合作/vn 。/w")


def test_a_field_group_opening_a_clause_before_its_predicate_is_one_body() -> None:
    assert "电力集团" in names("电力/n 集团/n 要/v 实施/v 好/a “/w 强网/nz ”/w 行动/n 。/w")
    assert "企业集团" not in names("发展/v 企业集团/n 要/v 坚持/v 以/p 市场/n 为/v 导向/n 。/w")
    assert "电力集团" not in names("组建/v 大型/b 电力集团/n 。/w")


def test_a_distributive_word_before_a_body_and_a_cut_compound() -> None:
    assert "市政府" not in names("各省/n 、/w 自治区/n 、/w 直辖/v 市政府/ORG 机构/n 的/u 改革/vn 。/w")
    assert names("只要/c 特别/a 行政区政府/ORG 与/p 各界/n 人士/n 同心协力/v 。/w") == {"特别行政区政府"}


def test_a_fund_that_a_verb_adds_money_to_is_that_money() -> None:
    assert "全国社会保障基金" not in names("要/v 多渠道/n 增加/v 全国社会保障基金/ORG 。/w")
    assert "全国社会保障基金" in names("全国社会保障基金/ORG 积累/v 4140亿元/m 。/w")


def test_a_list_of_regional_brands_holds_goods() -> None:
    assert not {"潜江龙虾", "随州香菇"} & names(
        "做/v 优/a 江汉大米/nz 、/w 潜江/LOC 龙虾/n 、/w 随州/LOC 香菇/nz 等/u 省级/a 区域/n 公用/vn 品牌/n 。/w")
    assert {"华为", "小米"} <= names("培育/v 华为/ORG 、/w 小米/ORG 等/u 知名/a 品牌/n 。/w")


@pytest.fixture
def older_user_lexicons(tmp_path, monkeypatch):
    """Copies made before round 16: no act_word class, no [commission], [group_subject], [compounds] or [fund_money]
    section, and no distributive_words (filters.toml) or negative_phrases (enumeration.toml) key."""
    steps = older_organization_lexicons(tmp_path, monkeypatch, ("act_word",),
                                        ("commission", "group_subject", "compounds", "fund_money"))
    next(steps)
    user = tmp_path / "lex" / "organizations"
    for name, key in (("filters.toml", "distributive_words"), ("enumeration.toml", "negative_phrases")):
        text = (config.CONFIG_DIR / "organizations" / name).read_text(encoding="utf-8")
        (user / name).write_text(re.sub(rf"(?m)^{key} = .*\n", "", text), encoding="utf-8")
    config.load_lexicon_toml.cache_clear()
    load_org_lexicon.cache_clear()
    yield
    next(steps, None)


def test_an_older_user_lexicon_loads_and_leaves_round_16_off(older_user_lexicons) -> None:
    lx = load_org_lexicon()
    assert lx.tags.act_word == frozenset() and not lx.group_heads and not lx.compounds and not lx.fund_verbs
    assert not lx.distributive_words and not lx.negative_phrases
    assert "国家经委" not in names("国家经委/n 要/v 会同/v 有关部门/n 。/w")
    assert "电力集团" not in names("电力/n 集团/n 要/v 实施/v 好/a “/w 强网/nz ”/w 行动/n 。/w")
    assert "全国社会保障基金" in names("要/v 多渠道/n 增加/v 全国社会保障基金/ORG 。/w")
