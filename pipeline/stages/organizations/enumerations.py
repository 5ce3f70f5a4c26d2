"""Enumerations: items of a list that ends in a body class (A、B、C等企业) are names of that class.

Also: the 、-list mates of a found name (an item between list marks that ends
with a suffix of the same class as its found neighbour).
"""

from __future__ import annotations

import bisect

from pipeline.stages.organizations.extend import is_nameish, stray_entity_char
from pipeline.stages.organizations.filters import rejected
from pipeline.stages.organizations.lexicon import OrgLexicon
from pipeline.stages.organizations.tokens import Cand, Tok


def head_type(toks: list[Tok], lx: OrgLexicon) -> str | None:
    """Body class named by the head of the noun phrase in ``toks`` (企业 -> company); '-' for non-body heads.

    The head is the last noun before the phrase ends (a verb, adverb or
    punctuation): 等发行机构领导又… is headed by 领导, a person, not 机构.
    """
    T = lx.tags
    head = before = None
    for t in toks:
        if t.tag in T.phrase_break and t.text not in lx.heads:
            break
        if t.tag in T.phrase_noun or t.text in lx.heads or t.text in lx.negative_heads:
            head, before = t, head
    if head is None:
        return None
    phrase = "".join(t.text for t in toks if t.e <= head.e)
    if lx.negative_phrases and phrase.endswith(lx.negative_phrases):
        return "-"  # 等省级区域公用品牌, 等49个特色劳务品牌: brands of goods and labour, no firms
    if head.text in lx.collective_heads:
        if before is None or before.e != head.s:
            return None  # 长安、赛力斯等集群: a collective alone names no class
        head = before  # 等产业|集群: the industry's cluster; 等企业|集群: the firms'
    ht = lx.heads.get(head.text)
    if ht is None:
        for hw, typ in lx.heads.items():
            if len(hw) >= 2 and head.text.endswith(hw):
                return typ
    if ht:
        return ht
    return "-" if head.text in lx.negative_heads else None


def _enum_items(text: str, toks: list[Tok], c: int, lx: OrgLexicon) -> tuple[list[tuple[int, int]], int]:
    """Token ranges of the items before the closer at ``c``, and the index where the list opens."""
    T = lx.tags
    items: list[tuple[int, int]] = []
    end = c
    while end > 0:
        k = end - 1
        # scan one item leftwards
        while k >= 0 and toks[k].text not in lx.separators and toks[k].tag not in T.punct:
            t = toks[k]
            if k < end - 1 and (t.text in lx.openers or t.tag in T.item_break or stray_entity_char(toks, k, lx)):
                break
            if toks[end - 1].e - t.s > lx.max_item_chars:
                break
            if k < end - 1 and t.tag in T.verb and t.text not in lx.name_verbs and len(t.text) > 1:
                break
            k -= 1
        if k < end - 1:
            items.append((k + 1, end))
        if k >= 0 and toks[k].text == lx.pat.list_mark:
            end = k
            continue
        return _stop_word_off(items, toks, lx)[::-1], k
    return _stop_word_off(items, toks, lx)[::-1], -1


def _stop_word_off(items: list[tuple[int, int]], toks: list[Tok], lx: OrgLexicon) -> list[tuple[int, int]]:
    """The first item (last in ``items``) without a word of grammar.toml stop_words opening it, which is never a
    name's part (促进|航天五院、爱思达等重点企业: the clause verb 促进 is also a name's word, 投资促进局, so the scan
    does not stop at it)."""
    if items and items[-1][1] - items[-1][0] > 1 and toks[items[-1][0]].text in lx.stop_words:
        items[-1] = (items[-1][0] + 1, items[-1][1])
    return items


