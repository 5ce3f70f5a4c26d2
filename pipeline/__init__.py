"""Chinese policy-text extraction pipeline.

``from pipeline import extract_text`` gives the tables for one string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract_text"]


def extract_text(text: str, doc_id: str = "text", pub_date: str | None = None) -> dict[str, pd.DataFrame]:
    """Tables (documents, organizations, amounts, dates, targets, ...) for one string."""
    from pipeline.api import extract_text as _extract

    return _extract(text, doc_id=doc_id, pub_date=pub_date)
