"""Column width estimation and the line predicates built on it.

Wrapped OCR text (a magazine column) has most lines of one print width; a line
that fills that width runs on into the next one, a shorter line ends a
paragraph or is a heading, a wider one cannot belong to the column at all.
Newspaper text without wrapping has no such cluster and gets ``col = 0``.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.stages.clean.lines import Line, text_width
from pipeline.stages.clean.rules import Rules

_SPACES = re.compile(r" {2,}")


def rest_text(ln: Line) -> str:
    """The line's text with its intra-line cuts taken out (kept heads stay)."""
    if not ln.cuts:
        return ln.text
    out: list[str] = []
    pos = ln.s
    for a, b, why in sorted(ln.cuts):
        if a > pos:
            out.append(ln.text[pos - ln.s:a - ln.s])
        if why != "invisible":
            out.append(" ")  # the two sides of a cut caption or glyph run do not touch
        pos = max(pos, b)
    out.append(ln.text[pos - ln.s:])
    return _SPACES.sub(" ", "".join(out)).strip()


def set_widths(lines: list[Line], rules: Rules) -> None:
    """Print width of each line's remaining text.

    A line of more characters than three columns could hold is an unwrapped
    paragraph; its exact width never matters, so it gets twice its length.
    """
    cap = 3 * rules.max_column
    for ln in lines:
        t = rest_text(ln)
        ln.width = 2 * len(t) if len(t) > cap else text_width(t)


def estimate_columns(lines: list[Line], rules: Rules) -> None:
    """Set ``col`` (local column width, 0 if none) on every prose line.

    The column exists where at least ``min_cluster`` neighbouring lines share one
    width (within ``cluster_tol``); its width is then the 90th percentile of the
    widths of neighbours that do not end a sentence (mostly full lines; indented
    first lines and the odd wide heading fall outside). The window around the
    line is tried first, then its left and right halves, so that the last and
    first lines of a column block next to other material still get the column.
    """
    cand = [ln for ln in lines if ln.kind == "prose"]
    widths = [ln.width for ln in cand]
    runon = [not _ends_sentence(ln.text) for ln in cand]
    clauses = [rules.clause_re.search(ln.text) is not None for ln in cand]
    n = len(cand)
    win, tol = rules.window, rules.cluster_tol
    # Prefix counts of lines that could belong to a column, so that unwrapped text
    # (one long paragraph a line) is settled in O(1) a line.
    pre = [0]
    for w in widths:
        pre.append(pre[-1] + (rules.min_column - 2 * tol <= w <= rules.max_column + 2 * tol))
    for i, ln in enumerate(cand):
        ln.col = 0
        w = widths[i]
        for lo, hi in ((max(0, i - win), min(n, i + win + 1)), (max(0, i - win), i + 1), (i, min(n, i + win + 1))):
            if pre[hi] - pre[lo] < rules.min_cluster:
                continue
            col = _column(widths, runon, clauses, lo, hi, rules)
            if not col:
                continue
            if not ln.col:
                ln.col = col  # the first column found stands unless a half-window fits better
                if col - rules.full_tol - 4 <= w <= col + rules.over_tol + 4:
                    break  # near enough: a wide or short line of this column (a heading, a label)
            if col - rules.full_tol <= w <= col + rules.over_tol:
                ln.col = col  # far off the whole window's column, but one half fits (block edge)
                break


def _column(widths: list[int], runon: list[bool], clauses: list[bool], lo: int, hi: int, rules: Rules) -> int:
    """Column width of lines lo..hi, or 0 when they do not form one."""
    tol = rules.cluster_tol
    ws = sorted(widths[lo:hi])
    best, best_hi = 0, 0
    j = 0
    for k in range(len(ws)):
        while ws[k] - ws[j] > 2 * tol:
            j += 1
        cnt = k - j + 1
        if cnt > best or (cnt == best and ws[k] > best_hi):
            best, best_hi = cnt, ws[k]
    if best < max(rules.min_cluster, rules.min_share * len(ws)) \
            or not rules.min_column <= best_hi <= rules.max_column \
            or not _has_run(widths, clauses, lo, hi, best_hi - 2 * tol - rules.indent_units - 2,
                            best_hi + rules.indent_units + 2, 3):
        return 0
    top = best_hi + rules.indent_units + 2  # full lines above a cluster of indented first lines
    ro = sorted(widths[k] for k in range(lo, hi) if runon[k] and widths[k] <= top) or ws
    return ro[min(len(ro) - 1, (9 * len(ro)) // 10)]


def _has_run(widths: list[int], clauses: list[bool], lo: int, hi: int, a: int, b: int, n: int) -> bool:
    """n consecutive lines about the column width, one of them with clause punctuation:
    wrapped running text, not a stack of headings of similar length."""
    run = 0
    punct = False
    for k in range(lo, hi):
        if a <= widths[k] <= b:
            run += 1
            punct = punct or clauses[k]
        else:
            run, punct = 0, False
        if run >= n and punct:
            return True
    return False


def _ends_sentence(t: str) -> bool:
    t = t.rstrip("”’」』）)】》\"' ")
    return bool(t) and t[-1] in "。！？!?；;…"


def typical_gap(lines: list[Line]) -> int:
    """Most common number of newlines between consecutive non-blank lines."""
    c = Counter(ln.nl_before for ln in lines[1:])
    return c.most_common(1)[0][0] if c else 1


def is_full(ln: Line, rules: Rules) -> bool:
    """The line filled its column (so its text runs on)."""
    if ln.col <= 0:
        return False
    if ln.tail_cut:
        return True
    return ln.col - rules.full_tol <= ln.width <= ln.col + rules.over_tol


def is_wide(ln: Line, rules: Rules) -> bool:
    """Wider than its column: a title, running head or label, not column text."""
    return ln.col > 0 and ln.width > ln.col + rules.over_tol
