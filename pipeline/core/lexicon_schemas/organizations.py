"""Schemas of the lexicon files under configs/organizations/ (strict: see the package docstring)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StrictBool, StrictInt, StrictStr, TypeAdapter

from pipeline.core.lexicon_schemas.base import Strict as _Strict


class OrganizationsBrands(_Strict):
    legal_suffixes: list[StrictStr]
    place_prefix: StrictStr
    industry_tail: StrictStr


class OrganizationsEnumerationHeads(_Strict):
    company: list[StrictStr]
    platform: list[StrictStr]
    research: list[StrictStr]
    association: list[StrictStr]


class OrganizationsEnumerationProjectOwners(_Strict):
    heads: list[StrictStr]
    head_modifiers: list[StrictStr] = []
    fields: list[StrictStr]
    brand_chars: Annotated[list[StrictInt], Field(min_length=2, max_length=2)]  # the shortest and the longest brand
    not_brands: list[StrictStr] = []
    site_chars: StrictInt | None = None  # optional: without it the owners of works named by their site are not read
    products: list[StrictStr] = []  # optional: without it no owner is read before what it makes
    product_modifier_chars: StrictInt = 2


class OrganizationsEnumerationModelMakers(_Strict):
    heads: list[StrictStr]
    maker_chars: StrictInt
    max_item_chars: StrictInt
    max_head_tokens: StrictInt


class OrganizationsEnumeration(_Strict):
    closers: list[StrictStr]
    openers: list[StrictStr]
    list_openers: list[StrictStr]
    negative_heads: list[StrictStr]
    negative_phrases: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    collective_heads: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    governing_firm_nouns: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    field_heads: list[StrictStr] = []  # optional, as above
    field_head_openers: list[StrictStr] = []
    project_owners: OrganizationsEnumerationProjectOwners | None = None  # optional, as above
    model_makers: OrganizationsEnumerationModelMakers | None = None  # optional, as above
    separators: list[StrictStr]
    max_gap_tokens: StrictInt
    max_item_chars: StrictInt
    heads: OrganizationsEnumerationHeads


class OrganizationsFilters(_Strict):
    admin_suffixes: list[StrictStr]
    admin_unit_pattern: StrictStr
    place_words: list[StrictStr]
    building_suffixes: list[StrictStr]
    event_suffixes: list[StrictStr]
    event_exceptions: list[StrictStr]
    generic_words: list[StrictStr]
    common_words: list[StrictStr]
    miscut_pairs: list[StrictStr]
    class_nouns: list[StrictStr]
    tier_words: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    distributive_words: list[StrictStr] = []  # optional, as above
    activity_nouns: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    category_words: list[StrictStr]
    field_words: list[StrictStr]
    category_modifiers: list[StrictStr]
    type_marks: list[StrictStr]
    rank_mark: StrictStr
    province_unit: StrictStr
    level_words: list[StrictStr]
    negative_followers: list[StrictStr]
    reject_patterns: list[StrictStr]
    split_patterns: list[StrictStr]
    foreign_countries: list[StrictStr]
    country_keeps: list[StrictStr]
    fund_heads: list[StrictStr]
    fund_kind_words: list[StrictStr]
    fund_scopes: list[StrictStr]
    scope_words: list[StrictStr]
    determiner_starts: list[StrictStr]
    kind_modifiers: list[StrictStr]
    body_joiners: list[StrictStr]


class OrganizationsGazetteerPatternItem(_Strict):
    regex: StrictStr
    type: StrictStr
    override: StrictBool = False  # the pattern's type wins over the suffix's (中央银行: 银行 alone types a firm)


class OrganizationsGazetteer(_Strict):
    pattern: list[OrganizationsGazetteerPatternItem]
    names: dict[str, Any]


class OrganizationsGrammarConjoinedDepartment(_Strict):
    suffixes: list[StrictStr]
    joiners: list[StrictStr]
    field_max_chars: StrictInt


class OrganizationsGrammarSession(_Strict):
    ordinal: StrictStr
    heads: list[StrictStr]


class OrganizationsGrammarDeictic(_Strict):
    levels: list[StrictStr]
    bodies: list[StrictStr]
    list_marks: list[StrictStr]
    list_levels: list[StrictStr] = []  # optional: an older user lexicon without it stays valid


class OrganizationsGrammarClassLevels(_Strict):
    words: list[StrictStr]
    types: list[StrictStr]


class OrganizationsGrammarConjoinedName(_Strict):
    joiners: list[StrictStr]
    types: list[StrictStr]


class OrganizationsGrammarSectorMinistry(_Strict):
    heads: list[StrictStr]
    sector_tails: list[StrictStr]
    not_sectors: list[StrictStr]
    ordinal: StrictStr


class OrganizationsGrammarNumberedWorks(_Strict):
    heads: list[StrictStr]


class OrganizationsGrammarNumberEdges(_Strict):
    lead: StrictStr
    tail: StrictStr
    date_piece: StrictStr


class OrganizationsGrammarClosingHead(_Strict):
    closers: list[StrictStr]
    numeral_end: StrictStr


class OrganizationsGrammarSubjectBody(_Strict):
    agent_prepositions: list[StrictStr]
    level_verbs: list[StrictStr]
    joiners: list[StrictStr] = []


class OrganizationsGrammarCombination(_Strict):
    verbs: list[StrictStr]


class OrganizationsGrammarCommonList(_Strict):
    joiners: list[StrictStr]
    closers: list[StrictStr]
    min_common: StrictInt


class OrganizationsGrammarRelation(_Strict):
    parties: StrictStr


class OrganizationsGrammarCommission(_Strict):
    word: StrictStr


class OrganizationsGrammarGroupSubject(_Strict):
    heads: list[StrictStr]
    max_field_chars: int
    class_words: list[StrictStr] = []


class OrganizationsGrammarCompounds(_Strict):
    words: list[StrictStr]


class OrganizationsGrammarZeroPrefix(_Strict):
    prefix: StrictStr
    word: StrictStr
    joins: list[StrictStr]


class OrganizationsGrammarFundMoney(_Strict):
    verbs: list[StrictStr]


class OrganizationsGrammarQuotedCoinage(_Strict):
    goal_verbs: list[StrictStr]
    body_heads: list[StrictStr] = []
    window: StrictInt = 0


class OrganizationsGrammarParkInPlace(_Strict):
    field_marks: list[StrictStr]


class OrganizationsGrammarWorldBodies(_Strict):
    scopes: list[StrictStr]
    heads: list[StrictStr]
    general_fields: list[StrictStr]
    joiners: list[StrictStr]
    max_field_chars: StrictInt


class OrganizationsGrammarDesignations(_Strict):
    heads: list[StrictStr]
    named_tags: list[StrictStr]
    conferring: list[StrictStr]
    conferred_heads: list[StrictStr] = []  # optional (round 20): an older user lexicon without it stays valid


class OrganizationsGrammarValleys(_Strict):
    heads: list[StrictStr]
    titles: list[StrictStr]
    regions: list[StrictStr]


class OrganizationsGrammarCountedClass(_Strict):
    count: StrictStr
    article: StrictStr
    any_name: list[StrictStr]
    after_verbs: list[StrictStr] = []  # optional: an older user lexicon without it stays valid


class OrganizationsGrammarStyleVerbs(_Strict):
    pattern: StrictStr
    span_chars: StrictInt


class OrganizationsGrammarTransferProjects(_Strict):
    pattern: StrictStr


class OrganizationsGrammarPhasedWorks(_Strict):
    heads: list[StrictStr]
    phase: StrictStr


class OrganizationsGrammarPlenumOrdinals(_Strict):
    item: StrictStr
    rest: StrictStr


class OrganizationsGrammarShortLeagues(_Strict):
    head: StrictStr
    not_first: list[StrictStr]


class OrganizationsGrammarClauseTail(_Strict):
    min_suffix: StrictInt
    numeral: StrictStr
    openers: list[StrictStr]
    activity_of: list[StrictStr] = []  # body types after which a weak industry word is what the body does


class OrganizationsGrammar(_Strict):
    name_words: list[StrictStr]
    place_abbrev_chars: StrictStr
    station_marks: list[StrictStr]
    counted_heads: list[StrictStr]
    name_verb_prefixes: list[StrictStr]
    name_verbs: list[StrictStr]
    name_verb_reach: StrictInt
    cobuilt_verbs: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    park_field_heads: list[StrictStr] = []  # optional (round 20)
    break_words: list[StrictStr]
    rank_modifier_min_chars: StrictInt
    glued_verbs: list[StrictStr]
    inside_f: list[StrictStr]
    stop_words: list[StrictStr]
    span_prepositions: list[StrictStr] = []  # optional: an older user lexicon without it stays valid
    apposition_nouns: list[StrictStr]
    apposition_tails: list[StrictStr]
    title_words: list[StrictStr]
    title_followers: list[StrictStr]
    member_followers: dict[StrictStr, list[StrictStr]] = {}  # optional: an older user lexicon without it stays valid
    member_tails: list[StrictStr]
    body_tails: list[StrictStr]
    state_firm_first: list[StrictStr] = []  # optional (round 22)
    state_firm_industries: list[StrictStr] = []  # optional (round 22)
    role_nouns: list[StrictStr]
    max_name_chars: StrictInt
    max_paren_chars: StrictInt
    compass_before_paren: list[StrictStr] = []  # optional (round 22)
    conjoined_department: OrganizationsGrammarConjoinedDepartment
    session: OrganizationsGrammarSession
    sector_ministry: OrganizationsGrammarSectorMinistry
    numbered_works: OrganizationsGrammarNumberedWorks
    park_in_place: OrganizationsGrammarParkInPlace
    world_bodies: OrganizationsGrammarWorldBodies
    designations: OrganizationsGrammarDesignations
    valleys: OrganizationsGrammarValleys
    short_leagues: OrganizationsGrammarShortLeagues
    counted_class: OrganizationsGrammarCountedClass
    plenum_ordinals: OrganizationsGrammarPlenumOrdinals
    phased_works: OrganizationsGrammarPhasedWorks
    transfer_projects: OrganizationsGrammarTransferProjects
    style_verbs: OrganizationsGrammarStyleVerbs
    number_edges: OrganizationsGrammarNumberEdges
    # optional: an older user lexicon without it stays valid (no span is then read as a closing head)
    closing_head: OrganizationsGrammarClosingHead = OrganizationsGrammarClosingHead(closers=[], numeral_end="(?!)")
    relation: OrganizationsGrammarRelation = OrganizationsGrammarRelation(parties="(?!)")  # optional, as above
    commission: OrganizationsGrammarCommission = OrganizationsGrammarCommission(word="(?!)")  # optional, as above
    group_subject: OrganizationsGrammarGroupSubject = OrganizationsGrammarGroupSubject(  # optional, as above
        heads=[], max_field_chars=0, class_words=[])
    compounds: OrganizationsGrammarCompounds = OrganizationsGrammarCompounds(words=[])  # optional, as above
    zero_prefix: OrganizationsGrammarZeroPrefix = OrganizationsGrammarZeroPrefix(prefix="", word="(?!)", joins=[])  # optional
    fund_money: OrganizationsGrammarFundMoney = OrganizationsGrammarFundMoney(verbs=[])  # optional
    quoted_coinage: OrganizationsGrammarQuotedCoinage = OrganizationsGrammarQuotedCoinage(goal_verbs=[])  # optional
    combination: OrganizationsGrammarCombination = OrganizationsGrammarCombination(verbs=[])  # optional
    common_list: OrganizationsGrammarCommonList = OrganizationsGrammarCommonList(  # optional
        joiners=[], closers=[], min_common=2)
    subject_body: OrganizationsGrammarSubjectBody = OrganizationsGrammarSubjectBody(
        agent_prepositions=[], level_verbs=[])  # optional
    deictic: OrganizationsGrammarDeictic
    class_levels: OrganizationsGrammarClassLevels
    conjoined_name: OrganizationsGrammarConjoinedName
    clause_tail: OrganizationsGrammarClauseTail


class OrganizationsPatterns(_Strict):
    open_parens: StrictStr
    close_parens: StrictStr
    open_quotes: StrictStr
    close_quotes: StrictStr
    dashes: list[StrictStr]
    name_inner_marks: StrictStr
    quote_inner_marks: StrictStr
    list_mark: StrictStr
    edge_open: StrictStr
    edge_close: StrictStr
    date_units: StrictStr
    dateline_mark: StrictStr
    dateline_day: StrictStr
    closer_first: list[StrictStr]
    closer_join: StrictStr
    bracket: StrictStr
    bracket_split: StrictStr
    punct_only: StrictStr
    alnum: StrictStr
    has_latin: StrictStr
    quote: StrictStr
    definition: StrictStr
    definition_inline: StrictStr
    right_paren_place: StrictStr
    paren_group: StrictStr
    list_segment: StrictStr


class OrganizationsSuffixesCompany(_Strict):
    strong: list[StrictStr]
    weak: list[StrictStr]


class OrganizationsSuffixesGovernment(_Strict):
    strong: list[StrictStr]
    weak: list[StrictStr]
    bare_ok: list[StrictStr]


class OrganizationsSuffixesResearch(_Strict):
    strong: list[StrictStr]
    weak: list[StrictStr]


class OrganizationsSuffixesAssociation(_Strict):
    strong: list[StrictStr]
    weak: list[Any]


class OrganizationsSuffixesPlatform(_Strict):
    strong: list[StrictStr]
    weak: list[StrictStr]
    bare_ok: list[StrictStr]
    one_word: list[StrictStr]
    areas_of_whole: list[StrictStr] = []  # optional: without it 核心区 closes a name wherever a weak head may
    named_before_noun: list[StrictStr] = []  # optional: without it no weak head closes a name before a noun
    named_before_noun_not_after: list[StrictStr] = []  # optional: area words that make such a head a class
    area_nouns: list[StrictStr] = []  # optional: nouns of what an area has (人口, 面积), after which it is a place


class OrganizationsSuffixesMedia(_Strict):
    strong: list[StrictStr]
    weak: list[Any]


class OrganizationsSuffixesOther(_Strict):
    strong: list[StrictStr]
    weak: list[StrictStr]
    noun_only: list[StrictStr]
    abbreviated_fields: list[StrictStr]
    units_of_body: list[StrictStr]
    country_named: list[StrictStr]


class OrganizationsSuffixes(_Strict):
    company: OrganizationsSuffixesCompany
    government: OrganizationsSuffixesGovernment
    research: OrganizationsSuffixesResearch
    association: OrganizationsSuffixesAssociation
    platform: OrganizationsSuffixesPlatform
    media: OrganizationsSuffixesMedia
    other: OrganizationsSuffixesOther


class OrganizationsTags(_Strict):
    fold: dict[str, StrictStr]
    classes: dict[str, list[StrictStr]]


# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    "organizations/brands.toml": TypeAdapter(OrganizationsBrands),
    "organizations/enumeration.toml": TypeAdapter(OrganizationsEnumeration),
    "organizations/filters.toml": TypeAdapter(OrganizationsFilters),
    "organizations/gazetteer.toml": TypeAdapter(OrganizationsGazetteer),
    "organizations/grammar.toml": TypeAdapter(OrganizationsGrammar),
    "organizations/patterns.toml": TypeAdapter(OrganizationsPatterns),
    "organizations/suffixes.toml": TypeAdapter(OrganizationsSuffixes),
    "organizations/tags.toml": TypeAdapter(OrganizationsTags),
}
