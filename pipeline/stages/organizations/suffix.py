"""Candidates by suffix: a head word that closes a name (有限公司, 研究院, 示范区), extended left.

The suffix may span the last tokens (有限/公司) or sit inside one (上城区发改经信局);
a weak suffix (科技, 园区) needs a proper part and must not modify the next noun.
Names with no proper part are kept apart as generic, for short-form matching.
"""

from __future__ import annotations

from pipeline.stages.organizations.extend import (
    is_brandish,
    is_ministry_ordinal,
    is_nameish,
    is_region_word,
    is_session,
    left_extend,
)
from pipeline.stages.organizations.filters import is_event, level_listed, national_fund
from pipeline.stages.organizations.lexicon import OrgLexicon, Suffix
from pipeline.stages.organizations.tokens import Cand, Tok, ends_like_body


def nested_unit(toks: list[Tok], h: int, lx: OrgLexicon) -> bool:
    """Is token ``h`` a unit of the platform named just before it (张江长三角科技城 平湖园)?"""
    if h == 0:
        return False
    prev = toks[h - 1]
    suf = lx.suffix_at_end(prev.text)
    return suf is not None and suf.type == "platform" and prev.tag in lx.tags.nested_parent


def abbreviated_name(toks: list[Tok], j: int, lx: OrgLexicon) -> bool:
    """Does a proper name ending in an abbreviated field stand right before token ``j``?

    世贸/ORG 组织/v, 亚太经合/LOC 组织/v, 亚太经/LOC 合/v 组织/v: the backend reads the head as a verb, but
    a verb has no abbreviated field (合 = 合作, 贸 = 贸易) for its subject, so the head is the noun.
    """
    if j == 0 or toks[j - 1].e != toks[j].s:
        return False
    prev = toks[j - 1]
    left = lx.tags.miscut_left
    if prev.text in lx.abbreviated_fields:  # the field's character cut off as a verb
        return j >= 2 and toks[j - 2].tag in left and toks[j - 2].e == prev.s
    return prev.tag in left and prev.text[-1] in lx.abbreviated_fields and lx.suffix_at_end(prev.text) is None


def names_body(part: str, lx: OrgLexicon) -> bool:
    """Does ``part`` hold a body's name, ending anywhere in it (安贞医院|朝阳, 友谊医院|顺义)?"""
    return any(ends_like_body(part[:i], lx) for i in range(2, len(part) + 1))


def _whole_before(prev: Tok, lx: OrgLexicon) -> bool:
    """Is ``prev`` a place or a zone whose area the head after it names a part of (杭城|核心区, 试验区|核心区)?

    A strategy's region (丝绸之路经济带, 海丝: filters.toml place_words) opens a zone of that name instead."""
    if is_region_word(prev, lx):
        return False
    return prev.tag in lx.tags.place_entity or ends_like_body(prev.text, lx)


def sector_ministry(text: str, ss: int, suf: Suffix, lx: OrgLexicon) -> bool:
    """Does a sector word end right before the head (纺织工业|部, 信息产业|部), naming one ministry?"""
    return (suf.text in lx.sector_heads and ss >= 2 and text[ss - 1] in lx.sector_tails
            and text[ss - 2 : ss] not in lx.not_sectors)


def _mid_head_ok(text: str, toks: list[Tok], h: int, ss: int, suf: Suffix, lx: OrgLexicon) -> bool:
    """May the suffix start inside token ``h`` (科技城|平湖园, 上城区发改经信局)?"""
    T = lx.tags
    head = toks[h]
    prefix0 = text[head.s : ss]
    congress = suf.text in lx.session_heads and (head.tag in T.org_entity or (h > 0 and is_session(toks[h - 1], lx, suf)))
    if prefix0 in lx.level_words and _placed_before(toks, h, lx):
        return True  # 怀柔|综合性|国家科学|中心: the level word inside the name of a place's body, not a class
    if (prefix0 in lx.category_modifiers or prefix0 in lx.level_words) and not congress:
        return False  # 特色小镇, 国家实验室 written as one word (but 全国代表大会/ORG, 第七次 全国代表大会: one body)
    if head.tag in T.org_entity or lx.commission_word.match(head.text):
        return True  # 国家经委/n as one word: grammar.toml [commission]
    if head.tag in T.place_entity:
        if len(suf.text) >= 2 or lx.admin_unit_re.search(prefix0):  # 上城区发改经信局
            return True
        if suf.type == "platform" and nested_unit(toks, h, lx):  # 科技城平湖园
            return True
        if suf.type == "platform" and len(prefix0) >= 2 and prefix0[-1] in lx.park_field_marks:
            # the backend's place word is a park named by its abbreviated field (沈抚科创园/LOC, 沙河高教园/LOC); a
            # garden or a site (圆明园, 烈士陵园, 清华园) is no park of a field
            return True
    return len(suf.text) >= 2 and (
        head.tag in T.proper_noun_head or (len(head.text) >= 4 and head.tag not in T.never_head)
    )


