"""Relative clauses around an organization: the body a relative clause is on (创立于1958年的东方电气集团, 连续执政
18年之久的保守党) acts in it; a clause opening with one on a noun that is no body has that noun as its subject.

Mixed into SentenceActors (rule.py), whose text, tokens and mentions it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.stages.actors.lexicon import lex as _lex
from pipeline.stages.actors.lists import Span, Token


class RelativeMixin:
    """Relative clauses; needs ``text``, ``tokens``, ``orgs``, ``_token_at`` and ``_outside_titles``."""

    text: str
    tokens: list[Token]
    orgs: list[Span]

    if TYPE_CHECKING:  # provided by SentenceActors and ListMixin
        def _token_at(self, pos: int) -> int | None: ...

        def _outside_titles(self, a: int, b: int) -> list[Token]: ...

    def _relative_head(self, k: int, b: int) -> int | None:
        """创立于1958年的东方电气集团, 总部位于上海的华虹集团: a clause opening with a relative clause on an
        intransitive verb (V于…, 位于…) whose head is an organization has that organization as subject."""
        lx = _lex()
        toks = self.tokens
        if toks[k][3] in lx.noun_tags and k + 1 < len(toks):
            k += 1  # 总部位于…
        if toks[k][3] in lx.relative_adverb_tags and k + 1 < len(toks) and toks[k + 1][2] in lx.relative_heads:
            k += 1  # 新|成立的…: an adverb before an intransitive verb of `relative_heads` (not 成功|召开的…)
        w, t = toks[k][2], toks[k][3]
        yu = lx.postverbal_preposition
        intransitive = w.endswith(yu) or w in lx.relative_heads or (k + 1 < len(toks) and toks[k + 1][2] == yu)
        # 五年内建设并完工的第一汽车制造厂，在它…: what the body underwent (patient verbs, joined by a conjunction)
        # makes it the topic of the clauses after, like an intransitive verb
        undergone = w in lx.patient_verbs
        intransitive = intransitive or undergone
        if t not in ("v", "vd"):
            return None
        for n, (s, e, w, t) in enumerate(toks[k + 1:], k + 1):
            joined = undergone and w in lx.patient_verbs and toks[n - 1][3] == "c"
            if s >= b or t in ("v", "vd") and w != yu and not joined:
                return None
            if w == lx.relative_marker:
                p = e
                while p < b and self.text[p] in lx.blanks:
                    p += 1
                o = next((o for o in self.orgs if o.start == p), None)
                if o is None or not (intransitive or self._predicate_after(o.end, b)):
                    return None
                return o.key
        return None

    def _predicate_after(self, p: int, b: int) -> bool:
        """A verb or adverb follows at ``p``: the noun before it is a subject (涵盖…园区的上城…产业园区正式列入…),
        not the object of the verb that opens the clause (支持…的X公司，)."""
        k = self._token_at(p)
        return k is not None and p < b and self.tokens[k][0] == p and self.tokens[k][3] in ("v", "vd", "d", "ad")

    def _headed_subject(self, k: int, b: int) -> bool:
        """The verb opening the clause sits in a relative clause: after its 的 comes a noun phrase and then
        a verb of its own (…的美苏两国应该率先停止…), so the clause has a subject that is no body."""
        lx = _lex()
        toks = self._outside_titles(self.tokens[k][0], b)
        de = next((n for n, t in enumerate(toks) if t[2] == lx.relative_marker), None)
        if de is None:
            return False
        n = de + 1
        while n < len(toks) and toks[n][3] in lx.noun_tags | lx.phrase_tags:
            n += 1
        return de + 1 < n < len(toks) and toks[n][3] in ("v", "vd")

