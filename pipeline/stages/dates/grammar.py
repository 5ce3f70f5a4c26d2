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

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.core.pubdate import parse_pub_date, pub_year
from pipeline.core.records import DateMention
from pipeline.stages.dates import days, forms, relative
from pipeline.stages.dates.horizons import horizons, mark_by
from pipeline.stages.dates.lexicon import lex as _lex
from pipeline.stages.dates.resolve import Resolver, Scan, one_year
from pipeline.stages.sentences.headings import heading_line, headings, year_title
from pipeline.stages.sentences.titles import book_title_spans

# named group of the grammar (lexicon.py) -> its resolver, in the grammar's order
_RESOLVERS: dict[str, Resolver] = {
    "isor": forms.iso_range, "iso": forms.iso_date, "dr": forms.day_range, "yj": forms.year_span,
    "yr": forms.year_span, "yl": forms.year_list, "dec": forms.decade, "ymr": forms.year_month_range,
    "mr": relative.month_range, "qr": forms.quarter_range, "ago": relative.years_ago, "ym": relative.year_head,
    "md": relative.month_day, "mpo": relative.month_only, "mo": relative.month_only, "qo": relative.quarter_only,
    "ypo": relative.year_part, "plan": relative.plan, "br": forms.bracket_year,
    "dmy": days.day_first, "ft": days.open_span, "aft": days.open_span, "rday": days.relative_day,
    "rmon": days.relative_month, "bday": days.bare_day, "wk": days.weekday, "dago": days.days_ago,
    "ordm": days.ordinal_month,
}


# forms that span several dates (lexicon.Lex._span_forms): where one is rejected, the
# single dates it holds are read instead
_SPANS = frozenset({"isor", "dmy", "dr", "yj", "yr", "ft", "aft", "yl", "dec", "ymr", "mr", "qr"})


def relative_year_offset(word: str) -> int | None:
    """Years from the publication year that a word such as 今年 / 明年 names
    (configs/dates/dates.toml [relative_years]; shared with the targets' deadlines)."""
    return _lex().rel_years.get(word)


@dataclass
class DateContext:
    """What earlier sentences of a document tell later ones.

    ``last_year``: the last absolute year written (同年 refers to it, often in
    the previous sentence). ``para_year``: the last year the current paragraph
    names, its reference year for month-days, months, quarters, 上年 and 年末
    (GUIDELINES §3); the orchestrator calls :meth:`new_paragraph` where the
    author broke the paragraph. ``section_year``: the year the last section
    heading opened with (一、2024年工作回顾; dates.toml, configs/sentences/headings.toml),
    the reference year where a paragraph names none; :meth:`new_article` ends it.
    One context per document, sentences in order; it goes on across a long
    document's windows (run/task.Carry).
    """

    last_year: int | None = None
    para_year: int | None = None
    section_year: int | None = None
    # the current paragraph so far: its sentences, and its first line read as a heading (numbered, year) or None
    _par_lines: int = field(default=0, init=False, repr=False, compare=False)
    _par_heading: tuple[bool, int | None] | None = field(default=None, init=False, repr=False, compare=False)

    def new_paragraph(self) -> None:
        """A paragraph break: the next paragraph sets its own reference year. A paragraph that was one heading line
        opens a section: its year (一、2024年工作回顾) or, numbered with none (三、全面加强政府自身建设), no year."""
        if self._par_lines == 1 and self._par_heading is not None:
            numbered, year = self._par_heading
            if year is not None or numbered:
                self.section_year = year
        self.para_year = None
        self._par_lines, self._par_heading = 0, None

    def new_article(self) -> None:
        """An article starts (a newspaper page's next item): no section of the last one goes on."""
        self.new_paragraph()
        self.section_year = None

    def note_sentence(self, text: str, rows: list[DateMention], pub: int | None = None) -> None:
        """Count a sentence of the paragraph and, if it is the first and a heading, the year it opens with (``pub``:
        the publication year, for a heading that opens on the past year: 一、过去一年工作回顾)."""
        self._par_lines += 1
        if self._par_lines == 1:
            self._par_heading = _heading_year(text, rows, pub)


def _heading_year(text: str, rows: list[DateMention], pub: int | None = None) -> tuple[bool, int | None] | None:
    """(numbered, the year it opens with or None) where ``text`` is a section heading, else None. The year opens the
    line after its number (一、2024年工作回顾) or opens a year's title with a look-back or task word (2024年工作回顾); a
    numbered heading opening on the past year (一、过去一年工作回顾) names the year before ``pub``; a year part
    (年内为百姓办…) opens none, and a heading that names two years (一、1998年工作回顾和1999年工作的建议) has none."""
    line = text.strip()
    top = heading_line(line) if line else None
    if top is None:
        return None
    h = headings()
    if not top and not (year_title(line, rows) and (h.past.search(line) or h.forward.search(line))):
        return None
    at = len(text) - len(text.lstrip()) + (top.end() if top else 0)
    if top and not rows and pub is not None and _lex().past_year_heading.match(text, at):
        return True, pub - 1
    first = next((d for d in rows if d.start == at), None)
    years = {d.value[:4] for d in rows if d.value and d.value[:4].isdigit()}
    year = one_year(first.value) if first is not None and first.text not in _lex().year_parts else None
    return bool(top), year if len(years) == 1 else None  # 二、关于2025年工作, 二、“十四五”时期…: no year opens it


