"""Round 23 (session 18, docs/links.md "Session 18 (round 23)"): a state's cabinet named after the state is a government body; bare, the
word stays generic; a quoted coinage is no body. The actor rule's news frames are tested in test_link_actors.py."""

from __future__ import annotations

import pytest

from pipeline import extract_text
from tests.older_lexicons import older_organization_lexicons


@pytest.mark.parametrize(("text", "found"), [
    ("日本内阁会议今天通过了一项旨在调整经济结构的计划。", {"日本内阁"}),
    ("乌克兰内阁1日作出了精简国家工作人员的决定。", {"乌克兰内阁"}),
    ("总统将在两周内提交新内阁成员名单。", set()),
    ("首相向内阁提出了就西岸撤军的方案。", set()),
], ids=["japan", "ukraine", "bare_new", "bare_object"])
def test_a_cabinet_is_a_body_after_its_state_only(text: str, found: set[str]) -> None:
    assert {n for n in extract_text(text, doc_id="t")["organizations"]["text"] if n.endswith("内阁")} == found


# A whole quoted phrase with no body's suffix is a coinage where it is a goal verb's last object or an item of a list
# that 等 sums up as brands (grammar.toml [quoted_coinage]), or where the noun phrase after it, past an adjective, is
# what it names (“…”专项政策, “…”精品品牌); a quoted body that acts, or a list summed up as names, stays.
@pytest.mark.parametrize(("text", "name", "found"), [
    ("持续打造新时代更高水平“天府粮仓”。", "天府粮仓", False),
    ("新培育“天府粮仓”精品品牌100个。", "天府粮仓", False),
    ("即支持建设更高水平“天府粮仓”专项政策，推动新型工业化。", "天府粮仓", False),
    ("持续打造“人才福建周”“海归英才八闽行”等特色引才品牌。", "海归英才八闽行", False),
    ("在任何条例中提及的“总督会同行政局”、“布政司”、“律政司”等名称或词句，应解释为新的名称。", "布政司", True),
    ("持续打造“天府粮仓”和“巴蜀粮仓”。", "天府粮仓", False),
    # the review's cases: a list summed up as bodies, a goal verb that is not the quote's own, a class of bodies in
    # apposition after an adjective
    ("“华为”、“中兴”等企业实施品牌战略，投资10亿元。", "华为", True),
    ("负责打造该平台的是“华为”。", "华为", True),
    ("打造智慧城市的合作伙伴包括“华为”。", "华为", True),
    ("支持“华为”优秀企业发展。", "华为", True),
], ids=["goal_object", "brand_head", "adjective_head", "brand_list", "names_list", "joined_objects", "bodies_list",
        "not_the_object", "包括", "apposition"])
def test_a_quoted_coinage_is_no_body(text: str, name: str, found: bool) -> None:
    assert (name in set(extract_text(text, doc_id="t")["organizations"]["text"])) is found


@pytest.fixture()
def older_user_lexicons(tmp_path, monkeypatch):
    """A ``--lexicons`` copy from before round 23: no [quoted_coinage], no attributive tag class."""
    steps = older_organization_lexicons(tmp_path, monkeypatch, ("attributive",), ("quoted_coinage",))
    next(steps)
    yield
    next(steps, None)


def test_an_older_user_lexicon_loads_and_leaves_round_23_off(older_user_lexicons) -> None:
    orgs = set(extract_text("持续打造新时代更高水平“天府粮仓”。", doc_id="t")["organizations"]["text"])
    assert "天府粮仓" in orgs  # the rule is off: the backend's span stays, as before


def test_a_clause_verb_tagged_a_body_is_no_part_of_a_name() -> None:
    """加快/ORG before a name and 促进 opening a list's first item (the Tianjin report, read whole: the document's
    votes picked 促进航天五院 and 加快协和医学院天津医院 before)."""
    from conftest import requires_shared

    path = requires_shared("corpus", "provincial_reports_2025", "gwr2025_tianjin.txt")
    names = set(extract_text(path.read_text(encoding="utf-8"), doc_id="tj")["organizations"]["text"])
    assert {"航天五院", "协和医学院天津医院"} <= names
    assert not {"促进航天五院", "加快协和医学院天津医院", "加快"} & names


def test_a_clause_verb_the_backend_tags_a_body_is_no_body_in_one_sentence() -> None:
    assert "加快" not in set(extract_text("加快协和医学院天津医院二期建设。", doc_id="t")["organizations"]["text"])
