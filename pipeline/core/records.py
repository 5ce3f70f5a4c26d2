"""Records that flow between stages.

Every stage hands the next one plain dataclasses so that the stages stay
independent modules: read -> clean -> sentences -> nlp -> amounts / dates ->
organizations -> targets -> write. Offsets inside a record are relative to the
text the stage was given (a sentence or the whole clean text); the orchestrator
shifts them to document clean offsets and maps them to raw offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from pipeline.core.config import load_lexicon_toml


@cache
def _within() -> tuple[str, ...]:
    """The words that make a date a "within" deadline (三年内): configs/dates/dates.toml [by] within."""
    return tuple(load_lexicon_toml("dates/dates.toml")["by"]["within"])


@dataclass
class Removed:
    """A raw fragment the cleaner took out of the prose (header, caption, OCR run...)."""

    raw_start: int
    raw_end: int
    text: str
    reason: str


@dataclass
class Article:
    """One article of a multi-article file; start/end are clean-text offsets."""

    index: int
    title: str | None
    byline: str | None
    start: int
    end: int


@dataclass
class CleanResult:
    """Clean prose plus the exact map back to the raw text.

    ``offmap[i]`` is the raw index of clean character ``i``: every clean
    character is one raw character (possibly width-folded), and the map
    strictly increases (cleaning drops and joins but never reorders), so a
    clean span [s, e) maps to raw [offmap[s], offmap[e - 1] + 1).
    """

    text: str
    offmap: list[int]
    removed: list[Removed] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    words: list[str] = field(default_factory=list)
    # 《…》 spans inside the sentence (relative offsets), found once by the sentence stage; None when the
    # sentence was built elsewhere (stages then find them with sentences.titles.sentence_titles).
    titles: list[tuple[int, int]] | None = None


@dataclass
class Analysis:
    """What an NER backend returns for one sentence.

    ``entities`` are (start, end, label) char offsets within the sentence,
    label one of ORG, PER, LOC, TIME.
    """

    words: list[str]
    pos: list[str]
    entities: list[tuple[int, int, str]]


@dataclass
class Amount:
    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    quantity: str
    qualifier: str


@dataclass
class DateMention:
    """A date or horizon (pipeline/stages/dates: kinds, markers and API in its docstring).

    ``kind``: ``point`` (one calendar unit: 2025, 2025-06, 2025-06-01, 2025-Q1,
    2025-H1), ``period`` (a start/end span: 十四五, 2021-2025年, 1—5月, decades),
    ``horizon`` (a span counted from the anchor: 三年内, 未来十年; value = its
    last year; never in the dates table). ``by_lead`` / ``by_tail``: length of a
    "by / before / within" word right before (到, 截至) or after (前, 之前, 以内)
    the mention, so text[start - by_lead:end + by_tail] is the deadline phrase.
    """

    start: int
    end: int
    text: str
    value: str | None
    relative: bool
    kind: str = "point"
    by_lead: int = 0
    by_tail: int = 0

    @property
    def by(self) -> bool:
        """True when the mention is written as a deadline (到2025年, 年底前, 三年内)."""
        return bool(self.by_lead or self.by_tail) or self.kind == "horizon" or self.text.rstrip().endswith(_within())


@dataclass
class Org:
    start: int
    end: int
    text: str
    name: str
    type: str


@dataclass
class Target:
    start: int
    end: int
    text: str
    trigger: str | None  # None: a plan of a year's tasks stated with no trigger word (安排…亿元)
    target_kind: str
    metric: str | None
    value_text: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str | None
    deadline_text: str | None
    deadline: str | None
