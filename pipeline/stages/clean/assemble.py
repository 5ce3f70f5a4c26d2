"""Rejoin kept lines into paragraphs and build the clean text with its offset map.

A line break is dropped where the sentence runs on (the line filled its column,
or it stops without terminal punctuation in unwrapped text) and kept as one
"\\n" where a paragraph ends. Lines that a caption or running head dropped into
an unfinished sentence are taken out first, so the two halves meet again.
"""

from __future__ import annotations

import re

from pipeline.stages.clean.junk import ends_terminal, has_clause, nchars
from pipeline.stages.clean.layout import is_full, is_wide, rest_text
from pipeline.stages.clean.lines import Line
from pipeline.stages.clean.rules import Rules, is_ws

_LATIN = re.compile(r"[A-Za-z]")
_COLON = re.compile(r"[：:]")
_PAGE_KINDS = ("page_header", "running_header")
_INLINE_KINDS = ("footnote_mark",)
# Two numbers side by side keep their space ("05 08:09"); letter-spaced digits
# ("1 9 9 3 年") are one number and close up.
_DIGITS_END = re.compile(r"\d\d$")
_DIGITS_START = re.compile(r"\d\d")
_FULLWIDTH = re.compile("[\uff01-\uff5e]")
_TOKEN = re.compile(r"\S+")
# Two words of display text set apart by a space ("扎实推进跨省通办 打造优质服务品牌"):
# running prose never spaces Chinese characters, headings and labels do.
_SPACED = re.compile(r"[\u4e00-\u9fff”》）]\s+[\u4e00-\u9fff“《（]")


def open_count(t: str, rules: Rules) -> int:
    """Opening marks left unclosed in t (a title or quote running on to the next line)."""
    return sum(t.count(c) for c in rules.open_marks) - sum(t.count(c) for c in rules.close_marks)


def spaced_display(t: str, rules: Rules) -> bool:
    return bool(_SPACED.search(t)) and not has_clause(t, rules)


def runs_on_unwrapped(t: str, rules: Rules) -> bool:
    """In unwrapped text a line without a final mark runs on when it reads as a
    sentence part (a comma, semicolon or colon inside) or is too long for a heading
    and still punctuated (a long line with no clause mark at all is a title or a
    dateline: "——2025年1月14日在…会议上的讲话"). The enumeration comma alone does
    not count for a short line: headings use it ("一、工作回顾")."""
    return rules.inner_re.search(t) is not None or (nchars(t) > rules.heading_max_chars and has_clause(t, rules))


def heading_like(ln: Line, rules: Rules) -> bool:
    t = rest_text(ln)
    return not has_clause(t, rules) and not ends_terminal(t, rules)


def unfinished(ln: Line, rules: Rules) -> bool:
    """The line stops inside a sentence: the text must run on into a later line."""
    t = rest_text(ln)
    if ends_terminal(t, rules) or ln.role == "byline":
        return False
    if open_count(t, rules) > 0:
        return True
    if ln.col > 0:
        return is_full(ln, rules)
    return runs_on_unwrapped(t, rules)


def _continues(ln: Line, rules: Rules) -> bool:
    t = rest_text(ln)
    if ln.role == "byline":
        return False
    return has_clause(t, rules) or ends_terminal(t, rules) or is_full(ln, rules)


def _caption_like(ln: Line, rules: Rules) -> bool:
    t = rest_text(ln)
    if nchars(t) > rules.caption_max_chars or has_clause(t, rules) or ends_terminal(t, rules):
        return False
    if ln.col > 0 and is_full(ln, rules) and not spaced_display(t, rules):
        return False
    return open_count(t, rules) <= 0


def mark_displaced(lines: list[Line], rules: Rules, gap: int) -> None:
    """Take out short labels/captions that sit between the halves of a sentence."""
    kept = [ln for ln in lines if ln.kind == "prose"]
    i = 0
    while i < len(kept) - 2:
        a = kept[i]
        if not unfinished(a, rules) or (a.idx > 0 and lines[a.idx - 1].ends_article):
            i += 1
            continue
        k = i + 1
        while k < len(kept) and k - i - 1 < rules.caption_max_lines and \
                (_caption_like(kept[k], rules) or kept[k].role == "byline"):
            k += 1
        if k == i + 1 or k >= len(kept) or not _continues(kept[k], rules):
            i += 1
            continue
        labels, b = kept[i + 1:k], kept[k]
        evidence = (
            any(is_wide(x, rules) for x in labels)
            or (labels[0].nl_before > gap and not _after_header(lines, labels[0]))
            or (b.nl_before > gap and not _after_header(lines, b))
            or (b.nl_before == 1 and bool(b.lead_ws) and gap > 1)
            or any(x.nl_before == 1 and x.lead_ws and gap > 1 for x in labels)
            or _byline_in_sentence(a, labels, rules)
        )
        if evidence:
            for x in labels:
                x.kind = "displaced_byline" if x.role == "byline" else "displaced_label"
            i = k
        else:
            i += 1


