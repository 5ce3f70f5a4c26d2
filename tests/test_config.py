"""Options and lexicons are checked strictly: a typo exits 2 naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.core.config import ConfigError, load_config

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1e09561dce7322ff.txt"


@pytest.mark.parametrize("body,names", [
    ('[nerr]\nbackend = "lac"\n', ["[nerr]", "unknown key"]),
    ('[ner]\nbakend = "lac"\n', ["[ner] bakend", "unknown key"]),
    ('[ner]\nbatch_size = "abc"\n', ["[ner] batch_size", "'abc'"]),
    ("ner = 5\n", ["[ner]"]),
    ("[run]\nworkers = -1\n", ["[run] workers"]),
    ("[run]\nbatch_docs = 1.5\n", ["[run] batch_docs"]),
])
def test_config_typos_name_file_and_key(tmp_path, body, names):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    for n in [str(cfg), *names]:
        assert n in str(e.value)


def test_cli_exits_2_on_a_config_typo(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[ner]\nbakend = "lac"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(tmp_path / "out"), "--config", str(cfg)])
    assert res.exit_code == 2
    assert "bakend" in res.output and "bad.toml" in res.output
    assert not (tmp_path / "out" / "documents").exists()


def test_overrides_dict_is_checked_too():
    with pytest.raises(ConfigError, match="batch_size"):
        load_config(overrides={"ner": {"batch_size": "x"}})
    assert load_config(overrides={"ner": {"batch_size": 8}})["ner"]["batch_size"] == 8


def test_valid_override_merges(tmp_path):
    cfg = tmp_path / "ok.toml"
    cfg.write_text("[ner]\nbatch_size = 16\n", encoding="utf-8")
    out = load_config(cfg)
    assert out["ner"]["batch_size"] == 16 and out["ner"]["backend"] == "lac"
