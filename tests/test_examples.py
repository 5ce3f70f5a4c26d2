"""examples/researcher_questions.py answers its three questions from real and synthetic outputs."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from pipeline.run.registry import build_registry, org_id
from pipeline.run.store import TableStore

SCRIPT = ROOT / "examples" / "researcher_questions.py"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HEADINGS = ("## 1. Money committed per organization and region, by deadline year",
            "## 2. Targets by deadline year", "## 3. Organizations by type")

pytest.importorskip("matplotlib", reason="the examples extra is not installed: pip install -e '.[examples]'")


def _module():
    spec = importlib.util.spec_from_file_location("researcher_questions", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _prov(sentence: str, text: str) -> dict:
    i = sentence.index(text)
    return {"doc_id": "d", "text": text, "start": i, "end": i + len(text), "raw_start": i,
            "raw_end": i + len(text), "sentence": sentence}


S1 = "浙江大学与之江实验室签约，总投资约3.2亿元。"
S2 = "东方电气集团力争到2025年，产业规模突破500亿元，新增企业100家以上。"


@pytest.mark.slow
def test_script_runs_headless_on_the_seed_outputs(seed_outputs, tmp_path):
    png = tmp_path / "q.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    r = subprocess.run([sys.executable, str(SCRIPT), str(seed_outputs), "--png", str(png)],
                       capture_output=True, text=True, timeout=300, env=env)  # no display: must run headless
    assert r.returncode == 0, r.stderr
    for h in HEADINGS:
        assert h in r.stdout
    assert "5 documents" in r.stdout
    assert png.read_bytes()[:8] == PNG_MAGIC


def test_answers_on_known_rows(tmp_path, capsys):
    east, zju = org_id("中国东方电气集团有限公司", "company"), org_id("浙江大学", "research")
    # the same sentence twice (seed texts repeat): ids keep the two mentions and targets apart
    rows = {
        "documents": [{"doc_id": "d", "clean_text": S1 + S2 + S2}],
        "organizations": [
            {**_prov(S1, "浙江大学"), "name": "浙江大学", "type": "research", "org_id": zju, "row_id": "d:organizations:0"},
            {**_prov(S2, "东方电气集团"), "name": "中国东方电气集团有限公司", "type": "company", "org_id": east,
             "row_id": "d:organizations:1"},
            {**_prov(S2, "东方电气集团"), "name": "中国东方电气集团有限公司", "type": "company", "org_id": east,
             "row_id": "d:organizations:2"}],
        "amounts": [
            {**_prov(S1, "约3.2亿元"), "value": 3.2e8, "unit": "CNY", "quantity": "money", "row_id": "d:amounts:0"},
            {**_prov(S2, "突破500亿元"), "value": 5e10, "unit": "CNY", "quantity": "money", "row_id": "d:amounts:1"},
            {**_prov(S2, "突破500亿元"), "value": 5e10, "unit": "CNY", "quantity": "money", "row_id": "d:amounts:2"},
            {**_prov(S2, "100家以上"), "value": 100.0, "unit": "家", "quantity": "count", "row_id": "d:amounts:3"}],
        "targets": [
            {**_prov(S2, S2[:-1]), "trigger": "力争", "target_kind": "goal", "metric": "产业规模", "value": 5e10,
             "unit": "CNY", "deadline": "2025", "amount_id": "d:amounts:1", "actor_org_id": east,
             "actor": "中国东方电气集团有限公司", "region": "浙江省杭州市", "adcode": "330100", "row_id": "d:targets:0"},
            {**_prov(S2, S2[:-1]), "trigger": "力争", "target_kind": "goal", "metric": "产业规模", "value": 5e10,
             "unit": "CNY", "deadline": "2027", "amount_id": "d:amounts:2", "actor_org_id": east,
             "actor": "中国东方电气集团有限公司", "region": "浙江省杭州市", "adcode": "330100", "row_id": "d:targets:1"},
            {**_prov(S2, S2[:-1]), "trigger": "力争", "target_kind": "goal", "metric": "新增企业", "value": 100.0,
             "unit": "家", "deadline": "2025", "amount_id": "d:amounts:3", "actor_org_id": east,
             "region": "浙江省杭州市", "adcode": "330100", "row_id": "d:targets:2"},
            {**_prov(S2, "力争到2025年"), "trigger": "力争", "target_kind": "goal", "metric": None, "value": None,
             "deadline": "2025", "row_id": "d:targets:3"}],
    }
    out = tmp_path / "out"
    TableStore(out).write_batch(rows, ["d"])
    build_registry(out)
    mod = _module()
    assert mod.main([str(out), "--png", str(tmp_path / "q.png")]) == 0
    printed = capsys.readouterr().out
    registry = mod.load(out, "organizations_registry")
    q1 = mod.money_committed(mod.load(out, "targets"), mod.load(out, "amounts"), registry)
    assert q1[["organization", "adcode", "deadline year", "committed", "targets"]].values.tolist() == [
        ["中国东方电气集团有限公司", "330100", "2025", "500.00亿元", 1],
        ["中国东方电气集团有限公司", "330100", "2027", "500.00亿元", 1]]
    q2 = mod.targets_by_deadline(mod.load(out, "targets"), 3)
    assert q2["deadline year"].tolist() == ["2025", "2027"] and q2.targets.tolist() == [3, 1]
    q3 = mod.organizations_by_type(registry)
    assert q3["type"].tolist() == ["company", "research"] and q3.organizations.tolist() == [1, 1]
    assert q3.mentions.tolist() == [2, 1]
    for h in HEADINGS:
        assert h in printed
    assert (tmp_path / "q.png").read_bytes()[:8] == PNG_MAGIC


def test_empty_outputs_still_answer(tmp_path, capsys):
    store = TableStore(tmp_path / "out")
    store.ensure_tables()
    assert _module().main([str(tmp_path / "out"), "--png", str(tmp_path / "q.png")]) == 0
    assert capsys.readouterr().out.count("(none found)") == 3
    assert (tmp_path / "q.png").exists()


def test_missing_outdir_says_what_to_do(tmp_path, capsys):
    assert _module().main([str(tmp_path / "nothing")]) == 2
    assert "extract" in capsys.readouterr().err
