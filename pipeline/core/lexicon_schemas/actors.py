"""Schemas of the lexicon files under configs/actors/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class ActorsActors(_Strict):
    clause_marks: StrictStr
    by_marker: StrictStr
    by_verbs: list[StrictStr]
    by_gap: StrictInt
    carry_tags: list[StrictStr]
    lead_tags: list[StrictStr]
    lead_words: list[StrictStr]
    carry_pronouns: list[StrictStr]
    attribute_tags: list[StrictStr]
    attribute_verbs: list[StrictStr]
    counted_gap: list[StrictStr]
    counted_always: list[StrictStr]
    noun_tags: list[StrictStr]
    head_noun_tags: list[StrictStr]
    share_verbs: list[StrictStr]
    measure_verbs: list[StrictStr]
    qualifier_tags: list[StrictStr]
    scope_nouns: list[StrictStr]
    name_joiners: StrictStr
    place_tags: list[StrictStr]
    frame_tags: list[StrictStr]
    process_subjects: list[StrictStr]
    class_prefixes: list[StrictStr]
    relative_heads: list[StrictStr]
    closing_verbs: list[StrictStr]
    adverbial_nouns: list[StrictStr]
    list_joiners: StrictStr
    enumeration_marks: StrictStr
    own_subject_words: list[StrictStr]
    own_subject_tags: list[StrictStr]
    patient_verbs: list[StrictStr]
    unit_heads: list[StrictStr]
    process_heads: list[StrictStr]
    thing_heads: list[StrictStr]
    affiliation_words: list[StrictStr]
    phrase_tags: list[StrictStr]
    relative_marker: StrictStr
    summary_mark: StrictStr
    aspect_particles: list[StrictStr]
    postverbal_preposition: StrictStr
    blanks: StrictStr
    openers: StrictStr
    respective_words: list[StrictStr]
    quantity_lead: StrictInt
    predicate_tags: list[StrictStr]
    quote_marks: list[StrictStr]
    event_heads: list[StrictStr]
    person_heads: list[StrictStr]
    span_frame_words: list[StrictStr]
    span_tags: list[StrictStr]
    amount_qualifiers: list[StrictStr]
    activity_tag: StrictStr
    collective_heads: list[StrictStr]
    name_tail_tags: list[StrictStr]
    name_list_marks: list[StrictStr]
    by_verb_tags: list[StrictStr]
    by_from_endings: list[StrictStr]
    span_numerals: StrictStr
    span_units: list[StrictStr]
    # optional (session 18): news datelines and adverbs before a relative clause's verb
    dateline_marks: list[StrictStr] = []
    byline_words: list[StrictStr] = []
    closers: StrictStr = ""
    dateline_chars: StrictInt = 0
    byline_chars: StrictInt = 0
    relative_adverb_tags: list[StrictStr] = []
    person_tags: list[StrictStr] = []
    coverbs: list[StrictStr] = []
    # optional (session 19): verbs of existence (…共有约2000名难民涌入…)
    existential_verbs: list[StrictStr] = []
    person_classifiers: list[StrictStr] = []
    relative_particles: list[StrictStr] = []
    span_range_words: list[StrictStr] = []
    subordinators: list[StrictStr] = []


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "actors/actors.toml": TypeAdapter(ActorsActors),
}
