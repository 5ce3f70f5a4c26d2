"""Left extension: from a suffix's head token, over the name parts before it.

Which tokens may stand inside a name (places, proper nouns, name verbs next to
the head, balanced parenthesis groups, two places joined by a dash) and which
end it (stop words, clause verbs, a complete name of another class).
"""

from __future__ import annotations

from pipeline.stages.organizations.lexicon import OrgLexicon, Suffix
from pipeline.stages.organizations.tokens import Tok, ends_like_body
from pipeline.stages.places.divisions import gazetteer as divisions
from pipeline.stages.places.mentions import scan as scan_places


def division_named(word: str, lx: OrgLexicon) -> bool:
    """Is ``word`` a division's name, whole or with its unit dropped (抚州, 涿州 for 涿州市, 合川 for 合川区)?

    The places gazetteer reads a county's name only with its unit, so the unit is tried here."""
    m = scan_places(word)
    if m and m[0].start == 0 and m[-1].end == len(word):
        return True
    names = divisions().by_name
    return any(word + unit in names for unit in lx.admin_suffixes)


def is_place_abbrev(t: Tok, lx: OrgLexicon) -> bool:
    """沪湖, 宁杭: a run of one-character place abbreviations (驻甘, 驻渝: stationed there)."""
    text = t.text[1:] if t.text.startswith(lx.station_marks) else t.text
    return 1 <= len(text) <= 4 and len(t.text) >= 2 and all(ch in lx.place_abbrev_chars for ch in text)


def is_region_word(t: Tok, lx: OrgLexicon) -> bool:
    """长三角, 京津冀: a region (filters.toml place_words, not a level or scope word such as 全国, 国内), whatever tag
    the backend gives it (长三角/a): as a place it may open a name (长三角G60科创走廊, 成渝中线科创走廊)."""
    w = t.text
    return w in lx.place_words and w not in lx.level_words and w not in lx.class_levels and w not in lx.kind_modifiers


def stray_entity_char(toks: list[Tok], k: int, lx: OrgLexicon) -> bool:
    """Token ``k`` is one character the backend tagged a body on its own, right before a name it tagged as an
    entity of its own (two characters or more), and neither a level (省|人大) nor a place abbreviation.

    It is a verb's last character (建|优/ORG 哈工大先研院/ORG) or a preposition or verb (任/ORG 军事科学院/ORG) that
    the backend cut off with the wrong tag; a character before a common word may open the name (旱/ORG 区/n 农业…
    实验室, 上/ORG 合/v 组织).
    """
    t = toks[k]
    if len(t.text) != 1 or t.tag not in lx.tags.org_entity or t.text in lx.level_words \
            or t.text in lx.place_abbrev_chars or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return len(nxt.text) >= 2 and nxt.tag in lx.tags.place_or_org_entity


def is_nameish(t: Tok, lx: OrgLexicon) -> bool:
    """A proper part of a name: a proper tag, a place abbreviation, a name word, a latin name."""
    return (
        t.tag in lx.tags.name
        or is_place_abbrev(t, lx)
        or is_region_word(t, lx)
        or t.text in lx.name_words
        or bool(lx.pat.alnum.match(t.text))
        or (t.tag in lx.tags.noun and bool(lx.pat.has_latin.search(t.text)))
    )


def is_brandish(t: Tok, lx: OrgLexicon) -> bool:
    """A proper part that is not a place: entity, brand word, latin name."""
    return t.tag in lx.tags.brandish or bool(lx.pat.has_latin.search(t.text))


def is_session(t: Tok, lx: OrgLexicon, head: Suffix | None) -> bool:
    """第十四届, 第十一次: a session ordinal, inside the name of a congress or committee only."""
    return (head is not None and head.text in lx.session_heads and t.tag in lx.tags.numeral
            and bool(lx.session_ordinal.match(t.text)))


