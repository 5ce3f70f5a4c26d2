"""The frame of a sentence before the actor rule reads it: its clauses, and the news datelines that open them."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.stages.actors.lexicon import lex as _lex

Token = tuple[int, int, str, str]  # start, end, word, tag


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text`` (start, end), cut at `clause_marks`; a comma between two digits is a thousands
    separator (8,500公里), no clause's end."""
    lx = _lex()
    out: list[tuple[int, int]] = []
    a = 0
    for i, ch in enumerate(text):
        if ch in lx.marks and not digit_group(text, i):
            out.append((a, i))
            a = i + 1
    out.append((a, len(text)))
    return out


def digit_group(text: str, i: int) -> bool:
    """Is the mark at ``i`` a thousands separator between digits (8,500公里), not a clause's end?"""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def datelines(text: str, spans: Sequence[tuple[int, int]], dates: Sequence[tuple[int, int]],
              tokens: Sequence[Token]) -> dict[int, int]:
    """News datelines opening a clause (新华社基辅6月1日电, 本报北京1月2日讯), start -> end: who sent the story,
    from where and when, so no subject of it. A date mention right before a dateline mark, with no verb and at most
    `dateline_chars` characters between the clause's first word and the date; a bracketed byline after it
    (（记者…）) is part of it."""
    lx = _lex()
    out: dict[int, int] = {}
    for ds, de in dates:
        if text[de:de + 1] not in lx.dateline_marks:
            continue
        a = next((a for a, b in spans if a <= ds < b), None)
        while a is not None and a < ds and text[a] in lx.blanks + lx.openers:
            a += 1  # （新华社北京11月1日电）…
        if a is None or ds - a > lx.dateline_chars or any(a <= t[0] < ds and t[3] in ("v", "vd") for t in tokens):
            continue
        end = de + 1
        if text[end:end + 1] in lx.openers:
            close = next((i for i in range(end + 1, min(len(text), end + 40)) if text[i] in lx.closers), None)
            if close is not None and any(w in text[end:close] for w in lx.byline_words):
                end = close + 1
        out[a] = end
    return out
