"""Schemas of the lexicon files under configs/clean/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Any

from pydantic import StrictFloat, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class CleanCleanFold(_Strict):
    keep_fullwidth: StrictStr


class CleanCleanPunct(_Strict):
    terminal: StrictStr
    closing: StrictStr
    clause: StrictStr
    inner: StrictStr
    enum: StrictStr
    terminal_seq: list[StrictStr]
    no_line_start: StrictStr
    number_split: list[StrictStr]
    orphan: StrictStr


class CleanCleanLayout(_Strict):
    full_tol: StrictInt
    over_tol: StrictInt
    indent_units: StrictInt
    term_full_tol: StrictInt
    window: StrictInt
    cluster_tol: StrictInt
    min_cluster: StrictInt
    min_column: StrictInt
    min_share: StrictFloat | StrictInt
    max_column: StrictInt
    heading_max_chars: StrictInt
    heading_wrap_min: StrictInt
    indent_re: StrictStr
    open_marks: StrictStr
    close_marks: StrictStr


class CleanCleanLines(_Strict):
    label_run: StrictInt
    label_max_chars: StrictInt
    vertical_run: StrictInt
    figure_max_lines: StrictInt
    caption_max_lines: StrictInt
    caption_max_chars: StrictInt
    caption_gap_extra: StrictInt
    repeat_min: StrictInt
    repeat_max_chars: StrictInt


class CleanCleanPatterns(_Strict):
    header: list[StrictStr]
    page_number: StrictStr
    footnote: list[StrictStr]
    credit: list[StrictStr]
    source: list[StrictStr]
    inline: list[list[StrictStr]]
    caption_sentence: StrictStr
    figure_label: StrictStr
    figure: StrictStr
    figure_word: StrictStr
    end_mark: StrictStr
    bullet: StrictStr
    byline: list[StrictStr]
    byline_names: StrictStr
    surnames: StrictStr


class CleanCleanRepeat(_Strict):
    min_reps: StrictInt
    min_reps_punct: StrictInt
    max_unit: StrictInt
    max_line: StrictInt


class CleanClean(_Strict):
    fold: CleanCleanFold
    punct: CleanCleanPunct
    layout: CleanCleanLayout
    lines: CleanCleanLines
    patterns: CleanCleanPatterns
    repeat: CleanCleanRepeat


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "clean/clean.toml": TypeAdapter(CleanClean),
}
