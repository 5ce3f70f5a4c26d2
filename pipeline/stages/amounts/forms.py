"""The fixed forms of GUIDELINES §2 besides number+unit: densities, ratios, written percents,
fractions, X级 levels, currency symbols and codes, bare level magnitudes, and a 亿 magnitude
in a money context (超300亿). Each handler takes the scanner match and returns one row or None."""

from __future__ import annotations

import re

from pipeline.core.numbers import fold, parse_fraction, parse_number
from pipeline.core.records import Amount
from pipeline.stages.amounts.context import (
    Scan,
    has_magnitude_or_arabic,
    number_ok,
    number_value,
    qual_merge,
    round12,
)
from pipeline.stages.amounts.lexicon import CN_CHARS, DQUOTE_CLOSE, DQUOTE_OPEN, MAG_CHARS

_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n（）()]")  # 、 lists share the money word


def density(scan: Scan, m: re.Match) -> Amount | None:
    """507公里/万平方公里 -> 0.0507 km/km2."""
    lx = scan.lex
    v, _ = number_value(m.group("dn"))
    if v is None or not number_ok(m.group("dn"), lx.units.get(lx.dens_number_unit)):
        return None
    mag = {"十": 10, "百": 100, "千": 1000, "万": 10000}.get(m.group("dmag") or "", 1)
    ns = m.start("dn")
    if scan.bad_context(ns, m.end("dn")):
        return None
    s, pq, _ = scan.prefix(ns)
    e, sq = scan.suffix(m.end())
    return scan.make(s, e, round12(v / mag), None, lx.dens_unit, lx.dens_quantity, qual_merge(pq, sq))


def ratio(scan: Scan, m: re.Match) -> Amount | None:
    """2.2∶1 -> 2.2; a clock time 10:30 is not a ratio."""
    a, b = parse_number(m.group("ra")), parse_number(m.group("rb"))
    if a is None or not b:
        return None
    ra, rb = m.group("ra"), m.group("rb")
    if ":" in m.group() and len(fold(rb)) == 2 and "." not in ra and "." not in rb:
        return None
    ms, me = m.span()
    if scan.bad_context(ms, me):
        return None
    s, pq, _ = scan.prefix(ms)
    e, sq = scan.suffix(me)
    return scan.make(s, e, round12(a / b), None, "ratio", "ratio", qual_merge(pq, sq))


def percent(scan: Scan, m: re.Match) -> Amount | None:
    """百分之四十 -> 40 %; 百分之八到九 -> 8 to 9 %."""
    pct = m.group("pct")
    v = parse_number(pct)
    while v is None and len(pct) > 1:  # 百分之七十百分位: the numeral ends before 百分位
        pct = pct[:-1]
        v = parse_number(pct)
    if v is None:
        return None
    me = m.start("pct") + len(pct)
    vmax = None
    if m.group("pct2") is not None and pct == m.group("pct"):
        v2 = parse_number(m.group("pct2"))
        if v2 is not None and v2 > v:
            vmax, me = v2, m.end("pct2")
    s, pq, _ = scan.prefix(m.start())
    e, sq = scan.suffix(me)
    return scan.make(s, e, round12(v), round12(vmax), "%", "percent", qual_merge(pq, sq))


def fraction(scan: Scan, m: re.Match) -> Amount | None:
    """三分之一, 1/4 -> the fraction (not 第三分之一…)."""
    frac = parse_fraction(m.group())
    if frac is None:
        return None
    ms, me = m.span()
    if m.group("fa") is not None and scan.bad_context(ms, me):
        return None
    if m.group("fden") is not None and scan.lex.ordinal_mark and scan.text.endswith(scan.lex.ordinal_mark, 0, ms):
        return None
    s, pq, _ = scan.prefix(ms)
    e, sq = scan.suffix(me)
    return scan.make(s, e, round12(frac), None, "ratio", "ratio", qual_merge(pq, sq))


