"""Aliases: short forms defined after a full name, brand short names of firms, generic short forms, a found name with its place."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.stages.organizations.extend import division_named
from pipeline.stages.organizations.filters import is_place, rejected, type_of
from pipeline.stages.organizations.lexicon import OrgLexicon
from pipeline.stages.organizations.tokens import Cand, Tok

Lexicon = dict[str, tuple[str, str, int]]  # surface -> (name, type, rank)


def _short_form_of(alias: str, full: str, lx: OrgLexicon) -> bool:
    """In bare parentheses, only a short form of the name: a subsequence of it or the same head class."""
    it = iter(full)
    subseq = all(ch in it for ch in alias)
    a_head, c_head = lx.suffix_at_end(alias), lx.suffix_at_end(full)
    same_head = a_head is not None and c_head is not None and a_head.type == c_head.type
    if not (subseq or same_head):
        return False
    return not (is_place(alias, lx) or alias.endswith(tuple(lx.admin_suffixes)))


def abbreviations(text: str, found: list[Cand], lx: OrgLexicon) -> list[Cand]:
    """Aliases defined right after a full name: （下称“X”）, (简称X), (C9联盟), ，简称“X”."""
    out = []
    for c in found:
        tail = text[c.e : c.e + 30]
        m = lx.pat.definition.match(tail) or lx.pat.definition_inline.match(tail)
        if not m:
            continue
        marker, alias = m.group(1), m.group(2).strip()
        if not alias or alias == c.text or len(alias) < 2 or len(alias) >= len(c.text):
            continue
        if not marker and not _short_form_of(alias, c.text, lx):
            continue  # bare parentheses: a place or a gloss
        if alias in lx.generic_words or is_place(alias, lx):
            continue
        out.append(Cand(c.e + m.start(2), c.e + m.end(2), alias, c.type, "alias", name=c.name or c.text))
    return out


def generic_short_forms(generic: list[Cand], lexicon: Lexicon, lx: OrgLexicon) -> dict[str, tuple[str, str]]:
    """A generic name that ends a found name of its class refers to it (基金小镇, 大走廊)."""
    out: dict[str, tuple[str, str]] = {}
    openers = tuple(lx.level_words | lx.category_modifiers)
    for g in generic:
        if g.text in lexicon or g.text in out or rejected(g.text, lx) or g.text.startswith(openers):
            continue
        for full, (name, typ, _) in lexicon.items():
            if len(full) > len(g.text) and full.endswith(g.text) and typ == type_of(g.text, typ, lx):
                out[g.text] = (name, typ)
                break
    return out


def _brand_forms(full: str, lx: OrgLexicon) -> list[str]:
    """启衡生物技术 -> 启衡生物 -> 启衡: the registered name without suffix, places and industry words."""
    core = lx.legal_suffix_re.sub("", full)
    core = lx.pat.paren_group.sub("", core)
    core = lx.place_prefix_re.sub("", core)
    forms = [core]
    for _ in range(3):
        before = core
        core = lx.industry_tail_re.sub("", lx.place_prefix_re.sub("", core))
        if core == before:
            break
        forms.append(core)
    return forms


def brands(text: str, lexicon: Lexicon, lx: OrgLexicon) -> dict[str, tuple[str, str]]:
    """Brand short names of registered firms that the text uses on their own.

    鹏瞰集成电路(杭州)有限公司 -> 鹏瞰 when 鹏瞰 also stands alone: strip the
    legal suffix, places in parentheses, leading places and trailing industry
    words; keep a 2-4 character brand that occurs outside the full name (the
    longest form the text uses stands: 启衡生物董事长 -> 启衡生物).
    """
    out: dict[str, tuple[str, str]] = {}
    for full, (name, typ, _) in lexicon.items():
        if typ != "company" or not lx.legal_suffix_re.search(full):
            continue
        forms = _brand_forms(full, lx)
        core = forms[-1]
        rest = text.replace(full, "")
        for form in forms:  # longest first
            long_ok = form != core and 2 <= len(form) - len(core) and len(form) <= 6
            if not (2 <= len(form) <= 4 or long_ok) or form in lexicon or rejected(form, lx):
                continue
            if rest.count(form):
                out[form] = (name, typ)
                break
    return out


def placed_forms(words: Iterable[Tok], lexicon: Lexicon, lx: OrgLexicon) -> dict[str, tuple[str, str]]:
    """A word the backend tags a place that is a place and a name found in the document is that name with its place:
    中国人民解放军/LOC (the reports' 人民解放军, else cut out of it), 涿州新华书店/LOC (a branch of 新华书店). A foreign
    country before a name is no part of it (美国|苹果公司: filters.drop_country), and a short found name (<= 2
    characters) is no sure name inside a word."""
    out: dict[str, tuple[str, str]] = {}
    for t in words:
        if t.tag not in lx.tags.place_entity or t.text in lexicon or t.text in out:
            continue
        for k in range(2, len(t.text) - 2):  # a place of two characters or more, a found name of three or more
            found = lexicon.get(t.text[k:])
            if found is None:
                continue
            place = t.text[:k]
            if division_named(place, lx) and place not in lx.foreign_countries:
                out[t.text] = (t.text, found[1])
            break  # the longest found name ending the word decides
    return out
