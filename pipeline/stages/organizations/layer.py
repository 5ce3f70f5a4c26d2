"""Organizations: a rule layer over any NER backend.

The backend gives, per sentence, a segmentation with POS tags and entity
spans. Its ORG spans are a start, but news text names bodies the model splits
or mislabels (鹏瞰集成电路/nz (杭州) 有限公司/n, 钱塘智慧城/LOC, 老爸/n 评测/v).
This layer therefore, one module per job,

1. builds candidates from organization suffixes (suffix.py, configs/organizations/suffixes.toml),
   extending left over names, places, modifiers and balanced parentheses (extend.py);
2. keeps the backend's ORG spans (ner_spans.py) and reads enumerations that end in a body
   class (A、B、C等企业) as names of that class (enumerations.py);
3. resolves abbreviations from definitions (（下称“X”）, （简称X）, (C9联盟)) and brand short names (aliases.py);
4. filters places, buildings, events, generic nouns and anything in 《…》 (filters.py);
5. types each name from its suffix, the gazetteer and the enumeration head;
6. tags every found name and alias at all its occurrences in the document,
   longest first, without overlaps (tagging.py).

Tags are tested only through the classes of configs/organizations/tags.toml, in the
normalized tag set of the NER backend contract. Public entry point: :func:`extract_organizations`.
"""

from __future__ import annotations

import bisect

