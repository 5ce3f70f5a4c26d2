"""The notebook API for one string: its tables, no files involved.

``extract_text`` runs the same DocumentProcessor as a batch run, in this
process, with the models loaded once per configuration. A stage that fails
gives an ``errors`` row, as in a batch run, instead of an exception: the
caller reads what happened from the same table either way.
"""

from __future__ import annotations

import copy
import json
import logging
import traceback
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.config import load_config
from pipeline.run.schema import DOC_TABLES, to_table
from pipeline.stages.read.decode import make_document

log = logging.getLogger("pipeline")

# Every per-document table (run-level tables such as organizations_registry need a whole run).
API_TABLES = tuple(n for n in DOC_TABLES)


def resolve_config(config: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    """The options of a run: defaults, overridden by a TOML file (path) or a dict of overrides.

    Either is checked against the options schema (pipeline/core/options.py), so
    a misspelt key is a ConfigError naming it instead of a silent no-op.
    """
    if config is None or isinstance(config, str | Path):
        return load_config(config)
    if not isinstance(config, Mapping):
        raise TypeError(f"config must be a path to a TOML file or a dict of overrides, not {type(config).__name__}")
    return load_config(overrides=copy.deepcopy(dict(config)))


@lru_cache(maxsize=2)
def _processor(cfg_json: str):
    from pipeline.run.task import DocumentProcessor

    return DocumentProcessor(json.loads(cfg_json))


def check_text(text: object, what: str = "text") -> str:
    """``text`` itself when it is a str; else a one-line TypeError naming what was given and what to do."""
    if isinstance(text, str):
        return text
    hint = {
        "NoneType": "there is no text (None)",
        "Series": "for a column of texts use pipeline.extract_frame(df, text=...)",
        "DataFrame": "for a table of texts use pipeline.extract_frame(df, text=...)",
        "bytes": "decode it first, e.g. data.decode('utf-8')",
        "bytearray": "decode it first, e.g. data.decode('utf-8')",
        "float": "a float (NaN is how pandas marks a missing text)",
    }.get(type(text).__name__, "pass the text itself")
    raise TypeError(f"{what} must be a str, not {type(text).__name__}: {hint}")


def extract_text(text: str, doc_id: str = "text", pub_date: str | None = None,
                 config: str | Path | Mapping[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Tables for one string, keyed documents, organizations, amounts, dates, targets, ..., errors.

    ``config``: a TOML file or a dict of overrides of configs/default.toml
    (``{"ner": {"batch_size": 8}}``). A stage that fails leaves the extraction
    tables empty and explains itself in ``errors``.
    """
    check_text(text)
    if not isinstance(doc_id, str):
        raise TypeError(f"doc_id must be a str, not {type(doc_id).__name__}")
    cfg = resolve_config(config)
    doc = make_document(doc_id, text, source_path="<string>", pub_date=pub_date)
    try:
        rows = _processor(json.dumps(cfg, sort_keys=True)).process(doc)
    except Exception as e:  # noqa: BLE001 - reported as an errors row, as in a batch run
        log.error("%s: %s: %s", doc_id, type(e).__name__, e)
        rows = {"errors": [{"doc_id": doc_id, "source_path": "<string>", "stage": "extract", "kind": "exception",
                            "message": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}]}
    return {name: to_table(name, rows.get(name, [])).to_pandas() for name in API_TABLES}