def level(scan: Scan, m: re.Match) -> Amount | None:
    """千亿级, “百亿”级, 100亿元级 (about; CNY unless 美元 or a counted noun is written)."""
    lx = scan.lex
    num = m.group("lv")
    v, _ = number_value(num.strip(DQUOTE_CLOSE))
    if v is None or scan.bad_context(m.start("lv"), m.end("lv")) or not has_magnitude_or_arabic(num):
        return None
    if not (m.group("lvn") or m.group("lvu")) and not any(c in MAG_CHARS for c in num):
        return None  # 6.8级地震, 乌什县7.1级地震: a magnitude or a rank, no scale of money (a level names 千, 万, 亿)
    ns = m.start("lv")
    if m.group("lvq") and ns > 0 and scan.text[ns - 1] in DQUOTE_OPEN:
        ns -= 1  # the opening quote belongs to the mention (“百亿”级)
    s, _, _ = scan.prefix(ns)
    if m.group("lvn"):
        unit, quantity = m.group("lvn"), "count"
    elif m.group("lvu"):
        unit, quantity = lx.level_currencies[m.group("lvu")], "money"  # 十亿美元级 ([levels] currencies)
    else:
        unit, quantity = lx.level_unit, lx.level_quantity
    return scan.make(s, m.end(), round12(v), None, unit, quantity, "about")


def symbol(scan: Scan, m: re.Match) -> Amount | None:
    """￥300, $20, USD 100: the currency written before the number."""
    lx = scan.lex
    v, _ = number_value(m.group("sn"))
    if v is None:
        return None
    sym = m.group("sym").strip()
    unit = lx.symbols.get(sym) or lx.codes.get(sym, "CNY")
    ms, me = m.span()
    e, sq = scan.suffix(me)
    s, pq, _ = scan.prefix(ms)
    return scan.make(s, e, round12(v), None, unit, "money", qual_merge(pq, sq))


def bare_level(scan: Scan, m: re.Match) -> Amount | None:
    """千亿产业规模: a bare level magnitude, not part of a longer numeral on either side."""
    t = scan.text
    ms, me = m.span()
    prev, nxt = t[ms - 1:ms], t[me:me + 1]
    if (prev and (prev in CN_CHARS or prev.isdigit() or prev in "余多几数")) or (
        nxt and (nxt in CN_CHARS or nxt.isdigit())
    ):
        return None
    if scan.bad_context(ms, me):
        return None
    s, _, _ = scan.prefix(ms)
    return scan.make(s, me, round12(parse_number(m.group("bare"))), None, scan.lex.level_unit,
                     scan.lex.level_quantity, "about")


def money_context(scan: Scan, ns: int, ne: int) -> bool:
    """A money word (收入, 投资, 产值 …) in the same clause before the number, not part of a
    word for a person (投资者)."""
    lx = scan.lex
    t = scan.text
    lo = max(0, ns - lx.money_window)
    window = t[lo:ns]
    cut = max((mm.end() for mm in _CLAUSE_END.finditer(window)), default=0)
    window = window[cut:]
    for w in lx.money_words:
        k = window.rfind(w)
        if k >= 0 and not window[k + len(w):k + len(w) + 1].startswith(lx.money_not_after):
            return True
    return False


def headline_money(scan: Scan, m: re.Match) -> Amount | None:
    """超300亿 with no unit: CNY when a money word leads its clause (地税收入超300亿); a 亿
    magnitude elsewhere (人口已达2.5亿) is people or things, so no row (precision first)."""
    ns, ne = m.span("hn")
    num = m.group("hn")
    if not has_magnitude_or_arabic(num[:-1]) or scan.bad_context(ns, ne):
        return None
    prev = scan.text[ns - 1:ns]
    if prev and (prev in CN_CHARS or prev.isdigit()):
        return None
    if not money_context(scan, ns, ne):
        return None
    v, over = number_value(num)
    if v is None:
        return None
    s, pq, _ = scan.prefix(ns)
    e, sq = scan.suffix(ne)
    return scan.make(s, e, round12(v), None, "CNY", "money", qual_merge(pq, "over" if over else None, sq))
