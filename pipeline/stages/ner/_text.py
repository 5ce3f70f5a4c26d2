"""Helpers shared by the backends: cutting over-long sentences, aligning tokens."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.core.records import Analysis

# Marks after which a long sentence may be cut without splitting a word.
_CUT_MARKS = frozenset("，、；：,;:　 \t\n。！？!?）)》」』”")


def chunk_spans(text: str, max_chars: int | None) -> list[tuple[int, int]]:
    """[start, end) pieces of ``text``, each at most ``max_chars`` long.

    Cuts after the last clause mark in the second half of a window, else hard at
    ``max_chars``: models see bounded inputs (batch memory) and offsets stay
    exact because the pieces tile the text. ``max_chars`` None or <= 0: no cut.
    """
    n = len(text)
    if not max_chars or max_chars <= 0 or n <= max_chars:
        return [(0, n)] if n else []
    spans: list[tuple[int, int]] = []
    start = 0
    while n - start > max_chars:
        end = start + max_chars
        lo = start + max_chars // 2
        cut = end
        for i in range(end - 1, lo - 1, -1):
            if text[i] in _CUT_MARKS:
                cut = i + 1
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def align_tokens(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Char span of each token in ``text``, searched left to right.

    Tokenizers may drop whitespace or normalize characters; a token not found
    at or after the cursor gets an empty span at the cursor so that offsets
    never run backwards and never raise.
    """
    spans: list[tuple[int, int]] = []
    cur = 0
    for tok in tokens:
        i = text.find(tok, cur) if tok else -1
        if i < 0:
            spans.append((cur, cur))
            continue
        spans.append((i, i + len(tok)))
        cur = i + len(tok)
    return spans


def analyze_in_pieces(sentences: list[str], max_chars: int | None,
                      run_all: Callable[[list[str]], list[Analysis]]) -> list[Analysis]:
    """Cut long sentences at clause marks, analyze the non-blank pieces with
    ``run_all`` (one Analysis per piece), and join each sentence's pieces back
    with offsets shifted to the sentence."""
    texts = [s if isinstance(s, str) else ("" if s is None else str(s)) for s in sentences]
    pieces: list[tuple[int, int, str]] = []
    for si, t in enumerate(texts):
        for a, b in chunk_spans(t, max_chars):
            if t[a:b].strip():
                pieces.append((si, a, t[a:b]))
    out = [Analysis([], [], []) for _ in texts]
    for (si, off, _t), an in zip(pieces, run_all([p[2] for p in pieces]), strict=True):
        out[si].words.extend(an.words)
        out[si].pos.extend(an.pos)
        out[si].entities.extend((st + off, en + off, lab) for st, en, lab in an.entities)
    return out
