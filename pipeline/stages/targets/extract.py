"""Targets: forward-looking goals, plans and forecasts that state a quantity or a deadline.

GUIDELINES.md §4. The stage runs after amounts and dates and works on whole
documents because a trigger's reach crosses sentence borders: a sentence
chained by ； keeps its trigger, and a heading such as ``到2025年——`` or a
sentence ending in ： governs the paragraphs listed under it.

How a target is found (all words and patterns are data in configs/targets/targets.toml):

1. Sentences are grouped into paragraphs (a line break between them) and
   chains (sentences joined by ；). Clauses are the pieces between ，；：
   (not inside brackets or book titles); items are the pieces of a clause
   between 、.
2. Triggers are found in each chain; a trigger word in a noun or name use
   (科技合作计划中, 规划范围, 拟上市企业), after a past marker (已将), after a
   past date with no future deadline in the sentence, or after a condition
   (如果…) does not fire. A trigger governs what follows it in its chain;
   weak triggers (将, 到20XX年) give way to a strong one (预计…将 -> 预计).
3. Each amount governed by a trigger is one target, unless it is a deadline
   (未来十年), a baseline (较2017年, 从…), a means (以…为支撑), a level that
   only qualifies a counted noun (2至3个“百亿”级产业集群 -> the 2至3个), or its
   clause states a past fact (已, 累计, a past year...).
4. Deadline-only targets: milestone lists (“2023年正式启动、两年初具形象”),
   the first clause a trigger governs when it carries a deadline but no
   quantity (到2025年，细颗粒物平均浓度总体达标), and the lead clause of each
   paragraph under a deadline heading that has no target of its own.
5. The deadline of a target is the nearest deadline written in its trigger's
   reach before it, else the heading's, else the year of the report section it
   stands in (二、2025年目标任务和重点工作). Deadlines are the dates stage's
   mentions and horizons (deadlines.py): the stage keeps no date grammar.
6. Sections (sections.py): a look back (一、2024年工作回顾) yields no targets;
   a year's tasks make budget and plan statements plans of that year; led
   goal lists (lists.py) give one row per item.

Modules, by job: reach.py (paragraphs, chains, headings, clauses), triggers.py,
deadlines.py, lists.py (led lists, milestones, planning sections), rows.py
(quantities, deadline-only rows, metric), sections.py, pos.py, text.py.

Errors propagate: the per-document isolation of pipeline/run records them in ``errors``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.core.pubdate import parse_pub_date, pub_year
from pipeline.core.records import Amount, Analysis, DateMention, Sentence, Target
from pipeline.stages.sentences.titles import document_titles
from pipeline.stages.targets.deadlines import DeadlineMixin, deadline_mentions
from pipeline.stages.targets.lexicon import _lexicon
from pipeline.stages.targets.lists import ListMixin
from pipeline.stages.targets.model import _Chain, _Clause, _Ctx, _Deadline, _Governor, _Trigger
from pipeline.stages.targets.reach import ReachMixin
from pipeline.stages.targets.rows import RowMixin
from pipeline.stages.targets.sections import Section, section_heading, year_goal_section
from pipeline.stages.targets.text import _clause_index
from pipeline.stages.targets.triggers import TriggerMixin


def extract_targets(text: str, sentences: list[Sentence], amounts: list[Amount],
                    dates: list[DateMention], pub_date: str | None,
                    analyses: Sequence[Analysis] | None = None, carry: TargetsCarry | None = None) -> list[Target]:
    """Targets of one document; all offsets are document clean-text offsets.

    ``sentences`` come from ``split_sentences(text)``; ``amounts`` and ``dates``
    from their stages, shifted to document offsets. ``pub_date`` (ISO, any
    granularity) anchors 年内, 今年 and horizons such as 三年内; without it
    those deadlines are None. ``analyses`` (the NER backend's analyses aligned
    with ``sentences``) give the noun/verb check of 计划, 规划 … its tags; without
    them the lexical rules decide alone. Errors propagate: the run's
    per-document isolation records them. ``carry`` (a long document's windows,
    run/windows.py) hands the section a window ends in to the next window: a
    heading's year and orientation govern the text under it past the cut, and
    an untimed heading after a look back may still be opened by the year's goal.
    """
    ex = _Extractor(text, sentences, amounts, dates, pub_date, analyses)
    if carry is not None:
        if carry.section is not None:
            ex.section = replace(carry.section, start=0)  # its heading lies in an earlier window
        ex.after_review = carry.after_review
        ex.stated = carry.stated  # goals stated in earlier windows: before any offset here
    out = ex.run()
    if carry is not None:
        carry.section, carry.after_review = ex.section, ex.after_review
        carry.stated = {head: _EARLIER for head in ex.stated}
    return out


@dataclass
class TargetsCarry:
    """What the targets stage hands from one window of a long document to the next (run/windows.py)."""

    section: Section | None = None  # the section the window ended in
    after_review: bool = False  # the window ended under the untimed heading that closed a look back
    stated: dict[tuple[Any, ...], int] = field(default_factory=dict)  # goals stated so far (head -> _EARLIER)


_EARLIER = -(1 << 62)  # the offset of a goal stated in an earlier window


def _restated_once(rows: list[Target], stated: dict[tuple[Any, ...], int]) -> list[Target]:
    """Rows in text order, each once: the same span and value once, and a goal restated later
    (经济增长目标设定为6%左右 after the list's 经济增长6%左右: same value, unit and qualifier, a metric
    that opens with the same four characters) listed once, at its first statement. ``stated`` holds the
    goals stated before (head -> end offset) and takes this text's."""
    seen: set[tuple[Any, ...]] = set()
    uniq = []
    for t in sorted(rows, key=lambda t: (t.start, t.end)):
        key = (t.start, t.end, t.value_text, t.value, t.deadline_text)
        if key in seen:
            continue
        seen.add(key)
        head = (t.value, t.unit, t.qualifier, (t.metric or "")[:4]) if t.value is not None and t.metric else None
        if head is not None and len(head[3]) == 4 and stated.get(head, t.start) < t.start - len(t.text):
            continue  # stated before, in an earlier clause
        if head is not None:
            stated.setdefault(head, t.end)
        uniq.append(t)
    return uniq


