"""The publication date, parsed once for every stage.

A document's ``pub_date`` anchors its relative dates (今年, 年内, 4月17日) and the
targets' deadlines (三年内 -> year + 3). It arrives as ISO text (``2024``,
``2024-06``, ``2024-06-05``) from the metadata CSV, a header dateline or the API,
and looser forms (``2024年6月5日``, ``2024/6/5``) are accepted where a person
typed it. Stages call :func:`pub_year` / :func:`parse_pub_date` instead of
matching the string themselves, so they cannot disagree about a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_LOOSE_DATE = re.compile(
    r"^(?P<y>\d{4})(?:\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?|\s*月)?)?\s*年?$"
)


@dataclass(frozen=True)
class PubDate:
    """A publication date at its written granularity (month and day may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``2024``, ``2024-06`` or ``2024-06-05``."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out


@lru_cache(maxsize=1024)
def parse_pub_date(value: object) -> PubDate | None:
    """The date in ``value`` (ISO or 2024年6月5日 / 2024/6/5), or None when it is not one."""
    if value is None:
        return None
    m = _LOOSE_DATE.match(str(value).strip())
    if m is None:
        return None
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else None
    d = int(m["d"]) if m["d"] else None
    try:  # 2024-13-45, 2021-02-30 and year 0000 are not dates
        date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return PubDate(y, mo, d)


def pub_year(value: object) -> int | None:
    """The publication year, or None when ``value`` is empty or not a date."""
    p = parse_pub_date(value)
    return p.year if p is not None else None


def normalize_pub_date(value: str) -> str:
    """ISO text for a publication date; raises ValueError on anything else, because a
    wrong date would silently resolve every relative date of the document."""
    p = parse_pub_date(value)
    if p is None:
        raise ValueError(f"pub_date {value!r} is not a date: pass ISO 2024, 2024-06 or 2024-06-05")
    return p.iso()
