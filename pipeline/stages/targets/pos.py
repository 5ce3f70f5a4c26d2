"""The noun/verb check of a trigger word that doubles as a noun (计划, 规划 ...).

It reads the NER backend's analysis of the sentence (words + POS) that pipeline/run/task.py passes in;
every backend's tags are the NER contract's set (configs/ner/pos.toml, LAC's PKU-style tags). The
stage loads no tagger of its own; a tag outside that set leaves the decision to the lexical rules.
"""

from __future__ import annotations

from collections.abc import Sequence

_VERBISH = ("v", "vd", "ad", "d", "p")
# LAC's tag set, the NER contract's (configs/ner/pos.toml)
_KNOWN = frozenset("n f s t nr ns nt nw nz v vd vn a ad an d m q r p c u xc w PER LOC ORG TIME".split())


def _verb_use(tags: Sequence[tuple[str, str]] | None, offset: int) -> bool:
    """True unless the tagger tags the word at ``offset`` of the sentence as a noun.

    Only asked for trigger words that double as nouns (计划, 规划 ...).
    """
    if tags is None:
        return True
    pos = 0
    for i, (word, tag) in enumerate(tags):
        if pos <= offset < pos + len(word):
            if tag not in _KNOWN:
                return True  # a tag the map does not know (x): decide without POS
            if tag in _VERBISH:
                return True
            # LAC tags a clause-initial 计划 as a noun even in 计划全力打造…:
            # with no noun before it and a verb or adverb after it, it heads the clause
            prev_tag = tags[i - 1][1] if i > 0 else "w"
            next_tag = tags[i + 1][1] if i + 1 < len(tags) else "w"
            if next_tag == "v" and tag in ("vn", "vd"):
                return True  # 预期增长, 计划投资: the word qualifies the verb after it
            return prev_tag in ("w", "p", "c", "f", "r", "TIME") and next_tag in _VERBISH
        pos += len(word)
    return True
