"""Issue 15, item 2: the acting organization of amounts and targets.

Two sets of hand-annotated real sentences (pipeline/stages/actors/corpus.py scores them):
- configs/actors/corpus.jsonl, the tuning corpus: the rule was written and fixed on all of it, so it
  must meet the issue's target (precision >= 0.90, recall >= 0.75);
- configs/actors/heldout.jsonl, a blind set another engineer wrote after the rule (both halves read since,
  so tuning data now). The rule reaches precision 0.933 and recall 0.646 on it (even half 0.952 / 0.690, odd
  half 0.917 / 0.611);
- configs/actors/heldout2.jsonl, a second blind set written after that. First score (measured once):
  precision 0.650, recall 0.333; the rule reached 0.941 / 0.410 (even half, the one fixed on,
  1.000 / 0.474; odd half 0.875 / 0.350), and with the organization layer's sector ministries and
  congresses (merged after) 0.957 / 0.564 (even 1.000 / 0.632, odd 0.909 / 0.500); round 5 (lists of bodies,
  分别) 0.966 / 0.718. Both halves read since, so tuning data now;
- configs/actors/heldout3.jsonl, a third blind set (221 cases). First score (measured once, rule of commit
  33c5a64): precision 0.812, recall 0.382 (0.824 / 0.378 with its target rows scored); fixed on its even half, and
  since session 18 on its odd half too (tuning data now);
- configs/actors/heldout4.jsonl, a fourth blind set (100 cases, 21 actor rows). First score (measured once, rule of
  commit e1cfcef): precision 0.417, recall 0.238; fixed on its even half; its odd half was read in session 18.
THE ISSUE'S TARGET (recall 0.75) IS NOT MET ON HELD-OUT TEXT. The floors below are what the rule reaches
(raise them, never lower them), not the target.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import extract_text
from pipeline.stages.actors.corpus import load_cases, score

TARGET = (0.90, 0.75)  # issue 15: precision, recall
CORPUS_ODD_FLOOR = (0.85, 0.65)  # the corpus's odd lines, held out when the rule was first written
# The scorer matches a held-out target by its `text` column since round 5 (the sets annotate targets by it; they were
# all "not extracted" before): the held-out figures count target rows from then on.
HELD_OUT_FLOOR = {"all": (0.984, 0.833), "even": (0.966, 0.875), "odd": (1.000, 0.800)}  # 五年国务院 as one word (s19)
HELD_OUT2_FLOOR = {"all": (1.000, 0.820), "even": (1.000, 0.895), "odd": (1.000, 0.750)}  # 湘南湘西… (s15)
# held-out-3: first score (measured once, rule of commit 33c5a64) precision 0.812, recall 0.382 with targets unscored;
# the same rule with targets scored: 0.824 / 0.378. Fixed on its even half only since. THE TARGET IS NOT MET ON IT
# either: these floors hold what the rule reaches (with targets scored).
# Session 18 read its odd half too (so all of it is tuning data now): 而 + body, a thousands separator -> odd 0.500.
HELD_OUT3_FLOOR = {"all": (1.000, 0.676), "even": (1.000, 0.762), "odd": (1.000, 0.562)}  # 总面积…的X基地 (s19)
# held-out-4 (positive-rich by request, 21 actor rows of 208): first score (measured once, rule of commit e1cfcef)
# precision 0.417 (5/12), recall 0.238 (5/21); fixed on its even half only since. FAR FROM THE TARGET: these floors
# hold what the rule reaches. Session 18 read its odd half (tuning data now; nothing in it was made a rule).
HELD_OUT4_FLOOR = {"all": (0.778, 0.667), "even": (1.000, 0.750), "odd": (0.556, 0.556)}  # 上云, counted ministries (s11)
# held-out-5 (session 18): 210 news sentences of the MSRA and People's Daily test sets (a genre the rule was not tuned
# on), 68 actor rows. First score (measured once, rule of commit d13db38): precision 0.695 (41/59), recall 0.603 (41/68)
# (even 0.680 / 0.486, odd 0.706 / 0.727). Fixed on its even half only (datelines, 新成立的X, bodies joined before a
# relative clause's verb); its odd half is blind. FAR FROM THE TARGET: these floors hold what the rule reaches.
HELD_OUT5_FLOOR = {"all": (0.797, 0.691), "even": (0.767, 0.657), "odd": (0.828, 0.727)}  # review mend (s18)
# held-out-6 (session 19): 203 news sentences left in the two sets after held-out-5 and the sentences read in session 19
# (83 by the fixed procedure, 120 more negatives picked the same way: the pool of sentences with a body was nearly used
# up), 322 rows, 13 with an actor. First score (measured once, rule of commit dbe879c, before any miss was read):
# precision 1.000 (1/1), recall 0.077 (1/13) (even 1.000 / 0.167, odd no actor given / 0.000); 9 of the 12 misses are
# bodies the organization layer does not find. Two of its sentences had been read in session 19 before it was written
# (cases 64 and 82, the latter the one actor found), and the text of 25 more (12 even, 13 odd, 4 of the odd half's 7
# actor rows among them: 波拉尔企业, 非行, “青”队, 北京家庭教育报) had been printed as sentences where the organization
# layer misses a gold body of the NER sets, before the set existed; no rule was made from them. Its odd half's actor
# misses are never printed. FAR FROM THE TARGET on recall.
HELD_OUT6_FLOOR = {"all": (1.000, 0.154), "even": (1.000, 0.333), "odd": (1.000, 0.000)}  # X到Y， (s19)
# held-out-7 (session 20): 92 sentences of the three ../shared/eval/policy documents (the 2025 State Council report,
# People's Daily of 3 Jan 2001, the 2025 Zhejiang report), which no actor set or actor rule had used; 202 rows, 9 with an
# actor (the work reports speak for a government they do not name). First score (measured once, rule of commit
# 326f05b, before any miss was read): precision 1.000 (2/2), recall 0.222 (2/9) (even no actor given / 0.000, odd
# 1.000 / 0.667); no actor given on any of its 193 rows that have none. Its odd half's actor misses are never printed.
HELD_OUT7_FLOOR = {"all": (1.000, 0.222), "even": (1.000, 0.000), "odd": (1.000, 0.667)}  # first score (s20)
FLOORS = {"heldout.jsonl": HELD_OUT_FLOOR, "heldout2.jsonl": HELD_OUT2_FLOOR, "heldout3.jsonl": HELD_OUT3_FLOOR,
          "heldout4.jsonl": HELD_OUT4_FLOOR, "heldout5.jsonl": HELD_OUT5_FLOOR, "heldout6.jsonl": HELD_OUT6_FLOOR,
          "heldout7.jsonl": HELD_OUT7_FLOOR}
# halves whose misses may not be read: never printed
BLIND_HALVES = {"heldout5.jsonl": "odd", "heldout6.jsonl": "odd", "heldout7.jsonl": "odd"}


@pytest.mark.parametrize("name", ["corpus.jsonl", "heldout.jsonl"])
def test_the_sets_are_large_enough_and_from_real_text(name: str):
    cases = load_cases(name)
    assert len(cases) >= 150
    for c in cases:
        assert c["source"] and c["text"] and c["expect"], c
        assert "gold/" not in c["source"] and "eval/" not in c["source"], c["source"]
        for e in c["expect"]:
            assert e["table"] in ("amounts", "targets") and e["text"] in c["text"], c["source"]
            assert e["actor"] is None or e["actor"] in c["text"], c["source"]  # the body as written
    assert sum(e["actor"] is not None for c in cases for e in c["expect"]) >= 40


@pytest.mark.parametrize(("name", "size", "actors"), [("heldout2.jsonl", 140, 30), ("heldout3.jsonl", 140, 30),
                                                       ("heldout4.jsonl", 100, 20), ("heldout5.jsonl", 200, 60),
                                                       ("heldout6.jsonl", 200, 12)])
def test_the_later_held_out_sets_are_from_real_text(name: str, size: int, actors: int):
    cases = load_cases(name)
    assert len(cases) >= size  # 149, 221 and 100 cases as delivered
    for c in cases:
        # a case whose rows the pipeline no longer gives, because they were no amounts, says so (`dropped`)
        assert c["source"] and c["text"] and (c["expect"] or c.get("dropped")), c
        assert "gold/" not in c["source"] and "eval/" not in c["source"], c["source"]
        for e in c["expect"]:
            assert e["table"] in ("amounts", "targets") and e["text"] in c["text"], c["source"]
            assert e["actor"] is None or e["actor"] in c["text"], c["source"]
    assert sum(c.get("dropped") is not None for c in cases) <= 1  # held-out-4's session ordinals (session 21)
    assert sum(e["actor"] is not None for c in cases for e in c["expect"]) >= actors  # 21 in held-out-4


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl",
                                  "heldout5.jsonl", "heldout6.jsonl", "heldout7.jsonl"])
def test_no_held_out_sentence_is_in_the_tuning_corpus(name: str):
    squash = {"".join(c["text"].split()) for c in load_cases()}
    assert not [c["source"] for c in load_cases(name) if "".join(c["text"].split()) in squash]


def test_the_sixth_set_shares_no_sentence_with_the_fifth():
    """Held-out-6 was drawn from the news sentences held-out-5 left: no text of one is in the other."""
    five = {"".join(c["text"].split()) for c in load_cases("heldout5.jsonl")}
    assert not [c["source"] for c in load_cases("heldout6.jsonl") if "".join(c["text"].split()) in five]


def test_the_seventh_set_is_sentences_of_the_policy_documents_it_cites():
    """Held-out-7 is the one set drawn from ``../shared/eval/policy`` (text the actor rule never used): each case is the
    sentence its source names, no text is shared with another set, and every row's actor is written in its sentence."""
    from pipeline.stages.clean import clean
    from pipeline.stages.sentences import split_sentences

    cases = load_cases("heldout7.jsonl")
    assert len(cases) >= 90 and sum(e["actor"] is not None for c in cases for e in c["expect"]) >= 9  # 92 and 9
    others = {"".join(c["text"].split()) for n in range(1, 7) for c in load_cases(f"heldout{'' if n == 1 else n}.jsonl")}
    assert not [c["source"] for c in cases if "".join(c["text"].split()) in others]
    docs = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "policy" / "docs"
    if not docs.is_dir():
        pytest.skip("../shared/eval/policy is not beside the project")
    sents: dict[str, list[str]] = {}
    for c in cases:
        name, _, n = c["source"].removeprefix("eval/policy/docs/").partition(" sentence ")
        if name not in sents:
            sents[name] = [s.text for s in split_sentences(clean((docs / name).read_text(encoding="utf-8")).text)]
        assert sents[name][int(n)] == c["text"], c["source"]
        assert all(e["actor"] is None or e["actor"] in c["text"] for e in c["expect"]), c["source"]


