"""Deadlines of targets, taken from the dates stage's mentions (the stage keeps no date grammar).

A deadline is a date mention (pipeline/stages/dates: 年内, 到2025年, 2025年底前, 十四五, 6月底前) or a
horizon (三年内, 未来十年, 用3至5年), with the "by" words the dates stage marks around it (by_lead,
by_tail). What the targets stage decides is only whether a mention acts as a deadline here: not a
baseline (较2017年), not "since" (2019年以来), not a past year, and a bare year only where it opens a
clause. A period's deadline is its end (十四五 -> 2025); a horizon's is its last year.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from pipeline.core.pubdate import pub_year as _pub_year
from pipeline.core.records import DateMention, Sentence
from pipeline.stages.dates.horizons import horizons, mark_by
from pipeline.stages.targets.model import _Chain, _Deadline, _Trigger
from pipeline.stages.targets.sections import since_date

_CLAUSE_BREAK = "，,；;：:"
_YEAR = re.compile(r"(?:19|20)\d{2}")
# opening quotes between a comparison word and the date it compares with (高于“十三五”时期)
_OPEN_QUOTES = "“‘「『\""


def deadline_mentions(text: str, sentences: list[Sentence], dates: list[DateMention],
                      pub_date: str | None) -> list[DateMention]:
    """The dates stage's mentions of a document (document offsets) with their "by" marks, plus the
    horizons of each sentence, leftmost first. The mentions are copies: the dates table is untouched."""
    year = _pub_year(pub_date)
    starts = [d.start for d in dates]
    out: list[DateMention] = []
    for s in sentences:
        i, j = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        local = [dataclasses.replace(d, start=d.start - s.start, end=d.end - s.start) for d in dates[i:j]]
        for d in local:
            if not (d.by_lead or d.by_tail):
                mark_by(s.text, d)
        local += horizons(s.text, year, local)
        out += [dataclasses.replace(d, start=d.start + s.start, end=d.end + s.start) for d in local]
    out.sort(key=lambda d: d.start)
    return out


def _end_value(d: DateMention, by_word: str) -> str | None:
    """The deadline a mention gives: a period's end (2021/2025 -> 2025), else its value; but a
    heading that lists years by its "by" word ([deadline_rules] by_word: 到2025年到2035年) is governed by its first."""
    if not d.value:
        return None
    if d.kind != "period":
        return d.value
    first, _, last = d.value.partition("/")
    return first if d.by_lead and by_word in d.text else (last or first)


class DeadlineMixin:
    """Deadlines of a span of the document, from the dates stage's mentions."""

    def _deadlines(self, ch: _Chain) -> list[_Deadline]:
        out: list[_Deadline] = []
        for s in ch.sents:
            out += self._deadlines_in(s.start, s.end)
        return out

    def _deadlines_in(self, lo: int, hi: int) -> list[_Deadline]:
        """Deadlines among the mentions in text[lo:hi], leftmost first."""
        key = (lo, hi)
        hit = self._dl_cache.get(key)
        if hit is not None:
            return hit
        i, j = bisect.bisect_left(self._m_starts, lo), bisect.bisect_left(self._m_starts, hi)
        out: list[_Deadline] = []
        pos = lo
        for m in self.mentions[i:j]:
            if m.start < pos:
                continue
            dl = self._as_deadline(m)
            if dl is not None and dl.end <= hi:
                out.append(dl)
                pos = dl.end
        out = self._after_events(out, lo, hi)
        if self.lx.year_words_rx.pattern != "(?!)":
            taken = [(d.start, d.end) for d in out]
            out += [w for w in self._year_words(lo, hi) if not any(a < w.end and w.start < b for a, b in taken)]
            out.sort(key=lambda d: d.start)
        self._dl_cache[key] = out
        return out

    def _as_deadline(self, m: DateMention) -> _Deadline | None:
        """The mention as a deadline here, or None (a baseline, a "since", a past year, a plain date)."""
        lx = self.lx
        st, en = m.start - m.by_lead, m.end + m.by_tail
        if self._in_book(m.start) or any(w in m.text for w in lx.since):
            return None
        if any(rx.search(re.sub(r"\s+", "", m.text)) for rx in lx.dl_never):
            return None  # 年初承诺的…: the start of the reported year, not a deadline
        before = self.text[max(0, st - 4):st].rstrip()
        after = self.text[en:en + 3].lstrip()
        effect = self._effect_span(m, st, en)
        if effect is not None:
            return effect
        if any(before.endswith(x) for x in lx.dl_not_after):
            return None
        if not m.by_lead and any(after.startswith(x) for x in lx.dl_not_before) and not (
                (re.sub(r"\s+", "", m.text) + after).startswith(lx.own_year_of)):
            return None  # 2019年以来, 2020年的; but 到2035年—— is a heading's deadline, 今年的 this year's
        value = _end_value(m, lx.by_word)
        if value is None and not m.relative:
            return None
        if m.kind == "period":
            t = lx.period_time_rx.match(self.text, m.start)
            if not m.by and t is None:
                return None  # “十五五”规划编制 names a plan; “十四五”期间, 到十四五末 are times
            en = max(en, t.end()) if t is not None else en
            lead = lx.period_lead_rx.search(self.text[max(0, st - 2):st])
            st -= len(lead.group()) if lead else 0
        y = _YEAR.match(value or "")
        if y and self.pub_year is not None and int(y.group()) < self.pub_year:
            return None
        bare = (m.kind == "point" and not m.relative and not m.by and re.fullmatch(r"\d{4}", value or "") is not None
                and not m.text.rstrip().endswith(lx.year_end))
        if bare:
            prev = self.text[max(0, st - 1):st]
            word = next((w for w in lx.time_words if self.text.endswith(w, 0, st)), None)
            if word is not None:
                st -= len(word)  # 于2026年建成: the year is written as a time of completion
            elif not (prev == "" or prev in _CLAUSE_BREAK + "。！？\n“\"、 " or self._after_trigger(st)):
                return None  # a plain date inside a clause, not a deadline
        return _Deadline(st, en, self.text[st:en], value, bare=bare)

    def _effect_span(self, m: DateMention, st: int, en: int) -> _Deadline | None:
        """从/自 + date + 起 ([deadline_rules] effect_lead, effect_tail): the date a measure takes effect, a
        deadline when it falls in the publication year or later. A year alone (从今年起, 从2025年起) only
        frames a time, as a bare year does: a deadline-only row needs a completion verb."""
        lx = self.lx
        lead = next((w for w in lx.effect_lead if self.text.endswith(w, 0, st)), None)
        tail = next((w for w in lx.effect_tail if self.text.startswith(w, en)), None)
        value = m.value if m.kind == "point" else None
        if lead is None or tail is None or not value:
            return None
        y = _YEAR.match(value)
        if y and self.pub_year is not None and int(y.group()) < self.pub_year:
            return None  # 从1999年起 in a later text: since then, a fact
        st, en = st - len(lead), en + len(tail)
        bare = re.fullmatch(r"\d{4}", value) is not None
        return _Deadline(st, en, self.text[st:en], value, bare=bare)

    def _after_events(self, out: list[_Deadline], lo: int, hi: int) -> list[_Deadline]:
        """Time counted from an event of the plan ([deadline_rules] after_event): 建成后5年内 keeps the
        horizon's value over the whole phrase; 达产后 alone is a deadline that cannot resolve, so the
        quantity after it takes no earlier deadline of its sentence."""
        for ev in self.lx.after_event_rx.finditer(self.text, lo, hi):
            nxt = next((d for d in out if d.start >= ev.end()), None)
            if nxt is not None and not self.text[ev.end():nxt.start].strip():
                nxt.start, nxt.text = ev.start(), self.text[ev.start():nxt.end]
            elif not any(d.start <= ev.start() < d.end for d in out):
                out.append(_Deadline(ev.start(), ev.end(), ev.group(), None))
        out.sort(key=lambda d: d.start)
        return out

    def _year_words(self, lo: int, hi: int) -> list[_Deadline]:
        """全年 / 本年度 ([deadline_rules] year_words): the statement's own year, which the dates table leaves
        out (GUIDELINES §3 counts no such word as a date); it resolves to the publication year."""
        year = str(self.pub_year) if self.pub_year is not None else None
        return [_Deadline(m.start(), m.end(), m.group(), year) for m in self.lx.year_words_rx.finditer(self.text, lo, hi)]

    def _deadline_triggers(self, lo: int, hi: int) -> list[_Trigger]:
        """到20XX年 in text[lo:hi]: a plan trigger that is also its own deadline. (年内, 年底前 as triggers
        were tried: policy half A rose, half B did not move, so the rule stays out.)"""
        lx = self.lx
        out = []
        for dl in self._deadlines_in(lo, hi):
            if not self.text.startswith(lx.by_word, dl.start) or not _YEAR.fullmatch(dl.value or ""):
                continue
            j = dl.end  # the text after the trigger is read in place, not copied (linear in the sentence)
            while j < hi and self.text[j].isspace():
                j += 1
            if self.text.startswith(tuple(lx.dtrig_not_before), j, hi) or lx.until_rx.match(self.text, dl.end, hi):
                continue
            word = lx.by_word + dl.value + "年"  # type: ignore[operator]
            out.append(_Trigger(dl.start, dl.end, word, lx.deadline_trigger_kind, "DEADLINE" in lx.weak, dl))
        return out

    def _after_trigger(self, pos: int) -> bool:
        """A goal or plan word right before ``pos`` (力争2027年建成…): the year it governs is its deadline."""
        return any(self.text.endswith(w, 0, pos) for w in self.lx.trigger_kind)

    def _year_at(self, lo: int, hi: int) -> _Deadline | None:
        """A year of publication or later that opens text[lo:hi] (a milestone: 2023年正式启动)."""
        i = bisect.bisect_left(self._m_starts, lo)
        if i >= len(self.mentions) or self.mentions[i].start != lo:
            return None
        m = self.mentions[i]
        if m.kind != "point" or m.relative or m.end > hi or not _YEAR.fullmatch(m.value or ""):
            return None
        if self.pub_year is not None and int(m.value) < self.pub_year:  # type: ignore[arg-type]
            return None
        return _Deadline(m.start, m.end, m.text, m.value)

    def _first_deadline(self, lo: int, hi: int) -> _Deadline | None:
        dls = self._deadlines_in(lo, hi)
        return dls[0] if dls else None

    def _weak_deadline(self, dl: _Deadline, lo: int, hi: int) -> bool:
        """A deadline that only frames a time, for a deadline-only target in text[lo:hi]."""
        t = re.sub(r"\s+", "", dl.text)
        if any(rx.search(t) for rx in self.lx.dl_weak):
            return True
        if dl.bare:
            return not self.lx.completion_rx.search(self.text[lo:hi])
        return False

    def _explicit_future(self, dl: _Deadline | None) -> bool:
        """A deadline that writes a year of publication or later (到2027年), which even a look back may state."""
        if dl is None or not dl.value or not re.search(r"\d{4}", dl.text):
            return False
        return self.pub_year is None or int(dl.value[:4]) >= self.pub_year

    def _past_date(self, d: DateMention) -> bool:
        """A date before the publication year, used as a time (not as a baseline or 以来)."""
        if self.pub_year is None or not d.value:
            return False
        ys = _YEAR.findall(d.value)
        if not ys or int(ys[-1]) >= self.pub_year:
            return False
        before = self.text[max(0, d.start - 4):d.start].rstrip().rstrip(_OPEN_QUOTES)
        if any(before.endswith(x) for x in self.lx.dl_not_after):
            return False
        if since_date(self.text, d, self.lx.since_after, self.lx.since):
            return False
        return not self._in_book(d.start)

    def _dates_between(self, lo: int, hi: int) -> list[DateMention]:
        i, j = bisect.bisect_left(self._d_starts, lo), bisect.bisect_left(self._d_starts, hi)
        return self.dates[i:j]
