"""Schemas of the lexicon files under configs/sentences/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import PositiveInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class SentencesTitlesBookTitle(_Strict):
    open: StrictStr
    close: StrictStr
    max_chars: PositiveInt


class SentencesTitles(_Strict):
    book_title: SentencesTitlesBookTitle


SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "sentences/titles.toml": TypeAdapter(SentencesTitles),
}