@pytest.mark.slow
def test_tuning_corpus_meets_the_target():
    cases = load_cases()
    s = score(cases)
    print(f"corpus: precision {s.precision:.3f}, recall {s.recall:.3f}")
    assert s.precision >= TARGET[0] and s.recall >= TARGET[1], s.errors
    odd = score(cases[1::2])
    assert odd.precision >= CORPUS_ODD_FLOOR[0] and odd.recall >= CORPUS_ODD_FLOOR[1], odd.errors


@pytest.mark.slow
@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl",
                                  "heldout5.jsonl", "heldout6.jsonl", "heldout7.jsonl"])
@pytest.mark.parametrize("half", ["all", "even", "odd"])
def test_held_out_keeps_what_the_rule_reaches(name: str, half: str):
    cases = load_cases(name)
    s = score({"all": cases, "even": cases[0::2], "odd": cases[1::2]}[half])
    print(f"{name} {half}: precision {s.precision:.3f}, recall {s.recall:.3f}")
    p, r = FLOORS[name][half]
    assert s.missing == 0  # every annotated row is found (targets by value_text or, as the sets annotate, by text)
    # the misses of a half whose misses may not be read (held-out-5 odd, and so all of it) are never printed
    blind = name in BLIND_HALVES and half in (BLIND_HALVES[name], "all")
    assert round(s.precision, 3) >= p and round(s.recall, 3) >= r, "(misses not listed)" if blind else s.errors


