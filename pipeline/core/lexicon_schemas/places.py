"""Schemas of the lexicon files under configs/places/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictFloat, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class PlacesPlaces(_Strict):
    short_suffixes: list[StrictStr]
    stop_names: list[StrictStr]
    # optional (session 15): an older user lexicon without them reads no prefecture by its short form
    prefecture_unit: StrictStr = ""
    prefecture_short_unit: StrictStr = ""
    peoples: list[StrictStr] = []
    national_name: StrictStr
    national_adcode: StrictStr
    national_mentions: list[StrictStr]
    national_prefixes: list[StrictStr]
    national_bodies: list[StrictStr]
    dominant_share: StrictFloat | StrictInt
    foreign_prefixes: list[StrictStr]
    # optional (session 20): national mentions in a comparison frame cast no vote for the dominant region
    frame_before: list[StrictStr] = []
    frame_after: list[StrictStr] = []


class PlacesRenamedRenamedItem(_Strict):
    name: StrictStr
    old_adcode: StrictStr
    successor: StrictStr
    year: StrictInt
    source: StrictStr


class PlacesRenamed(_Strict):
    renamed: list[PlacesRenamedRenamedItem]


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "places/places.toml": TypeAdapter(PlacesPlaces),
    "places/renamed.toml": TypeAdapter(PlacesRenamed),
}
