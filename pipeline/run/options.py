"""Checked run options: a wrong value in [run] or [ner] is a one-line error (exit 2), never a traceback.

The checks live here, beside what uses them, so that a general config loader
can call ``check_run_options`` and keep one message format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pipeline.core.config import ConfigError

# key -> (type, minimum, default); bool is excluded from int on purpose (TOML true is not a count).
_RUN_KEYS: dict[str, tuple[type, float, Any]] = {
    "workers": (int, 0, 0),
    "batch_docs": (int, 1, 64),
    "batch_chars": (int, 1, 2_000_000),
    "chunk_docs": (int, 1, 16),
    "chunk_bytes": (int, 1, 600_000),
    "doc_seconds": (float, 1, 3600.0),
    "max_doc_chars": (int, 1, 5_000_000),
}
_NER_KEYS: dict[str, tuple[type, float, Any]] = {
    "batch_size": (int, 1, 64),
    "threads": (int, 1, 1),
}


@dataclass(frozen=True)
class RunOptions:
    """The [run] section, typed: how a run is scheduled (never what it extracts)."""

    workers: int = 0
    batch_docs: int = 64
    batch_chars: int = 2_000_000
    chunk_docs: int = 16
    chunk_bytes: int = 600_000
    doc_seconds: float = 3600.0  # a document still running after this is an errors row (kind timeout)
    max_doc_chars: int = 5_000_000  # a larger document is refused (kind too_large): peak RSS stays under ~1.5 GB


def _check(section: str, values: Any, keys: dict[str, tuple[type, float, Any]]) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise ConfigError(f"config: [{section}] must be a table of options, not {values!r}")
    out = {}
    for key, (typ, low, _) in keys.items():
        if key not in values:
            continue
        v = values[key]
        ok = isinstance(v, (int, float)) if typ is float else isinstance(v, int)
        if isinstance(v, bool) or not ok:
            kind = "a whole number" if typ is int else "a number"
            raise ConfigError(f"config: {section}.{key} = {v!r} must be {kind} >= {low:g}")
        if v < low:
            raise ConfigError(f"config: {section}.{key} = {v!r} must be >= {low:g}")
        out[key] = typ(v)
    return out


def check_run_options(cfg: dict[str, Any]) -> RunOptions:
    """Typed [run] options; raises ConfigError naming the key for a wrong type or value ([ner] too)."""
    for section in ("run", "ner", "clean"):
        if section in cfg and not isinstance(cfg[section], dict):
            raise ConfigError(f"config: {section} = {cfg[section]!r} must be a [{section}] table of options")
    _check("ner", cfg.get("ner"), _NER_KEYS)
    backend = (cfg.get("ner") or {}).get("backend", "lac")
    if not isinstance(backend, str):
        raise ConfigError(f"config: ner.backend = {backend!r} must be a string such as \"lac\"")
    return RunOptions(**_check("run", cfg.get("run"), _RUN_KEYS))


def cap_workers(requested: int | None, opts: RunOptions, n_tasks: int) -> int:
    """Worker processes: the request (or run.workers, 0 = all cores), never more than cores or documents."""
    cores = os.cpu_count() or 1
    if requested is not None and requested < 1:
        raise ConfigError(f"--workers {requested}: give a number of processes >= 1")
    n = requested if requested is not None else (opts.workers or cores)
    return max(1, min(n, cores, max(1, n_tasks)))
