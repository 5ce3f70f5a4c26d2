"""../shared/eval/policy (a State Council work report, a provincial work report, newspaper items), scored
by the reference scorer's rules, must stay at its floors (tests/floors_policy.toml), on the whole set and on
each half (benchmarks/halves.py): the halves show whether a gain carried beyond the half it was fixed on."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, requires_shared
from pipeline.run.batch import run_extract
from pipeline.tools.evaluate import check_minimums, format_report, score


@pytest.fixture(scope="module")
def policy() -> tuple[Path, Path]:
    return requires_shared("eval", "policy", "gold"), requires_shared("eval", "policy", "docs")


@pytest.fixture(scope="module")
def policy_outputs(tmp_path_factory, policy) -> Path:
    _, docs = policy
    out = tmp_path_factory.mktemp("policy")
    res = run_extract([docs], out, metadata=docs.parent / "metadata.csv", workers=1)
    assert res.n_failed == 0
    return out


def _floors(section: str) -> dict[str, float]:
    return tomllib.loads((ROOT / "tests" / "floors_policy.toml").read_text(encoding="utf-8"))[section]


def test_policy_scores_meet_floors(policy, policy_outputs):
    res, _ = score(policy[0], policy_outputs)
    fails = check_minimums(res, _floors("all"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)


@pytest.mark.parametrize("side", ["A", "B"])
def test_policy_halves_meet_floors(policy, policy_outputs, tmp_path, side):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from halves import split

    split(policy[0], policy[1], tmp_path)
    res, _ = score(tmp_path / side, policy_outputs)
    fails = check_minimums(res, _floors(f"half_{side}"))
    assert not fails, "\n".join(fails) + "\n" + format_report(res)
