"""Schemas of the lexicon files under configs/registry/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class RegistryRegistry(_Strict):
    legal_suffixes: list[StrictStr]
    country_prefixes: list[StrictStr]
    min_rest: StrictInt
    synonyms: dict[str, StrictStr]
    # optional (session 20): bodies named with no place of their own (an older lexicon without them: keys by name alone)
    local_bodies: list[StrictStr] = []
    not_levels: list[StrictStr] = []
    municipalities: list[StrictStr] = []
    levels: dict[str, Literal["province", "city", "county"]] = {}


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "registry/registry.toml": TypeAdapter(RegistryRegistry),
}
