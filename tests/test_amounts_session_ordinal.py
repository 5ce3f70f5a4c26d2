"""A session's ordinal after its term (十届十二次全会, configs/amounts/qualifiers.toml [session_ordinal]) is no count;
counts of times stay, and a lexicon copy made before the section still loads, with the rule off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.core import config
from pipeline.stages.amounts import extract_amounts
from pipeline.stages.amounts.lexicon import lex
from tests.older_lexicons import user_lexicons


def _texts(text: str) -> list[str]:
    return [a.text for a in extract_amounts(text)]


@pytest.mark.parametrize("text", [
    "落实省委十一届十二次全会部署。",          # one session
    "落实自治区党委十届十二次、十三次全会部署。",  # and the list item after it
    "按照市委九届十一次、十二次、十三次全体会议精神。",
])
def test_a_session_after_its_term_is_no_count(text: str) -> None:
    assert _texts(text) == []


@pytest.mark.parametrize("text, rows", [
    ("还会出现十次、二十次、三十次。", ["十次", "二十次", "三十次"]),     # times, no term before them
    ("第十届运动会共举办比赛三十次。", ["三十次"]),                      # a term elsewhere in the sentence
    ("按照省委十四届六次全会部署，举办对接活动二十次。", ["二十次"]),      # a count after the session
])
def test_counts_of_times_stay(text: str, rows: list[str]) -> None:
    assert _texts(text) == rows


@pytest.fixture
def older_qualifiers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A user's copy of qualifiers.toml from before the section."""
    text = (config.CONFIG_DIR / "amounts" / "qualifiers.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^\[session_ordinal\]\n.*?(?=^#|^\[|\Z)", "", text)
    assert "session_ordinal" not in text
    yield from user_lexicons(tmp_path, monkeypatch, {"amounts/qualifiers.toml": text}, [lex])


def test_a_lexicon_without_the_section_loads_and_counts(older_qualifiers: None) -> None:
    assert _texts("落实自治区党委十届十二次、十三次全会部署。") == ["十二次", "十三次"]
