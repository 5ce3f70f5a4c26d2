"""A plain (not editable) install ships the lexicons and gives the same tables as the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.run.store import read_table

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("documents", "sentences", "organizations", "amounts", "dates", "targets", "removed", "articles")


@pytest.mark.slow
def test_plain_install_gives_the_editable_tables(tmp_path, seed_outputs):
    site = tmp_path / "site"
    # A wheel built from the checkout and installed into a folder of its own; the dependencies are this
    # venv's (no network), the package and its lexicons only those of the wheel.
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(ROOT)], check=True, capture_output=True)
    assert (site / "pipeline" / "configs" / "default.toml").is_file()
    assert (site / "pipeline" / "configs" / "organizations" / "suffixes.toml").is_file()
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("PIPELINE_LEXICONS", None)
    probe = subprocess.run([sys.executable, "-c", "import pipeline.core.config as c; print(c.CONFIG_DIR)"],
                           cwd=tmp_path, env=env, check=True, capture_output=True, text=True)
    assert Path(probe.stdout.strip()) == site / "pipeline" / "configs"  # not the checkout's configs/
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(ROOT / "seeds"), "-o", str(out),
                    "--metadata", str(ROOT / "seeds" / "metadata.csv"), "--workers", "2", "--no-progress"],
                   cwd=tmp_path, env=env, check=True, capture_output=True)
    for name in TABLES:
        a = read_table(seed_outputs, name).to_pandas().sort_values(["doc_id"], kind="stable")
        b = read_table(out, name).to_pandas().sort_values(["doc_id"], kind="stable")
        if "source_path" in a:
            a, b = a.drop(columns="source_path"), b.drop(columns="source_path")
        assert a.reset_index(drop=True).equals(b.reset_index(drop=True)), name