from pipeline.core.records import Analysis, Org, Sentence
from pipeline.stages.organizations.aliases import abbreviations, brands, generic_short_forms, placed_forms
from pipeline.stages.organizations.enumerations import enum_candidates, field_items, last_mates, list_mates
from pipeline.stages.organizations.filters import (
    after_tier,
    before_event,
    classed_at,
    counted,
    designation,
    drop_country,
    kind_opened,
    level_listed,
    phased_works,
    place_plus_weak,
    plenum_ordinal,
    rejected,
    right_paren,
    split,
    style_verb,
    transfer_project,
    trim,
    type_of,
)
from pipeline.stages.organizations.lexicon import OrgLexicon, load_org_lexicon
from pipeline.stages.organizations.ner_spans import (
    field_before_noun,
    glued_verb,
    ner_candidates,
    number_edges,
)
from pipeline.stages.organizations.projects import model_makers, project_owners
from pipeline.stages.organizations.suffix import group_subjects, suffix_candidates
from pipeline.stages.organizations.tagging import propagate
from pipeline.stages.organizations.tokens import RANK, Cand, Tok, merge_departments, tokens
from pipeline.stages.sentences.titles import document_titles


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest complete names first, no overlaps (ties: stronger source)."""
    cands = sorted(cands, key=lambda c: (-(c.e - c.s), -RANK[c.source], c.s))
    taken: list[Cand] = []
    for c in cands:
        if all(c.e <= x.s or c.s >= x.e for x in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.s)


class _Doc:
    """What the layer learns about one document: surfaces found, word boundaries, proper spans."""

    def __init__(self, text: str, lx: OrgLexicon, books: list[tuple[int, int]]) -> None:
        self.text = text
        self.lx = lx
        self.books = books  # 《…》 spans, from the sentence stage
        self.book_mask = bytearray(len(text) + 1)  # O(1) look-ups on long documents
        for bs, be in self.books:
            self.book_mask[bs:be] = b"\x01" * (be - bs)
        self.lexicon: dict[str, tuple[str, str, int]] = {}  # surface -> (name, type, rank)
        self.bounds: set[int] = set()  # word and name boundaries (document offsets) for short names
        self.proper_spans: set[tuple[int, int]] = set()  # single tokens with a proper-name tag
        self.refused: set[tuple[int, int]] = set()  # backend ORG spans found to name no body where they stand
        self.generic: list[Cand] = []
        self.commons: frozenset[str] = frozenset()  # two-character words the document reads as common words

    def in_book(self, s: int, e: int) -> bool:
        return any(self.book_mask[max(0, s) : max(0, e)])

    def add(self, surface: str, name: str, typ: str, source: str) -> None:
        r = RANK[source]
        old = self.lexicon.get(surface)
        if old is None or r > old[2]:
            self.lexicon[surface] = (name, typ, r)
        elif source == "alias" and name != surface:
            self.lexicon[surface] = (name, old[1], old[2])  # a defined short form keeps its full name


def _loc_votes(sents: list[tuple[Sentence, list[Tok]]], lx: OrgLexicon) -> tuple[dict[str, int], frozenset[str]]:
    """Document votes: a span the backend calls a place more often than a body is a place (上海, 江苏); a word of two
    characters it reads as a common word at least as often is one (大众|创业, 国力, 加大: tags.toml common_word), unless
    it ends in a body's suffix or is a word that names bodies (中央, 妇联: grammar.toml name_words). Also the words of
    two characters the document reads as common words at all."""
    votes: dict[str, int] = {}
    commons: dict[str, int] = {}
    place, org, common = lx.tags.place, lx.tags.org_entity, lx.tags.common_word
    for _, toks in sents:
        for t in toks:
            if t.tag in place:
                votes[t.text] = votes.get(t.text, 0) + 1
            elif t.tag in org:
                votes[t.text] = votes.get(t.text, 0) - 1
            elif t.tag in common and len(t.text) == 2:
                commons[t.text] = commons.get(t.text, 0) + 1
    for w, n in commons.items():  # only words the backend also tags: most common words never are
        if w in votes and w not in lx.name_words and lx.suffix_at_end(w) is None:
            votes[w] += n
    return votes, frozenset(commons)


def _good(st: str, sent: Sentence, toks: list[Tok], cands: list[Cand], doc: _Doc) -> list[Cand]:
    """Candidates that survive trimming and the filters, typed."""
    lx = doc.lx
    starts = [t.s for t in toks]
    good = []
    cands = split(cands, lx)
    spans = [(c.s, c.e, c.text) for c in cands]  # as found: the loop trims candidates in place
    for c in cands:
        suf0 = lx.suffix_at_end(c.text)
        if suf0 is not None and suf0.weak and any(s == c.s and e > c.e and rejected(t, lx) for s, e, t in spans):
            continue  # 西安科技|创新中心: a weak-headed piece of a longer phrase the filters reject (a city's role), no firm
        trim(st, c, lx)
        k = bisect.bisect_right(starts, c.s) - 1
        if k >= 0 and toks[k].s == c.s and toks[k].e > c.s:
            cut = glued_verb(c.text, lx)  # 拓展中央银行 as one token: the verb is not part of the name
            if cut and toks[k].e > c.s + cut:
                c.s += cut
                c.text = st[c.s : c.e]
        lead, tail = number_edges(c.text, lx)  # 五年|国务院, 塔里木油田|万米: a count or quantity glued on
        if lead or tail:
            c.s, c.e = c.s + lead, c.e - tail
            c.text = st[c.s : c.e]
        suf = lx.suffix_at_end(c.text)
        if suf is None or suf.weak:
            k = bisect.bisect_left(starts, c.e)
            if before_event(toks, k if k < len(toks) else None, lx):
                continue  # 全球私募基金|西湖峰会; but 长三角…产业联盟|成立大会 keeps the alliance
        right_paren(st, c, toks, lx)
        if not drop_country(c, lx):
            continue
        if lx.is_deictic(c.text) and level_listed(st, c.s, lx):
            continue  # 省市|县政府: a level in a list of levels names a class
        k = bisect.bisect_left(starts, c.s)
        first = toks[k] if k < len(toks) and toks[k].s == c.s else None  # the backend word opening the name
        named_start = first is not None and len(first.text) > 1 and first.tag in lx.tags.place_or_org_entity
        if rejected(c.text, lx, named_start) or doc.in_book(sent.start + c.s, sent.start + c.e) \
                or designation(st, c, toks, lx) or counted(c, toks, lx) or plenum_ordinal(st, c, lx) \
                or phased_works(st, c, lx) or transfer_project(st, c, lx) or kind_opened(c, first, lx) \
                or style_verb(st, c, lx) or after_tier(st, c, lx) or classed_at(st, c.s, c.e, lx):
            continue
        c.type = type_of(c.text, c.type, lx)
        good.append(c)
    return good


def _named_by_suffix(name: str, lx: OrgLexicon) -> bool:
    """Ends in a body's suffix that is not an industry word (小镇 yes; 科技, 投资 no)."""
    suf = lx.suffix_at_end(name)
    return suf is not None and not (suf.weak and suf.type == "company")


