"""Organizations: a rule layer over any NER backend.

The backend gives, per sentence, a segmentation with POS tags and entity
spans. Its ORG spans are a start, but news text names bodies the model splits
or mislabels (鹏瞰集成电路/nz (杭州) 有限公司/n, 钱塘智慧城/LOC, 老爸/n 评测/v).
This layer therefore

1. builds candidates from organization suffixes (configs/organizations/suffixes.toml),
   extending left over names, places, modifiers and balanced parentheses;
2. keeps the backend's ORG spans and reads enumerations that end in a body
   class (A、B、C等企业) as names of that class;
3. resolves abbreviations from definitions (（下称“X”）, （简称X）, (C9联盟));
4. filters places, buildings, events, generic nouns and anything in 《…》;
5. types each name from its suffix, the gazetteer and the enumeration head;
6. tags every found name and alias at all its occurrences in the document,
   longest first, without overlaps.

Public entry point: :func:`extract_organizations`.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from pipeline.core.records import Analysis, Org, Sentence
from pipeline.stages.organizations.lexicon import OrgLexicon, load_org_lexicon

log = logging.getLogger(__name__)

_OPEN = "(（"
_DASHES = frozenset({"—", "-", "－", "——", "–"})
_CLOSE = ")）"
_PUNCT_RE = re.compile(r"^[\W_]+$")
_ALNUM_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-+&]*$")
_HAS_ALNUM = re.compile(r"[A-Za-z]")
_BOOK_RE = re.compile(r"《[^《》]{0,200}》")
_DEF_RE = re.compile(
    r"^[”\"’]?\s*[（(]\s*(?:以下|下文|下面)?\s*(简称|下称|称|简称为|又称|全称)?\s*[：:]?\s*[“\"‘]?"
    r"([^（）()“”\"‘’，,、。；;：:《》\s]{1,14})[”\"’]?\s*[）)]"
)
_DEF_INLINE_RE = re.compile(
    r"^[”\"’]?\s*[，,]\s*(?:以下|下文)?\s*(简称|下称)\s*[“\"‘]([^“”\"‘’，,、。；;《》\s]{1,14})[”\"’]"
)
# Source strength: a later, weaker source never overrides a stronger type.
_RANK = {"gazetteer": 5, "suffix": 4, "alias": 3, "ner": 2, "enum": 1}


@dataclass(slots=True)
class _Tok:
    s: int
    e: int
    text: str
    tag: str


@dataclass
class _Cand:
    s: int  # sentence-relative
    e: int
    text: str
    type: str
    source: str
    name: str | None = None
    token: str | None = None  # the backend token it came from, when cut from one (its place/body votes)


# ---------------------------------------------------------------- tokens


def _tokens(text: str, an: Analysis) -> list[_Tok]:
    """Backend words aligned to ``text``, with entity spans merged into one token each."""
    toks: list[_Tok] = []
    cur = 0
    pos = list(an.pos) + [""] * max(0, len(an.words) - len(an.pos))
    for w, p in zip(an.words, pos):
        if w and text.startswith(w, cur) and not w[0].isspace() and not w[-1].isspace():
            w2, i = w, cur  # the usual case: words tile the sentence
        else:
            w2 = w.strip()
            if not w2:
                continue
            i = text.find(w2, cur)
            if i < 0:
                continue
        toks.append(_Tok(i, i + len(w2), w2, p or "x"))
        cur = i + len(w2)
    if not an.entities:
        return toks
    # Tokens are in order and disjoint, so the ones overlapping an entity are a
    # contiguous run found by bisection (a scan per entity was quadratic).
    starts = [t.s for t in toks]
    ends = [t.e for t in toks]
    for st, en, lab in sorted(an.entities):
        if lab not in ("ORG", "LOC", "PER", "TIME") or not (0 <= st < en <= len(text)):
            continue
        a = bisect.bisect_right(ends, st)  # first token ending after st
        b = bisect.bisect_left(starts, en) - 1  # last token starting before en
        if a > b:
            continue
        s2, e2 = min(toks[a].s, st), max(toks[b].e, en)
        toks[a : b + 1] = [_Tok(s2, e2, text[s2:e2], lab)]
        starts[a : b + 1] = [s2]
        ends[a : b + 1] = [e2]
    return toks


def _merge_departments(text: str, toks: list[_Tok], lx: OrgLexicon) -> list[_Tok]:
    """One ORG token for a department named after two fields (无锡市工业|和|信息化局).

    Found on the text, not the tokens, since the backend may glue the joiner to
    a field (文化|和旅游厅): a joiner followed by a short field ending in a
    government suffix (two or more characters before it: not 干部, 大厅), preceded
    by a short field that is not a body itself; every token of the run must be
    a noun-like word, and the run must follow a place or body token, which it
    takes in (浙江省 + 文化和旅游厅), or start with a backend ORG (无锡市工业).
    """
    if lx.dept_rx is None:
        return toks
    for ji in [m.start() for m in lx.dept_rx.finditer(text)]:
        right = next((text[ji + 1 : ji + 1 + n] for n in range(lx.dept_field_max + 1, 1, -1)
                      if text[ji + 1 : ji + 1 + n].endswith(lx.dept_suffixes)), None)
        suf = lx.suffix_at_end(right) if right else None
        if suf is None or suf.type != "government" or len(right) - len(suf.text) < 2:
            continue  # 干部, 全部, 大厅: one character before the suffix is a word, not a field
        e = ji + 1 + len(right)
        a = next((k for k, t in enumerate(toks) if t.s <= ji < t.e), None)
        b = next((k for k, t in enumerate(toks) if t.s < e <= t.e), None)
        if a is None or b is None or toks[b].e != e:
            continue
        # the field before the joiner: the token(s) ending at it
        if toks[a].s < ji:
            first = a  # the joiner sits inside a token (工业和信息化局 half-cut)
        else:
            first = a - 1
        if first < 0 or ji - toks[first].s > lx.dept_field_max + 6:
            continue
        left = text[toks[first].s : ji]
        if not left or _ends_like_body(left, lx):
            continue  # 区经信局和区发改局: two bodies
        run = toks[first : b + 1]
        if any(t.tag not in lx.dept_field_tags for t in run):
            continue
        placed = first > 0 and toks[first - 1].tag in ("LOC", "ns", "ORG")
        if not (toks[first].tag == "ORG" or placed):
            continue  # a department belongs to a place (浙江省 文化和旅游厅) or was seen as a body
        if placed and toks[first].tag not in ("LOC", "ORG"):
            first -= 1
        s0 = toks[first].s
        toks[first : b + 1] = [_Tok(s0, e, text[s0:e], "ORG")]
    return toks


# ---------------------------------------------------------------- helpers


def _is_place_abbrev(t: _Tok, lx: OrgLexicon) -> bool:
    """沪湖, 宁杭: a run of one-character place abbreviations."""
    return 2 <= len(t.text) <= 4 and all(ch in lx.place_abbrev_chars for ch in t.text)


def _is_nameish(t: _Tok, lx: OrgLexicon) -> bool:
    return (
        t.tag in lx.name_tags
        or _is_place_abbrev(t, lx)
        or t.text in lx.name_words
        or bool(_ALNUM_RE.match(t.text))
        or (t.tag in ("n", "nz") and bool(_HAS_ALNUM.search(t.text)))
    )


def _is_brandish(t: _Tok, lx: OrgLexicon) -> bool:
    """A proper part that is not a place: entity, brand word, latin name."""
    return t.tag in ("ORG", "nz", "nt", "nw", "j", "PER", "xc", "eng") or bool(_HAS_ALNUM.search(t.text))


def _inside_ok(toks: list[_Tok], k: int, j: int, lx: OrgLexicon) -> bool:
    """May token ``k`` stand inside the name whose head token is ``j``?"""
    t = toks[k]
    if t.text in lx.stop_words or t.text in lx.apposition_nouns:
        return False
    if len(t.text) > 2 and t.tag in ("n", "nz") and t.text.endswith(lx.apposition_tails):
        return False  # 电子企业长虹公司: a class noun in apposition
    if t.text in lx.break_words and t.tag not in ("n", "vn", "nz", "ORG", "LOC", "j"):
        return False
    if t.tag in lx.inside_tags or t.text in lx.name_words or _is_place_abbrev(t, lx):
        return True
    if t.tag == "v" and t.text.startswith(lx.name_verb_prefixes):
        return True
    if t.tag in ("v", "vd") and t.text in lx.name_verbs:
        return j - k <= lx.name_verb_reach
    if t.tag == "v" and len(t.text) == 1 and 0 < k and k + 1 < len(toks):
        # a one-character verb between a name and a noun is a mis-cut name part (杭实/临/芯)
        left, right = toks[k - 1], toks[k + 1]
        return left.tag in ("ORG", "LOC", "nz", "nt", "j") and right.tag in ("n", "nz")
    if t.tag == "f" and t.text in lx.inside_f:
        return True
    if t.tag == "m" and _ALNUM_RE.match(t.text) and _HAS_ALNUM.search(t.text):
        return True  # G60, C9, 5G as name parts
    return False


def _group_start(toks: list[_Tok], k: int, lx: OrgLexicon) -> int | None:
    """Index of the opening mark that balances the ')' or '”' at ``k``, when the group may sit in a name."""
    close = toks[k].text
    opens = _OPEN if close in _CLOSE else "“\""
    for m in range(k - 1, max(-1, k - 8), -1):
        if toks[m].text in opens:
            inner = toks[m + 1 : k]
            if not inner or toks[k].s - toks[m].e > lx.max_paren_chars:
                return None
            if close in _CLOSE:
                ok = all(t.tag in ("LOC", "ORG", "ns", "n", "nz", "s", "j") or t.text in "、" for t in inner)
            else:  # quoted slogan inside a name: 宁波“一带一路”综合试验区, “16+1”经贸合作示范区
                ok = all(t.tag != "w" or t.text in "+-" for t in inner)
            return m if ok else None
        if toks[m].tag == "w" and toks[m].text not in "、+-":
            return None
    return None


def _left_extend(toks: list[_Tok], j: int, lx: OrgLexicon, head_type: str | None = None) -> int:
    """Leftmost token index of the name whose head token is ``j``.

    A complete name of another class on the way (上海证券交易所|资本市场服务G60科创走廊)
    ends the extension: it is a neighbour, not a part.
    """
    k = j - 1
    first = j
    while k >= 0:
        t = toks[k]
        if toks[j].e - t.s > lx.max_name_chars:
            break
        other = lx.suffix_at_end(t.text) if head_type else None
        if other is not None and len(other.text) >= 3 and not other.weak and other.type != head_type:
            break
        if t.text in _CLOSE or t.text in "”\"":
            m = _group_start(toks, k, lx)
            if m is None:
                break
            if m > 0 and _inside_ok(toks, m - 1, j, lx):
                first = m - 1
                k = m - 2
                continue
            if t.text in "”\"" and k + 1 < j:
                first = m  # a quoted part may open the name (“16+1”经贸合作示范区)
            break
        if (
            t.text in _DASHES
            and 0 < k
            and toks[k - 1].tag in ("LOC", "ns")
            and toks[k + 1].tag in ("LOC", "ns")
        ):
            first = k  # 新安江—千岛湖生态补偿试验区: two places joined by a dash
            k -= 1
            continue
        if not _inside_ok(toks, k, j, lx):
            break
        first = k
        k -= 1
    # drop openers that are modifiers of the clause, not of the name
    while first < j and (
        toks[first].tag in lx.strip_left_tags and toks[first].tag not in lx.name_tags
        or toks[first].text in lx.stop_words
        or toks[first].text in _OPEN
        or toks[first].text in lx.category_modifiers
        or (len(toks[first].text) == 1 and toks[first].tag in ("n", "v", "vn", "a", "q") and toks[first].text not in lx.name_words)
    ):
        first += 1
    return first


def _suffix_candidates(text: str, toks: list[_Tok], lx: OrgLexicon) -> tuple[list[_Cand], list[_Cand]]:
    """Suffix-anchored names, and generic ones (no proper part) kept for short-form matching."""
    out: list[_Cand] = []
    generic: list[_Cand] = []
    last_chars = lx.suffix_last_chars
    for j, t in enumerate(toks):
        if t.text[-1] not in last_chars or _PUNCT_RE.match(t.text):
            continue  # most tokens end in a character no suffix ends with
        # the suffix may span this token and the ones before it (有限/公司), or sit inside it
        suf = lx.suffix_at_end(text[max(0, t.e - lx.max_suffix) : t.e])
        if suf is None:
            continue
        ss = t.e - len(suf.text)
        h = j
        while h > 0 and toks[h].s > ss:
            h -= 1
        if toks[h].s > ss or ss < 0:
            continue
        mid = ss > toks[h].s  # suffix starts inside token h
        head = toks[h]
        if mid:
            prefix0 = text[head.s : ss]
            ok = (
                head.tag == "ORG"
                or (head.tag == "LOC" and len(suf.text) >= 2)
                or (head.tag == "LOC" and bool(lx.admin_unit_re.search(prefix0)))  # 上城区发改经信局
                or (head.tag == "LOC" and suf.type == "platform" and _nested_unit(toks, h, lx))  # 科技城平湖园
                or (
                    len(suf.text) >= 2
                    and (
                        head.tag in ("nz", "nt", "nw", "j")
                        or (len(head.text) >= 4 and head.tag not in _NEVER_HEAD_TAGS)
                    )
                )
            )
            if prefix0 in lx.category_modifiers or prefix0 in lx.level_words:
                ok = False  # 特色小镇, 国家实验室 written as one word
            if not ok:
                continue
        elif len(suf.text) == 1 and head.tag not in ("ORG", "LOC", "n", "nz", "nt", "j", "nw"):
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and suf.weak and nxt.tag in ("n", "nz") and nxt.text not in lx.role_nouns:
            continue  # 中心城区, 园区企业: the suffix modifies the next noun
        first = _left_extend(toks, h, lx, suf.type)
        name_toks = toks[first:h]
        prefix = text[head.s : ss] if mid else ""
        s = toks[first].s if first < h else head.s
        cand = _Cand(s, t.e, text[s : t.e], suf.type, "suffix")
        if not name_toks and not prefix:
            # the bare suffix word: a name only when the backend saw an entity there
            if suf.bare_ok and head.tag in ("ORG", "LOC"):
                out.append(cand)
            elif suf.bare_ok:
                generic.append(cand)
            continue
        if name_toks and name_toks[-1].text in lx.category_modifiers and not prefix:
            continue  # 标杆园区, 特色小镇: a class of bodies
        proper = [x for x in name_toks if _is_nameish(x, lx)]
        if name_toks and not prefix and name_toks[-1].text in lx.level_words and proper == [name_toks[-1]]:
            proper = []  # 国家实验室, 省级高新区: a class, not a body
        prefix_proper = bool(prefix) and (head.tag in ("ORG", "LOC", "nz", "nt", "nw", "j") or prefix in lx.name_words)
        if suf.weak and suf.type == "company":
            # 科技, 投资, 资本 ... : only a brand makes them a firm (长三角科技 is a field)
            if not (any(_is_brandish(x, lx) for x in name_toks) or (prefix and head.tag == "ORG")):
                continue
            before = lx.suffix_at_end(text[s : ss]) if ss > s else None
            if before is not None and before.type == "company" and not before.weak:
                continue  # 华虹集团|投资: the verb after a firm's name
        if not (proper or prefix_proper):
            generic.append(cand)
            continue
        out.append(cand)
    return out, generic


_NEVER_HEAD_TAGS = frozenset({"v", "vd", "d", "p", "c", "u", "w", "r", "m", "q", "TIME", "PER", "ad"})


def _nested_unit(toks: list[_Tok], h: int, lx: OrgLexicon) -> bool:
    """Is token ``h`` a unit of the platform named just before it (张江长三角科技城 平湖园)?"""
    if h == 0:
        return False
    prev = toks[h - 1]
    suf = lx.suffix_at_end(prev.text)
    return suf is not None and suf.type == "platform" and prev.tag in ("LOC", "ORG", "n", "nz")


def _right_paren(text: str, c: _Cand, toks: list[_Tok], lx: OrgLexicon) -> None:
    """Take a place in parentheses right after a platform name into it: 杭州高新区（滨江）."""
    if c.type != "platform":
        return
    m = re.match(r"[（(]([\u4e00-\u9fff]{1,4})[）)]", text[c.e : c.e + 8])
    if not m:
        return
    inner = [t for t in toks if t.s >= c.e + 1 and t.e <= c.e + m.end() - 1]
    if inner and all(t.tag in ("LOC", "ns") for t in inner):
        c.e += m.end()
        c.text = text[c.s : c.e]


_PROPER_TAGS = frozenset({"ORG", "PER", "LOC", "nz", "nt", "nr", "ns", "nw", "j"})
_QUOTE_RE = re.compile(r"“([^“”]{1,20})”")


def _named_quote(content: str, lx: OrgLexicon) -> bool:
    """Does a quoted phrase end like a body's name (a suffix of two or more characters)?"""
    suf = lx.suffix_at_end(content)
    return suf is not None and len(suf.text) >= 2


