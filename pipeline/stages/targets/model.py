"""The targets stage's working records: deadlines, triggers, clauses, governors, chains.

Offsets are document clean-text offsets, as everywhere in the stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.records import Amount, DateMention, Sentence


@dataclass
class _Deadline:
    start: int
    end: int
    text: str
    value: str | None
    bare: bool = False  # a year written alone (2026年): a deadline only for a clause that completes something


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
