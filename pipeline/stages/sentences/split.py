"""Sentence splitting of clean text.

A sentence ends after 。！？!?； or …… (with any closing quotes or brackets
that follow), and at every line break, since the cleaner keeps line breaks
only where the author made a paragraph.
"""

from __future__ import annotations

import re

from pipeline.core.records import Sentence

_END = re.compile(r"(?:[。！？!?；;]|……)+[”’」』）)\"']*|\n+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with clean offsets; whitespace-only pieces are dropped."""
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _emit(text, pos, end, out)
        pos = m.end()
    _emit(text, pos, len(text), out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
