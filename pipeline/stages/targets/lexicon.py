"""The targets stage's lexicon (configs/targets/targets.toml), compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.core.config import load_lexicon_toml

LEXICON = "targets/targets.toml"


@dataclass
class _Lexicon:
    """The words and patterns of configs/targets/targets.toml, compiled once."""

    trigger_rx: re.Pattern[str]
    trigger_kind: dict[str, str]
    deadline_trigger_kind: str
    weak: set[str]
    pos_checked: set[str]
    not_trigger_rx: list[re.Pattern[str]]
    not_before: list[str]
    copula_rx: re.Pattern[str]
    time_clause_rx: re.Pattern[str]
    not_after: list[str]
    past_rx: re.Pattern[str]
    soft_past_rx: re.Pattern[str]
    perfective_rx: re.Pattern[str]
    ended_year_months: frozenset[int]
    range_start_rx: re.Pattern[str]
    range_next_rx: re.Pattern[str]
    hypo: list[str]
    dl_not_after: list[str]
    dl_not_before: list[str]
    own_year_of: tuple[str, ...]
    dl_weak: list[re.Pattern[str]]
    dl_never: list[re.Pattern[str]]
    completion_rx: re.Pattern[str]
    period_time_rx: re.Pattern[str]
    year_words_rx: re.Pattern[str]
    after_event_rx: re.Pattern[str]
    dtrig_not_before: list[str]
    effect_lead: tuple[str, ...]
    effect_tail: tuple[str, ...]
    milestone_rx: re.Pattern[str]
    milestone_min: int
    milestone_max_chars: int
    heading_rest: int
    heading_max_par: int
    title_max: int
    means_rx: re.Pattern[str]
    base_rx: re.Pattern[str]
    within_rx: re.Pattern[str]
    after_amount_rx: re.Pattern[str]
    list_size_rx: re.Pattern[str]
    duration_not_after: tuple[str, ...]
    duration_not_before: tuple[str, ...]
    duration_frame_rx: re.Pattern[str]
    skip_amount_rx: list[re.Pattern[str]]
    baseline_before: list[str]
    baseline_of_rx: re.Pattern[str]
    level_verbs: list[str]
    creation_verbs: set[str]
    counted_relative: tuple[str, ...]
    counted_relative_not_before: tuple[str, ...]
    counted_relative_joiners: tuple[str, ...]
    leading: list[str]
    predicate_rx: re.Pattern[str]
    continuation_rx: re.Pattern[str]
    use_pos: bool
    sections: dict[str, Any]
    plan_verb_rx: re.Pattern[str]
    restatement_rx: re.Pattern[str]
    existential_rx: re.Pattern[str]
    year_goal_rx: re.Pattern[str]
    list_min: int
    not_plan_quantities: frozenset[str]
    under_trigger: frozenset[str]
    until_rx: re.Pattern[str]
    by_word: str
    period_lead_rx: re.Pattern[str]
    since: tuple[str, ...]
    since_after: tuple[str, ...]
    year_end: tuple[str, ...]
    time_words: tuple[str, ...]
    heading_close_rx: re.Pattern[str]
    starting_point_rx: re.Pattern[str]
    noun_follows: tuple[str, ...]
    counted_noun_rx: re.Pattern[str]
    suffix_lead_rx: re.Pattern[str]
    level_amount_rx: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    d: dict[str, Any] = load_lexicon_toml(LEXICON)
    kinds: dict[str, str] = {}
    for kind in ("goal", "plan", "forecast"):
        for w in d["triggers"].get(kind, []):
            kinds[w] = kind
    words = sorted(kinds, key=len, reverse=True)
    return _Lexicon(
        trigger_rx=re.compile("|".join(map(re.escape, words))),
        trigger_kind=kinds,
        deadline_trigger_kind=d["triggers"].get("deadline_trigger_kind", "plan"),
        weak=set(d["triggers"].get("weak", [])),
        pos_checked=set(d["triggers"].get("pos_checked", [])),
        not_trigger_rx=[re.compile(p) for p in d["not_trigger"].get("patterns", [])],
        not_before=list(d["not_trigger"].get("not_before", [])),
        copula_rx=re.compile(d["not_trigger"].get("copula", "(?!)")),
        time_clause_rx=re.compile(d["not_trigger"].get("time_clause", "(?!)")),
        not_after=list(d["not_trigger"].get("not_after", [])),
        past_rx=re.compile("|".join(f"(?:{m})" for m in d["past"]["markers"])),
        soft_past_rx=re.compile("|".join(f"(?:{m})" for m in d["past"]["soft_markers"])),
        perfective_rx=re.compile(d["past"].get("perfective_before_quantity", "(?!)")),
        ended_year_months=frozenset(int(m) for m in d["past"].get("ended_year_months", [])),
        range_start_rx=re.compile(d["frames"]["range_start"]),
        range_next_rx=re.compile(d["frames"]["range_next"]),
        hypo=list(d["hypothetical"]["markers"]),
        dl_not_after=list(d["deadline_rules"].get("not_after", [])),
        dl_not_before=list(d["deadline_rules"].get("not_before", [])),
        own_year_of=tuple(d["deadline_rules"].get("own_year_of", [])),
        dl_weak=[re.compile(p) for p in d["deadline_rules"].get("weak_for_deadline_only", [])],
        dl_never=[re.compile(p) for p in d["deadline_rules"].get("never", [])],
        completion_rx=re.compile(d["deadline_rules"]["completion"]),
        period_time_rx=re.compile(d["deadline_rules"]["period_as_time"]),
        after_event_rx=re.compile(d["deadline_rules"]["after_event"]),
        year_words_rx=re.compile("|".join(map(re.escape, d["deadline_rules"].get("year_words", []))) or "(?!)"),
        dtrig_not_before=list(d["deadline_rules"].get("deadline_trigger_not_before", [])),
        effect_lead=tuple(d["deadline_rules"].get("effect_lead", [])),
        effect_tail=tuple(d["deadline_rules"].get("effect_tail", [])),
        milestone_rx=re.compile(d["milestone"]["bare_years"]),
        milestone_min=int(d["milestone"].get("min_items", 2)),
        milestone_max_chars=int(d["milestone"].get("max_item_chars", 14)),
        heading_rest=int(d["heading"].get("max_rest_chars", 10)),
        heading_max_par=int(d["heading"].get("max_paragraphs", 12)),
        title_max=int(d["heading"].get("title_max_chars", 30)),
        means_rx=re.compile(d["frames"]["means"]),
        base_rx=re.compile(d["frames"]["base"]),
        within_rx=re.compile(d["frames"]["within"]),
        after_amount_rx=re.compile(d["frames"]["after_amount"]),
        list_size_rx=re.compile(d["frames"].get("list_size", "(?!)")),
        duration_not_after=tuple(d["frames"].get("duration_not_after", [])),
        duration_not_before=tuple(d["frames"].get("duration_not_before", [])),
        duration_frame_rx=re.compile(d["frames"].get("duration_frame", "(?!)")),
        skip_amount_rx=[re.compile(p) for p in d["frames"].get("skip_amount_text", [])],
        baseline_before=sorted(d["frames"].get("baseline_before", []), key=len, reverse=True),
        baseline_of_rx=re.compile(d["frames"].get("baseline_of", "(?!)")),
        level_verbs=sorted(d["metric"]["level_verbs"], key=len, reverse=True),
        creation_verbs=set(d["metric"]["creation_verbs"]),
        counted_relative=tuple(d["metric"].get("counted_relative", [])),
        counted_relative_not_before=tuple(d["metric"].get("counted_relative_not_before", [])),
        counted_relative_joiners=tuple(d["metric"].get("counted_relative_joiners", [])),
        leading=sorted(d["metric"]["leading"], key=len, reverse=True),
        predicate_rx=re.compile("|".join(map(re.escape, d["metric"]["predicate_markers"]))),
        continuation_rx=re.compile(d["chains"]["continuation"]),
        use_pos=bool(d.get("options", {}).get("use_pos", True)),
        sections={"glossary": re.compile(d["sections"].get("glossary", "(?!)")),
                  "look_back_paragraph": re.compile(d["sections"].get("look_back_paragraph", "(?!)"))},
        plan_verb_rx=re.compile("|".join(map(re.escape, d["sections"]["plan_verbs"]))),
        restatement_rx=re.compile(d["sections"]["restatement"]),
        existential_rx=re.compile(d["sections"].get("existential", "(?!)")),
        year_goal_rx=re.compile(d["sections"].get("year_goal", "(?!)")),
        list_min=int(d["lists"]["min_item_chars"]),
        not_plan_quantities=frozenset(d["sections"].get("not_quantities", [])),
        **_words(d),
    )


def _words(d: dict[str, Any]) -> dict[str, Any]:
    """The word lists and word patterns the deadline, heading and metric code reads (issue 12: words are data)."""
    dl, me = d["deadline_rules"], d["metric"]
    return {
        "under_trigger": frozenset(d["past"]["under_trigger"]),
        "until_rx": re.compile(dl["until"]),
        "by_word": dl["by_word"],
        "period_lead_rx": re.compile(dl["period_lead"]),
        "since": tuple(dl["since"]),
        "since_after": tuple(dl["since_after"]),
        "year_end": tuple(dl["year_end"]),
        "time_words": tuple(dl["time_words"]),
        "heading_close_rx": re.compile(d["heading"]["close"]),
        "starting_point_rx": re.compile(me["starting_point"]),
        "noun_follows": tuple(me["noun_follows"]),
        "counted_noun_rx": re.compile(me["counted_noun"]),
        "suffix_lead_rx": re.compile(me["suffix_lead"]),
        "level_amount_rx": re.compile(me["level_amount"]),
    }
