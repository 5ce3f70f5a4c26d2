"""Lists and planning sections: items of a led goal list, milestone lists, plans of a year's tasks.

GUIDELINES.md §4: a lead clause governs its list (one target per quantity, deadline-only rows for items
with no quantity); a section that states a year's tasks makes its budget and plan statements plans of
that year. Mixed into the extractor (extract.py).
"""

from __future__ import annotations

import bisect
import re

from pipeline.core.numbers import parse_number
from pipeline.core.records import Amount
from pipeline.stages.targets.model import _Chain, _Clause, _Deadline, _Governor, _Trigger
from pipeline.stages.targets.text import _CJK, _LIST_MARK, _clause_index, _split, _trim


class ListMixin:
    """Rows of led lists, milestone lists and planning sections."""

    def _list_lead(self, g: _Governor, clauses: list[_Clause]) -> bool:
        """A goal or plan trigger in a clause that ends in ： (今年发展主要预期目标是：) leads a list."""
        if g.clause < 0 or g.trig.weak:
            return False
        end = clauses[g.clause].end
        return self.text[end:end + 1] in ("：", ":")

    def _list_items(self, g: _Governor, clauses: list[_Clause], deadlines: list[_Deadline],
                    rows_by_clause: dict[int, int], stop: int) -> None:
        """Deadline-only rows for the items of a led list that state no quantity
        (…；居民收入增长和经济增长同步；国际收支保持基本平衡；…). A list whose items state no quantity
        and that no deadline governs states aspirations, not targets: no rows."""
        if not self._list_lead(g, clauses):
            return
        lead_dls = [d for d in deadlines if g.scope_lo <= d.start < clauses[g.clause].end]
        dl = lead_dls[-1] if lead_dls else g.trig.deadline or g.heading_deadline
        items = [ci for ci in range(g.clause + 1, len(clauses)) if clauses[ci].start < stop]
        if dl is None and (self.section is None or self.section.past) and not any(
                self._amounts_between(clauses[ci].start, clauses[ci].end) for ci in items):
            return  # 改革的基本目标是：坚持…，建立…: no quantity and no deadline, aspirations (GUIDELINES §4)
        for ci in items:
            c = clauses[ci]
            if rows_by_clause.get(ci) or self._amounts_between(c.start, c.end):
                continue
            body = self.text[c.start:c.end]
            if self.lx.trigger_rx.search(body) or self._hypothetical(c):
                continue
            if self.lx.past_rx.search(self._blank(c.start, c.end, deadlines)):
                continue
            if re.search(r"\d", body) or len(_CJK.findall(_LIST_MARK.sub("", body))) < self.lx.list_min:
                continue
            own = [d for d in deadlines if c.start <= d.start < c.end]
            self._emit(c.start, c.end, g.trig, None, own[0] if own else dl, metric=self._subject(c.start, c.end))

    def _amounts_between(self, lo: int, hi: int) -> list[Amount]:
        i, j = bisect.bisect_left(self._a_starts, lo), bisect.bisect_left(self._a_starts, hi)
        return self.amounts[i:j]

    def _section_plans(self, ch: _Chain, until: int | None = None) -> None:
        """Plans of a forward section that no trigger word governs (before ``until``, the chain's first
        trigger): a quantity of the year's tasks (安排…3000亿元, 一般公共预算支出规模29.7万亿元,
        新建5G基站2.3万个以上) is a plan of the section's year; its trigger is the clause's first plan
        verb as written, else none. Durations ([sections] not_quantities) and what exists (有 right before the
        quantity: [sections] existential) are no plans."""
        if self.section is None or self.section.past or self.look_back or not ch.amounts:
            return
        clauses = self._clauses(ch)
        deadlines = self._deadlines(ch)
        clause_of = _clause_index(clauses)
        by_clause: dict[int, list[Amount]] = {}
        for a in ch.amounts:
            by_clause.setdefault(clause_of(a.start), []).append(a)
        for a in ch.amounts:
            ci = clause_of(a.start)
            if ci < 0 or (until is not None and a.start >= until) or a.quantity in self.lx.not_plan_quantities:
                continue
            c = clauses[ci]
            verb = self.lx.plan_verb_rx.search(self.text, c.start, a.start)
            if verb is None and not self._dates_between(c.start, a.start) \
                    and self.lx.existential_rx.search(self.text[c.start:a.start]):
                continue  # 我区有20个对外开放口岸, 全国有24万多户国有小企业: what there is, not what the year will do
            word = verb.group() if verb else None
            g = _Governor(_Trigger(c.start, c.start, word, "plan", True), inherited=True)
            if self._amount_ok(a, c, ch, deadlines, by_clause.get(ci, []), g):
                self._amount_row(a, clauses, ci, g, deadlines)

    def _milestones(self, lo: int, hi: int, g: _Governor) -> bool:
        """Rows for a list such as “2023年正式启动、两年初具形象、三年基本完成”."""
        lx = self.lx
        items = []
        for a, b in _split(self.text, lo, hi, "、"):
            a, b = _trim(self.text, a, b)
            # drop a lead-in such as 按照“ before the first item
            q = self.text.rfind("“", a, b)
            if q >= 0 and q + 1 < b:
                a = q + 1
            q = self.text.find("”", a, b)
            if q >= 0:
                b = q
            if b <= a or b - a > lx.milestone_max_chars:
                continue
            dl = None
            for d in self._deadlines_in(a, b):
                if d.start == a:
                    dl = d
                break
            if dl is None:
                dl = self._year_at(a, b)  # 2023年正式启动: a year opening the item
            if dl is None:
                m = lx.milestone_rx.match(self.text, a, b)
                if m:
                    n = parse_number(m.group("n"))
                    if n is not None and n == int(n) and 0 < n <= 30:
                        n = int(n)
                        dl = _Deadline(a, m.end(), m.group(),
                                       str(self.pub_year + n) if self.pub_year else None)
            if dl is None:
                continue
            rest = self.text[dl.end:b]
            if len(_CJK.findall(rest)) < 2:
                continue
            items.append((a, b, dl))
        if len(items) < lx.milestone_min:
            return False
        for a, b, dl in items:
            rest = re.sub(r"^[\s”\"]+|[\s”\"]+$", "", self.text[dl.end:b])
            b2 = b
            while b2 > a and self.text[b2 - 1] in "”\"' ":
                b2 -= 1
            self._emit(a, b2, g.trig, None, dl, metric=rest or None)
        return True
