"""The house rules that keep the code easy to change: small modules, short functions, one-way imports."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "pipeline"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def test_no_module_over_500_lines():
    long = {str(p.relative_to(PKG)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these by job: {long}"


def test_no_function_over_80_lines():
    long = {}
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long[f"{p.relative_to(PKG)}:{node.lineno} {node.name}"] = n
    assert not long, f"split these: {long}"


def test_stages_do_not_import_the_run_layer():
    """Data flows one way: stages know nothing of workers, stores or tools."""
    bad = []
    for p in sorted((PKG / "stages").rglob("*.py")) + sorted((PKG / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    ("pipeline.run", "pipeline.tools", "pipeline.api", "pipeline.cli")):
                bad.append(f"{p.relative_to(PKG)} imports {node.module}")
    assert not bad, bad
