"""Sentence splitting of clean text.

A sentence ends after 。！？!?； or …… (with any closing quotes or brackets
that follow), and at every line break, since the cleaner keeps line breaks
only where the author made a paragraph. A run longer than MAX_CHARS with no
such end (an OCR dump, a table flattened to one line) is cut into pieces of at
most MAX_CHARS, at a comma or space where there is one: every later stage
works per sentence, so bounded sentences keep the cost linear in the document.
"""

from __future__ import annotations

import re

from pipeline.core.records import Sentence
from pipeline.stages.sentences.titles import book_title_spans

_END = re.compile(r"(?:[。！？!?；;]|……)+[”’」』）)\"']*|\n+")
MAX_CHARS = 1000  # longer than any sentence of ../shared/corpus (448) and the seeds (297)
_SOFT = re.compile(r"[，,、：:\s]")


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
    while end - start > MAX_CHARS:
        cut = _cut(text, start, start + MAX_CHARS)
        _emit(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        piece = text[start:end]
        out.append(Sentence(index=len(out), start=start, end=end, text=piece, titles=book_title_spans(piece)))


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to cut text[lo:hi]: after its last comma or space in the second half, else not inside a word."""
    soft = [m.end() for m in _SOFT.finditer(text, lo + (hi - lo) // 2, hi)]
    if soft:
        return soft[-1]
    cut = hi
    while cut > hi - 32 and text[cut - 1].isalnum() and text[cut].isalnum() and text[cut].isascii():
        cut -= 1  # keep a number or a Latin word whole
    return cut if cut > hi - 32 else hi
