"""Chinese policy-text extraction pipeline.

``from pipeline import extract_text, extract_frame, display, connect``: tables for
one string or a DataFrame of texts, a document's review page inline in Jupyter,
and SQL over an OUTDIR. Imported lazily, so ``import pipeline`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.api import connect, display, extract_frame, extract_text

__all__ = ["connect", "display", "extract_frame", "extract_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        import pipeline.api

        return getattr(pipeline.api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
