"""The Python API: tables from strings and DataFrames, shown inline, queried with SQL.

``extract_text`` (one string), ``extract_frame`` (a table of texts), ``display``
(the review page of one document, inline in Jupyter), ``connect`` (DuckDB
views over an OUTDIR).
"""

from pipeline.api.display import display, review_html
from pipeline.api.frame import extract_frame
from pipeline.api.sql import connect
from pipeline.api.text import API_TABLES, extract_text

__all__ = ["API_TABLES", "connect", "display", "extract_frame", "extract_text", "review_html"]