def _ner_candidates(text: str, toks: list[_Tok], lx: OrgLexicon) -> list[_Cand]:
    """The backend's ORG spans, less pieces of quoted slogans and of project or product names."""
    quotes = [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]
    out = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if t.tag != "ORG" or nxt in lx.negative_followers or t.text in lx.common_words:
            continue
        if any(t.text.endswith(a) and nxt.startswith(b) for a, b in lx.miscut_pairs):
            continue
        if any(
            qs <= t.s and t.e <= qe and (qs, qe) != (t.s, t.e) and not _named_quote(text[qs:qe], lx)
            for qs, qe in quotes
        ):
            continue  # “一网通办”, “山南投融资”: the quoted phrase is a slogan or brand, not this piece
        e = t.e - _title_tail(t.text, lx)
        suf = lx.suffix_at_end(text[t.s : e])
        out.append(_Cand(t.s, e, text[t.s : e], suf.type if suf else "company", "ner", token=t.text))
    return out


def _title_tail(name: str, lx: OrgLexicon) -> int:
    """Length of a post glued to the end of a backend ORG (河北省栾城县委|书记), else 0.

    Cut only when what remains ends like a body: a configured suffix or a
    gazetteer shape (县委, 市政府), so a name that merely ends in such
    characters (中央委员) is not cut into a fragment.
    """
    for w in lx.title_words:
        if name.endswith(w) and len(name) - len(w) >= 2:
            rest = name[: -len(w)]
            return len(w) if _ends_like_body(rest, lx) else 0
    return 0


