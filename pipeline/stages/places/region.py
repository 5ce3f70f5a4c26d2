"""The region a row concerns: from the places in its own name or sentence, else its article's and
then its document's dominant region. National bodies concern the whole country (100000)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.core.config import load_lexicon_toml
from pipeline.stages.places.divisions import gazetteer
from pipeline.stages.places.mentions import PlaceMention, chain_code, decide, scan


@dataclass(frozen=True)
class _National:
    name: str
    adcode: str
    prefixes: tuple[str, ...]
    bodies: frozenset[str]
    share: float
    foreign: tuple[str, ...]


@cache
def _national() -> _National:
    lex = load_lexicon_toml("places/places.toml")
    return _National(lex["national_name"], lex["national_adcode"], tuple(lex.get("national_prefixes", [])),
                     frozenset(lex.get("national_bodies", [])), float(lex.get("dominant_share", 0.5)),
                     tuple(lex.get("foreign_prefixes", [])))


def is_national(name: str) -> bool:
    """A body that acts for the whole country by its name (国务院, 国家发展改革委, 财政部: places.toml)."""
    nat = _national()
    return name.startswith(nat.prefixes) or name in nat.bodies


def national_code() -> str:
    """The code national bodies and mentions carry (configs/places/places.toml)."""
    return _national().adcode


def region_name(code: str | None) -> str | None:
    """The region column: the chain of division names, or 中华人民共和国 for the national code."""
    if code is None:
        return None
    nat = _national()
    return nat.name if code == nat.adcode else gazetteer().full_name(code)


def dominant(codes: Sequence[str], n_national: int = 0) -> str | None:
    """The province with most mentions, then its prefecture and county when each holds at least
    ``dominant_share`` of the mentions one level up (one stray 北京 in a Hangzhou text changes nothing).
    The whole country (100000) when national mentions (中国, 全国, 我国) outnumber the top province's."""
    g = gazetteer()
    chains = [g.by_code[c].ancestors() for c in codes if c in g.by_code]
    top = max(Counter(ch[0] for ch in chains).values(), default=0)
    if n_national and n_national > top:
        return _national().adcode
    if not chains:
        return None
    share = _national().share
    best: str | None = None
    pool = chains
    for depth in range(3):
        counts = Counter(ch[depth] for ch in pool if len(ch) > depth)
        if not counts:
            break
        code, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if best is not None and n < share * len(pool):
            break
        best = code
        pool = [ch for ch in pool if len(ch) > depth and ch[depth] == code]
    return best


class RegionIndex:
    """The decided places of one document, by sentence and by article, and the regions they give."""

    def __init__(self, mentions: list[PlaceMention]) -> None:
        self.mentions = mentions
        self.by_sent: dict[int | None, list[str]] = {}
        self.by_art: dict[int | None, list[str]] = {}
        self.support: dict[str, dict[int | None, set[str]]] = {"sentence": {}, "article": {}}
        g = gazetteer()
        for m in mentions:
            if m.adcode is None:
                continue
            self.by_sent.setdefault(m.sentence_index, []).append(m.adcode)
            self.by_art.setdefault(m.article_index, []).append(m.adcode)
            anc = set(g.by_code[m.adcode].ancestors())
            self.support["sentence"].setdefault(m.sentence_index, set()).update(anc)
            self.support["article"].setdefault(m.article_index, set()).update(anc)
        self.doc_support = set().union(*self.support["article"].values()) if self.support["article"] else set()
        self.above = set().union(*(gazetteer().by_code[m.adcode].ancestors() for m in mentions
                                   if m.adcode and gazetteer().by_code[m.adcode].level != "county"))
        nat = Counter(m.article_index for m in mentions if m.national and not m.frame)  # not 居全国首位
        self.document = dominant([m.adcode for m in mentions if m.adcode and not m.national], sum(nat.values()))
        arts = set(self.by_art) | set(nat)
        self._art_dom = {a: dominant(self.by_art.get(a, []), nat.get(a, 0)) for a in arts}

    def context(self, sentence_index: int | None, article_index: int | None) -> tuple[str | None, str]:
        """(code, source) for a row with no place of its own: its sentence's places when they lie on
        one chain or share a division, else its article's dominant region, else its document's."""
        code = chain_code(self.by_sent.get(sentence_index, []))
        if code:
            return code, "sentence"
        code = self._art_dom.get(article_index)
        if code:
            return code, "article"
        return (self.document, "document") if self.document else (None, "none")

    def of_name(self, name: str | None, sentence_index: int | None,
                article_index: int | None) -> tuple[str | None, str]:
        """(code, "name") from the places written in an organization's name (上城区发改经信局 -> 330102;
        国家电网浙江省电力公司 -> 330000), else the national code for a national body (国务院,
        国家发展改革委, 财政部), else (None, "none")."""
        if not name:
            return None, "none"
        ms = [m for m in scan(name) if not m.national]
        if not ms:
            return (_national().adcode, "national") if is_national(name) else (None, "none")
        scopes = [("sentence", self.support["sentence"].get(sentence_index, set())),
                  ("article", self.support["article"].get(article_index, set())),
                  ("document", self.doc_support), ("above", self.above)]
        for m in ms:
            decide(m, scopes)
        code = chain_code([m.adcode for m in ms if m.adcode])
        return (code, "name") if code else (None, "none")

    def for_row(self, name: str | None, sentence_index: int | None, article_index: int | None,
                before: str = "") -> tuple[str | None, str]:
        """An organization's own name first, then the context of its sentence; a foreign body (its name,
        or the text just ``before`` its mention, starts with a foreign country) none."""
        foreign = _national().foreign
        if name and (name.startswith(foreign) or before.endswith(foreign)):
            return None, "foreign"
        code, how = self.of_name(name, sentence_index, article_index)
        return (code, how) if code else self.context(sentence_index, article_index)

