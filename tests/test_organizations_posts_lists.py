"""Round 6 of the organization layer on hand-built analyses (independent of any NER model): posts written
with their body, offices the backend tags as bodies, numbered works, parks read as one place word, and
、-list mates. Each rule's real-text cases are in configs/organizations/corpus.jsonl."""

from __future__ import annotations

from tests.test_organizations import names, run, surfaces


def test_a_post_written_with_its_body_is_cut_off_the_body() -> None:
    assert names("时任/v 浙江/LOC 省委书记/n 的/u 习近平/PER 同志/n 指示/v 。/w") == {"浙江省委"}
    assert names("源自/v 松江区/LOC 委书记/n 程向民/PER ，/w 他/r 说/v 。/w") == {"松江区委"}


def test_a_bare_class_word_before_a_post_names_no_body() -> None:
    assert names("例如/v 党委书记/n 挂帅/v 、/w 领导/n 干部/n 搞/v 试验田/n 。/w") == set()
    assert names("几百/m 名/q 中央委员/n 负有/v 责任/n 。/w") == set()


def test_a_post_without_a_body_before_it_is_an_office() -> None:
    _, orgs = run("国务院/ORG 的/u 方案/n 已/d 提交/v ，/w 国务委员/ORG 宋平/PER 将/d 作/v 说明/v 。/w")
    assert surfaces(orgs) == {"国务院": ("国务院", "government")}


def test_a_deputy_is_cut_off_its_congress() -> None:
    assert "人大" in names("人大代表/ORG 建议/n 729件/m 全部/d 办复/v 。/w")
    assert "人大代表" not in names("人大代表/ORG 建议/n 729件/m 全部/d 办复/v 。/w")


def test_works_numbered_among_their_kind_are_one_firm() -> None:
    _, orgs = run("建设/v 并/c 完工/v 的/u 第一/m 汽车/n 制造厂/n ，/w 每年/r 出产/v 汽车/n 。/w")
    assert surfaces(orgs) == {"第一汽车制造厂": ("第一汽车制造厂", "company")}
    assert names("这/r 两个/m 汽车/n 制造厂/n 将/d 建立/v 基础/n 。/w") == set()
    assert names("开始/v 建设/v 的/u 拖拉机/n 制造厂/n 。/w") == set()


def test_a_park_in_one_place_word_needs_a_field_before_its_head() -> None:
    _, orgs = run("沈抚科创园/LOC 加快/v 建设/v 。/w")
    assert surfaces(orgs) == {"沈抚科创园": ("沈抚科创园", "platform")}
    assert names("游客/n 参观/v 圆明园/LOC 遗址/n 。/w") == set()


def test_list_mates_are_read_until_none_is_added() -> None:
    found = names("组建/v 运营/v 好/a 四川/LOC 能源/n 发展/vn 集团/n 、/w 数据/n 集团/n 、/w 轨道/n 交通/n 集团/n 。/w")
    assert {"四川能源发展集团", "数据集团", "轨道交通集团"} <= found


def test_the_first_item_of_a_list_counts_when_it_opens_its_clause() -> None:
    found = names("利润/n 增长/v ，/w 交通/n 集团/n 、/w 文旅/nz 集团/n 营收/n 分别/d 增长/v 。/w")
    assert {"交通集团", "文旅集团"} <= found
    assert "组建四川科创投资集团" not in names(
        "组建/v 四川/LOC 科创/vn 投资/vn 集团/n 、/w 省/n 储备粮/n 集团/n 、/w 省/n 担保/vn 集团/n ，/w 开业/v 。/w")