def _placed_before(toks: list[Tok], h: int, lx: OrgLexicon) -> bool:
    """Does a place the backend tagged stand right before token ``h``, or before one common noun that stands before it
    (怀柔/LOC 综合性/n 国家科学/n 中心: Beijing 2025; 合肥/LOC 综合性/n 国家科学/n 中心: the seeds)? A level word written in one
    word with the head then sits inside that place's name."""
    T = lx.tags
    k = h - 1
    if k >= 0 and toks[k].tag in T.noun and toks[k].e == toks[h].s and not is_nameish(toks[k], lx):
        k -= 1  # 综合性
    return k >= 0 and toks[k].tag in T.place_entity and toks[k].e == toks[k + 1].s


def _head_of(text: str, toks: list[Tok], j: int, lx: OrgLexicon) -> tuple[Suffix, int, int] | None:
    """The suffix ending at token ``j``, its start, and the token it starts in."""
    t = toks[j]
    if t.text[-1] not in lx.suffix_last_chars or lx.pat.punct_only.match(t.text):
        return None  # most tokens end in a character no suffix ends with
    suf = lx.suffix_at_end(text[max(0, t.e - lx.max_suffix) : t.e])
    if suf is None or (suf.text in lx.noun_only and t.tag in lx.tags.verb and not abbreviated_name(toks, j, lx)):
        return None
    ss = t.e - len(suf.text)
    h = j
    while h > 0 and toks[h].s > ss:
        h -= 1
    if toks[h].s > ss or ss < 0:
        return None
    return suf, ss, h


def _named_zone(text: str, head: Tok, ss: int, suf: Suffix, nxt: Tok, lx: OrgLexicon) -> bool:
    """Is the weak head a zone's that the backend read with its name as one place or body (西咸新区/LOC), so the noun
    after it is the zone's own matter (要素市场化…, 赋权清单)? Not after a position or area word (西部新区, 城东新区,
    老城新区: a class of areas), nor before a noun of what an area has (浦东新区|居民: the district as a place)."""
    prefix = text[head.s : ss]
    return (ss > head.s and suf.text in lx.named_before_noun and head.tag in lx.tags.place_or_org_entity
            and prefix not in lx.inside_f and prefix not in lx.name_words and prefix not in lx.named_before_noun_not_after
            and nxt.text not in lx.area_nouns)


def _weak_company_ok(text: str, name_toks: list[Tok], prefix: str, head: Tok, s: int, ss: int,
                     lx: OrgLexicon) -> bool:
    """科技, 投资, 资本 ...: only a brand makes them a firm (长三角科技 is a field)."""
    if not (any(is_brandish(x, lx) for x in name_toks) or (prefix and head.tag in lx.tags.org_entity)):
        return False
    before = lx.suffix_at_end(text[s:ss]) if ss > s else None
    if lx.does_activity(before):
        return False  # 中央政府|投资: what the body does, not a firm (grammar.toml [clause_tail] activity_of)
    return not (before is not None and before.type == "company" and not before.weak)  # 华虹集团|投资


def _is_proper(name_toks: list[Tok], prefix: str, head: Tok, suf: Suffix, lx: OrgLexicon) -> bool:
    """Does the run before the suffix hold a proper part (not 国家实验室, 省级高新区, 省技术创新中心)?"""
    proper = [x for x in name_toks if is_nameish(x, lx)]
    if any(is_session(x, lx, suf) or (suf.text in lx.numbered_heads and is_ministry_ordinal(x, lx, suf))
           for x in name_toks):
        # 第十四届|全国|人民代表大会: the session names one congress, though its level alone is a class;
        # 第一汽车制造厂: numbered among the works of its kind
        return True
    if name_toks and not prefix and name_toks[-1].text in lx.level_words and proper == [name_toks[-1]] \
            and not (suf.text in lx.country_named and name_toks[-1].tag in lx.tags.place):
        proper = []  # 国家实验室, 省级高新区: a class, not a body (but 中国队 is the national team)
    prefix_proper = bool(prefix) and (head.tag in lx.tags.prefix_proper or prefix in lx.name_words) \
        and prefix not in lx.common_words and prefix not in lx.category_words  # 产业|集聚区 is a class
    if suf.type in lx.class_level_types and not prefix_proper and all(x.text in lx.class_levels for x in proper):
        return False  # 省实验室, 省技术创新中心: a level alone names a class of labs and zones
    return bool(proper) or prefix_proper


