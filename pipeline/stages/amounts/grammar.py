"""AMOUNTS stage: cardinal quantities with a unit, classifier, % or 倍 (GUIDELINES §2, §5).

One compiled regex (lexicon.py) finds candidates; each form has its handler (forms.py,
measure.py); qualifiers and exclusions are read from the text around a candidate
(context.py). Units, qualifiers, money words and idioms are data in configs/amounts/.
Here: dispatch, then two joins over the rows found: sub-units after a whole amount
(3元5角 -> 3.5) and ranges written as two amounts (3亿元至5亿元).

    extract_amounts(text, exclude=()) -> list[Amount]

Errors propagate: the per-document isolation records them in `errors` (a broken rule
must not look like lower recall).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipeline.core.numbers import parse_number
from pipeline.core.numbers import scan as scan_matches
from pipeline.core.records import Amount
from pipeline.stages.amounts import forms
from pipeline.stages.amounts.context import Scan, round12
from pipeline.stages.amounts.lexicon import lex
from pipeline.stages.amounts.measure import number_unit
from pipeline.stages.amounts.shared import shared_units
from pipeline.stages.sentences.titles import book_title_spans

# the last group of each of the scanner's alternatives names its form (Match.lastgroup: one
# lookup per candidate instead of testing every group)
_HANDLERS: dict[str, Callable[[Scan, re.Match], Amount | None]] = {
    "ddu": forms.density, "rb": forms.ratio, "pct": forms.percent, "pct2": forms.percent,
    "fnum": forms.fraction, "fb": forms.fraction, "lvs": forms.level, "sn": forms.symbol,
    "unit": number_unit, "half": number_unit, "bare": forms.bare_level, "hn": forms.headline_money,
}


def _handle(scan: Scan, m: re.Match) -> Amount | None:
    handler = _HANDLERS.get(m.lastgroup or "")
    if handler is None:
        return None
    a = handler(scan, m)
    if a is None and handler is number_unit and "亿" in m.group("n1"):
        hm = scan.lex.headline_rx.match(scan.text, m.start())  # the unit was no unit: 亿 money?
        return forms.headline_money(scan, hm) if hm else None
    return a


def _with_subunits(scan: Scan, a: Amount) -> Amount:
    """3元5角 -> 3.5, 一百元零五分 -> 100.05, 两美元又三美分 -> 2.03: sub-units of the same
    currency right after a whole amount written with its base unit (not 万元, 亿元)."""
    lx = scan.lex
    subs = lx.subunits.get(a.unit or "")
    if not subs or lx.subunit_rx is None or a.value is None or a.value_max is not None:
        return a
    if a.value != int(a.value) or a.value >= 1e5 or any(c in "万亿萬億" for c in a.text):
        return a
    value, end, seen = a.value, a.end, set()
    while True:
        m = lx.subunit_rx.match(scan.text, end)
        if m is None or m.group("u") not in subs or subs[m.group("u")] in seen:
            break
        n = parse_number(m.group("n"))
        if n is None or (seen and subs[m.group("u")] > min(seen)):
            break
        seen.add(subs[m.group("u")])
        value += n * subs[m.group("u")]
        end = m.end()
    if end == a.end:
        return a
    return scan.make(a.start, end, round12(value), None, a.unit, a.quantity, a.qualifier)


def _merge_ranges(scan: Scan, rows: list[Amount]) -> list[Amount]:
    """30%-50%, 3亿元至5亿元: two amounts of one unit joined by a range mark are one range."""
    if len(rows) < 2:
        return rows
    out: list[Amount] = [rows[0]]
    for r in rows[1:]:
        p = out[-1]
        gap = scan.text[p.end:r.start]
        if (
            p.unit == r.unit and p.quantity == r.quantity and p.value_max is None and r.value_max is None
            and gap and lex().sep_rx.fullmatch(gap) and p.value is not None and r.value is not None
            and r.value >= p.value and p.qualifier in ("exact", "about")
        ):
            # 约30%—40%: the first number's 约 covers the range; 3亿元至5亿元以上 keeps the suffix
            q = p.qualifier if p.qualifier != "exact" else r.qualifier
            out[-1] = scan.make(p.start, r.end, p.value, r.value, p.unit, p.quantity, q)
        else:
            out.append(r)
    return out


def extract_amounts(text: str, exclude: Sequence[tuple[int, int]] = (),
                    titles: Sequence[tuple[int, int]] | None = None) -> list[Amount]:
    """Amounts in ``text`` (offsets relative to it), skipping spans in ``exclude`` (dates) and in
    ``titles`` (the sentence's 《…》 spans, Sentence.titles; found here when not given)."""
    rows: list[Amount] = []
    if not isinstance(text, str) or not text:
        return rows
    lx = lex()
    if lx.trigger.search(text) is None:
        return rows
    scan = Scan(text, exclude or (), titles if titles is not None else book_title_spans(text))
    for m in scan_matches(lx.trigger, lx.rx, text):
        a = _handle(scan, m)
        if a is None or a.start >= a.end:
            continue
        if a.quantity == "money":
            a = _with_subunits(scan, a)
        if scan.blocked(a.start, a.end) or scan.in_quoted_name(a.start, a.end):
            continue
        if rows and a.start < rows[-1].end:
            continue
        rows.append(a)
    return shared_units(scan, _merge_ranges(scan, rows))
