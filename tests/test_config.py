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


# ---- lexicons: the same strictness, file by file (pipeline/core/lexicon_schemas/) ----

def test_every_shipped_lexicon_matches_its_schema():
    from pipeline.core.config import check_all_lexicons

    check_all_lexicons()


def test_every_lexicon_file_has_a_schema():
    from pipeline.core.config import CONFIG_DIR
    from pipeline.core.lexicon_schemas import SCHEMAS

    files = {str(p.relative_to(CONFIG_DIR)) for p in CONFIG_DIR.rglob("*.toml")} - {"default.toml"}
    assert files == set(SCHEMAS)


@pytest.mark.parametrize("name,edit,names", [
    ("dates/dates.toml", lambda d: d.update(relative_yaers={}), ["relative_yaers", "unknown key"]),
    ("dates/dates.toml", lambda d: d["years"].update(min="1900"), ["[years] min", "'1900'"]),
    ("organizations/suffixes.toml", lambda d: d["company"].update(strnog=["公司"]), ["[company] strnog"]),
    ("amounts/units.toml", lambda d: d["unit"][0].update(quantiy="money"), ["quantiy"]),
])
def test_a_lexicon_typo_names_file_and_key(tmp_path, name, edit, names):
    import tomllib

    from pipeline.core.config import CONFIG_DIR
    from pipeline.core.lexicons import check_lexicon

    data = tomllib.loads((CONFIG_DIR / name).read_text(encoding="utf-8"))
    edit(data)
    with pytest.raises(ConfigError) as e:
        check_lexicon(name, data, tmp_path / name)
    for n in [name, *names]:
        assert n in str(e.value)


def test_cli_exits_2_on_a_lexicon_typo_in_lexicons_dir(tmp_path, monkeypatch):
    from pipeline.core import config

    user = tmp_path / "lex" / "dates"
    user.mkdir(parents=True)
    text = (config.CONFIG_DIR / "dates" / "dates.toml").read_text(encoding="utf-8")
    (user / "dates.toml").write_text(text.replace("[years]", "[yeras]", 1), encoding="utf-8")
    config.load_lexicon_toml.cache_clear()
    monkeypatch.delenv(config.LEXICONS_ENV, raising=False)
    try:
        res = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(tmp_path / "out"),
                                        "--lexicons", str(tmp_path / "lex")])
    finally:
        import os

        os.environ.pop(config.LEXICONS_ENV, None)
        config.load_lexicon_toml.cache_clear()
    assert res.exit_code == 2, res.output
    assert "yeras" in res.output and "dates.toml" in res.output
