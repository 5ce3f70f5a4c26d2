"""A user's ``--lexicons`` copy of the organization lexicons made before a round of rules: the round's optional tag
classes and grammar sections removed, so a test can check that the copy still loads and leaves the new rules off."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from pipeline.core import config
from pipeline.stages.organizations.lexicon import load_org_lexicon


def older_organization_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag_classes: Sequence[str],
                                sections: Sequence[str], files: dict[str, str] | None = None) -> Iterator[None]:
    """Install such a copy (without ``tag_classes`` in tags.toml, ``sections`` in grammar.toml; ``files``: other file
    names of configs/organizations/ and the text the copy holds for them) for one test."""
    user = tmp_path / "lex" / "organizations"
    user.mkdir(parents=True)
    if tag_classes:
        tags = (config.CONFIG_DIR / "organizations" / "tags.toml").read_text(encoding="utf-8")
        tags = re.sub(rf"(?m)^({'|'.join(tag_classes)}) = .*\n", "", tags)
        (user / "tags.toml").write_text(tags, encoding="utf-8")
    if sections:
        grammar = (config.CONFIG_DIR / "organizations" / "grammar.toml").read_text(encoding="utf-8")
        grammar = re.sub(rf"(?ms)^\[({'|'.join(sections)})\]\n.*?(?=^\[|\Z)", "", grammar)
        (user / "grammar.toml").write_text(grammar, encoding="utf-8")
    for name, text in (files or {}).items():
        (user / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv(config.LEXICONS_ENV, str(tmp_path / "lex"))
    config.load_lexicon_toml.cache_clear()
    load_org_lexicon.cache_clear()
    yield
    monkeypatch.delenv(config.LEXICONS_ENV)
    config.load_lexicon_toml.cache_clear()
    load_org_lexicon.cache_clear()
