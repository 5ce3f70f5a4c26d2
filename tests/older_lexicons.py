"""A user's ``--lexicons`` copy of lexicons made before a round of rules: the round's optional keys and sections
removed, so a test can check that the copy still loads and leaves the new rules off."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from pipeline.core import config
from pipeline.stages.organizations.lexicon import load_org_lexicon


def user_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
                  caches: Sequence[Callable[..., object]] = ()) -> Iterator[None]:
    """Install a copy holding ``files`` (path under configs/ -> the text the copy holds) for one test; the lexicon
    loader's cache and ``caches`` (the stages' own lru caches) are cleared before and after."""
    root = tmp_path / "lex"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv(config.LEXICONS_ENV, str(root))
    for clear in (config.load_lexicon_toml, *caches):
        clear.cache_clear()
    yield
    monkeypatch.delenv(config.LEXICONS_ENV)
    for clear in (config.load_lexicon_toml, *caches):
        clear.cache_clear()


def older_organization_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag_classes: Sequence[str],
                                sections: Sequence[str], files: dict[str, str] | None = None) -> Iterator[None]:
    """Install such a copy (without ``tag_classes`` in tags.toml, ``sections`` in grammar.toml; ``files``: other file
    names of configs/organizations/ and the text the copy holds for them) for one test."""
    copy = {f"organizations/{name}": text for name, text in (files or {}).items()}
    if tag_classes:
        tags = (config.CONFIG_DIR / "organizations" / "tags.toml").read_text(encoding="utf-8")
        copy["organizations/tags.toml"] = re.sub(rf"(?m)^({'|'.join(tag_classes)}) = .*\n", "", tags)
    if sections:
        grammar = (config.CONFIG_DIR / "organizations" / "grammar.toml").read_text(encoding="utf-8")
        copy["organizations/grammar.toml"] = re.sub(rf"(?ms)^\[({'|'.join(sections)})\]\n.*?(?=^\[|\Z)", "", grammar)
    yield from user_lexicons(tmp_path, monkeypatch, copy, [load_org_lexicon])
