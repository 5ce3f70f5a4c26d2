"""Owners and makers: the firm whose short name opens an item of a list of projects (衢州先导智能、久泰新材料等项目)
or of models (华为盘古等大模型).

A list closed by 等 and 项目 names projects, so the enumeration cue reads no body class from it, and most of its
items name no body (温福高铁, 吴家庄水库, 金七门核电一期). Many projects are named by their owner instead: a firm's
short name, which is a brand and its field of business (先导智能, 久泰新材料, 光启技术), after the place it builds in
and before what it builds (芯片, 超材料, 三期). That opening names the firm, a body; the rest of the item does not.
The rule reads only that shape, and leaves an item whose brand could be a place, a generic word or a phrase alone:
with no place before it, a brand the backend reads as a common word of its own (硅基|新材料) names an industry.

Models are named maker first, too: the maker's short name, then the model's (华为|盘古, 长虹|云帆, 河钢|威赛博). The
enumeration cue reads such items as products (a negative head) and keeps no body; the backend tags the whole item
a body, and the maker's name is its opening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.stages.organizations.extend import division_named
from pipeline.stages.organizations.filters import all_han
from pipeline.stages.organizations.tokens import Cand, Tok
from pipeline.stages.places.mentions import scan as scan_places

if TYPE_CHECKING:
    from pipeline.stages.organizations.lexicon import OrgLexicon


@dataclass(frozen=True)
class ProjectOwners:
    """configs/organizations/enumeration.toml [project_owners]."""

    heads: frozenset[str]  # 项目: the noun after the closer that makes the list a list of projects
    head_modifiers: frozenset[str]  # 重大, 重点: words allowed between the closer and the head
    fields: tuple[str, ...]  # fields of business that end a firm's short name, longest first
    min_brand: int
    max_brand: int
    not_brands: frozenset[str]  # words that stand where a brand would and name none (高新: a zone)
    site_chars: int | None = None  # the site's characters in 大唐抚州电厂 (owner, site, works); None: rule off
    products: tuple[str, ...] = ()  # what an owner makes, ending an item named by it (宝丰储能电池); empty: rule off
    product_modifier_chars: int = 2  # process or kind between the owner and the product (储能, 煤制)

    @classmethod
    def from_config(cls, cfg: dict | None) -> ProjectOwners | None:
        if not cfg:
            return None  # an older user lexicon without the table: the rule is off
        return cls(frozenset(cfg["heads"]), frozenset(cfg.get("head_modifiers", [])),
                   tuple(sorted(cfg["fields"], key=len, reverse=True)), int(cfg["brand_chars"][0]),
                   int(cfg["brand_chars"][1]), frozenset(cfg.get("not_brands", [])),
                   int(cfg["site_chars"]) if "site_chars" in cfg else None,
                   tuple(sorted(cfg.get("products", []), key=len, reverse=True)), int(cfg.get("product_modifier_chars", 2)))


@dataclass(frozen=True)
class ModelMakers:
    """configs/organizations/enumeration.toml [model_makers]."""

    heads: tuple[str, ...]  # 大模型: what the phrase after the closer ends with
    maker_chars: int  # the maker's short name opening the item (华为盘古 -> 华为)
    max_item_chars: int
    max_head_tokens: int  # tokens from the closer to the head (等|5个|垂直|大|模型)

    @classmethod
    def from_config(cls, cfg: dict | None) -> ModelMakers | None:
        if not cfg:
            return None  # an older user lexicon without the table: the rule is off
        return cls(tuple(cfg["heads"]), int(cfg["maker_chars"]), int(cfg["max_item_chars"]),
                   int(cfg["max_head_tokens"]))


def model_makers(text: str, toks: list[Tok], lx: OrgLexicon) -> list[Cand]:
    """The makers opening the items of a list of models (华为盘古等大模型, 长虹云帆等34个大模型): one backend body each."""
    mm = lx.model_makers
    if mm is None or not any(h in text for h in mm.heads):
        return []  # most sentences name no models
    out: list[Cand] = []
    for a, b in _closed_items(toks, lx, lambda after: _model_head(after, mm, lx)):
        item = toks[a]
        n = len(item.text)
        if b - a != 1 or item.tag not in lx.tags.org_entity or not mm.maker_chars + 2 <= n <= mm.max_item_chars:
            continue
        maker = item.text[: mm.maker_chars]
        if all_han(item.text) and not scan_places(maker):
            out.append(Cand(item.s, item.s + mm.maker_chars, maker, "company", "enum"))
    return out


def _model_head(after: list[Tok], mm: ModelMakers, lx: OrgLexicon) -> bool:
    """Does the phrase after a closer end on a model head within its first words (等|5个|垂直|大|模型)?"""
    phrase = ""
    for x in after[: mm.max_head_tokens]:
        if x.tag in lx.tags.phrase_break:
            return False
        phrase += x.text
        if phrase.endswith(mm.heads):
            return True
    return False


def project_owners(text: str, toks: list[Tok], lx: OrgLexicon) -> tuple[list[Cand], set[tuple[int, int]]]:
    """Firms named as the owners of the items of a project list in one sentence, and the spans of the backend's
    bodies that run past the owner read from them: works or products named by their owner (大唐抚州电厂/ORG,
    中石化煤制烯烃/ORG: a project, no body)."""
    po = lx.project_owners
    if po is None or not any(h in text for h in po.heads):
        return [], set()  # most sentences list no projects
    out: list[Cand] = []
    works: set[tuple[int, int]] = set()
    for a, b in _closed_items(toks, lx, lambda after: _project_head(after, po, lx)):
        cand = _works_owner(text, toks[a:b], po, lx) or _owner(text, toks[a:b], po, lx)
        if cand is None:
            continue
        out.append(cand)
        first = toks[a]
        if first.tag in lx.tags.org_entity and first.e > cand.e:
            works.add((first.s, first.e))  # 大唐抚州电厂/ORG, 中石化煤制烯烃/ORG: the owner's project, no body
    return out, works


def _project_head(after: list[Tok], po: ProjectOwners, lx: OrgLexicon) -> bool:
    """Is the phrase after a closer a project head, past its modifiers and counts (等|重大|项目, 等|一批|百亿级|项目)?"""
    k = 0
    while k < len(after) and (after[k].text in po.head_modifiers or after[k].tag in lx.tags.numeral):
        k += 1
    return k < len(after) and after[k].text in po.heads


def _closed_items(toks: list[Tok], lx: OrgLexicon, headed: Callable[[list[Tok]], bool]) -> Iterator[tuple[int, int]]:
    """The items of every list whose closer (等) is followed by a phrase ``headed`` accepts."""
    for c, t in enumerate(toks):
        if t.text in lx.closers and headed(toks[c + 1 :]):
            yield from _items(toks, c, lx)


def _items(toks: list[Tok], c: int, lx: OrgLexicon) -> list[tuple[int, int]]:
    """Token ranges of the list's items before the closer at ``c``: between list marks, back to the clause.

    The first item starts after the verbs and adverbs that open its clause (推动|温福高铁, 确保|台州清陶锂电池).
    """
    T = lx.tags
    items: list[tuple[int, int]] = []
    end = k = c
    while k > 0:
        k -= 1
        if toks[k].text == lx.pat.list_mark:
            items.append((k + 1, end))
            end = k
        elif toks[k].tag in T.punct:
            k += 1
            break
    start = k
    while start < end and (toks[start].tag in T.phrase_break or toks[start].tag in T.verbal):
        start += 1
    items.append((start, end))
    return [(a, b) for a, b in items if a < b]


def _works_owner(text: str, item: list[Tok], po: ProjectOwners, lx: OrgLexicon) -> Cand | None:
    """The owner opening works named by owner, site and kind (大唐|抚州|电厂扩建, 浙能|六横|电厂二期, 国电投|分宜|电厂).

    Only where the backend reads the item's opening as a body; the site is the last ``site_chars`` characters before
    the works' word, the owner the 2-3 before it. An opening that is a county or a city with its unit dropped is the
    place of the site instead (合川|双槐电厂, 织金|平远电厂: place and town), and names no owner.
    """
    if po.site_chars is None or item[0].tag not in lx.tags.org_entity:
        return None
    s0 = item[0].s
    name = text[s0 : item[-1].e]
    at = min((i for i in (name.find(h) for h in lx.works_heads) if i > 0), default=-1)
    owner = name[: at - po.site_chars] if at > 0 else ""
    if not (po.min_brand <= len(owner) <= po.max_brand) or not all_han(name[:at]):
        return None
    if owner in po.not_brands or owner in lx.common_words or division_named(owner, lx):
        return None
    return Cand(s0, s0 + len(owner), owner, "company", "enum")


def _owner(text: str, item: list[Tok], po: ProjectOwners, lx: OrgLexicon) -> Cand | None:
    """The firm opening one item: [place] brand field, the field ending where a word ends; or a body the backend
    tagged, right before the site it builds at (中石化|龙口LNG码头, 鞍钢|鲅鱼圈二期, 国投|洋浦港…码头)."""
    s0 = item[0].s
    if item[0].tag in lx.tags.org_entity and len(item) > 1 and _site(item[1], lx):
        suf = lx.suffix_at_end(item[0].text)
        return Cand(s0, item[0].e, item[0].text, suf.type if suf else "company", "enum")
    name = text[s0 : item[-1].e]
    ends = {t.e - s0 for t in item}
    best = None
    for f in po.fields:
        i = name.find(f, 1)
        while i > 0 and i + len(f) not in ends:
            i = name.find(f, i + 1)
        if i > 0 and (best is None or i < best[0]):
            best = (i, i + len(f))
    if best is None:
        return _product_owner(name, item, s0, po, lx)
    b0 = _place_end(name, best[0])
    brand = name[b0 : best[0]]
    if not b0 and _common_word_at(item, s0, b0, best[0], lx):
        return None  # 硅基|新材料, 生命|科技城: a common word before the field names an industry, no brand
    if not _brand_ok(brand, po, lx):
        return None
    return Cand(s0, s0 + best[1], name[: best[1]], "company", "enum")


def _product_owner(name: str, item: list[Tok], s0: int, po: ProjectOwners, lx: OrgLexicon) -> Cand | None:
    """The firm opening an item named by what it makes: [place] owner, a little process or kind, the product
    (宝丰|储能|电池, 中石化|煤制|烯烃, 台州|清陶|锂电池). The owner is the shortest brand that leaves at most
    ``product_modifier_chars`` before the product."""
    product = next((p for p in po.products if name.endswith(p)), None)
    if product is None:
        return None
    b0 = _place_end(name, len(name) - len(product))
    rest = len(name) - len(product) - b0  # the owner and its product's process or kind
    n = max(po.min_brand, rest - po.product_modifier_chars)
    if n > rest or not _brand_ok(name[b0 : b0 + n], po, lx):
        return None
    if not b0 and _common_word_at(item, s0, b0, b0 + n, lx):
        return None  # 光伏|电池, 动力|电池: a common word before the product names an industry
    return Cand(s0, s0 + b0 + n, name[: b0 + n], "company", "enum")


def _place_end(name: str, end: int) -> int:
    """Where a place opening ``name`` before ``end`` ends (衢州|先导智能, 台州|清陶锂电池), else 0."""
    return next((m.end for m in scan_places(name, 0, end) if m.start == 0), 0)


def _common_word_at(item: list[Tok], s0: int, a: int, b: int, lx: OrgLexicon) -> bool:
    """Is the item's text from ``a`` to ``b`` one word the backend reads as a common noun or a phrase's noun?"""
    return any(t.s - s0 == a and t.e - s0 == b and (t.tag in lx.tags.phrase_noun or t.tag in lx.tags.compound_noun)
               for t in item)


def _brand_ok(brand: str, po: ProjectOwners, lx: OrgLexicon) -> bool:
    """A firm's short name of the configured length; no zone, place, common or generic word (西安高新, 京津)."""
    return (po.min_brand <= len(brand) <= po.max_brand and all_han(brand) and brand not in po.not_brands
            and brand not in lx.common_words and brand not in lx.generic_words and not scan_places(brand))


def _site(t: Tok, lx: OrgLexicon) -> bool:
    """Is ``t`` a place, as the backend or the places gazetteer reads it (鲅鱼圈/LOC, 龙口/n)?"""
    return t.tag in lx.tags.place_entity or division_named(t.text, lx)
