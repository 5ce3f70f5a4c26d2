"""Filters: what is not an organization (GUIDELINES §1) and the edges of a candidate.

Places, buildings, events, generic nouns and classes of bodies (特色小镇,
浙江省级高新区), malformed shapes; a name that opens an event's name; symbols
and a cut date unit at the edges; conjoined bodies split in two.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.stages.organizations.extend import is_place_abbrev
from pipeline.stages.organizations.lexicon import OrgLexicon
from pipeline.stages.organizations.tokens import Cand, Tok, ends_like_body
from pipeline.stages.places.mentions import scan as scan_places


def is_place(name: str, lx: OrgLexicon) -> bool:
    """A region word or a place with its administrative units (浙江省杭州市上城区)."""
    if name in lx.place_words or name in lx.foreign_countries:
        return True
    rest = name
    for _ in range(4):  # peel administrative units
        for a in lx.admin_suffixes:
            if rest.endswith(a) and len(rest) > len(a):
                rest = rest[: -len(a)]
                break
        else:
            break
    return rest != name and len(rest) <= 4 and lx.suffix_at_end(name) is None


def level_listed(text: str, s: int, lx: OrgLexicon) -> bool:
    """Is the level word at ``s`` one of a list of levels (省、市、县政府; 省市|县政府)?"""
    prev = text[s - 1 : s]
    if prev in lx.deictic_list_marks:
        prev = text[s - 2 : s - 1]
    return bool(prev) and prev in lx.deictic_levels


def all_han(s: str) -> bool:
    """Is ``s`` made of Chinese characters only (a brand, a word), no digit, Latin letter or mark?"""
    return bool(s) and all("\u4e00" <= ch <= "\u9fff" for ch in s)


def last_of_levels(text: str, s: int, lx: OrgLexicon) -> bool:
    """Does the name at ``s`` open with the last level of a list of levels (省、市、|自治区计委, 国家、省、市、|县监察委员会)?

    Then it names the bodies of every level listed, a class. The item before the list mark must be a level word
    alone: 省人大、|省政协 names two bodies.
    """
    if s < 2 or text[s - 1] not in lx.deictic_list_marks or not text.startswith(lx.list_levels, s):
        return False
    head = text[: s - 1]
    for lv in lx.list_levels:
        k = len(head) - len(lv)
        before = text[k - 1] if k > 0 else ""
        if head.endswith(lv) and (not all_han(before) or before in lx.deictic_list_marks
                                  or before in lx.conj_joiners or before.startswith(lx.determiner_starts)):
            return True  # 、|市、, 各|省、, 和|省、: a level word alone (浙江|省、 is a place)
    return False


def is_event(name: str, lx: OrgLexicon) -> bool:
    """Ends like an event (峰会, 论坛) and not like a body that meets (代表大会, 联席会议)."""
    return name.endswith(lx.event_suffixes) and not name.endswith(lx.event_exceptions)


def place_plus_weak(name: str, lx: OrgLexicon) -> bool:
    """长三角科技, 上海投资, 农业科技: a place or a field and a bare industry word is a field, not a firm."""
    suf = lx.suffix_at_end(name)
    if suf is None or not suf.weak or suf.type != "company":
        return False
    rest = name[: -len(suf.text)]
    return (rest in lx.place_words or rest in lx.category_words or is_place(rest, lx) or len(rest) <= 1
            or rest.endswith(lx.field_words))


def place_plus_class(name: str, lx: OrgLexicon) -> bool:
    """浙江省特色小镇, 浙江省级高新区: a place and a class of bodies, not one body."""
    suf = lx.suffix_at_end(name)
    if suf is None:
        return False
    rest = name[: -len(suf.text)]
    for mod in _class_modifiers(lx.category_modifiers, lx.level_words, lx.rank_mark):
        if rest.endswith(mod):
            head = rest[: -len(mod)]
            return not head or head in lx.place_words or is_place(head, lx) or is_place(head + lx.province_unit, lx)
    return False


def tier_class(name: str, lx: OrgLexicon) -> bool:
    """乡镇卫生院, 社区卫生服务中心, 城市政府: a tier of settlement opening a name names the kind of body every such
    place has; a standing government body the tier names by a field of its own (城市治理委员会) stays one body."""
    tier = next((w for w in lx.tier_words if name.startswith(w)), None)
    suf = lx.suffix_at_end(name) if tier else None
    if suf is None:
        return False
    # a weak government head is a facility, no standing body (社区卫生服务中心, 乡镇（街道）综合养老服务中心)
    return suf.type != "government" or suf.weak or name[len(tier):] == suf.text


def after_tier(st: str, c: Cand, lx: OrgLexicon) -> bool:
    """城市|合作银行: a name right after a tier word, where the backend cut the tier off, is the same kind of body."""
    return any(st.endswith(w, 0, c.s) and tier_class(w + c.text, lx) for w in lx.tier_words)


@lru_cache(maxsize=8)
def _class_modifiers(modifiers: frozenset[str], levels: frozenset[str], rank_mark: str) -> tuple[str, ...]:
    """Class modifiers and ranks (省级, 国家级: a rank, not a name part) of two chars or more, longest first
    (once per lexicon, not per name)."""
    ranks = {w for w in levels if w.endswith(rank_mark)}
    return tuple(m for m in sorted(modifiers | ranks, key=len, reverse=True) if len(m) >= 2)


def designation(st: str, c: Cand, toks: list[Tok], lx: OrgLexicon) -> bool:
    """国家人工智能创新发展试验区, 跨境电商综合试验区: a zone conferred as a programme, with no place in its name.

    A place, a body, a place abbreviation or a code (6G, “16+1”) before the head makes it one zone
    (川渝自贸试验区); field words, even read as proper nouns (数据要素综合/nz) or official ones (现代|产业带), do not,
    and the conferring level makes a title even after a place (长株潭国家自主创新示范区): grammar.toml [designations].
    """
    if c.text.endswith(lx.conferred_heads) and any(t.s == c.s and t.text in lx.designation_conferring for t in toks):
        return True  # 国家|现代农业产业园, 全国|先进制造百强园区: the state's title (not 国家电投/ORG|氢能产业园, a firm's)
    head = next((h for h in lx.designation_heads if c.text.endswith(h)), None)
    if head is None:
        return False
    end = c.e - len(head)
    if any(w in st[c.s : end] for w in lx.designation_conferring):
        return True  # 长株潭|国家|自主创新示范区: the state's title given to a place
    if any(ch in lx.pat.open_quotes or ch.isascii() and ch.isalnum() for ch in st[c.s : end]):
        return False  # “16+1”经贸合作示范区, 6G创新产业集聚区
    for t in toks:
        if t.e <= c.s or t.s >= end:
            continue  # the head's own word names no place (境外|经贸|合作区/LOC)
        if t.text in lx.level_words:
            continue  # 国家|生态文明试验区: the level that confers it, no place
        if t.tag in lx.designation_named or is_place_abbrev(t, lx) or t.text in lx.place_words:
            return False
    return True


def counted(c: Cand, toks: list[Tok], lx: OrgLexicon) -> bool:
    """新设14个|国家自主创新示范区, 完成17支|“4+1”专项基金: a count right before a name that heads its phrase counts a class.

    只/支 count funds and teams, never one body; other classifiers only a name with no place or body in it
    (12个闽宁产业园: a series under one place's name). Not the article (再造一个城北园区), nor a count of the noun
    after the name (27位中国科学院院士): grammar.toml [counted_class].
    """
    T = lx.tags
    k = next((i for i, t in enumerate(toks) if t.e == c.s), None)
    if k is None or toks[k].tag not in T.numeral and toks[k].tag not in T.classifier:
        return _counted_after(c, toks, lx)
    count = toks[k].text
    if toks[k].tag in T.classifier and k > 0 and toks[k - 1].e == toks[k].s and toks[k - 1].tag in T.numeral:
        count = toks[k - 1].text + count  # 17/m 支/q
    if not _class_count(count, lx):
        return False
    nxt = next((t for t in toks if t.s == c.e), None)
    if nxt is not None and (nxt.tag in T.noun or nxt.tag in T.compound_noun):
        return False  # 27位|中国科学院|院士: the count is the noun's
    return count.endswith(lx.count_any_name) or _unnamed(c, toks, lx)


def _counted_after(c: Cand, toks: list[Tok], lx: OrgLexicon) -> bool:
    """产业研究院|55家|、, 国家技术创新中心|达|3家|、: a count closing the phrase right after a name with no place or
    body in it counts a class (grammar.toml [counted_class] after_verbs)."""
    T = lx.tags
    k = next((i for i, t in enumerate(toks) if t.s == c.e), None)
    if k is not None and toks[k].text in lx.count_after_verbs:
        k += 1
    if k is None or k >= len(toks) or toks[k].tag not in T.numeral:
        return False
    count = toks[k].text
    if k + 1 < len(toks) and toks[k + 1].s == toks[k].e and toks[k + 1].tag in T.classifier:
        count, k = count + toks[k + 1].text, k + 1  # 55/m 家/q
    if not _class_count(count, lx):
        return False
    if k + 1 < len(toks) and toks[k + 1].tag not in T.punct:
        return False  # 2个|国家区域医疗中心, 15个|优势特色产业集群: the count heads a noun of its own
    return _unnamed(c, toks, lx)


def _class_count(count: str, lx: OrgLexicon) -> bool:
    """A count of a class's members (14个, 首批), not the article (一个, 一家)."""
    return lx.class_count.match(count) is not None and lx.class_article.match(count) is None


def _unnamed(c: Cand, toks: list[Tok], lx: OrgLexicon) -> bool:
    """No word of the name is a place or a body the backend saw (12个闽宁产业园 is a series under one place's name).

    Where one backend entity covers the whole name (2个|前沿技术交叉研究院/ORG, 786所|县医院/ORG, 10家|湖北实验室/ORG),
    its tag says what the whole is, not whether a place stands inside it: a name ending in a kind of body (a suffix
    of two characters or more: 研究院, 医院, 实验室) is read for a division's name (the places stage's gazetteer: 湖北)
    or two place abbreviations (闽宁); a national word (中国, 全国) is a level. A span with no such suffix keeps the
    backend's reading (5个|安理会|常任理事国: a body's short form, the count is another noun's), and so does a name that
    is its suffix alone (30项|省委|省政府为民办实事: the level's own body).
    """
    inside = [t for t in toks if c.s <= t.s and t.e <= c.e]
    if len(inside) == 1 and (inside[0].s, inside[0].e) == (c.s, c.e) and inside[0].tag in lx.tags.place_or_org_entity:
        suf = lx.suffix_at_end(c.text)
        return suf is not None and 2 <= len(suf.text) < len(c.text) and not _holds_place(c.text, lx)
    return not any(t.tag in lx.designation_named or is_place_abbrev(t, lx) for t in inside)


def _holds_place(name: str, lx: OrgLexicon) -> bool:
    """Does ``name`` hold a division's name (not a national word) or open with two place abbreviations?

    The abbreviation test reads characters, not words (合金… would pass it): it errs toward keeping the name, as
    the layer did before it read whole entities at all."""
    if len(name) >= 2 and name[0] in lx.place_abbrev_chars and name[1] in lx.place_abbrev_chars:
        return True
    return any(not m.national for m in scan_places(name))


def phased_works(st: str, c: Cand, lx: OrgLexicon) -> bool:
    """新余电厂|二期, 九江神华电厂|二期: works named by their site, right before a construction phase, name a project, no
    body; a firm or a school before a phase stays one (埃克森美孚一期): grammar.toml [phased_works]."""
    return c.text.endswith(lx.works_heads) and lx.works_phase.match(st, c.e) is not None


def kind_opened(c: Cand, first: Tok | None, lx: OrgLexicon) -> bool:
    """现代|医院, 现代|产业学院: a kind modifier standing as a word of its own at a name's start (``first``, the backend
    word that starts there) makes the name a kind of body (filters.toml kind_modifiers); inside a longer backend word
    it is part of a name."""
    return first is not None and first.e < c.e and first.text in lx.kind_modifiers


def style_verb(st: str, c: Cand, lx: OrgLexicon) -> bool:
    """大兴|调查研究之风: a two-character span before a phrase ending in 之风 is the verb promoting a style, no body
    (grammar.toml [style_verbs])."""
    return c.e - c.s == lx.style_span_chars and lx.style_rest.match(st, c.e) is not None


def transfer_project(st: str, c: Cand, lx: OrgLexicon) -> bool:
    """西电|东送, 西煤东运: a span where a transfer project named by compass points starts is part of the project's
    name (grammar.toml [transfer_projects]); 西电集团 does not start one."""
    return lx.transfer_project.match(st, c.s) is not None


def plenum_ordinal(st: str, c: Cand, lx: OrgLexicon) -> bool:
    """十九届二中、三中、|四中|、五中全会: an ordinal with 中 in a list closed by 全会 is a plenary session, no school
    (grammar.toml [plenum_ordinals])."""
    return bool(lx.plenum_item.match(c.text)) and bool(lx.plenum_rest.match(st[c.e : c.e + 40]))


def fund_kind(name: str, lx: OrgLexicon) -> bool:
    """社会保障基金, 失业保险基金, 私募基金: a fund named by its kind alone (filters.toml fund_kind_words) is money of
    that kind, not one body; any other word (a place, a level, a brand: 全国社会保障基金, 丝路基金) keeps the name."""
    head = next((h for h in lx.fund_heads if name.endswith(h)), None)
    if head is None:
        return False
    rest = name[: -len(head)]
    while rest:
        w = next((k for k in lx.fund_kinds if rest.startswith(k)), None)
        if w is None:
            return False
        rest = rest[len(w) :]
    return True


def national_fund(name: str, lx: OrgLexicon) -> bool:
    """全国社会保障基金: the nation's scope before a fund named by its kind is the one national fund, a body
    (filters.toml fund_scopes), though neither the scope nor the kind is a proper part."""
    scope = next((w for w in lx.fund_scopes if name.startswith(w)), None)
    return scope is not None and len(name) > len(scope) and fund_kind(name[len(scope) :], lx)


def valley_region(name: str, lx: OrgLexicon) -> bool:
    """中国绿氢谷, 美国硅谷: a valley named by its field after a title's level is a title, after a foreign country or a
    continent the region itself; no body (grammar.toml [valleys])."""
    head = next((h for h in lx.valley_heads if name.endswith(h)), None)
    if head is None:
        return False
    rest = name[: -len(head)]
    return rest.startswith(lx.valley_titles) or rest.startswith(lx.valley_regions) or rest in lx.foreign_countries


def rejected(name: str, lx: OrgLexicon, named_start: bool = False) -> bool:
    """True for places, buildings, events, generic nouns, determiner phrases and malformed shapes.

    ``named_start``: the backend read the name's first word as an entity (本溪钢铁公司/ORG), so a determiner's
    character there opens a name, not a reference (该公司)."""
    if len(name) < 2 or name in lx.generic_words or name in lx.category_words:
        return True
    if not named_start and name.startswith(lx.determiner_starts):
        return True
    if any(name.startswith(w) and name[len(w) :] in lx.generic_words for w in lx.scope_words):
        return True  # 全国农村人民公社, 全国重点实验室: all the bodies of a kind
    if lx.reject_re.search(name) or fund_kind(name, lx) or valley_region(name, lx):
        return True
    if is_place(name, lx):
        return True
    if name.endswith(lx.building_suffixes):
        return True
    if place_plus_weak(name, lx) or place_plus_class(name, lx) or name.startswith(lx.class_openers) \
            or tier_class(name, lx):
        return True  # 公办幼儿园, 地方金融监督管理局: a class modifier opens a kind of body
    return is_event(name, lx)


def before_event(toks: list[Tok], k: int | None, lx: OrgLexicon) -> bool:
    """全球私募基金|西湖|峰会: a name that opens an event's name is part of the event.

    ``k`` is the index of the first token after the name (None at the end).
    """
    if k is None:
        return False
    T = lx.tags
    for t in toks[k : k + 3]:
        if t.tag not in T.event_gap:
            return False
        if t.tag in T.noun and is_event(t.text, lx):
            return True
    return False


def trim(text: str, c: Cand, lx: OrgLexicon) -> None:
    """Drop symbols and a date unit cut off a number from the edges (▶长三角…, 2019|年华虹集团)."""
    P = lx.pat
    while c.s < c.e and not (text[c.s].isalnum() or text[c.s] in P.edge_open):
        c.s += 1
    while c.e > c.s and not (text[c.e - 1].isalnum() or text[c.e - 1] in P.edge_close):
        c.e -= 1
    if c.e - c.s > 2 and text[c.s] in P.date_units and c.s > 0 and text[c.s - 1].isdigit():
        c.s += 1
    if c.e - c.s > 3 and text[c.s] == P.dateline_mark and c.s > 0 and text[c.s - 1] == P.dateline_day:
        c.s += 1  # 5月20日电|公安部: the dateline's 电 is not part of the name
    c.text = text[c.s : c.e]


def drop_country(c: Cand, lx: OrgLexicon) -> bool:
    """美国苹果公司 -> 苹果公司: a foreign country before a firm's name is not part of it.

    False when nothing names the firm but the country (马来西亚公司: a Malaysian firm, a class).
    """
    suf = lx.suffix_at_end(c.text)
    if c.type != "company" or suf is None or suf.type != "company":
        return True  # 德国社民党, 芬兰国防军: not a firm
    for country in lx.foreign_countries:
        rest = c.text[len(country) :]
        if not c.text.startswith(country) or rest.startswith(lx.country_keeps):
            continue
        if rest in lx.generic_words:
            return False
        if len(rest) >= 3:
            c.s += len(country)
            c.text = rest
        return True
    return True


def _joined_bodies(c: Cand, lx: OrgLexicon) -> list[Cand] | None:
    """中国科学院|同|苏联科学院: two bodies joined by a preposition (filters.toml body_joiners), each side ending like a
    body, are two candidates; a body with the preposition glued after it (中国高等教育部同/ORG) or before it
    (加强同人民政协/ORG) is the body; else None."""
    for j in lx.body_joiners:
        if c.text.endswith(j) and ends_like_body(c.text[: -len(j)], lx):
            return [Cand(c.s, c.e - len(j), c.text[: -len(j)], c.type, c.source)]
        if c.text.startswith(j) and _named_before_suffix(c.text[len(j) :], lx):
            return [Cand(c.s + len(j), c.e, c.text[len(j) :], c.type, c.source)]
        i = c.text.find(j, 2)
        if i < 0 or len(c.text) - i - len(j) < 2:
            continue
        left, right = c.text[:i], c.text[i + len(j) :]
        if ends_like_body(left, lx) and ends_like_body(right, lx):
            return [Cand(c.s, c.s + i, left, c.type, c.source), Cand(c.s + i + len(j), c.e, right, c.type, c.source)]
    return None


def _named_before_suffix(rest: str, lx: OrgLexicon) -> bool:
    """The first body's suffix in ``rest`` comes after two characters or more (人民|政协, 花旗|集团): ``rest`` opens
    with a name of its own, so a joiner before it is glued on. One character before it is the name's own first
    part (同|济医院, 同|仁医院亦庄院区, 同|方股份)."""
    for i in range(2, len(rest) + 1):
        suf = lx.suffix_at_end(rest[:i])
        if suf is not None:
            return i - len(suf.text) >= 2
    return False


def split(cands: list[Cand], lx: OrgLexicon) -> list[Cand]:
    """Conjoined bodies (省委省政府, 中国科学院同苏联科学院) become one candidate each."""
    out = []
    for c in cands:
        joined = _joined_bodies(c, lx)
        if joined is not None:
            out.extend(joined)
            continue
        for pat in lx.split_patterns:
            m = pat.match(c.text)
            if m:
                for g in (1, 2):
                    s, e = c.s + m.start(g), c.s + m.end(g)
                    out.append(Cand(s, e, m.group(g), c.type, c.source))
                break
        else:
            out.append(c)
    return out


def right_paren(text: str, c: Cand, toks: list[Tok], lx: OrgLexicon) -> None:
    """Take a place in parentheses right after a platform name into it: 杭州高新区（滨江）."""
    if c.type != "platform":
        return
    m = lx.pat.right_paren_place.match(text[c.e : c.e + 8])
    if not m:
        return
    inner = [t for t in toks if t.s >= c.e + 1 and t.e <= c.e + m.end() - 1]
    if inner and all(t.tag in lx.tags.place for t in inner):
        c.e += m.end()
        c.text = text[c.s : c.e]


def type_of(name: str, fallback: str, lx: OrgLexicon) -> str:
    """Type from the gazetteer (names, overriding patterns), then the suffix, then patterns."""
    if name in lx.gaz_names:
        return lx.gaz_names[name]
    for pat, typ, override in lx.gaz_patterns:
        if override and pat.search(name):
            return typ
    suf = lx.suffix_at_end(name)
    if suf is not None:
        return suf.type
    for pat, typ, override in lx.gaz_patterns:
        if not override and pat.search(name):
            return typ
    return fallback


def fund_as_money(st: str, s: int, e: int, lx: OrgLexicon) -> bool:
    """增加|全国社会保障基金, 充实…基金: a fund that a verb adds money to is that money, no acting body
    (grammar.toml [fund_money]); the verb may stand before the span or open it (the backend's 充实存款保险基金)."""
    if not lx.fund_verbs or not st.endswith(lx.fund_heads, s, e):
        return False
    return st.startswith(lx.fund_verbs, s) or st.endswith(lx.fund_verbs, 0, s)


def classed_at(st: str, s: int, e: int, lx: OrgLexicon) -> bool:
    """The name at ``st[s:e]`` stands where its context makes it no one body: after a distributive word (各级|人大,
    直辖|市政府: filters.toml distributive_words), as the last level of a list of levels (省、市、|自治区计委) or as money a
    verb adds to (增加|全国社会保障基金: fund_as_money)."""
    return st.endswith(lx.distributive_words, 0, s) or last_of_levels(st, s, lx) or fund_as_money(st, s, e, lx)