def _closer_at(toks: list[Tok], c: int, lx: OrgLexicon) -> int:
    """Tokens the list closer at ``c`` spans (等: 1, 为|代表: 2), 0 when none closes a list there."""
    t = toks[c]
    if t.text in lx.closers:
        return 1
    P = lx.pat
    if t.text in P.closer_first and c + 1 < len(toks) and P.closer_join + toks[c + 1].text in lx.closers:
        return 2
    return 0


def _governing_firm(toks: list[Tok], lx: OrgLexicon) -> bool:
    """Does a firm class noun open the phrase after the closer (等|一批|企业|总部, 等|龙头|企业|贵州|项目)?

    Counts before it are skipped (等5家企业); the noun may be one or two words (龙头|企业). A noun that
    follows it is what the firms have (their headquarters, projects, results), so the items stay firms.
    """
    T = lx.tags
    k = 0
    while k < len(toks) and toks[k].tag in T.time_or_number:
        k += 1
    word = ""
    for t in toks[k : k + 2]:
        if t.tag in T.phrase_break:
            return False
        word += t.text
        if word in lx.governing_firm_nouns:
            return True
    return False


def _firm_headed(after: list[Tok], lx: OrgLexicon) -> bool:
    """Does a firm noun head the phrase after the closer (等|链|主|企业, 等5家|公司)?"""
    for t in after:
        if t.tag in lx.tags.phrase_break:
            return False
        if t.text in lx.governing_firm_nouns:
            return True
    return False


def _list_type(toks: list[Tok], c: int, skip: int, opened: int, lx: OrgLexicon) -> str | None:
    """The class the list's head noun names: after the closer, or before a list opener (企业，如A、B等)."""
    after = toks[c + skip : c + skip + lx.max_gap_tokens]
    typ = head_type(after, lx)
    if typ is None and _governing_firm(after, lx):
        return "company"
    if typ is None and opened >= 0 and toks[opened].text in lx.list_openers:
        back = [x for x in toks[max(0, opened - 6) : opened] if x.tag in lx.tags.phrase_noun]
        typ = head_type(back[-1:], lx)
    return typ


def _item_spans(text: str, toks: list[Tok], items: list[tuple[int, int]], lx: OrgLexicon,
                firms: bool = True) -> list[tuple[int, int, str]]:
    """The items that may be names, or [] when too few of them look like names.

    In a list of firms (a firm noun heads it) an item of common words stays: the backend cuts brands into them
    (威星|智能, 老爸|评测). In any other list, an item of two or more whole common words names a kind
    (拉面|产业|数字化等平台, 融合|应用|试点等创新平台, 海事|法律、船级社等服务机构); a brand cut into pieces (搜|道) stays.
    """
    T = lx.tags
    spans = []
    named = 0
    for a, b in items:
        seg = toks[a:b]
        s, e = seg[0].s, seg[-1].e
        name = text[s:e]
        if not (2 <= len(name) <= lx.max_item_chars):
            continue
        if any(x.tag in T.time_or_number and not lx.pat.has_latin.search(x.text) for x in seg):
            continue
        if len(seg) == 1 and (seg[0].text in lx.category_words or seg[0].text in lx.generic_words):
            continue
        suffixed = lx.suffix_at_end(name) is not None
        if any((is_nameish(x, lx) or x.tag in T.person) and x.tag not in T.place_entity for x in seg) or suffixed:
            named += 1
        elif not firms and len(seg) > 1 and all(len(x.text) > 1 and x.tag in T.compound_noun for x in seg):
            continue  # common words alone name a kind, not a body
        spans.append((s, e, name))
    if not spans or named * 2 < len(items) or (len(items) == 1 and named == 0):
        return []
    if all(all(x.tag in T.person for x in toks[a:b]) for a, b in items):
        return []  # 张和平和王珠等…: people
    return spans