def is_ministry_ordinal(t: Tok, lx: OrgLexicon, head: Suffix | None) -> bool:
    """第一, 第二: the ordinal of a sector ministry (第一机械工业部) or of numbered works (第一汽车制造厂)."""
    return (head is not None and (head.text in lx.sector_heads or head.text in lx.numbered_heads)
            and t.tag in lx.tags.numeral and bool(lx.sector_ordinal.match(t.text)))


def is_station(toks: list[Tok], k: int, lx: OrgLexicon) -> bool:
    """驻/v 浙/LOC, 驻渝/v: where the body is stationed, a part of its name (驻浙人民解放军, 驻宁波分公司)."""
    t = toks[k]
    if not t.text.startswith(lx.station_marks):
        return False
    rest = t.text[1:]
    if rest:
        return all(ch in lx.place_abbrev_chars for ch in rest)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and nxt.s == t.e and (nxt.tag in lx.tags.place_or_org_entity or nxt.text[0] in lx.place_abbrev_chars)


def inside_ok(toks: list[Tok], k: int, j: int, lx: OrgLexicon, head: Suffix | None = None) -> bool:
    """May token ``k`` stand inside the name whose head token is ``j``?"""
    t = toks[k]
    T = lx.tags
    if is_session(t, lx, head) or is_ministry_ordinal(t, lx, head):
        return j - k <= lx.name_verb_reach
    if is_station(toks, k, lx):
        return True
    if head is not None and head.text in lx.counted_heads and k + 1 == j and t.tag in T.numeral:
        return True  # 20|国集团: the count of its member states names the group
    if t.text in lx.type_marks or (len(t.text) >= lx.rank_modifier_min_chars and t.text.endswith(lx.type_marks)
                                   and t.text not in lx.level_words):
        return False  # 字段级|自贸试验区, 紧密型|城市医疗集团: a modifier, not a name part (but 国家级 is)
    if t.text in lx.stop_words or t.text in lx.apposition_nouns:
        return False
    if k + 1 < j and _latin_part(toks[k + 1], lx) and not is_nameish(t, lx):
        return False  # 资本市场服务|G60科创走廊: only a place or a brand opens a name before its latin part
    if len(t.text) > 2 and t.tag in T.noun and t.text.endswith(lx.apposition_tails):
        return False  # 电子企业长虹公司: a class noun in apposition
    if k + 1 == j and t.text in lx.cobuilt_verbs and head is not None and head.type == "platform":
        return True  # 深赣|共建|产业园: how the park was built, part of its name
    if t.text in lx.break_words and t.tag not in T.break_exempt:
        return False
    if stray_entity_char(toks, k, lx):
        return False  # 建|优/ORG|哈工大先研院, 任/ORG|军事科学院: no name part
    if t.tag in T.inside or t.text in lx.name_words or is_place_abbrev(t, lx) or is_region_word(t, lx):
        return True
    if t.tag in T.verb and t.text.startswith(lx.name_verb_prefixes):
        return True
    if t.tag in T.name_verb and t.text in lx.name_verbs:
        return j - k <= lx.name_verb_reach
    if _park_field_verb(toks, k, lx, head):
        return True
    if k + 1 == j and t.text in lx.abbreviated_fields and 0 < k and toks[k - 1].tag in T.miscut_left:
        return True  # 亚太经/LOC 合/v 组织: the abbreviated field cut off the name
    if t.tag in T.verb and len(t.text) == 1 and 0 < k and k + 1 < len(toks):
        # a one-character verb between a name and a noun is a mis-cut name part (杭实/临/芯)
        return toks[k - 1].tag in T.miscut_left and toks[k + 1].tag in T.miscut_right
    if t.tag in T.position and t.text in lx.inside_f:
        return True
    if t.tag in T.numeral and _latin_part(t, lx):
        return True  # G60, C9, 5G as name parts
    return False


