"""Tokens of the organization layer: backend words aligned to the sentence, entities merged.

Every tag is folded into the NER backend contract's normalized set here, so the
rules downstream test only the classes of configs/organizations/tags.toml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.core.records import Analysis
from pipeline.stages.organizations.lexicon import OrgLexicon


@dataclass(slots=True)
class Tok:
    s: int
    e: int
    text: str
    tag: str


@dataclass
class Cand:
    """A candidate name (sentence-relative offsets) and where it came from."""

    s: int
    e: int
    text: str
    type: str
    source: str
    name: str | None = None
    token: str | None = None  # the backend token it came from, when cut from one (its place/body votes)


# Source strength: a later, weaker source never overrides a stronger type.
RANK = {"gazetteer": 5, "suffix": 4, "alias": 3, "ner": 2, "enum": 1}


_SPACE = re.compile(r"\s")


def _tiled(words: list[str], pos: list[str], fold: Callable[[str, str], str]) -> list[Tok]:
    """Tokens of words that tile a sentence holding no whitespace: offsets are running sums."""
    toks = []
    i = 0
    for w, p in zip(words, pos):
        if w:
            j = i + len(w)
            toks.append(Tok(i, j, w, fold(p, "xc")))
            i = j
    return toks


def _aligned(text: str, words: list[str], pos: list[str], fold: Callable[[str, str], str]) -> list[Tok]:
    """Tokens of words found in ``text`` in order (words with spaces, or not tiling it, are searched)."""
    toks: list[Tok] = []
    cur = 0
    for w, p in zip(words, pos):
        if w and text.startswith(w, cur) and not w[0].isspace() and not w[-1].isspace():
            w2, i = w, cur  # the usual case: words tile the sentence
        else:
            w2 = w.strip()
            if not w2:
                continue
            i = text.find(w2, cur)
            if i < 0:
                continue
        toks.append(Tok(i, i + len(w2), w2, fold(p, "xc")))
        cur = i + len(w2)
    return toks


def tokens(text: str, an: Analysis, lx: OrgLexicon) -> list[Tok]:
    """Backend words aligned to ``text``, with entity spans merged into one token each."""
    fold = lx.tags.fold_table.get
    pos = list(an.pos) + [""] * max(0, len(an.words) - len(an.pos))
    if "".join(an.words) == text and not _SPACE.search(text):
        toks = _tiled(an.words, pos, fold)  # the usual case, without a search per word
    else:
        toks = _aligned(text, an.words, pos, fold)
    toks = _split_posts(text, toks, lx)
    if lx.compounds:
        toks = _join_compounds(toks, lx)
    if not an.entities:
        return subject_bodies(_zero_words(text, toks, lx), lx)
    # Tokens are in order and disjoint, so the ones overlapping an entity are a
    # contiguous run found by bisection (a scan per entity was quadratic).
    starts = [t.s for t in toks]
    ends = [t.e for t in toks]
    entity = lx.tags.entity
    for st, en, lab in sorted(an.entities):
        if lab not in entity or not (0 <= st < en <= len(text)):
            continue
        a = bisect.bisect_right(ends, st)  # first token ending after st
        b = bisect.bisect_left(starts, en) - 1  # last token starting before en
        if a > b:
            continue
        s2, e2 = min(toks[a].s, st), max(toks[b].e, en)
        toks[a : b + 1] = [Tok(s2, e2, text[s2:e2], lab)]
        starts[a : b + 1] = [s2]
        ends[a : b + 1] = [e2]
    if lx.pat.bracket.search(text):
        toks = [p for t in toks for p in _split_brackets(t, lx)]
    return subject_bodies(_zero_words(text, toks, lx), lx)


def _zero_words(text: str, toks: list[Tok], lx: OrgLexicon) -> list[Tok]:
    """零 as the prefix "zero-" makes one noun with the word after it (零/m 碳/n -> 零碳/n, 零/m 碳园区/LOC -> 零碳园区/n,
    零碳/m -> 零碳/n): grammar.toml [zero_prefix]. Run after the entity spans are merged, so an entity the backend cut
    from the word joins it too. A numeral 零 before a number or a unit stays a numeral (二百零四个)."""
    if not lx.zero_prefix or lx.zero_prefix not in text:
        return toks  # most sentences hold no 零
    out: list[Tok] = []
    num = lx.tags.numeral
    for t in toks:
        prev = out[-1] if out else None
        if prev is not None and prev.text == lx.zero_prefix and prev.tag in num and prev.e == t.s and t.tag in lx.zero_joins \
                and lx.zero_word.match(prev.text + t.text):
            out[-1] = Tok(prev.s, t.e, prev.text + t.text, "n")
        elif t.tag in num and lx.zero_word.match(t.text):
            out.append(Tok(t.s, t.e, t.text, "n"))
        else:
            out.append(t)
    return out


def _join_compounds(toks: list[Tok], lx: OrgLexicon) -> list[Tok]:
    """One word for a fixed compound the backend cuts (特别/a 行政区政府/ORG -> 特别行政区政府/ORG): grammar.toml
    [compounds]. The merged word keeps the tag of its second part, which holds the head."""
    out: list[Tok] = []
    for t in toks:
        prev = out[-1] if out else None
        if prev is not None and prev.e == t.s and any(
                len(prev.text) < len(c) and c.startswith(prev.text) and t.text.startswith(c[len(prev.text):])
                for c in lx.compounds):
            out[-1] = Tok(prev.s, t.e, prev.text + t.text, t.tag)
            continue
        out.append(t)
    return out


def subject_bodies(toks: list[Tok], lx: OrgLexicon) -> list[Tok]:
    """A common noun a government pattern of the gazetteer names is that body where it opens a clause before a verb.

    The backend tags 中央 a common noun everywhere; it names the Party's central bodies where it is a
    clause's subject (，中央决定…, 中央提出…, 由中央代地方发债; with a coordinated noun, 中央和地方都要…), and
    a level where it modifies a noun (中央财政, 中央企业, 中央和地方财政): only the first is tagged ORG. What may stand before it is tags.toml
    ``subject_opener`` (punctuation, a time word) or grammar.toml [subject_body] ``agent_prepositions`` (由);
    without the tag class, the rule is off.
    grammar.toml [subject_body] ``level_verbs`` after it make it a level (中央驻川单位, 从中央到地方).
    """
    opener = lx.tags.subject_opener
    if not opener:
        return toks
    for i, t in enumerate(toks):
        if t.tag not in lx.tags.noun:
            continue
        v = _predicate_at(toks, i, lx)  # the cheap tests first: most nouns stand before no verb
        if v is None or toks[v].text in lx.level_verbs:
            continue  # 中央财政, 中央驻川单位, 从中央到地方: a level
        if i > 0 and toks[i - 1].tag not in opener and toks[i - 1].text not in lx.agent_prepositions:
            continue  # 用好|中央, 对|中央减轻…政策: not a clause's head
        if not any(typ == "government" and pat.search(t.text) for pat, typ, _ in lx.gaz_patterns):
            continue
        if _names_after(toks, v + 1, lx):
            continue  # 中央|改革|办, 中央|推动|长三角一体化发展领导小组: a longer name that opens with 中央
        t.tag = "ORG"
    return toks


def _predicate_at(toks: list[Tok], i: int, lx: OrgLexicon) -> int | None:
    """Index of the predicate the noun at ``i`` is the subject of: a verb right after it, or, after a joiner and
    one common noun (中央和地方都要…, 中央和地方投入…: grammar.toml [subject_body] ``joiners``), a verb, adverb or
    preposition (tags.toml ``subject_predicate``); None where a noun follows (中央财政, 中央和地方财政)."""
    if i + 1 < len(toks) and toks[i + 1].tag in lx.tags.verb:
        return i + 1
    if i + 3 < len(toks) and toks[i + 1].text in lx.subject_joiners and toks[i + 2].tag in lx.tags.noun \
            and toks[i + 3].tag in lx.tags.subject_predicate:
        return i + 3
    return None


def _names_after(toks: list[Tok], k: int, lx: OrgLexicon) -> bool:
    """Do the words from ``k`` on (right after the verb) close a body's name (改革|办, 长三角…|领导小组)?

    A suffix word right after the verb, or a run of nouns after it that opens with a place and ends in a body's
    suffix of two characters or more, makes the verb a part of a longer name (中央改革办, 中央推动长三角一体化发展
    领导小组), not the predicate of 中央. A body that is the verb's object does not (中央安排地方政府…, 中央要求国有
    银行…: the run opens with no place).
    """
    if k >= len(toks):
        return False
    first = lx.suffix_at_end(toks[k].text)
    if first is not None and first.text == toks[k].text:
        return True
    if toks[k].tag not in lx.tags.place:
        return False
    while k < len(toks) and toks[k].tag in lx.tags.inside:
        suf = lx.suffix_at_end(toks[k].text)
        if suf is not None and len(suf.text) >= 2 and toks[k].tag not in lx.tags.place:
            return True  # a one-character suffix ends common words too (新|格局)
        k += 1
    return False


def _split_posts(text: str, toks: list[Tok], lx: OrgLexicon) -> list[Tok]:
    """A common noun made of a body and its officer's post is two words (浙江|省委书记 -> 省委|书记).

    The backend writes some posts as one word with the body they head (省委书记/n; 松江区/LOC 委书记/n), so
    no suffix ends a token there and the body is lost. Cut like ``ner_spans.title_tail`` cuts a backend ORG
    span: only when what remains ends like a body and is two characters or more, or one after a place
    (松江区|委). 中央委员 (中央 is no body's suffix here) and 党委书记 (a bare class word, dropped downstream)
    are not helped.
    """
    if lx.title_rx is None or not lx.title_rx.search(text):
        return toks  # most sentences name no post
    out: list[Tok] = []
    for t in toks:
        cut = _post_len(t, bool(out) and out[-1].tag in lx.tags.place and out[-1].e == t.s, lx)
        if cut:
            k = t.e - cut
            out += [Tok(t.s, k, t.text[: k - t.s], t.tag), Tok(k, t.e, t.text[k - t.s :], t.tag)]
        else:
            out.append(t)
    return out


def _post_len(t: Tok, placed: bool, lx: OrgLexicon) -> int:
    """Length of the post that ends the common noun ``t`` after a body (省委|书记), else 0."""
    if t.tag not in lx.tags.noun or len(t.text) < 3 or t.text[-1] not in lx.title_last_chars:
        return 0
    for w in lx.title_words:
        if t.text.endswith(w) and len(t.text) - len(w) >= (1 if placed else 2):
            return len(w) if ends_like_body(t.text[: -len(w)], lx) else 0
    return 0


def _split_brackets(t: Tok, lx: OrgLexicon) -> list[Tok]:
    """An entity never crosses a bracket: 上海）股份有限公司/LOC -> 上海/LOC ）/w 股份有限公司/n."""
    if t.tag not in lx.tags.entity or len(t.text) < 2 or not lx.pat.bracket.search(t.text):
        return [t]
    out = []
    for k, m in enumerate(lx.pat.bracket_split.finditer(t.text)):
        piece = m.group()
        tag = "w" if lx.pat.bracket.fullmatch(piece) else (t.tag if k == 0 else "n")
        out.append(Tok(t.s + m.start(), t.s + m.end(), piece, tag))
    return out


def ends_like_body(name: str, lx: OrgLexicon) -> bool:
    """Does ``name`` end like a body: a configured suffix or a gazetteer shape (县委, 市政府)?"""
    return lx.suffix_at_end(name) is not None or any(pat.search(name) for pat, _, _ in lx.gaz_patterns)


def _dept_right(text: str, ji: int, lx: OrgLexicon) -> str | None:
    """The field after the joiner at ``ji`` when it ends in a government suffix with a field before it."""
    right = next((text[ji + 1 : ji + 1 + n] for n in range(lx.dept_field_max + 1, 1, -1)
                  if text[ji + 1 : ji + 1 + n].endswith(lx.dept_suffixes)), None)
    suf = lx.suffix_at_end(right) if right else None
    if suf is None or suf.type != "government" or len(right) - len(suf.text) < 2:
        return None  # 干部, 全部, 大厅: one character before the suffix is a word, not a field
    return right


def merge_departments(text: str, toks: list[Tok], lx: OrgLexicon) -> list[Tok]:
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
    T = lx.tags
    for ji in [m.start() for m in lx.dept_rx.finditer(text)]:
        right = _dept_right(text, ji, lx)
        if right is None:
            continue
        e = ji + 1 + len(right)
        a = next((k for k, t in enumerate(toks) if t.s <= ji < t.e), None)
        b = next((k for k, t in enumerate(toks) if t.s < e <= t.e), None)
        if a is None or b is None or toks[b].e != e:
            continue
        # the field before the joiner: the token(s) ending at it (or the joiner sits inside a token)
        first = a if toks[a].s < ji else a - 1
        if first < 0 or ji - toks[first].s > lx.dept_field_max + 6:
            continue
        left = text[toks[first].s : ji]
        if not left or ends_like_body(left, lx):
            continue  # 区经信局和区发改局: two bodies
        if any(t.tag not in T.dept_field for t in toks[first : b + 1]):
            continue
        placed = first > 0 and toks[first - 1].tag in T.place_or_body
        if not (toks[first].tag in T.org_entity or placed):
            continue  # a department belongs to a place (浙江省 文化和旅游厅) or was seen as a body
        if placed and toks[first].tag not in T.place_or_org_entity:
            first -= 1
        s0 = toks[first].s
        toks[first : b + 1] = [Tok(s0, e, text[s0:e], "ORG")]
    return toks