def test_subject_by_phrase_and_no_body():
    t = extract_text("华虹集团投资逾100亿美元在无锡建设基地。公路建设，由交通部负责施工的，共有十一条线路。"
                     "据国际货币基金组织数据，全球经济将萎缩3%。", doc_id="t")
    a = t["amounts"].set_index("text")
    assert a.loc["逾100亿美元", "actor"] == "华虹集团"
    assert a.loc["十一条", "actor"] == "交通部"
    assert pd.isna(a.loc["3%", "actor"])  # null (None with pandas 2, NaN with pandas 3)
    orgs = t["organizations"].set_index("name")
    assert a.loc["逾100亿美元", "actor_org_id"] == orgs.loc["华虹集团", "org_id"]


# Real sentences of the tuning corpus, one per piece of grammar (configs/actors/actors.toml).
GRAMMAR = [
    # a relative clause on an intransitive verb heads the subject; 其 carries it
    ("创立于1958年的东方电气集团,是全球最大的能源装备制造企业集团之一,其发电设备产量累计超过6亿千瓦。",
     "超过6亿千瓦", "东方电气集团"),
    # a list opened by a body but naming a class: the quantity counts the class
    ("长沙高新区和长沙经开区、株洲高新区、衡阳高新区等6家园区入选全国先进制造百强园区。", "6家", None),
    # a body that was set up does not carry to the next clause
    ("省科技成果转移转化中心挂牌成立，技术合同成交额增长62.15%，预计有效期内高新技术企业数量突破7000家。",
     "62.15%", None),
    # the body's units are the subject (直属 …)
    ("交通部直属企业的货物运输量将达到三千五百万吨，比一九五八年的二千八百万吨增长百分之二十五。", "三千五百万吨", None),
    # ORG V的 N: a relative clause on what the body made
    ("人民公社兴办的农村工业，一九五九年的产值达到一百亿元左右。", "一百亿元左右", None),
    # a noun phrase of scope after a body's clause has a subject of its own
    ("产业工人队伍建设改革深入推进，陕西农业发展集团、陕西国际经贸集团重组运营，省属国企利润总额增长9.9%。", "9.9%", None),
    # list items without a verb carry the subject (亿元服务业固投项目2个)
    # a name with no body suffix runs on into a noun: no body (郑州航空|口岸)
    ("郑州航空口岸240小时过境免签政策落地实施。", "240小时", None),
    # … or into a verbal noun (西藏班|招生规模)
    ("西藏班招生规模突破1万人。", "突破1万人", None),
    # a word of class opening the mention: a class of bodies, not one (普惠性幼儿园)
    ("普惠性幼儿园覆盖率90%，义务教育集团化办学覆盖率98.2%，优质特色高中在校生占比73.4%。", "90%", None),
    # a noun after the body heads a subject with a predicate of its own
    ("新扩建幼儿园、中小学校舍94所，新增各类学位1.26万个，学前教育普及普惠指标提前完成国家任务，"
     "公办幼儿园保教人员工资待遇提高到当地最低工资标准2倍以上。", "2倍以上", None),
    # … but a measure of the body with a quantity stays the body's
    ("大力发展现代服务业，推动金融业高质量发展，北京证券交易所上市公司达262家，北京获批成为金融资产投资公司股权投资试点城市；",
     "262家", "北京证券交易所"),
    # a quantity alone after 的 is the subject's count (here of a class), not the object of a verb
    ("全国地县小铁厂由四百六十六个减少到现在的二百七十六个，保留的小铁厂加强了管理。", "二百七十六个", None),
    # a place word between the body and 的: the body is the ground of the subject (…以外的…)
    ("当时共产党以外的各民主党派和无党派民主人士参加政府的成员约占四分之一以上，后来增加政府成员的时候，"
     "大致也是根据了这个比例。", "四分之一以上", None),
    ("而在招引的赛场上,智慧城一直在“一路狂奔”——2022年,锚定三大主导产业,智慧城通过“基金+招商”“链主+招商”“平台"
     "+招商”引进落地特雷西能源、青禾新能源、力积存储、威视芯半导体、杭实临芯等一批“大好高”总部和“高精尖”人才项目、重点产业链项目118个,累计完成亿元产业项目36个,完成亿元制造业固投项目3个,亿元服务业固投项目2个,引进外资3.24亿美元。",
     "3.24亿美元", "智慧城"),
    # round 5: a list of bodies facing as many quantities pairs them in order, also in a carried 分别 clause
    ("兰州高新区全国排名53位、提升3位，天水经开区、张掖经开区全国排名46位、82位，分别提升6位、49位。", "82位", "张掖经开区"),
    ("兰州高新区全国排名53位、提升3位，天水经开区、张掖经开区全国排名46位、82位，分别提升6位、49位。", "6位", "天水经开区"),
    ("深化国企改革突围，加快建立现代企业制度，执行薪酬与效益刚性挂钩机制，自治区国资委监管企业资产总额首次突破万亿元，"
     "电力集团全国500强排名上升11位，包钢集团利润增速高于行业平均水平33个百分点，能源集团、林草生态公司利润分别增长1倍和"
     "15倍，交通集团、文旅集团营收分别增长1.1倍和4.3倍。", "15倍", "林草生态公司"),
    # a count of bodies opening the clause: they are its subject, the count itself has no actor
    ("持续深化闽宁协作，12个闽宁产业园新入驻企业154家，闽宁电商帮扶车间获全球减贫最佳案例。", "154家", "闽宁产业园"),
    ("持续深化闽宁协作，12个闽宁产业园新入驻企业154家，闽宁电商帮扶车间获全球减贫最佳案例。", "12个", None),
    # a clause of a time span and 来 frames the next clause: its body acted over the span (我们 is no body)
    ("七十多年来，中国共产党团结和带领全国各族人民，战胜种种艰难险阻，从根本上改变了中国人民的地位、中国历史的方向和中国社会的面貌。",
     "七十多年", "中国共产党"),
    ("十年来，我们取得一系列新的历史性成就，为全面建成小康社会打下了坚实基础。", "十年", None),
    # the noun after a body's 等 is a process: no actor
    ("集大原高铁开通运行，集通铁路全面实现电气化，东西高速公路大通道全线贯通，呼和浩特盛乐国际机场主体工程基本完工，"
     "胜利至张北特高压输电工程投入运行，云数据中心等新基建投资增长40%以上。", "40%以上", None),
]


