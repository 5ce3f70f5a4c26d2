"""Lexicons of the organization layer, loaded once from configs/organizations/.

Kept apart from the grammar so that the rules stay data: suffix classes,
inside/stop word classes, filters, enumeration cues and the user gazetteer
all live in TOML files with comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.core.config import load_lexicon_toml
from pipeline.stages.organizations.lexicon_fields import (
    enumeration_kw,
    filters_kw,
    grammar_kw,
    per_type,
    span_edges_kw,
)
from pipeline.stages.organizations.tag_classes import Tags

if TYPE_CHECKING:
    from pipeline.stages.organizations.projects import ModelMakers, ProjectOwners

TYPES = ("company", "government", "research", "association", "platform", "media", "other")


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    weak: bool
    bare_ok: bool


@dataclass(frozen=True)
class Patterns:
    """Regular expressions and punctuation classes (configs/organizations/patterns.toml)."""

    open_parens: str
    close_parens: str
    open_quotes: str
    close_quotes: str
    dashes: frozenset[str]
    name_inner_marks: str
    quote_inner_marks: str
    list_mark: str
    edge_open: str
    edge_close: str
    date_units: str
    dateline_mark: str
    dateline_day: str
    closer_first: frozenset[str]
    closer_join: str
    punct_only: re.Pattern[str]
    alnum: re.Pattern[str]
    has_latin: re.Pattern[str]
    quote: re.Pattern[str]
    definition: re.Pattern[str]
    definition_inline: re.Pattern[str]
    right_paren_place: re.Pattern[str]
    paren_group: re.Pattern[str]
    list_segment: re.Pattern[str]
    bracket: re.Pattern[str]
    bracket_split: re.Pattern[str]


def _patterns(p: dict) -> Patterns:
    rx = ("punct_only", "alnum", "has_latin", "quote", "definition", "definition_inline",
          "right_paren_place", "paren_group", "list_segment", "bracket", "bracket_split")
    kw = {k: re.compile(p[k]) for k in rx}
    kw.update({k: frozenset(p[k]) for k in ("dashes", "closer_first")})
    kw.update({k: p[k] for k in ("open_parens", "close_parens", "open_quotes", "close_quotes", "name_inner_marks", "quote_inner_marks",
                                 "list_mark", "edge_open", "edge_close", "date_units", "dateline_mark", "dateline_day", "closer_join")})
    return Patterns(**kw)


@dataclass
class OrgLexicon:
    suffixes: dict[str, Suffix]
    max_suffix: int
    tags: Tags
    noun_only: frozenset[str]
    abbreviated_fields: frozenset[str]
    units_of_body: frozenset[str]
    areas_of_whole: frozenset[str]
    named_before_noun: frozenset[str]
    named_before_noun_not_after: frozenset[str]
    area_nouns: frozenset[str]
    country_named: frozenset[str]
    one_word_heads: tuple[str, ...]  # heads named by one proper word alone (基地, 集群): suffix.one_word_platforms
    pat: Patterns
    name_words: frozenset[str]
    name_verbs: frozenset[str]
    name_verb_reach: int
    cobuilt_verbs: frozenset[str]
    park_field_heads: frozenset[str]
    name_verb_prefixes: tuple[str, ...]
    place_abbrev_chars: frozenset[str]
    station_marks: tuple[str, ...]
    counted_heads: frozenset[str]
    break_words: frozenset[str]
    glued_verbs: frozenset[str]
    inside_f: frozenset[str]
    stop_words: frozenset[str]
    span_prepositions: frozenset[str]
    role_nouns: frozenset[str]
    apposition_nouns: frozenset[str]
    apposition_tails: tuple[str, ...]
    closing_closers: frozenset[str]
    closing_numeral: re.Pattern[str]
    relation_parties: re.Pattern[str]
    commission_word: re.Pattern[str]  # 国家经委, 县经委: a level, an abbreviated field and 委 in one word
    group_heads: tuple[str, ...]  # 电力集团要…: a field and a group's head opening a clause (grammar.toml [group_subject])
    group_max_field: int
    group_class_words: tuple[str, ...]
    compounds: tuple[str, ...]  # 特别行政区: fixed compounds the backend cuts, joined into one word
    zero_prefix: str
    zero_word: re.Pattern[str]  # 零碳: 零 as the prefix "zero-", a noun word (grammar.toml [zero_prefix])
    zero_joins: frozenset[str]
    fund_verbs: tuple[str, ...]  # 增加|全国社会保障基金: a fund after these is money (grammar.toml [fund_money])
    goal_verbs: frozenset[str]  # 打造…“天府粮仓”。: a quoted coinage as the clause's last object (grammar.toml [quoted_coinage])
    coinage_body_heads: frozenset[str]  # 支持“华为”优秀|企业: a class of bodies in apposition (grammar.toml [quoted_coinage])
    coinage_window: int
    level_verbs: frozenset[str]
    combining_verbs: frozenset[str]
    common_list_joiners: frozenset[str]
    common_list_closers: frozenset[str]
    common_list_min: int
    agent_prepositions: frozenset[str]
    subject_joiners: frozenset[str]
    title_followers: tuple[str, ...]
    member_followers: dict[str, tuple[str, ...]]  # 党 -> 人: 共产党|人, the Party's members
    member_tails: tuple[str, ...]
    body_tails: tuple[str, ...]
    state_firm_first: frozenset[str]  # 国|投: besides place_abbrev_chars, the first character of a state firm's short name
    state_firm_industries: frozenset[str]  # 陕|煤: the industry character that closes it
    title_words: tuple[str, ...]  # longest first
    title_last_chars: frozenset[str]  # prefilter of the post split (tokens._split_posts)
    title_rx: re.Pattern[str] | None  # any post word: the sentence prefilter of the post split
    dept_suffixes: tuple[str, ...]  # conjoined departments (工业和信息化局)
    dept_joiners: tuple[str, ...]
    dept_field_max: int
    max_name_chars: int
    session_ordinal: re.Pattern[str]
    rank_modifier_min_chars: int
    clause_min_suffix: int
    clause_numeral: re.Pattern[str]
    number_lead: re.Pattern[str]  # a span a count of years opens (五年|国务院)
    number_tail: re.Pattern[str]  # a span its row's quantity closes (塔里木油田|万米)
    date_piece: re.Pattern[str]  # a span that is the first numeral of a date (从一|九二一年)
    activity_of: frozenset[str]
    clause_openers: tuple[str, ...]  # stop words, break words and openers: what opens the clause after a body
    conj_joiners: frozenset[str]
    conj_types: frozenset[str]
    session_heads: frozenset[str]
    sector_heads: frozenset[str]
    numbered_heads: frozenset[str]  # works numbered among their kind (第一汽车制造厂)
    park_field_marks: frozenset[str]  # a park in one place word, named by its field (沈抚科创园/LOC)
    world_scopes: tuple[str, ...]  # bodies of the world named by their field (世界贸易组织)
    world_heads: tuple[str, ...]  # longest first
    world_general: frozenset[str]
    world_joiners: frozenset[str]
    world_max_field: int
    designation_heads: tuple[str, ...]  # zone heads conferred as programmes (国家…试验区)
    designation_named: frozenset[str]  # tags of a place or body that make one a name
    designation_conferring: tuple[str, ...]  # the level that confers a title on a place (长株潭国家自主创新示范区)
    conferred_heads: tuple[str, ...]  # heads that are a title after the level alone (国家现代农业产业园)
    valley_heads: tuple[str, ...]  # valleys named by their field (中原农谷)
    valley_titles: tuple[str, ...]  # before a valley: a title given to a place (中国绿氢谷)
    valley_regions: tuple[str, ...]  # continents: with a foreign country, a valley after them is the region (亚洲硅谷)
    league_head: str  # 东盟, 欧盟: a league of states in one word of two characters
    league_not_first: frozenset[str]
    class_count: re.Pattern[str]  # 2.3万所|乡镇卫生院, 首批4家|天府实验室: a count of a class's members
    class_article: re.Pattern[str]  # 一个, 一家: the article, no count
    count_any_name: tuple[str, ...]  # 只, 支: classifiers of funds and teams, never of one body
    count_after_verbs: frozenset[str]  # 达: 国家技术创新中心|达|3家, a count after the class's name
    plenum_item: re.Pattern[str]  # 四中 in 二中、三中、四中全会: a session's ordinal
    plenum_rest: re.Pattern[str]
    works_heads: tuple[str, ...]  # 电厂, 电站: works named by their site (新余电厂二期: a project)
    works_phase: re.Pattern[str]  # 二期 right after the works
    transfer_project: re.Pattern[str]  # 西电东送, 南水北调: a project named by compass points
    style_rest: re.Pattern[str]  # 调查研究之风 after a style verb the backend tags a body (大兴)
    style_span_chars: int
    sector_tails: frozenset[str]
    not_sectors: frozenset[str]
    sector_ordinal: re.Pattern[str]
    deictic_levels: frozenset[str]
    deictic_bodies: frozenset[str]
    deictic_list_marks: frozenset[str]
    list_levels: tuple[str, ...]  # 省、市、|自治区计委: the levels of a list of levels, longest first
    class_levels: frozenset[str]
    class_level_types: frozenset[str]
    max_paren_chars: int
    compass_before_paren: frozenset[str]  # 西部（重庆）科学城: a compass region before its place in parentheses
    admin_suffixes: tuple[str, ...]
    admin_unit_re: re.Pattern[str]
    place_words: frozenset[str]
    building_suffixes: tuple[str, ...]
    event_suffixes: tuple[str, ...]
    event_exceptions: tuple[str, ...]
    generic_words: frozenset[str]
    fund_heads: tuple[str, ...]  # 基金: a fund named by its kind alone is no body (社会保障基金)
    fund_kinds: tuple[str, ...]  # the words of a fund's kind, longest first
    fund_scopes: tuple[str, ...]  # 全国: before a fund's kind, the one national fund (全国社会保障基金)
    scope_words: tuple[str, ...]  # 全国, 各级: before a generic kind, all the bodies of that kind
    determiner_starts: tuple[str, ...]  # 该, 本: a determiner opening a name (该公司), unless it opens an entity word
    kind_modifiers: frozenset[str]  # 现代: as a word of its own opening a name, the kind a policy builds
    body_joiners: tuple[str, ...]  # 同: a preposition between two bodies read as one span (中国科学院同苏联科学院)
    category_words: frozenset[str]
    field_words: tuple[str, ...]
    class_nouns: tuple[str, ...]
    activity_nouns: tuple[str, ...]
    common_words: frozenset[str]
    miscut_pairs: tuple[tuple[str, str], ...]
    category_modifiers: frozenset[str]
    class_openers: tuple[str, ...]  # category modifiers of two characters or more
    tier_words: tuple[str, ...]
    distributive_words: tuple[str, ...]  # 各级人大, 同级党委: every body of that kind, no name
    level_words: frozenset[str]
    rank_mark: str
    type_marks: tuple[str, ...]
    foreign_countries: tuple[str, ...]
    country_keeps: tuple[str, ...]
    province_unit: str
    negative_followers: frozenset[str]
    split_patterns: list[re.Pattern[str]]
    reject_patterns: list[re.Pattern[str]]
    reject_re: re.Pattern[str]  # the same patterns as one alternation: one search per name
    closers: frozenset[str]
    list_openers: frozenset[str]
    negative_heads: frozenset[str]
    negative_phrases: tuple[str, ...]  # 区域公用品牌, 劳务品牌: a head whose modifier makes it no body
    collective_heads: frozenset[str]  # 集群: the noun before it names the list's class
    openers: frozenset[str]
    separators: frozenset[str]
    max_gap_tokens: int
    max_item_chars: int
    heads: dict[str, str]
    governing_firm_nouns: frozenset[str]
    field_heads: frozenset[str]
    field_head_openers: frozenset[str]
    project_owners: ProjectOwners | None  # the firm opening a project-list item (projects.py)
    model_makers: ModelMakers | None  # the maker opening a model-list item (projects.py)
    legal_suffix_re: re.Pattern[str]
    place_prefix_re: re.Pattern[str]
    industry_tail_re: re.Pattern[str]
    gaz_patterns: list[tuple[re.Pattern[str], str, bool]] = field(default_factory=list)
    gaz_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Most tokens end in a character no suffix ends with: reject those at once.
        self.suffix_last_chars = frozenset(k[-1] for k in self.suffixes if k)
        self._break_sorted = sorted(self.break_words | self.glued_verbs, key=len, reverse=True)
        # a joiner followed, within a field's length, by a department suffix: the
        # only places where _merge_departments has work (a cheap C-level scan)
        self.dept_rx = re.compile(
            "[" + "".join(map(re.escape, self.dept_joiners)) + "]"
            + f"(?=[\u4e00-\u9fff]{{1,{self.dept_field_max}}}?(?:"
            + "|".join(map(re.escape, self.dept_suffixes)) + "))"
        ) if self.dept_joiners and self.dept_suffixes else None

    @property
    def break_words_by_len(self) -> list[str]:
        """Clause verbs, longest first (to cut one glued to the front of a name)."""
        return self._break_sorted

    def is_deictic(self, name: str) -> bool:
        """省委, 省人大, 市政府: a level word alone before a standing body."""
        return len(name) >= 2 and name[0] in self.deictic_levels and name[1:] in self.deictic_bodies

    def body_before_activity(self, name: str) -> int:
        """Length of the complete body a weak industry word follows (中央政府|投资), else 0.

        grammar.toml [clause_tail] activity_of names the body types whose industry word is what
        they do; a weak word after anything else may still close a firm's name (金风科技)."""
        end = self.suffix_at_end(name)
        if end is None or not end.weak or end.type != "company" or len(name) <= len(end.text):
            return 0
        k = len(name) - len(end.text)
        return k if self.does_activity(self.suffix_at_end(name[:k])) else 0

    def does_activity(self, body: Suffix | None) -> bool:
        """Is ``body`` the strong suffix of a complete body whose industry word after it is what it does?"""
        return body is not None and not body.weak and body.type in self.activity_of \
            and len(body.text) >= self.clause_min_suffix

    def suffix_at_end(self, s: str) -> Suffix | None:
        """Longest configured suffix that ``s`` ends with."""
        if not s or s[-1] not in self.suffix_last_chars:
            return None
        for k in range(min(len(s), self.max_suffix), 0, -1):
            suf = self.suffixes.get(s[-k:])
            if suf is not None:
                return suf
        return None


