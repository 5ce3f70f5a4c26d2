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


@pytest.mark.parametrize("stage", ["amounts", "targets", "organizations"])
def test_inventoried_stages_take_no_pending(tmp_path: Path, stage: str):
    f = f"stages/{stage}/x.py"
    inv = _inventory(tmp_path, f"## `{f}`\n\n### f — {L.PENDING}\n\n- ``'万元'``\n")
    assert any("'pending' is only for" in b for b in L.problems([L.Literal(f, 1, "万元", "f")], inv))


def test_stale_entries_are_reported(tmp_path: Path):
    inv = _inventory(tmp_path, "## `core/x.py`\n\n### f — structure: clause punctuation\n\n- ``'，'``\n")
    assert any("no longer holds it" in b for b in L.problems([], inv))


# ---- the word lists moved out of the code are read from configs/ (an edited copy changes the output) ----

_PROBE = """
import json, sys
from pipeline.stages.dates import deadline_mentions
from pipeline.core.records import DateMention
out = {t: [d.text for d in deadline_mentions(t, "2025-03-05")] for t in sys.argv[1:]}
out["by"] = DateMention(0, 3, "三年内", "2028", True, kind="point").by
print(json.dumps(out, ensure_ascii=False))
"""
_TEXTS = ["下礼拜天开会", "九十年代中叶", "2007年与2009年间", "后半年增长", "5天以后", "用3年时间"]


