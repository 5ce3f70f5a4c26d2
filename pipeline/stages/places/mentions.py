"""Place mentions in clean text and their administrative division.

A mention is the longest division name (or province/prefecture short form)
starting at a position, read left to right. A name several divisions share
(朝阳区: Beijing and Changchun; 鼓楼区: four cities) is decided only by an
unambiguous place in the same sentence, else the same article, else the same
document; when nothing decides it, the mention keeps the code all its
candidates share (吉林 -> 吉林省, covering 吉林市) or none. Distance alone
never picks a candidate.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pipeline.core.config import load_lexicon_toml
from pipeline.stages.places.divisions import Division, gazetteer


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    candidates: list[Division]
    adcode: str | None = None  # the decided division, or what the candidates share
    national: bool = False
    old_adcode: str | None = None
    sentence_index: int | None = None
    article_index: int | None = None
    how: str = "unique"  # unique | chain | sentence | article | document | shared | undecided | conflict
    # | unsupported | national
    support: set[str] = field(default_factory=set)
    frame: bool = False  # a national mention that only frames a comparison (居全国首位): no vote for a region


@cache
def _national_mentions() -> frozenset[str]:
    return frozenset(load_lexicon_toml("places/places.toml").get("national_mentions", []))


@cache
def _frames() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words around a national mention that make it a comparison frame (places.toml frame_before, frame_after)."""
    lex = load_lexicon_toml("places/places.toml")
    return tuple(lex.get("frame_before", [])), tuple(lex.get("frame_after", []))


@cache
def _lengths() -> dict[str, tuple[int, ...]]:
    """For each two-character prefix of a place name, the lengths of the names it starts, longest first;
    a one-character name (an edited lexicon may hold one) under its character alone.

    Keyed by two characters, the scan tries a name only where its first two characters stand: keyed by
    one, a third of all positions started a failed search.
    """
    out: dict[str, set[int]] = {}
    for name in (*gazetteer().by_name, *_national_mentions()):
        if name:
            out.setdefault(name[:2], set()).add(len(name))
    for k, ns in out.items():  # a longer name's prefix also starts the one-character names of its first char
        if len(k) == 2 and k[0] in out:
            ns.add(1)
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in out.items()}


@cache
def _singles() -> frozenset[str]:
    """The one-character place names (none shipped; an edited lexicon may add one)."""
    return frozenset(k for k in _lengths() if len(k) == 1)


def scan(text: str, lo: int = 0, hi: int | None = None,
         word_starts: set[int] | None = None) -> list[PlaceMention]:
    """Longest-first, left-to-right place names in ``text[lo:hi]`` (offsets are ``text``'s).

    With ``word_starts`` (offsets where the segmenter starts a word) a name must start a word or lie
    inside one (浙大杭州国际科创中心): 浙南|山区 holds no 南山区, 形成|都市圈 no 成都市.
    """
    g = gazetteer()
    national = _national_mentions()
    lengths, singles = _lengths(), _singles()
    starts = sorted(word_starts) if word_starts is not None else None
    hi = len(text) if hi is None else hi
    out: list[PlaceMention] = []
    i = lo
    while i < hi:
        ns = lengths.get(text[i:i + 2])  # a name longer than hi - i is refused by _match
        if not ns:
            if not (singles and text[i] in singles):
                i += 1
                continue
            ns = (1,)  # a one-character name, where no longer one starts
        # the next word start after i: a name from inside a word must end by then
        nxt = hi if starts is None or i in word_starts else _next_start(starts, i, hi)
        m = _match(text, i, hi, ns, nxt, national, g.by_name)
        if m is None:
            i += 1
            continue
        out.append(m)
        i = m.end
    return out


def _next_start(starts: list[int], i: int, hi: int) -> int:
    j = bisect.bisect_right(starts, i)
    return starts[j] if j < len(starts) else hi


def _match(text: str, i: int, hi: int, ns: tuple[int, ...], nxt: int, national: frozenset[str],
           by_name: dict) -> PlaceMention | None:
    """The longest place name at ``i`` that ends by ``nxt``, or None."""
    for n in ns:
        if i + n > hi or i + n > nxt:
            continue
        w = text[i:i + n]
        if w in national:
            before, after = _frames()
            frame = text.endswith(before, 0, i) or text.startswith(after, i + n)
            return PlaceMention(i, i + n, w, [], national=True, how="national", frame=frame)
        cands = by_name.get(w)
        if cands:
            return PlaceMention(i, i + n, w, list(cands),
                                old_adcode=next((c.old_adcode for c in cands if c.old_adcode), None))
    return None


