"""Round 7 of the organization layer on hand-built analyses (independent of any NER model): bases and
clusters named by one proper word (suffix.one_word_platforms). Real-text cases, with negatives, are in
configs/organizations/corpus.jsonl (rule ``one_word_platforms``)."""

from __future__ import annotations

from tests.test_organizations import names, run, surfaces


def test_a_cluster_named_by_one_proper_word_is_a_platform() -> None:
    _, orgs = run("，/w 成渝数据中心/ORG 集群/n 新增/v 直连/vn 网络/n 。/w")
    assert surfaces(orgs) == {"成渝数据中心集群": ("成渝数据中心集群", "platform")}


def test_a_base_read_as_one_place_word_is_a_platform_a_bare_place_before_it_is_not() -> None:
    assert names("嫩江/LOC 基地/n 创建/v 36年/TIME 。/w") == set()
    _, orgs = run("高效/ad 建设/v 柴达木沙漠基地/LOC 。/w")
    assert surfaces(orgs) == {"柴达木沙漠基地": ("柴达木沙漠基地", "platform")}


def test_field_words_or_a_level_before_the_head_make_a_class() -> None:
    assert names("培育/v 国家/n 先进/a 制造业/n 集群/n 。/w") == set()
    assert names("其中/r 有/v 十大/m 钢铁/n 基地/n ，/w 九大有色金属/ORG 基地/n 。/w") == set()
    assert names("全面/ad 推动/v 陇东/ORG 综合/vn 能源/n 基地/n 建设/vn 。/w") == set()
    assert names("建设/v 国家级/a 产业/n 基地/n 和/c 生产基地/n 。/w") == set()


def test_a_base_after_its_owner_is_a_site_not_a_body() -> None:
    assert "贵阳基地" not in names("推动/v 吉利/ORG 贵阳/LOC 基地/n 扩大/v 生产/vn 。/w")
    assert "海南基地" not in names("推动/v 国家实验室/n 海南/LOC 基地/n 建设/vn 。/w")
    found = names("建成/v 昌平南口全国重点实验室/LOC 基地/n 一期/m 。/w")
    assert "昌平南口全国重点实验室基地" not in found


def test_a_head_before_a_noun_modifies_it() -> None:
    assert names("，/w 天府数据中心/ORG 集群/n 项目/n 开工/v 。/w") == set()