def _ends_like_body(name: str, lx: OrgLexicon) -> bool:
    """Does ``name`` end like a body: a configured suffix or a gazetteer shape (县委, 市政府)?"""
    return lx.suffix_at_end(name) is not None or any(pat.search(name) for pat, _, _ in lx.gaz_patterns)


def _head_type(toks: list[_Tok], lx: OrgLexicon) -> str | None:
    """Body class named by the head of the noun phrase in ``toks`` (企业 -> company); '-' for non-body heads.

    The head is the last noun before the phrase ends (a verb, adverb or
    punctuation): 等发行机构领导又… is headed by 领导, a person, not 机构.
    """
    head = None
    for t in toks:
        if t.tag in ("w", "v", "d", "p", "ad", "vd", "r") and t.text not in lx.heads:
            break
        if t.tag in ("n", "nz", "j") or t.text in lx.heads or t.text in lx.negative_heads:
            head = t
    if head is None:
        return None
    ht = lx.heads.get(head.text)
    if ht is None:
        for hw, typ in lx.heads.items():
            if len(hw) >= 2 and head.text.endswith(hw):
                return typ
    if ht:
        return ht
    return "-" if head.text in lx.negative_heads else None


def _enum_items(text: str, toks: list[_Tok], c: int, lx: OrgLexicon) -> tuple[list[tuple[int, int]], int]:
    """Token ranges of the items before the closer at ``c``, and the index where the list opens."""
    items: list[tuple[int, int]] = []
    end = c
    while end > 0:
        k = end - 1
        # scan one item leftwards
        while k >= 0 and toks[k].text not in lx.separators and toks[k].tag != "w":
            t = toks[k]
            if k < end - 1 and (t.text in lx.openers or t.tag in ("p", "c")):
                break
            if text[t.s : toks[end - 1].e].__len__() > lx.max_item_chars:
                break
            if k < end - 1 and t.tag == "v" and t.text not in lx.name_verbs and len(t.text) > 1:
                break
            k -= 1
        if k < end - 1:
            items.append((k + 1, end))
        if k >= 0 and toks[k].text == "、":
            end = k
            continue
        return items[::-1], k
    return items[::-1], -1


