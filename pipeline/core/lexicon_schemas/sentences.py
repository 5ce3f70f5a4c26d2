"""Schemas of the lexicon files under configs/sentences/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import PositiveInt, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class SentencesTitlesBookTitle(_Strict):
    open: StrictStr
    close: StrictStr
    max_chars: PositiveInt


class SentencesTitles(_Strict):
    book_title: SentencesTitlesBookTitle


class SentencesHeadingsHeadings(_Strict):
    max_chars: PositiveInt
    marks: StrictStr
    commas: StrictStr
    top: StrictStr
    top_commas: StrictInt
    title_max_after: StrictInt
    past: StrictStr
    achieved: StrictStr
    forward: StrictStr


class SentencesHeadings(_Strict):
    headings: SentencesHeadingsHeadings


SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "sentences/titles.toml": TypeAdapter(SentencesTitles),
    "sentences/headings.toml": TypeAdapter(SentencesHeadings),
}