def _latin_part(t: Tok, lx: OrgLexicon) -> bool:
    """G60, 5G: a latin name part, where a name's proper part is (长三角|G60科创走廊, 沪嘉杭|G60科创走廊)."""
    return bool(lx.pat.alnum.match(t.text) and lx.pat.has_latin.search(t.text))


def _park_field_verb(toks: list[Tok], k: int, lx: OrgLexicon, head: Suffix | None) -> bool:
    """Is token ``k`` a field the backend read as a verb, in a park named by its place (衡阳智能衡器|计量|产业园)?

    Only under a strong platform head (产业园, 示范区; grammar.toml park_field_heads), only a two-character verb that no
    list names a clause verb, and only after a division's name the backend tagged as a place, with nouns between:
    支持衡阳|建设|产业园 and 打造港产|城融合发展示范区 stay no such name.
    """
    t = toks[k]
    if head is None or head.text not in lx.park_field_heads or t.tag not in lx.tags.verb or len(t.text) != 2 \
            or t.text in lx.break_words or t.text in lx.stop_words:
        return False
    for m in range(k - 1, max(-1, k - 4), -1):
        if toks[m].e != toks[m + 1].s:
            return False
        if toks[m].tag in lx.tags.place_entity:
            return division_named(toks[m].text, lx)  # not 港产/LOC 城 (port, industry and city): no division's name
        if toks[m].tag not in lx.tags.inside:
            return False
    return False


def group_start(toks: list[Tok], k: int, lx: OrgLexicon) -> int | None:
    """Index of the opening mark that balances the ')' or '”' at ``k``, when the group may sit in a name."""
    P = lx.pat
    close = toks[k].text
    opens = P.open_parens if close in P.close_parens else P.open_quotes
    for m in range(k - 1, max(-1, k - 8), -1):
        if toks[m].text in opens:
            inner = toks[m + 1 : k]
            if not inner or toks[k].s - toks[m].e > lx.max_paren_chars:
                return None
            if close in P.close_parens:
                ok = all(t.tag in lx.tags.paren_inside or t.text == P.list_mark for t in inner)
            else:  # quoted slogan inside a name: 宁波“一带一路”综合试验区, “16+1”经贸合作示范区
                ok = all(t.tag not in lx.tags.punct or t.text in P.quote_inner_marks for t in inner)
            return m if ok else None
        if toks[m].tag in lx.tags.punct and toks[m].text not in P.name_inner_marks:
            return None
    return None


def compass_region(toks: list[Tok], k: int, lx: OrgLexicon) -> bool:
    """西部|（重庆）科学城: token ``k`` is a compass region right before its place in parentheses, a part of the name
    (grammar.toml compass_before_paren), though the backend reads it as a position word."""
    P = lx.pat
    if toks[k].text not in lx.compass_before_paren or k + 3 >= len(toks) or toks[k + 1].text not in P.open_parens:
        return False
    close = next((m for m in range(k + 2, min(len(toks), k + 5)) if toks[m].text in P.close_parens), None)
    return close is not None and close > k + 2 and all(t.tag in lx.tags.place for t in toks[k + 2 : close])


def _opens_clause(toks: list[Tok], k: int, lx: OrgLexicon, head: Suffix | None, sector: bool = False) -> bool:
    """A token at the left edge that modifies the clause, not the name (but 纺织|工业部, 重|工业部: the sector)."""
    T = lx.tags
    t = toks[k]
    if is_station(toks, k, lx) or compass_region(toks, k, lx):
        return False  # 驻|浙人民解放军: where the body is stationed; 西部|（重庆）科学城
    if sector and t.tag in T.sector_part and t.text not in lx.stop_words:
        return False
    if is_session(t, lx, head) or is_ministry_ordinal(t, lx, head) \
            or _latin_part(t, lx) \
            or (head is not None and head.text in lx.counted_heads and k + 1 < len(toks) and toks[k + 1].s == t.e
                and t.tag in T.numeral):
        return False  # 第九届全国人民代表大会, 6G创新产业集聚区, 20国集团
    return (
        t.tag in T.strip_left and t.tag not in T.name and not is_region_word(t, lx)
        or t.text in lx.stop_words
        or t.text in lx.pat.open_parens
        or t.text in lx.category_modifiers
        or (len(t.text) == 1 and t.tag in T.weak_opener and t.text not in lx.name_words)
    )