def _enum_candidates(text: str, toks: list[_Tok], lx: OrgLexicon) -> tuple[list[_Cand], set[tuple[int, int]]]:
    """Items of 'A、B、C等…企业' and '企业，如A、B、C等' lists, typed by the head noun.

    Also returns the token spans of items in lists headed by a non-body noun
    (中天、钱塘银座等楼宇: buildings), which the NER candidates must not keep.
    """
    out: list[_Cand] = []
    vetoed: set[tuple[int, int]] = set()
    n = len(toks)
    for c, t in enumerate(toks):
        closer = t.text in lx.closers
        skip = 1
        if not closer and t.text in ("为", "以") and c + 1 < n and "为" + toks[c + 1].text in lx.closers:
            closer, skip = True, 2
        if not closer:
            continue
        items, opened = _enum_items(text, toks, c, lx)
        head_type = _head_type(toks[c + skip : c + skip + lx.max_gap_tokens], lx)
        if head_type is None and opened >= 0 and toks[opened].text in lx.list_openers:
            # 企业，如A、B等 / 企业包括A、B等: head noun just before the list
            back = [x for x in toks[max(0, opened - 6) : opened] if x.tag in ("n", "nz", "j")]
            head_type = _head_type(back[-1:], lx)
        if head_type == "-":
            vetoed.update((toks[a].s, toks[b - 1].e) for a, b in items)
        if head_type in (None, "-") or not items:
            continue
        spans = []
        named = 0
        for a, b in items:
            seg = toks[a:b]
            s, e = seg[0].s, seg[-1].e
            name = text[s:e]
            if not (2 <= len(name) <= lx.max_item_chars):
                continue
            if any(x.tag in ("TIME", "m") and not _HAS_ALNUM.search(x.text) for x in seg):
                continue
            if len(seg) == 1 and (seg[0].text in lx.category_words or seg[0].text in lx.generic_words):
                continue
            if any((_is_nameish(x, lx) or x.tag == "PER") and x.tag != "LOC" for x in seg) or lx.suffix_at_end(name):
                named += 1
            spans.append((s, e, name))
        if not spans or named * 2 < len(items) or (len(items) == 1 and named == 0):
            continue
        if all(all(x.tag in ("PER", "nr") for x in toks[a:b]) for a, b in items):
            continue  # 张和平和王珠等…: people
        for s, e, name in spans:
            suf = lx.suffix_at_end(name)
            typ = suf.type if suf and not suf.weak else head_type
            if suf and suf.type == "company":
                typ = "company"
            out.append(_Cand(s, e, name, typ, "enum"))
    return out, vetoed


