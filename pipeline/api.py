"""The notebook API: extract tables from one string, no files involved."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from pipeline.run.schema import to_table
from pipeline.stages.read.decode import make_document

API_TABLES = ("documents", "organizations", "amounts", "dates", "targets", "sentences", "removed", "articles",
              "places")


@lru_cache(maxsize=1)
def _processor():
    from pipeline.run.task import DocumentProcessor

    return DocumentProcessor()


def extract_text(text: str, doc_id: str = "text", pub_date: str | None = None) -> dict[str, pd.DataFrame]:
    """Tables for one string, keyed documents, organizations, amounts, dates, targets (and more)."""
    doc = make_document(doc_id, text, source_path="<string>", pub_date=pub_date)
    rows = _processor().process(doc)
    return {name: to_table(name, rows.get(name, [])).to_pandas() for name in API_TABLES}
