"""Analysis-ready columns derived from the ISO strings: start and end dates, granularity, deadline year.

The stages write dates and deadlines as ISO-8601 strings at the written
granularity (SPEC: `2021`, `2021-08`, `2023-Q1`, `2023-H1`, `2021/2025`);
a researcher filtering "deadlines before mid-2026" or plotting by quarter
needs real dates. This module turns each string into the first and last day
it covers and names its granularity, so the string stays the contract and
the typed columns are derived from it in one place (``schema.to_table``).

Closed vocabularies (``VOCABULARIES``) are stored as Arrow dictionaries, read
by pandas as categories whose categories are the whole vocabulary, in this
order, whatever the rows hold.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date

import pyarrow as pa

# Closed vocabularies of the output columns (GUIDELINES.md), in the order a table should list them.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "org_type": ("company", "government", "research", "association", "platform", "media", "other"),
    "quantity": ("money", "area", "length", "count", "percent", "multiple", "duration", "power", "ratio",
                 "density", "other"),
    "qualifier": ("exact", "about", "over", "at_least", "under"),
    "target_kind": ("goal", "plan", "forecast"),
    "granularity": ("day", "month", "quarter", "half", "year", "decade", "period"),
    "pub_date_source": ("metadata", "header", "argument"),
}

_POINT = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?$")


def _point(value: str) -> tuple[date, date, str] | None:
    """First day, last day and granularity of one ISO point (`2021`, `2021-08`, `2021-08-03`, `2021-Q1`, `2021-H2`)."""
    m = _POINT.match(value)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return d, d, "day"
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month"
    except ValueError:
        return None  # month 13, 30 February: not a calendar date
    if m["q"]:
        q = int(m["q"][1])
        last = 3 * q
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1]), "quarter"
    if m["h"]:
        return (date(y, 1, 1), date(y, 6, 30), "half") if m["h"] == "H1" else (date(y, 7, 1), date(y, 12, 31), "half")
    return date(y, 1, 1), date(y, 12, 31), "year"


def iso_span(value: str | None) -> tuple[date | None, date | None, str | None]:
    """(start, end, granularity) of an ISO date or period string; (None, None, None) when it is not one.

    A period `A/B` runs from A's first day to B's last; it is a `decade` when
    it is exactly the years of one decade (上世纪80年代 -> `1980/1989`), else a `period`.
    """
    if not isinstance(value, str) or not value:
        return None, None, None
    if "/" in value:
        a, _, b = value.partition("/")
        pa_, pb = _point(a), _point(b)
        if pa_ is None or pb is None or pb[1] < pa_[0]:
            return None, None, None
        decade = (pa_[2] == pb[2] == "year" and pa_[0].year % 10 == 0 and pb[0].year == pa_[0].year + 9)
        return pa_[0], pb[1], "decade" if decade else "period"
    p = _point(value)
    return (None, None, None) if p is None else p


def derive(table: str, row: dict) -> dict:
    """The derived columns of one row of ``table`` (empty for tables without any)."""
    if table == "dates":
        s, e, g = iso_span(row.get("value"))
        return {"date_start": s, "date_end": e, "granularity": g}
    if table == "targets":
        s, e, g = iso_span(row.get("deadline"))
        return {"deadline_start": s, "deadline_end": e, "deadline_granularity": g,
                "deadline_year": e.year if e is not None else None}
    return {}


def with_pandas_ints(schema: pa.Schema, columns: list[str]) -> pa.Schema:
    """``schema`` with pandas metadata that reads ``columns`` as nullable integers (Int32, Int64).

    pandas turns an integer column holding a null into float64; the metadata
    (what pandas itself writes for an ``Int32`` column) keeps the integers and
    the nulls, under pandas 2 and 3, for ``pd.read_parquet`` and ``to_pandas`` alike.
    """
    cols = [{"name": c, "field_name": c, "pandas_type": str(schema.field(c).type),
             "numpy_type": str(schema.field(c).type).capitalize(), "metadata": None} for c in columns]
    meta = {"index_columns": [], "column_indexes": [], "columns": cols}
    return schema.with_metadata({**(schema.metadata or {}), b"pandas": json.dumps(meta).encode()})