# ---------------------------------------------------------------- filters and types


def _is_place(name: str, lx: OrgLexicon) -> bool:
    if name in lx.place_words:
        return True
    rest = name
    for _ in range(4):  # 浙江省杭州市上城区: peel administrative units
        for a in lx.admin_suffixes:
            if rest.endswith(a) and len(rest) > len(a):
                rest = rest[: -len(a)]
                break
        else:
            break
    return rest != name and len(rest) <= 4 and lx.suffix_at_end(name) is None


def _rejected(name: str, lx: OrgLexicon) -> bool:
    """True for places, buildings, events, generic nouns and malformed shapes."""
    if len(name) < 2 or name in lx.generic_words or name in lx.category_words:
        return True
    if any(p.search(name) for p in lx.reject_patterns):
        return True
    if _is_place(name, lx):
        return True
    if any(name.endswith(b) for b in lx.building_suffixes):
        return True
    if _place_plus_weak(name, lx) or _place_plus_class(name, lx):
        return True
    if any(name.endswith(ev) for ev in lx.event_suffixes) and not any(
        name.endswith(x) for x in lx.event_exceptions
    ):
        return True
    return False


def _type_of(name: str, fallback: str, lx: OrgLexicon) -> str:
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


def _book_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BOOK_RE.finditer(text)]


