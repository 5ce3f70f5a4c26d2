"""Round 17's organization rules (docs/organizations.md "Round 17"), each on a tagged sentence of the kind it was written from, and a
user's lexicon copy from before the round: it still loads and leaves the rules off."""

from __future__ import annotations

import re

import pytest

from pipeline.core import config
from pipeline.stages.organizations.lexicon import load_org_lexicon
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names, run, surfaces

PROJECTS = "加快/v 推进/v 国能/n 煤/n 制/v 油/n 、/w 宝丰/ORG 煤制烯烃/nz 、/w 久泰/PER 新材料/n 等/u 项目/n 建设/vn 。/w"


def test_a_firm_opening_a_project_item_is_the_owner() -> None:
    assert surfaces(run(PROJECTS)[1])["久泰新材料"] == ("久泰新材料", "company")
    assert "光启技术" in names("光启/ORG 技术/n 超/v 材料/n 、/w 凯莱英/nz 化学/n 大/a 分子/n 药物/n 等/u 项目/n 加快/vd 推进/v 。/w")
    # a place before the brand, and a field the backend glued to the brand
    assert {"衢州先导智能", "富芯集成电路"} <= names(
        "推动/v 温福高铁/nz 、/w 衢州/LOC 先导/n 智能/n 等/u 项目/n 开工/v ，/w 加快/v 富芯集成电路/nz 一期/m 等/u 项目/n 建设/vn 。/w")


def test_a_body_the_backend_tagged_before_the_site_of_its_project_is_the_owner() -> None:
    assert "鞍钢" in names("加快/v 推进/v 大连石化/ORG 炼化/vn 一体化/vn 、/w 鞍钢/ORG 鲅鱼圈/LOC 二期/m 等/u 重大/a 项目/n 。/w")
    assert "鞍钢" not in names("鞍钢/ORG 鲅鱼圈/LOC 基地/n 投产/v 。/w")  # no project list
    assert "火箭" not in names("火箭/ORG 总装/n 总测/v 复用/vn 厂房/n 等/u 一批/m 产业/n 项目/n 开工/v 。/w")  # no site


def test_a_model_named_maker_first_names_its_maker() -> None:
    assert surfaces(run("华为盘古/ORG 等/u 大/a 模型/n 加快/v 应用/vn 推广/vn 。/w")[1]) == {"华为": ("华为", "company")}
    assert names("长虹云帆/ORG 等/u 34个/m 大/a 模型/n 成功/ad 发布/v 。/w") == {"长虹"}
    assert not names("浪潮海若/n 、/w 瀚海星云/n 等/u 大/a 模型/n 拔节/v 生长/v 。/w")  # no body the backend saw
    assert "华为" not in names("华为盘古/ORG 等/u 产品/n 加快/v 推广/vn 。/w")  # no model list


def test_a_body_named_by_the_last_level_of_a_list_of_levels_is_a_class() -> None:
    sent = "由/p 国家计委/ORG 和/c 省/n 、/w 市/n 、/w 自治区计委/ORG 进行/v 综合/vn 平衡/vn 。/w"
    assert names(sent) == {"国家计委"}
    assert {"省人大", "省政协"} <= names("是/v 省人大/ORG 、/w 省政协/ORG 有效/a 监督/vn 的/u 结果/n 。/w")
    assert "自治区党委" in names("自治区党委/ORG 作出/v 部署/vn 。/w")


def test_a_scope_word_opening_a_name_makes_it_a_kind() -> None:
    assert not names("培育/v 沿边/s 产业/n 园区/n 。/w")
    assert not names("鼓励/v 国外/s 高/a 水平/n 理工类/n 大学/n 来川/v 合作/vn 办学/vn 。/w")
    assert "临港产业园区" in names("建设/v 临港/LOC 产业/n 园区/n 。/w")  # a place, no scope word


def test_a_dash_pair_before_a_platform_may_end_on_a_bloc() -> None:
    assert "中国—东盟产业合作区" in names("推动/v 中国/LOC —/w 东盟/ORG 产业/n 合作区/vn 建设/vn 。/w")
    found = names("打造/v 中国/LOC —/w 上海/ORG 合作/v 组织/v 冰雪/n 体育/n 示范/vn 区/n 。/w")
    assert "中国—上海合作组织" not in found  # before another body's head the dash names that body


def test_a_project_item_with_no_brand_names_no_firm() -> None:
    found = names("推动/v 硅基/nz 新材料/n 、/w 高纯晶硅/nz 等/u 项目/n 投产/v 。/w")  # an industry
    found |= names("加快/v 西安/LOC 高新/nz 集成电路/nz 、/w 比亚迪/ORG 二期/m 等/u 项目/n 建设/vn 。/w")  # a zone
    found |= names("推动/v 京津/LOC 电子/n 化学品/n 基地/n 等/u 项目/n 开工/v 。/w")  # a place alone
    found |= names("推动/v 微腔/n 电子纸/n 显示/v 器件/n 等/u 项目/n 开工/v 。/w")  # the field inside a word
    assert not {"硅基新材料", "西安高新集成电路", "高新集成电路", "京津电子", "微腔电子"} & found
    assert "久泰新材料" not in names("久泰/PER 新材料/n 等/u 产品/n 。/w")  # no project list


@pytest.fixture
def older_user_lexicons(tmp_path, monkeypatch):
    """A copy of configs/organizations made before round 17: enumeration.toml has no [project_owners] or [model_makers]
    table, grammar.toml's [deictic] no list_levels."""
    enum = (config.CONFIG_DIR / "organizations" / "enumeration.toml").read_text(encoding="utf-8")
    grammar = (config.CONFIG_DIR / "organizations" / "grammar.toml").read_text(encoding="utf-8")
    files = {"enumeration.toml": re.sub(r"(?ms)^\[(?:project_owners|model_makers)\].*?(?=^\[|\Z)", "", enum),
             "grammar.toml": re.sub(r"(?m)^list_levels = .*\n", "", grammar)}
    steps = older_organization_lexicons(tmp_path, monkeypatch, (), (), files)
    next(steps)
    yield
    next(steps, None)


def test_an_older_user_lexicon_loads_and_leaves_round_17_off(older_user_lexicons) -> None:
    assert load_org_lexicon().project_owners is None and load_org_lexicon().model_makers is None
    assert "久泰新材料" not in names(PROJECTS)
    assert "华为" not in names("华为盘古/ORG 等/u 大/a 模型/n 加快/v 应用/vn 推广/vn 。/w")
    assert not load_org_lexicon().list_levels
    assert "自治区计委" in names("由/p 省/n 、/w 市/n 、/w 自治区计委/ORG 进行/v 综合/vn 平衡/vn 。/w")


def test_a_project_owner_table_with_one_brand_length_is_refused_by_name() -> None:
    import tomllib

    from pipeline.core.config import ConfigError
    from pipeline.core.lexicons import check_lexicon

    data = tomllib.loads((config.CONFIG_DIR / "organizations" / "enumeration.toml").read_text(encoding="utf-8"))
    data["project_owners"]["brand_chars"] = [2]
    with pytest.raises(ConfigError, match=r"enumeration.toml: \[project_owners\] brand_chars = \[2\] is wrong"):
        check_lexicon("organizations/enumeration.toml", data, "user/enumeration.toml")
