"""The backend's ORG spans as candidates, less slogans, products and posts glued to them."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.stages.organizations.lexicon import OrgLexicon
from pipeline.stages.organizations.tokens import Cand, Tok, ends_like_body


def named_quote(content: str, lx: OrgLexicon) -> bool:
    """Does a quoted phrase end like a body's name (a suffix of two or more characters)?"""
    suf = lx.suffix_at_end(content)
    return suf is not None and len(suf.text) >= 2


def title_tail(name: str, lx: OrgLexicon) -> int:
    """Length of a post glued to the end of a backend ORG (河北省栾城县委|书记), else 0.

    Cut only when what remains ends like a body: a configured suffix or a
    gazetteer shape (县委, 市政府), so a name that merely ends in such
    characters (中央委员) is not cut into a fragment.
    """
    for w in lx.title_words:
        if name.endswith(w) and len(name) - len(w) >= 2:
            rest = name[: -len(w)]
            return len(w) if ends_like_body(rest, lx) else 0
    return 0


def post_only(name: str, lx: OrgLexicon) -> bool:
    """Is a backend ORG span a post with no body before it (国务委员宋平: a State Councillor, no body)?

    ``title_tail`` cuts a post off a body (中央政治局|常委, 人大|代表); a span that ends in a post word while
    what stands before it is no body names a person's office, not an organization.
    """
    return lx.suffix_at_end(name) is None and any(name.endswith(w) and len(name) > len(w) for w in lx.title_words)


def glued_verb(name: str, lx: OrgLexicon) -> int:
    """Length of a clause verb the backend glued to the front of a body (拓展|中央银行), else 0.

    Cut only when what remains ends like a body and is long enough to be a name.
    """
    for v in lx.break_words_by_len:
        if name.startswith(v) and len(name) - len(v) >= 3 and ends_like_body(name[len(v) :], lx):
            if any(name[: len(v) + k] in lx.suffixes for k in (1, 2)):
                return 0  # 联合|国…: the verb's characters open a body word (联合国教科文组织)
            return len(v)
    return 0


def body_then_clause(name: str, lx: OrgLexicon) -> int:
    """Length of the body that opens a backend ORG span running on into the clause, else 0.

    党中央|全面从严治党, 党中央|八项规定, 金田集团|向: the span has no body suffix at its end, but a complete body
    (a strong suffix, grammar.toml [clause_tail]) ends inside it and the rest opens a clause (a stop or break
    word, a numeral, an opener). The rest is what the body does or issues, not part of its name; a rest that
    opens otherwise (联合国|安理会, 南开医院|中西医结合临床中心) may be part of the name and is kept.
    A span ending in a suffix (中国银行北京分行) is never cut, except a weak industry word after a complete
    government body (中央政府|投资总额: what the body does; ``OrgLexicon.body_before_activity``).
    """
    if lx.suffix_at_end(name) is not None:
        return lx.body_before_activity(name)
    for k in _body_ends(name, lx):
        rest = name[k:]
        if rest.startswith(lx.clause_openers) or lx.clause_numeral.match(rest):
            return k
    return 0


def body_before_work(name: str, lx: OrgLexicon) -> int:
    """Length of the complete body opening a backend span that ends in a work or field (filters.toml
    activity_nouns: 中国农业银行|股份制改革), else 0."""
    return next(_body_ends(name, lx), 0)


def _body_ends(name: str, lx: OrgLexicon) -> Iterator[int]:
    """Lengths of the complete bodies opening ``name``, longest first: a strong suffix of ``clause_min_suffix``
    characters or more (grammar.toml [clause_tail]) ends each, before the end of the name."""
    for k in range(len(name) - 1, 1, -1):
        suf = lx.suffix_at_end(name[:k])
        if suf is not None and not suf.weak and len(suf.text) >= lx.clause_min_suffix:
            yield k


def number_edges(name: str, lx: OrgLexicon) -> tuple[int, int]:
    """Lengths of a count of years opening a backend ORG span and of a quantity closing it (五年|国务院,
    塔里木油田|万米). The count is cut only when what remains ends like a body; a number and a unit of
    measure end no name, so the quantity is cut whenever two characters or more remain (油田 is no suffix)."""
    lead = tail = 0
    m = lx.number_lead.match(name)
    if m and len(name) - m.end() >= 3 and ends_like_body(name[m.end() :], lx):
        lead = m.end()
    m = lx.number_tail.search(name, lead)
    if m and m.start() - lead >= 2:
        tail = len(name) - m.start()
    return lead, tail


