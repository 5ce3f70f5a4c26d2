"""Section headings of a report (configs/sentences/headings.toml): one shape test and one list of time words for the
stages that read sections, the dates stage (the year of the text under a heading) and the targets stage (whether
the section looks back or states the year's tasks)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.core.config import load_lexicon_toml
from pipeline.core.records import DateMention

_YEAR = re.compile(r"(?:19|20)\d{2}")  # a date value that names a year


@dataclass(frozen=True)
class Headings:
    """The compiled heading lexicon."""

    max_chars: int
    marks: re.Pattern[str]
    commas: re.Pattern[str]
    top: re.Pattern[str]
    top_commas: int
    title_max_after: int
    past: re.Pattern[str]
    achieved: re.Pattern[str]
    forward: re.Pattern[str]


@cache
def headings() -> Headings:
    """The heading lexicon, loaded and checked once per process."""
    h = load_lexicon_toml("sentences/headings.toml")["headings"]
    return Headings(max_chars=int(h["max_chars"]), marks=re.compile(h["marks"]), commas=re.compile(h["commas"]),
                    top=re.compile(h["top"]), top_commas=int(h["top_commas"]),
                    title_max_after=int(h["title_max_after"]), past=re.compile(h["past"]),
                    achieved=re.compile(h["achieved"]), forward=re.compile(h["forward"]))


def heading_line(line: str) -> re.Match[str] | bool | None:
    """None where the stripped ``line`` is no heading's shape (too long, a sentence mark, too many commas); else the
    match of its top-level number (一、), or False for an unnumbered line of a heading's shape."""
    h = headings()
    top = h.top.match(line)
    if len(line) > h.max_chars or h.marks.search(line) or len(h.commas.findall(line)) > (h.top_commas if top else 0):
        return None
    return top or False


def year_title(line: str, dates: list[DateMention]) -> bool:
    """An unnumbered section title: the one date of the line opens it, then a few words (今年重点工作, 2025年工作安排);
    an article's subtitle (2025年和2035年两个分阶段目标) names more than one date. ``dates``: the line's mentions."""
    return len(dates) == 1 and _YEAR.match(dates[0].value or "") is not None and line.startswith(dates[0].text) \
        and len(line) - len(dates[0].text) <= headings().title_max_after
