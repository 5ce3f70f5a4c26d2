"""The acting organization of a position in a sentence, from the sentence's grammar only.

Reading back from the row, clause by clause within its sentence:
- a 由 X 牵头/负责… phrase in a clause names X;
- a clause whose subject is an organization mention names it (the first of X与Y…);
- a clause opening with a verb, adverb, preposition, a date or 其 has no subject of its own:
  the subject of the clause before carries over (Chinese clause chains);
- a clause with a subject of its own that is no organization (项目总投资…, 松江出台…, 我们…)
  ends the reading with no actor.
Nothing is taken because it is near: an organization in an object, after a preposition
(在X上, 据X报告) or in another sentence is never the actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.stages.actors.frames import clauses, datelines
from pipeline.stages.actors.heads import HeadMixin
from pipeline.stages.actors.lexicon import lex as _lex
from pipeline.stages.actors.lists import ListMixin, Span, Token
from pipeline.stages.actors.relatives import RelativeMixin
from pipeline.stages.organizations.lexicon import load_org_lexicon
from pipeline.stages.sentences.titles import book_title_spans


def _has_body_suffix(name: str) -> bool:
    """The name ends on a head word of the organization grammar (configs/organizations/suffixes.toml)."""
    return load_org_lexicon().suffix_at_end(name) is not None


class SentenceActors(ListMixin, RelativeMixin, HeadMixin):
    """Clauses, words and organization mentions of one sentence."""

    def __init__(self, text: str, words: Sequence[str] | None, pos: Sequence[str] | None,
                 orgs: Sequence[Span], dates: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.dates = sorted(dates)  # date mentions: framing at the head of a clause (2019年华虹集团…)
        self.titles = book_title_spans(text)  # 《…》 spans, read by several rules: found once
        self.orgs = sorted(orgs, key=lambda o: o.start)
        self.clauses = clauses(text)
        self.tokens: list[tuple[int, int, str, str]] = []
        if words and pos and "".join(words) == text:
            p = 0
            for w, t in zip(words, pos):
                self.tokens.append((p, p + len(w), w, t))
                p += len(w)
        self._split_activities()
        self.datelines = datelines(text, self.clauses, self.dates, self.tokens)
        self.orgs = [o for o in self.orgs if self._named_body(o)]

    def _split_activities(self) -> None:
        """A word the organization layer cut after a complete body because its rest is what the body does
        (中央政府|投资: `OrgLexicon.body_before_activity`), or whose rest is a process word (中央政府|建设投资总规模…:
        `process_heads`), becomes the body and that verbal noun (`activity_tag`),
        so the mention no longer ends inside a word and its act reads like 中央政府公共投资9243亿元."""
        org_lx, lx = load_org_lexicon(), _lex()
        self.activities: set[int] = set()  # starts of the acts split off (a process of the body's own)
        for o in self.orgs:
            k = next((k for k, t in enumerate(self.tokens) if t[0] <= o.start and o.end < t[1]), None)
            if k is None:
                continue
            s, e, w, t = self.tokens[k]
            rest = self.text[o.end:e]
            if org_lx.body_before_activity(self.text[o.start:e]) == o.end - o.start or rest in lx.process_heads:
                self.tokens[k:k + 1] = [(s, o.end, self.text[s:o.end], t), (o.end, e, rest, lx.activity_tag)]
                self.activities.add(o.end)

    def _named_body(self, o: Span) -> bool:
        """A mention that can act: not a scope word (全疆 tagged ORG), not a name whose head is a process
        (中央政府投资: Chinese compounds are head-final), and not ending inside a word."""
        lx = _lex()
        name = self.text[o.start:o.end]
        if name in lx.own_subject_words or name.endswith(lx.process_heads):
            return False  # 全疆, 中央政府投资, 全社会固定资产投资: a scope or a process, not a body
        if self._affiliated(o) and not name.endswith(lx.collective_heads):
            return False  # 中央卫生部所属医院: a class of a body's units (国务院各部门 acts as one; 西斯科系统公司 is a firm)
        if name.endswith(lx.person_heads):
            return False  # 人大代表, 政协委员: persons of a body, not the body
        if name.startswith(lx.class_prefixes):
            return False  # 普惠性幼儿园, 公办幼儿园: a word of class before the head names a class of bodies
        if self._name_runs_on(o) or any(ds < o.end and o.start < de for ds, de in self.dates):
            return False  # …; 从一|九零零年: a mention overlapping a date is the NER's cut of the date, no body
        if self._is_span(name):
            return False  # 五年国务院: a time span the NER glued to the name, no body's name
        return not self.tokens or any(t[1] == o.end for t in self.tokens)

    def _affiliated(self, o: Span) -> bool:
        """Does the name hold an affiliation word right after a body's name (中央卫生部|所属|医院)? A word of its own
        where the backend's words are known: inside a word it is part of a firm's or institute's name (西斯科系统公司,
        北京大学|系统工程|研究所)."""
        lx = _lex()
        name = self.text[o.start:o.end]
        for w in lx.affiliation_words:
            i = name.find(w)
            if i <= 0 or not _has_body_suffix(name[:i]):
                continue
            s = o.start + i
            if not self.tokens or any(t[0] == s and t[1] == s + len(w) for t in self.tokens):
                return True
        return False

    def _name_runs_on(self, o: Span) -> bool:
        """One content character, then a list mark, right after the mention: the name goes on through that
        character (中国能|建、中联云港…, 渝快|办、渝快政…): the NER cut a list item's name short, so no body."""
        lx = _lex()
        k = self._token_from(o.end)
        if k is None or k + 1 >= len(self.tokens):
            return False
        tok, nxt = self.tokens[k], self.tokens[k + 1]
        return len(tok[2]) == 1 and tok[3] in lx.name_tail_tags and nxt[2] in lx.name_list_marks

    def actor(self, pos: int) -> int | None:
        """The key of the acting organization for a row at sentence offset ``pos``, or None."""
        ci = next((i for i, (a, b) in enumerate(self.clauses) if a <= pos <= b), len(self.clauses) - 1)
        if self._span_frame(*self.clauses[ci]) and ci + 1 < len(self.clauses):
            verdict = self._subject(*self.clauses[ci + 1])  # 五十年来，人民解放军…: the span of the next clause's act
            if verdict != "carry" or not self._period(*self.clauses[ci]):
                return verdict if isinstance(verdict, int) else None
            # 华信公司表示，2021年冬到2022年春，将举办…: a period before a clause with no subject of its own is passed
        for i in range(ci, -1, -1):
            a, b = self.clauses[i]
            if i < ci and self._subordinate(a, b):
                continue  # 华信公司表示，如果省政府给予支持，将投资…: the main clause's subject is not the condition's
            by = self._by_phrase(a, b if i < ci else pos)
            if by is not None:
                return by
            if i == ci and self._frame(a, b):
                return None  # 经过30年发展建设，…: a quantity in a frame is no one's act
            verdict = self._subject(a, b)
            if verdict == "carry":
                continue
            if not isinstance(verdict, int):
                return None
            if i == ci and self._counted(verdict, pos):
                return None
            o = next(o for o in self.orgs if o.key == verdict)
            if o.start <= pos < o.end:
                return None  # 塔里木油田万米|超深钻井: the NER swallowed the row's own quantity into the name
            if i == ci and pos < o.start and self._number_at(pos) and not self._attribute_of(o, a, b):
                return None  # 12个闽宁产业园…, 5名国脚缺阵的上海申花队…: a quantity before its clause's subject counts it
            # (a target row may open on a date before the subject: 2024年教育部提出将启动…, the body's goal)
            if i < ci and self._closed(i) and not self._attributes_only(i + 1, ci):
                return None  # 新疆人才发展集团挂牌成立，组建…: the body was the one set up, not who acts next
            return self._respective(o, b, pos)
        return None

    def _existential(self, a: int, b: int) -> bool:
        """The clause's first verb says there are so many of something that then acts: 有 (`existential_verbs`), a
        quantity and a noun, then a verb of its own (阿尔巴尼亚政府…声明说，5月31日和6月1日两天共有约2000名科索沃阿族难民
        涌入…; 已有10万余名测绘工作者获得了…: People's Daily 1998). The counted phrase is the subject, not the topic
        before. Only a count of persons (`person_classifiers`) acts so; 有员工3000人, with no verb after it, states the
        topic's holding."""
        lx = _lex()
        v = next((k for k, t in enumerate(self.tokens) if a <= t[0] < b and t[3] in ("v", "vd")), None)
        if v is None or self.tokens[v][2] not in lx.existential_verbs:
            return False
        k = v + 1
        while k < len(self.tokens) and self.tokens[k][3] in lx.relative_adverb_tags:
            k += 1  # 约|2000名
        if k >= len(self.tokens) or self.tokens[k][3] != "m" or not self.tokens[k][2].endswith(lx.person_classifiers):
            return False  # (有2亿元资金用于扶贫: the topic's money, not a counted subject that acts)
        after = self._after_quantity(k)
        if after is None or after[3] not in lx.noun_tags:
            return False
        return any(t[3] in ("v", "vd") for t in self.tokens if after[0] < t[0] < b)

    def _attribute_of(self, o: Span, a: int, b: int) -> bool:
        """The clause opens with an attribute of the body and its 的 right before it (总面积23.8平方公里的洞泾人工智能产业
        基地成为…: seeds): the quantity measures the body. A modifier with a verb of its own (5名国脚缺阵的上海申花队) is not,
        nor a process others spend on it (总投资200亿元的大湾区“菜篮子”交易中心揭牌: Guangdong 2025)."""
        lx = _lex()
        start = self._content_start(a, b)
        if start is None or not self.text.startswith(lx.relative_marker, o.start - 1):
            return False
        nouns = [t[2] for t in self.tokens if start <= t[0] < o.start and t[3] in lx.noun_tags]
        return not any(w.endswith(lx.process_heads) for w in nouns) and self._attribute(start, o.start)

    def _number_at(self, pos: int) -> bool:
        """A number token (tag m) starts at ``pos``: the row is a quantity, not a target opening on a date."""
        k = self._token_at(pos)
        return k is None or self.tokens[k][3] == "m"

    @staticmethod
    def _is_span(word: str) -> bool:
        """A time span: numerals and a unit of time (四十三年, 多年, 3个月)."""
        lx = _lex()
        head = word.lstrip(lx.span_numerals)
        return head != word and head.startswith(lx.span_units)

    def _subordinate(self, a: int, b: int) -> bool:
        """Does the clause open with a subordinator (`subordinators`: 如果, 尽管…)? Its subject is its own: a clause after
        it with none of its own carries the subject from before it (华信公司表示，尽管市场低迷，今年仍将投资3亿元)."""
        lx = _lex()
        k = self._token_from(a) if a < len(self.text) else None
        while k is not None and k < len(self.tokens) and self.tokens[k][3] == "w" and self.tokens[k][0] < b:
            k += 1
        return k is not None and k < len(self.tokens) and self.tokens[k][2] in lx.subordinators

    def _span_frame(self, a: int, b: int) -> bool:
        """The clause is only a time span and 来/以来 (五十年来，…; 30年来，…): it frames the clause after it, whose
        subject acted over that span."""
        if self._period(a, b):
            return True  # 1947年冬到1948年春，我所在的北大文艺社举办…: a period from one time to another frames it too
        lx = _lex()
        toks = [t for t in self.tokens if a <= t[0] < b and t[3] != "w"]
        return len(toks) >= 2 and toks[-1][2] in lx.span_frame_words and all(
            t[3] in lx.span_tags for t in toks[:-1])

    def _period(self, a: int, b: int) -> bool:
        """Is the clause only a period, times joined by a word of `span_range_words` (1947年冬到1948年春)?"""
        lx = _lex()
        toks = [t for t in self.tokens if a <= t[0] < b and t[3] != "w"]
        return any(t[2] in lx.span_range_words for t in toks[1:-1]) and all(
            t[3] in lx.span_tags or t[2] in lx.span_range_words for t in toks)

    def _attributes_only(self, first: int, last: int) -> bool:
        """Clauses ``first``…``last`` only state attributes of the topic (…园区正式列入…名单，创建面积达11.02平方
        公里): after a body was set up or chosen they still describe it, unlike a clause that acts. A clause
        opening with a count (…上线，6.1万家企业“云对接”…) names others, not the body."""
        for a, b in self.clauses[first:last + 1]:
            start = self._content_start(a, b)
            k = self._token_at(start) if start is not None else None
            if k is None or self.tokens[k][3] == "m" or not self._attribute(a, b):
                return False
        return True

    def _frame(self, a: int, b: int) -> bool:
        """The clause opens with a preposition and has no verb: a frame (经过30年发展建设) for the clause after
        it, not a predicate of the subject before."""
        lx = _lex()
        start = self._content_start(a, b)
        k = self._token_at(start) if start is not None else None
        if k is None or self.tokens[k][3] not in lx.frame_tags:
            return False
        return not any(t[3] in ("v", "vd") for t in self.tokens if a <= t[0] < b)

    def _after_quantity(self, k: int) -> tuple[int, int, str, str] | None:
        """The first token after the number and classifier tokens from token ``k`` on."""
        while k < len(self.tokens) and self.tokens[k][3] in ("m", "q"):
            k += 1
        return self.tokens[k] if k < len(self.tokens) else None

    def _counted(self, key: int, pos: int) -> bool:
        """The quantity right after the organization counts it (规模以上工业企业约7.4万家, 长虹云帆等34个大模型);
        a quantity that heads a noun of its own (湖北自贸区28项制度创新成果) is the body's, not a count of it."""
        lx = _lex()
        o = next(o for o in self.orgs if o.key == key)
        gap = self.text[o.end:pos]
        if o.end > pos or gap not in lx.counted_gap | lx.counted_always:
            return False
        k = self._token_at(pos)
        if k is not None and self.tokens[k][0] == pos and self.tokens[k][3] not in lx.span_tags:
            return False  # a target row opening on the body's verb (…有限公司力争用3至5年…): no quantity counts it
        if k is not None and self._is_span(self.tokens[k][2]):
            return False  # 西藏军区总医院四十三年为…巡诊送药 (People's Daily 1998): a time span counts no body
        if gap in lx.counted_always or k is None:
            return True
        nxt = self._after_quantity(k)
        return nxt is None or nxt[3] not in lx.noun_tags

    def _closed(self, i: int) -> bool:
        """Clause ``i`` says its body came into being or was chosen (成立, 上线, 揭牌, 入选), or ends on a
        verb with no object that the body undergoes (示范区加快建设): the next clause's silent subject is
        not that body, unless that clause points back to it with 其."""
        lx = _lex()
        a, b = self.clauses[i]
        toks = [t for t in self.tokens if a <= t[0] < b and t[3] != "w"]
        # a closing verb before 的 is a modifier (与…共同设立的X公司合作), not what the clause says
        closing = any(t[2] in lx.closing_verbs and not self.text.startswith(lx.relative_marker, t[1]) for t in toks)
        if closing or (toks and toks[-1][2] in lx.patient_verbs):
            na, nb = self.clauses[i + 1]
            start = self._content_start(na, nb)
            k = self._token_at(start) if start is not None else None
            return k is None or self.tokens[k][2] not in lx.carry_pronouns
        return False

    def _subject(self, a: int, b: int) -> int | str | None:
        """An organization key, "carry" (no subject of its own), or None (a subject that is no body)."""
        lx = _lex()
        start = self._content_start(a, b)
        if start is None:
            return "carry"  # nothing but framing: 2022年以来，…
        k = self._token_at(start)
        for o in self.orgs:
            if o.start <= start < o.end or (start <= o.start and not self.text[start:o.start].strip()) or (
                    k is not None and start < o.start and self.tokens[k][1] == o.end):
                # (美国英特尔公司/ORG as one word, 英特尔公司 the mention: the place before the name is part of the word)
                return None if self._enumerated(o, b) or self._modifier(o, b) else o.key
        if k is None:
            return None  # no tags (another backend): only an organization opening the clause counts
        tok = self.tokens[k]
        counted = self._after_quantity(k) if tok[3] == "m" else None
        o = next((o for o in self.orgs if counted is not None and o.start == counted[0]), None)
        if o is not None:  # 12个闽宁产业园新入驻企业154家: a count of bodies opening the clause, and its subject
            return None if self._enumerated(o, b) or self._modifier(o, b) else o.key
        if self._part_subject(start, b):
            return None  # …，其中，保障性住房、农村民生工程投资占44%: the part is the subject, not the body
        head = self._relative_head(k, b)
        if head is None:
            head = self._modified_head(k, b)
        if head is not None:
            return head
        if self._headed_subject(k, b):
            return None  # 拥有…97%以上的美苏两国应该…: the phrase after 的 is the subject, and no body
        nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        if self._counted_subject(k, b):
            return None  # 6.1万家企业…助攻: a counted noun phrase with a predicate is a subject of its own
        if tok[2] in lx.adverbial_nouns and nxt is not None and nxt[3] in ("v", "vd"):
            return "carry"  # 系统部署…: a noun used as a manner adverb
        if self._existential(start, b):
            return None  # …说，…两天共有约2000名科索沃阿族难民涌入…: the counted phrase is the subject
        if tok[2] in lx.carry_pronouns or tok[3] in lx.carry_tags:
            return "carry"
        if not self._attribute(start, b) or self._own_subject(start, b):
            return None
        nouns = [t for t in self.tokens if start <= t[0] < b and t[3] in lx.noun_tags]
        # …参加…博览会，意向采购总额超过449亿元: a total of others' process is no attribute of the body before
        return None if nouns and nouns[-1][2].endswith(lx.process_subjects) and len(nouns) > 1 else "carry"

    def _part_subject(self, a: int, b: int) -> bool:
        """The clause says what share a part takes (X占44%): the nouns before the share verb are its subject,
        a part of the whole, not the body of the clause before."""
        lx = _lex()
        toks = [t for t in self.tokens if a <= t[0] < b]
        verb = next((n for n, t in enumerate(toks) if t[2] in lx.share_verbs), None)
        return verb is not None and any(t[3] in lx.noun_tags for t in toks[:verb])

    def _own_subject(self, a: int, b: int) -> bool:
        """The noun phrase before the verb names a scope or a class of bodies (全省进出口总值增长, 省属国企
        利润总额增长): a subject of its own, so the clause is no attribute of the topic before. Without a
        verb the clause is an item of a list (其中高新技术企业95家) and stays the topic's."""
        lx = _lex()
        toks = [t for t in self.tokens if a <= t[0] < b]
        verb = next((n for n, t in enumerate(toks) if t[3] in ("v", "vd")), None)
        return verb is not None and any(w in lx.own_subject_words or t in lx.own_subject_tags
                                        for _s, _e, w, t in toks[:verb])

    def _modifier(self, o: Span, b: int) -> bool:
        """The organization only modifies the subject: its units (国务院组成部门从40个减少到29个, 国务院直属
        机构和办事机构…精简后为18个), a project or document named after it, or a relative clause it is
        the subject of (国务院制定和颁布的行政法规有255项, 中央政府层面核准的企业投资项目减少90%)."""
        lx = _lex()
        if self._person_or_work_after(o):
            return True  # 生命科学院张廷壁教授研制的…, 爵士队的马龙…, 中国国际广播电台的《…》等26件作品: a person or a work
        toks = self._outside_titles(o.end, b)
        verb = next((n for n, t in enumerate(toks) if t[3] in ("v", "vd")), len(toks))
        if toks and toks[0][2] in lx.affiliation_words:
            return True  # 抚顺矿务局所属煤矿, 交通部直属的…企业: its units
        if self._project_item(toks):
            return True  # 九江石化年产150万吨芳烃、乐平水利枢纽…等项目开工建设: the first of a list of projects
        if toks and toks[0][0] == o.end and toks[0][3] in lx.noun_tags and not _has_body_suffix(
                self.text[o.start:o.end]):
            # 成都国际航空枢纽, 红旗汽车, 西藏班招生规模, 普惠性幼儿园覆盖率: a name with no body suffix runs on
            # into a noun or a verbal noun: the NER cut a longer name, or the mention only modifies the noun
            return True
        if verb == len(toks) and toks and toks[0][3] in lx.noun_tags and all(t[3] != "m" for t in toks):
            # no verb and no quantity, the body naming a noun after it (…，九大有色金属基地，…): a list item
            return True
        de = next((n for n, t in enumerate(toks) if t[2] == lx.relative_marker), None)
        first_verb = next((n for n, t in enumerate(toks[:de or 0]) if t[3] in ("v", "vd")), 0)
        joined = [t for t in toks[:first_verb] if self._in_body(t)]  # bodies joined before the verb (none without one)
        # a time word and 所 before the verb: X七十年所走过的道路 (a time word without 所 frames the body's own act:
        # 中国女子排球队今天在这里举行的…决赛中，以1∶3负于…)
        suo = [t for t in toks[:min(de or 0, verb)] if t[2] in lx.relative_particles]
        framed = suo + [t for t in toks[:min(de or 0, verb)] if suo and (t[3] in lx.lead_tags or self._is_span(t[2]))]
        if de and all(t[3] in ("v", "vd", "d", "ad", "c", "f") or t[2] in lx.aspect_particles or t in joined
                      or t in framed for t in toks[:de]) and (not framed or verb < de):
            # 鞍钢生产的大型钢, 人民公社兴办的农村工业: a relative clause on what it made (and 全国妇联和国家环保总局共同
            # 发起的…活动: bodies joined to it make it with them; 中国人民解放军七十年所走过的道路: a time and 所 inside it, with
            # its verb); 共产党以外的各民主党派…: a place word after it makes the body the ground of the subject, not the subject
            return True
        if toks and toks[0][2] == lx.relative_marker and len(toks) > 1 and toks[1][3] in lx.noun_tags:
            return True  # 中国科学院的科学研究机构将由44个发展到60个: the body's units or things are the subject
        if self._headed_by_noun(o, b):
            return True
        de = next((n for n, t in enumerate(toks) if t[2] == lx.relative_marker), None)
        if de is None or de < verb:
            return False  # no verb before 的: 的 marks a possessive, not a relative clause
        n = de + 1
        while n < len(toks) and toks[n][3] in lx.noun_tags | lx.attribute_tags - {"m"}:
            n += 1
        if toks[0][3] in lx.frame_tags and toks[n - 1][3] == "f":
            return False  # 人民解放军在战胜…的斗争中建立了…: the 的 is inside a prepositional phrase (在…中) of its act
        if verb < len(toks) and toks[verb][2] in lx.coverbs:
            return False  # 挪威队依靠比赛结束前的点球击败巴西队: the 的 phrase is the coverb's object, then comes the act
        if 0 < verb < len(toks) and toks[verb - 1][3] in lx.frame_tags:
            # 中国共产党和中国人民才把改变…落后的艰巨任务担当起来: the relative clause opens right after a preposition,
            # so the 的 phrase is its object, not the subject (but 由四百六十六个减少到…的, 给他们原定的指标: the
            # preposition has an object of its own before the verb)
            return False
        # the head noun after 的 has a predicate of its own (国务院制定和颁布的行政法规有255项, …减少到现在的
        # 二百七十六个); a quantity right after 的 that heads a noun is the object (国务院要…实现以下的十项主要任务)
        # (also after a further modifier and its 的: 国务院…提出了…为中心的发展国民经济的十条方针)
        if n < len(toks) and toks[n][3] == "m" and toks[n - 1][2] == lx.relative_marker:
            nxt = self._after_quantity(self.tokens.index(toks[n]))
            return nxt is None or nxt[3] not in lx.noun_tags | lx.place_tags | {"a", "b"}  # …的新一轮中国特色…计划
        # a verb right after 的 is no head noun's predicate: it opens another modifier (…提出了…的发展国民经济的十条方针)
        return n < len(toks) and (toks[n][3] == "m" or toks[n][3] in ("v", "vd") and n > de + 1)

    def _person_or_work_after(self, o: Span) -> bool:
        """A person's name (tags `person_tags`) or a work's title (《…》) right after the body or its 的: the body only
        says whose person or work heads the subject (News: 生命科学院张廷壁教授研制的…; 爵士队的马龙虽然得了21分;
        中国国际广播电台的《从世界股市狂飙说起》…等26件作品获得…). So does a count of persons (a numeral and a
        classifier of `person_classifiers`: 陕西省铜川市商务局一位叫张宝玲的下岗女工…赊账购置了1万多元的…; 国家体育总局的一名
        官员称; 拉脱维亚政府一位高级官员表示: People's Daily 1998)."""
        lx = _lex()
        p = o.end + (len(lx.relative_marker) if self.text.startswith(lx.relative_marker, o.end) else 0)
        if self._title_at(p):
            return True
        k = self._token_from(p)
        if k is None:
            return False
        w, t = self.tokens[k][2], self.tokens[k][3]
        return t in lx.person_tags or (t == "m" and w.endswith(lx.person_classifiers))

    def _title_at(self, p: int) -> bool:
        """Does a title in book-title marks (《…》) open at ``p``?"""
        return any(s == p for s, _e in self.titles)

    def _in_body(self, t: Token) -> bool:
        """Is token ``t`` inside another organization mention (a body joined to the one read)?"""
        return any(o.start <= t[0] and t[1] <= o.end for o in self.orgs)

    def _outside_titles(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        """The tokens from ``a`` to ``b``, without the words of a title (《关于…的若干政策措施》)."""
        return [t for t in self.tokens if a <= t[0] < b and not any(s <= t[0] < e for s, e in self.titles)]

    def _counted_subject(self, k: int, b: int) -> bool:
        """The clause opens with quantity + noun and has a verb of its own (6.1万家企业…助攻复工复产);
        without a verb it is an item of a list (亿元服务业固投项目2个) and carries its subject."""
        after = self._after_quantity(k)
        if self.tokens[k][3] != "m" or after is None or after[3] not in _lex().noun_tags:
            return False
        return any(t[3] in ("v", "vd") for t in self.tokens if after[0] <= t[0] < b)

    def _attribute(self, a: int, b: int, measure: bool = False) -> bool:
        """Noun phrase + at most one copula verb + quantity: an attribute of the topic before it.
        ``measure``: the noun phrase follows the body itself, so a comparison or rank verb (高于, 排名) and
        a qualifier adverb (近5000人) state its measure too (包钢集团利润增速高于…33个百分点). 分别 and a list
        of quantities (分别增长1倍和15倍) are measures of a list of bodies, one each."""
        lx = _lex()
        verbs = 0
        seen_number = False
        verb_words = lx.attribute_verbs | lx.measure_verbs if measure else lx.attribute_verbs
        tags = lx.attribute_tags | lx.qualifier_tags if measure else lx.attribute_tags
        for k, (s, e, w, t) in enumerate(self.tokens):
            if e <= a or s >= b:
                continue
            if w in lx.amount_qualifiers and k + 1 < len(self.tokens) and self.tokens[k + 1][3] == "m":
                continue  # 超|1.5亿美元: the qualifier of the quantity (外资到位超1.5亿美元), no second verb
            if w in verb_words:
                verbs += 1
            elif t not in tags and w not in lx.respective_words and not (len(w) == 1 and w in lx.list_joiners):
                return False
            seen_number = seen_number or t == "m"
        return verbs <= 1 and seen_number

    def _content_start(self, a: int, b: int) -> int | None:
        """Offset of the clause's first word after dates, time words and framing words."""
        lx = _lex()
        p = a
        while p < b and self.text[p] in lx.blanks + lx.openers:
            p += 1
        moved = True
        while moved:
            moved = False
            if p in self.datelines:
                p, moved = self.datelines[p], True  # 新华社基辅6月1日电|乌克兰内阁…: the story's subject follows
            for ds, de in self.dates:
                if ds <= p < de:
                    p, moved = de, True
            for s, e, w, t in self.tokens:
                if s == p and (t in lx.lead_tags or w in lx.lead_words or w in lx.subordinators or t == "w"):
                    p, moved = e, True
        while p < b and self.text[p] in lx.blanks + lx.openers:
            p += 1
        return p if p < b else None
