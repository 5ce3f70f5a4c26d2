"""Split raw text into lines that remember their raw offsets and layout.

Every later decision (is this line full, a caption, a heading?) is made on
these records, so they carry what the layout left behind: width in print
units, the number of newlines before the line, and leading whitespace.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from pipeline.clean.rules import ZERO_WIDTH

_WS = " \t\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f" + ZERO_WIDTH


@dataclass
class Line:
    """One non-blank raw line; s/e bound its stripped content in raw offsets."""

    idx: int
    s: int
    e: int
    text: str
    nl_before: int
    lead_ws: str
    width: int = 0
    kind: str = "prose"          # "prose" or the reason it was removed
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # intra-line removals (raw)
    keep_unit: list[tuple[int, int]] = field(default_factory=list)  # kept heads of collapsed runs
    col: int = 0                 # local column width (0 = unwrapped text)
    role: str = ""               # "byline" when the line names the authors
    tail_cut: bool = False       # a caption glued to the line end was cut: the line ran full
    ends_article: bool = False   # the line carries an end-of-article mark

    @property
    def nchars(self) -> int:
        return sum(1 for c in self.text if not c.isspace())


def char_width(ch: str) -> int:
    """Print width: 2 for CJK characters, 1 for ASCII, for full-width ASCII (OCR
    reads proportional digits either way) and for Chinese punctuation, which
    justified typesetting squeezes to half width (so a line with many 、，sets
    more characters in the same column)."""
    o = ord(ch)
    if o < 0x1100 or 0xFF01 <= o <= 0xFF5E:
        return 1
    if unicodedata.east_asian_width(ch) not in "WFA":
        return 1
    return 1 if unicodedata.category(ch)[0] == "P" else 2


def text_width(s: str) -> int:
    """Width of a line as printed. Spaces count 0: OCR inserts them where narrow
    digits left a gap inside the same printed width ("2016 年 6 月")."""
    return sum(char_width(ch) for ch in s if not ch.isspace())


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines of ``raw`` with their stripped spans and preceding gaps."""
    out: list[Line] = []
    nl = 0
    a = 0
    for seg in raw.split("\n"):
        b = a + len(seg)
        stripped = seg.strip(_WS)
        if stripped:
            lead = len(seg) - len(seg.lstrip(_WS))
            s = a + lead
            out.append(Line(idx=len(out), s=s, e=s + len(stripped), text=stripped,
                            nl_before=nl, lead_ws=seg[:lead]))
            nl = 0
        nl += 1
        a = b + 1
    return out