def _byline_in_sentence(a: Line, labels: list[Line], rules: Rules) -> bool:
    """Bylines alone between an unwrapped line that is plainly a sentence part (longer
    than any heading, clause marks inside, no end) and the rest of that sentence: the
    layout dropped them there (a subtitle above a byline is short)."""
    ta = rest_text(a)
    return (a.col == 0 and all(x.role == "byline" for x in labels)
            and nchars(ta) > rules.heading_max_chars and rules.inner_re.search(ta) is not None)


def _after_header(lines: list[Line], ln: Line) -> bool:
    """The line follows a removed running head (its big gap belongs to the page break)."""
    prev = lines[ln.idx - 1] if ln.idx > 0 else None
    return prev is not None and prev.kind in ("page_header", "running_header")


def title_pair(a: Line, b: Line, rules: Rules, gap: int) -> bool:
    """Two lines of one stacked title block (single newline where paragraphs use blank lines)."""
    ta = rest_text(a)
    return (gap >= 2 and b.nl_before == 1 and heading_like(b, rules) and not has_clause(ta, rules)
            and ta.rstrip()[-1:] not in "。！？!?" and a.role != "byline" and b.role != "byline"
            and not (is_full(b, rules) and not is_full(a, rules) and b.width > a.width + rules.cluster_tol))


def _runs_on_anyway(ta: str, tb: str, rules: Rules, page_break: bool) -> bool:
    """Breaks that never end a paragraph, whatever the layout: the next line opens with
    clause punctuation, a closing mark or a one-character clause, the line stops at an
    opening mark, a number goes on ("投资1." / "2亿元"), or a removed page number stands
    between a line stopping at a digit and the rest ("1.2" / "- 13 -" / "亿元")."""
    if not tb or not ta:
        return False
    first, last = tb[0], ta[-1]
    if first in rules.close_marks and all(c in rules.orphan for c in tb.replace(" ", "")):
        return True  # a closing quote set alone closes the sentence above
    runs = (first in rules.no_line_start or last in rules.open_marks  # "，…", "》…"; "…《" opens a title
            or (tb[1:2] in rules.inner_chars and not rules.enum_re.match(tb))  # "规" / "划，实现…"
            or (rules.number_end.search(ta[-2:]) is not None and rules.number_start.match(tb) is not None)
            # digits alone on a line that stayed prose: a broken number (see junk._glued_number)
            or rules.page_number.match(ta) is not None
            or (last.isascii() and last.isalnum() and rules.page_number.match(tb) is not None)
            or (page_break and last.isdigit() and not rules.enum_re.match(tb)))
    return runs and not ends_terminal(ta, rules)


def should_join(a: Line, b: Line, rules: Rules, gap: int, a_opens: bool = False,
                a_titled: bool = False, indented: bool = False, page_break: bool = False) -> bool:
    """True when the break between kept lines a and b lies inside a paragraph.

    ``a_opens``: line a starts a paragraph (the break before it was kept), so a
    shortfall of about the lost indent is no paragraph end. ``indented``: the file
    keeps paragraph indents, so a wrapped line after a sentence end that is not
    indented continues the paragraph.
    """
    if a.role == "byline" or b.role == "byline":
        return False
    if rules.indent_re.match(b.lead_ws or "") or b.bullet:
        return False
    ta = rest_text(a)
    if _runs_on_anyway(ta, rest_text(b), rules, page_break):
        return True
    if a.bullet and not ends_terminal(ta, rules):
        # a bulleted heading runs on only into the rest of itself
        return (heading_like(b, rules) and not is_full(b, rules) and b.width <= a.width + rules.cluster_tol
                and b.role != "byline")
    if indented and a.col > 0 and b.col > 0 and ends_terminal(ta, rules) \
            and a.col - a.width <= rules.term_full_tol and not is_wide(a, rules) \
            and not is_wide(b, rules) and (is_full(b, rules) or ends_terminal(rest_text(b), rules)):
        return True  # b is not indented: the paragraph runs on
    if title_pair(a, b, rules, gap):
        return True  # a title set on two lines of one block
    if a_titled:
        return False  # the last line of a stacked title block ends it
    term = ends_terminal(ta, rules)
    if not term and open_count(ta, rules) > 0:
        return True
    if a.col > 0:
        if is_wide(a, rules):
            # Wider than the column: a title or label stands alone, but a line of
            # prose (clause marks, no sentence end) set a little loose runs on.
            return not term and has_clause(ta, rules) and not is_wide(b, rules)
        full = is_full(a, rules)
        if term:
            da = a.col - a.width
            near = da <= rules.term_full_tol or (a_opens and da <= rules.indent_units + rules.term_full_tol)
            return (full and near and is_full(b, rules)
                    and not is_wide(b, rules) and b.col - b.width < rules.indent_units)
        if full:
            # A one-line heading set like a paragraph: it opens at the indent and the
            # next line opens another paragraph at the indent too.
            ind = rules.indent_units
            return not (a_opens and ind <= a.col - a.width <= ind + rules.term_full_tol
                        and ind <= b.col - b.width <= ind + rules.term_full_tol
                        and not ends_terminal(rest_text(b), rules))
        # A heading in larger type wraps in a narrower measure: its next line is no
        # wider than this one and still short of the body column.
        return (not is_full(b, rules) and not is_wide(b, rules) and b.width <= a.width + rules.cluster_tol
                and a.width >= rules.heading_wrap_min and b.role != "byline")
    if term:
        return False
    tb = rest_text(b)
    if rules.enum_re.match(tb):
        return False  # "一、…", "（二）…": the next line opens a numbered heading or item
    # A heading ("一、工作回顾", "（六）更加注重社会建设，着力保障和改善民生") stands
    # above a paragraph line far longer than itself; a list line runs on.
    na, nb = nchars(ta), nchars(tb)
    above_longer = nb > max(2 * na, rules.heading_max_chars)
    if rules.enum_re.match(ta) and (above_longer or ends_terminal(tb, rules)):
        return False  # a numbered heading above a whole sentence or lead-in
    if runs_on_unwrapped(ta, rules):
        return True
    if na <= rules.heading_max_chars and _COLON.search(ta):
        # "营商环境：干事创业护城墙", "来源:杭州日报 作者:…", "2023-05-05 08:09:33": a
        # heading, byline or dateline over a longer paragraph line or a short label.
        return not (2 * nb > 3 * na or (nb <= 12 and heading_like(b, rules)))
    return "、" in ta and not above_longer


