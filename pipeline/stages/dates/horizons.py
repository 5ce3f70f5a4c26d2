"""Horizons and "by" markers: what the targets stage reads as deadlines.

A horizon (三年内, 未来十年, 用3至5年, 通过三年左右努力) is a span of years
counted from the anchor year; GUIDELINES §3 counts it as a duration, not a
date, so it never enters the dates table. Its value is the anchor year plus
the (largest) count: GUIDELINES §5 "三年内 / 未来十年 → year + 3 / + 10".

"By" markers (到2025年, 2025年底前, 截至2024年) are the words right around a
date that make it a deadline; they are recorded on the mention as lengths
(``by_lead``, ``by_tail``) so the offsets of the date itself stay what the
dates table scores. Word lists: configs/dates/dates.toml [horizons], [by].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.config import load_lexicon_toml
from pipeline.core.numbers import alternation as _alt
from pipeline.core.numbers import parse_number
from pipeline.core.records import DateMention

_NUM = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"


@dataclass(frozen=True)
class _HLex:
    rx: re.Pattern[str]
    use_not_after: tuple[str, ...]
    not_after: tuple[str, ...]
    max_years: int
    lead: tuple[str, ...]
    lead_not_after: tuple[str, ...]
    tail_rx: re.Pattern[str]
    use: tuple[str, ...]
    within: tuple[str, ...]


@lru_cache(maxsize=1)
def _hlex() -> _HLex:
    cfg = load_lexicon_toml("dates/dates.toml")
    h = cfg.get("horizons", {})
    by = cfg.get("by", {})
    before = _alt(h.get("before", [])) or "(?!)"
    after = _alt(h.get("after", [])) or "(?!)"
    sep = _alt(h["separators"]) or "(?!)"
    vague = "".join(re.escape(c) for c in h["vague_counts"])
    after_year = _alt(h["after_year"]) or "(?!)"
    rx = re.compile(
        rf"(?:(?P<pre>{before})\s*)?(?<![\d一二两三四五六七八九十百千{vague}])(?P<n1>{_NUM})"
        rf"(?:\s*(?:{sep})\s*(?P<n2>{_NUM}))?\s*年(?:{after_year})?(?P<post>{after})?"
    )
    tail = _alt(by.get("tail", [])) or "(?!)"
    tail_nb = "".join(re.escape(c) for c in by.get("tail_not_before", []))
    tail_rx = re.compile(rf"\s*(?:{tail})" + (f"(?![{tail_nb}])" if tail_nb else ""))
    return _HLex(
        rx=rx,
        use_not_after=tuple(h.get("use_not_after", [])),
        not_after=tuple(h.get("not_after", [])),
        max_years=int(h.get("max_years", 50)),
        lead=tuple(sorted(by.get("lead", []), key=len, reverse=True)),
        lead_not_after=tuple(by.get("lead_not_after", [])),
        tail_rx=tail_rx,
        use=tuple(h["use"]),
        within=tuple(by["within"]),
    )


def mark_by(text: str, d: DateMention) -> None:
    """Set ``by_lead`` / ``by_tail`` on ``d`` from the words around it in ``text``."""
    lx = _hlex()
    head = text[:d.start]
    stripped = head.rstrip()
    for w in lx.lead:
        if stripped.endswith(w):
            before = stripped[: len(stripped) - len(w)]
            if not before.endswith(lx.lead_not_after):
                d.by_lead = len(head) - len(before)
            break
    m = lx.tail_rx.match(text, d.end)
    if m is not None and not d.text.endswith(lx.within):
        d.by_tail = m.end() - d.end


def horizons(text: str, pub_year: int | None, taken: list[DateMention]) -> list[DateMention]:
    """Horizon mentions in ``text`` that overlap none of the ``taken`` date mentions."""
    if "年" not in text:
        return []
    lx = _hlex()
    out: list[DateMention] = []
    for m in lx.rx.finditer(text):
        pre, post = m.group("pre"), m.group("post")
        if not pre and not post:
            continue
        s, e = m.span()
        head = text[:s]
        if head.endswith(lx.not_after):
            continue
        if pre in lx.use and head.endswith(lx.use_not_after):
            continue
        n = parse_number(m.group("n2") or m.group("n1"))
        if n is None or n != int(n) or not 0 < n <= lx.max_years:
            continue
        if any(t.start < e and s < t.end for t in taken):
            continue
        val = str(pub_year + int(n)) if pub_year is not None else None
        d = DateMention(start=s, end=e, text=text[s:e], value=val, relative=True, kind="horizon")
        mark_by(text, d)
        out.append(d)
    return out
