"""DATES stage: calendar points and periods as ISO-8601 (GUIDELINES §3, §5).

One compiled regex finds absolute dates (2020年5月11日, 2023-05-05, 2019年 12月
26日), years (2021年, 2010年度), periods (1—5月, 2018-2020年), quarters and
halves (一季度, 上半年), parts (年底, 6月初, 上旬), X以来, five-year plans
(十四五) and relative forms (今年, 去年6月, 年内, 4月17日, 同年11月).
Relative forms resolve against ``pub_date`` ('2024', '2024-06',
'2023-05-05', parsed by pipeline/core/pubdate.py); with no date the value is
None and the text is kept. Durations (三十年, 3年来, 近3年), vague times
(近日, 近年来) and dates inside 《…》 are not dates. Word lists are data in
configs/dates/dates.toml.

API (names are stable: the targets stage builds on them)::

    extract_dates(text, pub_date=None, context=None) -> list[DateMention]
        the dates table (GUIDELINES §3): points and periods, no horizons
    deadline_mentions(text, pub_date=None, context=None) -> list[DateMention]
        the same plus horizons (三年内, 未来十年, 用3至5年): what targets read

Every DateMention has
    kind      "point"   one calendar unit: 2025年, 2025年6月, 6月1日, 今年, 一季度, 上半年
              "period"  a start/end span: 十四五, 2021-2025年, 1—5月, 前三季度
              "horizon" a span counted from the anchor year, value = its last
                        year (三年内 -> pub + 3); only from deadline_mentions
    relative  True when the value needs the anchor (今年, 4月17日, 三年内)
    by_lead, by_tail   lengths of a "by / before / within" word right before
              (到, 至, 截至) or after (前, 之前, 以前, 以内) the mention:
              text[start - by_lead:end + by_tail] is the deadline phrase
              (到2025年, 2025年底前); ``by`` is True for those and for 年内 / horizons.
Kind follows the value's shape (a "/" makes a period); relative is a separate
flag, so 今年上半年 is a relative point and 去年1—5月 a relative period.
A deadline of a period is its end (十四五 -> 2025); 到2025年 is a point with a
by_lead, not a horizon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.config import load_lexicon_toml
from pipeline.core.numbers import alternation as _alt
from pipeline.core.numbers import parse_number
from pipeline.core.numbers import scan as scan_matches
from pipeline.core.pubdate import pub_year
from pipeline.core.records import DateMention
from pipeline.stages.dates.horizons import horizons, mark_by

_WS = r"[ \t\u3000\u00a0]{0,3}"
_WS_RE = re.compile(r"\s+")
_SEP = r"(?:-|—|–|－|―|~|～|〜|至|到)"
_CN_D = "〇零○一二三四五六七八九"
_YEAR = rf"(?:\d{{4}}|[{_CN_D}]{{4}})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_DAY = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_QUARTER = r"(?:前?第?[一二三四1-4]季度)"  # 前三季度 = Q1..Q3
_HALF = r"(?:[上下]半年)"


class _Lex:
    def __init__(self) -> None:
        cfg = load_lexicon_toml("dates/dates.toml")
        self.rel_years: dict[str, int] = {k: int(v) for k, v in cfg.get("relative_years", {}).items()}
        self.same_year = tuple(cfg.get("same_year", {}).get("words", []))
        self.year_parts = tuple(cfg.get("year_parts", {}).get("words", []))
        parts = cfg.get("parts", {})
        self.ypart = tuple(parts.get("year", []))
        self.mpart = tuple(parts.get("month", []))
        self.part_not_before = tuple(parts.get("not_before", []))
        self.since = tuple(cfg.get("since", {}).get("words", []))
        plans = cfg.get("plans", {})
        self.plan_base = int(plans.get("first_year_of_third", 1966))
        self.plan_after = tuple(plans.get("after", []))
        yrs = cfg.get("years", {})
        self.ymin, self.ymax = int(yrs.get("min", 1840)), int(yrs.get("max", 2100))

        nb = f"(?!{_alt(self.part_not_before)})" if self.part_not_before else ""
        ypart = f"(?:{_alt(self.ypart)}){nb}"
        mpart = f"(?:{_alt(self.mpart)}){nb}"
        since = _alt(self.since) if self.since else "(?!)"
        rel_na = "".join(re.escape(c) for c in cfg.get("relative_not_after", {}).get("chars", []))
        rel = _alt(list(self.rel_years) + list(self.same_year))
        if rel_na:
            rel = f"(?<![{rel_na}])(?:{rel})"
        yp = f"(?:{_alt(self.year_parts)}){nb}"
        w = _WS
        # a "year head": an absolute year (2020年), a relative one (今年) or 同年
        pattern = (
            # 2023-05-05, 2023.5.5, 2023/05/05
            rf"(?P<iso>(?<![\d.])(?P<iy>\d{{4}})(?P<isep>[-./])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\d.]))"
            # 2018-2020年, 2018年-2020年, 2010—2017年度
            rf"|(?P<yr>(?<!\d)(?P<y1>{_YEAR}){w}年?{w}{_SEP}{w}(?P<y2>{_YEAR}){w}年(?:度)?)"
            # year + month range: 2023年1—5月, 2019年1月至2020年3月
            rf"|(?P<ymr>(?:(?<!\d)(?P<ry>{_YEAR}){w}年|(?P<rrel>{rel})){w}(?P<rm1>{_MONTH}){w}月?{w}{_SEP}{w}"
            rf"(?:(?P<ry2>{_YEAR}){w}年{w})?(?P<rm2>{_MONTH}){w}月(?:份)?)"
            # bare month range 1—5月
            rf"|(?P<mr>(?<![\d{_CN_D}])(?P<bm1>{_MONTH}){w}月?{w}{_SEP}{w}(?P<bm2>{_MONTH}){w}月(?:份)?)"
            # year head + month [+ day] [+ part]
            rf"|(?P<ym>(?:(?<![\d.])(?P<y>{_YEAR}){w}年|(?P<rel>{rel})){w}"
            rf"(?:(?P<q>{_QUARTER})|(?P<h>{_HALF})|(?P<m>{_MONTH}){w}月(?!{w}[-—–~～至到]\s*\d)"
            rf"(?:{w}(?P<d>{_DAY}){w}[日号])?(?P<mp>{mpart})?|(?P<yp>{ypart}))?)"
            # month + day with no year: 4月17日
            rf"|(?P<md>(?<![\d{_CN_D}年])(?P<mm>{_MONTH}){w}月{w}(?P<dd>{_DAY}){w}[日号])"
            # month with a part and no year: 6月初, 3月上旬
            rf"|(?P<mpo>(?<![\d{_CN_D}年个])(?P<pm>{_MONTH}){w}月(?P<pmp>{mpart}))"
            # a month with no year: 3月, 5月份 (relative to the publication year)
            rf"|(?P<mo>(?<![\d{_CN_D}年个多余第每近])(?P<om>{_MONTH}){w}月(?:份)?(?![\d{_CN_D}度内来]))"
            # quarter / half with no year: 一季度, 上半年
            rf"|(?P<qo>(?<![年\d前])(?:{_QUARTER}|{_HALF}))"
            # standalone year parts: 年内, 年底
            rf"|(?P<ypo>(?<![\d{_CN_D}十百千两几数多余今去明前后本同当上下])(?:{yp}))"
            # five-year plans
            rf"|(?P<plan>(?<![\d{_CN_D}十第])(?P<pn>十[一二三四五六七八九]|[三四五六七八九])五)"
        )
        self.rx = re.compile(pattern)
        # every date form contains one of these: a cheap test skips most sentences
        self.quick = re.compile(r"[年月季五]|\d[-./]\d")
        starts = set("0123456789十年第上下") | set(_CN_D)
        for word in list(self.rel_years) + list(self.same_year) + list(self.year_parts):
            starts.add(word[0])
        self.trigger = re.compile("[" + re.escape("".join(sorted(starts))) + r"\d]")
        self.since_rx = re.compile(rf"{w}(?:{since})")
        self.book_rx = re.compile(r"《[^《》]{0,200}》")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


def relative_year_offset(word: str) -> int | None:
    """Years from the publication year that a word such as 今年 / 明年 names
    (configs/dates/dates.toml [relative_years]; shared with the targets' deadlines)."""
    return _lex().rel_years.get(word)


@dataclass
class DateContext:
    """What earlier sentences of a document tell later ones.

    同年 refers to the last absolute year written, often in the previous
    sentence; the orchestrator keeps one context per document and passes it
    to every extract_dates call, in sentence order.
    """

    last_year: int | None = None


def _cn_year(s: str) -> int | None:
    """A 4-digit year written in Arabic or Chinese digits (二〇一九), via the one numeral parser."""
    v = parse_number(s.strip())
    return int(v) if v is not None and v == int(v) else None


def _month(s: str | None) -> int | None:
    if not s:
        return None
    v = parse_number(s)
    if v is None or not 1 <= v <= 12 or v != int(v):
        return None
    return int(v)


def _day(s: str | None) -> int | None:
    if not s:
        return None
    v = parse_number(s)
    if v is None or not 1 <= v <= 31 or v != int(v):
        return None
    return int(v)


def _quarter_value(y: int | None, txt: str) -> str | None:
    """2023-Q1, or 2023-Q1/2023-Q3 for 前三季度."""
    q = _quarter(txt)
    if y is None or not q:
        return None
    if txt.startswith("前") and q > 1:
        return f"{y:04d}-Q1/{y:04d}-Q{q}"
    return f"{y:04d}-Q{q}"


def _quarter(s: str) -> int | None:
    m = re.search(r"[一二三四1-4]", s)
    if not m:
        return None
    return {"一": 1, "二": 2, "三": 3, "四": 4}.get(m.group(), None) or int(m.group())


class _Scan:
    def __init__(self, text: str, pub_date: str | None, last_year: int | None = None) -> None:
        self.text = text
        self.lex = _lex()
        self.pub = pub_year(pub_date)
        # last absolute year written (for 同年), carried over from earlier sentences
        self.last_year: int | None = last_year
        self.books = [m.span() for m in self.lex.book_rx.finditer(text)] if "《" in text else []

    def in_book(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.books)

    def year_ok(self, y: int | None) -> bool:
        return y is not None and self.lex.ymin <= y <= self.lex.ymax

    def rel_year(self, word: str) -> tuple[int | None, bool]:
        """Year named by 今年/去年/同年…: (year or None, relative flag)."""
        lex = self.lex
        if word in lex.same_year:
            return self.last_year, self.last_year is None
        off = lex.rel_years.get(word)
        if off is None or self.pub is None:
            return None, True
        return self.pub + off, True

    def since(self, e: int) -> int:
        m = self.lex.since_rx.match(self.text, e)
        return m.end() if m else e


def _mk(scan: _Scan, s: int, e: int, value: str | None, relative: bool, kind: str | None = None) -> DateMention:
    """A mention; its kind follows the value's shape (start/end -> period) unless given."""
    if kind is None:
        kind = "period" if value is not None and "/" in value else "point"
    return DateMention(start=s, end=e, text=scan.text[s:e], value=value, relative=relative, kind=kind)


def _handle(scan: _Scan, m: re.Match) -> DateMention | None:
    g = m.groupdict()
    t = scan.text
    s, e = m.span()
    lex = scan.lex

    if g["iso"] is not None:
        y, mo, d = int(g["iy"]), _month(g["im"]), _day(g["id"])
        if not scan.year_ok(y) or mo is None or d is None:
            return None
        scan.last_year = y
        return _mk(scan, s, scan.since(e), f"{y:04d}-{mo:02d}-{d:02d}", False)

    if g["yr"] is not None:
        y1, y2 = _cn_year(g["y1"]), _cn_year(g["y2"])
        if not (scan.year_ok(y1) and scan.year_ok(y2)) or y2 <= y1:  # type: ignore[operator]
            return None
        scan.last_year = y2
        return _mk(scan, s, scan.since(e), f"{y1}/{y2}", False)

    if g["ymr"] is not None:
        if g["ry"] is not None:
            y1, rel = _cn_year(g["ry"]), False
            if not scan.year_ok(y1):
                return None
            scan.last_year = y1
        else:
            y1, rel = scan.rel_year(g["rrel"])
        y2 = _cn_year(g["ry2"]) if g["ry2"] else y1
        m1, m2 = _month(g["rm1"]), _month(g["rm2"])
        if m1 is None or m2 is None:
            return None
        if y1 is None or y2 is None:
            return _mk(scan, s, scan.since(e), None, True, "period")
        if (y2, m2) <= (y1, m1):
            return None
        return _mk(scan, s, scan.since(e), f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", rel)

    if g["mr"] is not None:
        m1, m2 = _month(g["bm1"]), _month(g["bm2"])
        if m1 is None or m2 is None or m2 <= m1:
            return None
        if scan.in_book(s, e):
            return None
        y = scan.pub
        val = f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}" if y is not None else None
        return _mk(scan, s, scan.since(e), val, True, "period")

    if g["ym"] is not None:
        if g["y"] is not None:
            y, rel = _cn_year(g["y"]), False
            if not scan.year_ok(y):
                return None
            nxt = t[e:e + 1]
            if g["m"] is None and g["q"] is None and g["h"] is None and not g["yp"] and nxt and nxt in "代来":
                return None  # 30年代 / 2000年来 are not calendar years
            scan.last_year = y
        else:
            y, rel = scan.rel_year(g["rel"])
        if g["q"] is not None:
            val = _quarter_value(y, g["q"])
        elif g["h"] is not None:
            val = f"{y:04d}-H{1 if g['h'].startswith('上') else 2}" if y is not None else None
        elif g["m"] is not None:
            mo = _month(g["m"])
            if mo is None:
                return None
            d = _day(g["d"]) if g["d"] else None
            if g["d"] and d is None:
                return None
            if y is None:
                val = None
            elif d is not None:
                val = f"{y:04d}-{mo:02d}-{d:02d}"
            else:
                val = f"{y:04d}-{mo:02d}"
        else:
            val = f"{y:04d}" if y is not None else None
        if g["y"] is None and g["rel"] in lex.same_year and y is not None:
            rel = False
        return _mk(scan, s, scan.since(e), val, rel)

    if g["md"] is not None:
        mo, d = _month(g["mm"]), _day(g["dd"])
        if mo is None or d is None:
            return None
        y = scan.pub
        return _mk(scan, s, scan.since(e), f"{y:04d}-{mo:02d}-{d:02d}" if y is not None else None, True)

    if g["mpo"] is not None:
        mo = _month(g["pm"])
        if mo is None:
            return None
        y = scan.pub
        return _mk(scan, s, scan.since(e), f"{y:04d}-{mo:02d}" if y is not None else None, True)

    if g["mo"] is not None:
        mo = _month(g["om"])
        if mo is None:
            return None
        y = scan.pub
        return _mk(scan, s, scan.since(e), f"{y:04d}-{mo:02d}" if y is not None else None, True)

    if g["qo"] is not None:
        y = scan.pub
        txt = g["qo"]
        if "季度" in txt:
            val = _quarter_value(y, txt)
        else:
            val = f"{y:04d}-H{1 if txt.startswith('上') else 2}" if y is not None else None
        return _mk(scan, s, scan.since(e), val, True, "period" if txt.startswith("前") else "point")

    if g["ypo"] is not None:
        y = scan.pub
        return _mk(scan, s, scan.since(e), f"{y:04d}" if y is not None else None, True)

    if g["plan"] is not None:
        before = t[s - 1:s]
        after = t[e:e + 4]
        close = t[e:e + 1]
        quoted = bool(before) and before in "“\"‘「" and bool(close) and close in "”\"’」"
        if not quoted and not any(after.startswith(w) for w in lex.plan_after):
            return None
        n = parse_number(g["pn"])
        if n is None or n < 3:
            return None
        start = lex.plan_base + 5 * (int(n) - 3)
        return _mk(scan, s, e, f"{start}/{start + 4}", False)
    return None


def extract_dates(text: str, pub_date: str | None = None, context: DateContext | None = None) -> list[DateMention]:
    """Date mentions in ``text`` (offsets relative to it), resolved against ``pub_date``:
    the dates table as GUIDELINES §3 defines it (no horizons).

    ``context`` carries the last absolute year across the sentences of one
    document (for 同年); without it each call stands alone.
    """
    rows: list[DateMention] = []
    if not isinstance(text, str) or not text:
        return rows
    if _lex().quick.search(text) is None:
        return rows
    scan = _Scan(text, pub_date, context.last_year if context is not None else None)
    for m in scan_matches(scan.lex.trigger, scan.lex.rx, text):
        d = _handle(scan, m)
        if d is None or d.start >= d.end:
            continue
        if scan.in_book(d.start, d.end):
            continue
        if rows and d.start < rows[-1].end:
            continue
        mark_by(text, d)
        rows.append(d)
    if context is not None:
        context.last_year = scan.last_year
    return rows


def deadline_mentions(text: str, pub_date: str | None = None,
                      context: DateContext | None = None) -> list[DateMention]:
    """Every mention a deadline can come from: the dates of :func:`extract_dates`
    plus horizons (kind ``horizon``: 三年内, 未来十年), leftmost first.

    For the targets stage, which keeps no date grammar of its own. Horizons
    resolve from the publication year; ``by_lead``/``by_tail`` mark 到…/…前.
    Pass the same ``context`` as for extract_dates only if the sentence has not
    been scanned with it yet (it advances the context).
    """
    rows = extract_dates(text, pub_date, context)
    if not isinstance(text, str) or not text:
        return rows
    hz = horizons(text, pub_year(pub_date), rows)
    return sorted(rows + hz, key=lambda d: d.start) if hz else rows
