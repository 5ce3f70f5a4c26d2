"""Schemas of the lexicon files under configs/targets/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictBool, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class TargetsTargetsOptions(_Strict):
    use_pos: StrictBool


class TargetsTargetsTriggers(_Strict):
    goal: list[StrictStr]
    plan: list[StrictStr]
    forecast: list[StrictStr]
    deadline_trigger_kind: StrictStr
    weak: list[StrictStr]
    pos_checked: list[StrictStr]


class TargetsTargetsNotTrigger(_Strict):
    patterns: list[StrictStr]
    not_before: list[StrictStr]
    copula: StrictStr
    time_clause: StrictStr
    not_after: list[StrictStr]


class TargetsTargetsPast(_Strict):
    markers: list[StrictStr]
    soft_markers: list[StrictStr]
    ended_year_months: list[StrictInt]
    under_trigger: list[StrictStr]
    perfective_before_quantity: StrictStr = "(?!)"  # optional: an older user lexicon without it keeps such quantities


class TargetsTargetsHypothetical(_Strict):
    markers: list[StrictStr]


class TargetsTargetsDeadlineRules(_Strict):
    not_after: list[StrictStr]
    not_before: list[StrictStr]
    weak_for_deadline_only: list[StrictStr]
    never: list[StrictStr]
    completion: StrictStr
    after_event: StrictStr
    year_words: list[StrictStr]
    period_as_time: StrictStr
    deadline_trigger_not_before: list[StrictStr]
    effect_lead: list[StrictStr]
    own_year_of: list[StrictStr]
    effect_tail: list[StrictStr]
    until: StrictStr
    by_word: StrictStr
    period_lead: StrictStr
    since: list[StrictStr]
    since_after: list[StrictStr]
    year_end: list[StrictStr]
    time_words: list[StrictStr]


class TargetsTargetsMilestone(_Strict):
    bare_years: StrictStr
    min_items: StrictInt
    max_item_chars: StrictInt


class TargetsTargetsChains(_Strict):
    continuation: StrictStr


class TargetsTargetsHeading(_Strict):
    max_rest_chars: StrictInt
    max_paragraphs: StrictInt
    title_max_chars: StrictInt
    close: StrictStr


class TargetsTargetsFrames(_Strict):
    means: StrictStr
    base: StrictStr
    within: StrictStr
    skip_amount_text: list[StrictStr]
    after_amount: StrictStr
    list_size: StrictStr
    duration_not_after: list[StrictStr]
    duration_not_before: list[StrictStr]
    duration_frame: StrictStr
    baseline_before: list[StrictStr]
    baseline_of: StrictStr
    range_start: StrictStr
    range_next: StrictStr


class TargetsTargetsMetric(_Strict):
    level_verbs: list[StrictStr]
    creation_verbs: list[StrictStr]
    leading: list[StrictStr]
    predicate_markers: list[StrictStr]
    starting_point: StrictStr
    noun_follows: list[StrictStr]
    counted_noun: StrictStr
    suffix_lead: StrictStr
    level_amount: StrictStr
    counted_relative: list[StrictStr] = []  # optional: without it a level after the count stays a row of its own
    counted_relative_not_before: list[StrictStr] = []  # optional: goal nouns after 的 that keep the level a goal
    counted_relative_joiners: list[StrictStr] = []  # optional: conjunctions that join two goals


class TargetsTargetsSections(_Strict):
    # moved to configs/sentences/headings.toml (round 22): accepted in an older user lexicon, and not read
    max_chars: StrictInt | None = None
    top: StrictStr | None = None
    past: StrictStr | None = None
    achieved: StrictStr | None = None
    forward: StrictStr | None = None
    top_commas: StrictInt | None = None
    glossary: StrictStr = "(?!)"  # optional: an older user lexicon without it stays valid
    look_back_paragraph: StrictStr
    year_goal: StrictStr = "(?!)"  # optional: an older user lexicon without it stays valid (no such sections)
    not_quantities: list[StrictStr]
    plan_verbs: list[StrictStr]
    restatement: StrictStr
    existential: StrictStr = "(?!)"  # optional: an older user lexicon without it reads every such quantity a plan


class TargetsTargetsLists(_Strict):
    min_item_chars: StrictInt


class TargetsTargets(_Strict):
    options: TargetsTargetsOptions
    triggers: TargetsTargetsTriggers
    not_trigger: TargetsTargetsNotTrigger
    past: TargetsTargetsPast
    hypothetical: TargetsTargetsHypothetical
    deadline_rules: TargetsTargetsDeadlineRules
    milestone: TargetsTargetsMilestone
    chains: TargetsTargetsChains
    heading: TargetsTargetsHeading
    frames: TargetsTargetsFrames
    metric: TargetsTargetsMetric
    sections: TargetsTargetsSections
    lists: TargetsTargetsLists


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "targets/targets.toml": TypeAdapter(TargetsTargets),
}
