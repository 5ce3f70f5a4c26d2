"""Schemas of the lexicon files under configs/ner/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class NerPosSchemes(_Strict):
    ctb: dict[str, StrictStr]
    pku: dict[str, StrictStr]
    upos: dict[str, StrictStr]


class NerPos(_Strict):
    tags: dict[str, StrictStr]
    schemes: NerPosSchemes


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "ner/pos.toml": TypeAdapter(NerPos),
}