def world_body(name: str, lx: OrgLexicon) -> bool:
    """世界贸易组织, 国际大坝委员会: a scope word, one field and a body's head name one body of the world.

    The scope word is no proper part, so the proper-part test alone leaves them generic; a general field
    (国际经济组织), none (国际组织) or a list of scopes (国际及区域性组织) names a class (grammar.toml [world_bodies]).
    """
    scope = next((w for w in lx.world_scopes if name.startswith(w)), None)
    if scope is None:
        return False
    rest = name[len(scope) :]
    head = next((h for h in lx.world_heads if rest.endswith(h)), None)
    if head is None:
        return False
    fld = rest[: -len(head)]
    return 0 < len(fld) <= lx.world_max_field and fld not in lx.world_general \
        and not any(c in lx.world_joiners for c in fld)


def short_leagues(toks: list[Tok], lx: OrgLexicon) -> list[Cand]:
    """东盟, 欧盟: a league of states named by one character and 盟, as one word (grammar.toml [short_leagues])."""
    T = lx.tags
    return [Cand(t.s, t.e, t.text, "other", "suffix") for t in toks
            if len(t.text) == 2 and t.text[1] == lx.league_head and t.text[0] not in lx.league_not_first
            and t.tag not in T.never_head]


def _one_word(text: str, toks: list[Tok], j: int, lx: OrgLexicon) -> tuple[int, str] | None:
    """The index of the word before the name and the proper word, where token ``j`` closes a one-word name."""
    T = lx.tags
    t = toks[j]
    head = next((x for x in lx.one_word_heads if t.text.endswith(x)), None)
    if head is None:
        return None
    if t.text == head:  # 成渝数据中心/ORG 集群/n
        # a bare place word is not enough: MSRA annotates 嫩江/LOC 基地/n as a place, and no grammar tells it from
        # a development body of the same shape (docs/organizations.md, round 7)
        if j == 0 or toks[j - 1].e != t.s or toks[j - 1].tag not in T.org_entity:
            return None
        return j - 2, toks[j - 1].text
    if t.tag not in T.place_or_org_entity or len(t.text) < len(head) + 2:  # 柴达木沙漠基地/LOC as one word
        return None
    return j - 1, t.text[: -len(head)]


def one_word_platforms(text: str, toks: list[Tok], lx: OrgLexicon) -> list[Cand]:
    """Bases and clusters named by one proper word (成渝数据中心集群, 柴达木沙漠基地); field words make a class.

    Why apart from the suffix table: as ordinary weak heads 基地 and 集群 took in designations
    (陇东综合能源基地, 国家先进制造业集群, 生产基地). The proper word must open the name: after a noun or a
    body (吉利/ORG 贵阳/LOC 基地, 国家实验室 海南/LOC 基地) the base is a site of what precedes.
    """
    heads = [h for h in lx.one_word_heads if h in text]
    if not heads:
        return []  # prefilter: most sentences name no base or cluster
    T = lx.tags
    lasts = {h[-1] for h in heads}
    out: list[Cand] = []
    for j, t in enumerate(toks):
        if t.text[-1] not in lasts:
            continue  # most words end in no head's last character
        found = _one_word(text, toks, j, lx)
        if found is None:
            continue
        b, word = found
        if word in lx.level_words or word in lx.common_words or word in lx.category_modifiers \
                or any(word.startswith(w) for w in lx.level_words if len(w) > 1) or lx.clause_numeral.match(word):
            continue  # 国家基地, 产业集群, 九大有色金属/ORG 基地 (counted): a class
        if ends_like_body(word, lx):
            continue  # 全国重点实验室|基地: a site of the body, which stays the name
        start = toks[j - 1].s if t.text in lx.one_word_heads else t.s
        if b >= 0 and toks[b].e == start and toks[b].tag in T.inside:
            continue  # the word is not the name's first: a site of the body or field before it
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.s == t.e and nxt.tag in T.noun and nxt.text not in lx.role_nouns:
            continue  # 基地项目: the head modifies the next noun
        out.append(Cand(start, t.e, text[start : t.e], "platform", "suffix"))
    return out