def _abbreviations(text: str, found: list[_Cand], lx: OrgLexicon) -> list[_Cand]:
    """Aliases defined right after a full name: （下称“X”）, (简称X), (C9联盟), ，简称“X”."""
    out = []
    for c in found:
        tail = text[c.e : c.e + 30]
        m = _DEF_RE.match(tail) or _DEF_INLINE_RE.match(tail)
        if not m:
            continue
        marker, alias = m.group(1), m.group(2).strip()
        if not alias or alias == c.text or len(alias) < 2 or len(alias) >= len(c.text):
            continue
        if not marker:
            # bare parentheses: only a short form of the name (shares its head or
            # is a subsequence of its characters), not a place or a gloss
            it = iter(c.text)
            subseq = all(ch in it for ch in alias)
            a_head, c_head = lx.suffix_at_end(alias), lx.suffix_at_end(c.text)
            same_head = a_head is not None and c_head is not None and a_head.type == c_head.type
            if not (subseq or same_head):
                continue
            if _is_place(alias, lx) or alias.endswith(tuple(lx.admin_suffixes)):
                continue
        if alias in lx.generic_words or _is_place(alias, lx):
            continue
        out.append(_Cand(c.e + m.start(2), c.e + m.end(2), alias, c.type, "alias", name=c.name or c.text))
    return out


