"""The review page of one document, inline in a notebook, from the tables in memory (no OUTDIR needed).

Why an iframe: the page is a whole HTML document with its own CSS and script
(pipeline/tools/review.py, the same page ``review`` writes); inside ``srcdoc``
its styles cannot leak into the notebook and its hover script still runs.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.tools.review import build_review, review_from_tables


def review_html(tables: dict[str, pd.DataFrame] | str | Path, doc_id: str | None = None) -> str:
    """The self-contained review page of ``doc_id`` (tables from extract_text/extract_frame, or an OUTDIR).

    ``doc_id`` may be left out when the tables hold one document.
    """
    if isinstance(tables, str | Path):
        if doc_id is None:
            raise TypeError("display(OUTDIR, doc_id): name the document to show")
        return build_review(tables, doc_id)
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be the dict extract_text/extract_frame return, or an OUTDIR path, "
                        f"not {type(tables).__name__}")
    if doc_id is None:
        ids = [] if tables.get("documents") is None else [str(x) for x in tables["documents"]["doc_id"]]
        if len(ids) != 1:
            raise TypeError(f"the tables hold {len(ids)} documents: name one, display(tables, doc_id)")
        doc_id = ids[0]
    return review_from_tables(tables, doc_id)


def display(tables: dict[str, pd.DataFrame] | str | Path, doc_id: str | None = None,
            height: int = 640) -> Any:
    """The review page inline: an ``IPython.display.HTML`` when IPython is there (it renders as a cell's
    last value), else the page's HTML string."""
    page = review_html(tables, doc_id)
    try:
        from IPython.display import HTML
    except ImportError:
        return page
    frame = (f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
             'border:1px solid #ddd" sandbox="allow-scripts"></iframe>')
    return HTML(frame)
