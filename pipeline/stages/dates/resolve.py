"""From a grammar match to DateMention rows: one resolver per form.

Each resolver returns the mentions a match yields (a list of years sharing one
年 yields several) or [] when the match is not a date after all (2000年来 is a
duration, 十五年 is not the 10th plan). The year of a relative form comes
from ``Scan.anchor()``: the reference year of the paragraph when the text set
one, else the publication year (GUIDELINES §3).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from pipeline.core.numbers import parse_number
from pipeline.core.pubdate import PubDate
from pipeline.core.records import DateMention
from pipeline.stages.dates.lexicon import Lex


class Scan:
    """One call's text, anchors and the reference years it updates."""

    def __init__(self, text: str, lx: Lex, pub: PubDate | None, last_year: int | None, para_year: int | None,
                 books: list[tuple[int, int]], section_year: int | None = None) -> None:
        self.text = text
        self.lex = lx
        self.pubdate = pub
        self.pub = pub.year if pub is not None else None
        self.last_year = last_year  # last absolute year written in the document (同年)
        self.para_year = para_year  # last year the paragraph names (its reference year)
        self.books = books  # 《…》 spans, from the sentence stage
        self.section_year = section_year  # the year the last section heading opened with (一、2024年工作回顾)
        self.last_end: int = -1
        self.last_value: str | None = None  # the end and value of the last mention made (2024年|全年)

    def in_book(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.books)

    def anchor(self) -> int | None:
        if self.para_year is not None:
            return self.para_year
        return self.section_year if self.section_year is not None else self.pub

    def year_ok(self, y: int | None, full_date: bool = False) -> bool:
        lo = self.lex.full_date_min if full_date else self.lex.ymin
        return y is not None and lo <= y <= self.lex.ymax

    def since(self, e: int) -> int:
        m = self.lex.since_rx.match(self.text, e)
        return m.end() if m else e

    def note_year(self, y: int | None, s: int, absolute: bool) -> None:
        """A year the text names at ``s``: it becomes the paragraph's reference year
        unless it is the baseline of a comparison (比1999年增长)."""
        if y is None:
            return
        if absolute:
            self.last_year = y
        if not self.text[:s].rstrip().endswith(self.lex.baseline_before):
            self.para_year = y

    def rel_year(self, word: str) -> tuple[int | None, bool]:
        """Year named by 今年 / 去年 / 上年 / 同年: (year or None, relative flag)."""
        lx = self.lex
        if word in lx.same_year:
            return self.last_year, self.last_year is None
        off = lx.rel_years.get(word)
        if off is None:
            return None, True
        base = self.anchor() if word in lx.anaphoric_years else self.pub
        return (base + off if base is not None else None), True

    def mk(self, s: int, e: int, value: str | None, relative: bool, kind: str | None = None,
           since: bool = True) -> DateMention:
        """A mention; its kind follows the value's shape (start/end -> period) unless given."""
        if since:
            e = self.since(e)
        if kind is None:
            kind = "period" if value is not None and "/" in value else "point"
        self.last_end, self.last_value = e, value
        return DateMention(start=s, end=e, text=self.text[s:e], value=value, relative=relative, kind=kind)


_ONE_YEAR = re.compile(r"\d{4}")


def one_year(value: str | None) -> int | None:
    """The year of a date value that is one year (2024), not a period (2021/2025) nor a month (2024-06)."""
    return int(value) if value and _ONE_YEAR.fullmatch(value) else None


def num(s: str | None, lo: int, hi: int) -> int | None:
    """An integer from lo to hi written in any numeral form, via the one numeral parser."""
    if not s:
        return None
    v = parse_number(s)
    if v is None or v != int(v) or not lo <= v <= hi:
        return None
    return int(v)


def year_of(scan: Scan, s: str | None, month_follows: bool = False) -> int | None:
    """A written year (2019, 二〇一九, 二0一0, 两千零四, 07), via the one numeral parser."""
    if not s:
        return None
    s = s.strip()
    if not s.isascii():
        s = s.replace("0", "〇")  # 二0一0: a zero typed as a digit inside a year in Chinese numerals
    v = num(s, 0, 9999)
    if v is not None and len(s) == 2 and "千" not in s:  # 07年, 零八年, 18年10月1日 (the grammar checked the form)
        v += 2000 if v < scan.lex.pivot else 1900
    return v


def valid_day(y: int | None, mo: int, d: int) -> bool:
    return d <= (calendar.monthrange(y, mo)[1] if y is not None else 31)


def iso(y: int | None, mo: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    out = f"{y:04d}"
    if mo is not None:
        out += f"-{mo:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def quarter_value(y: int | None, q1: int, q2: int | None = None) -> str | None:
    """2023-Q1, or 2023-Q1/2023-Q3 for 前三季度 / 一至三季度."""
    if y is None:
        return None
    if q2 is not None and q2 > q1:
        return f"{y:04d}-Q{q1}/{y:04d}-Q{q2}"
    return f"{y:04d}-Q{q1}"


def half_value(y: int | None, half: int) -> str | None:
    """2023-H1 for the first half (上半年), 2023-H2 for the second."""
    return f"{y:04d}-H{half}" if y is not None else None


def head_year(scan: Scan, g: dict, prefix: str, s: int, month_follows: bool) -> tuple[int | None, bool, bool]:
    """The year of a year head (2020年 / 今年 / 同年): (year, relative, ok)."""
    if g[prefix + "y"] is not None:
        y = year_of(scan, g[prefix + "y"], month_follows)
        if y is None or not scan.year_ok(y, full_date=month_follows):
            return None, False, False
        scan.note_year(y, s, absolute=True)
        return y, False, True
    if g[prefix + "rel"] is not None:
        word = g[prefix + "rel"]
        y, rel = scan.rel_year(word)
        if word in scan.lex.same_year and y is not None:
            rel = False
        if word not in scan.lex.anaphoric_years:
            scan.note_year(y, s, absolute=False)
        return y, rel, True
    return None, True, True


Resolver = Callable[[Scan, re.Match, dict], list[DateMention]]
