"""AMOUNTS stage: cardinal quantities with a unit, classifier, % or 倍 (GUIDELINES §2, §5).

One compiled regex finds number+unit candidates (it starts on a numeral
character, so the engine skips plain prose quickly); qualifiers are read from
the few characters around a candidate; general exclusion rules (ordinals,
identifiers, years, single digits with classifiers, idioms, book titles,
date spans) then filter. Units, qualifiers and idioms are data in configs/.

    extract_amounts(text, exclude=()) -> list[Amount]

never raises: any internal error yields the rows found so far (or none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.config import load_lexicon_toml, load_word_list
from pipeline.core.numbers import (
    BIG_UNITS,
    DIGITS,
    SMALL_UNITS,
    fold,
    parse_fraction,
    parse_number,
    parse_number_approx,
)
from pipeline.core.numbers import alternation as _alt
from pipeline.core.numbers import scan as scan_matches
from pipeline.core.records import Amount


@dataclass(frozen=True)
class UnitInfo:
    unit: str
    quantity: str
    kind: str
    factor: float
    only_before: tuple[str, ...]
    not_before: tuple[str, ...]
    arabic_only: bool
    cn_with_magnitude: bool
    max_value: float | None


_CN_DIGITS = "".join(DIGITS)
_CN_CHARS = _CN_DIGITS + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "廿卅"
_MAG_CHARS = "十百千万亿拾佰仟萬億"
_SINGLE_OK = set("二三四五六七八九两兩贰叁肆伍陆柒捌玖貳")  # single digits that count with a measure unit
_WS = r"[ \t\u3000\u00a0]*"
_WS_RE = re.compile(r"\s+")
_RANGE_SEP = r"(?:至|到|~|～|〜|-|—|–|－|－|―|—)"
_DQUOTE_OPEN = "“\"‘「"
_DQUOTE_CLOSE = "”\"’」"


def _alt_chars(chars: Sequence[str]) -> str:
    return "".join(re.escape(c) for c in chars) or "\\x00"


class _Lex:
    """Lexicons and the compiled scanner, built once per process."""

    def __init__(self) -> None:
        units = load_lexicon_toml("amounts/units.toml")
        quals = load_lexicon_toml("amounts/qualifiers.toml")
        self.units: dict[str, UnitInfo] = {}
        for u in units.get("unit", []):
            for w in u["written"]:
                self.units[w] = UnitInfo(
                    unit=w if u["unit"] == "=" else u["unit"],
                    quantity=u["quantity"],
                    kind=u.get("kind", "measure"),
                    factor=float(u.get("factor", 1)),
                    only_before=tuple(u.get("only_before", ())),
                    not_before=tuple(u.get("not_before", ())),
                    arabic_only=bool(u.get("arabic_only", False)),
                    cn_with_magnitude=bool(u.get("chinese_numerals_with_magnitude", False)),
                    max_value=float(u["max_value"]) if "max_value" in u else None,
                )
        dens = units.get("density", {})
        self.dens_num: dict[str, str] = dict(dens.get("numerator", {}))
        self.dens_den: dict[str, str] = dict(dens.get("denominator", {}))
        self.dens_unit: str = dens.get("unit", "km/km2")
        self.dens_quantity: str = dens.get("quantity", "density")
        self.symbols: dict[str, str] = dict(units.get("symbols", {}))

        self.prefix: dict[str, str] = {}
        for q, ws in quals.get("prefix", {}).items():
            for w in ws:
                self.prefix[w] = q
        self.prefix_blocked: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in quals.get("prefix_blocked_after", {}).items()
        }
        self.prefix_bare_only = set(quals.get("prefix_bare_magnitude_only", {}).get("words", []))
        self.suffix: dict[str, str] = {}
        for q, ws in quals.get("suffix", {}).items():
            for w in ws:
                self.suffix[w] = q
        self.suffix_blocked: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in quals.get("suffix_blocked_before", {}).items()
        }
        self.infix: dict[str, str] = {}
        for q, ws in quals.get("infix", {}).items():
            for w in ws:
                self.infix[w] = q
        self.horizon_words = tuple(quals.get("horizon", {}).get("words", []))
        self.duration_exact = set(quals.get("duration_exact_prefixes", {}).get("words", []))
        lv = quals.get("levels", {})
        self.level_suffixes = list(lv.get("suffixes", ["级"]))
        self.bare_levels = list(lv.get("bare_levels", []))
        self.bare_need_suffix = list(lv.get("bare_levels_need_suffix", []))
        self.level_unit = lv.get("default_unit", "CNY")
        self.level_quantity = lv.get("default_quantity", "money")
        self.idioms = [w for w in load_word_list("amounts/number_idioms.txt")]

        cn = f"[{_CN_CHARS}]"
        # thousands separators: ASCII digits take ",", full-width digits "，" too
        # (１，０００元); "20，300" with ASCII digits is two numbers in a list
        # Repetition is bounded everywhere: a long OCR run of digits (20252025…) must
        # cost O(n), not O(n²) (each start position tries at most a few dozen chars).
        arabic = (r"[0-9０-９]{1,30}(?:(?:,|(?<=[０-９])，)[0-9０-９]{3}(?![0-9０-９])){0,8}"
                  r"(?:[.．][0-9０-９]{1,12})?")
        # a number: Arabic with an optional Chinese magnitude (1.5万, 8000余万, 3万亿),
        # or Chinese numerals (三十, 两万亿, 几十, 十几, 三点五); 负 for a sign.
        num = (
            rf"(?:负|零下|(?<![\d%.A-Za-z])[-－](?=\d))?(?:{arabic}(?:{_WS}[余多](?={_WS}[{_MAG_CHARS}]))?(?:{_WS}[{_MAG_CHARS}]{{1,4}})?"
            rf"|(?:[几数](?=[十百千万亿]))?{cn}{{1,24}}(?:点[{_CN_DIGITS}]{{1,12}})?几?)"
        )
        unit_alt = _alt(list(self.units))
        lvl_alt = _alt(self.level_suffixes)
        dn = _alt(list(self.dens_num))
        dd = _alt(list(self.dens_den))
        pattern = (
            # density 507公里/万平方公里
            rf"(?P<dn>{num}){_WS}(?P<dnu>{dn}){_WS}/{_WS}(?P<dmag>[十百千万])?(?P<ddu>{dd})"
            # ratio 2.2∶1
            rf"|(?P<ra>{arabic}){_WS}[∶:]{_WS}(?P<rb>{arabic})(?![\d:∶])"
            # percent written out 百分之四十
            rf"|百分之(?P<pct>(?:负)?(?:{arabic}|{cn}{{1,24}}(?:点[{_CN_DIGITS}]{{1,12}})?))"
            # fraction 三分之一
            rf"|(?P<fden>{arabic}|{cn}{{1,24}})分之(?P<fnum>{arabic}|{cn}{{1,24}}(?:点[{_CN_DIGITS}]{{1,12}})?)"
            # fraction 1/4 (not a date 2023/5/5)
            rf"|(?<![\d/])(?P<fa>\d{{1,12}})/(?P<fb>\d{{1,12}})(?![\d/])"
            # X级 levels 千亿级, “百亿”级, 100亿元级, 千万粉丝量级
            rf"|(?P<lv>{num})(?P<lvq>[{_DQUOTE_CLOSE}])?(?P<lvu>元|美元)?(?P<lvn>[\u4e00-\u9fff]{{1,2}}(?=量级))?(?P<lvs>{lvl_alt})"
            # currency symbol before the number: ￥300, $20
            rf"|(?P<sym>[{_alt_chars(self.symbols)}]){_WS}(?P<sn>{arabic}(?:{_WS}[{_MAG_CHARS}]{{1,4}})?)"
            # number (range) unit
            rf"|(?P<n1>{num})(?:{_WS}(?P<sep>{_RANGE_SEP}){_WS}(?:约)?(?P<n2>{num}))?{_WS}"
            rf"(?P<inf>[余多来])?{_WS}(?P<unit>{unit_alt})"
            # bare level magnitude with no unit (千亿产业规模)
            rf"|(?P<bare>{_alt(self.bare_levels)})"
        )
        self.rx = re.compile(pattern)
        # characters a mention can start with (numerals, 负/零下, 几/数)
        self.trigger = re.compile(rf"[\d{_CN_CHARS}负几数\-－{_alt_chars(self.symbols)}]")
        self.prefix_rx = re.compile(rf"(?:{_alt(list(self.prefix))}){_WS}[{_DQUOTE_OPEN}]?$")
        self.prefix_by_len = tuple(sorted(self.prefix, key=len, reverse=True))
        self.suffix_rx = re.compile(rf"{_WS}(?:{_alt(list(self.suffix))})")
        self.idiom_rx = re.compile(_alt(self.idioms)) if self.idioms else None
        self.book_rx = re.compile(r"《[^《》]{0,200}》")
        qn = units.get("quoted_names", {})
        qcls = qn.get("classifiers", [])
        n = int(qn.get("max_chars", 10))
        self.quoted_name_rx = re.compile(
            rf"[“\"]([^“”\"，。、；]{{0,{n}}}?[\u4e00-\u9fffA-Za-z][0-9０-９零〇一二两三四五六七八九十百千]+(?:{_alt(qcls)}))[”\"]"
        ) if qcls else None


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


@lru_cache(maxsize=4096)
def _is_bare_magnitude(s: str) -> bool:
    """千, 万, 亿, 千亿: magnitude characters with no digit (十 alone is the number ten)."""
    s = fold(s)
    return bool(s) and all(c in _MAG_CHARS for c in s) and s != "十"


def _has_magnitude_or_arabic(s: str) -> bool:
    return any(c.isdigit() for c in s) or any(c in _MAG_CHARS for c in s) or "廿" in s or "卅" in s


@lru_cache(maxsize=8192)
def _number_ok(s: str, unit: UnitInfo | None) -> bool:
    """GUIDELINES §2 numeral rules: Chinese numerals need 十百千万亿; single digits
    二…九/两 count only with a measurement unit; digit strings (二〇二〇) never."""
    s = fold(s).lstrip("-").removeprefix("负").removeprefix("零下")
    if any(c.isdigit() for c in s):
        return True
    if _has_magnitude_or_arabic(s):
        return True
    if len(s) == 1 and s in _SINGLE_OK:
        return unit is not None and unit.kind == "measure"
    return False


class _Scan:
    """Per-call state: the text, forbidden spans, results."""

    def __init__(self, text: str, exclude: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.lex = _lex()
        self.exclude = exclude
        self._block: list[tuple[int, int]] | None = None  # built on the first candidate only

    def blocked(self, s: int, e: int) -> bool:
        if self._block is None:
            blk = [(int(a), int(b)) for a, b in self.exclude]
            if "《" in self.text:
                blk.extend(m.span() for m in self.lex.book_rx.finditer(self.text))
            if self.lex.idiom_rx is not None:
                blk.extend(m.span() for m in self.lex.idiom_rx.finditer(self.text))
            if self.lex.quoted_name_rx is not None and ("“" in self.text or '"' in self.text):
                blk.extend(m.span(1) for m in self.lex.quoted_name_rx.finditer(self.text))
            self._block = blk
        return any(a < e and s < b for a, b in self._block)

    def prefix(self, s: int) -> tuple[int, str | None, str | None]:
        """Qualifier word right before position s: (new start, qualifier, word)."""
        lex = self.lex
        lo = max(0, s - 8)
        m = lex.prefix_rx.search(self.text, lo, s)
        if not m:
            return s, None, None
        word = _WS_RE.sub("", self.text[m.start():m.end()]).rstrip(_DQUOTE_OPEN)
        # the regex may pick a shorter word inside a longer one; take the longest ending at s
        best = None
        for w in lex.prefix_by_len:
            if word.endswith(w):
                best = w
                break
        if best is None:
            return s, None, None
        ws = m.start() + (len(word) - len(best))
        before = self.text[ws - 1] if ws > 0 else ""
        if before and before in lex.prefix_blocked.get(best, ()):
            return s, None, None
        return ws, lex.prefix[best], best

    def suffix(self, e: int) -> tuple[int, str | None]:
        m = self.lex.suffix_rx.match(self.text, e)
        if not m:
            return e, None
        word = _WS_RE.sub("", m.group())
        nxt = self.text[m.end():m.end() + 1]
        if nxt and nxt in self.lex.suffix_blocked.get(word, ()):
            return e, None
        return m.end(), self.lex.suffix[word]

    def bad_context(self, ns: int, ne: int) -> bool:
        """Ordinals (第3批), identifiers (G60, 5G, 1+N), versions (2.0版) around the number [ns, ne)."""
        t = self.text
        j = ns - 1
        while j >= 0 and t[j] in " \t\u3000":
            j -= 1
        if j >= 0:
            c = t[j]
            if j > 0 and ((c == "," and t[j - 1].isdigit()) or (c == "，" and "０" <= t[j - 1] <= "９")):
                return True  # the tail of a longer number (１，０００)
            if c == "第" or c in "+＋#＃/／.．" or (c.isascii() and c.isalnum()) or c == "_":
                return True
        k = ne
        if k < len(t) and t[k] in "+＋":
            return True
        return False


def _qual_merge(*qs: str | None) -> str:
    for q in qs:
        if q:
            return q
    return "exact"


@lru_cache(maxsize=8192)
def _value(s: str) -> tuple[float | None, bool]:
    """Number value with 余/多 inside (8000余万 -> 8e7, over) handled."""
    t = _WS_RE.sub("", s)
    over = False
    m = re.search(r"(\d)([余多])(?=[十百千万亿])", t)
    if m:
        t = t[: m.start(2)] + t[m.end(2):]
        over = True
    v, approx = parse_number_approx(t)
    return v, over or approx


def _mk(scan: _Scan, s: int, e: int, value: float | None, vmax: float | None, unit: str | None,
        quantity: str, qual: str) -> Amount:
    return Amount(start=s, end=e, text=scan.text[s:e], value=value, value_max=vmax, unit=unit,
                  quantity=quantity, qualifier=qual)


def _round(v: float | None) -> float | None:
    """12 significant digits: 637.2 * 1e8 is 63720000000, not ...00001."""
    if v is None:
        return None
    return float(f"{v:.12g}")


def _handle(scan: _Scan, m: re.Match) -> Amount | None:
    lex = scan.lex
    t = scan.text
    g = m.groupdict()
    ms, me = m.span()

    if g["dn"] is not None:
        v, _ = _value(g["dn"])
        if v is None or not _number_ok(g["dn"], lex.units.get("公里")):
            return None
        mag = {"十": 10, "百": 100, "千": 1000, "万": 10000}.get(g["dmag"] or "", 1)
        ns = m.start("dn")
        if scan.bad_context(ns, m.end("dn")):
            return None
        s, pq, _ = scan.prefix(ns)
        e, sq = scan.suffix(me)
        return _mk(scan, s, e, _round(v / mag), None, lex.dens_unit, lex.dens_quantity, _qual_merge(pq, sq))

    if g["ra"] is not None:
        a, b = parse_number(g["ra"]), parse_number(g["rb"])
        if a is None or not b:
            return None
        # a clock time 10:30 is not a ratio
        if ":" in m.group() and len(fold(g["rb"])) == 2 and "." not in g["ra"] and "." not in g["rb"]:
            return None
        if scan.bad_context(ms, me):
            return None
        s, pq, _ = scan.prefix(ms)
        e, sq = scan.suffix(me)
        return _mk(scan, s, e, _round(a / b), None, "ratio", "ratio", _qual_merge(pq, sq))

    if g["pct"] is not None:
        pct = g["pct"]
        v = parse_number(pct)
        while v is None and len(pct) > 1:  # 百分之七十百分位: the numeral ends before 百分位
            pct = pct[:-1]
            v = parse_number(pct)
        if v is None:
            return None
        me = m.start("pct") + len(pct)
        s, pq, _ = scan.prefix(ms)
        e, sq = scan.suffix(me)
        return _mk(scan, s, e, _round(v), None, "%", "percent", _qual_merge(pq, sq))

    if g["fden"] is not None or g["fa"] is not None:
        frac = parse_fraction(m.group())
        if frac is None:
            return None
        if g["fa"] is not None and scan.bad_context(ms, me):
            return None
        if g["fden"] is not None and t[ms - 1:ms] == "第":
            return None
        s, pq, _ = scan.prefix(ms)
        e, sq = scan.suffix(me)
        return _mk(scan, s, e, _round(frac), None, "ratio", "ratio", _qual_merge(pq, sq))

    if g["lv"] is not None:
        num = g["lv"]
        v, _ = _value(num.strip(_DQUOTE_CLOSE))
        if v is None or scan.bad_context(m.start("lv"), m.end("lv")):
            return None
        if not (_has_magnitude_or_arabic(num)):
            return None
        ns = m.start("lv")
        # an opening quote before the number belongs to the mention (“百亿”级)
        if g["lvq"] and ns > 0 and t[ns - 1] in _DQUOTE_OPEN:
            ns -= 1
        s, pq, _ = scan.prefix(ns)
        if g["lvn"]:
            unit, quantity = g["lvn"], "count"
        elif g["lvu"] == "美元":
            unit, quantity = "USD", "money"
        else:
            unit, quantity = lex.level_unit, lex.level_quantity
        return _mk(scan, s, me, _round(v), None, unit, quantity, "about")

    if g["sym"] is not None:
        v, _ = _value(g["sn"])
        if v is None:
            return None
        unit = lex.symbols.get(g["sym"], "CNY")
        e, sq = scan.suffix(me)
        s, pq, _ = scan.prefix(ms)
        return _mk(scan, s, e, _round(v), None, unit, "money", _qual_merge(pq, sq))

    if g["bare"] is not None:
        # a bare level magnitude: not part of a longer numeral on either side
        prev = t[ms - 1:ms]
        nxt = t[me:me + 1]
        if (prev and (prev in _CN_CHARS or prev.isdigit() or prev in "余多几数")) or (
            nxt and (nxt in _CN_CHARS or nxt.isdigit())
        ):
            return None
        v = parse_number(g["bare"])
        s, pq, _ = scan.prefix(ms)
        return _mk(scan, s, me, _round(v), None, lex.level_unit, lex.level_quantity, "about")

    # generic number (range) unit
    n1, n2, uw = g["n1"], g["n2"], g["unit"]
    info = lex.units.get(uw)
    if info is None:
        return None
    if len(n1) == 1 and not n1.isdigit():  # fast path for 一个 / 两年 / 三项 (most rejections)
        if n1 in _SINGLE_OK:
            if info.kind != "measure":
                return None
        elif n1 not in _MAG_CHARS:
            return None
    # 12千米 / 2.3千克: a trailing magnitude that forms a longer unit belongs to the unit
    last = (n2 or n1)[-1:]
    if last in _MAG_CHARS and (last + uw) in lex.units and not g["inf"]:
        stripped = (n2 or n1)[:-1]
        # only after Arabic digits: 两千米 is 2000 m, 12千米 is 12 km
        if stripped and stripped[-1].isdigit():
            uw = last + uw
            info = lex.units[uw]
            if n2:
                n2 = stripped
            else:
                n1 = stripped
    nxt_after_unit = t[me:me + 3]
    if info.only_before and not any(nxt_after_unit.startswith(w) for w in info.only_before):
        return None
    if info.not_before and any(nxt_after_unit.startswith(w) for w in info.not_before):
        return None
    if uw.isascii() and nxt_after_unit[:1].isascii() and nxt_after_unit[:1].isalnum():
        return None  # 5m in 5min, 3A in 3AB
    if (info.arabic_only or info.cn_with_magnitude) and not any(c.isdigit() for c in n1):
        if info.arabic_only:
            return None
        # Chinese numerals only with a digit and a magnitude (两千分); 十分 / 万分 are adverbs
        f1 = fold(n1)
        if not (any(c in DIGITS and c not in "〇零" for c in f1) and any(c in _MAG_CHARS for c in f1)):
            return None
    # the numeral's first char must not continue a longer numeral / word on the left
    ns = m.start("n1")
    prev = t[ns - 1:ns]
    if prev and (prev in _CN_CHARS or prev.isdigit()):
        return None
    if scan.bad_context(ns, m.end("n1")):
        return None
    for n in (n1, n2):
        if n is not None and not _number_ok(n, info):
            return None
    # a 4-digit year before 年 is a date, not a duration (2021年, 2018-2020年, 30年代)
    if info.unit == "year":
        after = t[me:me + 1]
        if after == "代" or after == "级" or after == "度":
            return None
        for n in (n1, n2):
            if n is not None:
                f = fold(n)
                if re.fullmatch(r"\d{4}", f) or (len(f) >= 3 and all(c in _CN_DIGITS for c in f)):
                    return None
    v1, ov1 = _value(n1)
    if v1 is None:
        return None
    v2 = None
    if n2 is not None:
        v2, _ = _value(n2)
        if v2 is None:
            return None
        # 30—50亿元: the magnitude written on the second number applies to the first
        mag2 = re.search(rf"[{_MAG_CHARS}]+$", _WS_RE.sub("", n2))
        if mag2 and not re.search(rf"[{_MAG_CHARS}]", n1):
            mv = parse_number(mag2.group())
            if mv:
                v1 = v1 * mv
        if v2 < v1:
            return None
    s, pq, pword = scan.prefix(ns)
    if pword in lex.prefix_bare_only and not _is_bare_magnitude(n1):
        s, pq, pword = ns, None, None
    # bare magnitudes with a classifier or time unit need a qualifier (近千家, 上万人);
    # 百年 / 千年 alone are idiomatic
    if info.kind != "measure" and _is_bare_magnitude(n1) and pq is None and not g["inf"]:
        return None
    if _is_bare_magnitude(n1):
        # 每万元GDP / 单位亿元 are per-unit denominators, not amounts; bare 万元 alone is one too
        before = _WS_RE.sub("", t[max(0, ns - 2):ns])
        if before.endswith(("每", "单位")) or (fold(n1) in ("万", "萬") and info.quantity == "money" and pq is None):
            return None
    if (info.quantity == "duration" and not ov1 and not g["inf"]
            and _WS_RE.sub("", t[max(0, s - 3):s]).endswith(lex.horizon_words)):
        return None  # 未来十年 / 今后五年 is a target horizon, not a measured duration
    iq = lex.infix.get(g["inf"]) if g["inf"] else None
    if g["inf"] == "来":
        iq = "about"
    e, sq = scan.suffix(me)
    if sq is not None and info.kind == "classifier" and _WS_RE.sub("", t[me:e]) in ("多", "余"):
        e, sq = me, None  # 3年多 is over 3 years, but 10个多功能厅 is not "over 10"
    qual = _qual_merge(pq, "over" if ov1 else None, iq, sq)
    if info.quantity == "duration" and pword in lex.duration_exact and not (ov1 or iq or sq):
        qual = "exact"
    if info.max_value is not None and max(v1, v2 or 0) > info.max_value:
        return None
    factor = info.factor
    value = _round(v1 * factor)
    vmax = _round(v2 * factor) if v2 is not None else None
    unit = info.unit
    if info.quantity == "count":
        unit = unit.replace("（", "(").replace("）", ")")
    # a bare single magnitude with a currency is a level: 亿元产业项目 -> 1e8 exact;
    # two-character magnitudes (千亿元) are about, as X级
    if _is_bare_magnitude(n1) and info.quantity == "money" and len(fold(n1)) >= 2 and pq is None:
        qual = "about"
    return _mk(scan, s, e, value, vmax, unit, info.quantity, qual)


def _merge_ranges(scan: _Scan, rows: list[Amount]) -> list[Amount]:
    """30%-50%, 3亿元至5亿元: two amounts of one unit joined by a range mark are one range."""
    if len(rows) < 2:
        return rows
    out: list[Amount] = [rows[0]]
    sep_rx = re.compile(rf"{_WS}{_RANGE_SEP}{_WS}")
    for r in rows[1:]:
        p = out[-1]
        gap = scan.text[p.end:r.start]
        if (
            p.unit == r.unit and p.quantity == r.quantity and p.value_max is None and r.value_max is None
            and gap and sep_rx.fullmatch(gap) and p.value is not None and r.value is not None
            and r.value >= p.value and p.qualifier in ("exact", "about")
        ):
            # 约30%—40%: the first number's 约 covers the range; 3亿元至5亿元以上 keeps the suffix
            q = p.qualifier if p.qualifier != "exact" else r.qualifier
            out[-1] = Amount(start=p.start, end=r.end, text=scan.text[p.start:r.end], value=p.value,
                             value_max=r.value, unit=p.unit, quantity=p.quantity, qualifier=q)
        else:
            out.append(r)
    return out


def extract_amounts(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Amount]:
    """Amounts in ``text`` (offsets relative to it), skipping spans in ``exclude`` (dates)."""
    rows: list[Amount] = []
    try:
        if not isinstance(text, str) or not text:
            return rows
        lex = _lex()
        if lex.trigger.search(text) is None:
            return rows
        scan = _Scan(text, exclude or ())
        for m in scan_matches(scan.lex.trigger, scan.lex.rx, text):
            try:
                a = _handle(scan, m)
            except Exception:
                a = None
            if a is None or a.start >= a.end:
                continue
            if scan.blocked(a.start, a.end):  # the span as widened by its qualifier words
                continue
            if rows and a.start < rows[-1].end:
                continue
            rows.append(a)
        rows = _merge_ranges(scan, rows)
    except Exception:
        return rows
    return rows
