"""Sections of a report and what they say about time (GUIDELINES.md §4, planning sections).

A work report is cut by top-level headings (``一、2024年工作回顾``, ``二、2025年目标任务和重点工作``).
A heading that names a past year or looks back (回顾, 过去一年) opens a *past* section: its quantities are
results, not targets. A heading that names this or a coming year with a word of tasks (目标, 任务, 工作,
安排 ...) opens a *forward* section: its quantified plans are targets with that year as deadline even
where the clause names no date. The year is read from the dates stage's mention in the heading; the
heading's shape and its time words are shared with the dates stage (configs/sentences/headings.toml), the rest is
data in configs/targets/targets.toml [sections].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.records import DateMention, Sentence
from pipeline.stages.sentences.headings import heading_line, headings, year_title


@dataclass
class Section:
    """The time orientation of the text under a heading."""

    past: bool
    year: str | None = None  # the forward section's year (ISO), its deadline
    year_text: str | None = None
    start: int = 0  # offset of the heading's year mention


def _year(value: str | None) -> int | None:
    m = re.match(r"((?:19|20)\d{2})", value or "")
    return int(m.group(1)) if m else None


def section_heading(text: str, par: list[Sentence], dates: list[DateMention], pub_year: int | None,
                    lx: dict[str, re.Pattern[str] | int], current: Section | None) -> tuple[bool, Section | None]:
    """(is a section heading, the section it opens) for one paragraph.

    ``dates`` are the dates stage's mentions inside the paragraph. A top-level heading that says nothing
    of time keeps a forward section (三、全面加强政府自身建设 is still this year's work) and ends a past one.
    """
    if len(par) != 1:
        return False, current
    line = text[par[0].start:par[0].end].strip()
    top = heading_line(line)
    if top is None:
        return False, current
    if lx["glossary"].search(line):  # type: ignore[union-attr]
        return True, None  # 附件2 名词解释: terms explained, no tasks of the year
    year_m = next((d for d in dates if _year(d.value) is not None), None)
    if not top and not year_title(line, dates):
        return False, current
    h = headings()
    forward = h.forward.search(line)
    if h.past.search(line) or (h.achieved.search(line) and not forward):
        return True, Section(past=True)
    if year_m is not None and forward:
        # the time the tasks run to: a period's end (二、九十年代改革和建设的主要任务 in 1992 -> 1999;
        # 二、“十三五”时期发展成就和“十四五”时期主要目标任务 -> 2025), the latest date the heading names
        year_m = max((d for d in dates if _end_year(d.value) is not None), key=lambda d: _end_year(d.value) or 0)
        y = _end_year(year_m.value)
        if pub_year is not None and y is not None and y < pub_year:
            return True, Section(past=True)
        return True, Section(past=False, year=str(y), year_text=year_m.text, start=year_m.start)
    if not top:
        return False, current
    return True, current if current is not None and not current.past else None


def since_date(text: str, d: DateMention, since_after: tuple[str, ...], since: tuple[str, ...]) -> bool:
    """Does the date mention name the start of a span up to now (2019年以来, 今年来): what happened since, never a
    deadline, nor the year a goal is set for? ``since_after``: words right after it; ``since``: words inside it."""
    return text[d.end:d.end + 3].lstrip().startswith(since_after) or any(w in d.text for w in since)


def year_goal_section(text: str, par: list[Sentence], dates: list[DateMention], pub_year: int | None,
                      rx: re.Pattern[str], since_after: tuple[str, ...], since: tuple[str, ...]) -> Section | None:
    """The year's tasks opened by a paragraph that states this year's goal (今年经济社会发展的主要预期目标是：…;
    今年…经济增长速度的调控目标定为８％), for a report whose heading after its look back names no time (二、牢记历史
    使命，在中国式现代化建设中奋勇争先; 二、保持国民经济发展的良好势头). Only the publication year counts: a later
    year's goal (到2035年…目标是) is a long-term aim, not the year's tasks, and a date of a span up to now
    (今年以来，…全年目标更为…: ``since_date``) looks back."""
    if pub_year is None:
        return None
    for d in dates:
        if since_date(text, d, since_after, since):
            continue  # 今年以来，…: what the year has done so far, no goal
        if _year(d.value) == pub_year == _end_year(d.value) and rx.match(text, d.end, par[-1].end):
            return Section(past=False, year=str(pub_year), year_text=d.text, start=d.start)
    return None


def _end_year(value: str | None) -> int | None:
    """The last year of a date value: a period's end (1990/1999 -> 1999), else its year."""
    return _year((value or "").rpartition("/")[2] or value)
