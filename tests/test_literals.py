"""Every Chinese literal left in pipeline/ is in docs/literals.md with the reason it stays in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tools import literals as L


def test_every_literal_in_code_is_inventoried_with_a_reason():
    bad = L.problems(L.scan(), L.read_inventory())
    assert not bad, "docs/literals.md is out of date:\n" + "\n".join(bad)


def test_scan_finds_code_literals_and_skips_docstrings(tmp_path: Path):
    pkg = tmp_path / "pipeline"
    (pkg / "stages").mkdir(parents=True)
    (pkg / "stages" / "x.py").write_text(
        '"""模块说明 is a docstring."""\n'
        'WORDS = ("今年", "ascii")\n'
        'def f(s):\n'
        '    """函数说明."""\n'
        '    return s.endswith("内") or f"{s}：" == "，"\n',
        encoding="utf-8")
    found = {(x.owner, x.text) for x in L.scan(pkg)}
    assert found == {("WORDS", "今年"), ("f", "内"), ("f", "："), ("f", "，")}


def _inventory(tmp_path: Path, body: str) -> dict:
    p = tmp_path / "literals.md"
    p.write_text(body, encoding="utf-8")
    return L.read_inventory(p)


def test_missing_literal_or_reason_is_named(tmp_path: Path):
    found = [L.Literal("stages/dates/x.py", 3, "今年", "f"), L.Literal("stages/dates/x.py", 9, "内", "g")]
    inv = _inventory(tmp_path, "## `stages/dates/x.py`\n\n### f — \n\n- ``'今年'``\n")
    bad = L.problems(found, inv)
    assert any("stages/dates/x.py" in b and "'今年'" in b and "reason" in b for b in bad)
    assert any("stages/dates/x.py" in b and "'内'" in b and "not in docs/literals.md" in b for b in bad)


def test_entries_are_keyed_by_file_and_literal_not_line(tmp_path: Path):
    inv = _inventory(tmp_path, "## `core/x.py`\n\n### f — structure: clause punctuation\n\n- ``'，'``\n")
    assert not L.problems([L.Literal("core/x.py", 400, "，", "elsewhere")], inv)
    assert L.problems([L.Literal("core/y.py", 1, "，", "f")], inv)  # another file: not covered


@pytest.mark.parametrize("reason", ["because", "words: a list", "structure:", "pending: under edit"])
def test_a_reason_needs_a_known_kind_and_a_why(tmp_path: Path, reason: str):
    inv = _inventory(tmp_path, f"## `stages/dates/x.py`\n\n### f — {reason}\n\n- ``'今年'``\n")
    assert L.problems([L.Literal("stages/dates/x.py", 1, "今年", "f")], inv)


def test_stale_entries_are_reported(tmp_path: Path):
    inv = _inventory(tmp_path, "## `core/x.py`\n\n### f — structure: clause punctuation\n\n- ``'，'``\n")
    assert any("no longer holds it" in b for b in L.problems([], inv))
