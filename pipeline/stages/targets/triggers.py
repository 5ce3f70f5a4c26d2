"""Triggers: the goal, plan and forecast words (and 到20XX年) that make a statement a target.

A trigger word in a noun or name use (科技合作计划中, 拟上市企业), after a past marker (已将), after a
past date with no future deadline in its sentence, or under a condition (如果…) does not fire.
Mixed into the extractor (extract.py).
"""

from __future__ import annotations

from pipeline.core.records import Sentence
from pipeline.stages.targets.model import _Chain, _Clause, _Deadline, _Trigger
from pipeline.stages.targets.pos import _verb_use
from pipeline.stages.targets.text import _clause_index


class TriggerMixin:
    """Trigger words of a sentence and whether they fire."""

    def _triggers_in(self, s: Sentence) -> list[_Trigger]:
        lx = self.lx
        out: list[_Trigger] = []
        taken: list[tuple[int, int]] = []
        for t in self._deadline_triggers(s.start, s.end):
            t.sent_start = s.start
            out.append(t)
            taken.append((t.start, t.end))
        for m in lx.trigger_rx.finditer(self.text, s.start, s.end):
            w = m.group()
            st = m.start()
            if any(a <= st < b for a, b in taken) or self._in_book(st):
                continue
            if any(rx.match(self.text, st, s.end) for rx in lx.not_trigger_rx):
                continue
            before = self.text[max(s.start, st - 4):st]
            if any(before.endswith(b) for b in lx.not_before) and not lx.copula_rx.match(self.text, st, s.end):
                continue  # 的规划 is a noun; but 我们的目标是，… states the goal
            if self.text.startswith(tuple(lx.not_after), m.end(), s.end):  # read in place: linear in the sentence
                continue
            t = _Trigger(st, m.end(), w, lx.trigger_kind[w], w in lx.weak)
            t.pos_check = w in lx.pos_checked and lx.use_pos
            t.sent_start = s.start
            out.append(t)
        out.sort(key=lambda t: t.start)
        return out

    def _verb(self, t: _Trigger) -> bool:
        an = self.analyses.get(t.sent_start)  # by the sentence's start: no scan of the sentences
        if an is None or not self.lx.use_pos:
            return True  # no analysis of this sentence: the lexical rules decide alone
        return _verb_use(list(zip(an.words, an.pos, strict=False)), t.start - t.sent_start)

    def _trigger_ok(self, t: _Trigger, ch: _Chain, clauses: list[_Clause],
                    deadlines: list[_Deadline]) -> bool:
        """Drop triggers in past narrative or under a condition."""
        ci = _clause_index(clauses)(t.start)
        if ci < 0:
            return False
        c = clauses[ci]
        head = self._blank(c.start, t.start, deadlines)
        if self.lx.past_rx.search(head):
            return False
        # a condition opening an earlier clause of the same sentence
        sent = clauses[ci].sent
        for c2 in clauses[: ci + 1]:
            if c2.sent == sent and self._hypothetical(c2):
                return False
        if t.deadline is not None:
            return True
        # a past date framing the trigger (in its clause, or in an adverbial
        # clause of its sentence: 2019年，…，将…), and no future deadline in the sentence
        s = ch.sents[sent]
        if self.pub_year is not None:
            future = any(s.start <= d.start < s.end for d in deadlines)
            if not future:
                find = _clause_index(clauses)
                for d in ch.dates:
                    if not (s.start <= d.start < t.start and self._past_date(d)):
                        continue
                    dc = find(d.start)
                    if dc == ci or (dc >= 0 and self._trigger_only(clauses[dc], deadlines, extra=d)):
                        return False
        return True

    def _hypothetical(self, c: _Clause) -> bool:
        head = self.text[c.start:c.start + 4].lstrip("“\"（(")
        return any(head.startswith(h) for h in self.lx.hypo)
