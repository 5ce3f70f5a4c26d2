"""Organizations: a rule layer over any NER backend.

The backend gives, per sentence, a segmentation with POS tags and entity
spans. Its ORG spans are a start, but news text names bodies the model splits
or mislabels (鹏瞰集成电路/nz (杭州) 有限公司/n, 钱塘智慧城/LOC, 老爸/n 评测/v).
This layer therefore

1. builds candidates from organization suffixes (configs/orgs/suffixes.toml),
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

import logging
import re
from dataclasses import dataclass

from pipeline.model import Analysis, Org, Sentence
from pipeline.orgs_lexicon import OrgLexicon, load_org_lexicon

log = logging.getLogger(__name__)

_OPEN = "(（"
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


@dataclass
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


# ---------------------------------------------------------------- tokens


def _tokens(text: str, an: Analysis) -> list[_Tok]:
    """Backend words aligned to ``text``, with entity spans merged into one token each."""
    toks: list[_Tok] = []
    cur = 0
    pos = list(an.pos) + [""] * max(0, len(an.words) - len(an.pos))
    for w, p in zip(an.words, pos):
        w2 = w.strip()
        if not w2:
            continue
        i = text.find(w2, cur)
        if i < 0:
            continue
        toks.append(_Tok(i, i + len(w2), w2, p or "x"))
        cur = i + len(w2)
    for st, en, lab in sorted(an.entities or []):
        if lab not in ("ORG", "LOC", "PER", "TIME") or not (0 <= st < en <= len(text)):
            continue
        idx = [k for k, t in enumerate(toks) if t.s < en and t.e > st]
        if not idx:
            continue
        a, b = idx[0], idx[-1]
        s2, e2 = min(toks[a].s, st), max(toks[b].e, en)
        toks[a : b + 1] = [_Tok(s2, e2, text[s2:e2], lab)]
    return toks


# ---------------------------------------------------------------- helpers


def _is_nameish(t: _Tok, lx: OrgLexicon) -> bool:
    return (
        t.tag in lx.name_tags
        or t.text in lx.name_words
        or bool(_ALNUM_RE.match(t.text))
        or (t.tag in ("n", "nz") and bool(_HAS_ALNUM.search(t.text)))
    )


def _inside_ok(t: _Tok, lx: OrgLexicon) -> bool:
    """May this token stand inside a name (left of the suffix)?"""
    if t.text in lx.stop_words:
        return False
    if t.tag in lx.inside_tags:
        return True
    if t.tag == "TIME":
        return False
    if t.tag in ("v", "vd") and t.text in lx.name_verbs:
        return True
    if t.tag == "f" and t.text in lx.inside_f:
        return True
    if t.tag == "m" and _ALNUM_RE.match(t.text) and _HAS_ALNUM.search(t.text):
        return True  # G60, C9, 5G as name parts
    return False


def _paren_group(toks: list[_Tok], k: int, text: str, lx: OrgLexicon) -> int | None:
    """Index of the '(' that balances the ')' at ``k`` when the group may sit in a name."""
    for m in range(k - 1, max(-1, k - 8), -1):
        if toks[m].text in _OPEN:
            inner = toks[m + 1 : k]
            if not inner:
                return None
            if toks[k].s - toks[m].e > lx.max_paren_chars:
                return None
            if all(t.tag in ("LOC", "ORG", "ns", "n", "nz", "s", "j") or t.text in "、" for t in inner):
                return m
            return None
        if toks[m].text in _CLOSE or _PUNCT_RE.match(toks[m].text) and toks[m].text not in "、":
            return None
    return None


def _left_extend(toks: list[_Tok], j: int, text: str, lx: OrgLexicon) -> int:
    """Leftmost token index of the name whose head token is ``j``."""
    k = j - 1
    first = j
    while k >= 0:
        t = toks[k]
        if toks[j].e - t.s > lx.max_name_chars:
            break
        if t.text in _CLOSE:
            m = _paren_group(toks, k, text, lx)
            if m is None or m == 0 or not _inside_ok(toks[m - 1], lx):
                break
            first = m
            k = m - 1
            continue
        if not _inside_ok(t, lx):
            break
        first = k
        k -= 1
    # drop openers that are modifiers of the clause, not of the name
    while first < j and (
        toks[first].tag in lx.strip_left_tags and toks[first].tag not in lx.name_tags
        or toks[first].text in lx.stop_words
        or toks[first].text in _OPEN
        or toks[first].text in lx.category_modifiers
    ):
        first += 1
    return first


# ---------------------------------------------------------------- candidates


def _suffix_candidates(text: str, toks: list[_Tok], lx: OrgLexicon) -> list[_Cand]:
    out: list[_Cand] = []
    for j, t in enumerate(toks):
        if _PUNCT_RE.match(t.text):
            continue
        # suffix may span this token and the ones before it (有限/公司), or sit inside it
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
        if mid and not (
            head.tag in ("ORG", "LOC", "nz", "nt", "nw", "j", "PER")
            or (len(suf.text) >= 2 and len(head.text) >= 4 and head.tag in ("n", "nz", "vn"))
        ):
            continue
        if not mid and len(suf.text) == 1 and head.tag not in ("ORG", "LOC", "n", "nz", "nt", "j", "nw"):
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and suf.weak and nxt.tag in ("n", "nz") and nxt.text not in lx.role_nouns:
            continue  # 中心城区, 园区企业: the suffix modifies the next noun
        # name part: the head token's prefix plus the tokens left of it
        if mid:
            first = _left_extend(toks, h, text, lx)
            name_toks = toks[first:h]
            prefix = text[head.s : ss]
            prefix_nameish = head.tag in ("ORG", "LOC", "nz", "nt", "nw", "j", "PER") or prefix in lx.name_words
        else:
            first = _left_extend(toks, h, text, lx)
            name_toks = toks[first:h]
            prefix = ""
            prefix_nameish = False
        s = toks[first].s if first < h else head.s
        cand = text[s : t.e]
        if not name_toks and not prefix:
            # the bare suffix word: a name only when the backend saw an entity there
            if not (suf.bare_ok and head.tag in ("ORG", "LOC")):
                continue
        else:
            nameish = prefix_nameish or any(_is_nameish(x, lx) for x in name_toks)
            if not nameish:
                continue
            if name_toks and name_toks[-1].text in lx.category_modifiers and not prefix:
                continue  # 标杆园区, 重点实验室: a class of bodies
        out.append(_Cand(s, t.e, cand, suf.type, "suffix"))
    return out


def _ner_candidates(toks: list[_Tok], lx: OrgLexicon) -> list[_Cand]:
    out = []
    for t in toks:
        if t.tag == "ORG":
            suf = lx.suffix_at_end(t.text)
            out.append(_Cand(t.s, t.e, t.text, suf.type if suf else "company", "ner"))
    return out


def _enum_candidates(text: str, toks: list[_Tok], lx: OrgLexicon) -> list[_Cand]:
    """Items of 'A、B、C等…企业' lists, typed by the head noun."""
    out: list[_Cand] = []
    n = len(toks)
    for c, t in enumerate(toks):
        closer = t.text in lx.closers
        if not closer and t.text == "为" and c + 1 < n and "为" + toks[c + 1].text in lx.closers:
            closer = True
        if not closer:
            continue
        # head noun after the closer, before any clause punctuation
        head_type = None
        for g in range(c + 1, min(n, c + 1 + lx.max_gap_tokens)):
            if toks[g].tag == "w":
                break
            ht = lx.heads.get(toks[g].text)
            if ht is None:
                for hw, typ in lx.heads.items():
                    if toks[g].text.endswith(hw) and len(hw) >= 2:
                        ht = typ
                        break
            if ht:
                head_type = ht
                break
        if head_type is None:
            continue
        # items, right to left, separated by 、
        items: list[tuple[int, int]] = []
        end = c
        k = c - 1
        while k >= 0:
            start = k
            while start >= 0 and toks[start].text not in lx.separators and toks[start].tag != "w":
                start -= 1
            seg = toks[start + 1 : end]
            if start >= 0 and toks[start].text in lx.separators and toks[start].text == "、":
                if seg:
                    items.append((start + 1, end))
                end = start
                k = start - 1
                continue
            # first item: after the nearest opener
            b = end - 1
            while b > start and toks[b].text not in lx.openers and toks[b].tag not in ("p", "w"):
                if text[toks[b].s : toks[end - 1].e].__len__() > lx.max_item_chars:
                    break
                b -= 1
            first_i = b + 1 if b > start and (toks[b].text in lx.openers or toks[b].tag in ("p", "w")) else start + 1
            if first_i < end:
                items.append((first_i, end))
            break
        if not items:
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
            if any(_is_nameish(x, lx) and x.tag != "LOC" for x in seg) or lx.suffix_at_end(name):
                named += 1
            spans.append((s, e, name))
        if not spans or named * 2 < len(items) or (len(items) == 1 and named == 0):
            continue
        for s, e, name in spans:
            suf = lx.suffix_at_end(name)
            out.append(_Cand(s, e, name, suf.type if suf and not suf.weak else head_type, "enum"))
    return out


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
    if any(name.endswith(ev) for ev in lx.event_suffixes) and not any(
        name.endswith(x) for x in lx.event_exceptions
    ):
        return True
    return False


def _type_of(name: str, fallback: str, lx: OrgLexicon) -> str:
    if name in lx.gaz_names:
        return lx.gaz_names[name]
    for pat, typ in lx.gaz_patterns:
        if pat.search(name):
            return typ
    suf = lx.suffix_at_end(name)
    if suf is not None:
        return suf.type
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
            same_head = lx.suffix_at_end(alias) is not None and (
                lx.suffix_at_end(alias).type == lx.suffix_at_end(c.text or "x").type
                if lx.suffix_at_end(c.text)
                else False
            )
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

    def in_book(s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in books)

    lexicon: dict[str, tuple[str, str, int]] = {}  # surface -> (name, type, rank)

    def add(surface: str, name: str, typ: str, source: str) -> None:
        r = _RANK[source]
        old = lexicon.get(surface)
        if old is None or r > old[2]:
            lexicon[surface] = (name, typ, r)

    for name, typ in lx.gaz_names.items():
        if name in text:
            add(name, name, typ, "gazetteer")

    for sent, an in zip(sentences, analyses):
        st = sent.text
        if not st or an is None:
            continue
        toks = _tokens(st, an)
        cands = _suffix_candidates(st, toks, lx) + _ner_candidates(toks, lx) + _enum_candidates(st, toks, lx)
        good = []
        for c in cands:
            c.text = c.text.strip()
            if _rejected(c.text, lx) or in_book(sent.start + c.s, sent.start + c.e):
                continue
            c.type = _type_of(c.text, c.type, lx)
            good.append(c)
        chosen = _select(good)
        for c in chosen:
            add(c.text, c.name or c.text, c.type, c.source)
        for a in _abbreviations(st, chosen, lx):
            if in_book(sent.start + a.s, sent.start + a.e) or _rejected(a.text, lx):
                continue
            add(a.text, a.name or a.text, a.type, "alias")

    return _propagate(text, lexicon, books)


def _propagate(text: str, lexicon: dict[str, tuple[str, str, int]], books: list[tuple[int, int]]) -> list[Org]:
    """Tag every occurrence of every found surface, longest first, without overlaps."""
    taken = bytearray(len(text) + 1)
    for bs, be in books:
        taken[bs:be] = b"\x01" * (be - bs)
    out: list[Org] = []
    for surface in sorted(lexicon, key=lambda x: (-len(x), x)):
        if not surface:
            continue
        name, typ, _ = lexicon[surface]
        i = text.find(surface)
        while i >= 0:
            j = i + len(surface)
            if not any(taken[i:j]):
                taken[i:j] = b"\x01" * (j - i)
                out.append(Org(start=i, end=j, text=surface, name=name, type=typ))
            i = text.find(surface, i + 1)
    out.sort(key=lambda o: o.start)
    return out