def date_piece(toks: list[Tok], i: int, lx: OrgLexicon) -> bool:
    """Is the ORG token ``i`` the first numeral of a date glued to it (从一|九二一年: the backend cut the year)?"""
    t = toks[i]
    return i + 1 < len(toks) and toks[i + 1].s == t.e and toks[i + 1].tag in lx.tags.time_or_number \
        and lx.date_piece.search(t.text) is not None


def state_firm_short(name: str, lx: OrgLexicon) -> bool:
    """陕煤, 国投, 国网: a province's abbreviation or 国, then an industry's character, a state firm's short name
    (grammar.toml state_firm_first, state_firm_industries)."""
    return len(name) == 2 and (name[0] in lx.place_abbrev_chars or name[0] in lx.state_firm_first) \
        and name[1] in lx.state_firm_industries


def modifies_noun(toks: list[Tok], i: int, lx: OrgLexicon) -> bool:
    """Is the ORG token ``i`` glued to a common noun after it that it modifies (电信|网络, 普惠|托育)?

    A body's officers and members (新华社|记者, 工党|领袖, 东盟|各国, 海尔|人) follow a body without making it a
    field; nor do the role and apposition nouns of grammar.toml. A place right after the span (平安|中国,
    平安|广东) makes it the word of a slogan about that place.
    """
    if i + 1 >= len(toks) or toks[i + 1].s != toks[i].e or toks[i].text.endswith(lx.body_tails) \
            or state_firm_short(toks[i].text, lx):
        return False
    nxt = toks[i + 1]
    if nxt.tag in lx.tags.place_entity:
        return True  # 平安|中国, 平安|广东: a slogan's word before the place it is about
    return _modified_noun(nxt, lx)


def field_before_noun(c: Cand, toks: list[Tok], commons: frozenset[str], lx: OrgLexicon) -> bool:
    """Does the backend's span end in an industry word after a common word, glued before a noun it modifies
    (嘉兴航空物流|机场, 港航物流|营运商, 环哈工程科技|成果转化中心)?

    An industry word (a weak company suffix: 物流, 科技) after a word the document reads as common elsewhere
    (``commons``, or filters.toml common_words) names a field, and the noun after it what the field has; a
    place or a brand alone before it may be a firm's name (上海电气|绿色甲醇, 内蒙古电力|航检中心).
    """
    suf = lx.suffix_at_end(c.text)
    if suf is None or not suf.weak or suf.type != "company":
        return False
    word = c.text[: -len(suf.text)][-2:]
    if word not in commons and word not in lx.common_words:
        return False
    nxt = next((t for t in toks if t.s == c.e), None)
    return nxt is not None and _modified_noun(nxt, lx)


def _modified_noun(nxt: Tok, lx: OrgLexicon) -> bool:
    """Is ``nxt`` a common noun a span before it modifies, not a body's officer, member or role word?"""
    return nxt.tag in lx.tags.compound_noun and nxt.text not in lx.role_nouns and nxt.text not in lx.title_words \
        and nxt.text not in lx.apposition_nouns and not nxt.text.endswith(lx.member_tails)


def quoted_modifier(toks: list[Tok], i: int, lx: OrgLexicon, quotes: list[tuple[int, int]]) -> bool:
    """Is the ORG token ``i`` a whole quoted phrase that modifies the noun after the closing quote (“鲁惠通”|平台,
    “天府粮仓”|精品品牌, “中华文化边疆行”|系列活动)?

    A quoted coinage before a noun names a platform, a programme or a brand line, as an unquoted span before a
    project or product word does (filters.toml negative_followers); a quoted brand that acts stays (“鸭鸭”|便实现).
    """
    t = toks[i]
    if (t.s, t.e) not in quotes or i + 2 >= len(toks) or lx.suffix_at_end(t.text) is not None:
        return False
    close, nxt = toks[i + 1], toks[i + 2]
    if close.s != t.e or close.text not in lx.pat.close_quotes or nxt.s != close.e:
        return False
    if nxt.text.startswith(tuple(lx.negative_followers)):
        return True
    head = _phrase_head(toks, i + 2, lx)  # the head decides (“钢七连”专业|军士: the body's soldiers)
    if head.tag not in lx.tags.compound_noun or not (_modified_noun(nxt, lx) or nxt.tag in lx.tags.attributive):
        return False  # (an adjective may open the phrase: “天府粮仓”专项/a|政策)
    # …|品牌 heads it (“天府粮仓”精品|品牌), though 品牌 also stands in apposition before a name (品牌|鸭鸭)
    if head.text.startswith(tuple(lx.negative_followers)):
        return True
    phrase = [x for x in toks[i + 2 :] if x.s < head.e]
    if nxt.tag in lx.tags.attributive and any(x.text in lx.coinage_body_heads for x in phrase):
        return False  # “华为”优秀|企业|发展: a class of bodies after an adjective names the body in apposition
    return _modified_noun(head, lx)


