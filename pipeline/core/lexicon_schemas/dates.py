"""Schemas of the lexicon files under configs/dates/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class DatesDatesRelativeNotAfter(_Strict):
    chars: list[StrictStr]


class DatesDatesSameYear(_Strict):
    words: list[StrictStr]


class DatesDatesYearParts(_Strict):
    words: list[StrictStr]
    anaphoric: list[StrictStr]
    not_after: list[StrictStr]
    whole_year: list[StrictStr] = []  # optional (round 22)
    whole_year_goals: list[StrictStr] = []


class DatesDatesSectionYears(_Strict):
    past_year: StrictStr


class DatesDatesReference(_Strict):
    baseline_before: list[StrictStr]


class DatesDatesAnaphoricYears(_Strict):
    words: list[StrictStr]


class DatesDatesHabitual(_Strict):
    words: list[StrictStr]


class DatesDatesParts(_Strict):
    year: list[StrictStr]
    month: list[StrictStr]
    not_before: list[StrictStr]


class DatesDatesSince(_Strict):
    words: list[StrictStr]


class DatesDatesDecades(_Strict):
    default_century: StrictInt
    centuries: dict[str, StrictInt]


class DatesDatesYearsAgo(_Strict):
    before: list[StrictStr]
    after: list[StrictStr]
    not_after: list[StrictStr]
    not_before: list[StrictStr]
    after_opens_after: list[StrictStr]
    after_not_before: list[StrictStr]
    max_years: StrictInt


class DatesDatesPlans(_Strict):
    first_year_of_third: StrictInt
    after: list[StrictStr]


class DatesDatesYears(_Strict):
    min: StrictInt
    max: StrictInt
    full_date_min: StrictInt
    not_before: list[StrictStr]


class DatesDatesBrackets(_Strict):
    unit_after: list[StrictStr]


class DatesDatesInvisible(_Strict):
    chars: list[StrictStr]


class DatesDatesHorizons(_Strict):
    before: list[StrictStr]
    after: list[StrictStr]
    use_not_after: list[StrictStr]
    not_after: list[StrictStr]
    max_years: StrictInt
    separators: list[StrictStr]
    vague_counts: list[StrictStr]
    after_year: list[StrictStr]
    use: list[StrictStr]


class DatesDatesBy(_Strict):
    lead: list[StrictStr]
    lead_not_after: list[StrictStr]
    tail: list[StrictStr]
    within: list[StrictStr]
    tail_not_before: list[StrictStr]


class DatesDatesBareDays(_Strict):
    not_before: list[StrictStr]
    not_after: list[StrictStr]


class DatesDatesTwoDigitYears(_Strict):
    pivot: StrictInt


class DatesDatesRanges(_Strict):
    separators: list[StrictStr]
    month_range_separators: list[StrictStr]
    to: list[StrictStr]
    and_: list[StrictStr] = Field(alias="and")
    between: list[StrictStr]
    from_: list[StrictStr] = Field(alias="from")
    after: list[StrictStr]
    before: list[StrictStr]
    list_joins: list[StrictStr]
    quarter_joins: list[StrictStr]


class DatesDatesWords(_Strict):
    words: list[StrictStr]


class DatesDatesWeeks(_Strict):
    words: list[StrictStr]
    days: dict[str, StrictInt]


class DatesDatesDaysAgo(_Strict):
    before: list[StrictStr]
    after: list[StrictStr]
    not_after: list[StrictStr]
    not_before: list[StrictStr]


class DatesDatesMonths(_Strict):
    not_after: list[StrictStr]
    not_before: list[StrictStr]


class DatesDatesDatelines(_Strict):
    venue_marks: list[StrictStr]
    venue_heads: list[StrictStr]
    venue_end: StrictStr
    clause_marks: list[StrictStr]
    max_gap: StrictInt


class DatesDates(_Strict):
    relative_years: dict[str, StrictInt]
    relative_not_after: DatesDatesRelativeNotAfter
    same_year: DatesDatesSameYear
    year_parts: DatesDatesYearParts
    reference: DatesDatesReference
    anaphoric_years: DatesDatesAnaphoricYears
    habitual: DatesDatesHabitual
    parts: DatesDatesParts
    since: DatesDatesSince
    decades: DatesDatesDecades
    years_ago: DatesDatesYearsAgo
    plans: DatesDatesPlans
    years: DatesDatesYears
    brackets: DatesDatesBrackets
    invisible: DatesDatesInvisible
    horizons: DatesDatesHorizons
    by: DatesDatesBy
    relative_days: dict[str, Any]
    relative_months: dict[str, StrictInt]
    bare_days: DatesDatesBareDays
    two_digit_years: DatesDatesTwoDigitYears
    relative_weeks: dict[str, StrictInt]
    ranges: DatesDatesRanges
    halves: dict[str, StrictInt]
    decade_parts: DatesDatesWords
    weeks: DatesDatesWeeks
    days_ago: DatesDatesDaysAgo
    months: DatesDatesMonths
    section_years: DatesDatesSectionYears | None = None  # optional (round 22)
    datelines: DatesDatesDatelines | None = None  # optional: an older user lexicon without it stays valid


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "dates/dates.toml": TypeAdapter(DatesDates),
}
