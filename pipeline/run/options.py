"""The run options a batch run uses, typed: a view of the [run] section checked by the one options schema
(pipeline/core/options.py), whose values live in configs/default.toml only. A wrong value exits 2 with a
one-line message naming the file or key, never a traceback.
"""

from __future__ import annotations

import os
from typing import Any

from pipeline.core.config import ConfigError, validate_config
from pipeline.core.options import RunOptions

__all__ = ["RunOptions", "cap_workers", "check_run_options"]


def check_run_options(cfg: dict[str, Any]) -> RunOptions:
    """Typed [run] options of ``cfg`` (already merged with the defaults); raises ConfigError naming the key
    for a wrong type or value in any section."""
    validate_config(cfg, "config")
    return RunOptions.model_validate(cfg["run"])


def cap_workers(requested: int | None, opts: RunOptions, n_tasks: int) -> int:
    """Worker processes: the request (or run.workers, 0 = all cores), never more than cores or documents."""
    cores = os.cpu_count() or 1
    if requested is not None and requested < 1:
        raise ConfigError(f"--workers {requested}: give a number of processes >= 1")
    n = requested if requested is not None else (opts.workers or cores)
    return max(1, min(n, cores, max(1, n_tasks)))