def enum_candidates(text: str, toks: list[Tok], lx: OrgLexicon) -> tuple[list[Cand], set[tuple[int, int]]]:
    """Items of 'A、B、C等…企业' and '企业，如A、B、C等' lists, typed by the head noun.

    Also returns the token spans of items in lists headed by a non-body noun
    (中天、钱塘银座等楼宇: buildings), which the NER candidates must not keep.
    """
    out: list[Cand] = []
    vetoed: set[tuple[int, int]] = set()
    cues = lx.closers | lx.pat.closer_first
    for c in range(len(toks)):
        if toks[c].text not in cues:
            continue
        skip = _closer_at(toks, c, lx)
        if not skip:
            continue
        items, opened = _enum_items(text, toks, c, lx)
        typ_head = _list_type(toks, c, skip, opened, lx)
        if typ_head == "-":
            vetoed.update((toks[a].s, toks[b - 1].e) for a, b in items)
        if typ_head in (None, "-") or not items:
            continue
        firms = _firm_headed(toks[c + skip : c + skip + lx.max_gap_tokens], lx)
        for s, e, name in _item_spans(text, toks, items, lx, firms):
            suf = lx.suffix_at_end(name)
            typ = suf.type if suf and not suf.weak else typ_head
            if suf and suf.type == "company":
                typ = "company"
            out.append(Cand(s, e, name, typ, "enum"))
    return out, vetoed


def field_items(text: str, toks: list[Tok], lx: OrgLexicon) -> list[tuple[int, int]]:
    """Spans of the items of lists of fields of work (工会、老龄、慈善、红十字等事业: enumeration.toml field_heads).

    Why apart from the vetoed items of ``enum_candidates``: there an item a body's suffix names stays a body
    (南湖基金小镇、…等传统产业); in a list of fields a government looks after, the body's word names the field.
    """
    if not lx.field_heads or not any(h in text for h in lx.field_heads):
        return []  # most sentences list no fields of work
    out: list[tuple[int, int]] = []
    for c in range(len(toks)):
        skip = _closer_at(toks, c, lx)
        if not skip:
            continue
        k = c + skip
        if k < len(toks) and toks[k].text in lx.field_head_openers:
            k += 1
        if k >= len(toks) or toks[k].text not in lx.field_heads:
            continue
        items, _ = _enum_items(text, toks, c, lx)
        out += [(toks[a].s, toks[b - 1].e) for a, b in items]
    return out


def _suffix_in_word(toks: list[Tok], pos: int, lx: OrgLexicon) -> bool:
    """Does a suffix starting at ``pos`` sit inside a verb or verbal noun (决策|部署: 署 ends 部署, no body)?"""
    return any(t.s < pos < t.e and t.tag in lx.tags.verbal for t in toks)


def list_mates(text: str, chosen: list[Cand], lx: OrgLexicon, toks: list[Tok] | None = None) -> list[Cand]:
    """Items of a 、-list that end like their neighbours (长三角可再生能源产业联盟 between two found alliances).

    An item between list marks that ends with an organization suffix is a name
    of the same class when an adjacent item was found as a whole name, unless the
    suffix is the end of a verb (党中央、国务院决策部署: a decision, not a body). A mate is a
    neighbour too, so the list is read until no item is added (四川能源发展集团、数据集团、轨道交通集团),
    and the first item counts when it opens its clause (，交通集团、文旅集团: ``_first_mates``).
    """
    out: list[Cand] = []
    if not chosen or lx.pat.list_mark not in text:
        return out  # most sentences hold no 、-list
    known = list(chosen)
    while True:
        new = _mates_once(text, known, lx, toks)
        if toks is not None:
            new += [c for c in _first_mates(text, known, lx, toks) if all(c.s != x.s for x in new)]
        if not new:
            return out
        out += new
        known += new


