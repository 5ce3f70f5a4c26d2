"""Rows: which governed quantities are targets, deadline-only rows, the metric, and emitting a row.

Mixed into the extractor (extract.py).
"""

from __future__ import annotations

import re

from pipeline.core.records import Amount, Target
from pipeline.stages.targets.model import _Chain, _Clause, _Deadline, _Governor, _Trigger
from pipeline.stages.targets.text import (
    _CJK,
    _LIST_MARK,
    _STRIP,
    _balance,
    _is_level,
    _item_span,
    _squash_ws,
    _trim,
)


class RowMixin:
    """Target rows of governed quantities and deadline-only clauses."""

    def _amount_ok(self, a: Amount, c: _Clause, ch: _Chain, deadlines: list[_Deadline],
                   clause_amounts: list[Amount], g: _Governor) -> bool:
        lx = self.lx
        if any(d.start < a.end and a.start < d.end for d in deadlines):
            return False
        if self._in_book(a.start):
            return False
        if self._hypothetical(c):
            return False
        head = self._blank(c.start, a.start, deadlines)
        past = lx.past_rx.search(head)
        if past and not (past.group() in lx.under_trigger and g.clause >= 0 and c.start <= g.trig.start < c.start + past.start()):
            return False  # but 今年力争交通、水利分别完成投资2500亿元: 完成 under the clause's own trigger
        if lx.perfective_rx.search(head):
            return False  # 也出访了数十个国家: a completed action right before the quantity
        soft = lx.soft_past_rx.search(head)
        if soft and not (g.clause >= 0 and c.start <= g.trig.start < c.start + soft.start()):
            return False
        if any(head.rstrip().endswith(b) for b in lx.baseline_before) or lx.baseline_of_rx.search(head):
            return False
        if lx.range_start_rx.search(head) and lx.range_next_rx.search(self.text[a.end:c.end]):
            return False
        if lx.after_amount_rx.match(self.text, a.end, c.end):
            return False
        if a.quantity == "count" and lx.list_size_rx.match(self.text, a.end):
            return False  # 重点做好9个方面工作：: the size of the list that follows
        if a.quantity == "duration" and (head.rstrip().endswith(lx.duration_not_after)
                                         or self.text.startswith(lx.duration_not_before, a.end)
                                         or lx.duration_frame_rx.search(head)):
            return False  # 经过二十年的努力 (the time it takes), 建党一百年, 十年规划 (a name), 前十年 (a frame)
        if any(rx.search(a.text) for rx in lx.skip_amount_rx) or self._in_slogan(a, c):
            return False
        for rx in (lx.means_rx, lx.base_rx, lx.within_rx):
            for m in rx.finditer(self.text, c.start, c.end):
                if m.start() <= a.start and a.end <= m.end():
                    return False
        for d in ch.dates:
            if c.start <= d.start < c.end and self._past_date(d):
                return False
        lo, hi = _item_span(self.text, c, a.start)
        same_item = [b for b in clause_amounts if b is not a and lo <= b.start < hi]
        if _is_level(a.text) and any(not _is_level(b.text) for b in same_item):
            return False
        # 年营收超亿元企业20家: a quantity that qualifies the noun counted next
        for b in same_item:
            if b.start >= a.end and b.quantity == "count" and a.quantity != "count":
                gap = self.text[a.end:b.start]
                if len(gap) <= 8 and not any(v in gap for v in lx.creation_verbs):
                    return False
            # 推进200个以上投资超亿元的文旅重大项目: a level in the relative clause on the noun the count before counts
            if b.end <= a.start and b.quantity == "count" and a.quantity != "count" and self._counts_level(b, a):
                return False
        return True

    def _counts_level(self, count: Amount, level: Amount) -> bool:
        """Does ``level`` stand in the relative clause (…的) on the noun that ``count`` counts (200个以上投资超亿元的文旅
        重大项目)? A verb between them is the relative clause's own (投资超亿元的); a conjunction joins two goals instead
        (项目200个和完成投资500亿元的…), and a goal noun after 的 makes the level a goal (…增收3000元的目标)."""
        lx = self.lx
        if not lx.counted_relative or level.start - count.end > 8:
            return False
        rel = next((w for w in lx.counted_relative if self.text.startswith(w, level.end)), None)
        if rel is None or self.text.startswith(lx.counted_relative_not_before, level.end + len(rel)):
            return False
        return not any(j in self.text[count.end:level.start] for j in lx.counted_relative_joiners)

    def _ended_year_estimate(self, g: _Governor) -> bool:
        """预计 with no deadline, written early in a year (初步预计，全区地区生产总值增长4.2%左右, in a
        January report) estimates the year just ended: a fact, not a target (GUIDELINES §4). A
        report's sections decide where they exist; [past] ended_year_months sets "early"."""
        return (g.trig.kind == "forecast" and self.section is None and self.pub_month is not None
                and self.pub_month in self.lx.ended_year_months)

    def _ended_year_word(self, dl: _Deadline | None) -> bool:
        """全年 / 本年度 with no year of its own (not 今年全年) and not right after a goal word (not 力争全年),
        in a text published in January or February ([past] ended_year_months) outside any report section:
        the year just ended, so what it frames is a result (GUIDELINES §4, an ended period), not a goal."""
        if dl is None or self.section is not None or self.pub_month not in self.lx.ended_year_months:
            return False
        if not self.lx.year_words_rx.fullmatch(dl.text):
            return False
        # 今年全年 / 2025年全年 name their year; 力争全年…增长10%以上 sets this year's goal
        return self.text[max(0, dl.start - 1):dl.start] != "年" and not self._after_trigger(dl.start)

    def _amount_row(self, a: Amount, clauses: list[_Clause], ci: int, g: _Governor,
                    deadlines: list[_Deadline]) -> None:
        c = clauses[ci]
        start = c.start
        if not g.inherited and g.clause == ci:
            start = g.trig.start
            lead = [d for d in deadlines if c.start <= d.start < g.trig.start]
            if lead:
                start = min(start, lead[0].start)
        elif ci > 0 and clauses[ci - 1].sent == c.sent and self._trigger_only(clauses[ci - 1], deadlines):
            start = clauses[ci - 1].start
        scope_lo = g.scope_lo if not g.inherited else clauses[0].start
        dl = None
        for d in deadlines:
            if scope_lo <= d.start < a.start and not (d.start < a.end and a.start < d.end):
                dl = d
        if dl is None and g.trig.deadline is not None and g.trig.start < a.start:
            dl = g.trig.deadline
        if dl is None:
            dl = g.heading_deadline
        if dl is None and self._ended_year_estimate(g):
            return
        metric = self._metric(a, c)
        self._emit(start, c.end, g.trig, a, dl, metric=metric)

    def _opening_deadline_row(self, g: _Governor, c: _Clause, deadlines: list[_Deadline]) -> None:
        lead = self.lx.trigger_rx.sub(lambda m: " " * len(m.group()), self.text[c.start:c.end])
        first = next((d for d in deadlines if c.start <= d.start < c.end), None)
        if first is None or lead[: first.start - c.start].strip():
            return
        if self._weak_deadline(first, c.start, c.end):
            return
        if self._hypothetical(c) or self.lx.past_rx.search(self._blank(c.start, c.end, deadlines)):
            return
        body = self.lx.trigger_rx.sub("", self._blank(first.end, c.end, deadlines))
        if len(_CJK.findall(body)) < 4:
            return
        self._emit(c.start, c.end, g.trig, None, first, metric=self._subject(first.end, c.end))

    def _deadline_only(self, g: _Governor, clauses: list[_Clause], deadlines: list[_Deadline],
                       rows_by_clause: dict[int, int], milestones: set[int]) -> int | None:
        """Row for the first clause ``g`` governs; returns that clause's index."""
        ci = g.clause
        if ci < 0:
            return None
        c = clauses[ci]
        # deadline adjacent to the trigger: a lead adverbial (今年我们将) or right after it
        dl: _Deadline | None = g.trig.deadline
        if dl is None:
            for d in deadlines:
                if g.scope_lo <= d.start and d.end <= g.trig.start and d.start < c.start:
                    dl = d
                elif c.start <= d.start and d.end <= g.trig.start:
                    gap = self.text[d.end:g.trig.start]
                    if len(gap) <= 8 and not re.search(r"[、\d]", gap):
                        dl = d
                elif g.trig.end <= d.start < c.end and d.start - g.trig.end <= 2:
                    dl = d
                    break
        target_ci = ci
        after = self._blank(g.trig.end, c.end, deadlines)
        after = re.sub(r"[\s“”\"，,：:]", "", self.lx.trigger_rx.sub("", after))
        if len(after) <= 2 and not (after and self.lx.completion_rx.fullmatch(after)):
            # only a lead-in (到2025年，…): the next clause states the goal; but
            # 该项目力争2025年底前建成 states it here, in its completion verb
            target_ci = ci + 1
            if target_ci >= len(clauses) or clauses[target_ci].sent != c.sent:
                return None
        tc = clauses[target_ci]
        if dl is None:
            for d in deadlines:
                if tc.start <= d.start < tc.end and (target_ci != ci or d.start >= g.trig.end):
                    gap = self.text[max(tc.start, g.trig.end):d.start]
                    if len(gap) <= 4:
                        dl = d
                        break
        if dl is None or self._weak_deadline(dl, tc.start, tc.end):
            return None
        if rows_by_clause.get(target_ci) or target_ci in milestones:
            return None
        if self._hypothetical(tc):
            return None
        if self.lx.past_rx.search(self._blank(tc.start, tc.end, deadlines)):
            return None
        start = min(g.trig.start, dl.start) if target_ci == ci else g.trig.start
        start = max(start, c.start)
        body = self._blank(tc.start, tc.end, deadlines)
        body = self.lx.trigger_rx.sub("", body)
        if len(_CJK.findall(body)) < 4:
            return None
        lo = tc.start if target_ci != ci else max(g.trig.end, dl.end if dl.start >= c.start else g.trig.end)
        self._emit(start, tc.end, g.trig, None, dl, metric=self._subject(lo, tc.end))
        return target_ci

    def _metric(self, a: Amount, c: _Clause) -> str | None:
        """The phrase the quantity measures, as written (see configs/targets/targets.toml [metric])."""
        lx = self.lx
        lo, hi = _item_span(self.text, c, a.start)
        prefix_lo = lo
        for d in self._deadlines_in(lo, a.start):
            prefix_lo = max(prefix_lo, d.end)
        prefix = lx.trigger_rx.sub("", self.text[prefix_lo:a.start])
        prefix = _LIST_MARK.sub("", prefix).strip(_STRIP)
        # 税负率从10%降至2.5%: the starting point is not part of the metric
        prefix = lx.starting_point_rx.sub("", prefix).strip(_STRIP)
        if not prefix or prefix in lx.level_verbs:
            # 城镇调查失业率全年控制在5.5%以内: the metric stands before the deadline
            whole = self.text[lo:a.start]
            for d in self._deadlines_in(lo, a.start):
                whole = whole.replace(d.text, "")
            whole = _LIST_MARK.sub("", lx.trigger_rx.sub("", whole)).strip(_STRIP)
            if len(_CJK.findall(whole)) > len(_CJK.findall(prefix)):
                prefix = whole
        changed = True
        while changed and prefix:
            changed = False
            for w in lx.leading:
                if prefix.startswith(w) and len(prefix) > len(w):
                    prefix = prefix[len(w):].lstrip(_STRIP)
                    changed = True
            for w in lx.level_verbs:
                if prefix.endswith(w):
                    prefix = prefix[: -len(w)].rstrip(_STRIP)
                    changed = True
                    break
        if prefix.endswith(lx.noun_follows) or lx.counted_noun_rx.search(prefix):
            # A、B等5个方面 / …在内的4个研发中心 / 三个千亿级产业集群: the noun follows
            prefix = ""
        suffix = self.text[a.end:hi]
        suffix = re.split(r"[，。；：、,;:（(]", suffix, maxsplit=1)[0].strip(_STRIP)
        suffix = lx.suffix_lead_rx.sub("", suffix)
        if prefix and prefix not in lx.creation_verbs and len(_CJK.findall(prefix)) >= 2:
            return _balance(prefix)
        if suffix:
            return _balance(suffix)
        return _balance(prefix)

    def _subject(self, lo: int, hi: int) -> str | None:
        """Metric of a deadline-only target: the subject before its predicate."""
        body = self.text[lo:hi].strip(_STRIP)
        for d in self._deadlines_in(lo, hi):
            body = body.replace(d.text, "")
        body = _LIST_MARK.sub("", self.lx.trigger_rx.sub("", body)).strip(_STRIP)
        m = self.lx.predicate_rx.search(body)
        if m and m.start() >= 2:
            body = body[: m.start()]
        return _squash_ws(body)[:40] or None

    def _emit(self, start: int, end: int, trig: _Trigger, a: Amount | None, dl: _Deadline | None,
              metric: str | None) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        sec = self.section
        if sec is not None and sec.past and not self._explicit_future(dl):
            return  # a result of the period the section looks back on
        if self._ended_year_word(dl):
            return  # 全年争取…433亿元, in a January item: the year just ended, a result
        if sec is not None and not sec.past and dl is None:
            dl = _Deadline(sec.start, sec.start, sec.year_text or "", sec.year)
        self.out.append(Target(
            start=start, end=end, text=self.text[start:end], trigger=trig.word,
            target_kind=trig.kind, metric=metric,
            value_text=a.text if a else None,
            value=a.value if a else None,
            value_max=a.value_max if a else None,
            unit=a.unit if a else None,
            qualifier=a.qualifier if a else None,
            deadline_text=_squash_ws(dl.text) if dl else None,
            deadline=dl.value if dl else None,
        ))

    def _in_slogan(self, a: Amount, c: _Clause) -> bool:
        """A quantity inside a quoted phrase with other words (“十年磨一剑”,
        “两个一百年”) is part of a name or slogan; a quoted magnitude alone
        (“百亿”级) is not."""
        q = self.text.rfind("“", c.start, a.start)
        if q < 0 or self.text.find("”", q, a.start) >= 0:
            return False
        e = self.text.find("”", a.end, c.end)
        if e < 0:
            return False
        inner = self.text[q + 1:e]
        return len(_CJK.findall(inner)) > len(_CJK.findall(a.text)) + 1

    def _blank(self, lo: int, hi: int, deadlines: list[_Deadline]) -> str:
        """Text of [lo, hi) with deadline spans blanked (截至2025年 is not a past marker)."""
        chars = list(self.text[lo:hi])
        for d in deadlines:
            for i in range(max(lo, d.start), min(hi, d.end)):
                chars[i - lo] = " "
        return "".join(chars)

    def _in_book(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.book)