@lru_cache(maxsize=1)
def load_org_lexicon() -> OrgLexicon:
    """Parse configs/organizations/*.toml once per process."""
    suf_cfg = load_lexicon_toml("organizations/suffixes.toml")
    suffixes: dict[str, Suffix] = {}
    # later sections do not override earlier ones: order = specificity of TYPES
    for typ in TYPES:
        sec = suf_cfg.get(typ, {})
        weak = set(sec.get("weak", []))
        bare = set(sec.get("bare_ok", []))
        for s in sec.get("strong", []) + sec.get("weak", []):
            if s not in suffixes:
                suffixes[s] = Suffix(s, typ, s in weak, s in bare)
    g = load_lexicon_toml("organizations/grammar.toml")
    f = load_lexicon_toml("organizations/filters.toml")
    e = load_lexicon_toml("organizations/enumeration.toml")
    z = load_lexicon_toml("organizations/gazetteer.toml")
    b = load_lexicon_toml("organizations/brands.toml")
    heads: dict[str, str] = {}
    for typ, words in e.get("heads", {}).items():
        for w in words:
            heads.setdefault(w, typ)
    return OrgLexicon(
        suffixes=suffixes,
        max_suffix=max((len(s) for s in suffixes), default=1),
        tags=Tags(load_lexicon_toml("organizations/tags.toml")),
        noun_only=per_type(suf_cfg, "noun_only"),
        abbreviated_fields=per_type(suf_cfg, "abbreviated_fields"),
        units_of_body=per_type(suf_cfg, "units_of_body"),
        areas_of_whole=per_type(suf_cfg, "areas_of_whole"),
        named_before_noun=per_type(suf_cfg, "named_before_noun"),
        named_before_noun_not_after=per_type(suf_cfg, "named_before_noun_not_after"),
        area_nouns=per_type(suf_cfg, "area_nouns"),
        country_named=per_type(suf_cfg, "country_named"),
        one_word_heads=tuple(sorted(per_type(suf_cfg, "one_word"), key=len, reverse=True)),
        pat=_patterns(load_lexicon_toml("organizations/patterns.toml")),
        heads=heads,
        **grammar_kw(g),
        **span_edges_kw(g),
        **filters_kw(f),
        **enumeration_kw(e),
        legal_suffix_re=re.compile("(?:" + "|".join(map(re.escape, b["legal_suffixes"])) + ")$"),
        place_prefix_re=re.compile(b.get("place_prefix", "^$")),
        industry_tail_re=re.compile(b.get("industry_tail", "^$")),
        gaz_patterns=[(re.compile(p["regex"]), p["type"], bool(p.get("override"))) for p in z.get("pattern", [])],
        gaz_names={k: v for k, v in z.get("names", {}).items() if v in TYPES},
    )
