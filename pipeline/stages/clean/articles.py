"""Split the clean text of a file into articles (title, byline, body).

A magazine issue holds several articles: one ends at the end mark (■), and a
new one starts at a byline together with the title lines set just above it.
A file with one article yields one Article.
"""

from __future__ import annotations

from pipeline.core.records import Article
from pipeline.stages.clean.rules import Rules

MAX_TITLE_PARAS = 3
_MAX_TITLE_CHARS = 80
_SUBTITLE = ("——", "—", "--")


def heading_like(t: str) -> bool:
    """A paragraph that can be a title line: short, no sentence end, at most one comma."""
    s = t.rstrip()
    if not s or len(s) > _MAX_TITLE_CHARS or any(c in "；;。！？!?" for c in s) or s.count("，") + s.count(",") > 1:
        return False
    return s[-1] not in "。！？!?；;…，,"


def split_articles(text: str, para_flags: list[tuple[int, int, bool, bool]], rules: Rules) -> list[Article]:
    """Articles over ``text``; para_flags holds (start, end, is_byline, ends_article) per paragraph."""
    if not text:
        return [Article(index=0, title=None, byline=None, start=0, end=0)]
    paras = para_flags
    n = len(paras)
    heads = [heading_like(text[s:e]) for s, e, _, _ in paras]
    bounds = {0}
    for i, (_, _, _, ends) in enumerate(paras):
        if ends and i + 1 < n:
            bounds.add(i + 1)
    for i, (_, _, byl, _) in enumerate(paras):
        if not byl:
            continue
        j = i
        while j > 0 and heads[j - 1] and i - j < MAX_TITLE_PARAS and j not in bounds:
            j -= 1
        last = max(b for b in bounds if b <= j)
        if any(not heads[k] and not paras[k][2] for k in range(last, j)):
            bounds.add(j)
    order = sorted(bounds)
    out: list[Article] = []
    for a_i, b in enumerate(order):
        e = order[a_i + 1] if a_i + 1 < len(order) else n
        title, byline = _title_byline(text, paras[b:e], heads[b:e])
        start = 0 if a_i == 0 else paras[b][0]
        end = len(text) if a_i + 1 == len(order) else paras[e][0]
        out.append(Article(index=a_i, title=title, byline=byline, start=start, end=end))
    return out


def _title_byline(text: str, paras, heads) -> tuple[str | None, str | None]:
    byline_i = next((k for k, p in enumerate(paras[:MAX_TITLE_PARAS + 2]) if p[2]), None)
    byline = text[paras[byline_i][0]:paras[byline_i][1]] if byline_i is not None else None
    title = None
    if byline_i is not None and byline_i > 0 and heads[byline_i - 1]:
        k = byline_i - 1
        if text[paras[k][0]:paras[k][0] + 2] in _SUBTITLE and k > 0 and heads[k - 1]:
            k -= 1  # "——…" is the subtitle under the title
        p = paras[k]
        title = text[p[0]:p[1]]
    else:
        for k, p in enumerate(paras[:MAX_TITLE_PARAS + 1]):
            if k != byline_i and heads[k]:
                title = text[p[0]:p[1]]
                break
    return title, byline
