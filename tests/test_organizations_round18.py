"""Round 18's organization rules (docs/organizations.md "Round 18"), each on a tagged sentence of the kind it was written from, and a
user's lexicon copy from before the round: it still loads and leaves the new rule off."""

from __future__ import annotations

import re

import pytest

from pipeline.core import config
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names, run, surfaces

WORKS = ("加快/v 昌九高铁/PER 、/w 国电投分/ORG 宜/v 电厂/n 扩建/v 、/w 萍乡/LOC 绕城/LOC 高速/a 等/u 项目/n 建设/vn ，/w "
         "开工/v 大唐抚州电厂/ORG 扩建/v 、/w 袁河/PER 航道/n 提升/v 工程/n 等/u 项目/n 。/w")


def test_the_owner_opening_works_named_by_owner_and_site_is_the_body() -> None:
    found = names(WORKS)
    assert {"国电投", "大唐"} <= found
    assert not {"国电投分", "大唐抚州电厂"} & found  # the works are a project; the backend's cut is no name
    assert "浙能" in names("浙能六横电厂/ORG 二期/m 、/w 庆元/LOC 百花岩风电/ORG 等/u 项目/n 建成/v 投运/vn 。/w")


def test_a_county_opening_works_is_their_place_not_an_owner() -> None:
    found = names("加快/v 推进/v 合川双槐电厂/ORG 三期/m 、/w 织金平远电厂/ORG 等/u 项目/n 。/w")
    assert not {"合川", "织金"} & found
    assert "大唐" not in names("大唐抚州电厂/ORG 扩建/v 加快/v 推进/v 。/w")  # no project list
    assert not names("建成/v 新余/LOC 电厂/n 二期/m 、/w 黔中电厂/ORG 二期/m 等/u 项目/n 。/w")  # a place alone
    assert not names("开工/v 信丰电厂/ORG 扩建/v 、/w 井冈/LOC 灌区/n 等/u 项目/n 。/w")  # works before an expansion
    assert "市人民医院" in names("市人民医院/ORG 扩建/v 三期/m 投入/v 使用/v 。/w")  # no works: a body


def test_common_words_in_a_list_of_platforms_name_a_kind() -> None:
    assert names("青海电商总部/ORG 、/w 拉面/n 产业/n 数字化/vn 等/u 平台/n 陆续/d 建成/v 。/w") == {"青海电商总部"}
    assert not names("引导/v 工程/n 技术/n 、/w 研发/vn 设计/vn 等/u 专业/a 服务/vn 机构/n 走出去/v 。/w")
    assert "海事法律" not in names("招引/v 海事/n 法律/n 、/w 船级社/ORG 等/u 服务/vn 机构/n 。/w")
    # in a list of firms the backend cuts brands into common words: they stay; so do pieces of a brand anywhere
    assert "威星智能" in names("拥有/v 海兴电力/ORG 、/w 威星/n 智能/n 等/u 链/n 主/a 企业/n 。/w")
    assert "搜道" in names("集聚/v 了/u 如涵/PER 、/w 搜/v 道/n 、/w 多麦/nz 等/u 头部/n MCN/nz 机构/n 。/w")


def test_a_region_word_opens_a_name_whatever_its_tag() -> None:
    sent = "深化/v 长三角/a 生态/n 绿色/n 一体化/vn 发展/vn 示范/vn 区/n 建设/vn 。/w"
    assert names(sent) == {"长三角生态绿色一体化发展示范区"}
    assert not names("支持/v 枣庄/LOC 承接/v 长三角/a 产业/n 转移/v 。/w")  # no head of a body
    assert not names("建设/v 全国/n 重点/n 实验室/n 。/w")  # a level is no region: a class


def test_a_place_word_holding_a_name_found_in_the_text_is_that_name_with_its_place() -> None:
    found = names("毛主席/PER 亲自/d 缔造/v 的/u 中国人民解放军/LOC ，/w 是/v 坚强/a 柱石/n 。/w "
                  "五十年/TIME 来/v ，/w 人民解放军/ORG 建立/v 了/u 丰功伟绩/n 。/w")
    assert found == {"中国人民解放军", "人民解放军"}
    # a county-level city's name, written without its unit, is a place too
    assert "涿州新华书店" in names("涿州新华书店/LOC 引进/v 超市/n 。/w 将/p 大/a 超市/n 引进/v 了/u 新华书店/ORG 。/w")
    assert "美国苹果公司" not in names("美国苹果公司/LOC 发布/v 新品/n 。/w 苹果公司/ORG 表示/v 。/w")  # a foreign country
    assert not names("新疆塔里木油田/LOC 的/u 开发/vn 。/w")  # no name found in the text


def test_a_party_name_before_the_word_for_its_people_is_no_body() -> None:
    assert not names("中国共产党/ORG 人/n 经过/p 反复/d 探索/v 。/w")
    assert names("中国共产党/ORG 人/n 经过/p 反复/d 探索/v 。/w 中国共产党/ORG 领导/v 人民/n 。/w") == {"中国共产党"}
    assert "国务院人口普查办公室" in names("国务院人口普查办公室/ORG 发布/v 公报/n 。/w")  # only a party's name is keyed


def test_a_two_character_word_the_document_reads_as_common_is_no_body_where_tagged_once() -> None:
    sent = "大众/ORG 创业/v 蓬勃/a 发展/v 。/w 迎接/v 大众/n 旅游/vn 时代/n 。/w"
    assert "大众" not in names(sent)
    assert "大众" in names("大众/ORG 创业/v 蓬勃/a 发展/v 。/w")  # no common reading in the text: the backend's tag stands
    # a word that names bodies (grammar.toml name_words) stays one
    assert "中央" in names("中央/ORG 决定/v 召开/v 会议/n 。/w 中央/n 和/c 地方/n 财政/n 。/w")


def test_a_central_bank_is_a_government_body_though_bank_ends_its_name() -> None:
    assert surfaces(run("增强/v 了/u 中央银行/ORG 对/p 货币/n 信贷/n 的/u 调控/vn 能力/n 。/w")[1]) == {
        "中央银行": ("中央银行", "government")}
    assert surfaces(run("中国农业银行/ORG 股份制/n 改革/vn 顺利/ad 进行/v 。/w")[1])["中国农业银行"][1] == "company"


@pytest.fixture
def older_user_lexicons(tmp_path, monkeypatch):
    """A copy of configs/organizations made before round 18: [project_owners] has no site_chars, grammar.toml no
    member_followers, tags.toml no common_word class."""
    enum = (config.CONFIG_DIR / "organizations" / "enumeration.toml").read_text(encoding="utf-8")
    grammar = (config.CONFIG_DIR / "organizations" / "grammar.toml").read_text(encoding="utf-8")
    files = {"enumeration.toml": re.sub(r"(?m)^site_chars = .*\n", "", enum),
             "grammar.toml": re.sub(r"(?m)^member_followers = .*\n", "", grammar)}
    steps = older_organization_lexicons(tmp_path, monkeypatch, ("common_word",), (), files)
    next(steps)
    yield
    next(steps, None)


def test_an_older_user_lexicon_loads_and_leaves_round_18_off(older_user_lexicons) -> None:
    found = names(WORKS)
    assert not {"大唐", "国电投"} & found  # no owners read (the works themselves are a project: [phased_works])
    assert names("中国共产党/ORG 人/n 经过/p 反复/d 探索/v 。/w") == {"中国共产党"}
    assert "大众" in names("大众/ORG 创业/v 蓬勃/a 发展/v 。/w 迎接/v 大众/n 旅游/vn 时代/n 。/w")