@pytest.mark.parametrize(("text", "amount", "actor"), GRAMMAR, ids=[g[1] for g in GRAMMAR])
def test_grammar_on_real_sentences(text: str, amount: str, actor: str | None):
    a = extract_text(text, doc_id="t")["amounts"].set_index("text")
    got = a.loc[amount, "actor"]
    assert (pd.isna(got) if actor is None else got == actor), (amount, got)


# Round 6, from held-out-1 rows (tuning data): a word the organization layer cut after a government body because its
# rest is the body's act (中央政府|投资) is the body acting, not a process made by others in it.
ACTIVITY = [
    ("今年中央政府投资总额9080亿元，主要用于保障性住房、教育、卫生、文化等民生工程建设。", "9080亿元", "中央政府"),
    ("中央政府投资支持重点流域水污染防治项目691个。", "691个", "中央政府"),
    ("政府投资更多向惠及面广的民生项目倾斜，新开工改造城镇老旧小区5.3万个，提升县城公共服务水平。", "5.3万个", None),
]


@pytest.mark.parametrize(("text", "amount", "actor"), ACTIVITY, ids=[g[1] for g in ACTIVITY])
def test_a_body_cut_before_its_act_acts(text: str, amount: str, actor: str | None):
    test_grammar_on_real_sentences(text, amount, actor)


# Held-out-4's even half (tuning data since its first score): any verb after 由 X; a target row opening on a date before
# its subject; a number after 的 heading a noun phrase that opens with a place (…的新一轮中国特色…计划) is an object.
HELD_OUT4_EVEN = [
    ("今年我省创新民生实事遴选工作机制，首次由省人大常委会测评候选项目，推动省十件民生实事更贴民意、更合民需、更有成色。",
     "amounts", "十件", "省人大常委会"),
    ("44.新一轮国家“双高”计划：2024年教育部提出将启动以“办学能力高水平、产教融合高质量”为目标的新一轮中国特色高水平高职学校"
     "和专业建设计划。", "targets", "2024年教育部提出将启动以“办学能力高水平、产教融合高质量”为目标的新一轮中国特色高水平高职学校"
     "和专业建设计划", "教育部"),
]


@pytest.mark.parametrize(("text", "table", "row", "actor"), HELD_OUT4_EVEN, ids=["by_any_verb", "dated_target"])
def test_held_out4_even_grammar(text: str, table: str, row: str, actor: str):
    got = extract_text(text, doc_id="t")[table].set_index("text").loc[row, "actor"]
    assert got == actor, (row, got)


# Held-out-3's even half (tuning data since its first score), session 9: a relative clause opening right after a
# preposition (才把|改变…落后的艰巨任务|担当起来) is the preposition's object, so the body before it stays the subject of
# the clauses carried after it; a preposition with an object of its own before the verb (由四百六十六个减少到现在的…,
# the tuning corpus; 给他们原定的指标是…, held-out-2) leaves the 的 phrase the subject.
def test_a_relative_clause_right_after_a_preposition_is_its_object():
    text = ("在全国解放以后，中国共产党和中国人民才把改变中国经济和文化落后的艰巨任务担当起来，在短短三年时间内使国民经济"
            "得到恢复并有一些发展，接着又将在五年时间内使工业生产提高一倍。")
    got = extract_text(text, doc_id="t")["targets"].set_index("text").loc["将在五年时间内使工业生产提高一倍", "actor"]
    assert got == "中国共产党"
    text = "全国地县小铁厂由四百六十六个减少到现在的二百七十六个，保留的小铁厂加强了管理。"
    assert extract_text(text, doc_id="t")["amounts"]["actor"].isna().all()


def test_a_process_word_cut_off_a_body_is_its_act():
    """Where the organization layer cuts 中央政府 out of LAC's word 中央政府建设, the rest is a process word
    (`process_heads`): the body's own act, so the body names the row (held-out-1 sentence 9906)."""
    from pipeline.stages.actors.lists import Span
    from pipeline.stages.actors.rule import SentenceActors

    text = "中央政府建设投资总规模为1304亿元。"
    words, pos = ["中央政府建设", "投资", "总", "规模", "为", "1304亿元", "。"], ["ORG", "vn", "a", "n", "v", "m", "w"]
    assert SentenceActors(text, words, pos, [Span(0, 4, 3)]).actor(text.index("1304")) == 3
    assert SentenceActors(text, words, pos, [Span(0, 3, 3)]).actor(text.index("1304")) is None  # 中央政|府建设: no


def test_a_body_that_underwent_a_relative_clause_is_the_topic():
    """五年内建设并完工的第一汽车制造厂，在它…，每年能够出产…三万辆 (held-out-3 even, once the organization layer
    finds the works): a relative clause of what the body underwent (patient verbs joined by 并) heads the topic;
    a transitive verb opening the clause (支持…的X) still leaves X an object."""
    from pipeline.stages.actors.lists import Span
    from pipeline.stages.actors.rule import SentenceActors

    text = "五年内建设并完工的第一汽车制造厂，在它发挥了生产能力以后，每年能够出产载重汽车三万辆，供应运输业的需要。"
    words = ["五年内", "建设", "并", "完工", "的", "第一", "汽车", "制造厂", "，", "在", "它", "发挥", "了", "生产能力", "以后",
             "，", "每年", "能够", "出产", "载重", "汽车", "三万辆", "，", "供应", "运输业", "的", "需要", "。"]
    pos = ["TIME", "v", "c", "v", "u", "m", "n", "n", "w", "p", "r", "v", "u", "n", "f", "w", "TIME", "v", "v", "vn",
           "n", "m", "w", "v", "n", "u", "n", "w"]
    span = Span(text.index("第一"), text.index("，"), 5)
    assert SentenceActors(text, words, pos, [span]).actor(text.index("三万辆")) == 5
    other = ["五年内", "支持", "并", "完工", "的"] + words[5:]  # 支持 is no verb the body undergoes
    assert SentenceActors(text.replace("建设", "支持", 1), other, pos, [span]).actor(text.index("三万辆")) is None


