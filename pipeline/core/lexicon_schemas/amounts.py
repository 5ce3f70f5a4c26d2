"""Schemas of the lexicon files under configs/amounts/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictBool, StrictFloat, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class AmountsQualifiersPrefix(_Strict):
    about: list[StrictStr]
    over: list[StrictStr]
    at_least: list[StrictStr]
    under: list[StrictStr]


class AmountsQualifiersPrefixBareMagnitudeOnly(_Strict):
    words: list[StrictStr]


class AmountsQualifiersBareMagnitudeAfter(_Strict):
    verbs: list[StrictStr]
    classifiers: list[StrictStr]


class AmountsQualifiersSuffix(_Strict):
    about: list[StrictStr]
    over: list[StrictStr]
    under: list[StrictStr]


class AmountsQualifiersInfix(_Strict):
    over: list[StrictStr]


class AmountsQualifiersDurationExactPrefixes(_Strict):
    words: list[StrictStr]


class AmountsQualifiersOrdinal(_Strict):
    mark: StrictStr
    classifiers: list[StrictStr]


class AmountsQualifiersSessionOrdinal(_Strict):
    after: list[StrictStr]
    classifiers: list[StrictStr]
    joiners: list[StrictStr]


class AmountsQualifiersSign(_Strict):
    after: list[StrictStr]


class AmountsQualifiersLevels(_Strict):
    suffixes: list[StrictStr]
    bare_levels: list[StrictStr]
    bare_levels_need_suffix: list[StrictStr]
    default_unit: StrictStr
    default_quantity: StrictStr
    currencies: dict[str, StrictStr]
    counted_suffix: StrictStr


class AmountsQualifiersRange(_Strict):
    separators: list[StrictStr]
    before_second: list[StrictStr]
    percent_separators: list[StrictStr]


class AmountsQualifiersHorizon(_Strict):
    words: list[StrictStr]


class AmountsQualifiers(_Strict):
    prefix: AmountsQualifiersPrefix
    prefix_blocked_after: dict[str, list[StrictStr]]
    prefix_bare_magnitude_only: AmountsQualifiersPrefixBareMagnitudeOnly
    bare_magnitude_after: AmountsQualifiersBareMagnitudeAfter | None = None  # optional: without it a bare 百场 is no amount
    suffix: AmountsQualifiersSuffix
    suffix_blocked_before: dict[str, list[StrictStr]]
    infix: AmountsQualifiersInfix
    duration_exact_prefixes: AmountsQualifiersDurationExactPrefixes
    sign: AmountsQualifiersSign
    ordinal: AmountsQualifiersOrdinal
    session_ordinal: AmountsQualifiersSessionOrdinal | None = None  # optional: without it 十届十二次 is read as a count
    levels: AmountsQualifiersLevels
    horizon: AmountsQualifiersHorizon
    range: AmountsQualifiersRange


class AmountsUnitsUnitItem(_Strict):
    written: list[StrictStr]
    unit: StrictStr
    quantity: StrictStr
    kind: StrictStr
    arabic_only: StrictBool | None = None
    factor: StrictFloat | StrictInt | None = None
    not_before: list[StrictStr] | None = None
    not_after: list[StrictStr] | None = None
    chinese_numerals: list[StrictStr] | None = None
    only_before: list[StrictStr] | None = None
    chinese_numerals_with_magnitude: StrictBool | None = None
    needs_magnitude: StrictBool | None = None
    max_value: StrictInt | None = None


class AmountsUnitsSubunitItem(_Strict):
    currency: StrictStr
    written: list[StrictStr]
    factor: StrictFloat | StrictInt


class AmountsUnitsSubunitJoiners(_Strict):
    words: list[StrictStr]


class AmountsUnitsSharedUnit(_Strict):
    joiners: list[StrictStr]
    lead: list[StrictStr]
    window: StrictInt


class AmountsUnitsMoneyContext(_Strict):
    words: list[StrictStr]
    not_followed_by: list[StrictStr]
    magnitudes: list[StrictStr]
    window: StrictInt


class AmountsUnitsCompound(_Strict):
    per: list[StrictStr]
    denominators: list[StrictStr]


class AmountsUnitsDensity(_Strict):
    numerator: dict[str, StrictStr]
    denominator: dict[str, StrictStr]
    unit: StrictStr
    quantity: StrictStr
    number_unit: StrictStr


class AmountsUnitsHalf(_Strict):
    may_follow: list[StrictStr]


class AmountsUnitsPerUnit(_Strict):
    words: list[StrictStr]


class AmountsUnitsYearWords(_Strict):
    after: list[StrictStr]


class AmountsUnitsQuotedNames(_Strict):
    classifiers: list[StrictStr]
    max_chars: StrictInt


class AmountsUnits(_Strict):
    unit: list[AmountsUnitsUnitItem]
    symbols: dict[str, StrictStr]
    currency_codes: dict[str, StrictStr]
    subunit: list[AmountsUnitsSubunitItem]
    subunit_joiners: AmountsUnitsSubunitJoiners
    shared_unit: AmountsUnitsSharedUnit
    money_context: AmountsUnitsMoneyContext
    compound: AmountsUnitsCompound
    density: AmountsUnitsDensity
    quoted_names: AmountsUnitsQuotedNames
    half: AmountsUnitsHalf
    per_unit: AmountsUnitsPerUnit
    year_words: AmountsUnitsYearWords


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "amounts/qualifiers.toml": TypeAdapter(AmountsQualifiers),
    "amounts/units.toml": TypeAdapter(AmountsUnits),
}
