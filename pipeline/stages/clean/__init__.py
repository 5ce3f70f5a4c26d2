"""Cleaning stage: OCR'd Chinese text -> running prose with an exact raw offset map.

``clean(raw, cfg)`` rejoins lines broken by the layout, takes page headers,
captions, credits, label blocks, vertical text and OCR glyph runs out of the
prose into ``removed`` (with raw offsets and a reason), and splits a magazine
file into articles. Every clean character is one raw character (full-width
ASCII folded 1:1), so ``offmap`` maps any clean span back to the source.

Passes (one job per module):
  lines.split_lines      raw -> line records (offsets, gaps, indentation)
  junk.cut_invisible     invisible format characters (ZWSP, ZWJ, BOM, soft hyphen, bidi marks)
  junk.cut_inline        repeated-glyph runs, end marks, inline credits, glued figure captions
  junk.classify_lines    headers, page numbers, credits, stray glyph lines
  layout.estimate_columns  local column width: is a line full, short or wide
  junk.mark_figures      text set inside a figure, after its "图N" caption line
  junk.mark_blocks       vertical stacks, label / map blocks
  junk.mark_gap_captions photo labels set apart by a large gap
  assemble.mark_displaced  labels and running heads dropped inside a sentence
  assemble.build_text    joins / paragraph breaks, text + offmap
  articles.split_articles

Choices (documented so that later stages can rely on them):
  - Paragraph breaks are one "\\n"; titles, bylines and headings stay in the
    prose, each as its own paragraph. Bullet glyphs opening a heading (▶ ● □)
    go to ``removed`` (reason "bullet").
  - A label, running head or byline that the layout dropped between the halves
    of a sentence is taken out of the prose into ``removed`` (reasons
    "displaced_label", "displaced_byline"), so the sentence reads whole; a
    displaced byline still fills ``Article.byline``.
  - Repeated-glyph runs keep one unit ("到到到到" -> "到", "20252025…" -> "2025",
    as GUIDELINES §6 says); runs of punctuation ("————") go entirely.
  - Spaces: dropped next to Chinese and inside numbers ("2016 年 6 月" ->
    "2016年6月"); kept between Latin words and between two numbers of two or
    more digits ("2023-05-05 08:09:33").
  - Full-width ASCII is folded 1:1 except the ordinary Chinese marks listed in
    configs/clean/clean.toml [fold] keep_fullwidth (，：；！？（）).
  - Reasons in ``removed``: page_header, running_header, photo_credit, source_credit,
    picture_note, caption, figure_caption, figure_label, figure_text, label_block,
    vertical_text, orphan_glyph, repeated_glyph, end_mark, bullet, displaced_label,
    displaced_byline, invisible.
  - Every non-space character the clean text drops has a ``removed`` row; only
    whitespace (str.isspace: line breaks, indents, OCR spaces, U+3000) goes without
    one. Invisible format characters are not whitespace: each is cut ("invisible"),
    so "2025\u200b年" reads "2025年".
  - A page number between the halves of a sentence ("· 13 ·", "-13-", "第13页", a bare
    number) is removed and the sentence rejoined; a bare number glued to a number of
    the prose ("投资1." / "2" / "亿元", "广义货币M" / "2") is the prose's.
"""

from __future__ import annotations

import bisect
from typing import Any

from pipeline.core.records import Article, CleanResult, Removed
from pipeline.stages.clean.articles import split_articles
from pipeline.stages.clean.assemble import build_text, mark_displaced
from pipeline.stages.clean.junk import (
    classify_lines,
    cut_inline,
    cut_invisible,
    is_byline,
    mark_blocks,
    mark_figures,
    mark_gap_captions,
)
from pipeline.stages.clean.layout import estimate_columns, set_widths, typical_gap
from pipeline.stages.clean.lines import Line, split_lines
from pipeline.stages.clean.rules import INVISIBLE_RE, Rules, get_rules, is_ws

__all__ = ["clean", "is_ws", "raw_without_removed"]


def raw_without_removed(raw: str, removed: list[Removed], raw_start: int, raw_end: int) -> str:
    """raw[raw_start:raw_end] with the removed fragments inside it taken out.

    A clean span that straddles a caption or running head maps to a raw span that
    still holds it ("钱\n\n杭州钱塘智慧城\n\n塘智慧城" for 钱塘智慧城); this gives the
    raw text the clean span was made of, for provenance checks.
    """
    out, pos = [], raw_start
    for r in sorted(removed, key=lambda x: x.raw_start):
        if r.raw_end <= pos or r.raw_start >= raw_end:
            continue
        out.append(raw[pos:max(pos, r.raw_start)])
        pos = max(pos, r.raw_end)
    out.append(raw[pos:raw_end] if pos < raw_end else "")
    return "".join(out)