def test_a_time_span_glued_to_a_name_is_no_body():
    """五年国务院 (LAC's ORG for 五年|国务院, held-out-1 sentence 9141): numerals and a time unit open the mention, so
    it is no body's name; the row stays null rather than name 五年国务院."""
    from pipeline.stages.actors.lists import Span
    from pipeline.stages.actors.rule import SentenceActors

    text = "五年国务院共向全国人大常委会提交39件法律议案，制定、修订137件行政法规。"
    words = ["五年国务院", "共", "向", "全国人大常委会", "提交", "39件", "法律", "议案", "，", "制定", "、", "修订", "137件",
             "行政", "法规", "。"]
    pos = ["ORG", "d", "p", "ORG", "v", "m", "n", "n", "w", "v", "w", "v", "m", "n", "n", "w"]
    assert SentenceActors(text, words, pos, [Span(0, 5, 1), Span(7, 14, 2)]).actor(text.index("39件")) is None
    ok = ["国务院"] + words[1:]  # the same clause opening on the body's own name
    assert SentenceActors(text[2:], ok, pos, [Span(0, 3, 1), Span(5, 12, 2)]).actor(text.index("39件") - 2) == 1


def test_a_target_opening_on_the_bodys_verb_is_its_act():
    """A target row with no amount row starts on the verb after the body: no quantity there counts the body."""
    t = extract_text("上海恒大新能源汽车有限公司力争用3至5年成为世界规模最大、实力最强的新能源汽车集团；", doc_id="t")
    assert t["targets"]["actor"].tolist() == ["上海恒大新能源汽车有限公司"]


def test_all_the_departments_of_a_body_act_as_one():
    """国务院各部门 as one mention acts (collective_heads); 国务院 followed by 各部门 leaves the units the subject."""
    from pipeline.stages.actors.lists import Span
    from pipeline.stages.actors.rule import SentenceActors

    text = "国务院各部门共清理涉外规章和有关政策规定2300件，废止830件，修订325件。"
    words = ["国务院", "各部门", "共", "清理", "涉外", "规章", "和", "有关", "政策", "规定", "2300件", "，", "废止",
             "830件", "，", "修订", "325件", "。"]
    pos = ["ORG", "r", "d", "v", "vn", "n", "c", "vn", "n", "v", "m", "w", "v", "m", "w", "v", "m", "w"]
    whole = SentenceActors(text, words, pos, [Span(0, 6, 7)])
    assert whole.actor(text.index("2300件")) == 7 and whole.actor(text.index("830件")) == 7
    assert SentenceActors(text, words, pos, [Span(0, 3, 7)]).actor(text.index("2300件")) is None
    rel = "国务院各部门取消和调整的审批项目总数达到2497项，占原有审批项目的69.3%。"
    rw = ["国务院", "各部门", "取消", "和", "调整", "的", "审批", "项目", "总数", "达到", "2497项", "，", "占", "原有",
          "审批", "项目", "的", "69.3%", "。"]
    rp = ["ORG", "r", "v", "c", "v", "u", "vn", "n", "n", "v", "m", "w", "v", "vn", "vn", "n", "u", "m", "w"]
    assert SentenceActors(rel, rw, rp, [Span(0, 6, 7)]).actor(rel.index("2497项")) is None  # a relative clause


def test_misses_are_listed_for_one_named_half_only():
    """`-v` of the corpus scorer lists the misses of one named half (a bug once listed every half of held-out-2)."""
    from pipeline.stages.actors.corpus import HELD_OUT, _shows, main

    halves = [(label, h) for _f, label in HELD_OUT for h in ("even", "odd", "all")]
    assert [x for x in halves if _shows("held-out-3 even", *x)] == [("held-out-3", "even")]
    assert [x for x in halves if _shows("held-out-4 even", *x)] == [("held-out-4", "even")]
    assert [x for x in halves if _shows("held-out-2 odd", *x)] == [("held-out-2", "odd")]
    assert [x for x in halves if _shows("even", *x)] == [("held-out", "even")]
    assert not [x for x in halves if _shows(None, *x) or _shows("", *x) or _shows("held-out-3 all", *x)]
    assert main(["-v"]) == 2 and main(["-v", "held-out-3", "all"]) == 2 and main(["-v", "held-out-3"]) == 2


def test_held_out_sets_are_no_part_of_the_run_fingerprint(tmp_path, monkeypatch):
    """The annotated sets document the rule and change no row: editing one must not redo a run's documents,
    editing the rule's lexicon must."""
    import shutil

    from pipeline.core import config as C

    root = tmp_path / "configs"
    shutil.copytree(C.CONFIG_DIR, root)
    monkeypatch.setattr(C, "CONFIG_DIR", root)
    cfg = {"extract": {}}
    before = C.config_hash(cfg)
    for name in ("heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl", "corpus.jsonl"):
        with open(root / "actors" / name, "a", encoding="utf-8") as f:
            f.write("// an annotator's note\n")
    assert C.config_hash(cfg) == before
    with open(root / "actors" / "actors.toml", "a", encoding="utf-8") as f:
        f.write("\n# a comment changes the file\n")
    assert C.config_hash(cfg) != before