def _phrase_head(toks: list[Tok], k: int, lx: OrgLexicon) -> Tok:
    """The last token of the noun phrase glued on from token ``k`` (nouns and attributive adjectives)."""
    modifiers = lx.tags.compound_noun | lx.tags.attributive
    while k + 1 < len(toks) and toks[k + 1].s == toks[k].e and toks[k + 1].tag in modifiers:
        k += 1
    return toks[k]


def quoted_coinage(toks: list[Tok], i: int, lx: OrgLexicon, quotes: list[tuple[int, int]]) -> bool:
    """Is the ORG token ``i`` a whole quoted phrase with no body's suffix that is the last object of a clause whose
    verb builds a goal (持续打造新时代更高水平“天府粮仓”。), or an item of a list of quoted phrases that 等 sums up as
    brands, programmes or projects (打造“人才福建周”“海归英才八闽行”等特色引才品牌)? grammar.toml [quoted_coinage]."""
    t = toks[i]
    if (t.s, t.e) not in quotes or lx.suffix_at_end(t.text) is not None or not lx.goal_verbs:
        return False
    k = i + 1  # past the quoted items of the list (“甲”“乙”, “甲”、“乙”, “甲”和“乙”) to what follows them
    joins = {lx.pat.list_mark} | lx.conj_joiners
    while k < len(toks) and (toks[k].text in lx.pat.close_quotes or toks[k].text in lx.pat.open_quotes
                             or toks[k].text in joins or any(s <= toks[k].s < e for s, e in quotes)):
        k += 1
    if k + 1 < len(toks) and toks[k].text in lx.closers:  # the class 等 sums the list up as (等特色|引|才|品牌:
        for x in toks[k + 1 : k + 1 + lx.coinage_window]:  # the backend may cut it)
            if x.text in lx.coinage_body_heads or x.tag in lx.tags.punct:
                return False  # “华为”、“中兴”等企业实施品牌战略: a list of bodies
            if x.tag in lx.tags.compound_noun and x.text.startswith(tuple(lx.negative_followers)):
                return True
        return False
    if k < len(toks) and toks[k].tag not in lx.tags.punct:
        return False
    quote_marks = lx.pat.open_quotes + lx.pat.close_quotes  # quotes are no clause's edge (打造“甲”和“乙”。)
    start = max((j for j in range(i) if toks[j].tag in lx.tags.punct and toks[j].text not in quote_marks), default=-1)
    verb = max((j for j in range(start + 1, i) if toks[j].text in lx.goal_verbs), default=None)
    # the goal verb's own object: no verb or particle between them (负责打造该平台的是“华为”: 的 and 是 come between)
    return verb is not None and not any(x.tag in lx.tags.object_break for x in toks[verb + 1 : i])


def _body_shaped(name: str, lx: OrgLexicon) -> bool:
    """Does ``name`` end in a body's suffix or a body's short-form tail (八路军, 科技特派团)? Such a span keeps its
    name in the readings below that would take it for a common word."""
    return lx.suffix_at_end(name) is not None or name.endswith(lx.body_tails)