def shared_code(codes: Sequence[str]) -> str | None:
    """The most specific division every code lies in (330102 + 330105 -> 330100), or None."""
    g = gazetteer()
    chains = [g.by_code[c].ancestors() for c in codes if c in g.by_code]
    if not chains:
        return None
    common = None
    for level in zip(*chains):
        if len(set(level)) != 1:
            break
        common = level[0]
    return common


def chain_code(codes: Sequence[str]) -> str | None:
    """The deepest code when all lie on one chain (浙江 + 杭州 + 上城区 -> 330102), else the shared one."""
    g = gazetteer()
    known = [c for c in dict.fromkeys(codes) if c in g.by_code]
    if not known:
        return None
    deepest = max(known, key=lambda c: len(g.by_code[c].ancestors()))
    anc = set(g.by_code[deepest].ancestors())
    return deepest if all(c in anc for c in known) else shared_code(known)


def _support(mentions: Sequence[PlaceMention]) -> set[str]:
    """Every code (with its ancestors) the mentions are sure of: the division all of a mention's
    candidates share (北京 as province or as its own prefecture -> 110000)."""
    g = gazetteer()
    out: set[str] = set()
    for m in mentions:
        code = None if m.national else shared_code([c.adcode for c in m.candidates])
        if code:
            out.update(g.by_code[code].ancestors())
    return out


def decide(m: PlaceMention, scopes: Sequence[tuple[str, set[str]]]) -> None:
    """Set ``m.adcode``: its only candidate, else the one candidate its nearest scope supports."""
    if m.national:
        return
    cands = m.candidates
    if len({c.adcode for c in cands}) == 1:
        _decide_unique(m, scopes)
        return
    g = gazetteer()
    for how, support in scopes:
        # support holds the unambiguous places and every division above them (朝阳区 ... 北京 -> 110105)
        hit = [c for c in cands if set(c.ancestors()) & support]
        if hit:  # the most specific support wins: 南京 (320100) over 江苏 (320000) for 鼓楼区
            depth = {c.adcode: max(len(g.by_code[x].ancestors()) for x in set(c.ancestors()) & support) for c in hit}
            hit = [c for c in hit if depth[c.adcode] == max(depth.values())]
        if how == "chain" and support and not hit:  # 绍兴滨海新区 is no district of Tianjin
            m.adcode, m.how = None, "conflict"
            return
        if len(hit) == 1:
            m.adcode, m.how = hit[0].adcode, how
            return
        if hit:
            cands = hit
    m.adcode = shared_code([c.adcode for c in cands])
    m.how = "shared" if m.adcode else "undecided"


def _decide_unique(m: PlaceMention, scopes: Sequence[tuple[str, set[str]]]) -> None:
    """One candidate: taken, unless the place just before contradicts it, or it is a county while the
    document names provinces or prefectures, none of them its own (滨海新区 in a Zhejiang text is not
    Tianjin's; 上城区 in a text naming no province stays 330102)."""
    c = m.candidates[0]
    support = dict(scopes)
    chain, above = support.get("chain", set()), support.get("above")
    if chain and not set(c.ancestors()) & chain:
        m.adcode, m.how = None, "conflict"
    elif c.level == "county" and above and not set(c.ancestors()[:-1]) & above:
        m.adcode, m.how = None, "unsupported"
    else:
        m.adcode, m.how = c.adcode, "unique"


def resolve(mentions: list[PlaceMention], sent_of: Sequence[int | None],
            art_of: Sequence[int | None]) -> None:
    """Decide every mention from its sentence's, article's, then document's unambiguous places."""
    by_sent: dict[int | None, list[PlaceMention]] = {}
    by_art: dict[int | None, list[PlaceMention]] = {}
    for m, s, a in zip(mentions, sent_of, art_of):
        m.sentence_index, m.article_index = s, a
        by_sent.setdefault(s, []).append(m)
        by_art.setdefault(a, []).append(m)
    doc = _support(mentions)
    # the provinces and prefectures the document names (a county needs one of its own)
    above = _support([m for m in mentions if any(c.level != "county" for c in m.candidates)])
    sent_sup = {k: _support(v) for k, v in by_sent.items()}
    art_sup = {k: _support(v) for k, v in by_art.items()}
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i and mentions[i - 1].end == m.start else None  # 长春市朝阳区
        chain = _support([prev]) if prev else set()
        decide(m, [("chain", chain), ("sentence", sent_sup[m.sentence_index]), ("article", art_sup[m.article_index]),
                   ("document", doc), ("above", above)])
