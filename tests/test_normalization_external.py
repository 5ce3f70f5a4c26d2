"""External normalization suites (Recognizers-Text Chinese specs, cn2an tests), in GUIDELINES scope.

The suites are read from ../shared/external/normalization by path (never copied).
Scope rules and the scorer live in benchmarks/normalization_report.py, which also
writes the full report with every out-of-scope case and its reason.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import requires_shared

ROOT = Path(__file__).resolve().parent.parent


def _load_report_module():
    spec = importlib.util.spec_from_file_location("normalization_report", ROOT / "benchmarks" / "normalization_report.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def suites():
    rt = requires_shared("external", "normalization", "recognizers_text_zh.jsonl")
    cn = requires_shared("external", "normalization", "cn2an_tests.jsonl")
    return _load_report_module().evaluate(rt, cn)


def test_recognizers_currency_and_dimension_floor(suites) -> None:
    cur, dim = suites["rt_currency"], suites["rt_dimension"]
    total = cur.total + dim.total
    assert total >= 30, "too few in-scope cases: the scope rules are too strict"
    acc = (cur.ok + dim.ok) / total
    assert acc >= 0.90, (cur.fails + dim.fails)


def test_cn2an_floor(suites) -> None:
    s = suites["cn2an"]
    assert s.total >= 120
    assert s.acc >= 0.95, s.fails


@pytest.mark.parametrize("name, floor, min_cases", [("rt_number", 0.90, 200), ("rt_percent", 0.85, 30), ("rt_date", 0.85, 50)])
def test_other_suites_floor(suites, name: str, floor: float, min_cases: int) -> None:
    s = suites[name]
    assert s.total >= min_cases
    assert s.acc >= floor, s.fails


def test_out_of_scope_cases_have_reasons(suites) -> None:
    for s in suites.values():
        assert all(reason for _, reason in s.out)


def test_recognizers_currency_floor(suites) -> None:
    """Issue #13: currency cases, other currencies and sub-units included, >= 95% in honest scope."""
    cur = suites["rt_currency"]
    assert cur.total >= 30, "too few in-scope currency cases: the scope rules are too strict"
    assert cur.acc >= 0.95, cur.fails
