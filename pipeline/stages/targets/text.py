"""Text helpers of the targets stage: clause and item splitting, trimming, metric cleanup."""

from __future__ import annotations

import bisect
import re
from typing import Any

from pipeline.stages.targets.lexicon import _lexicon
from pipeline.stages.targets.model import _Clause

_OPENERS = {"（": "）", "(": ")", "《": "》", "【": "】", "[": "]"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_STRIP = " \t\u3000，,；;：:。！？!?、“”\"'‘’—-－…·"
_LIST_MARK = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]"
                        r"|[①-⑳●■◆▶•·]|[一二三四五六七八九十]是)")


def _split(text: str, lo: int, hi: int, breaks: str) -> list[tuple[int, int]]:
    """Pieces of text[lo:hi] between break characters, not inside brackets or
    book titles, and not at a comma between digits (1,000)."""
    out = []
    depth: list[str] = []
    a = lo
    for i in range(lo, hi):
        ch = text[i]
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and ch in breaks:
            if ch in ",，" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            out.append((a, i))
            a = i + 1
    out.append((a, hi))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n\u3000，,；;：:、。！？!?—-":
        a += 1
    while b > a and text[b - 1] in " \t\n\u3000，,；;：:、。！？!?—-":
        b -= 1
    return a, b


def _item_span(text: str, c: _Clause, pos: int) -> tuple[int, int]:
    """The 、-item of clause ``c`` that holds ``pos``."""
    for a, b in _split(text, c.start, c.end, "、"):
        if a <= pos < b or (pos == b and b == c.end):
            return a, b
    return c.start, c.end


def _clause_index(clauses: list[_Clause]) -> Any:
    """Position -> index of the clause it falls in (punctuation goes with the clause before)."""
    starts = [c.start for c in clauses]

    def find(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    return find


def _is_level(t: str) -> bool:
    """A bare magnitude used as a level (“百亿”级, 亿元, 千亿级; [metric] level_amount): no digits, no count."""
    return bool(_lexicon().level_amount_rx.match(re.sub(r"\s", "", t)))


def _balance(s: str) -> str | None:
    """Whitespace-free metric with quotes put back in pairs (“百亿”级产业集群)."""
    s = _squash_ws(s)[:40]
    if "”" in s and "“" not in s:
        s = "“" + s if s.index("”") > 0 else s.replace("”", "", 1)
    if "“" in s and "”" not in s:
        s = s.replace("“", "", 1)
    return s or None


def _squash_ws(s: str) -> str:
    return re.sub(r"\s+", "", s)
