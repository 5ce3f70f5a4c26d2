"""Issue 15, item 2: the acting organization of amounts and targets, scored on configs/actors/corpus.jsonl.

The corpus holds real sentences annotated by hand before the rule was written. The rule was tuned on
the even lines only; the odd lines are held out. The issue's target is precision >= 0.90 and recall
>= 0.75. The tuned half must meet it; the held-out half is held to the figures it measured when the
rule was written (TUNED_TARGET is the issue's, HELD_OUT_FLOOR what the rule reached: raise, never lower).
"""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import extract_text
from pipeline.stages.actors.corpus import load_cases, score

TUNED_TARGET = (0.90, 0.75)
HELD_OUT_FLOOR = (0.85, 0.65)


def test_the_corpus_is_large_enough_and_from_real_text():
    cases = load_cases()
    assert len(cases) >= 150
    for c in cases:
        assert c["source"] and c["text"] and c["expect"], c
        for e in c["expect"]:
            assert e["table"] in ("amounts", "targets") and e["text"] in c["text"], c["source"]
            assert e["actor"] is None or e["actor"] in c["text"], c["source"]  # the body as written
    assert sum(e["actor"] is not None for c in cases for e in c["expect"]) >= 40


@pytest.mark.slow
def test_tuned_half_meets_the_target():
    s = score(load_cases()[0::2])
    print(f"tuned half: precision {s.precision:.3f}, recall {s.recall:.3f}")
    assert s.precision >= TUNED_TARGET[0] and s.recall >= TUNED_TARGET[1], s.errors


@pytest.mark.slow
def test_held_out_half_keeps_its_measured_floor():
    s = score(load_cases()[1::2])
    print(f"held-out half: precision {s.precision:.3f}, recall {s.recall:.3f}")
    assert s.precision >= HELD_OUT_FLOOR[0] and s.recall >= HELD_OUT_FLOOR[1]


def test_subject_by_phrase_and_no_body():
    t = extract_text("华虹集团投资逾100亿美元在无锡建设基地。公路建设，由交通部负责施工的，共有十一条线路。"
                     "据国际货币基金组织数据，全球经济将萎缩3%。", doc_id="t")
    a = t["amounts"].set_index("text")
    assert a.loc["逾100亿美元", "actor"] == "华虹集团"
    assert a.loc["十一条", "actor"] == "交通部"
    assert pd.isna(a.loc["3%", "actor"])  # null (None with pandas 2, NaN with pandas 3)
    orgs = t["organizations"].set_index("name")
    assert a.loc["逾100亿美元", "actor_org_id"] == orgs.loc["华虹集团", "org_id"]
