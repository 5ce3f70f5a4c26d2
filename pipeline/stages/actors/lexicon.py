"""The word lists and function words of the actor rule (configs/actors/actors.toml), read once."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from functools import cache

from pipeline.core.config import load_lexicon_toml


@dataclass(frozen=True)
class _Lex:
    marks: frozenset[str]
    by: str
    by_verbs: tuple[str, ...]
    by_gap: int
    carry_tags: frozenset[str]
    lead_tags: frozenset[str]
    lead_words: frozenset[str]
    carry_pronouns: frozenset[str]
    attribute_tags: frozenset[str]
    attribute_verbs: frozenset[str]
    counted_gap: frozenset[str]
    counted_always: frozenset[str]
    relative_heads: frozenset[str]
    closing_verbs: frozenset[str]
    adverbial_nouns: frozenset[str]
    noun_tags: frozenset[str]
    head_noun_tags: frozenset[str]
    share_verbs: frozenset[str]
    measure_verbs: frozenset[str]
    qualifier_tags: frozenset[str]
    scope_nouns: frozenset[str]
    name_joiners: str
    place_tags: frozenset[str]
    frame_tags: frozenset[str]
    process_subjects: tuple[str, ...]
    class_prefixes: tuple[str, ...]
    list_joiners: str
    enumeration_marks: str
    own_subject_words: frozenset[str]
    own_subject_tags: frozenset[str]
    patient_verbs: frozenset[str]
    unit_heads: tuple[str, ...]
    process_heads: tuple[str, ...]
    thing_heads: tuple[str, ...]
    affiliation_words: frozenset[str]
    phrase_tags: frozenset[str]
    relative_marker: str
    summary_mark: str
    aspect_particles: frozenset[str]
    postverbal_preposition: str
    blanks: str
    openers: str
    respective_words: frozenset[str]
    quantity_lead: int
    predicate_tags: frozenset[str]
    quote_marks: frozenset[str]
    event_heads: tuple[str, ...]
    person_heads: tuple[str, ...]
    span_frame_words: frozenset[str]
    span_tags: frozenset[str]
    amount_qualifiers: frozenset[str]
    activity_tag: str
    collective_heads: tuple[str, ...]
    name_tail_tags: frozenset[str]
    name_list_marks: frozenset[str]
    by_verb_tags: frozenset[str]
    by_from_endings: tuple[str, ...]
    span_numerals: str
    span_units: tuple[str, ...]
    # optional keys (an older user lexicon without them turns their rule off)
    dateline_marks: tuple[str, ...] = ()
    byline_words: tuple[str, ...] = ()
    closers: str = ""
    dateline_chars: int = 0
    byline_chars: int = 0
    relative_adverb_tags: frozenset[str] = frozenset()
    person_tags: frozenset[str] = frozenset()
    coverbs: frozenset[str] = frozenset()
    existential_verbs: frozenset[str] = frozenset()
    person_classifiers: tuple[str, ...] = ()
    relative_particles: frozenset[str] = frozenset()
    span_range_words: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()


@cache
def lex() -> _Lex:
    """configs/actors/actors.toml, each key to the field of the same name (lists become sets or tuples)."""
    d = load_lexicon_toml("actors/actors.toml")
    keys = {"marks": "clause_marks", "by": "by_marker"}
    out: dict[str, object] = {}
    for f in fields(_Lex):
        key = keys.get(f.name, f.name)
        if key not in d and f.default is not MISSING:
            out[f.name] = f.default  # an optional key an older user lexicon lacks
            continue
        v = d[key]
        kind = str(f.type)
        out[f.name] = frozenset(v) if kind.startswith("frozenset") else tuple(v) if kind.startswith("tuple") else v
    return _Lex(**out)  # type: ignore[arg-type]
