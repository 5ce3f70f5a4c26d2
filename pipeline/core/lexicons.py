"""Checking a lexicon file against its schema (pipeline/core/lexicon_schemas.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline.core.config import ConfigError


def check_lexicon(name: str, data: dict[str, Any], path: Path) -> None:
    """Raise ConfigError naming ``path`` and each wrong key when ``data`` breaks the schema of ``name``."""
    from pipeline.core.lexicon_schemas import SCHEMAS

    schema = SCHEMAS.get(name)
    if schema is None:
        raise ConfigError(f"{path}: no schema for lexicon {name!r}: declare its sections and keys in "
                          "pipeline/core/lexicon_schemas.py")
    try:
        schema.validate_python(data)
    except ValidationError as e:
        raise ConfigError("; ".join(_explain(err, path) for err in e.errors())) from None


def _explain(err: Any, path: Path) -> str:
    loc = [str(x) for x in err["loc"]]
    where = f"[{loc[0]}]" + (f" {'.'.join(loc[1:])}" if len(loc) > 1 else "") if loc else "the file"
    if err["type"] == "extra_forbidden":
        return (f"{path}: unknown key {where}: check its spelling against the shipped file (a new key is "
                "declared in pipeline/core/lexicon_schemas/)")
    if err["type"] == "missing":
        return f"{path}: {where} is missing"
    return f"{path}: {where} = {err.get('input')!r} is wrong: {err['msg']}"
