"""Number (or range) + unit: the general form of GUIDELINES §2 (505亿元, 1.5万余家, 30—50亿元,
三斤半, 14.2万台（套）, 1分/千瓦时). The unit decides which numerals may stand before it
(UnitInfo.kind); the checks below reject ordinals, years, identifiers and per-unit denominators."""

from __future__ import annotations

import re

from pipeline.core.numbers import DIGITS, fold, parse_number
from pipeline.core.records import Amount
from pipeline.stages.amounts.context import (
    SINGLE_OK,
    Scan,
    is_bare_magnitude,
    number_ok,
    number_value,
    qual_merge,
    round12,
)
from pipeline.stages.amounts.lexicon import CN_CHARS, CN_DIGITS, MAG_CHARS, WS_RE, UnitInfo

_YEAR4 = re.compile(r"\d{4}")
_MAG_END = re.compile(rf"[{MAG_CHARS}]+$")


def _quick_reject(n1: str, info: UnitInfo, half: bool) -> bool:
    """一个 / 两年 / 三项: the most frequent rejections, decided on one character
    (一吨半 is one and a half tonnes: 一 before a measure unit and 半 is no article)."""
    if len(n1) == 1 and not n1.isdigit():
        if n1 == "一" and half:
            return info.kind != "measure"
        if n1 in SINGLE_OK or n1 == "半":
            return info.kind != "measure"
        return n1 not in MAG_CHARS
    return False


def _unit_fits(scan: Scan, m: re.Match, n1: str, uw: str, info: UnitInfo) -> bool:
    """The unit's own conditions: what may follow it, which numerals it takes."""
    nxt = scan.text[m.end("unit"):m.end("unit") + 3]
    if info.only_before and not any(nxt.startswith(w) for w in info.only_before):
        return False
    if info.not_before and any(nxt.startswith(w) for w in info.not_before):
        return False
    if uw.isascii() and nxt[:1].isascii() and nxt[:1].isalnum():
        return False  # 5m in 5min, 3A in 3AB
    ns = m.start("n1")
    if info.not_after and scan.text[max(0, ns - max(map(len, info.not_after))):ns].endswith(info.not_after):
        return False  # 党的|二十大: the congress's short form, not a count
    if info.cn_only and not any(c.isdigit() for c in n1) and n1 not in info.cn_only:
        return False  # 十五大, 十七大: only the Chinese numerals listed stand before this unit
    if uw in scan.lex.session_classifiers and scan.lex.session_before_rx.search(scan.text[max(0, ns - 24):ns]):
        return False  # 十届十二次、十三次全会: which session, not how many times
    if uw.isascii() and uw[:1].isalpha() and n1[:1] in "-－" and ns > 0 and "\u4e00" <= scan.text[ns - 1] <= "\u9fff":
        return False  # 歼-35A, 运-20: a model name, not -35 A
    if info.needs_magnitude and not any(c in MAG_CHARS for c in fold(n1)):
        return False  # 120亿度 is kWh, 25度 is a slope
    if (info.arabic_only or info.cn_with_magnitude) and not any(c.isdigit() for c in n1):
        if info.arabic_only:
            return False
        # Chinese numerals only with a digit and a magnitude (两千分); 十分 / 万分 are adverbs
        f1 = fold(n1)
        if not (any(c in DIGITS and c not in "〇零" for c in f1) and any(c in MAG_CHARS for c in f1)):
            return False
    return True


def _is_year(scan: Scan, me: int, n1: str, n2: str | None) -> bool:
    """A 4-digit year before 年 is a date, not a duration (2021年, 2018-2020年, 30年代)."""
    if scan.text.startswith(scan.lex.year_word_after, me):
        return True
    for n in (n1, n2):
        if n is not None:
            f = fold(n)
            if _YEAR4.fullmatch(f) or (len(f) >= 3 and all(c in CN_DIGITS for c in f)):
                return True
    return False