# ---------------------------------------------------------------- document


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest complete names first, no overlaps (ties: stronger source)."""
    cands = sorted(cands, key=lambda c: (-(c.e - c.s), -_RANK[c.source], c.s))
    taken: list[_Cand] = []
    for c in cands:
        if all(c.e <= x.s or c.s >= x.e for x in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.s)


def extract_organizations(text: str, sentences: list[Sentence], analyses: list[Analysis]) -> list[Org]:
    """One Org per occurrence of an organization name in ``text`` (document clean offsets).

    Never raises: on an internal error the document yields no organizations
    and the error is logged.
    """
    try:
        return _extract(text, sentences, analyses)
    except Exception:  # noqa: BLE001 - a stage must never stop the run
        log.exception("organization layer failed on a document; no organizations emitted")
        return []


def _extract(text: str, sentences: list[Sentence], analyses: list[Analysis]) -> list[Org]:
    lx = load_org_lexicon()
    books = _book_spans(text)

    book_mask = bytearray(len(text) + 1)  # O(1) look-ups on long documents
    for bs, be in books:
        book_mask[bs:be] = b"\x01" * (be - bs)

    def in_book(s: int, e: int) -> bool:
        return any(book_mask[max(0, s) : max(0, e)])

    lexicon: dict[str, tuple[str, str, int]] = {}  # surface -> (name, type, rank)
    bounds: set[int] = set()  # word and name boundaries (document offsets) for short names
    proper_spans: set[tuple[int, int]] = set()  # single tokens with a proper-name tag

    def add(surface: str, name: str, typ: str, source: str) -> None:
        r = _RANK[source]
        old = lexicon.get(surface)
        if old is None or r > old[2]:
            lexicon[surface] = (name, typ, r)
        elif source == "alias" and name != surface:
            lexicon[surface] = (name, old[1], old[2])  # a defined short form keeps its full name

    for name, typ in lx.gaz_names.items():
        if name in text:
            add(name, name, typ, "gazetteer")

    sents = [(sent, _merge_departments(sent.text, _tokens(sent.text, an), lx))
             for sent, an in zip(sentences, analyses) if sent.text and an is not None]
    # document votes: a span the backend calls a place more often than a body is a place (上海, 江苏)
    loc_votes: dict[str, int] = {}
    for _, toks in sents:
        for t in toks:
            if t.tag in ("LOC", "ns"):
                loc_votes[t.text] = loc_votes.get(t.text, 0) + 1
            elif t.tag == "ORG":
                loc_votes[t.text] = loc_votes.get(t.text, 0) - 1
    generic: list[_Cand] = []
    for sent, toks in sents:
        st = sent.text
        found, gen = _suffix_candidates(st, toks, lx)
        for g in gen:
            _right_paren(st, g, toks, lx)
        generic += gen
        enum, vetoed = _enum_candidates(st, toks, lx)
        ner = [
            c
            for c in _ner_candidates(st, toks, lx)
            if loc_votes.get(c.token or c.text, 0) < 0 and (c.s, c.e) not in vetoed and not _place_plus_weak(c.text, lx)
        ]
        cands = found + ner + enum
        good = []
        for c in _split(cands, lx):
            _trim(st, c, lx)
            suf = lx.suffix_at_end(c.text)
            if (suf is None or suf.weak) and _before_event(toks, c, lx):
                continue  # 全球私募基金|西湖峰会; but 长三角…产业联盟|成立大会 keeps the alliance
            _right_paren(st, c, toks, lx)
            if _rejected(c.text, lx) or in_book(sent.start + c.s, sent.start + c.e):
                continue
            c.type = _type_of(c.text, c.type, lx)
            good.append(c)
        chosen = _select(good)
        chosen = _select(chosen + _list_mates(st, chosen, lx))
        for c in chosen:
            add(c.text, c.name or c.text, c.type, c.source)
            bounds.update((sent.start + c.s, sent.start + c.e))
            proper_spans.add((sent.start + c.s, sent.start + c.e))  # where it was found, it stands
        for a in _abbreviations(st, chosen, lx):
            if in_book(sent.start + a.s, sent.start + a.e) or _rejected(a.text, lx):
                continue
            add(a.text, a.name or a.text, a.type, "alias")
            bounds.update((sent.start + a.s, sent.start + a.e))
    # short forms: a generic name that ends a found name of its class refers to it (基金小镇, 大走廊)
    for g in generic:
        if g.text in lexicon or _rejected(g.text, lx) or g.text.startswith(tuple(lx.level_words | lx.category_modifiers)):
            continue
        for full, (name, typ, _) in list(lexicon.items()):
            if len(full) > len(g.text) and full.endswith(g.text) and typ == _type_of(g.text, typ, lx):
                add(g.text, name, typ, "alias")
                break
    for brand, (name, typ) in _brands(text, lexicon, lx).items():
        add(brand, name, typ, "alias")
    for sent, toks in sents:
        for t in toks:
            bounds.add(sent.start + t.s)
            bounds.add(sent.start + t.e)
            if t.tag in _PROPER_TAGS:
                proper_spans.add((sent.start + t.s, sent.start + t.e))
    return _propagate(text, lexicon, books, lx, bounds, proper_spans)


# 的 ends a list item: 党中央、国务院的部署 lists one body and a phrase about the next
_LIST_SEG_RE = re.compile(r"(?<=、)([^、，,。；;：:！？!?（）()《》“”等的\s]{4,32}?)(?=、|和|及|与|等|，|。|；|$)")


def _list_mates(text: str, chosen: list[_Cand], lx: OrgLexicon) -> list[_Cand]:
    """Items of a 、-list that end like their neighbours (长三角可再生能源产业联盟 between two found alliances).

    An item between list marks that ends with an organization suffix is a name
    of the same class when an adjacent item was found as a whole name.
    """
    whole = {(c.s, c.e): c for c in chosen}
    out = []
    for m in _LIST_SEG_RE.finditer(text):
        s, e = m.start(1), m.end(1)
        if (s, e) in whole:
            continue
        suf = lx.suffix_at_end(m.group(1))
        if suf is None or suf.weak or _rejected(m.group(1), lx):
            continue
        prev_end = s - 1  # position of the 、 before
        nxt_start = e + 1
        mates = [c for c in chosen if (c.e == prev_end or c.s == nxt_start) and c.type == suf.type]
        if mates and all(s <= c.s and c.e <= e for c in chosen if c.s < e and s < c.e):
            out.append(_Cand(s, e, m.group(1), suf.type, "suffix"))
    return out


def _before_event(toks: list[_Tok], c: _Cand, lx: OrgLexicon) -> bool:
    """全球私募基金|西湖|峰会: a name that opens an event's name is part of the event."""
    k = bisect.bisect_left(toks, c.e, key=lambda t: t.s)  # tokens are in text order: no scan of them all
    if k == len(toks):
        return False
    for t in toks[k : k + 3]:
        if t.tag not in ("LOC", "ns", "n", "nz", "m", "vn"):
            return False
        if t.tag in ("n", "nz") and any(t.text.endswith(ev) for ev in lx.event_suffixes) and not any(
            t.text.endswith(x) for x in lx.event_exceptions
        ):
            return True
    return False


def _trim(text: str, c: _Cand, lx: OrgLexicon) -> None:
    """Drop symbols and a date unit cut off a number from the edges (▶长三角…, 2019|年华虹集团)."""
    while c.s < c.e and not (text[c.s].isalnum() or text[c.s] in "“\"(（"):
        c.s += 1
    while c.e > c.s and not (text[c.e - 1].isalnum() or text[c.e - 1] in "”\")）"):
        c.e -= 1
    if c.e - c.s > 2 and text[c.s] in "年月日号" and c.s > 0 and text[c.s - 1].isdigit():
        c.s += 1
    c.text = text[c.s : c.e]


def _place_plus_weak(name: str, lx: OrgLexicon) -> bool:
    """长三角科技, 上海投资: a place and a bare industry word is a field, not a firm."""
    suf = lx.suffix_at_end(name)
    if suf is None or not suf.weak or suf.type != "company":
        return False
    rest = name[: -len(suf.text)]
    return rest in lx.place_words or rest in lx.category_words or _is_place(rest, lx) or len(rest) <= 1