class _Extractor(ReachMixin, ListMixin, TriggerMixin, DeadlineMixin, RowMixin):
    """One document's pass: paragraphs in order, each chain under its triggers."""

    def __init__(self, text: str, sentences: list[Sentence], amounts: list[Amount],
                 dates: list[DateMention], pub_date: str | None,
                 analyses: Sequence[Analysis] | None = None) -> None:
        self.text = text
        self.analyses: dict[int, Analysis] = {}  # by sentence start; zipped only where a trigger asks
        if analyses is not None and len(analyses) == len(sentences):
            self.analyses = {s.start: a for s, a in zip(sentences, analyses, strict=True)}
        self.sents = sorted(sentences, key=lambda s: s.start)
        self.amounts = sorted((a for a in amounts if a.end > a.start), key=lambda a: a.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self.pub_year = pub_year(pub_date)
        parsed = parse_pub_date(pub_date)
        self.pub_month = parsed.month if parsed is not None else None
        self.lx = _lexicon()
        self.book = document_titles(self.sents)  # 《…》 spans, from the sentence stage
        self.out: list[Target] = []
        self._dl_cache: dict[tuple[int, int], list[_Deadline]] = {}
        self._a_starts = [a.start for a in self.amounts]
        self._d_starts = [d.start for d in self.dates]
        self.mentions = deadline_mentions(text, self.sents, self.dates, pub_date)
        self._m_starts = [m.start for m in self.mentions]
        self.section: Section | None = None
        self.after_review = False  # under the untimed heading that closed a look back: the year's goal may open the tasks
        self.look_back = False  # the paragraph opens with 过去五年，…: its untriggered quantities are results
        self.stated: dict[tuple[Any, ...], int] = {}  # goals stated before this text (an earlier window)

    def run(self) -> list[Target]:
        ctx: _Ctx | None = None
        for par in self._paragraphs():
            dates = self._dates_between(par[0].start, par[-1].end)
            before = self.section
            is_heading, self.section = section_heading(self.text, par, dates, self.pub_year, self.lx.sections,
                                                       self.section)
            if is_heading:
                # 二、牢记历史使命，…: the heading that closes a look back names no time; until the next heading, the
                # paragraph that states this year's goal opens the year's tasks (a glossary heading never does)
                self.after_review = self.section is None and before is not None and before.past \
                    and not self.lx.sections["glossary"].search(self.text[par[0].start:par[0].end])  # type: ignore[union-attr]
                ctx = None
                continue
            if self.section is None and self.after_review:
                self.section = year_goal_section(self.text, par, dates, self.pub_year, self.lx.year_goal_rx,
                                                 self.lx.since_after, self.lx.since)
                self.after_review = self.section is None
            if self.lx.restatement_rx.match(par[0].text):
                continue  # 提出上述预期目标，…: restates goals listed before
            self.look_back = bool(self.lx.sections["look_back_paragraph"].match(par[0].text))  # type: ignore[union-attr]
            chains = self._chains(par)
            heading = self._heading(par, chains)
            if heading is not None:
                ctx = heading
                continue
            if ctx is not None and self._stops_heading(par, chains):
                ctx = None
            n_before = len(self.out)
            own = False
            for ch in chains:
                own |= self._chain(ch, ctx)
            if ctx is not None:
                if len(self.out) == n_before and not own:
                    if not self._lead_clause_row(chains[0], ctx):
                        ctx = None
                        continue
                ctx.left -= 1
                if ctx.left <= 0:
                    ctx = None
        return _restated_once(self.out, self.stated)

    # ---------------------------------------------------------------- one chain

    def _chain(self, ch: _Chain, ctx: _Ctx | None) -> bool:
        """Targets of one chain; returns whether the chain has a trigger of its own."""
        triggers = [t for s in ch.sents for t in self._triggers_in(s)]
        if not triggers and ctx is None:
            self._section_plans(ch)
            return False
        clauses = self._clauses(ch)
        if not clauses:
            return False
        deadlines = self._deadlines(ch)
        triggers = [t for t in triggers if self._trigger_ok(t, ch, clauses, deadlines)]
        # the tagger's analysis is read only for noun-able triggers that could yield a row
        triggers = [t for t in triggers if not t.pos_check or (
            (any(a.start > t.start for a in ch.amounts) or any(d.start > t.start for d in deadlines)
             or ctx is not None) and self._verb(t))]
        own = bool(triggers)
        if not triggers and ctx is None:
            self._section_plans(ch)
            return False
        if ctx is None:
            self._section_plans(ch, until=triggers[0].start)  # 新建5G基站2.3万个以上，…，努力把…
        inherited = _Governor(ctx.trig, inherited=True, heading_deadline=ctx.deadline) if ctx is not None else None
        new_govs, rows_by_clause = self._govern(ch, clauses, deadlines, triggers, inherited)
        for g_i, g in enumerate(new_govs):
            stop = new_govs[g_i + 1].trig.start if g_i + 1 < len(new_govs) else ch.end
            self._list_items(g, clauses, deadlines, rows_by_clause, stop)
        milestones = self._milestone_rows(ch, clauses, new_govs, inherited)
        self._deadline_only_rows(ch, clauses, deadlines, new_govs, rows_by_clause, milestones)
        return own

    def _govern(self, ch: _Chain, clauses: list[_Clause], deadlines: list[_Deadline], triggers: list[_Trigger],
                gov: _Governor | None) -> tuple[list[_Governor], dict[int, int]]:
        """Walk triggers and quantities in order: each quantity is a row of the trigger in force.
        Returns the chain's own governors and the number of rows per clause."""
        clause_of = _clause_index(clauses)
        events: list[tuple[int, int, Any]] = [(t.start, 0, t) for t in triggers]
        events += [(a.start, 1, a) for a in ch.amounts]
        events.sort(key=lambda e: (e[0], e[1]))
        new_govs: list[_Governor] = []
        rows_by_clause: dict[int, int] = {}
        items: dict[int, list[Amount]] = {}
        for a in ch.amounts:
            items.setdefault(clause_of(a.start), []).append(a)
        for _pos, typ, obj in events:
            if typ == 0:
                t: _Trigger = obj
                ci = clause_of(t.start)
                if (gov is not None and not gov.inherited and t.weak
                        and not (t.deadline is not None and gov.trig.deadline is not None)):
                    # 预计…将 / 力争…，将… / 到2025年将…: the trigger in force stays
                    # (a later 到2035年 does replace an earlier 到2025年)
                    continue
                if gov is not None and gov.clause != ci and self._list_lead(gov, clauses) and t.deadline is None:
                    continue  # 预期目标是：A增长5%左右、努力争取更好结果，B…: the lead governs its items
                hd = gov.heading_deadline if gov is not None else None
                scope = (gov.scope_lo if (gov is not None and not gov.inherited)
                         else self._scope_start(clauses, ci, deadlines))
                gov = _Governor(t, clause=ci, heading_deadline=hd, scope_lo=scope)
                new_govs.append(gov)
                continue
            a: Amount = obj
            ci = clause_of(a.start)
            if gov is None or ci < 0:
                continue
            if not self._amount_ok(a, clauses[ci], ch, deadlines, items.get(ci, []), gov):
                continue
            self._amount_row(a, clauses, ci, gov, deadlines)
            rows_by_clause[ci] = rows_by_clause.get(ci, 0) + 1
        return new_govs, rows_by_clause

    def _milestone_rows(self, ch: _Chain, clauses: list[_Clause], new_govs: list[_Governor],
                        inherited: _Governor | None) -> set[int]:
        """Milestone lists in governed clauses; returns the clauses that held one."""
        out: set[int] = set()
        for g_i, g in enumerate(new_govs):
            stop = new_govs[g_i + 1].trig.start if g_i + 1 < len(new_govs) else ch.end
            for ci, c in enumerate(clauses):
                if c.end <= g.trig.start or c.start >= stop:
                    continue
                if self._milestones(max(c.start, g.trig.end), c.end, g):
                    out.add(ci)
        if inherited is not None and not new_govs:
            for ci, c in enumerate(clauses):
                if self._milestones(c.start, c.end, inherited):
                    out.add(ci)
        return out

    def _deadline_only_rows(self, ch: _Chain, clauses: list[_Clause], deadlines: list[_Deadline],
                            new_govs: list[_Governor], rows_by_clause: dict[int, int], milestones: set[int]) -> None:
        """Deadline-only rows: the first clause a trigger governs, when it has a deadline but no
        quantity, and any later governed clause that opens with a deadline
        (争取…，三年内实现规上工业企业数字化改造全覆盖，…)."""
        done: dict[int, Target] = {}
        for g in new_govs:
            n = len(self.out)
            ci = self._deadline_only(g, clauses, deadlines, rows_by_clause, milestones)
            if ci is not None and len(self.out) > n:
                if ci in done:
                    # 到2020年，力争…: one row for the clause, under the later (stronger) trigger
                    self.out.remove(done[ci])
                done[ci] = self.out[-1]
        for g_i, g in enumerate(new_govs):
            stop = new_govs[g_i + 1].trig.start if g_i + 1 < len(new_govs) else ch.end
            for ci, c in enumerate(clauses):
                if (c.start <= g.trig.start or c.start >= stop or ci in done or ci in milestones
                        or rows_by_clause.get(ci)):
                    continue
                self._opening_deadline_row(g, c, deadlines)
