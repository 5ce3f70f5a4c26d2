"""Resolvers of the date forms with a written year, ranges, lists and decades."""

from __future__ import annotations

import re

from pipeline.core.records import DateMention
from pipeline.stages.dates.resolve import (
    Scan,
    head_year,
    iso,
    num,
    quarter_value,
    valid_day,
    year_of,
)


def iso_range(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2018/1/10-2018/7/10: a range (§3) whose ends are numeric dates."""
    y1, y2 = num(g["ay"], 0, 9999), num(g["by"], 0, 9999)
    m1, m2, d1, d2 = num(g["am"], 1, 12), num(g["bm"], 1, 12), num(g["ad"], 1, 31), num(g["bd"], 1, 31)
    if m1 is None or m2 is None or d1 is None or d2 is None:
        return []
    if not (scan.year_ok(y1, True) and scan.year_ok(y2, True)) or not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)):
        return []
    a, b = iso(y1, m1, d1), iso(y2, m2, d2)
    if a is None or b is None or b <= a:
        return []
    scan.note_year(y2, m.start(), absolute=True)
    return [scan.mk(m.start(), m.end(), f"{a}/{b}", False)]


def iso_date(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2023-05-05, 2023.5.5, 2023/05/05."""
    y, mo, d = num(g["iy"], 0, 9999), num(g["im"], 1, 12), num(g["id"], 1, 31)
    if not scan.year_ok(y, True) or mo is None or d is None or not valid_day(y, mo, d):
        return []
    scan.note_year(y, m.start(), absolute=True)
    return [scan.mk(m.start(), m.end(), iso(y, mo, d), False)]


def day_range(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2016年6月1日-6月30日 -> 2016-06-01/2016-06-30; 7月4日到7月6日 (relative)."""
    s = m.start()
    y1, rel, ok = head_year(scan, g, "dr", s, month_follows=True)
    if not ok:
        return []
    if g["dry"] is None and g["drrel"] is None:
        y1, rel = scan.anchor(), True
    m1, d1 = num(g["drm1"], 1, 12), num(g["drd1"], 1, 31)
    m2 = num(g["drm2"], 1, 12) if g["drm2"] else m1
    d2 = num(g["drd2"], 1, 31)
    y2 = year_of(scan, g["dry2"]) if g["dry2"] else y1
    if m1 is None or m2 is None or d1 is None or d2 is None or (g["dry2"] and y2 is None):
        return []
    if y1 is None or y2 is None:
        return [scan.mk(s, m.end(), None, True, "period")]
    a, b = iso(y1, m1, d1), iso(y2, m2, d2)
    if a is None or b is None or b <= a:
        return []
    return [scan.mk(s, m.end(), f"{a}/{b}", rel)]


def year_span(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2018-2020年, 2007年与2009年间 -> start/end years."""
    a, b = (g["j1"], g["j2"]) if g["yj"] is not None else (g["y1"], g["y2"])
    y1, y2 = year_of(scan, a), year_of(scan, b)
    if not (scan.year_ok(y1) and scan.year_ok(y2)) or y2 <= y1:  # type: ignore[operator]
        return []
    s = m.start()
    # 到2025年到2035年 (a heading of milestones): two deadlines, not one period
    first = m.group()[: len(a) + 4]
    if g["yj"] is None and scan.text[:s].rstrip().endswith(scan.lex.range_to) and "年" in first:
        scan.note_year(y1, s, absolute=True)
        return [scan.mk(s, s + first.index("年") + 1, str(y1), False, since=False)]
    scan.note_year(y2, s, absolute=True)
    return [scan.mk(s, m.end(), f"{y1}/{y2}", False)]


def year_list(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2008、2009、2010年 -> one date per year."""
    years = list(scan.lex.year_rx.finditer(m.group()))
    vals = [year_of(scan, y.group()) for y in years]
    if not all(scan.year_ok(v) for v in vals):
        return []
    out = []
    for i, (y, v) in enumerate(zip(years, vals)):
        s = m.start() + y.start()
        e = m.end() if i == len(years) - 1 else m.start() + y.end()
        scan.note_year(v, s, absolute=True)
        out.append(scan.mk(s, e, str(v), False, since=i == len(years) - 1))
    return out


def decade(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """上世纪80年代 -> 1980/1989; 八九十年代 -> 1980/1999; 1980年代."""
    lx = scan.lex
    if g["dfull"]:
        start = num(g["dfull"], 1000, 2100)
        end = start + 9 if start is not None else None
    else:
        base = lx.centuries.get(g["cent"] or "", lx.default_century)
        if g["dd1"]:
            d1, d2 = num(g["dd1"], 1, 9), num(g["dd2"], 1, 9)
            if d1 is None or d2 is None or d2 <= d1:
                return []
            start, end = base + 10 * d1, base + 10 * d2 + 9
        else:
            n = num(g["dn"], 10, 90)
            if n is None or n % 10:
                return []
            start, end = base + n, base + n + 9
    if start is None or end is None:
        return []
    return [scan.mk(m.start(), m.end(), f"{start}/{end}", False)]


def year_month_range(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2023年1—5月, 2019年1月至2020年3月, 去年1—5月."""
    s = m.start()
    y1, rel, ok = head_year(scan, g, "r", s, month_follows=True)
    if not ok:
        return []
    y2 = year_of(scan, g["ry2"]) if g["ry2"] else y1
    m1, m2 = num(g["rm1"], 1, 12), num(g["rm2"], 1, 12)
    if m1 is None or m2 is None:
        return []
    if y1 is None or y2 is None:
        return [scan.mk(s, m.end(), None, True, "period")]
    if (y2, m2) <= (y1, m1):
        return []
    return [scan.mk(s, m.end(), f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", rel)]


def quarter_range(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """一至三季度, 2024年一、二季度 -> Q1/Q3."""
    s = m.start()
    y, rel, ok = head_year(scan, g, "q", s, month_follows=True)
    if not ok:
        return []
    if g["qy"] is None and g["qrel"] is None:
        y, rel = scan.anchor(), True
    q1, q2 = num(g["q1"], 1, 4), num(g["q2"], 1, 4)
    if q1 is None or q2 is None or q2 <= q1:
        return []
    return [scan.mk(s, m.end(), quarter_value(y, q1, q2), rel, "period")]


def bracket_year(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """西溪园区（2012）-> 2012 (the year inside the brackets)."""
    y1 = year_of(scan, g["b1"])
    y2 = year_of(scan, g["b2"]) if g["b2"] else None
    if not scan.year_ok(y1) or (g["b2"] and (not scan.year_ok(y2) or y2 <= y1)):  # type: ignore[operator]
        return []
    s = m.start("b1")
    e = m.end("b2") if g["b2"] else m.end("b1")
    inner = scan.text[e:m.end()]
    if "年" in inner:
        e += inner.index("年") + 1
    val = f"{y1}/{y2}" if y2 is not None else str(y1)
    return [scan.mk(s, e, val, False, since=False)]