def test_the_scorer_counts_misses_of_the_organization_layer_and_pools_the_blind_sets():
    """A missed actor that is no organization row of its sentence is the organization layer's miss; the pooled line
    sums the sets."""
    from pipeline.stages.actors.corpus import Score, _pool

    case = {"text": "国务院决定安排资金30亿元。", "source": "constructed",
            "expect": [{"table": "amounts", "text": "30亿元", "actor": "某某委员会"}]}
    s = score([case])
    assert (s.tp, s.fn, s.unfound) == (0, 1, 1)  # 国务院 is named instead; 某某委员会 was never found
    pooled = _pool([Score(tp=2, fp=1, fn=3, unfound=2), Score(tp=1, fn=1, missing=4)])
    assert (pooled.tp, pooled.fp, pooled.fn, pooled.missing, pooled.unfound) == (3, 1, 4, 4, 2)


# Session 18, from held-out-3's odd half (read then, so tuning data now): a conjunction opening a clause (而, 但…) is
# framing, and the words after it decide its subject; a comma between digits is a thousands separator, not a clause's
# end. Constructed sentences of the two shapes (the real ones are cited in configs/actors/actors.toml).
CONJUNCTION = [
    ("去年全省新建公路300公里，而省交通投资集团在三年里修建了1,200公里。", "1,200公里", "省交通投资集团"),
    ("去年全省新建公路300公里，而省交通投资集团在三年里修建了1,200公里。", "300公里", None),
    ("省交通投资集团去年修建公路300公里，而全省公路总里程增长了5%。", "5%", None),
    ("省交通投资集团去年修建公路300公里，而且完成投资45亿元。", "45亿元", "省交通投资集团"),
]


@pytest.mark.parametrize(("text", "amount", "actor"), CONJUNCTION, ids=["after_而", "before_而", "own_subject", "carried"])
def test_a_conjunction_opening_a_clause_leaves_the_subject_to_the_words_after_it(text: str, amount: str,
                                                                                  actor: str | None):
    test_grammar_on_real_sentences(text, amount, actor)


def test_a_thousands_separator_is_no_clause_boundary():
    from pipeline.stages.actors.frames import digit_group

    text = "新建8,500公里，增长5%"
    assert digit_group(text, text.index(","))
    assert not digit_group(text, text.index("，"))


def test_held_out5_sentences_are_the_news_records_they_cite():
    """Each held-out-5 case is a sentence of the MSRA or People's Daily test record its source names (real text)."""
    import json
    import re

    from pipeline.stages.clean import clean
    from pipeline.stages.sentences import split_sentences

    shared = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "ner"
    if not shared.is_dir():
        pytest.skip("../shared/external/ner is not beside the project")
    records = {}
    for f in ("msra_test.jsonl", "peoplesdaily1998_test.jsonl"):
        for line in (shared / f).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            records[r["id"]] = r["text"]
    for c in load_cases("heldout5.jsonl") + load_cases("heldout6.jsonl"):
        m = re.fullmatch(r"external/ner/\S+ id (\S+) sentence (\d+)", c["source"])
        assert m, c["source"]
        sents = [s.text for s in split_sentences(clean(records[m.group(1)]).text)]
        assert sents[int(m.group(2))] == c["text"], c["source"]


# Session 18, from held-out-5's even half (news): a dateline opening the story (agency, place, date, 电/讯, a bracketed
# byline) is framing, so the agency is no subject; an adverb before an intransitive verb of a relative clause on a body
# (新成立的X); bodies joined before the verb of a relative clause on the subject (X和Y共同发起的…活动) only modify it.
NEWS = [
    ("新华社基辅6月1日电某国内阁1日作出决定，今年将裁减国家工作人员40万人。", "40万人", None),
    ("新华社北京11月9日电（记者王某、李某）国家计委今年安排投资50亿元。", "50亿元", "国家计委"),
    ("（新华社北京11月9日电）国家计委今年安排投资50亿元。", "50亿元", "国家计委"),
    ("本报北京1月2日讯记者某某报道：国家计委今年安排投资50亿元。", "50亿元", "国家计委"),
    ("新华社今年发稿10万条。", "10万条", "新华社"),
    ("新成立的辽宁北方电影股份公司，仅以过去14%的人员，将电影市场经营得有声有色。", "14%", "辽宁北方电影股份公司"),
    ("不久前成功召开的中国共产党第十五次全国代表大会最重要的历史贡献是，全面总结了我国近20年来的经验。", "近20年", None),
    ("全国妇联和国家环保总局共同发起的主题宣传教育活动，自去年10月启动以来，历时9个月。", "9个月", None),
    ("驻宁波分公司利用宁波保税区的独特区位优势，从1993年底进入保税区，建设25000平方米保税仓。", "25000平方米", "驻宁波分公司"),
    # an affiliation word inside a name marks a class of a body's units only after a body's name (卫生部|系统); in a
    # firm's name it is part of the brand (西斯科系统公司, People's Daily 1998)
    ("华信系统公司去年在海外的销售额为3亿美元。", "3亿美元", "华信系统公司"),
    ("卫生部系统的医院去年新增床位1200张。", "1200张", None),
    # a person or a work right after the body or its 的 heads the subject (wild news text, not held-out-5)
    ("某研究院李某教授研制的新药被某集团公司采用，去年完成销售额8亿元。", "8亿元", None),
    ("而某某队的王某虽然得了21分，但球队仍然输了。", "21分", None),
    ("中央电视台的《春天的故事》等12件作品获得一等奖。", "12件", None),
    ("中央电视台今年制作节目120期。", "120期", "中央电视台"),
    # 由X…的 + a head noun: the 由 phrase sits in a relative clause on the subject; 由X…的 ending the clause is X's
    ("由某某协会主办的联赛吸引了40支球队参加。", "40支", None),
    ("公路建设，由交通部负责施工的，共有十一条线路。", "十一条", "交通部"),
    ("今年由中央代地方发债4000亿元。", "4000亿元", "中央"),
    # review of session 18: cases that kill the rules' mutants, and the shapes the first versions misread
    ("铁道部今年投资1,200亿元修建铁路8,500公里。", "8,500公里", "铁道部"),  # a separator, no clause end
    ("市政府今年3月5日电视电话会议部署防汛工作，安排资金2亿元。", "2亿元", "市政府"),  # 电|视: no dateline
    ("国家计委3月5日电告各省，今年安排救灾资金5亿元。", "5亿元", "国家计委"),  # 电|告: a verb, no dateline
    ("公安部3月5日讯问犯罪嫌疑人12名。", "12名", "公安部"),  # 讯问: one word, no dateline
    ("北京大学的季羡林教授今年出版专著3部。", "3部", None),
    ("中央电视台的《新闻联播》今年播出新闻3000条。", "3000条", None),
    ("由省体育局主办的运动会吸引了3000人参加。", "3000人", None),
    ("由省体育局主办的“全民健身日”活动吸引了3000人参加。", "3000人", None),
    ("由省体育局主办的《健身指南》发行了3万册。", "3万册", None),
    ("由省交通厅负责建设的高速公路全长120公里。", "120公里", None),
    ("省投资集团去年投资5亿元，又成立了资本金2亿元的省数据公司。", "2亿元", "省投资集团"),
    ("北京大学系统工程研究所今年承担课题30项。", "30项", "北京大学系统工程研究所"),
    ("中央卫生部所属医院去年新增床位1200张。", "1200张", None),
    # a coverb's 的 phrase is its object, not a relative clause on the subject (wild news text)
    ("挪威队依靠比赛结束前的点球击败巴西队，拿到5分。", "5分", "挪威队"),
    ("国务院制定和颁布的行政法规有255项。", "255项", None),
]