def _sentence(sent: Sentence, toks: list[Tok], votes: dict[str, int], doc: _Doc) -> None:
    """Find the names of one sentence and record them, with their defined aliases."""
    lx = doc.lx
    st = sent.text
    found, gen = suffix_candidates(st, toks, lx)
    found += group_subjects(toks, gen, lx)  # 电力集团要…: a state group named by its field
    for g in gen:
        right_paren(st, g, toks, lx)
    doc.generic += gen
    enum, vetoed = enum_candidates(st, toks, lx)
    owners, works = project_owners(st, toks, lx)
    enum += owners + model_makers(st, toks, lx)  # 久泰新材料等项目, 华为盘古等大模型: the firms
    refused: list[tuple[int, int]] = []
    ner = [
        c
        for c in ner_candidates(st, toks, lx, refused)
        if votes.get(c.token or c.text, 0) < 0 and not place_plus_weak(c.text, lx)
        and not field_before_noun(c, toks, doc.commons, lx)
    ]
    doc.refused.update((sent.start + s, sent.start + e) for s, e in refused)
    # items of a list headed by a non-body noun (深海科技等新兴产业) are not bodies, unless a body's
    # suffix names them (南湖基金小镇、…等传统产业: towns); industry words (科技, 电子) are fields there
    cands = [c for c in found + ner + enum
             if ((c.s, c.e) not in vetoed or _named_by_suffix(c.text, lx)) and (c.s, c.e) not in works]
    fields = field_items(st, toks, lx)
    if fields:  # 工会、…、红十字等事业: fields of work, even where a body's word names them
        cands = [c for c in cands if not any(s <= c.s and c.e <= e for s, e in fields)]
    chosen = _select(_good(st, sent, toks, cands, doc))
    chosen = _select(chosen + list_mates(st, chosen, lx, toks) + last_mates(st, chosen, lx, toks))
    for c in chosen:
        doc.add(c.text, c.name or c.text, c.type, c.source)
        doc.bounds.update((sent.start + c.s, sent.start + c.e))
        doc.proper_spans.add((sent.start + c.s, sent.start + c.e))  # where it was found, it stands
    for a in abbreviations(st, chosen, lx):
        if doc.in_book(sent.start + a.s, sent.start + a.e) or rejected(a.text, lx):
            continue
        doc.add(a.text, a.name or a.text, a.type, "alias")
        doc.bounds.update((sent.start + a.s, sent.start + a.e))


def extract_organizations(text: str, sentences: list[Sentence], analyses: list[Analysis],
                          known: dict[str, tuple[str, str, int]] | None = None) -> list[Org]:
    """One Org per occurrence of an organization name in ``text`` (document clean offsets).

    ``known`` carries the names found in the earlier windows of a long document
    (surface -> (name, type, rank), run/windows.py): they are tagged in this text
    too, and this text's names are added to it for the next window.
    Errors propagate: the per-document isolation of the run records them, so a
    broken rule shows as an error, not as lower recall.
    """
    lx = load_org_lexicon()
    doc = _Doc(text, lx, document_titles(sentences))
    doc.lexicon.update(known or {})  # found first, as in the whole document (propagate tags only those in text)
    for name, typ in lx.gaz_names.items():
        if name in text:
            doc.add(name, name, typ, "gazetteer")
    sents = [(sent, merge_departments(sent.text, tokens(sent.text, an, lx), lx))
             for sent, an in zip(sentences, analyses) if sent.text and an is not None]
    votes, doc.commons = _loc_votes(sents, lx)
    for sent, toks in sents:
        _sentence(sent, toks, votes, doc)
    for short, (name, typ) in generic_short_forms(doc.generic, doc.lexicon, lx).items():
        doc.add(short, name, typ, "alias")
    for brand, (name, typ) in brands(text, doc.lexicon, lx).items():
        doc.add(brand, name, typ, "alias")
    for placed, (name, typ) in placed_forms((t for _, toks in sents for t in toks), doc.lexicon, lx).items():
        doc.add(placed, name, typ, "alias")
    proper = lx.tags.proper
    for sent, toks in sents:
        for t in toks:
            doc.bounds.add(sent.start + t.s)
            doc.bounds.add(sent.start + t.e)
            if t.tag in proper:
                doc.proper_spans.add((sent.start + t.s, sent.start + t.e))
    if known is not None:
        known.update(doc.lexicon)
    return propagate(text, doc.lexicon, doc.books, lx, doc.bounds, doc.proper_spans, doc.refused)
