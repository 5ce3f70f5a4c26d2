"""Round 8 of the organization layer on hand-built analyses (independent of any NER model): a firm class
noun right after 等 governs its list even when more nouns follow it (enumerations._governing_firm).
Real-text cases, with negatives, are in configs/organizations/corpus.jsonl (rule ``governing_firm_noun``)."""

from __future__ import annotations

from tests.test_organizations import run, surfaces


def names(*tagged: str) -> dict[str, tuple[str, str]]:
    return surfaces(run(*tagged)[1])


def test_items_before_a_firm_noun_that_modifies_a_noun_are_firms() -> None:
    found = names("支持/v 宁德/ORG 时代/n 、/w 中伟/n 、/w 裕能/PER 、/w 比亚迪/ORG 等/u 龙头/n 企业/n "
                  "贵州/LOC 项目/n 加快/v 释放/v 产能/n 。/w")
    assert {k: v[1] for k, v in found.items()} == {
        "宁德时代": "company", "中伟": "company", "裕能": "company", "比亚迪": "company"}


def test_a_count_between_the_closer_and_the_firm_noun_is_skipped() -> None:
    found = names("远景/n 、/w 明阳/ORG 、/w 隆基/ORG 、/w 龙马/PER 等/u 一批/m 企业/n 总部/n 注册/v 落地/v 。/w")
    assert set(found) == {"远景", "明阳", "隆基", "龙马"}


def test_a_first_item_with_a_firm_suffix_joins_its_mates() -> None:
    found = names("显著/ad 提升/v 产投/vn 集团/n 、/w 森工集团/ORG 等/u 企业/n 经营/vn 绩效/n 。/w")
    assert set(found) == {"产投集团", "森工集团"}


def test_sector_words_before_a_firm_noun_are_no_names() -> None:
    assert names("深挖/v 制造业/n 、/w 跨境电商/nz 等/u 企业/n 贸易/vn 潜力/n 。/w") == {}
    assert names("实施/v 高新/a 数字/n 、/w 建筑材料/n 等/u 龙头/n 企业/n 引培/v 工程/n 。/w") == {}


def test_a_noun_before_the_firm_noun_does_not_make_it_govern() -> None:
    # the firm noun must open the phrase: 等发行机构领导 names people, 等地方企业项目 is not a firm noun first
    assert names("张三/nr 、/w 李四/nr 等/u 发行/vn 机构/n 领导/n 出席/v 。/w") == {}
    assert names("钢铁/n 、/w 煤炭/n 等/u 传统/a 企业/n 项目/n 开工/v 。/w") == {}
