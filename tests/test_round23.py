"""Round 23 (session 18, README "Round 23"): a state's cabinet named after the state is a government body; bare, the
word stays generic. The actor rule's news frames are tested in test_link_actors.py."""

from __future__ import annotations

import pytest

from pipeline import extract_text


@pytest.mark.parametrize(("text", "found"), [
    ("日本内阁会议今天通过了一项旨在调整经济结构的计划。", {"日本内阁"}),
    ("乌克兰内阁1日作出了精简国家工作人员的决定。", {"乌克兰内阁"}),
    ("总统将在两周内提交新内阁成员名单。", set()),
    ("首相向内阁提出了就西岸撤军的方案。", set()),
], ids=["japan", "ukraine", "bare_new", "bare_object"])
def test_a_cabinet_is_a_body_after_its_state_only(text: str, found: set[str]) -> None:
    assert {n for n in extract_text(text, doc_id="t")["organizations"]["text"] if n.endswith("内阁")} == found
