"""Configuration: stage options in configs/default.toml, lexicons as data files under configs/.

Rules are data: a stage asks for its lexicon by file name through
``lexicon_path`` and never embeds word lists in code.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent.parent


def _config_dir() -> Path:
    """Lexicons and default options: inside the installed package (a wheel copies the checkout's
    configs/ to pipeline/configs as package data), else configs/ beside the package in a checkout."""
    inside = _PKG / "configs"
    return inside if (inside / "default.toml").exists() else _PKG.parent / "configs"


CONFIG_DIR = _config_dir()
DEFAULT_CONFIG = CONFIG_DIR / "default.toml"


class ConfigError(ValueError):
    """A config or lexicon file is missing or malformed."""


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Default options, overridden by ``path`` (a TOML file) and then by ``overrides`` (a dict of the
    same shape), checked against the options schema (pipeline/core/options.py)."""
    cfg = _read_toml(DEFAULT_CONFIG)
    validate_config(cfg, str(DEFAULT_CONFIG))
    if path is not None:
        cfg = _merge(cfg, _read_toml(Path(path)))
        validate_config(cfg, str(path))
    if overrides:
        cfg = _merge(cfg, overrides)
        validate_config(cfg, "the config overrides")
    return cfg


def validate_config(cfg: dict[str, Any], source: str) -> None:
    """Raise ConfigError naming ``source`` and the key when ``cfg`` breaks the options schema."""
    from pydantic import ValidationError

    from pipeline.core.options import Options, explain

    try:
        Options.model_validate(cfg)
    except ValidationError as e:
        raise ConfigError(explain(e, source)) from None


def config_hash(cfg: dict[str, Any]) -> str:
    """Stable hash of the extraction options, the lexicon files and the pipeline's code.

    An incremental run reuses a document's rows only when this is unchanged,
    so editing a lexicon or a stage's code redoes every document.
    """
    # How a run is scheduled (workers, batch and chunk sizes) does not change its rows.
    options = {k: v for k, v in cfg.items() if k != "run"}
    h = hashlib.sha256(json.dumps(options, sort_keys=True, ensure_ascii=False).encode())
    roots = {"configs": CONFIG_DIR, "pipeline": _PKG}
    user = user_lexicon_dir()
    if user is not None:
        roots["lexicons"] = user
    # Corpus cases (corpus.jsonl, heldout.jsonl) and notes beside the lexicons document the rules;
    # they change no row.
    files = [(base, p.relative_to(root)) for base, root in roots.items()
             for p in root.rglob("*.py" if base == "pipeline" else "*")
             if p.is_file() and p.suffix not in (".jsonl", ".md")]
    for base, rel in sorted(files):
        h.update(f"{base}/{rel}".encode())
        h.update((roots[base] / rel).read_bytes())
    return h.hexdigest()[:16]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as e:
        raise ConfigError(f"config file {path} not found: pass an existing TOML file") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {path} is not valid TOML ({e}): fix the line it names") from e
    except UnicodeDecodeError as e:  # a file saved as GBK by a Chinese editor, or not text at all
        raise ConfigError(_not_utf8(path, e)) from e


def _not_utf8(path: Path, e: UnicodeDecodeError) -> str:
    return f"config file {path} is not UTF-8 text ({e.reason} at byte {e.start}): save it as UTF-8"


LEXICONS_ENV = "PIPELINE_LEXICONS"


def user_lexicon_dir() -> Path | None:
    """The researcher's lexicon folder (``--lexicons DIR``, passed to workers through the environment):
    a file there replaces the shipped file of the same relative path; others stay the shipped ones."""
    d = os.environ.get(LEXICONS_ENV)
    return Path(d) if d else None


def lexicon_path(name: str) -> Path:
    """Path of a lexicon file: the user's copy under ``--lexicons DIR`` if there is one, else configs/."""
    user = user_lexicon_dir()
    if user is not None and (user / name).is_file():
        return user / name
    p = CONFIG_DIR / name
    if not p.exists():
        raise ConfigError(f"lexicon {p} not found: it ships with the project under configs/")
    return p


@cache
def load_lexicon_toml(name: str) -> dict[str, Any]:
    """A TOML lexicon under configs/, parsed once per process and checked against its schema
    (pipeline/core/lexicons.py): a misspelt section or key is an error naming the file, not a default."""
    from pipeline.core.lexicons import check_lexicon

    path = lexicon_path(name)
    data = _read_toml(path)
    check_lexicon(name, data, path)
    return data


def check_all_lexicons() -> None:
    """Load and check every TOML lexicon (shipped and ``--lexicons DIR``) once, before a run starts, so a
    typo stops the run with exit code 2 instead of failing every document in the workers."""
    names = {str(p.relative_to(CONFIG_DIR)) for p in CONFIG_DIR.rglob("*.toml")} - {"default.toml"}
    for name in sorted(names):
        load_lexicon_toml(name)


@cache
def load_word_list(name: str) -> tuple[str, ...]:
    """A one-entry-per-line lexicon under configs/; ``#`` starts a comment."""
    out = []
    path = lexicon_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(_not_utf8(path, e)) from e
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)
