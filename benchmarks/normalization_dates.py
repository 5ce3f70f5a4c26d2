"""Recognizers-Text date cases against the DATES stage (part of normalization_report.py).

Scope is GUIDELINES §3: a case is set aside only when §3 excludes what it
expects (clock times, durations, vague times, recurring sets) or when its value
cannot be written as a §3 value at all (a week, a weekday, a season, a lunar
month-day that Recognizers-Text writes as if it were Gregorian). Everything
that resolves to a calendar point or period is scored, whatever our grammar
does with it: ranges, decades, quarters, halves, relative days.

Recognizers-Text writes periods as ``(start,end,duration)`` with an exclusive
end; they are turned into §3 values: ``(1990-01-01,2000-01-01,P10Y)`` ->
``1990/1999``, ``(2017-01-01,2017-04-01,P3M)`` -> ``2017-Q1``, two written
years ``(2009-01-01,2010-01-01,P1Y)`` -> ``2009/2010`` (§3: 2009年到2010年),
days ``(2016-06-01,2016-06-30,P29D)`` -> ``2016-06-01/2016-06-30``.
``XXXX`` (no year written) must come back relative with the same month/day.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Any

from pipeline.stages.dates.grammar import extract_dates

MODELS = ("DateParser", "DatePeriodParser", "DateTimeModel")

_CLOCK = re.compile(r"T\d|T(?:MO|AF|EV|NI)")
_CLOCK_TEXT = re.compile(r"分钟|小时|钟头|\d点|[点时]\d")
_LUNAR = re.compile(r"农历|正月|腊月|大年|初[一二三四五六七八九十]|神龙|康熙|雍正|乾隆")
_VAGUE = re.compile(r"^(?:最近|马上|现在|目前)$")
_WEEK = re.compile(r"W\d|WXX|-WE|-(?:SU|SP|FA|WI)$")
_SPAN_FROM_NOW = re.compile(r"近|过去|未来|前\s*\d|后\s*\d|上\s*\d|下\s*\d|还剩|之前\d|之后\d")
_PERIOD = re.compile(r"^\((?P<s>[X\d]{4}(?:-[X\d]{2}){0,2}),(?P<e>[X\d]{4}(?:-[X\d]{2}){0,2}),P(?P<n>[\d.X]+)(?P<u>[YMWD])\)$")


def _nf(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def timex_of(e: dict) -> str | None:
    val = e.get("Value") or {}
    if isinstance(val, dict) and val.get("Timex"):
        return val["Timex"]
    vals = (e.get("Resolution") or {}).get("values") or []
    return vals[0].get("timex") if vals else None


def scope(e: dict, timex: str | None) -> str | None:
    """Why §3 sets the case aside, or None when it is a calendar point or period."""
    txt = _nf(e.get("Text", ""))
    type_name = e.get("TypeName", "")
    if timex is None:
        return "no value given by the suite"
    if _CLOCK.search(timex) or _CLOCK_TEXT.search(txt) or type_name.endswith(("time", "timerange")) and "date" not in type_name:
        return "clock time (§3 excludes clock times)"
    if type_name.endswith("duration") or re.fullmatch(r"P[\dT.YMWDHS]+", timex):
        return "duration (§3: 三十年, 3年来 are durations, not dates)"
    if type_name.endswith("set") or timex.startswith("P"):
        return "recurring set (每年, 每周): not a calendar point or period"
    if _VAGUE.match(txt) or timex in ("PRESENT_REF", "FUTURE_REF", "PAST_REF"):
        return "vague time (§3 excludes 近日, 目前, 当前)"
    if _SPAN_FROM_NOW.search(txt) and _PERIOD.match(timex) and not re.search(r"\d{4}年|[月日号]", txt):
        return "a span counted from now (近三年, 过去十年, 前1周): a duration by §5 (近3年 is a duration)"
    if _LUNAR.search(txt):
        return "lunar calendar: §3 values are ISO-8601 (Gregorian); the suite writes the lunar month-day as Gregorian"
    if re.fullmatch(r"[\dX]{4}-\d{2}-\d{2}", timex) and not _valid(timex.replace("XXXX", "2000")):
        return "not a calendar date (2019-02-29, February 30): no ISO-8601 value"
    if _WEEK.search(timex):
        return "week, weekday, weekend or season: no §3 value form (year, month, day, quarter, half)"
    return None


def _valid(iso: str) -> bool:
    y, m, d = (int(x) for x in iso.split("-"))
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def expected(timex: str, text: str = "") -> tuple[str, bool] | None:
    """The §3 value a timex stands for, and whether it needs the anchor (XXXX)."""
    relative = timex.startswith("(XXXX") or timex.startswith("XXXX")
    if re.search(r"年(?:以|之)?[前后]$", _nf(text)) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex):
        return timex[:4], True  # §3: N年前 / N年后 is the publication year ∓ N, at year granularity
    m = _PERIOD.match(timex)
    if m is None:
        if re.fullmatch(r"[X\d]{4}(?:-[X\d]{2}){0,2}", timex):
            return timex, relative
        return None
    s, e, n, u = m["s"], m["e"], m["n"], m["u"]
    if u == "Y" and n == "10" and s.endswith("0-01-01"):
        y = int(s[:4].replace("XX", "19"))
        return f"{y}/{y + 9}", False
    if u == "M" and n in ("3", "6") and s[5:] in ("01-01", "04-01", "07-01", "10-01"):
        mo = int(s[5:7])
        return (f"{s[:4]}-Q{(mo - 1) // 3 + 1}" if n == "3" else f"{s[:4]}-H{1 if mo == 1 else 2}"), relative
    if u == "Y" and s.endswith("-01-01") and e.endswith("-01-01"):
        return f"{s[:4]}/{e[:4]}", relative
    if u == "M" and s.endswith("-01") and e.endswith("-01"):
        return f"{s[:7]}/{e[:7]}", relative
    if u == "D":
        return f"{s}/{e}", relative
    return None


def _good(got: list[Any], text: str, want: str, relative: bool) -> bool:
    def same(v: str | None) -> bool:
        if v is None:
            return False
        if not relative:
            return v == want
        pat = "^" + re.escape(want).replace("XXXX", r"\d{4}").replace("XX", r"\d{2}") + "$"
        return re.match(pat, v) is not None

    t = _nf(text)
    return any((_nf(d.text) in t or t in _nf(d.text)) and same(d.value) for d in got)


def eval_dates(rows: list[dict], suite: Any) -> None:
    """Score every in-scope date case into ``suite`` (add / out as in normalization_report.Suite)."""
    seen: set[tuple[str, str]] = set()
    for r in rows:
        if r["model"] not in MODELS:
            continue
        inp = r["input"]
        base = (r.get("base_time") or "")[:10] or None
        for e in r["expected"]:
            key = (inp, e.get("Text", ""))
            if key in seen:
                continue
            seen.add(key)
            tx = timex_of(e)
            why = scope(e, tx)
            want = expected(tx, e.get("Text", "")) if tx is not None and why is None else None
            if why is None and want is None:
                why = "a period that is not a whole year, month, day, quarter or half (range arithmetic)"
            if why is not None or want is None:
                suite.out.append((f"{inp} -> {e.get('Text')} [{tx}]", why))
                continue
            got = extract_dates(inp, base)
            suite.add(_good(got, e["Text"], *want),
                      f"{inp!r}: expected {e['Text']} {want[0]}; got {[(d.text, d.value) for d in got]}")
