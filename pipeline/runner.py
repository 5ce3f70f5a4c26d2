"""Batch runs: many source files -> tables in OUTDIR, one bad document never stops the rest."""

from __future__ import annotations

import logging
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import load_config
from pipeline.read import DocumentError, find_sources, load_metadata, read_document
from pipeline.write import write_tables

log = logging.getLogger("pipeline")


@dataclass
class RunResult:
    n_docs: int = 0
    n_failed: int = 0
    tables: dict[str, Path] = field(default_factory=dict)


def run_extract(paths: list[str | Path], outdir: str | Path, metadata: str | Path | None = None,
                config: str | Path | None = None, cfg: dict[str, Any] | None = None) -> RunResult:
    """Extract every document under ``paths`` and write the tables to ``outdir``."""
    from pipeline.process import DocumentProcessor

    cfg = cfg if cfg is not None else load_config(config)
    meta = load_metadata(metadata)
    proc = DocumentProcessor(cfg)
    rows: dict[str, list[dict]] = defaultdict(list)
    res = RunResult()
    for path in find_sources(paths):
        res.n_docs += 1
        doc_id = path.stem
        stage = "read"
        try:
            doc = read_document(path, meta)
            stage = "extract"
            for name, rs in proc.process(doc).items():
                rows[name].extend(rs)
        except DocumentError as e:
            res.n_failed += 1
            log.error("%s", e)
            rows["errors"].append({"doc_id": doc_id, "source_path": str(path), "stage": stage,
                                   "kind": e.kind, "message": str(e), "traceback": None})
        except Exception as e:  # noqa: BLE001 - isolate any stage failure to its document
            res.n_failed += 1
            log.error("%s: %s failed (%s: %s); the document is recorded in errors, the batch goes on",
                      path, stage, type(e).__name__, e)
            rows["errors"].append({"doc_id": doc_id, "source_path": str(path), "stage": stage,
                                   "kind": "exception", "message": f"{type(e).__name__}: {e}",
                                   "traceback": traceback.format_exc()})
    res.tables = write_tables(rows, outdir)
    return res