def closing_head(toks: list[Tok], i: int, lx: OrgLexicon) -> bool:
    """Does the ORG token ``i`` head a common noun phrase or a predicate that closes a clause (信息|联通、,
    花牛|苹果、, 终归|光明。, 5200|万立方米，)?

    A modifier glued before the span (tags.toml head_modifier: a noun, adjective, adverb, position word, or a
    numeral ending in a digit, Arabic or Chinese) and a clause or item mark right after it (grammar.toml
    [closing_head]) leave no room for a name. A name after a noun stands in apposition to a class noun (民营企业|华为); after a place it
    is that place's body (长沙|广汽埃安); after a count with its classifier it is counted (一个|汉阳钢铁厂). Spans
    with a body suffix or a body's short-form tail (八路军, 科技特派团) are not tested.
    """
    t = toks[i]
    if i == 0 or _body_shaped(t.text, lx):
        return False
    prev = toks[i - 1]
    if prev.e != t.s or prev.tag not in lx.tags.head_modifier:
        return False
    if prev.tag in lx.tags.numeral and not lx.closing_numeral.search(prev.text):
        return False
    if prev.text in lx.apposition_nouns or prev.text.endswith(lx.apposition_tails):
        return False
    return i + 1 < len(toks) and toks[i + 1].text in lx.closing_closers


def combined_parts(toks: list[Tok], i: int, lx: OrgLexicon) -> bool:
    """Does the ORG token ``i`` name the parts a verb of combining joins (山海|联动, 农林文旅康|融合发展, 技工贸|结合)?

    A span with no body suffix glued before one of grammar.toml [combination] ``verbs`` is a compound of
    abbreviated fields or places, the subject of their joining, not a body. A place or a body right after the
    verb is its object, so the span before it may be a body that acts (前海|联动|港澳); a body suffix or a body's
    short-form tail keeps the name.
    """
    t = toks[i]
    if i + 1 >= len(toks) or toks[i + 1].s != t.e or toks[i + 1].text not in lx.combining_verbs:
        return False
    if _body_shaped(t.text, lx):
        return False
    return not (i + 2 < len(toks) and toks[i + 2].tag in lx.tags.place_or_body)


def _list_items(toks: list[Tok], i: int, lx: OrgLexicon) -> list[Tok] | None:
    """The one-word items of the list token ``i`` stands in, joined by grammar.toml [common_list] ``joiners``.

    None where token ``i`` is in no list, or where an item at the list's edge may run on into the words
    beside it (平凉|红牛、, 富芯集成电路|一期、): the list cannot be read word by word. Before the first item
    stands a phrase break (a verb, a mark); after the last, a mark, a ``closers`` word (等) or the list's head noun.
    """
    J = lx.common_list_joiners
    lo = hi = i
    while lo >= 2 and toks[lo - 1].text in J:
        lo -= 2
    while hi + 2 < len(toks) and toks[hi + 1].text in J:
        hi += 2
    if lo == hi:
        return None
    if lo > 0 and toks[lo - 1].tag not in lx.tags.phrase_break:
        return None
    if hi + 1 < len(toks):
        nxt = toks[hi + 1]
        if not (nxt.tag in lx.tags.punct or nxt.text in lx.common_list_closers or nxt.tag in lx.tags.noun):
            return None
    return toks[lo : hi + 1 : 2]


def common_list_item(toks: list[Tok], i: int, lx: OrgLexicon) -> bool:
    """Is the ORG token ``i`` one item of a list of common nouns (苹果、食用菌、中药材产量: a kind of produce)?

    A span with no body suffix standing in a list whose other items are each one common noun (tags.toml
    ``common_item``), at least grammar.toml [common_list] ``min_common`` of them, and none a proper name or a
    body, is a common noun the backend mistook. One name of a body or a place among the items
    (北汽、小米、理想; 长安、赛力斯、红旗; 工会、共青团、妇联) makes it a list of bodies.
    """
    t = toks[i]
    if not lx.tags.common_item or _body_shaped(t.text, lx):
        return False
    items = _list_items(toks, i, lx)
    if items is None:
        return False
    mates = [m for m in items if m is not t]
    return len(mates) >= lx.common_list_min and all(
        m.tag in lx.tags.common_item and not ends_like_body(m.text, lx) and not m.text.endswith(lx.body_tails)
        for m in mates
    )


def dash_place_start(toks: list[Tok], i: int, lx: OrgLexicon) -> int:
    """Start of a bilateral body's name: a place and a one-character dash glued before the span (圭亚那—|中国友好协会).

    Two places joined by a dash name the parties of a bilateral body (中国—中亚实业家委员会), as
    ``extend._joins_places`` already reads them before a suffix; the span must end in a body suffix.
    """
    t = toks[i]
    if i < 2 or lx.suffix_at_end(t.text) is None:
        return t.s
    dash, place = toks[i - 1], toks[i - 2]
    if dash.text in lx.pat.dashes and len(dash.text) == 1 and dash.e == t.s and place.e == dash.s \
            and place.tag in lx.tags.place and not (i > 2 and toks[i - 3].text in lx.pat.dashes):
        return place.s
    return t.s


