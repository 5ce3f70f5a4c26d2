"""Round 13 of the organization layer on hand-built analyses: a backend span that closes a clause after a
modifier (a closing head), a relation's parties, the tagging that does not put such spans back, and a count
before one backend entity. Real-text cases, with negatives, are in configs/organizations/corpus.jsonl (rules
``closing head``, ``relation``, ``counted class``)."""

from __future__ import annotations

import pytest

from pipeline.stages.organizations.lexicon import load_org_lexicon
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names, run


def test_a_span_closing_a_clause_after_a_modifier_is_no_name() -> None:
    assert "联通" not in names("形成/v 政策/n 协同/vn 、/w 信息/n 联通/ORG 、/w 监管/vn 联动/vn 机制/n 。/w")
    assert "光明" not in names("人类/n 前途/n 终归/d 光明/ORG 。/w")
    assert "万立方米" not in names("储气/vn 能力/n 达/v 5200/m 万立方米/ORG ，/w 保障/v 巩固/v 。/w")


def test_a_place_a_pronoun_a_counted_article_or_a_body_tail_before_the_mark_keeps_the_name() -> None:
    assert "广汽埃安" in names("长沙/LOC 广汽埃安/ORG 、/w 湘潭/LOC 吉利/ORG 项目/n 建成/v 投产/vn 。/w")
    assert "人大" in names("是/v 本级/r 人大/ORG 、/w 政协/ORG 监督/vn 支持/v 的/u 结果/n 。/w")
    assert "汉阳钢铁厂" in names("才/d 建设/v 起/v 一个/m 汉阳钢铁厂/ORG ，/w 当年/TIME 产量/n 很/d 少/a 。/w")
    assert "八路军" in names("人民解放军/ORG 的/u 前身/n 八路军/ORG 、/w 新四军/ORG 。/w")


def test_a_distributive_word_before_a_body_makes_it_a_class() -> None:
    """各级人大, 同级人大: every congress of each level, no one body (filters.toml distributive_words)."""
    assert "人大" not in names("是/v 各级/r 人大/ORG 、/w 政协/ORG 监督/vn 支持/v 的/u 结果/n 。/w")
    assert "人大" not in names("接受/v 同级/n 人大/ORG 的/u 监督/vn 。/w")


def test_a_span_at_the_end_of_a_sentence_with_no_mark_is_not_read_as_a_closing_head() -> None:
    assert "华为" in names("走进/v 科技/n 华为/ORG")


def test_the_tagging_does_not_put_a_refused_span_back() -> None:
    """The firm 联通 named in one sentence is not tagged where the layer read 联通 as a predicate."""
    text, orgs = run("联通/ORG （/w 湖南/LOC ）/w 产业/n 互联网/n 建成/v 。/w",
                     "形成/v 政策/n 协同/vn 、/w 信息/n 联通/ORG 、/w 监管/vn 联动/vn 机制/n 。/w")
    second = text.index("形成")
    assert [o.text for o in orgs if o.start < second] == ["联通"]
    assert not [o for o in orgs if o.start >= second]


def test_a_quoted_coinage_before_a_noun_it_modifies_is_no_name() -> None:
    assert "鲁惠通" not in names("升级/v “/w 鲁惠通/ORG ”/w 平台/n ，/w 推动/v 政策/n 直达/v 。/w")
    assert "湘域湘质" not in names("开展/v “/w 湘域湘质/ORG ”/w 系列/n 活动/vn 。/w")


def test_a_quoted_brand_that_acts_or_is_followed_by_its_members_stays() -> None:
    assert "鸭鸭" in names("“/w 鸭鸭/ORG ”/w 便/d 实现/v 了/u 销量/n 。/w")
    assert "红星连" in names("他/r 是/v “/w 红星连/ORG ”/w 专业/n 军士/n 。/w")


def test_china_and_country_abbreviations_are_a_relations_parties() -> None:
    assert names("中英/ORG 、/w 中葡/ORG 已/d 达成/v 协议/n 。/w") == set()
    assert "中老泰" not in names("强化/v 中老泰/ORG “/w 三国三园/n ”/w 合作/vn 。/w")
    assert "中美史克" in names("推动/v 中美史克/ORG 、/w 诺和诺德/ORG 等/u 增资/vn 扩产/vn 。/w")


def test_a_count_before_one_entity_naming_a_kind_of_body_counts_a_class() -> None:
    assert names("打造/v 一批/m 前沿技术交叉研究院/ORG 。/w") == set()
    assert "县医院" not in names("改造/v 786所/m 县医院/ORG 、/w 285所/m 县中医院/ORG 。/w")
    assert "湖北实验室" in names("建成/v 10家/m 湖北实验室/ORG 、/w 42家/m 全国/n 重点/n 实验室/n 。/w")
    assert "省委" in names("完成/v 30项/m 省委/ORG 省政府/ORG 为民/v 办/v 实事/n 。/w")


def test_a_list_headed_by_an_industrys_cluster_holds_industries() -> None:
    assert "汽车零配件" not in names("打造/v 能源/n 、/w 化工/n 、/w 新材料/n 、/w 汽车零配件/ORG 等/u 产业/n 集群/n 。/w")
    assert "赛力斯" in names("优化/v 长安/ORG 、/w 赛力斯/ORG 等/u 集群/n 。/w")


@pytest.fixture
def older_user_lexicons(tmp_path, monkeypatch):
    """A user's tags.toml and grammar.toml copied before round 13: no head_modifier class, no [closing_head]
    or [relation] section."""
    yield from older_organization_lexicons(tmp_path, monkeypatch, ("head_modifier",), ("closing_head", "relation"))


def test_an_older_user_lexicon_loads_and_leaves_the_new_rules_off(older_user_lexicons) -> None:
    lx = load_org_lexicon()
    assert lx.tags.head_modifier == frozenset() and not lx.closing_closers
    assert "联通" in names("形成/v 信息/n 联通/ORG 、/w 监管/vn 联动/vn 机制/n 。/w")
    assert "中葡" in names("中英/ORG 、/w 中葡/ORG 已/d 达成/v 协议/n 。/w")
