"""Tagging: every found name and alias at all its occurrences in the document, longest first."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from pipeline.core.records import Org
from pipeline.stages.organizations.filters import classed_at
from pipeline.stages.organizations.lexicon import OrgLexicon
from pipeline.stages.organizations.ner_spans import named_quote
from pipeline.stages.organizations.tokens import RANK


def _quote_index(text: str, lx: OrgLexicon) -> tuple[list[int], list[tuple[int, int]]]:
    """The quoted phrases of ``text`` and, per character, the index of the one covering it (-1: none)."""
    quote_at = [-1] * (len(text) + 1)
    quotes = [(m.start(1), m.end(1)) for m in lx.pat.quote.finditer(text)]
    for q, (qs, qe) in enumerate(quotes):
        quote_at[qs:qe] = [q] * (qe - qs)
    return quote_at, quotes


def propagate(
    text: str,
    lexicon: dict[str, tuple[str, str, int]],
    books: list[tuple[int, int]],
    lx: OrgLexicon,
    bounds: set[int],
    proper_spans: set[tuple[int, int]],
    refused: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[Org]:
    """Tag every occurrence of every found surface, longest first, without overlaps.

    A short surface (<= 3 characters) must also start and end on word
    boundaries of the segmentation: 政协 is not tagged inside 财政协同. A short
    surface known only from the backend or a list (no suffix, no definition)
    is tagged only where the backend also saw a proper name: one ORG 加大
    (a university's short name) does not make every 加大 (to increase) a body.
    Nor is a surface tagged where the layer refused the backend's span of it (``refused``: 信息|联通、).
    """
    quote_at, quotes = _quote_index(text, lx)
    taken = bytearray(len(text) + 1)
    for bs, be in books:
        taken[bs:be] = b"\x01" * (be - bs)
    out: list[Org] = []
    for surface in sorted(lexicon, key=lambda x: (-len(x), x)):
        if not surface:
            continue
        name, typ, rank = lexicon[surface]
        weak_source = len(surface) <= 3 and rank <= RANK["ner"]
        head = lx.suffix_at_end(surface)
        one_char_head = head is not None and len(head.text) == 1
        members = lx.member_followers.get(surface[-1], ())
        i = text.find(surface)
        while i >= 0:
            j = i + len(surface)
            titled = (text[j : j + 1] in lx.title_followers and one_char_head) \
                or text[j : j + 1] in members  # 共产党|人: the Party's members
            aligned = len(surface) > 3 or (i in bounds and j in bounds)
            if weak_source and (i, j) not in proper_spans:
                aligned = False
            q = quote_at[i]
            if len(surface) <= 4 and q >= 0 and j <= quotes[q][1] and quotes[q] != (i, j):
                if not named_quote(text[quotes[q][0] : quotes[q][1]], lx):
                    aligned = False  # “一网通办”: a piece of a quoted slogan
            if not any(taken[i:j]) and not titled and aligned and (i, j) not in refused \
                    and not classed_at(text, i, j, lx):  # 各级|人大, 增加|全国社会保障基金: no one body there
                taken[i:j] = b"\x01" * (j - i)
                out.append(Org(start=i, end=j, text=surface, name=name, type=typ))
            i = text.find(surface, i + 1)
    out.sort(key=lambda o: o.start)
    return out