def ner_candidates(text: str, toks: list[Tok], lx: OrgLexicon,
                   refused: list[tuple[int, int]] | None = None) -> list[Cand]:
    """The backend's ORG spans, less pieces of quoted slogans and of project or product names.

    The spans read as no name at all where they stand (a relation's parties, a closing head) are added to
    ``refused`` (sentence offsets): the layer does not tag a name found elsewhere at those places (信息|联通、
    stays untagged in a report that names the firm 联通 elsewhere). A span refused as a field or a slogan's
    piece may still be a body's name that modifies a noun (中科院|项目), so the tagging may still find it there.
    """
    quotes = [(m.start(1), m.end(1)) for m in lx.pat.quote.finditer(text)]
    out = []
    for i, t in enumerate(toks):
        if t.tag not in lx.tags.org_entity:
            continue
        if lx.relation_parties.match(t.text) or closing_head(toks, i, lx) or combined_parts(toks, i, lx) \
                or common_list_item(toks, i, lx):
            if refused is not None:
                refused.append((t.s, t.e))  # 中英、中葡; 信息|联通、, 花牛|苹果、; 山海|联动: no name here
            continue
        c = _span_candidate(text, toks, i, lx, quotes)
        if c is not None:
            out.append(c)
    return out


def _span_candidate(text: str, toks: list[Tok], i: int, lx: OrgLexicon, quotes: list[tuple[int, int]]) -> Cand | None:
    """The candidate the backend's ORG token ``i`` gives, trimmed at its edges, or None where it names no body."""
    t = toks[i]
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    if nxt in lx.negative_followers or t.text in lx.common_words or t.text[:-1] in lx.common_words:
        return None  # 新时代|党(的群众路线): a common word and one character glued to it
    if t.text in lx.stop_words:
        return None  # 加快/ORG 协和医学院天津医院…: a clause verb or a function word the backend tagged a body
    if len(t.text) == 2 and t.text[0] in lx.span_prepositions:
        return None  # 从严|治党, 同亚|、非、拉: a preposition and one character of its object, no body
    if i + 1 < len(toks) and toks[i + 1].s == t.e and toks[i + 1].tag in lx.tags.classifier:
        return None  # 从一|个侧面: a number before its classifier, not a body
    if any(t.text.endswith(a) and nxt.startswith(b) for a, b in lx.miscut_pairs) or date_piece(toks, i, lx):
        return None  # 从一|九二一年: a year's first digit, no body
    if any(
        qs <= t.s and t.e <= qe and (qs, qe) != (t.s, t.e) and not named_quote(text[qs:qe], lx)
        for qs, qe in quotes
    ):
        return None  # “一网通办”, “山南投融资”: the quoted phrase is a slogan or brand, not this piece
    e = t.e - title_tail(t.text, lx)
    if e == t.e and post_only(t.text, lx):
        return None  # 国务委员: an office, not a body
    if e == t.e:
        e = t.s + (body_then_clause(t.text, lx) or len(t.text))
    suf = lx.suffix_at_end(text[t.s : e])
    if suf is None and text[t.s : e].endswith(lx.class_nouns):
        return None  # 瞪羚企业, 企业品牌: a class noun heads the span
    if suf is None and text[t.s : e].endswith(lx.activity_nouns):
        k = body_before_work(text[t.s : e], lx)
        if not k:
            return None  # 工商行政管理, 新时代党的建设: the span names a work or a field, not a body
        e = t.s + k  # 中国农业银行|股份制改革: the body and the work done to it
        suf = lx.suffix_at_end(text[t.s : e])
    if suf is None and e == t.e and (quoted_modifier(toks, i, lx, quotes) or quoted_coinage(toks, i, lx, quotes)):
        return None  # “鲁惠通”平台, “天府粮仓”精品品牌: a quoted coinage modifying a noun; 打造…“天府粮仓”。, “…”等…品牌
    if suf is None and e == t.e and modifies_noun(toks, i, lx):
        return None  # 电信|网络诈骗, 普惠|养老服务: a field modifying the noun after it, not a body
    s = dash_place_start(toks, i, lx)
    return Cand(s, e, text[s:e], suf.type if suf else "company", "ner", token=t.text)
