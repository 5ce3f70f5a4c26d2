"""Lists in the subject of a clause: a list of bodies, a list that names a class, and 分别 ("respectively").

Mixed into SentenceActors (rule.py), whose text, tokens and mentions it reads. A list of bodies only
(国家发展改革委、住房和城乡建设部联合颁发) keeps its first body as the subject of one act; where the clause
pairs the bodies with a list of as many quantities (天水经开区、张掖经开区全国排名46位、82位; 能源集团、林草
生态公司利润分别增长1倍和15倍), each quantity is the act of the body in the same place of the list. Where the
counts differ under 分别, or a list of quantities faces a list of bodies of another length, no body is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.stages.actors.lexicon import lex as _lex

Token = tuple[int, int, str, str]


@dataclass
class Span:
    """An organization mention in sentence offsets."""

    start: int
    end: int
    key: int  # the caller's index of the mention


class ListMixin:
    """The list grammar of a clause's subject; needs ``text``, ``tokens``, ``orgs`` and ``_token_at``."""

    text: str
    tokens: list[Token]
    orgs: list[Span]

    def _token_at(self, pos: int) -> int | None:
        return next((k for k, t in enumerate(self.tokens) if t[0] <= pos < t[1]), None)

    def _token_from(self, pos: int) -> int | None:
        """The token that starts at ``pos`` (right after a mention), if a word boundary is there."""
        k = self._token_at(pos)
        return k if k is not None and self.tokens[k][0] == pos else None

    def _enumerated(self, o: Span, b: int) -> bool:
        """The organization opens a list that is no list of bodies alone (北汽、小米、理想等重点整车项目,
        沈阳航空、沈大工业母机、大盘绿色石化3个集群): the subject is the class the list names, not the body.
        A list of organizations only (国家发展改革委、住房和城乡建设部联合颁发) keeps its first, also where a
        noun phrase with no 等 and no count follows it (天水经开区、张掖经开区全国排名…: what the bodies measure)."""
        lx = _lex()
        # the list ends where the predicate starts: a verb, or an adverb or preposition before it (…园区将以…为)
        end = next((t[0] for t in self.tokens if o.end <= t[0] < b and t[3] in _lex().predicate_tags), b)
        rest = list(self.text[o.end:end])
        for other in self.orgs:
            for p in range(max(other.start, o.end), min(other.end, end)):
                rest[p - o.end] = ""
        raw = "".join(rest)
        rest_s = raw.strip(lx.list_joiners + lx.blanks)
        head = rest_s.split(lx.summary_mark, 1)
        if not rest_s or (len(head) == 2 and not head[0].strip(lx.list_joiners) and self._bare_noun(o.end, end)):
            return False  # bodies only, or bodies summed up by 等 and a noun (…、省工商联等部门联合印发)
        joined = self._joined_end(o, b)
        if joined > o.end and joined <= end and lx.summary_mark not in self.text[joined:end] and not any(
                t[3] == "m" for t in self.tokens if joined <= t[0] < end):
            return False  # bodies only, then the noun phrase of what they measure (…经开区全国排名, …公司利润)
        return any(m in raw for m in lx.enumeration_marks)

    def _joined_bodies(self, o: Span, b: int) -> list[Span]:
        """``o`` and the bodies joined to it by list marks (沿边临港产业园区和中国—东盟产业合作区…), in order."""
        lx = _lex()
        out, p, moved = [o], o.end, True
        while moved:
            moved = False
            q = p
            while q < b:
                if self.text[q] in lx.list_joiners + lx.blanks + lx.name_joiners:
                    q += 1
                    continue
                if any(x.start == q for x in self.orgs):
                    break  # the next body itself (the NER may tag it a place: 天水经开区/LOC)
                k = self._token_at(q)  # a place before the next body (…和中国—东盟产业合作区)
                if k is None or self.tokens[k][3] not in lx.place_tags or self.tokens[k][0] != q:
                    break
                q = self.tokens[k][1]
            nxt = next((x for x in self.orgs if q < b and x.start <= q < x.end and x.end > p), None)
            if nxt is not None and q > p:
                out.append(nxt)
                p, moved = nxt.end, True
        return out

    def _joined_end(self, o: Span, b: int) -> int:
        """The end of the run of bodies joined to ``o``."""
        return self._joined_bodies(o, b)[-1].end

    def _bare_noun(self, a: int, b: int) -> bool:
        """The last token before ``b`` is a noun and no number stands between ``a`` and ``b``."""
        toks = [t for t in self.tokens if a <= t[0] < b]
        return bool(toks) and toks[-1][3] in _lex().noun_tags and all(t[3] != "m" for t in toks)

    def _respective(self, o: Span, b: int, pos: int) -> int | None:
        """The key of the body of the list opened by ``o`` (clause end ``b``) whose act the quantity at
        ``pos`` is: the body in the same place of its list as the quantity in the list of quantities. A single
        body, or one quantity with no 分别, keeps ``o`` (A与B共同投资10亿元: the first acts); counts that differ,
        or 分别 before a single quantity, name no body."""
        bodies = self._joined_bodies(o, b)
        if len(bodies) < 2:
            return o.key
        at, n = self._quantity_place(pos)
        if n == len(bodies):
            return bodies[at].key
        respective = any(w in self.text[o.end:pos] for w in _lex().respective_words)
        return None if n > 1 or respective else o.key

    def _quantity_place(self, pos: int) -> tuple[int, int]:
        """The place of the quantity at ``pos`` in its list of quantities (46位、82位; 1倍和15倍) and the
        length of that list; (0, 1) for a quantity alone."""
        lx = _lex()
        k = self._token_at(pos)
        while k is not None and k < len(self.tokens) and self.tokens[k][3] != "m":
            k = k + 1 if self.tokens[k][1] - pos <= lx.quantity_lead else None  # 超|4000亿元, 突破|2000万吨
        if k is None or k >= len(self.tokens):
            return 0, 1

        def joined(j: int) -> bool:  # token j is a list mark between two numbers
            t = self.tokens[j]
            return (0 < j < len(self.tokens) - 1 and t[2] in lx.list_joiners and self.tokens[j - 1][3] == "m"
                    and self.tokens[j + 1][3] == "m")

        first = k
        while first >= 2 and joined(first - 1):
            first -= 2
        last = k
        while last + 2 < len(self.tokens) and joined(last + 1):
            last += 2
        return (k - first) // 2, (last - first) // 2 + 1