def _probe(tmp_path: Path, edit=None) -> dict:
    import json
    import os
    import subprocess
    import sys

    from pipeline.core.config import CONFIG_DIR, LEXICONS_ENV

    env = {k: v for k, v in os.environ.items() if k != LEXICONS_ENV}
    if edit is not None:
        (tmp_path / "dates").mkdir(parents=True)
        text = (CONFIG_DIR / "dates" / "dates.toml").read_text(encoding="utf-8")
        (tmp_path / "dates" / "dates.toml").write_text(edit(text), encoding="utf-8")
        env[LEXICONS_ENV] = str(tmp_path)
    root = Path(L.__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root)
    res = subprocess.run([sys.executable, "-c", _PROBE, *_TEXTS], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(res.stdout)


def test_moved_date_words_are_read_from_the_lexicon(tmp_path: Path):
    shipped = _probe(tmp_path / "a")
    assert shipped["下礼拜天开会"] == ["下礼拜天"] and shipped["九十年代中叶"] == ["九十年代中叶"]
    assert shipped["2007年与2009年间"] == ["2007年与2009年间"] and shipped["后半年增长"] == ["后半年"]
    assert shipped["5天以后"] == ["5天以后"] and shipped["用3年时间"] == ["用3年时间"] and shipped["by"]

    def edit(t: str) -> str:
        for old, new in [('"礼拜", "禮拜"]', '"禮拜"]'), ('"前期", "中叶"]', '"前期"]'),
                         ('between = ["之间", "间"]', 'between = ["之间"]'), ('"后半年" = 2', ''),
                         ('after = ["后", "以后"]\n# a count after', 'after = ["后"]\n# a count after'),
                         ('after_year = ["时间"]', 'after_year = []'), ('within = ["内"]', 'within = []')]:
            assert old in t, old
            t = t.replace(old, new, 1)
        return t

    edited = _probe(tmp_path / "b", edit)
    assert edited["下礼拜天开会"] == [] and edited["九十年代中叶"] == ["九十年代"]
    assert edited["2007年与2009年间"] != shipped["2007年与2009年间"] and edited["后半年增长"] == []
    assert edited["5天以后"] == [] and edited["用3年时间"] == ["用3年"] and not edited["by"]


@pytest.mark.parametrize("section,key", [("ranges", "too"), ("weeks", "word"), ("days_ago", "not_befor"),
                                         ("months", "not_afer"), ("decade_parts", "wrods")])
def test_a_typo_in_a_moved_key_names_file_and_key(tmp_path: Path, section: str, key: str):
    import tomllib

    from pipeline.core.config import CONFIG_DIR, ConfigError
    from pipeline.core.lexicons import check_lexicon

    data = tomllib.loads((CONFIG_DIR / "dates" / "dates.toml").read_text(encoding="utf-8"))
    data[section][key] = ["x"]
    with pytest.raises(ConfigError) as e:
        check_lexicon("dates/dates.toml", data, tmp_path / "dates.toml")
    assert "dates.toml" in str(e.value) and key in str(e.value)


def test_write_keeps_reasons_and_marks_only_stages_under_edit_pending(tmp_path: Path):
    found = [L.Literal("stages/actors/x.py", 1, "万元", "f"), L.Literal("stages/dates/y.py", 2, "年", "g")]
    inv = {("stages/dates/y.py", "年"): ("g", "calendar: the year character")}
    p = tmp_path / "literals.md"
    p.write_text(L.render(found, inv), encoding="utf-8")
    back = L.read_inventory(p)
    assert back[("stages/dates/y.py", "年")] == ("g", "calendar: the year character")
    assert back[("stages/actors/x.py", "万元")][1].startswith("pending:")
    assert not L.problems(found, back)
    new = found + [L.Literal("stages/dates/y.py", 9, "月", "h")]
    p.write_text(L.render(new, back), encoding="utf-8")
    assert any("'月'" in b and "reason" in b for b in L.problems(new, L.read_inventory(p)))


# ---- the amounts and targets word lists moved out of the code are read from configs/ too ----

_STAGE_PROBE = """
import json, sys
from pipeline import extract_text
out = {}
for t in sys.argv[1:]:
    tb = extract_text(t, doc_id="p", pub_date="2025-03-05")
    out[t] = {"amounts": [[a["text"], a["value"], a["unit"]] for a in tb["amounts"].to_dict("records")],
              "metrics": [g["metric"] for g in tb["targets"].to_dict("records")]}
print(json.dumps(out, ensure_ascii=False))
"""
_STAGE_TEXTS = ["运来一吨半左右的货", "年产3至5万吨", "打造十亿美元级产业", "力争税负率从10%降至2.5%"]
_STAGE_EDITS = {
    "amounts/units.toml": [('may_follow = ["左右", "以上", "以下", "多"]', 'may_follow = ["以上", "以下", "多"]')],
    "amounts/qualifiers.toml": [('separators = ["至", "到",', 'separators = ["到",'),
                                ('currencies = { "元" = "CNY", "美元" = "USD" }', 'currencies = { "元" = "CNY" }')],
    "targets/targets.toml": [("starting_point = '(?:从|由)[^从由]*[0-9０-９%％][^从由]*$'", "starting_point = '(?!)'")],
}


def _stage_probe(tmp_path: Path, edited: bool) -> dict:
    import json
    import os
    import subprocess
    import sys

    from pipeline.core.config import CONFIG_DIR, LEXICONS_ENV

    env = {k: v for k, v in os.environ.items() if k != LEXICONS_ENV}
    if edited:
        for rel, pairs in _STAGE_EDITS.items():
            text = (CONFIG_DIR / rel).read_text(encoding="utf-8")
            for old, new in pairs:
                assert old in text, old
                text = text.replace(old, new, 1)
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_text(text, encoding="utf-8")
        env[LEXICONS_ENV] = str(tmp_path)
    env["PYTHONPATH"] = str(Path(L.__file__).resolve().parents[2])
    res = subprocess.run([sys.executable, "-c", _STAGE_PROBE, *_STAGE_TEXTS], env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    return json.loads(res.stdout)


def test_moved_amount_and_target_words_are_read_from_the_lexicons(tmp_path: Path):
    shipped = _stage_probe(tmp_path / "a", edited=False)
    assert shipped["运来一吨半左右的货"]["amounts"] == [["一吨半左右", 1.5, "t"]]  # [half] may_follow
    assert shipped["年产3至5万吨"]["amounts"] == [["3至5万吨", 30000.0, "t"]]  # [range] separators
    assert shipped["打造十亿美元级产业"]["amounts"] == [["十亿美元级", 1e9, "USD"]]  # [levels] currencies
    assert shipped["力争税负率从10%降至2.5%"]["metrics"] == ["税负率"]  # [metric] starting_point
    edited = _stage_probe(tmp_path / "b", edited=True)
    for t in _STAGE_TEXTS:
        assert edited[t] != shipped[t], t