def clean(raw: str, cfg: dict[str, Any] | None = None) -> CleanResult:
    """Clean prose, offset map, removed fragments and articles for one decoded text.

    A rule that fails raises: the run's per-document isolation records it in
    ``errors``, so a broken rule is never mistaken for an empty document.
    """
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    return _clean(raw, get_rules(cfg))


def _clean(raw: str, rules: Rules) -> CleanResult:
    lines = split_lines(raw)
    if INVISIBLE_RE.search(raw):  # one C-speed scan; most texts hold none
        for ln in lines:
            cut_invisible(ln)
    for ln in lines:
        cut_inline(ln, rules)
    set_widths(lines, rules)
    gap = typical_gap(lines)
    classify_lines(lines, rules, gap)
    estimate_columns(lines, rules)
    mark_figures(lines, rules)
    mark_blocks(lines, rules)
    estimate_columns(lines, rules)
    mark_gap_captions(lines, rules, gap)
    for ln in lines:
        if ln.kind == "prose" and is_byline(ln, rules):
            ln.role = "byline"
    estimate_columns(lines, rules)
    mark_displaced(lines, rules, gap)
    text, offmap, starts = build_text(raw, lines, rules, gap)
    removed = _removed(raw, lines)
    articles = split_articles(text, _paragraphs(text, lines, starts), rules)
    _attach_displaced_bylines(articles, removed, offmap, rules)
    return CleanResult(text=text, offmap=offmap, removed=removed, articles=articles)


def _attach_displaced_bylines(articles: list[Article], removed: list[Removed], offmap: list[int],
                              rules: Rules) -> None:
    """A byline the layout dropped inside a sentence left the prose; it still names the
    authors of the article it stands in."""
    for r in removed:
        if r.reason != "displaced_byline":
            continue
        c = bisect.bisect_left(offmap, r.raw_start)
        for a in articles:
            if a.start <= c < max(a.end, a.start + 1) and a.byline is None:
                a.byline = "".join(ch for ch in rules.bullet.sub("", r.text) if not is_ws(ch)).translate(rules.fold)
                break


def _removed(raw: str, lines: list[Line]) -> list[Removed]:
    """Removed records: whole junk lines (consecutive ones of one reason merged) and cuts."""
    out: list[Removed] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            s, e = run[0].s, run[-1].e
            out.append(Removed(raw_start=s, raw_end=e, text=raw[s:e], reason=run[0].kind))
            run.clear()

    for ln in lines:
        if ln.kind != "prose":
            if run and run[-1].kind != ln.kind:
                flush()
            run.append(ln)
            continue
        flush()
        for a, b, why in sorted(ln.cuts):
            out.append(Removed(raw_start=a, raw_end=b, text=raw[a:b], reason=why))
    flush()
    # Cuts on lines that were removed whole are covered by the line record.
    out.sort(key=lambda r: (r.raw_start, r.raw_end))
    return out


def _paragraphs(text: str, lines: list[Line], starts: list[int]) -> list[tuple[int, int, bool, bool]]:
    """(start, end, has_byline, ends_article) for each clean paragraph."""
    bounds = []
    pos = 0
    for chunk in text.split("\n"):
        bounds.append((pos, pos + len(chunk)))
        pos += len(chunk) + 1
    flags = [[s, e, False, False] for s, e in bounds if e > s]
    if not flags:
        return []
    para_starts = [f[0] for f in flags]
    for ln in lines:
        if ln.kind != "prose" and not ln.ends_article:
            continue
        if ln.kind == "prose":
            c = starts[ln.idx]
        else:
            prev = next((x for x in reversed(lines[:ln.idx]) if x.kind == "prose"), None)
            c = starts[prev.idx] if prev is not None else -1
        if c < 0:
            continue
        k = bisect.bisect_right(para_starts, c) - 1
        if k < 0:
            continue
        if ln.role == "byline" and starts[ln.idx] == flags[k][0]:
            flags[k][2] = True
        if ln.ends_article:
            flags[k][3] = True
    return [tuple(f) for f in flags]  # type: ignore[misc]
