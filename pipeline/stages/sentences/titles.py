"""Book-title spans (《…》), found once per sentence for every later stage (configs/sentences/titles.toml)."""

from __future__ import annotations

import re
from functools import cache

from pipeline.core.config import load_lexicon_toml
from pipeline.core.records import Sentence


@cache
def _title_rx() -> tuple[str, re.Pattern[str]]:
    cfg = load_lexicon_toml("sentences/titles.toml")["book_title"]
    o, c = re.escape(cfg["open"]), re.escape(cfg["close"])
    return cfg["open"], re.compile(f"{o}[^{o}{c}]{{0,{int(cfg['max_chars'])}}}{c}")


def book_title_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 《…》 title in ``text`` (marks included)."""
    opener, rx = _title_rx()
    return [m.span() for m in rx.finditer(text)] if opener in text else []


def sentence_titles(s: Sentence) -> list[tuple[int, int]]:
    """The titles of a sentence, relative to it (computed here when the sentence was built by hand)."""
    return s.titles if s.titles is not None else book_title_spans(s.text)


def document_titles(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """The titles of every sentence, in document offsets."""
    return [(s.start + a, s.start + b) for s in sentences for a, b in sentence_titles(s)]
