"""Resolvers of a year head with its month/day/part, and of the forms with no year."""

from __future__ import annotations

import re

from pipeline.core.records import DateMention
from pipeline.stages.dates.resolve import (
    Scan,
    half_value,
    head_year,
    iso,
    num,
    one_year,
    quarter_value,
    valid_day,
)


def year_head(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """2020年 / 今年 / 同年 + an optional quarter, half, month [+ day] [+ part]."""
    s, e = m.span()
    if g["y"] is not None and g["m"] is None and g["q"] is None and g["h"] is None and not g["yp"]:
        nxt = scan.text[e:e + 1]
        if nxt and nxt in scan.lex.year_not_before:
            return []  # 30年代 / 2000年来 are not calendar years
    y, rel, ok = head_year(scan, g, "", s, month_follows=g["m"] is not None)
    if not ok:
        return []
    if g["q"] is not None:
        q = num(re.sub(r"[前第季度]", "", g["q"]), 1, 4)
        if q is None:
            return []
        val = quarter_value(y, 1, q) if g["q"].startswith("前") else quarter_value(y, q)
        return [scan.mk(s, e, val, rel, "period" if g["q"].startswith("前") and q > 1 else "point")]
    if g["h"] is not None:
        return [scan.mk(s, e, half_value(y, scan.lex.halves[g["h"]]), rel)]
    if g["m"] is not None:
        mo = num(g["m"], 1, 12)
        dw = g["d"] or g["dcn"]
        d = num(dw, 1, 31) if dw else None
        if mo is None or (dw and (d is None or not valid_day(y, mo, d))):
            return []
        return [scan.mk(s, e, iso(y, mo, d), rel)]
    return [scan.mk(s, e, iso(y), rel)]


def month_day(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """4月17日: the month-day of the reference year."""
    mo, d = num(g["mm"], 1, 12), num(g["dd"] or g["ddn"], 1, 31)
    y = scan.anchor()
    if mo is None or d is None or not valid_day(y, mo, d):
        return []
    return [scan.mk(m.start(), m.end(), iso(y, mo, d), True)]


def month_only(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """6月初, 3月上旬, 5月份: the month of the reference year."""
    mo = num(g["pm"] if g["mpo"] is not None else g["om"], 1, 12)
    if mo is None:
        return []
    return [scan.mk(m.start(), m.end(), iso(scan.anchor(), mo), True)]


def month_range(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """1—5月, 三月到五月, 三月和九月之间: months of the reference year (10月和5月间, 8月至2月 cross it)."""
    m1, m2 = num(g["bm1"], 1, 12), num(g["bm2"], 1, 12)
    if m1 is None or m2 is None or m2 == m1 or (m2 < m1 and not (g["bmk"] or g["bmz"])):
        return []
    y = scan.anchor()
    y2 = y + 1 if y is not None and m2 < m1 else y
    val = f"{y:04d}-{m1:02d}/{y2:04d}-{m2:02d}" if y is not None and y2 is not None else None
    return [scan.mk(m.start(), m.end(), val, True, "period")]


def quarter_only(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """一季度, 前三季度, 上半年: of the reference year."""
    txt = g["qo"]
    y = scan.anchor()
    if "季度" in txt:
        q = num(re.sub(r"[前第季度]", "", txt), 1, 4)
        if q is None:
            return []
        period = txt.startswith("前") and q > 1
        val = quarter_value(y, 1, q) if period else quarter_value(y, q)
        return [scan.mk(m.start(), m.end(), val, True, "period" if period else "point")]
    return [scan.mk(m.start(), m.end(), half_value(y, scan.lex.halves[txt]), True)]


def year_part(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """年内 (the publication year), 年底 / 年末 (the reference year); not in a habit (每年年初)."""
    s = m.start()
    word = g["ypo"]
    if any(h in scan.text[:s] for h in scan.lex.habitual):
        return []
    if word in scan.lex.whole_year:
        y = whole_year(scan, s)
        return [] if y is None else [scan.mk(s, m.end(), iso(y), True)]
    y = scan.anchor() if word.startswith(scan.lex.anaphoric_parts) else scan.pub
    return [scan.mk(s, m.end(), iso(y), True)]


def whole_year(scan: Scan, s: int) -> int | None:
    """The year 全年 at ``s`` means (dates.toml [year_parts] whole_year): that of a date written right before it
    (2024年全年, 去年全年), else its section's, else its paragraph's, else the publication year right after a goal word
    (力争全年…); None where the text does not tell."""
    written = one_year(scan.last_value) if scan.last_end == s else None
    if written is not None:
        return written
    if scan.section_year is not None:
        return scan.section_year
    if scan.para_year is not None:
        return scan.para_year
    return scan.pub if scan.text[:s].rstrip().endswith(scan.lex.whole_year_goals) else None


def years_ago(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """十年前 -> pub - 10, 三年后 -> pub + 3 (GUIDELINES §3)."""
    n = num(g["an"], 1, scan.lex.ago_max)
    if n is None:
        return []
    sign = -1 if g["adir"] in scan.lex.ago_before else 1
    if sign > 0:
        lx, t, s = scan.lex, scan.text, m.start()
        opens = s == 0 or t[:s].rstrip(" ").endswith(lx.after_opens_after)
        if not opens or t[m.end():].lstrip().startswith(lx.after_not_before):
            return []
    y = scan.pub + sign * n if scan.pub is not None else None
    return [scan.mk(m.start(), m.end(), iso(y), True, since=False)]


def plan(scan: Scan, m: re.Match, g: dict) -> list[DateMention]:
    """十四五 -> 2021/2025, when quoted or followed by 规划 / 时期 / 期间 …"""
    s, e = m.span()
    t = scan.text
    before, close = t[s - 1:s], t[e:e + 1]
    quoted = bool(before) and before in "“\"‘「" and bool(close) and close in "”\"’」"
    if not quoted and not any(t[e:e + 4].startswith(w) for w in scan.lex.plan_after):
        return []
    n = num(g["pn"], 3, 30)
    if n is None:
        return []
    start = scan.lex.plan_base + 5 * (n - 3)
    return [scan.mk(s, e, f"{start}/{start + 4}", False, since=False)]