def _mates_once(text: str, chosen: list[Cand], lx: OrgLexicon, toks: list[Tok] | None) -> list[Cand]:
    """One pass of ``list_mates`` over the items between list marks."""
    whole = {(c.s, c.e): c for c in chosen}
    out = []
    for m in lx.pat.list_segment.finditer(text):
        s, e = m.start(1), m.end(1)
        if (s, e) in whole:
            continue
        suf = lx.suffix_at_end(m.group(1))
        if suf is None or suf.weak or rejected(m.group(1), lx):
            continue
        if toks is not None and _suffix_in_word(toks, e - len(suf.text), lx):
            continue
        prev_end = s - 1  # position of the 、 before
        nxt_start = e + 1
        if toks is not None and _body_then_verb(s, e, chosen, toks, lx):
            continue
        mates = [c for c in chosen if (c.e == prev_end or c.s == nxt_start) and c.type == suf.type]
        if mates and all(s <= c.s and c.e <= e for c in chosen if c.s < e and s < c.e):
            out.append(Cand(s, e, m.group(1), suf.type, "suffix"))
    return out


def _body_then_verb(s: int, e: int, chosen: list[Cand], toks: list[Tok], lx: OrgLexicon) -> bool:
    """Does the item ``s:e`` open with a found body and go on with a verb (定西高新区|创建国家级高新区)?

    The rest is the body's clause, not a longer name of the same class.
    """
    ends = {c.e for c in chosen if c.s == s and c.e < e}
    return any(t.s in ends and (t.tag in lx.tags.verb or t.text in lx.break_words) for t in toks)


def _first_mates(text: str, chosen: list[Cand], lx: OrgLexicon, toks: list[Tok]) -> list[Cand]:
    """The first item of a 、-list, right after a clause break, when the item after it was found (，交通集团、文旅集团).

    The item must be nouns only (a verb opens the clause: 推动|X集团 is no name) and end in a strong suffix of
    its mate's class.
    """
    starts = {c.s: c for c in chosen}
    out = []
    for k, t in enumerate(toks):
        mate = starts.get(t.e)
        if t.text != lx.pat.list_mark or mate is None:
            continue
        j = k - 1
        while j >= 0 and toks[j].tag in lx.tags.noun:
            j -= 1
        if j == k - 1 or not (j < 0 or toks[j].tag in lx.tags.punct and toks[j].text != lx.pat.list_mark):
            continue
        s, e = toks[j + 1].s, t.s
        suf = lx.suffix_at_end(text[s:e])
        if suf is None or suf.weak or suf.type != mate.type or e - s < 4 or rejected(text[s:e], lx) \
                or any(c.s < e and s < c.e for c in chosen):
            continue
        out.append(Cand(s, e, text[s:e], suf.type, "suffix"))
    return out


def last_mates(text: str, chosen: list[Cand], lx: OrgLexicon, toks: list[Tok]) -> list[Cand]:
    """The last item of a 、-list joined by 和/与 (国家科委、国家计委和|国家经委): one word ending like its mate.

    ``list_mates`` reads items between list marks; the last one follows a joiner and ends where the list
    does, which only the words show. It is a mate when the item before the joiner was found whole and is
    itself an item of the list (a 、 before it), so a joiner after a lone body (人大监督和政协) makes none.
    """
    ends = {c.e: c for c in chosen}
    if not chosen or lx.pat.list_mark not in text:
        return []  # most sentences hold no 、-list
    starts = {c.s for c in chosen}
    out = []
    tok_starts = [t.s for t in toks]
    for end in ends:
        i = bisect.bisect_left(tok_starts, end)
        if i + 1 >= len(toks) or toks[i].s != end:
            continue
        t, item = toks[i], toks[i + 1]
        if t.text not in lx.conj_joiners or item.s in starts or item.tag not in lx.tags.noun:
            continue
        mate = ends.get(t.s)
        if mate is None or mate.s == 0 or text[mate.s - 1] != lx.pat.list_mark:
            continue
        suf = lx.suffix_at_end(item.text)
        if suf is None or suf.weak or suf.type != mate.type or len(item.text) < 3 or rejected(item.text, lx):
            continue
        out.append(Cand(item.s, item.e, item.text, suf.type, "suffix"))
    return out
