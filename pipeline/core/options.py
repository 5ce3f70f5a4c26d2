"""The schema of the stage options (configs/default.toml and a user's --config file).

Every section and key is declared here, strictly: an unknown section or key, or a value of the wrong
type, is a ConfigError naming the file and the key (the CLI exits 2), never a silent fall back to a
default. The values themselves live in configs/default.toml only; this file holds no defaults.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    StrictStr,
    ValidationError,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class NerOptions(_Strict):
    """[ner]: which backend, and how it batches."""

    backend: StrictStr
    batch_size: PositiveInt
    threads: PositiveInt


class RunOptions(_Strict):
    """[run]: how a batch run is scheduled (does not change any row)."""

    workers: NonNegativeInt
    batch_docs: PositiveInt
    batch_chars: PositiveInt
    chunk_docs: PositiveInt
    chunk_bytes: PositiveInt
    doc_seconds: PositiveFloat  # per-document time limit (errors row kind timeout)
    max_doc_chars: PositiveInt  # larger documents are refused (errors row kind too_large)
    window_chars: PositiveInt  # longer documents are processed in windows of this size (run/windows.py)


class Options(_Strict):
    """All stage options. [clean] is optional: it overrides keys of configs/clean/clean.toml (checked
    against that file's own shape by the clean stage's lexicon schema)."""

    ner: NerOptions
    run: RunOptions
    clean: dict[str, Any] | None = None


def _where(loc: tuple[Any, ...]) -> str:
    """``[ner] batch_size`` for pydantic's ("ner", "batch_size")."""
    parts = [str(p) for p in loc]
    if not parts:
        return "the file"
    return f"[{parts[0]}]" + (f" {'.'.join(parts[1:])}" if len(parts) > 1 else "")


def explain(e: ValidationError, source: str) -> str:
    """One line per problem, each naming the file and the key, and what to do."""
    out = []
    for err in e.errors():
        where = _where(err["loc"])
        if err["type"] == "extra_forbidden":
            out.append(f"{source}: unknown key {where}: check its spelling against configs/default.toml")
        elif err["type"] == "missing":
            out.append(f"{source}: {where} is missing")
        else:
            out.append(f"{source}: {where} = {err.get('input')!r} is wrong: {err['msg']}")
    return "; ".join(out)
