"""What heads the noun phrase an organization opens: Chinese noun phrases are head-final, so a noun after the body
(its units, a project or document it names, a process in or on it, a quoted thing named after it, what a list
sums up) is the subject, and the body only modifies it.

Mixed into SentenceActors (rule.py), whose text, tokens and mentions it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.stages.actors.lexicon import lex as _lex
from pipeline.stages.actors.lists import Span, Token


class HeadMixin:
    """The head of the noun phrase after a body; needs ``text``, ``tokens``, ``activities`` and the methods below."""

    text: str
    tokens: list[Token]
    activities: set[int]

    if TYPE_CHECKING:  # provided by SentenceActors and ListMixin
        def _joined_end(self, o: Span, b: int) -> int: ...

        def _outside_titles(self, a: int, b: int) -> list[Token]: ...

        def _attribute(self, a: int, b: int, measure: bool = False) -> bool: ...

    def _headed_by_noun(self, o: Span, b: int) -> bool:
        """The noun phrase after the body (and the bodies joined to it: X和Y在建项目投资…) heads the subject.
        Chinese noun phrases are head-final: its units (国务院组成部门), a project or document it only names
        (中新互联互通项目新签署…), a process in or on it (沿边临港产业园区工业投资增长38%), or any noun with a
        predicate of its own (红旗汽车产销量分别增长…, 中央政府层面核准…). A measure of the body with a quantity
        (北京证券交易所上市公司达262家) stays the body's, and a scope word is adverbial (兰州高新区全国排名53位)."""
        lx = _lex()
        toks = self._outside_titles(self._joined_end(o, b), b)
        if toks and toks[0][2] in lx.quote_marks:
            return self._quoted_thing(toks)
        if toks and toks[0][2] == lx.summary_mark:  # 云数据中心等新基建投资增长…: what the list sums up
            return self._summed_thing(toks[1:])
        n, head = 0, None
        while n < len(toks) and toks[n][3] in lx.noun_tags | {"a", "b"}:  # the noun phrase it opens
            if toks[n][3] in lx.noun_tags and toks[n][2] not in lx.scope_nouns:
                head = toks[n]
                if head[2].endswith(lx.unit_heads):
                    return True  # its units (国务院组成部门), unless joined to it (国务院及其部门)
            n += 1
        if head is None:
            return False
        if head[2].endswith(lx.thing_heads):
            return True
        own_act = head[0] in self.activities  # 中央政府|投资支持…: the body's act, not others' in or on it
        if head[2].endswith(lx.process_subjects) and not own_act and any(t[3] in ("v", "vd") for t in toks[n:]):
            return True
        # a verbal noun heads it too where a noun comes first (省政府门户网站绩效评估连续3年…: the website's rating),
        # unlike one right after the body, which is the body's act (中央政府投资…)
        nominal = head[3] in lx.head_noun_tags or any(t[3] in lx.head_noun_tags for t in toks[:n])
        return nominal and not self._attribute(toks[0][0], b, True)

    def _quoted_thing(self, toks: list[tuple[int, int, str, str]]) -> bool:
        """A quoted name right after the body, then a noun that is a thing or an event (华为“828B2B”企业节, 联合国
        “海洋十年”海洋城市大会): the subject is that thing, named after the body. Any other noun after the quote
        (天开高教科创园“一核两翼多点”布局…) is the body's own and leaves it the subject."""
        lx = _lex()
        close = next((n for n, t in enumerate(toks[1:], 1) if t[2] in lx.quote_marks), None)
        if close is None:
            return False
        n, head = close + 1, None
        while n < len(toks) and toks[n][3] in lx.noun_tags | {"a", "b"}:
            head, n = toks[n], n + 1
        return head is not None and head[2].endswith(lx.thing_heads + lx.event_heads)

    def _summed_thing(self, toks: list[tuple[int, int, str, str]]) -> bool:
        """The noun after 等 heads the subject where it is a thing or a process (云数据中心等新基建投资增长40%以上:
        the investment, no body); a class of bodies there sums the list up (…、省工商联等部门联合印发: the first)."""
        lx = _lex()
        n, head = 0, None
        while n < len(toks) and toks[n][3] in lx.noun_tags | {"a", "b"}:
            head, n = toks[n], n + 1
        if head is None:
            return False
        verb_after = any(t[3] in ("v", "vd") for t in toks[n:])
        return head[2].endswith(lx.thing_heads) or (head[2].endswith(lx.process_subjects) and verb_after)

    def _project_item(self, toks: list[tuple[int, int, str, str]]) -> bool:
        """The body opens the first item of a list that 等 sums up as things (九江石化年产150万吨芳烃、乐平水利枢纽、…等
        项目开工建设; 陕煤煤炭分质利用、国能聚乙醇酸等重大项目开工建设: the provincial reports): the project named after
        the body is the subject, and the body only names it. A list summed up as bodies (…、省工商联等部门) is not."""
        lx = _lex()
        joiner = next((n for n, t in enumerate(toks) if t[2] in lx.enumeration_marks and t[2] != lx.summary_mark), None)
        if joiner is None:
            return False
        sums = next((n for n, t in enumerate(toks) if n > joiner and t[2] == lx.summary_mark), None)
        return sums is not None and self._summed_thing(toks[sums + 1:])
