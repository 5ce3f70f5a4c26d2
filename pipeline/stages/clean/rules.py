"""Compiled cleaning rules: configs/clean/clean.toml merged with the [clean] stage options.

The patterns live in the TOML file so that a new layout (another magazine's
running head, another credit word) is a data change, not a code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.core.config import load_lexicon_toml

# Invisible characters: Unicode format characters (category Cf, Unicode 14: soft
# hyphen, zero-width space, ZWNJ/ZWJ, LRM/RLM, bidi embeddings and isolates, word
# joiner, BOM, interlinear annotation marks, tags). Web copies and OCR leave them
# inside words ("2025\u200b年"); they print nothing, so the clean text drops them,
# each with a ``removed`` row (reason "invisible"), and the word or number they
# split reads whole again. They are never treated as spaces.
INVISIBLE_RE = re.compile(
    "[\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def is_ws(ch: str) -> bool:
    """True for characters the cleaner treats as layout whitespace (dropped without a
    ``removed`` row: line breaks, indents, OCR spaces)."""
    return ch.isspace()


@dataclass(frozen=True)
class Rules:
    fold: dict[int, str]
    terminal: frozenset[str]
    closing: frozenset[str]
    clause: frozenset[str]
    clause_re: re.Pattern
    inner_re: re.Pattern
    inner_chars: frozenset[str]
    enum_re: re.Pattern
    terminal_seq: tuple[str, ...]
    no_line_start: frozenset[str]
    number_end: re.Pattern
    number_start: re.Pattern
    page_number: re.Pattern
    footnote: tuple[re.Pattern, ...]
    orphan: frozenset[str]
    full_tol: int
    over_tol: int
    window: int
    cluster_tol: int
    min_cluster: int
    min_column: int
    min_share: float
    max_column: int
    heading_max_chars: int
    indent_units: int
    term_full_tol: int
    open_marks: str
    close_marks: str
    heading_wrap_min: int
    indent_re: re.Pattern
    label_run: int
    label_max_chars: int
    vertical_run: int
    figure_max_lines: int
    caption_max_lines: int
    caption_max_chars: int
    caption_gap_extra: int
    repeat_min: int
    repeat_max_chars: int
    header: tuple[re.Pattern, ...]
    credit: tuple[re.Pattern, ...]
    figure: re.Pattern
    figure_word: str
    figure_label: re.Pattern
    caption_sentence: re.Pattern
    source: re.Pattern
    inline: tuple[tuple[re.Pattern, str], ...]
    end_mark: str
    bullet: re.Pattern
    byline: tuple[re.Pattern, ...]
    byline_names: re.Pattern
    surnames: frozenset[str]
    rep_min: int
    rep_min_punct: int
    rep_max_unit: int
    repeat_max_line: int
    repeat_re: re.Pattern


def _merge(base: dict, over: dict | None) -> dict:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for k, v in (over or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _fold_table(keep: str) -> dict[int, str]:
    """Full-width ASCII -> half-width, one character for one character."""
    return {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in keep}


def build_rules(cfg: dict[str, Any] | None = None) -> Rules:
    """Rules from configs/clean/clean.toml, with ``cfg`` (same layout) overriding it."""
    d = _merge(load_lexicon_toml("clean/clean.toml"), cfg if isinstance(cfg, dict) else None)
    p, lay, ln, pat, rep = d["punct"], d["layout"], d["lines"], d["patterns"], d["repeat"]
    max_unit = int(rep["max_unit"])
    min_rep = max(2, min(int(rep["min_reps"]), int(rep["min_reps_punct"])))
    return Rules(
        fold=_fold_table(d["fold"]["keep_fullwidth"]),
        terminal=frozenset(p["terminal"]),
        closing=frozenset(p["closing"]),
        clause=frozenset(p["clause"]),
        clause_re=re.compile("[" + re.escape(p["clause"]) + "]"),
        inner_re=re.compile("[" + re.escape(p["inner"]) + "]"),
        inner_chars=frozenset(p["inner"]),
        enum_re=re.compile(p["enum"]),
        terminal_seq=tuple(p["terminal_seq"]),
        no_line_start=frozenset(p["no_line_start"]),
        number_end=re.compile(p["number_split"][0]),
        number_start=re.compile(p["number_split"][1]),
        page_number=re.compile(pat["page_number"]),
        footnote=tuple(re.compile(x) for x in pat["footnote"]),
        orphan=frozenset(p["orphan"]),
        full_tol=int(lay["full_tol"]),
        over_tol=int(lay["over_tol"]),
        window=int(lay["window"]),
        cluster_tol=int(lay["cluster_tol"]),
        min_cluster=int(lay["min_cluster"]),
        min_column=int(lay["min_column"]),
        min_share=float(lay["min_share"]),
        max_column=int(lay["max_column"]),
        heading_max_chars=int(lay["heading_max_chars"]),
        indent_units=int(lay["indent_units"]),
        term_full_tol=int(lay["term_full_tol"]),
        open_marks=lay["open_marks"],
        close_marks=lay["close_marks"],
        heading_wrap_min=int(lay["heading_wrap_min"]),
        indent_re=re.compile(lay["indent_re"]),
        label_run=int(ln["label_run"]),
        label_max_chars=int(ln["label_max_chars"]),
        vertical_run=int(ln["vertical_run"]),
        figure_max_lines=int(ln["figure_max_lines"]),
        caption_max_lines=int(ln["caption_max_lines"]),
        caption_max_chars=int(ln["caption_max_chars"]),
        caption_gap_extra=int(ln["caption_gap_extra"]),
        repeat_min=int(ln["repeat_min"]),
        repeat_max_chars=int(ln["repeat_max_chars"]),
        header=tuple(re.compile(x) for x in pat["header"]),
        credit=tuple(re.compile(x) for x in pat["credit"]),
        figure=re.compile(pat["figure"]),
        figure_word=pat["figure_word"],
        figure_label=re.compile(pat["figure_label"]),
        caption_sentence=re.compile(pat["caption_sentence"]),
        source=re.compile("|".join(f"(?:{x})" for x in pat["source"])),  # one scan a line
        inline=tuple((re.compile(x), str(why)) for x, why in pat["inline"]),
        end_mark=pat["end_mark"],
        bullet=re.compile(pat["bullet"]),
        byline=tuple(re.compile(x) for x in pat["byline"]),
        byline_names=re.compile(pat["byline_names"]),
        surnames=frozenset(pat["surnames"]),
        rep_min=int(rep["min_reps"]),
        rep_min_punct=int(rep["min_reps_punct"]),
        rep_max_unit=max_unit,
        repeat_max_line=int(rep["max_line"]),
        # One glyph repeated, or a short unit of digits / Latin / marks repeated
        # ("20252025…"); CJK units longer than one character are not searched (cost).
        repeat_re=re.compile(r"(\S)\1{%d,}|([^\s\u3400-\u9fff]{2,%d}?)\2{%d,}"  # noqa: UP031
                             % (min_rep - 1, max_unit, min_rep - 1)),
    )


@lru_cache(maxsize=8)
def _cached(key: str) -> Rules:
    return build_rules(json.loads(key) if key else None)


def get_rules(cfg: dict[str, Any] | None) -> Rules:
    """Rules for ``cfg`` (stage options shaped like configs/clean/clean.toml), built once
    per distinct option set and process."""
    if not isinstance(cfg, dict) or not cfg:
        return _cached("")
    try:
        key = json.dumps(cfg, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return build_rules(cfg)
    return _cached(key)
