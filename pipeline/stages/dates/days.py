"""Resolvers of the forms at day granularity that count from the publication date
(昨天, 本月十日, 29日) and of the numeric and open-ended ranges (13.5.2015,
从2016到2018, 2010年之后2018年之前)."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.core.records import DateMention
from pipeline.stages.dates.resolve import Scan, iso, num, valid_day, year_of


def relative_day(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """昨天 / 明日 / 大前天: the publication day + the word's offset (needs the pub day)."""
    p = scan.pubdate
    off = scan.lex.rel_days.get(g["rdw"])
    if off is None:
        return []
    val = None
    if p is not None and p.month is not None and p.day is not None:
        val = (dt.date(p.year, p.month, p.day) + dt.timedelta(days=off)).isoformat()
    return [scan.mk(m.start(), m.end(), val, True, since=False)]


def relative_month(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """本月 / 下个月 [+ day], 去年本月十日: the publication month + the word's offset."""
    p = scan.pubdate
    off = scan.lex.rel_months.get(g["rmw"])
    if off is None:
        return []
    y = p.year if p is not None else None
    if g["rmrel"]:
        y, _ = scan.rel_year(g["rmrel"])
    d = num(g["rmd"], 1, 31) if g["rmd"] else None
    if g["rmd"] and d is None:
        return []
    if y is None or p is None or p.month is None:
        return [scan.mk(m.start(), m.end(), None, True)]
    idx = y * 12 + p.month - 1 + off
    yy, mo = divmod(idx, 12)
    if d is not None and not valid_day(yy, mo + 1, d):
        return []
    return [scan.mk(m.start(), m.end(), iso(yy, mo + 1, d), True)]


def bare_day(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """29日: that day of the publication month (needs the pub month)."""
    d = num(g["bdd"], 1, 31)
    p = scan.pubdate
    if d is None:
        return []
    if p is None or p.month is None or not valid_day(p.year, p.month, d):
        return [scan.mk(m.start(), m.end(), None, True)]
    return [scan.mk(m.start(), m.end(), iso(p.year, p.month, d), True)]


def day_first(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """13.5.2015, 3-7-2017 (day first, as the Chinese specs of Recognizers-Text read them)."""
    ends = []
    for d_, m_, y_ in (("xd", "xm", "xy"), ("xd2", "xm2", "xy2")):
        if g[d_] is None:
            continue
        y, mo, d = num(g[y_], 0, 9999), num(g[m_], 1, 12), num(g[d_], 1, 31)
        if mo is None or d is None or not scan.year_ok(y, True) or not valid_day(y, mo, d):
            return []
        ends.append(iso(y, mo, d))
    if len(ends) == 2 and not ends[0] < ends[1]:  # type: ignore[operator]
        return []
    return [scan.mk(m.start(), m.end(), "/".join(ends), False)]  # type: ignore[arg-type]


def open_span(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """从2016到2018, 2010年之后2018年之前 -> start/end years."""
    a, b = (g["f1"], g["f2"]) if g["ft"] is not None else (g["af1"], g["af2"])
    y1, y2 = year_of(scan, a), year_of(scan, b)
    if not (scan.year_ok(y1) and scan.year_ok(y2)) or y2 <= y1:  # type: ignore[operator]
        return []
    scan.note_year(y2, m.start(), absolute=True)
    return [scan.mk(m.start(), m.end(), f"{y1}/{y2}", False)]


def _pub_day(scan: Scan) -> dt.date | None:
    p = scan.pubdate
    if p is None or p.month is None or p.day is None:
        return None
    return dt.date(p.year, p.month, p.day)


def weekday(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """上周一 / 这个星期一 / 下下周日: a weekday of a week counted from the publication week."""
    off = scan.lex.rel_weeks.get(g["wkp"])
    wd = scan.lex.weekdays[g["wkd"]]
    day = _pub_day(scan)
    if off is None:
        return []
    val = None
    if day is not None:
        monday = day - dt.timedelta(days=day.weekday())
        val = (monday + dt.timedelta(days=7 * off + wd - 1)).isoformat()
    return [scan.mk(m.start(), m.end(), val, True, since=False)]


def days_ago(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """5天前 -> the publication day - 5 (as N年前 is the year - N)."""
    n = num(g["dan"], 1, 366)
    day = _pub_day(scan)
    if n is None:
        return []
    sign = -1 if g["dadir"] in scan.lex.days_before else 1
    val = (day + dt.timedelta(days=sign * n)).isoformat() if day is not None else None
    return [scan.mk(m.start(), m.end(), val, True, since=False)]


def ordinal_month(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2021年的第三个月 -> 2021-03."""
    mo = num(g["omn"], 1, 12)
    if mo is None:
        return []
    if g["oy"] is not None:
        y, rel = year_of(scan, g["oy"]), False
        if not scan.year_ok(y):
            return []
    else:
        y, rel = scan.rel_year(g["orel"])
    return [scan.mk(m.start(), m.end(), iso(y, mo), rel)]