def _resolve(scan: Scan, m) -> list[DateMention]:
    g = m.groupdict()
    name = m.lastgroup
    fn = _RESOLVERS.get(name) if name else None
    if fn is None:  # lastgroup is the outermost group that closed last: find the form's group
        name = next(k for k in _RESOLVERS if g.get(k) is not None)
        fn = _RESOLVERS[name]
    return fn(scan, m, g)


def _at(scan: Scan, m, p: int) -> list[DateMention]:
    """The mentions a grammar match at position ``p`` yields (none when it reads nothing)."""
    if m is None or m.end() <= p:
        return []
    return [d for d in _resolve(scan, m) if d.start < d.end]


def _clean(text: str) -> str:
    """Invisible characters (zero-width space…) become spaces, which the grammar
    skips like OCR spaces; offsets are unchanged."""
    inv = _lex().invisible
    return inv.sub(" ", text) if inv is not None and inv.search(text) else text


def extract_dates(text: str, pub_date: str | None = None, context: DateContext | None = None,
                  titles: Sequence[tuple[int, int]] | None = None) -> list[DateMention]:
    """Date mentions in ``text`` (offsets relative to it), resolved against ``pub_date``:
    the dates table as GUIDELINES §3 defines it (no horizons).

    ``context`` carries the document's years across its sentences (同年, the
    paragraph's reference year); without it each call stands alone. ``titles`` are the
    sentence's 《…》 spans (Sentence.titles), found here when not given.
    """
    rows: list[DateMention] = []
    if not isinstance(text, str) or not text:
        return rows
    lx = _lex()
    if lx.quick.search(text) is None:
        if context is not None:
            context.note_sentence(text, rows, pub_year(pub_date) if pub_date else None)
        return rows
    work = _clean(text)
    scan = Scan(work, lx, parse_pub_date(pub_date) if pub_date else None, context.last_year if context else None,
                context.para_year if context else None,
                list(titles) if titles is not None else book_title_spans(text),
                context.section_year if context else None)
    pos, n = 0, len(work)
    while pos < n:
        t = lx.trigger.search(work, pos)
        if t is None:
            break
        p = t.start()
        # every date holds one of a few key characters within a short window of its start:
        # testing for them first spares the long alternation at most trigger characters
        rx = lx.rx_at.get(work[p], lx.rx)
        m = rx.match(work, p) if _near(lx, work, p) else None
        found = _at(scan, m, p)
        if not found and m is not None and m.lastgroup in _SPANS:
            found = _at(scan, lx.rx_single.match(work, p), p)  # a rejected range: its single dates
        found = [d for d in found if not scan.in_book(d.start, d.end) and not (rows and d.start < rows[-1].end)]
        for d in found:
            d.text = text[d.start:d.end]
            mark_by(work, d)
            rows.append(d)
        pos = max(rows[-1].end, p + 1) if found else p + 1
    if context is not None:
        context.last_year, context.para_year = scan.last_year, scan.para_year
        context.note_sentence(text, rows, scan.pub)
    return rows


def _near(lx, work: str, p: int) -> bool:
    """A key character within 14 characters of ``p``, or of the end of a run of years and list joins."""
    if lx.near.search(work, p, p + 14):
        return True
    e = lx.year_run.match(work, p, p + 64).end()  # bounded: a long run of digits stays linear
    return e > p + 8 and lx.near.search(work, e, e + 14) is not None


def deadline_mentions(text: str, pub_date: str | None = None, context: DateContext | None = None,
                      titles: Sequence[tuple[int, int]] | None = None) -> list[DateMention]:
    """Every mention a deadline can come from: the dates of :func:`extract_dates`
    plus horizons (kind ``horizon``: 三年内, 未来十年), leftmost first.

    For the targets stage, which keeps no date grammar of its own. Horizons
    resolve from the publication year; ``by_lead``/``by_tail`` mark 到…/…前.
    Pass the same ``context`` as for extract_dates only if the sentence has not
    been scanned with it yet (it advances the context).
    """
    rows = extract_dates(text, pub_date, context, titles)
    if not isinstance(text, str) or not text:
        return rows
    hz = horizons(_clean(text), pub_year(pub_date), rows)
    for d in hz:
        d.text = text[d.start:d.end]
    return sorted(rows + hz, key=lambda d: d.start) if hz else rows
