"""Find what is not prose: OCR runs, end marks, headers, captions, label blocks.

Intra-line junk becomes ``cuts`` on a line; a whole line that is junk gets its
``kind`` set to the reason. Decisions use layout evidence (length, repetition
across the file, punctuation, position in a stack of lines) and the patterns
in configs/clean/clean.toml, never a list of known strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from pipeline.stages.clean.layout import is_full, rest_text
from pipeline.stages.clean.lines import Line
from pipeline.stages.clean.rules import INVISIBLE_RE, Rules

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _is_punct(s: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in s)


def _primitive(unit: str) -> str:
    """Shortest unit whose repetition gives ``unit`` ("2020" stays, "aa" -> "a")."""
    n = len(unit)
    for k in range(1, n):
        if n % k == 0 and unit[:k] * (n // k) == unit:
            return unit[:k]
    return unit


def cut_invisible(ln: Line) -> None:
    """Cut each invisible format character (ZWSP, ZWJ, BOM, bidi marks ...): the
    prose must not keep them, so that the word or number they split parses."""
    for m in INVISIBLE_RE.finditer(ln.text):
        ln.cuts.append((ln.s + m.start(), ln.s + m.end(), "invisible"))


def cut_inline(ln: Line, rules: Rules) -> None:
    """Record repeated-glyph runs, end marks, inline credits and glued figure captions
    as cuts (invisible characters are cut before, by ``cut_invisible``)."""
    t = ln.text
    if "（" in t or "(" in t:
        for rx, why in rules.inline:
            for m in rx.finditer(t):
                ln.cuts.append((ln.s + m.start(), ln.s + m.end(), why))
    # Glyph runs come from display type (headings, banners) set on short lines; long
    # unwrapped paragraphs are not searched (the regex costs ~0.5 us a character).
    if 4 <= len(t) <= rules.repeat_max_line:
        for m in rules.repeat_re.finditer(t):
            unit = _primitive(m.group(1) or m.group(2))
            reps = len(m.group(0)) // len(unit)
            run_end = m.start() + reps * len(unit)
            if _is_punct(unit):
                if reps >= rules.rep_min_punct:
                    ln.cuts.append((ln.s + m.start(), ln.s + run_end, "repeated_glyph"))
                continue
            if unit.isdigit() and len(unit) == 1:
                continue  # 0000 is part of a number
            if reps >= rules.rep_min:
                head = m.start() + len(unit)
                ln.cuts.append((ln.s + head, ln.s + run_end, "repeated_glyph"))
    for mark in rules.end_mark:
        i = t.find(mark)
        while i >= 0:
            ln.cuts.append((ln.s + i, ln.s + i + 1, "end_mark"))
            ln.ends_article = True
            i = t.find(mark, i + 1)
    b = rules.bullet.match(t)
    if b and b.end() < len(t) and not any(a <= ln.s < z for a, z, _ in ln.cuts):
        ln.cuts.append((ln.s, ln.s + len(b.group().rstrip()), "bullet"))
        ln.bullet = True
    m = rules.figure.search(t) if rules.figure_word in t else None
    if m and m.start() > 0 and not _inside_cut(ln, ln.s + m.start()):
        ln.cuts.append((ln.s + m.start(), ln.s + m.end(), "figure_caption"))
        ln.tail_cut = True


def _inside_cut(ln: Line, pos: int) -> bool:
    return any(a <= pos < b for a, b, _ in ln.cuts)


def has_clause(s: str, rules: Rules) -> bool:
    return rules.clause_re.search(s) is not None


def ends_terminal(s: str, rules: Rules) -> bool:
    """The text ends a sentence or lead-in (closing quotes/brackets may follow)."""
    s = s.rstrip()
    for seq in rules.terminal_seq:
        if s.endswith(seq):
            return True
    while s and s[-1] in rules.closing:
        s = s[:-1]
    return bool(s) and s[-1] in rules.terminal


def nchars(s: str) -> int:
    """Characters that are not spaces (lines are stripped, so only inner spaces count)."""
    return len(s) - s.count(" ") - s.count("\u3000") - s.count("\t") - s.count("\xa0")


def classify_lines(lines: list[Line], rules: Rules, gap: int = 2) -> None:
    """Whole-line junk: headers, page numbers, credits, stray glyphs.

    A line repeated across the file is a running head only if some occurrence
    stands at a page break (an unusually large gap before or after it); repeated
    headings and parallel sentences stay.
    """
    sigs: Counter = Counter()
    at_break: set[str] = set()
    big = gap + rules.caption_gap_extra
    for i, ln in enumerate(lines):
        if len(ln.text) > 3 * rules.repeat_max_chars:
            continue
        sig = _signature(ln.text)
        if 4 <= len(sig) <= rules.repeat_max_chars:
            sigs[sig] += 1
            if ln.nl_before >= big or (i + 1 < len(lines) and lines[i + 1].nl_before >= big):
                at_break.add(sig)
    sigs = Counter({k: v for k, v in sigs.items() if k in at_break})
    widths = [ln.width for ln in lines]
    _mark_footnotes(lines, rules)
    for i, ln in enumerate(lines):
        t = rest_text(ln)
        if ln.kind != "prose":
            continue
        if not t.strip():
            ln.kind = ln.cuts[0][2] if ln.cuts else "empty"
            continue
        clause = has_clause(t, rules)
        if not clause and len(t) <= 50 and any(p.search(t) for p in rules.header):
            ln.kind = "page_header"
        elif rules.page_number.match(t) and not _glued_number(lines, i, rules):
            ln.kind = "page_header"
        elif (not clause and sigs and len(ln.text) <= 3 * rules.repeat_max_chars
              and sigs.get(_signature(ln.text), 0) >= rules.repeat_min
              and not ends_terminal(t, rules) and not _column_text(widths, i, rules)):
            ln.kind = "running_header"
        elif len(t) <= 60 and not any(c in "。！？!?" for c in t) and any(p.search(t) for p in rules.credit):
            ln.kind = "photo_credit"
        elif rules.caption_sentence.match(t) and _one_sentence(t, rules):
            ln.kind = "caption"
        elif len(t) <= 60 and not clause and rules.source.search(t):
            ln.kind = "source_credit"
        elif rules.figure.match(t):
            ln.kind = "figure_caption"
        elif rules.figure_label.match(t):
            ln.kind = "figure_label"
        elif all(c in rules.orphan or c.isspace() for c in t) and not _quote_glue(lines, i, rules):
            ln.kind = "orphan_glyph"


def _one_sentence(t: str, rules: Rules) -> bool:
    """Short, and no sentence ends before its last characters (a caption is one sentence)."""
    body = t.rstrip("".join(rules.closing) + "".join(rules.terminal))
    return len(t) <= rules.caption_max_chars + 20 and not any(c in "。！？!?" for c in body)


def _mark_footnotes(lines: list[Line], rules: Rules) -> None:
    """Footnote references set on three lines of their own ("[" / "4" / "]")."""
    a, b, c = rules.footnote
    for i in range(len(lines) - 2):
        if not a.match(lines[i].text):
            continue
        x, y, z = lines[i:i + 3]
        if b.match(y.text) and c.match(z.text) and y.nl_before == 1 and z.nl_before == 1:
            x.kind = y.kind = z.kind = "footnote_mark"


def _glued_number(lines: list[Line], i: int, rules: Rules) -> bool:
    """The digits of line i belong to the prose that the layout (or a web page's
    subscript markup) broke: the line above stops at a decimal point ("投资1." / "2" /
    "亿元"), or right above it at a Latin letter ("广义货币M" / "2" / "增长",
    "PM" / "10"), or the lines around it end and open with a digit. A page number
    never eats those digits."""
    prev = rest_text(lines[i - 1]) if i > 0 else ""
    nxt = rest_text(lines[i + 1]) if i + 1 < len(lines) else ""
    if rules.number_end.search(prev):
        return True
    if lines[i].nl_before == 1 and prev[-1:].isascii() and prev[-1:].isalpha():
        return True
    return prev[-1:].isdigit() and rules.number_start.match(nxt) is not None


def _is_marks(t: str, rules: Rules) -> bool:
    return all(c in rules.orphan or c.isspace() for c in t)


def _quote_glue(lines: list[Line], i: int, rules: Rules) -> bool:
    """A line of bare quote or title marks that belongs to the prose around it (web
    copies set a quoted title on lines of its own: "《" / "纲要（草案）" / "》的编制…"):
    it opens a mark the next line of text goes on inside, or closes one that the text
    above left open. Two stray marks of a figure ("“" / "”") stay junk."""
    t = rest_text(lines[i]).replace(" ", "")
    nxt = rest_text(lines[i + 1]) if i + 1 < len(lines) else ""
    above = [rest_text(x) for x in lines[max(0, i - 3):i]]
    ok = True
    if t[:1] in rules.close_marks:
        last = next((c for c in reversed("".join(above)) if c in rules.open_marks or c in rules.close_marks), "")
        ok = bool(above) and not _is_marks(above[-1], rules) and last in rules.open_marks
    if ok and t[-1:] in rules.open_marks:
        ok = bool(nxt) and not _is_marks(nxt, rules)
    return ok and (t[:1] in rules.close_marks or t[-1:] in rules.open_marks)


def _inside_marks(prose: list[Line], i: int, j: int, rules: Rules) -> bool:
    """Short lines i..j-1 continue a quotation or title the text above opened ("《" /
    "公司法" / "》、《" / "传染病防治法" / "》修订草案"): prose split by markup, no labels."""
    if i > 0 and rest_text(prose[i - 1])[-1:] in rules.open_marks:
        return True
    return any(rest_text(x)[:1] in rules.close_marks for x in prose[i:j])


def _column_text(widths: list[int], i: int, rules: Rules) -> bool:
    """The line is as wide as most of its neighbours: wrapped body text that happens
    to repeat (parallel sentences), not a running head."""
    near = sorted(widths[max(0, i - 3):i] + widths[i + 1:i + 4])
    if len(near) < 4:
        return False
    med = near[len(near) // 2]
    return abs(widths[i] - med) <= rules.cluster_tol and med <= rules.max_column


def _signature(t: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub("", t))


def _label_like(ln: Line, rules: Rules) -> bool:
    """Short and without sentence punctuation (an enumeration comma may separate labels)."""
    t = rest_text(ln)
    if nchars(t) > rules.label_max_chars or ends_terminal(t, rules) or has_clause(t.replace("、", ""), rules):
        return False
    return not is_full(ln, rules)


def mark_blocks(lines: list[Line], rules: Rules) -> None:
    """Vertical one-character stacks and runs of short unpunctuated label lines."""
    prose = [ln for ln in lines if ln.kind == "prose"]
    n = len(prose)
    i = 0
    while i < n:
        j = i
        while j < n and nchars(rest_text(prose[j])) == 1 and _CJK.match(rest_text(prose[j]).strip()) \
                and (j == i or prose[j].nl_before == 1):
            j += 1
        if j - i >= rules.vertical_run:
            for ln in prose[i:j]:
                ln.kind = "vertical_text"
            i = j
            continue
        i += 1
    prose = [ln for ln in lines if ln.kind == "prose"]
    n = len(prose)
    i = 0
    while i < n:
        j = i
        while j < n and _label_like(prose[j], rules) and not is_byline(prose[j], rules):
            j += 1
        if j - i >= rules.label_run and not _wrapped_heading(prose[i:j], rules) \
                and not _inside_marks(prose, i, j, rules):
            for ln in prose[i:j]:
                ln.kind = "label_block"
            i = j
        else:
            i = max(j, i + 1)


def mark_figures(lines: list[Line], rules: Rules) -> None:
    """Text inside a figure: after a caption line "图N …", the narrow lines that follow
    (labels, boxes, lists set in the figure) up to the next line as wide as the body
    column the caption interrupted or with sentence punctuation (，；。)."""
    body = 0
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.kind == "prose" and ln.col:
            body = ln.col
        if ln.kind != "figure_caption" or not body:
            i += 1
            continue
        j = i + 1
        while j < n and j - i <= rules.figure_max_lines:
            x = lines[j]
            if x.kind == "figure_caption" or x.kind != "prose":
                j += 1
                continue
            if x.role == "byline" or is_byline(x, rules) or _sentence(x, rules) or x.bullet \
                    or (x.nl_before == 1 and x.lead_ws) or (
                    x.width >= body - rules.full_tol and _sentence(_next_prose(lines, j), rules)):
                break  # running text again (figure labels list with 、, sentences use ，。), a new block
            x.kind = "figure_text"
            j += 1
        i = j


def _sentence(ln: Line | None, rules: Rules) -> bool:
    """Sentence punctuation: a comma, semicolon or full stop (a colon does not count:
    figure labels read "上海：…")."""
    if ln is None:
        return False
    t = rest_text(ln)
    return bool(rules.inner_re.search(t)) or any(c in t for c in "。！？!?")


def _next_prose(lines: list[Line], j: int) -> Line | None:
    return next((x for x in lines[j + 1:j + 4] if x.kind == "prose"), None)


def _wrapped_heading(run: list[Line], rules: Rules) -> bool:
    """A few short lines of one measure (the last one shorter): a heading that wrapped.

    Label and map blocks are longer runs of lines of all lengths.
    """
    if len(run) > rules.label_run + 1:
        return False
    body = [ln.width for ln in run[:-1]]
    return max(body) - min(body) <= rules.cluster_tol and run[-1].width <= max(body) + rules.cluster_tol


def mark_gap_captions(lines: list[Line], rules: Rules, gap: int) -> None:
    """A short unpunctuated line set apart by an unusually large gap is a photo label."""
    prev = None
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.kind == "prose" and prev is not None and prev.kind not in ("page_header", "running_header") \
                and not prev.ends_article and not (nxt is not None and nxt.nl_before == 1 and is_byline(nxt, rules)) \
                and ln.nl_before >= gap + rules.caption_gap_extra:
            t = rest_text(ln)
            if (nchars(t) <= rules.caption_max_chars and not has_clause(t, rules)
                    and not ends_terminal(t, rules) and not is_full(ln, rules) and not is_byline(ln, rules)):
                ln.kind = "caption"
        prev = ln


def is_byline(ln: Line, rules: Rules) -> bool:
    """Author line: a byline marker, or two to five personal names and nothing else."""
    t = rest_text(ln)
    if len(t) > 40 or any(c in "。！？，," for c in t):
        return False
    if any(p.search(t) for p in rules.byline):
        return True
    if rules.byline_names.match(t):
        toks = t.split()
        return (nchars(t) <= 16 and any(len(x) >= 2 for x in toks) and sum(len(x) == 1 for x in toks) <= 2
                and all(x[0] in rules.surnames for x in toks if len(x) >= 2))
    return False
