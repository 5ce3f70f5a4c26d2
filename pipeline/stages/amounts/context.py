"""What surrounds a number: qualifiers, forbidden spans, identifier and ordinal context,
and the numeral rules of GUIDELINES §2 (which numerals may stand before which unit)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.core.numbers import EMOJI_MARKS, fold, parse_number_approx
from pipeline.core.records import Amount
from pipeline.stages.amounts.lexicon import (
    CN_CHARS,
    DQUOTE_OPEN,
    MAG_CHARS,
    WS_RE,
    Lex,
    UnitInfo,
    lex,
)

SINGLE_OK = set("二三四五六七八九两兩贰叁肆伍陆柒捌玖貳")  # single digits that count with a measure unit
_EMOJI = set(EMOJI_MARKS)


@lru_cache(maxsize=4096)
def is_bare_magnitude(s: str) -> bool:
    """千, 万, 亿, 千亿: magnitude characters with no digit (十 alone is the number ten)."""
    s = fold(s)
    return bool(s) and all(c in MAG_CHARS for c in s) and s != "十"


def has_magnitude_or_arabic(s: str) -> bool:
    return any(c.isdigit() for c in s) or any(c in MAG_CHARS for c in s) or "廿" in s or "卅" in s


@lru_cache(maxsize=8192)
def number_ok(s: str, unit: UnitInfo | None) -> bool:
    """GUIDELINES §2 numeral rules: Chinese numerals need 十百千万亿; single digits
    二…九/两 count only with a measurement unit; digit strings (二〇二〇) never."""
    s = fold(s).lstrip("-").removeprefix("负").removeprefix("零下")
    if any(c.isdigit() for c in s) or has_magnitude_or_arabic(s) or "点" in s:
        return True  # 四点五个百分点: a decimal is a number, never an article
    if len(s) == 1 and (s in SINGLE_OK or s == "半"):
        return unit is not None and unit.kind == "measure"
    return False


@lru_cache(maxsize=8192)
def number_value(s: str) -> tuple[float | None, bool]:
    """Number value with 余/多 inside (8000余万 -> 8e7, over) handled; 半 is one half."""
    t = WS_RE.sub("", s)
    if t == "半":
        return 0.5, False
    over = False
    m = re.search(r"([\d〇零一二三四五六七八九十百千两])([余多])(?=[十百千万亿萬億])", t)  # 一千多万
    if m:
        t = t[: m.start(2)] + t[m.end(2):]
        over = True
    v, approx = parse_number_approx(t)
    return v, over or approx


def qual_merge(*qs: str | None) -> str:
    for q in qs:
        if q:
            return q
    return "exact"


def round12(v: float | None) -> float | None:
    """12 significant digits: 637.2 * 1e8 is 63720000000, not ...00001."""
    if v is None:
        return None
    return float(f"{v:.12g}")


class Scan:
    """Per-call state: the text, forbidden spans (dates, book titles, idioms, quoted names)."""

    def __init__(self, text: str, exclude: Sequence[tuple[int, int]],
                 titles: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.lex: Lex = lex()
        self.exclude = exclude
        self.titles = titles  # 《…》 spans, from the sentence stage
        self._block: list[tuple[int, int]] | None = None  # built on the first candidate only

    def make(self, s: int, e: int, value: float | None, vmax: float | None, unit: str | None,
             quantity: str, qual: str) -> Amount:
        return Amount(start=s, end=e, text=self.text[s:e], value=value, value_max=vmax, unit=unit,
                      quantity=quantity, qualifier=qual)

    def blocked(self, s: int, e: int) -> bool:
        if self._block is None:
            lx, t = self.lex, self.text
            blk = [(int(a), int(b)) for a, b in self.exclude]
            blk.extend((int(a), int(b)) for a, b in self.titles)
            if lx.idiom_rx is not None:
                blk.extend(m.span() for m in lx.idiom_rx.finditer(t))
            if lx.quoted_name_rx is not None and ("“" in t or '"' in t):
                blk.extend(m.span(1) for m in lx.quoted_name_rx.finditer(t))
            self._block = blk
        return any(a < e and s < b for a, b in self._block)

    def in_quoted_name(self, s: int, e: int) -> bool:
        """An amount inside a short quotation that goes on after it (“十项重大工程”) or holds a
        second numeral (“千项万亿”) is part of a name, not a quantity (GUIDELINES §2 names)."""
        t = self.text
        if "“" not in t:
            return False
        open_ = t.rfind("“", max(0, s - 16), s + 1)  # a short quotation only: bounded look back
        if open_ < 0 or "”" in t[open_:s]:
            return False
        m = self.lex.quoted_span_rx.match(t, open_)
        if m is None or m.end(1) < e:
            return False
        after = t[e:m.end(1)]
        before = t[open_ + 1:s]
        other_number = any(c in CN_CHARS or c.isdigit() for c in before + after)
        if after:
            return other_number or len(after) >= 2
        return other_number and t[m.end():m.end() + 1] not in self.lex.level_suffixes

    def prefix(self, s: int) -> tuple[int, str | None, str | None]:
        """Qualifier word right before position s: (new start, qualifier, word)."""
        lx = self.lex
        m = lx.prefix_rx.search(self.text, max(0, s - 8), s)
        if not m:
            return s, None, None
        word = WS_RE.sub("", self.text[m.start():m.end()]).rstrip(DQUOTE_OPEN)
        # the regex may pick a shorter word inside a longer one; take the longest ending at s
        best = next((w for w in lx.prefix_by_len if word.endswith(w)), None)
        if best is None:
            return s, None, None
        ws = m.start() + (len(word) - len(best))
        before = self.text[ws - 1] if ws > 0 else ""
        if before and before in lx.prefix_blocked.get(best, ()):
            return s, None, None
        return ws, lx.prefix[best], best

    def suffix(self, e: int) -> tuple[int, str | None]:
        m = self.lex.suffix_rx.match(self.text, e)
        if not m:
            return e, None
        word = WS_RE.sub("", m.group())
        nxt = self.text[m.end():m.end() + 1]
        if nxt and nxt in self.lex.suffix_blocked.get(word, ()):
            return e, None
        return m.end(), self.lex.suffix[word]

    def bad_context(self, ns: int, ne: int) -> bool:
        """Ordinals (第3批), identifiers (G60, 5G, 1+N), versions (2.0版) and emoji sequences
        (5️⃣0️⃣0️⃣亿元) around the number [ns, ne)."""
        t = self.text
        j = ns - 1
        while j >= 0 and t[j] in " \t\u3000":
            j -= 1
        if j >= 0:
            c = t[j]
            if j > 0 and ((c == "," and t[j - 1].isdigit()) or (c == "，" and "０" <= t[j - 1] <= "９")):
                return True  # the tail of a longer number (１，０００)
            if c == self.lex.ordinal_mark or c in "+＋#＃/／.．%=&" or (c.isascii() and c.isalnum()) or c == "_" or c in _EMOJI:
                return True
            orx = self.lex.ordinal_before_rx
            if c in self.lex.ordinal_last and orx is not None and orx.search(t, max(0, ns - 8), ns):
                return True  # 第一个十年: the first decade, an ordinal
        if ne < len(t) and (t[ne] in "+＋" or t[ne] in _EMOJI):
            return True
        return False