def build_text(raw: str, lines: list[Line], rules: Rules, gap: int) -> tuple[str, list[int], list[int]]:
    """Clean text, offmap, and the clean offset where each kept line starts (-1 if dropped)."""
    parts: list[str] = []
    offmap: list[int] = []
    starts = [-1] * len(lines)
    kept = [ln for ln in lines if ln.kind == "prose"]
    fold = rules.fold
    prev: Line | None = None
    last_ch = ""
    opens = True
    titled = False
    n_ind = sum(1 for ln in kept if rules.indent_re.match(ln.lead_ws or ""))
    indented = n_ind >= max(3, len(kept) // 50)
    for ln in kept:
        if prev is not None:
            between = lines[prev.idx + 1:ln.idx]
            brk = any(x.kind in _PAGE_KINDS for x in between)
            join = (bool(between) and between[-1].kind in _INLINE_KINDS and not ends_terminal(rest_text(prev), rules)
                    and ln.role != "byline") or should_join(prev, ln, rules, gap, opens, titled, indented, brk)
            titled = title_pair(prev, ln, rules, gap)
            if join:
                opens = False
                first = _first_char(raw, ln)
                if _LATIN.match(last_ch or "") and _LATIN.match(first or ""):
                    nl = raw.find("\n", prev.e)
                    parts.append(" ")
                    offmap.append(nl if nl >= 0 else prev.e)
            else:
                nl = raw.find("\n", prev.e)
                parts.append("\n")
                offmap.append(nl if 0 <= nl < ln.s else prev.e)
                last_ch = "\n"
                opens = True
        starts[ln.idx] = len(offmap)
        last_ch = _emit_line(raw, ln, parts, offmap, fold, last_ch)
        prev = ln
    text = "".join(parts)
    return text, offmap, starts


def _first_char(raw: str, ln: Line) -> str:
    cuts = sorted(ln.cuts)
    pos = ln.s
    for a, b, _ in cuts:
        if a <= pos < b:
            pos = b
    return raw[pos:pos + 1]


def _emit_line(raw: str, ln: Line, parts: list[str], offmap: list[int], fold: dict, last_ch: str) -> str:
    """Append the line's kept characters; inner spaces survive only between Latin words
    ("Big Data") and between two numbers of two or more digits ("2023-05-05 08:09:33";
    letter-spaced "1 9 9 3" closes up), never next to
    Chinese ("2016 年 6 月" -> "2016年6月", "5.03 亿元" -> "5.03亿元")."""
    segs: list[tuple[int, int]] = []
    pos = ln.s
    for a, b, _ in sorted(ln.cuts):
        if a > pos:
            segs.append((pos, a))
        pos = max(pos, b)
    if pos < ln.e:
        segs.append((pos, ln.e))
    prev_end = -1
    last_tok = ""
    for a, b in segs:
        for m in _TOKEN.finditer(raw, a, b):
            s, e = m.span()
            tok = raw[s:e]
            if _FULLWIDTH.search(tok):
                tok = tok.translate(fold)
            if prev_end >= 0 and s > prev_end and (
                    (_LATIN.match(last_ch) and _LATIN.match(tok[0]))
                    or (_DIGITS_END.search(last_tok) and _DIGITS_START.match(tok))):
                ws = next((i for i in range(prev_end, s) if is_ws(raw[i])), -1)
                if ws >= 0:
                    parts.append(" ")
                    offmap.append(ws)
            parts.append(tok)
            offmap.extend(range(s, e))
            last_ch = tok[-1]
            last_tok = tok
            prev_end = e
    return last_ch
