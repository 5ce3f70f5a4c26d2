"""Round 19's organization rules (docs/organizations.md "Round 19"), each on a tagged sentence of the kind it was written from, and a
user's lexicon copy from before the round: it still loads and leaves the new rule off."""

from __future__ import annotations

import re

import pytest

from pipeline.core import config
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names

CORE = "丝绸之路经济带/nz 核心/n 区/n 加快/v 建设/vn ，/w 深化/v 海丝/n 核心/n 区/n 建设/vn 。/w"


def test_a_core_zone_is_named_by_its_region_or_its_field() -> None:
    assert names(CORE) == {"丝绸之路经济带核心区", "海丝核心区"}
    assert names("推进/v 甬舟/nz 海洋/n 经济/n 核心/n 区/n 建设/vn 。/w") == {"甬舟海洋经济核心区"}


def test_a_core_zone_after_a_place_or_a_zone_is_its_centre() -> None:
    assert not names("背靠/v 杭城/LOC 核心/n 区/n ，/w 面向/v 大湾区/LOC 。/w")
    assert names("以/p 钱塘智慧城/LOC 核心/n 区/n 为主体/v 。/w") == {"钱塘智慧城"}
    assert not names("完成/v 核心/n 区/n 平房/n 2008户/m 退租/v 。/w")  # bare: the city's centre
    # a class before the head: a designation (宁德 is the place that builds it, outside the name)
    assert not names("宁德/LOC 建设/v 新能源/n 新材料/n 产业/n 核心/n 区/n 。/w")


def test_the_short_form_of_a_congress_with_its_place_is_a_body() -> None:
    assert names("完成/v 上海市/ORG 人代会/n 批准/v 的/u 预算/n 。/w") == {"上海市人代会"}
    assert not names("在/p 本次/r 人代会/n 到/v 下次/r 人代会/n 的/u 一年/m 间/f 。/w")  # bare: a session


PRODUCTS = ("确保/v 晓星氨纶/ORG （/w 三期/m ）/w 、/w 宝丰/ORG 储能/n 电池/n 等/u 重点/n 项目/n 建成/v 投产/vn 。/w "
            "加快/v 推进/v 中石化煤制烯烃/ORG 、/w 荣盛/ORG 煤化/nz 一体化/vn 等/u 一批/m 百亿级/m 项目/n 。/w")


def test_the_owner_opening_a_project_named_by_its_product_is_the_body() -> None:
    found = names(PRODUCTS)
    assert {"宝丰", "中石化", "荣盛"} <= found  # 等|一批|百亿级|项目: a count and a scale before the head
    assert "中石化煤制烯烃" not in found  # the backend's span is the project
    assert names("确保/v 台州/LOC 清陶锂电池/nz 、/w 丽水机场/LOC 等/u 项目/n 建成/v 投运/vn 。/w") == {"台州清陶"}


def test_a_product_after_a_kind_names_no_owner() -> None:
    assert not names("推动/v 异质/n 结/v 太阳能电池/nz 、/w 光伏/n 电池/n 等/u 项目/n 建设/vn 。/w")
    assert not names("加快/v 煤制/n 烯烃/n 、/w 动力/n 电池/n 等/u 项目/n 。/w")  # the product alone
    assert not names("推广/v 宝丰/n 储能/n 电池/n 的/u 经验/n 。/w")  # no project list


def test_an_industry_word_after_a_common_word_before_a_noun_names_a_field() -> None:
    # 工程 is a common word elsewhere in the document: 环哈工程科技 modifies 成果 (Heilongjiang)
    doc = ("实施/v 满园/n 工程/n 。/w 建强/v 哈工大先研院/ORG 、/w 环哈工程科技/ORG 成果/n 转化/vn 中心/n 。/w")
    assert "环哈工程科技" not in names(doc)
    assert not names("向/p 综合型/a 港航物流/ORG 营运商/vn 转变/v 。/w")  # 港航: a common word (filters.toml)
    # a place or a brand alone before the industry word: the firm (Jilin, Inner Mongolia)
    assert "上海电气" in names("实施/v 满园/n 工程/n 。/w 上海电气/ORG 绿色/n 甲醇/n 竣工/v 投产/vn 。/w")
    assert "内蒙古电力" in names("推动/v 内蒙古电力/ORG 航检中心/vn 落地/v 。/w")
    assert "环哈工程科技" in names("建强/v 环哈工程科技/ORG 成果/n 转化/vn 中心/n 。/w")  # 工程 read common nowhere


@pytest.fixture()
def older_user_lexicons(tmp_path, monkeypatch):
    """A ``--lexicons`` copy from before round 19: no core-zone head, no Silk Road regions, no 人代会, no products."""
    base = config.CONFIG_DIR / "organizations"
    suffixes = (base / "suffixes.toml").read_text(encoding="utf-8")
    suffixes = re.sub(r"(?m)^areas_of_whole = .*\n", "", suffixes).replace('"核心区",', "").replace(', "核心区"]', "]")
    suffixes = suffixes.replace('"人代会",', "")
    enum = (base / "enumeration.toml").read_text(encoding="utf-8")
    enum = re.sub(r"(?m)^(products|product_modifier_chars) = .*\n", "", enum)
    filters = (base / "filters.toml").read_text(encoding="utf-8").replace('"丝绸之路经济带", "海丝",', "")
    steps = older_organization_lexicons(tmp_path, monkeypatch, (), (),
                                        {"suffixes.toml": suffixes, "filters.toml": filters,
                                         "enumeration.toml": enum})
    next(steps)
    yield
    next(steps, None)


def test_an_older_user_lexicon_loads_and_leaves_round_19_off(older_user_lexicons) -> None:
    assert not names(CORE)
    assert "上海市人代会" not in names("完成/v 上海市/ORG 人代会/n 批准/v 的/u 预算/n 。/w")
    assert "宝丰" not in names(PRODUCTS)
