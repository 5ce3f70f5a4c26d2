"""Split raw text into lines that remember their raw offsets and layout.

Every later decision (is this line full, a caption, a heading?) is made on
these records, so they carry what the layout left behind: width in print
units, the number of newlines before the line, and leading whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Stripped from line ends: every Unicode space (str.isspace). Invisible format
# characters are not spaces: they stay in the line and are cut with a removed row.
_WS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) != "\n")


_SPACE_RE = re.compile(r"\s+")
# Characters two units wide: CJK ideographs, kana, hangul, CJK letters and symbols that
# are not punctuation (full-width ASCII and Chinese punctuation count one unit).
_WIDE2_RE = re.compile(
    "[\u1100-\u115f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u2e80-\u2fff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c"
    "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3105-\u312f\u3131-\u318e"
    "\u3190-\u31e3\u31f0-\u321e\u3220-\u3247\u3250-\u4dbf\u4e00-\ua48c\ua490-\ua4c6"
    "\ua960-\ua97c\uac00-\ud7a3\uf900-\ufaff\uffe0-\uffe6\U00020000-\U0003fffd]"
)


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
    col: int = 0                 # local column width (0 = unwrapped text)
    role: str = ""               # "byline" when the line names the authors
    tail_cut: bool = False       # a caption glued to the line end was cut: the line ran full
    ends_article: bool = False   # the line carries an end-of-article mark
    bullet: bool = False         # a bullet glyph opened the line: a heading or list item

    @property
    def nchars(self) -> int:
        return sum(1 for c in self.text if not c.isspace())


def char_width(ch: str) -> int:
    """Print width of one character: 2 for CJK characters, 1 for ASCII, for
    full-width ASCII (OCR reads proportional digits either way) and for Chinese
    punctuation, which justified typesetting squeezes to half width (so a line
    with many 、，sets more characters in the same column)."""
    return 0 if ch.isspace() else 1 + (_WIDE2_RE.match(ch) is not None)


def text_width(s: str) -> int:
    """Width of a line as printed. Spaces count 0: OCR inserts them where narrow
    digits left a gap inside the same printed width ("2016 年 6 月").

    Same as summing ``char_width`` over the non-space characters, done with two
    regex substitutions so that long unwrapped paragraphs cost C time.
    """
    ink = _SPACE_RE.sub("", s)
    return len(ink) + len(ink) - len(_WIDE2_RE.sub("", ink))


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