@pytest.mark.parametrize(("text", "amount", "actor"), NEWS,
                         ids=["dateline", "byline", "bracketed", "本报讯", "agency_acts", "新成立的", "成功召开的",
                              "joined_relative", "object_body", "system_firm", "system_units", "person", "person_de",
                              "work_title", "no_title", "by_in_relative", "by_headless", "by_own", "separator",
                              "电视", "电告", "讯问", "person_de_real", "title_real", "by_plain", "by_quote", "by_title",
                              "by_vn", "main_verb_成立", "system_institute", "affiliated_units", "coverb",
                              "relative_on_subject"])
def test_news_frames_and_relative_clauses(text: str, amount: str, actor: str | None):
    test_grammar_on_real_sentences(text, amount, actor)


# Session 19, from news text outside every scored set (People's Daily 1998, the wild news sentences): subordinators open
# a clause whose words decide its subject; 它 points back to the topic; a modifier and its 的 before a body that a
# predicate follows make the body the subject (a quantity inside the modifier counts others, unless the modifier is
# the body's own attribute); 有 + a counted phrase that acts has that phrase as subject; a relative clause opening with
# adverbs heads a noun phrase that is the subject.
NEWS19 = [
    ("尽管昨天西班牙队在小组赛最后一战中以6∶1大胜保加利亚队，但同组的巴拉圭队以3∶1战胜尼日利亚队。", "6∶1", "西班牙队"),
    ("尽管昨天西班牙队在小组赛最后一战中以6∶1大胜保加利亚队，但同组的巴拉圭队以3∶1战胜尼日利亚队。", "3∶1", "巴拉圭队"),
    ("虽然华信公司今年投资3亿元，但利润下降。", "3亿元", "华信公司"),
    # a subordinate clause keeps its subject to itself: the main clause carries the topic from before it
    ("华信公司表示，如果省政府给予支持，将投资3亿元。", "3亿元", "华信公司"),
    ("华信公司表示，尽管省政府已拨款1亿元，仍需筹集资金2亿元。", "2亿元", "华信公司"),
    ("华信公司表示，尽管省政府已拨款1亿元，仍需筹集资金2亿元。", "1亿元", "省政府"),
    ("华信公司表示，尽管市场低迷，今年仍将投资3亿元。", "3亿元", "华信公司"),
    ("美国英特尔公司今天宣布，今后6个月内裁减3000名员工。", "3000名", "英特尔公司"),  # 美国英特尔公司 one word
    ("华信公司研发了一种新型材料，它的强度提高了30%。", "30%", None),  # 它: a thing as often as a body
    ("华信公司今天宣布，他们计划在今后6个月内裁减3000名员工。", "3000名", None),  # 他们: people as often
    ("今晚，5名国脚缺阵的上海申花队以0∶2负于南斯拉夫贝尔格莱德红星队。", "0∶2", "上海申花队"),
    ("今晚，5名国脚缺阵的上海申花队以0∶2负于南斯拉夫贝尔格莱德红星队。", "5名", None),
    ("其中，总面积23.8平方公里的洞泾人工智能产业基地成为首个国家级人工智能特色产业基地。", "23.8平方公里",
     "洞泾人工智能产业基地"),
    ("总投资200亿元的大湾区交易中心揭牌。", "200亿元", None),  # others' investment in it
    ("王永民教授领导的北京王码电脑总公司，历经4年奋力攻关，推出10个通用软件。", "10个", "北京王码电脑总公司"),
    ("他们会把成立38年之久的华信公司推向市场。", "38年", None),  # the 把 phrase's object
    ("记者走访了新成立的华信公司，捐赠了100万元。", "100万元", None),  # 走访了: a main verb, its object
    ("出席签约仪式的有北京的华信公司，上海的宏达公司，合同总金额达3亿元。", "3亿元", None),  # verbless list items
    ("国内最大的华信公司生产的汽车今年销量增长了30%。", "30%", None),  # the body modifies 汽车
    ("国内最大的华信公司产品销量增长了30%。", "30%", None),  # a noun after the body
    ("同组的巴拉圭队仍然以3∶1战胜尼日利亚队。", "3∶1", "巴拉圭队"),  # adverbs before the predicate
    ("同组的巴拉圭队今天以3∶1战胜尼日利亚队。", "3∶1", "巴拉圭队"),  # a time word before the predicate
    ("国内最大的华信公司今年产品销量增长了30%。", "30%", None),  # a time word, then a noun: still a modifier
    ("阿尔巴尼亚政府1日发表正式声明说，两天共有约2000名科索沃阿族难民涌入特罗波亚区。", "约2000名", None),
    ("华信公司去年扩大生产，有员工3000人。", "3000人", "华信公司"),  # a holding: no verb after the phrase
    ("华信公司表示，早先允诺的5亿元投资将到位。", "5亿元", None),
    ("省政府加大投入，积极支持全省的200家企业加快技术改造。", "200家", "省政府"),  # a verb after adverbs, then 的 later
    ("省政府投资3亿元，有2亿元资金用于扶贫。", "2亿元", "省政府"),  # 有 + money: the topic's
    ("华信公司一名负责人说，今年投资3亿元。", "3亿元", None),  # 名 counts persons too
    ("华信公司表示，2021年冬到2022年春，将举办系列讲座100场。", "100场", "华信公司"),  # a period before no subject
    # a count of persons after a body heads the subject; a time span after it counts no body; a time word and 所 sit in a
    # relative clause on the noun after 的, a time word alone frames the body's own act
    ("陕西省铜川市商务局一位叫张宝玲的下岗女工在培训结束时，赊账购置了1万多元的汽车护理用品。", "1万多元", None),
    ("华信公司3个项目今年投产。", "3个", "华信公司"),  # 个 counts no persons: the rule leaves it
    ("西藏军区总医院四十三年为驻地寺庙僧尼义务巡诊送药。", "四十三年", "西藏军区总医院"),
    ("中国人民解放军七十年所走过的道路，给我们展示了辉煌的业绩。", "七十年", None),
    ("中国女子排球队今天在这里举行的马尔凯国际女子排球赛决赛中，以1∶3负于古巴队，获得亚军。", "1∶3", "中国女子排球队"),
    ("波利格拉菲奇出版集团有着100多年的历史，现拥有3家日报。", "100多年", "波利格拉菲奇出版集团"),
    ("五年国务院共向全国人大常委会提交39件法律议案。", "39件", "国务院"),  # the backend's word 五年国务院
]