def _joins_places(toks: list[Tok], k: int, lx: OrgLexicon, head_type: str | None = None) -> bool:
    """新安江—千岛湖生态补偿试验区: a dash between two places. Before a platform's head the second may be a bloc or a place
    the backend tags a body (中国—东盟/ORG 产业合作区, 北京—雄安/ORG 人才科创走廊); before another body's it names that
    body (中国—|上海/ORG 合作组织…)."""
    T = lx.tags
    if toks[k].text not in lx.pat.dashes or k == 0 or toks[k - 1].tag not in T.place:
        return False
    nxt = toks[k + 1]
    return nxt.tag in T.place or (head_type == "platform" and nxt.tag in T.place_or_body)


def _joins_fields(toks: list[Tok], k: int, j: int, lx: OrgLexicon, head: Suffix | None) -> bool:
    """就业促进|和|劳动保护…领导小组: a joiner between two nouns inside a group's or alliance's name."""
    T = lx.tags
    if k + 1 == j and toks[j].text in lx.suffixes:
        return False  # 人大监督|和|政协: the joiner stands before a bare body word, not between two fields
    return (head is not None and head.type in lx.conj_types and not head.weak and toks[k].text in lx.conj_joiners
            and 0 < k < len(toks) - 1 and toks[k - 1].tag in T.conj_left and toks[k + 1].tag in T.conj_right
            and not ends_like_body(toks[k - 1].text, lx))  # 浙江省知识产权局|和|…: two bodies


def left_extend(toks: list[Tok], j: int, lx: OrgLexicon, head: Suffix | None = None, sector: bool = False) -> int:
    """Leftmost token index of the name whose head token is ``j``.

    A complete name of another class on the way (上海证券交易所|资本市场服务G60科创走廊)
    ends the extension: it is a neighbour, not a part.
    """
    P = lx.pat
    head_type = head.type if head else None
    k = j - 1
    first = j
    joiner = -1
    while k >= 0:
        t = toks[k]
        if toks[j].e - t.s > lx.max_name_chars:
            break
        other = lx.suffix_at_end(t.text) if head_type else None
        if other is not None and len(other.text) >= 3 and not other.weak and other.type != head_type \
                and not (k + 1 < j and is_session(toks[k + 1], lx, head)):
            break  # but 中国民主促进会|第八次|全国代表大会: the congress of the body before its session
        if t.text in P.close_parens or t.text in P.close_quotes:
            m = group_start(toks, k, lx)
            if m is None:
                break
            if m > 0 and (inside_ok(toks, m - 1, j, lx, head) or compass_region(toks, m - 1, lx)):
                first = m - 1
                k = m - 2
                continue
            if t.text in P.close_quotes and k + 1 < j:
                first = m  # a quoted part may open the name (“16+1”经贸合作示范区)
            break
        if _joins_places(toks, k, lx, head_type) or (joiner < 0 and _joins_fields(toks, k, j, lx, head)):
            if toks[k].tag not in lx.tags.place:
                joiner = k if toks[k].text in lx.conj_joiners else joiner
            first = k
            k -= 1
            continue
        if not inside_ok(toks, k, j, lx, head):
            break
        first = k
        k -= 1
    while first < j and _opens_clause(toks, first, lx, head, sector):
        first += 1
    if joiner >= first and not any(is_nameish(x, lx) for x in toks[first:joiner]):
        first = joiner + 1  # 企业和高校联盟: no proper part before the joiner, the name starts after it
        while first < j and _opens_clause(toks, first, lx, head, sector):
            first += 1
    return first
