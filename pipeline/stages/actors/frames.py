"""The frame of a sentence before the actor rule reads it: its clauses, and the news datelines that open them."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.stages.actors.lexicon import lex as _lex
from pipeline.stages.actors.lists import Token


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text`` (start, end), cut at `clause_marks`; a mark between two digits is a thousands
    separator (8,500公里) or a score or time (2:1), no clause's end."""
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
    from where and when, so no subject of it. A date mention right before a dateline mark that is a word of its own
    and no verb's first character (3月5日|电|告, 3月5日|电视…, 3月5日|讯问… are no datelines), with no verb and at
    most `dateline_chars` characters between the clause's first word and the date; a bracketed byline after it
    (（记者…）) is part of it. Without the backend's words (another backend) no dateline is read."""
    lx = _lex()
    out: dict[int, int] = {}
    for ds, de in dates:
        k = next((k for k, t in enumerate(tokens) if t[0] == de), None)
        if k is None or tokens[k][1] != de + 1 or tokens[k][2] not in lx.dateline_marks \
                or (k + 1 < len(tokens) and tokens[k + 1][3] in ("v", "vd")):
            continue
        a = next((a for a, b in spans if a <= ds < b), None)
        while a is not None and a < ds and text[a] in lx.blanks + lx.openers:
            a += 1  # （新华社北京11月1日电）…
        if a is None or ds - a > lx.dateline_chars or any(a <= t[0] < ds and t[3] in ("v", "vd") for t in tokens):
            continue
        out[a] = _byline_end(text, de + 1)
    return out


def _byline_end(text: str, end: int) -> int:
    """Past a bracketed byline right after the dateline (…11月9日电（记者金学耕、杨国强）), else ``end``."""
    lx = _lex()
    if end >= len(text) or text[end] not in lx.openers:
        return end
    close = next((i for i in range(end + 1, min(len(text), end + lx.byline_chars)) if text[i] in lx.closers), None)
    if close is not None and any(w in text[end:close] for w in lx.byline_words):
        return close + 1
    return end