def _range_values(n1: str, n2: str | None) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low has 余/多, ok): 30—50亿元 carries the second magnitude to the first."""
    v1, ov1 = number_value(n1)
    if v1 is None:
        return None, None, False, False
    if n2 is None:
        return v1, None, ov1, True
    v2, _ = number_value(n2)
    if v2 is None:
        return v1, None, ov1, False
    mag2 = _MAG_END.search(WS_RE.sub("", n2))
    if mag2 and not re.search(rf"[{MAG_CHARS}]", n1):
        mv = parse_number(mag2.group())
        if mv:
            v1 = v1 * mv
    return v1, v2, ov1, v2 >= v1


def _split_magnitude_unit(scan: Scan, n1: str, n2: str | None, uw: str, inf: str | None
                          ) -> tuple[str, str | None, str]:
    """12千米 / 2.3千克: after Arabic digits, a trailing magnitude that forms a longer unit
    belongs to the unit (两千米 stays 2000 m)."""
    last = (n2 or n1)[-1:]
    if last == "兆" and (last + uw) in scan.lex.units and len(n2 or n1) > 1:  # 五十兆字节: 兆 ends no numeral
        return (n1, n2[:-1], last + uw) if n2 else (n1[:-1], n2, last + uw)
    if last in MAG_CHARS and (last + uw) in scan.lex.units and not inf:
        stripped = (n2 or n1)[:-1]
        if stripped and stripped[-1].isdigit():
            return (n1, stripped, last + uw) if n2 else (stripped, n2, last + uw)
    return n1, n2, uw


def _bare_magnitude_ok(scan: Scan, ns: int, n1: str, info: UnitInfo, pq: str | None, inf: str | None) -> bool:
    """近千家 / 上万人 need a qualifier (百年 / 千年 alone are idiomatic), unless a verb of doing counts with the bare
    magnitude what it does (举办|百场…对接大会, 实施|千个…乡村: qualifiers.toml [bare_magnitude_after]); 每万元GDP and
    单位亿元 are per-unit denominators, bare 万元 alone is one too."""
    if not is_bare_magnitude(n1):
        return True
    before = WS_RE.sub("", scan.text[max(0, ns - 2):ns])
    # (no verbs configured: endswith(()) is False)
    done = before.endswith(scan.lex.bare_after_verbs) and len(fold(n1)) == 1 and info.unit in scan.lex.bare_after_classifiers
    if info.kind != "measure" and pq is None and not inf and not done:
        return False
    return not (before.endswith(scan.lex.per_unit_words) or (fold(n1) in ("万", "萬") and info.quantity == "money" and pq is None))


def _written_unit(scan: Scan, e: int, uw: str, info: UnitInfo) -> tuple[str, str, int]:
    """The unit as written, widened by a bracketed alternative (台（套）, 套（间）: brackets folded
    to ASCII as GUIDELINES folds full-width forms) or a denominator (a rate: 1分/千瓦时, 30万吨/日,
    778元/月 -> unit as written, quantity other); returns (unit, quantity, end)."""
    t = scan.text
    lx = scan.lex
    if info.quantity == "count":
        pm = lx.paren_unit_rx.match(t, e)
        if pm and pm.group("u") in lx.units and lx.units[pm.group("u")].quantity == "count":
            return uw + "(" + pm.group("u") + ")", "count", pm.end()
        return info.unit.replace("（", "(").replace("）", ")"), "count", e
    if lx.compound_rx is not None and info.quantity in ("money", "other"):
        cm = lx.compound_rx.match(t, e)
        if cm:
            return uw + cm.group(), "other", cm.end()
    return info.unit, info.quantity, e


_GROUP_HEAD = re.compile(r"(?<![\d.,，A-Za-z])\d{1,3}(?:，\d{3})*，$")


def _comma_group_start(scan: Scan, ns: int, n1: str) -> int | None:
    """发电量3，120亿度, 27，203，319，000元: ASCII digits grouped with full-width commas (older
    typesetting; the cleaner folds full-width digits but keeps the comma). The number starts
    at the first group when the candidate begins with exactly three digits. A head after a
    currency sign ($20，300美圆) is an amount of its own; a tail whose head cannot be read is
    dropped (None) rather than read as 000元 = 0."""
    if ns < 2 or scan.text[ns - 1] != "，" or not scan.text[ns - 2].isdigit() or not re.match(r"\d{3}(?!\d)", n1):
        return ns
    lo = max(0, ns - 48)
    hm = _GROUP_HEAD.search(scan.text, lo, ns)
    if hm is None:
        return None
    if scan.text[hm.start() - 1:hm.start()] in scan.lex.symbols and hm.start() > 0:
        return ns
    return hm.start()


def number_unit(scan: Scan, m: re.Match) -> Amount | None:
    """The general number (range) + unit form."""
    lx = scan.lex
    n1, n2, uw, inf, half = m.group("n1", "n2", "unit", "inf", "half")
    info = lx.units.get(uw)
    if info is None or _quick_reject(n1, info, bool(half)):
        return None
    n1, n2, uw = _split_magnitude_unit(scan, n1, n2, uw, inf)
    info = lx.units[uw]
    if not _unit_fits(scan, m, n1, uw, info):
        return None
    n1_start, n1_end = m.span("n1")
    ns = _comma_group_start(scan, n1_start, n1)
    if ns is None:
        return None
    if ns != n1_start:
        n1 = scan.text[ns:n1_start] + n1
    prev = scan.text[ns - 1:ns]
    if (prev and (prev in CN_CHARS or prev.isdigit())) or scan.bad_context(ns, n1_end):
        return None
    if not number_ok(n1, info) and not (n1 == "一" and half):
        return None
    if n2 is not None and not number_ok(n2, info):
        return None
    if info.unit == "year" and not inf and _is_year(scan, m.end(), n1, n2):
        return None  # (2600多年, 1000余年: an approximation between the number and 年 makes a span, never a year)
    v1, v2, ov1, ok = _range_values(n1, n2)
    if not ok or v1 is None:
        return None
    s, pq, pword = scan.prefix(ns)
    if pword in lx.prefix_bare_only and not is_bare_magnitude(n1):
        s, pq, pword = ns, None, None
    if not _bare_magnitude_ok(scan, ns, n1, info, pq, inf):
        return None
    if (info.quantity == "duration" and not ov1 and not inf
            and WS_RE.sub("", scan.text[max(0, s - 3):s]).endswith(lx.horizon_words)):
        return None  # 未来十年 / 今后五年 is a target horizon, not a measured duration
    if info.max_value is not None and max(v1, v2 or 0) > info.max_value:
        return None
    return _finish(scan, m, s, (v1, v2, ov1), uw, info, pq, pword)


def _finish(scan: Scan, m: re.Match, s: int, vals: tuple[float, float | None, bool], uw: str,
            info: UnitInfo, pq: str | None, pword: str | None) -> Amount:
    """Qualifier, 半, written unit and canonical value of an accepted number+unit."""
    lx = scan.lex
    v1, v2, ov1 = vals
    inf = m.group("inf")
    me = m.end("unit")
    if m.group("half") and info.kind == "measure" and v2 is None and not _half_blocked(scan, m.end("half")):
        v1, me = v1 + 0.5, m.end("half")  # 三斤半, 两米半
    unit, quantity, me = _written_unit(scan, me, uw, info)
    iq = "about" if inf == "来" else (lx.infix.get(inf) if inf else None)
    e, sq = scan.suffix(me)
    if sq is not None and info.kind == "classifier" and WS_RE.sub("", scan.text[me:e]) in ("多", "余"):
        e, sq = me, None  # 3年多 is over 3 years, but 10个多功能厅 is not "over 10"
    qual = qual_merge(pq, "over" if ov1 else None, iq, sq)
    if info.quantity == "duration" and pword in lx.duration_exact and not (ov1 or iq or sq):
        qual = "exact"
    n1 = m.group("n1")
    # a bare magnitude with a currency is a level: 亿元产业项目 -> 1e8 exact; two-character
    # magnitudes (千亿元) are about, as X级
    if is_bare_magnitude(n1) and info.quantity == "money" and len(fold(n1)) >= 2 and pq is None:
        qual = "about"
    value = round12(v1 * info.factor)
    vmax = round12(v2 * info.factor) if v2 is not None else None
    return scan.make(s, e, value, vmax, unit, quantity, qual)


def _half_blocked(scan: Scan, e: int) -> bool:
    """半 after a unit is "and a half" only when no word goes on with it (3米半径 is a radius)."""
    nxt = scan.text[e:e + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and not scan.text.startswith(scan.lex.half_may_follow, e)