def suffix_candidates(text: str, toks: list[Tok], lx: OrgLexicon) -> tuple[list[Cand], list[Cand]]:
    """Suffix-anchored names, and generic ones (no proper part) kept for short-form matching."""
    T = lx.tags
    out: list[Cand] = []
    generic: list[Cand] = []
    last_chars = lx.suffix_last_chars
    for j, t in enumerate(toks):
        if t.text[-1] not in last_chars:
            continue  # most tokens end in a character no suffix ends with
        found = _head_of(text, toks, j, lx)
        if found is None:
            continue
        suf, ss, h = found
        head = toks[h]
        mid = ss > head.s  # suffix starts inside token h
        sector = sector_ministry(text, ss, suf, lx)
        if mid and not sector and not _mid_head_ok(text, toks, h, ss, suf, lx):
            continue
        if not mid and len(suf.text) == 1 and head.tag not in T.one_char_head:
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and suf.weak and nxt.tag in T.noun and nxt.text not in lx.role_nouns \
                and not _named_zone(text, head, ss, suf, nxt, lx):
            continue  # 中心城区, 园区企业: the suffix modifies the next noun (but 西咸新区|要素市场化…: a name's own field)
        first = left_extend(toks, h, lx, suf, sector)
        name_toks = toks[first:h]
        prefix = text[head.s : ss] if mid else ""
        s = toks[first].s if first < h else head.s
        if suf.text in lx.units_of_body and not names_body(text[s:ss], lx):
            continue  # 兰州|院区: a unit names its body first (安贞医院|朝阳|院区)
        if suf.text in lx.areas_of_whole and not mid and first < h and _whole_before(toks[h - 1], lx):
            continue  # 杭城|核心区, 智慧城|核心区: the centre of the place or zone, no zone of its own
        cand = Cand(s, t.e, text[s : t.e], suf.type, "suffix")
        if lx.is_deictic(cand.text):  # 省委, 省人大; but 省、市、县政府: a level in a list names a class
            (generic if level_listed(text, s, lx) else out).append(cand)
            continue
        if not name_toks and not prefix:
            # the bare suffix word: a name only when the backend saw an entity there
            if suf.bare_ok:
                (out if head.tag in T.place_or_org_entity else generic).append(cand)
            continue
        if name_toks and name_toks[-1].text in lx.category_modifiers and not prefix:
            continue  # 标杆园区, 特色小镇: a class of bodies
        if suf.text in lx.country_named and name_toks and not prefix and is_event(name_toks[-1].text, lx):
            continue  # 巴黎奥运会|女篮, 亚特兰大奥运会|女排: a contest of the event, not a body
        if suf.weak and suf.type == "company" and (
                (not mid and head.tag in T.act_word) or not _weak_company_ok(text, name_toks, prefix, head, s, ss, lx)):
            continue  # 固定资产|投资/vn: the act, not a firm (tags.toml act_word); 长三角科技: a field
        if sector:  # 纺织工业部; but 有关|工业部, 八个|工业部: a class
            before = toks[first - 1] if first > 0 else None
            classy = before is not None and (before.tag in T.numeral or (
                before.text in lx.stop_words and before.tag not in T.item_break))  # 和|食品工业部 is a name
            if not classy:  # a class is no short form of a ministry either
                out.append(cand)
            continue
        proper = _is_proper(name_toks, prefix, head, suf, lx) or world_body(cand.text, lx) or national_fund(cand.text, lx) \
            or bool(lx.commission_word.match(cand.text))
        (out if proper else generic).append(cand)
    if lx.league_head in text:
        out += short_leagues(toks, lx)
    return out + one_word_platforms(text, toks, lx), generic


def group_subjects(toks: list[Tok], generic: list[Cand], lx: OrgLexicon) -> list[Cand]:
    """A generic group named by its field that opens a clause before its predicate (电力集团要…): one body.

    A province's report names its own state groups by their field (grammar.toml [group_subject]); elsewhere the
    same words after a modifier or before a noun name a class, so only the subject position makes the body.
    """
    T = lx.tags
    out: list[Cand] = []
    starts = {t.s: n for n, t in enumerate(toks)}
    for g in generic:
        head = next((h for h in lx.group_heads if g.text.endswith(h)), None)
        if head is None:
            continue
        fld = g.text[: -len(head)]
        if not 2 <= len(fld) <= lx.group_max_field or fld in lx.level_words or fld in lx.category_modifiers \
                or any(w in fld for w in lx.group_class_words) or fld in lx.common_words:
            continue  # 企业集团, 重点集团: a class
        k, n = starts.get(g.s), starts.get(g.e)
        if k is None or n is None or (k > 0 and toks[k - 1].tag not in T.subject_opener):
            continue  # 组建大型|电力集团: after a modifier
        if toks[n].tag in T.subject_predicate:
            out.append(Cand(g.s, g.e, g.text, "company", "suffix"))
    return out
