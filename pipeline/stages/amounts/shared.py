"""One unit shared by a list of numbers: 分别提高11.1、11.2个百分点 -> 11.1个百分点 and 11.2个百分点.

Chinese writes the unit (and the magnitude, when each number has its own) once, after the last number
of a 分别 list; a researcher still wants one row per number (configs/amounts/units.toml [shared_unit]).
"""

from __future__ import annotations

import re

from pipeline.core.numbers import parse_number
from pipeline.core.records import Amount
from pipeline.stages.amounts.context import Scan, round12

_NUM = re.compile(r"(?P<n>[0-9０-９][0-9０-９.．,，]*)(?P<mag>[万亿]{0,2})")


def _last_number(a: Amount) -> tuple[float, str] | None:
    """The written number of ``a`` (after any qualifier word) and its magnitude: 500亿元 -> (500亿, 亿)."""
    m = _NUM.search(a.text)
    if m is None or a.value is None:
        return None
    v = parse_number(m.group())
    return (v, m.group("mag")) if v else None


def _listed_before(scan: Scan, a: Amount, taken: list[tuple[int, int]]) -> list[Amount]:
    """The bare numbers listed right before ``a`` that take its unit, rightmost first."""
    lx = scan.lex
    last = _last_number(a)
    if last is None:
        return []
    v_last, mag = last
    factor = a.value / v_last  # type: ignore[operator]
    out: list[Amount] = []
    pos = a.start
    while True:
        m = lx.shared_rx.search(scan.text, max(0, pos - 40), pos)
        if m is None or m.group("mag") != mag:
            break
        ns, ne = m.start("n"), m.end("mag")
        if scan.blocked(ns, ne) or scan.bad_context(ns, ne) or any(s < ne and ns < e for s, e in taken):
            break
        v = parse_number(m.group("n") + mag)
        if v is None:
            break
        s, pq, _ = scan.prefix(ns)
        out.append(scan.make(s, ne, round12(v * factor), None, a.unit, a.quantity, pq or "exact"))
        pos = s
    if not out:
        return []
    head = scan.text[max(0, pos - lx.shared_window):pos]
    return out if any(w in head for w in lx.shared_lead) else []


def shared_units(scan: Scan, rows: list[Amount]) -> list[Amount]:
    """``rows`` plus the numbers of 分别 lists that share the unit of the row after them."""
    lx = scan.lex
    if not lx.shared_lead or not any(w in scan.text for w in lx.shared_lead):
        return rows
    taken = [(r.start, r.end) for r in rows]
    extra: list[Amount] = []
    for r in rows:
        if r.value is None or r.value_max is not None or not r.unit or r.unit == "%":
            continue
        found = _listed_before(scan, r, taken)
        extra += found
        taken += [(x.start, x.end) for x in found]
    return sorted(rows + extra, key=lambda a: a.start) if extra else rows
