"""The slim install: `make extract` installs the core only, `make test` the extras the tests exercise.

Checked with `make -n` (prints the commands without running them) in a copy
of the Makefile beside the project files, as on a fresh clone with no .venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib

import pytest

from conftest import ROOT

HEAVY = ("torch", "hanlp", "spacy", "dask")


def _dry_run(tmp_path, *targets: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for f in ("Makefile", "pyproject.toml", "setup.py", "constraints.txt"):
        shutil.copy(ROOT / f, tmp_path / f)
    # Under `make test` (CI) the outer make's flags would reach this one and make it print
    # "Entering directory /tmp/pytest-of-…" lines: run it as a top-level make.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    r = subprocess.run(["make", "--no-print-directory", "-n", *targets], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60, env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_core_dependencies_are_slim():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower() for d in deps}
    assert not names & set(HEAVY)


def test_make_extract_installs_the_core_only(tmp_path):
    out = _dry_run(tmp_path, "extract")
    installs = [ln for ln in out.splitlines() if "pip install" in ln and "--upgrade pip" not in ln]
    assert installs and all(re.search(r"install .*-e \.$", ln) for ln in installs), installs
    assert "python -m pipeline extract seeds" in out


def test_make_test_installs_the_tested_extras_after_extract_or_alone(tmp_path):
    alone = _dry_run(tmp_path, "test")
    extras = re.search(r"-e '\.\[([a-z,]+)\]'", alone)
    assert extras and {"dev", "sql", "dask", "hanlp", "spacy"} <= set(extras.group(1).split(","))
    assert "pytest" in alone
    both = _dry_run(tmp_path, "extract", "test")  # a fresh clone: make extract, then make test
    assert both.index("-e .\n") < both.index("-e '.[") < both.index("-m pytest")


def test_the_projects_environment_installs_under_its_constraints(tmp_path):
    """Both installs read constraints.txt (pandas 2, under which the reference scorer reads a null as None)."""
    out = _dry_run(tmp_path, "extract", "test")
    installs = [ln for ln in out.splitlines() if "pip install" in ln and "--upgrade pip" not in ln]
    assert len(installs) == 2 and all("-c constraints.txt" in ln for ln in installs), installs
    assert "pandas>=2.2,<3" in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
