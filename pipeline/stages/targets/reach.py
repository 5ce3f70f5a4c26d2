"""Reach of a trigger: paragraphs, chains (；, 其中, a led list across 。), headings, clauses.

A trigger governs what follows it in its chain; a heading (到2025年——, 主要目标是：) governs the
paragraphs listed under it. Mixed into the extractor (extract.py), whose state it reads.
"""

from __future__ import annotations

import bisect
import re

from pipeline.core.records import DateMention, Sentence
from pipeline.stages.targets.model import _Chain, _Clause, _Ctx, _Deadline
from pipeline.stages.targets.text import _CJK, _LIST_MARK, _split, _trim

_PAR_END = ("。", "！", "？", "!", "?", "；", ";", "：", ":", "…", "”", "’", "」", "』", "）", ")", "■")
_CLAUSE_BREAK = "，,；;：:"
# What may follow a heading's trigger up to the line's end: 目标是：, 目标如下：


class ReachMixin:
    """Paragraphs, chains, headings and clauses of a document."""

    def _paragraphs(self) -> list[list[Sentence]]:
        """Sentences grouped by paragraph. A line break starts a paragraph only
        after a sentence end or a title-like line: a break left inside a
        sentence by OCR (…跨界区域、城\n市乡村等…) continues the paragraph."""
        pars: list[list[Sentence]] = []
        prev: Sentence | None = None
        for s in self.sents:
            if prev is None:
                pars.append([s])
            elif "\n" in self.text[prev.end:s.start] and (self._closes(pars[-1]) or self._opens(s)):
                pars.append([s])
            else:
                pars[-1].append(s)
            prev = s
        return pars

    def _opens(self, s: Sentence) -> bool:
        """A line that starts a list item or a deadline heading starts a paragraph."""
        if _LIST_MARK.match(s.text):
            return True
        lead = len(s.text) - len(s.text.lstrip())
        return any(t.start == s.start + lead for t in self._deadline_triggers(s.start, s.end))

    def _closes(self, par: list[Sentence]) -> bool:
        last = par[-1].text.rstrip()
        if last.endswith(_PAR_END):
            return True
        body = self.text[par[0].start:par[-1].end]
        return len(body) <= self.lx.title_max and not re.search(r"[。！？!?]", body)

    def _chains(self, par: list[Sentence]) -> list[_Chain]:
        chains: list[_Chain] = []
        for s in par:
            if chains and (chains[-1].sents[-1].text.rstrip("”’」』）)\"' ").endswith(("；", ";", "：", ":"))
                           or self.lx.continuation_rx.match(s.text) or self._list_goes_on(chains[-1], s)):
                chains[-1].sents.append(s)
            else:
                chains.append(_Chain([s]))
        for ch in chains:
            i, j = bisect.bisect_left(self._a_starts, ch.start), bisect.bisect_left(self._a_starts, ch.end)
            ch.amounts = self.amounts[i:j]
            i, j = bisect.bisect_left(self._d_starts, ch.start), bisect.bisect_left(self._d_starts, ch.end)
            ch.dates = self.dates[i:j]
        return chains

    def _list_goes_on(self, ch: _Chain, s: Sentence) -> bool:
        """A sentence that carries on a led list across 。: the chain's first sentence leads a list
        (a trigger before its ：), and this one states quantities and holds no trigger of its own."""
        first = ch.sents[0]
        colon = re.search(r"[：:]", first.text)
        if colon is None or not self.lx.trigger_rx.search(first.text, 0, colon.start()):
            return False
        if self.lx.trigger_rx.search(s.text) or self._deadline_triggers(s.start, s.end):
            return False
        return bool(self._amounts_between(s.start, s.end))

    def _heading(self, par: list[Sentence], chains: list[_Chain]) -> _Ctx | None:
        """A one-sentence paragraph such as ``到2025年——`` or ``主要目标是：``."""
        if len(par) != 1 or any(c.amounts for c in chains):
            return None
        s = par[0]
        body = s.text.rstrip(" —-－…")
        trig = None
        for t in self._triggers_in(s):
            if t.pos_check and not self._verb(t):
                continue
            if trig is None or (trig.weak and not t.weak):
                trig = t
        if trig is None:
            return None
        is_deadline = trig.deadline is not None
        tail = self.text[trig.end:s.end]
        # 到2025年到2035年 (a two-column chart heading): the first deadline governs
        tail_bare = self._without_deadline_triggers(trig.end, s.end)
        bare = is_deadline and not re.sub(r"[\s：:—\-－…。，,]", "", tail_bare)
        if not bare and not body.endswith(("：", ":")):
            return None
        rest = self.text[s.start:trig.start] + (tail_bare if bare else tail)
        rest = re.sub(r"[\s：:，,—\-－…。]", "", rest)
        dl = trig.deadline or self._first_deadline(s.start, s.end)
        if dl is not None and not is_deadline:
            rest = rest.replace(re.sub(r"\s", "", dl.text), "")
        # 今年经济社会发展的主要预期目标是： the trigger closes the line, so what precedes it
        # only modifies the goal noun: a heading whatever its length, up to a title's.
        closes = self.lx.heading_close_rx.fullmatch(tail) is not None and len(rest) <= self.lx.title_max
        if len(rest) > self.lx.heading_rest and not closes:
            return None
        return _Ctx(trig, dl, self.lx.heading_max_par)

    def _without_deadline_triggers(self, lo: int, hi: int) -> str:
        """text[lo:hi] with its 到20XX年 triggers cut out."""
        parts, pos = [], lo
        for t in self._deadline_triggers(lo, hi):
            parts.append(self.text[pos:t.start])
            pos = t.end
        return "".join(parts) + self.text[pos:hi]

    def _stops_heading(self, par: list[Sentence], chains: list[_Chain]) -> bool:
        """A short line with no sentence mark and no quantity is a new title."""
        if len(par) != 1 or any(c.amounts for c in chains):
            return False
        t = par[0].text.strip()
        if _LIST_MARK.match(t):
            return False
        return len(t) <= self.lx.title_max and not t.endswith(("。", "！", "？", "；", ";", "：", ":"))

    def _lead_clause_row(self, ch: _Chain, ctx: _Ctx) -> bool:
        """Deadline-only row for a listed paragraph stating a state to reach
        (一体化体制机制更加有效); False when the paragraph is not such a state."""
        clauses = self._clauses(ch)
        if not clauses:
            return False
        c = clauses[0]
        body = _LIST_MARK.sub("", self.text[c.start:c.end])
        m = self.lx.predicate_rx.search(body)
        if m is None or m.start() < 2 or len(_CJK.findall(body)) < 4:
            return False
        self._emit(c.start, c.end, ctx.trig, None, ctx.deadline, metric=self._subject(c.start, c.end))
        return True

    def _clauses(self, ch: _Chain) -> list[_Clause]:
        out: list[_Clause] = []
        for si, s in enumerate(ch.sents):
            for a, b in _split(self.text, s.start, s.end, _CLAUSE_BREAK):
                a, b = _trim(self.text, a, b)
                if b > a:
                    out.append(_Clause(a, b, si))
        return out

    def _scope_start(self, clauses: list[_Clause], ci: int, deadlines: list[_Deadline]) -> int:
        """Start of a trigger's reach for deadlines: its clause, plus the adverbial
        clauses just before it in its sentence (未来一年，上城将… / 今年，…将…)."""
        j = ci
        while j > 0 and clauses[j - 1].sent == clauses[ci].sent and self._trigger_only(clauses[j - 1], deadlines):
            j -= 1
        return clauses[j].start

    def _trigger_only(self, c: _Clause, deadlines: list[_Deadline], extra: DateMention | None = None) -> bool:
        """A clause that holds nothing but a trigger and/or a deadline or date
        (``到2025年``, ``预计``, ``2019年``)."""
        body = self._blank(c.start, c.end, deadlines)
        if extra is not None:
            lo, hi = max(c.start, extra.start), min(c.end, extra.end)
            body = body[: lo - c.start] + " " * max(0, hi - lo) + body[hi - c.start:]
        body = self.lx.trigger_rx.sub("", body)
        body = re.sub(r"[\s\u3000，,；;：:、—\-]", "", body)
        return len(body) <= 2
