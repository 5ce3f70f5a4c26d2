"""Round 14 of the organization layer on hand-built analyses: a common noun that a government pattern of the
gazetteer names (中央) is that body where it opens a clause before a verb, and a level elsewhere; a span
before a verb of combining names the parts joined; a span among common-noun list items is one more common noun.
Real-text cases, with negatives, are in configs/organizations/corpus.jsonl (rules ``subject body``,
``combination``, ``common list``)."""

from __future__ import annotations

import pytest

from pipeline.stages.organizations.lexicon import load_org_lexicon
from tests.older_lexicons import older_organization_lexicons
from tests.test_organizations import names


def test_a_body_noun_opening_a_clause_before_a_verb_is_the_body() -> None:
    assert "中央" in names("为了/p 党风/n 好转/v ，/w 中央/n 决定/v 开展/v 整顿/vn 。/w")
    assert "中央" in names("中央/n 安排/v 30亿元/m 资金/n 。/w")
    assert "中央" in names("今年/TIME 中央/n 用于/v 农业/n 的/u 投入/vn 增加/v 。/w")
    assert "中央" in names("其中/f 赤字/n 9500亿元/m ，/w 由/p 中央/n 代/v 地方/n 发债/v 。/w")


def test_with_one_coordinated_noun_before_a_verb_adverb_or_preposition_the_pair_is_the_subject() -> None:
    assert "中央" in names("中央/n 和/c 地方/n 都/d 要/v 采取/v 措施/n 。/w")
    assert "中央" in names("，/w 中央/n 和/c 地方/n 对/p 亏损/vn 企业/n 实行/v 责任制/n 。/w")
    assert names("中央/n 和/c 地方/n 财政/n 安排/v 资金/n 162亿元/m 。/w") == set()
    assert names("中央/n 和/c 地方/n 党委/n 以及/c 各级/r 组织/n 。/w") == set()


def test_before_a_noun_a_level_verb_or_after_another_word_it_is_a_level() -> None:
    assert names("区域/n 均衡/a 的/u 中央/n 和/c 地方/n 财政/n 关系/n 。/w") == set()
    assert names("中央/n 财政/n 赤字/n 9500亿元/m 。/w") == set()
    assert names("向/p 中央/n 驻/v 湘/LOC 单位/n ，/w 表示/v 感谢/vn 。/w") == set()
    assert names("从/p 中央/n 到/v 地方/n ，/w 各级/r 政府/n 增加/v 投入/vn 。/w") == set()
    assert names("春节/TIME 期间/f 要/v 对/p 中央/n 减轻/v 农民/n 负担/n 政策/n 。/w") == set()
    assert names("落实/v 中央/n 支持/v 西藏/LOC 的/u 政策/n 。/w") == set()


def test_a_level_verb_after_a_mark_leaves_it_a_level() -> None:
    assert names("，/w 中央/n 到/v 地方/n 都/d 要/v 重视/v 。/w") == set()
    assert names("，/w 中央/n 驻/v 川/LOC 单位/n 参加/v 。/w") == set()


def test_a_body_the_verb_governs_leaves_it_the_subject() -> None:
    assert "中央" in names("今年/TIME 中央/n 安排/v 地方/n 政府/n 专项/n 债券/n 3.9万亿元/m 。/w")
    assert "中央" in names("，/w 中央/n 要求/v 国有/b 银行/n 加大/v 投放/vn 。/w")


def test_a_verb_opening_a_longer_name_leaves_it_alone() -> None:
    assert "中央" not in names("，/w 中央/n 改革/v 办/v 推介/vn 。/w")
    assert "中央" not in names("经验/n 被/p 中央/n 改革/v 办/v 推介/vn 。/w")
    assert "中央" not in names("，/w 中央/n 推动/v 长三角/LOC 一体化/vn 发展/vn 领导小组/n 全体/n 会议/n 召开/v 。/w")
    assert "中央" in names("，/w 中央/n 有/v 部署/vn 、/w 马上/d 见/v 行动/vn 。/w")  # 部署: a one-character suffix


def test_the_acting_body_of_an_amount_is_the_subject_body() -> None:
    from pipeline import extract_text

    tables = extract_text("中央安排30亿元国债资金支持中西部乡镇卫生院建设，改善农村医疗卫生条件。", doc_id="x")
    amounts = tables["amounts"]
    assert list(amounts.loc[amounts.text == "30亿元", "actor"]) == ["中央"]


def test_a_span_before_a_verb_of_combining_names_the_parts_joined() -> None:
    assert names("坚持/v 陆海/PER 统筹/v 、/w 山海/ORG 联动/v 、/w 资源/n 融通/v 。/w") == set()
    assert names("推动/v 农林文旅康/ORG 融合/v 发展/v 。/w") == set()
    assert names("强化/v 产贸/ORG 联动/v ，/w 做大/v 企业/n 。/w") == set()


def test_a_body_before_a_verb_of_combining_with_an_object_or_a_suffix_stays() -> None:
    assert "前海" in names("支持/v 前海/ORG 联动/v 港澳/LOC 打造/v 高地/n 。/w")
    assert "工商联" in names("推动/v 工商联/ORG 协作/v 。/w")
    assert "中国商飞" in names("深化/v 与/p 中国商飞/ORG 合作/v 。/w")


def test_a_span_among_common_noun_items_is_a_common_noun() -> None:
    assert names("苹果/ORG 、/w 食用菌/n 、/w 中药材/n 产量/n 再创/v 新高/n 。/w") == set()
    assert names("提升/v 苹果/ORG 、/w 猕猴桃/n 、/w 茶叶/n 等/u 特色/n 产业/n 。/w") == set()


def test_a_body_or_place_among_the_items_or_an_item_that_runs_on_keeps_the_name() -> None:
    assert {"北汽", "小米"} <= names("北汽/ORG 、/w 小米/ORG 、/w 理想/n 等/u 重点/n 项目/n 加快/v 建设/vn 。/w")
    assert "赛力斯" in names("支持/v 长安/LOC 、/w 赛力斯/ORG 、/w 红旗/n 等/u 品牌/n 发展/vn 。/w")
    assert "苹果" in names("推动/v 苹果/ORG 、/w 食用菌/n 、/w 中药材/n 一期/m 建设/vn 。/w")
    assert "红牛" in names("加强/v 平凉/LOC 红牛/ORG 、/w 百合/n 、/w 枸杞/n 。/w")


@pytest.fixture
def older_user_lexicons(tmp_path, monkeypatch):
    """A user's tags.toml and grammar.toml copied before round 14: no subject_opener or common_item class, no
    [subject_body], [combination] or [common_list] section."""
    yield from older_organization_lexicons(tmp_path, monkeypatch, ("subject_opener", "subject_predicate", "common_item"), ("subject_body", "combination", "common_list"))


def test_an_older_user_lexicon_loads_and_leaves_the_rule_off(older_user_lexicons) -> None:
    lx = load_org_lexicon()
    assert lx.tags.subject_opener == frozenset() and not lx.agent_prepositions and not lx.combining_verbs
    assert "山海" in names("坚持/v 山海/ORG 联动/v 、/w 资源/n 融通/v 。/w")
    assert "苹果" in names("苹果/ORG 、/w 食用菌/n 、/w 中药材/n 产量/n 再创/v 新高/n 。/w")
    assert names("中央/n 安排/v 30亿元/m 资金/n 。/w") == set()