def test_a_period_frames_the_clause_after_it():
    """A clause made only of a period (X到Y) frames the next clause: a target row opening in it has that clause's
    subject (People's Daily 1998); a clause of a period and a verb of its own is no frame."""
    text = "1947年冬到1948年春，我所在的北大文艺社举办文学系列讲座，邀请了8位名家主讲。"
    t = extract_text(text, doc_id="t")["targets"]
    assert t["actor"].tolist() == ["北大文艺社"], t[["text", "actor"]]
    from pipeline.stages.actors.lists import Span
    from pipeline.stages.actors.rule import SentenceActors

    words = ["1947年", "到", "1950年", "增长", "5%", "，", "华信公司", "投资", "3亿元", "。"]
    pos = ["TIME", "v", "TIME", "v", "m", "w", "ORG", "v", "m", "w"]
    text2 = "".join(words)
    sa = SentenceActors(text2, words, pos, [Span(text2.index("华信"), text2.index("投资"), 3)])
    assert not sa._span_frame(0, text2.index("，"))  # 增长: a verb of its own
    assert sa._span_frame(0, text2.index("增长"))
    words[1] = "至"
    sa = SentenceActors("".join(words), words, pos, [Span(text2.index("华信"), text2.index("投资"), 3)])
    assert sa._span_frame(0, text2.index("增长"))  # 至 joins a period too


@pytest.mark.parametrize(("text", "amount", "actor"), NEWS19,
                         ids=["尽管", "但_modified_head", "虽然", "如果_skipped", "尽管_skipped", "尽管_own",
                              "尽管_no_body", "glued_place", "它_thing", "他们", "modified_head", "inside_modifier",
                              "attribute_modifier", "process_modifier", "relative_with_subject", "把_object",
                              "main_verb", "list_items", "body_modifies", "noun_after", "adverb_after",
                              "time_after", "time_then_noun",
                              "existential", "holding", "adverb_relative", "pivot_after_adverb", "existential_money",
                              "person_名", "period_carry", "person_count", "thing_count", "time_span", "所_relative",
                              "time_frames_own_act", "有着_object", "glued_lead"])
def test_news_subordinators_pronouns_and_modified_heads(text: str, amount: str, actor: str | None):
    test_grammar_on_real_sentences(text, amount, actor)


def test_an_older_actors_lexicon_without_the_news_keys_still_loads(tmp_path, monkeypatch):
    """A user's copy of actors.toml made before session 18 (no dateline or relative-adverb keys) loads, rule off."""
    import re

    from pipeline.core import config
    from pipeline.stages.actors.lexicon import lex

    old = (config.CONFIG_DIR / "actors" / "actors.toml").read_text(encoding="utf-8")
    old = re.sub(r"(?m)^(dateline_marks|byline_words|closers|dateline_chars|relative_adverb_tags|person_tags|byline_chars|coverbs"
                 r"|existential_verbs|person_classifiers|relative_particles|span_range_words|subordinators) = .*\n", "",
                 old)
    (tmp_path / "lex" / "actors").mkdir(parents=True)
    (tmp_path / "lex" / "actors" / "actors.toml").write_text(old, encoding="utf-8")
    monkeypatch.setenv(config.LEXICONS_ENV, str(tmp_path / "lex"))
    config.load_lexicon_toml.cache_clear()
    lex.cache_clear()
    try:
        assert lex().dateline_marks == () and lex().relative_adverb_tags == frozenset()
        assert lex().existential_verbs == frozenset() and lex().person_classifiers == ()
        assert lex().relative_particles == frozenset() and lex().span_range_words == frozenset()
        assert lex().subordinators == frozenset()
        got = extract_text(NEWS[0][0], doc_id="t")["amounts"].set_index("text").loc["40万人", "actor"]
        assert got == "新华社"  # the rule is off: the agency opening the clause reads as its subject, as before
    finally:
        monkeypatch.delenv(config.LEXICONS_ENV)
        config.load_lexicon_toml.cache_clear()
        lex.cache_clear()