def _place_plus_class(name: str, lx: OrgLexicon) -> bool:
    """浙江省特色小镇, 浙江省级高新区: a place and a class of bodies, not one body."""
    suf = lx.suffix_at_end(name)
    if suf is None:
        return False
    rest = name[: -len(suf.text)]
    ranks = {w for w in lx.level_words if w.endswith("级")}  # 省级, 国家级: a rank, not a name part
    for mod in sorted(lx.category_modifiers | ranks, key=len, reverse=True):
        if len(mod) >= 2 and rest.endswith(mod):
            head = rest[: -len(mod)]
            return not head or head in lx.place_words or _is_place(head, lx) or _is_place(head + "省", lx)
    return False


def _split(cands: list[_Cand], lx: OrgLexicon) -> list[_Cand]:
    """Conjoined bodies (省委省政府) become one candidate each."""
    out = []
    for c in cands:
        for pat in lx.split_patterns:
            m = pat.match(c.text)
            if m:
                for g in (1, 2):
                    s, e = c.s + m.start(g), c.s + m.end(g)
                    out.append(_Cand(s, e, m.group(g), c.type, c.source))
                break
        else:
            out.append(c)
    return out


def _brands(text: str, lexicon: dict[str, tuple[str, str, int]], lx: OrgLexicon) -> dict[str, tuple[str, str]]:
    """Brand short names of registered firms that the text uses on their own.

    鹏瞰集成电路(杭州)有限公司 -> 鹏瞰 when 鹏瞰 also stands alone: strip the
    legal suffix, places in parentheses, leading places and trailing industry
    words; keep a 2-4 character brand that occurs outside the full name.
    """
    out: dict[str, tuple[str, str]] = {}
    for full, (name, typ, _) in lexicon.items():
        if typ != "company" or not lx.legal_suffix_re.search(full):
            continue
        core = lx.legal_suffix_re.sub("", full)
        core = re.sub(r"[（(][^（）()]*[）)]", "", core)
        core = lx.place_prefix_re.sub("", core)
        # 启衡生物技术 -> 启衡生物 -> 启衡: the text may use any of these as the
        # short name; the longest one it uses stands (启衡生物董事长 -> 启衡生物)
        forms = [core]
        for _ in range(3):
            before = core
            core = lx.industry_tail_re.sub("", lx.place_prefix_re.sub("", core))
            if core == before:
                break
            forms.append(core)
        rest = text.replace(full, "")
        for form in forms:  # longest first
            long_ok = form != core and 2 <= len(form) - len(core) and len(form) <= 6
            if not (2 <= len(form) <= 4 or long_ok) or form in lexicon or _rejected(form, lx):
                continue
            if rest.count(form):
                out[form] = (name, typ)
                break
    return out


def _propagate(
    text: str,
    lexicon: dict[str, tuple[str, str, int]],
    books: list[tuple[int, int]],
    lx: OrgLexicon,
    bounds: set[int],
    proper_spans: set[tuple[int, int]],
) -> list[Org]:
    """Tag every occurrence of every found surface, longest first, without overlaps.

    A short surface (<= 3 characters) must also start and end on word
    boundaries of the segmentation: 政协 is not tagged inside 财政协同. A short
    surface known only from the backend or a list (no suffix, no definition)
    is tagged only where the backend also saw a proper name: one ORG 加大
    (a university's short name) does not make every 加大 (to increase) a body.
    """
    quote_at = [-1] * (len(text) + 1)  # index of the quoted phrase covering each character
    quotes = [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]
    for q, (qs, qe) in enumerate(quotes):
        quote_at[qs:qe] = [q] * (qe - qs)
    taken = bytearray(len(text) + 1)
    for bs, be in books:
        taken[bs:be] = b"\x01" * (be - bs)
    out: list[Org] = []
    for surface in sorted(lexicon, key=lambda x: (-len(x), x)):
        if not surface:
            continue
        name, typ, rank = lexicon[surface]
        weak_source = len(surface) <= 3 and rank <= _RANK["ner"]
        head = lx.suffix_at_end(surface)
        one_char_head = head is not None and len(head.text) == 1
        i = text.find(surface)
        while i >= 0:
            j = i + len(surface)
            titled = text[j : j + 1] in lx.title_followers and one_char_head
            aligned = len(surface) > 3 or (i in bounds and j in bounds)
            if weak_source and (i, j) not in proper_spans:
                aligned = False
            q = quote_at[i]
            if len(surface) <= 4 and q >= 0 and j <= quotes[q][1] and quotes[q] != (i, j):
                if not _named_quote(text[quotes[q][0] : quotes[q][1]], lx):
                    aligned = False  # “一网通办”: a piece of a quoted slogan
            if not any(taken[i:j]) and not titled and aligned:
                taken[i:j] = b"\x01" * (j - i)
                out.append(Org(start=i, end=j, text=surface, name=name, type=typ))
            i = text.find(surface, i + 1)
    out.sort(key=lambda o: o.start)
    return out
