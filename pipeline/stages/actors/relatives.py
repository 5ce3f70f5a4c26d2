"""Relative clauses around an organization, and 由 X phrases: the body a relative clause is on (创立于1958年的东方电气集团)
acts in it; a clause opening with one on a noun that is no body has that noun as its subject; 由 X and a verb names X
(由交通部负责施工的), unless the phrase sits in a relative clause on the subject (由北大国际关系学院举办的…研讨会).

Mixed into SentenceActors (rule.py), whose text, tokens and mentions it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.stages.actors.lexicon import lex as _lex
from pipeline.stages.actors.lists import Span, Token


class RelativeMixin:
    """Relative clauses and 由 X phrases; needs ``text``, ``tokens``, ``orgs``, ``clauses`` and the methods declared below."""

    text: str
    tokens: list[Token]
    orgs: list[Span]
    clauses: list[tuple[int, int]]

    if TYPE_CHECKING:  # provided by SentenceActors and ListMixin
        def _token_at(self, pos: int) -> int | None: ...

        def _token_from(self, pos: int) -> int | None: ...

        def _outside_titles(self, a: int, b: int) -> list[Token]: ...

        def _in_body(self, t: Token) -> bool: ...

        def _title_at(self, p: int) -> bool: ...

        def _modifier(self, o: Span, b: int) -> bool: ...

    def _by_phrase(self, a: int, b: int) -> int | None:
        """由 X and a verb of `by_verbs` (由交通部负责施工的), or any verb right after X (首次由省人大常委会测评候选项目,
        由财政部代理发行): X acts. A verb ending in one of `by_from_endings` makes 由 "from" (由X改为Y)."""
        lx = _lex()
        for o in self.orgs:
            if a <= o.start < b and self.text[max(a, o.start - len(lx.by)):o.start] == lx.by:
                if self._by_in_relative(o):
                    continue  # 由北京市政府和科技部共同主办的国际周活动为期5天: the phrase modifies the subject
                after = self.text[o.end:o.end + lx.by_gap + max(map(len, lx.by_verbs))]
                if any(after.find(v) != -1 and after.find(v) <= lx.by_gap for v in lx.by_verbs):
                    return o.key
                k = self._token_from(o.end)
                if k is not None and self.tokens[k][3] in lx.by_verb_tags and not self.tokens[k][2].endswith(
                        lx.by_from_endings):
                    return o.key
        return None

    def _by_in_relative(self, o: Span) -> bool:
        """Does the 由 X phrase end in a 的 that a head noun follows in the same clause (由北大国际关系学院举办的“…”国际
        学术研讨会日前在京召开)? Then it sits in a relative clause on that noun, the subject, and names no actor of the
        clause; a 的 that ends the clause (由交通部负责施工的，共有十一条线路) is a headless relative, X's own."""
        lx = _lex()
        end = next((b for a, b in self.clauses if a <= o.start < b), len(self.text))
        k = self._token_from(o.end)
        while k is not None and k + 1 < len(self.tokens) and self.tokens[k][0] < end:
            w, t = self.tokens[k][2], self.tokens[k][3]
            if w == lx.relative_marker:
                nxt = self.tokens[k + 1]
                return nxt[0] < end and (nxt[3] != "w" or nxt[2] in lx.quote_marks or self._title_at(nxt[0]))
            if not (t in ("v", "vd", "vn", "d", "ad", "c") or w in lx.aspect_particles or self._in_body(self.tokens[k])
                    or w in lx.name_list_marks):
                return False  # an object before any 的 (由中央代地方发债…): the phrase is the clause's own
            k += 1
        return False

    def _relative_head(self, k: int, b: int) -> int | None:
        """创立于1958年的东方电气集团, 总部位于上海的华虹集团: a clause opening with a relative clause on an
        intransitive verb (V于…, 位于…) whose head is an organization has that organization as subject."""
        lx = _lex()
        toks = self.tokens
        if toks[k][3] in lx.noun_tags and k + 1 < len(toks):
            k += 1  # 总部位于…
        if toks[k][3] in lx.relative_adverb_tags and k + 2 < len(toks) and toks[k + 1][2] in lx.relative_heads \
                and toks[k + 2][2] == lx.relative_marker:
            k += 1  # 新|成立|的…: an adverb before an intransitive verb of `relative_heads` and its 的 (not 成功|召开的…,
            # nor a main verb with its object, 又|成立|了…的省数据公司)
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

    def _modified_head(self, k: int, b: int) -> int | None:
        """A clause opening with a modifier and its 的 right before an organization that a predicate or the clause's end
        follows (但同组的巴拉圭队以3∶1战胜…, 5名国脚缺阵的上海申花队以0∶2负于…, “五笔字型”发明人王永民教授领导的北京王码
        电脑总公司，历经4年…推出…: People's Daily 1998): the organization heads the noun phrase, so it is the subject. A
        preposition in the modifier makes the phrase its object (…会把成立38年之久的欧佩克组织推向…); a noun after the
        organization makes it a modifier in turn (…的X公司产值…); a quantity in the modifier counts others (see ``actor``)."""
        lx = _lex()
        if self.tokens[k][2] == lx.relative_marker or self.tokens[k][3] in ("v", "vd", *lx.relative_adverb_tags):
            return None  # 支持…的X公司，: a verb phrase and its object as often (``_relative_head`` reads verb-initial ones)
        verbs = 0
        for s, e, w, t in self.tokens[k:]:
            if s >= b or (t == "w" and w not in lx.quote_marks) or t in lx.frame_tags or w in lx.aspect_particles:
                return None  # …会把成立38年之久的欧佩克组织推向…: a preposition's object; 记者走访了…的X公司: a main verb
            verbs += t in ("v", "vd")
            if w != lx.relative_marker:
                continue
            o = next((o for o in self.orgs if o.start == e), None)
            if o is None:
                continue  # …的 + a noun: the head is further on (…的五笔字型发明人王永民教授领导的X)
            return o.key if self._heads_clause(o, b, verbs) else None
        return None

    def _heads_clause(self, o: Span, b: int, verbs: int) -> bool:
        """Is the body after the modifier the clause's subject: a predicate follows it (adverbs and time words first:
        仍然|以…, 今天|以…; not 最|重要的历史贡献, an adjective), or the clause ends on it after a modifier with a verb (…王永民教授领导的北京王码电脑总公司，:
        a verbless one, 上海的宏达公司，, is a list item)? And it modifies no noun after it (…的华信公司生产的汽车…)."""
        lx = _lex()
        n = self._token_from(o.end)
        skip = lx.relative_adverb_tags | {t for t in lx.lead_tags if t != "f"}  # 仍然, 今天|以…: adverbials first
        while n is not None and n + 1 < len(self.tokens) and self.tokens[n][3] in skip:
            n += 1
        if not self.text[o.end:b].strip(lx.blanks):
            return verbs > 0
        predicate = n is not None and self.tokens[n][0] < b and self.tokens[n][3] in ("v", "vd", *lx.frame_tags)
        return predicate and not self._modifier(o, b)

    def _predicate_after(self, p: int, b: int) -> bool:
        """A verb or adverb follows at ``p``: the noun before it is a subject (涵盖…园区的上城…产业园区正式列入…),
        not the object of the verb that opens the clause (支持…的X公司，)."""
        k = self._token_at(p)
        return k is not None and p < b and self.tokens[k][0] == p and self.tokens[k][3] in ("v", "vd", "d", "ad")

    def _headed_subject(self, k: int, b: int) -> bool:
        """The verb opening the clause (after its adverbs) sits in a relative clause: after its 的 comes a noun phrase and
        then a verb of its own, adverbs first (…的美苏两国应该率先停止…; 早先允诺的5.15亿美元经援将泡汤: People's Daily 1998),
        so the clause has a subject that is no body."""
        lx = _lex()
        adverbs = k
        while k + 1 < len(self.tokens) and self.tokens[k][3] in lx.relative_adverb_tags:
            k += 1
        if self.tokens[k][3] not in ("v", "vd"):
            return False
        if k > adverbs and not (k + 1 < len(self.tokens) and self.tokens[k + 1][2] == lx.relative_marker):
            return False  # 积极支持全省的200家企业加快…: after adverbs only a verb right before 的 opens a relative clause
        toks = self._outside_titles(self.tokens[k][0], b)
        de = next((n for n, t in enumerate(toks) if t[2] == lx.relative_marker), None)
        if de is None:
            return False
        n = de + 1
        while n < len(toks) and toks[n][3] in lx.noun_tags | lx.phrase_tags:
            n += 1
        while de + 1 < n < len(toks) and toks[n][3] in lx.relative_adverb_tags:
            n += 1
        return de + 1 < n < len(toks) and toks[n][3] in ("v", "vd")

