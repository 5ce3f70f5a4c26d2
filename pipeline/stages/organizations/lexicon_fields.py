"""The OrgLexicon fields each TOML file of configs/organizations/ gives (grammar, filters, enumeration), apart from the
lexicon's own class so that one file stays readable: lexicon.py declares the fields, this module reads them."""

from __future__ import annotations

import re


def _fs(xs: list[str] | None) -> frozenset[str]:
    return frozenset(xs or ())


def per_type(suf_cfg: dict, key: str) -> frozenset[str]:
    """The suffixes listed under ``key`` in any type's section of suffixes.toml."""
    return frozenset(x for sec in suf_cfg.values() if isinstance(sec, dict) for x in sec.get(key, []))


def grammar_kw(g: dict) -> dict:
    """OrgLexicon fields read from grammar.toml."""
    return {
        "name_words": _fs(g.get("name_words")),
        "name_verbs": _fs(g.get("name_verbs")),
        "name_verb_reach": int(g.get("name_verb_reach", 2)),
        "cobuilt_verbs": _fs(g.get("cobuilt_verbs")),
        "park_field_heads": _fs(g.get("park_field_heads")),
        "name_verb_prefixes": tuple(g.get("name_verb_prefixes", [])),
        "place_abbrev_chars": frozenset(g.get("place_abbrev_chars", "")),
        "station_marks": tuple(g["station_marks"]),
        "counted_heads": _fs(g["counted_heads"]),
        "break_words": _fs(g.get("break_words")),
        "glued_verbs": _fs(g["glued_verbs"]),
        "inside_f": _fs(g.get("inside_f")),
        "stop_words": _fs(g.get("stop_words")),
        "span_prepositions": _fs(g.get("span_prepositions")),
        "role_nouns": _fs(g.get("role_nouns")),
        "apposition_nouns": _fs(g.get("apposition_nouns")),
        "apposition_tails": tuple(g.get("apposition_tails", [])),
        "title_followers": tuple(g.get("title_followers", [])),
        "member_followers": {k: tuple(v) for k, v in g.get("member_followers", {}).items()},
        "member_tails": tuple(g["member_tails"]),
        "body_tails": tuple(g["body_tails"]),
        "title_words": tuple(sorted(g.get("title_words", []), key=len, reverse=True)),
        "title_last_chars": frozenset(w[-1] for w in g.get("title_words", []) if w),
        "title_rx": re.compile("|".join(map(re.escape, sorted(g["title_words"], key=len, reverse=True))))
        if g.get("title_words") else None,
        "dept_suffixes": tuple(g.get("conjoined_department", {}).get("suffixes", [])),
        "dept_joiners": tuple(g.get("conjoined_department", {}).get("joiners", [])),
        "dept_field_max": int(g.get("conjoined_department", {}).get("field_max_chars", 6)),
        "max_name_chars": int(g.get("max_name_chars", 32)),
        "session_ordinal": re.compile(g["session"]["ordinal"]),
        "rank_modifier_min_chars": int(g["rank_modifier_min_chars"]),
        "clause_openers": tuple(sorted(set(g["clause_tail"]["openers"]) | set(g.get("stop_words", []))
                                       | set(g.get("break_words", [])), key=len, reverse=True)),
        "conj_joiners": _fs(g["conjoined_name"]["joiners"]),
        "conj_types": _fs(g["conjoined_name"]["types"]),
        "session_heads": _fs(g["session"]["heads"]),
        "sector_heads": _fs(g["sector_ministry"]["heads"]),
        "numbered_heads": _fs(g["numbered_works"]["heads"]),
        "park_field_marks": _fs(g["park_in_place"]["field_marks"]),
        "world_scopes": tuple(g["world_bodies"]["scopes"]),
        "world_heads": tuple(sorted(g["world_bodies"]["heads"], key=len, reverse=True)),
        "world_general": _fs(g["world_bodies"]["general_fields"]),
        "world_joiners": _fs(g["world_bodies"]["joiners"]),
        "world_max_field": int(g["world_bodies"]["max_field_chars"]),
        "designation_heads": tuple(sorted(g["designations"]["heads"], key=len, reverse=True)),
        "designation_named": _fs(g["designations"]["named_tags"]),
        "designation_conferring": tuple(g["designations"]["conferring"]),
        "conferred_heads": tuple(g["designations"].get("conferred_heads", [])),
        "valley_heads": tuple(g["valleys"]["heads"]),
        "valley_titles": tuple(g["valleys"]["titles"]),
        "valley_regions": tuple(g["valleys"]["regions"]),
        "league_head": g["short_leagues"]["head"],
        "league_not_first": _fs(g["short_leagues"]["not_first"]),
        "class_count": re.compile(g["counted_class"]["count"]),
        "class_article": re.compile(g["counted_class"]["article"]),
        "count_any_name": tuple(g["counted_class"]["any_name"]),
        "count_after_verbs": _fs(g["counted_class"].get("after_verbs")),
        "plenum_item": re.compile(g["plenum_ordinals"]["item"]),
        "plenum_rest": re.compile(g["plenum_ordinals"]["rest"]),
        "works_heads": tuple(g["phased_works"]["heads"]),
        "works_phase": re.compile(g["phased_works"]["phase"]),
        "transfer_project": re.compile(g["transfer_projects"]["pattern"]),
        "style_rest": re.compile(g["style_verbs"]["pattern"]),
        "style_span_chars": int(g["style_verbs"]["span_chars"]),
        "sector_tails": _fs(g["sector_ministry"]["sector_tails"]),
        "not_sectors": _fs(g["sector_ministry"]["not_sectors"]),
        "sector_ordinal": re.compile(g["sector_ministry"]["ordinal"]),
        "deictic_levels": _fs(g["deictic"]["levels"]),
        "deictic_bodies": _fs(g["deictic"]["bodies"]),
        "deictic_list_marks": _fs(g["deictic"]["list_marks"]),
        "list_levels": tuple(sorted(g["deictic"].get("list_levels", []), key=len, reverse=True)),
        "class_levels": _fs(g["class_levels"]["words"]),
        "class_level_types": _fs(g["class_levels"]["types"]),
        "max_paren_chars": int(g.get("max_paren_chars", 8)),
        "compass_before_paren": _fs(g.get("compass_before_paren", [])),
    }


def span_edges_kw(g: dict) -> dict:
    """OrgLexicon fields read from grammar.toml for the backend's spans: their edges and the spans that name none."""
    return {
        "state_firm_first": _fs(g.get("state_firm_first", [])),
        "state_firm_industries": _fs(g.get("state_firm_industries", [])),
        # optional sections (the schema's defaults): absent from an older user lexicon, their rules never fire
        "closing_closers": _fs(g.get("closing_head", {}).get("closers")),
        "closing_numeral": re.compile(g["closing_head"]["numeral_end"] if "closing_head" in g else "(?!)"),
        "relation_parties": re.compile(g["relation"]["parties"] if "relation" in g else "(?!)"),
        "commission_word": re.compile(g["commission"]["word"] if "commission" in g else "(?!)"),
        "group_heads": tuple(g.get("group_subject", {}).get("heads", [])),
        "group_max_field": int(g.get("group_subject", {}).get("max_field_chars", 0)),
        "group_class_words": tuple(g.get("group_subject", {}).get("class_words", [])),
        "compounds": tuple(g.get("compounds", {}).get("words", [])),
        "zero_prefix": g.get("zero_prefix", {}).get("prefix", ""),
        "zero_word": re.compile(g["zero_prefix"]["word"] if "zero_prefix" in g else "(?!)"),
        "zero_joins": _fs(g.get("zero_prefix", {}).get("joins")),
        "fund_verbs": tuple(g.get("fund_money", {}).get("verbs", [])),
        "goal_verbs": _fs(g.get("quoted_coinage", {}).get("goal_verbs")),
        "coinage_body_heads": _fs(g.get("quoted_coinage", {}).get("body_heads")),
        "coinage_window": int(g.get("quoted_coinage", {}).get("window", 0)),
        "level_verbs": _fs(g.get("subject_body", {}).get("level_verbs")),
        "combining_verbs": _fs(g.get("combination", {}).get("verbs")),
        "common_list_joiners": _fs(g.get("common_list", {}).get("joiners")),
        "common_list_closers": _fs(g.get("common_list", {}).get("closers")),
        "common_list_min": int(g.get("common_list", {}).get("min_common", 2)),
        "agent_prepositions": _fs(g.get("subject_body", {}).get("agent_prepositions")),
        "subject_joiners": _fs(g.get("subject_body", {}).get("joiners")),
        "clause_min_suffix": int(g["clause_tail"]["min_suffix"]),
        "clause_numeral": re.compile(g["clause_tail"]["numeral"]),
        "number_lead": re.compile(g["number_edges"]["lead"]),
        "number_tail": re.compile(g["number_edges"]["tail"]),
        "date_piece": re.compile(g["number_edges"]["date_piece"]),
        "activity_of": _fs(g["clause_tail"].get("activity_of")),
    }


def filters_kw(f: dict) -> dict:
    """OrgLexicon fields read from filters.toml."""
    return {
        "admin_suffixes": tuple(sorted(f.get("admin_suffixes", []), key=len, reverse=True)),
        "admin_unit_re": re.compile(f.get("admin_unit_pattern", "^$")),
        "place_words": _fs(f.get("place_words")),
        "building_suffixes": tuple(f.get("building_suffixes", [])),
        "event_suffixes": tuple(f.get("event_suffixes", [])),
        "event_exceptions": tuple(f.get("event_exceptions", [])),
        "generic_words": _fs(f.get("generic_words")),
        "fund_heads": tuple(f["fund_heads"]),
        "fund_kinds": tuple(sorted(f["fund_kind_words"], key=len, reverse=True)),
        "fund_scopes": tuple(f["fund_scopes"]),
        "scope_words": tuple(f["scope_words"]),
        "determiner_starts": tuple(f["determiner_starts"]),
        "kind_modifiers": _fs(f["kind_modifiers"]),
        "body_joiners": tuple(f["body_joiners"]),
        "category_words": _fs(f.get("category_words")),
        "field_words": tuple(f["field_words"]),
        "class_nouns": tuple(f["class_nouns"]),
        "activity_nouns": tuple(f.get("activity_nouns", [])),
        "common_words": _fs(f.get("common_words")),
        "miscut_pairs": tuple(tuple(p.split("|", 1)) for p in f.get("miscut_pairs", []) if "|" in p),
        "category_modifiers": _fs(f.get("category_modifiers")),
        "class_openers": tuple(m for m in f.get("category_modifiers", []) if len(m) >= 2),
        "tier_words": tuple(f.get("tier_words", [])),
        "distributive_words": tuple(f.get("distributive_words", [])),
        "level_words": _fs(f.get("level_words")),
        "rank_mark": f["rank_mark"],
        "type_marks": tuple(f["type_marks"]),
        "foreign_countries": tuple(sorted(f["foreign_countries"], key=len, reverse=True)),
        "country_keeps": tuple(f["country_keeps"]),
        "province_unit": f["province_unit"],
        "negative_followers": _fs(f.get("negative_followers")),
        "split_patterns": [re.compile(p) for p in f.get("split_patterns", [])],
        "reject_patterns": [re.compile(p) for p in f.get("reject_patterns", [])],
        "reject_re": re.compile("|".join(f"(?:{p})" for p in f.get("reject_patterns", [])) or "(?!)"),
    }


def enumeration_kw(e: dict) -> dict:
    """OrgLexicon fields read from enumeration.toml."""
    # imported here: projects.py imports the tokens module, which imports this one
    from pipeline.stages.organizations.projects import ModelMakers, ProjectOwners

    return {
        "closers": _fs(e.get("closers")),
        "list_openers": _fs(e.get("list_openers")),
        "negative_heads": _fs(e.get("negative_heads")),
        "negative_phrases": tuple(e.get("negative_phrases", [])),
        "collective_heads": _fs(e.get("collective_heads")),
        "openers": _fs(e.get("openers")),
        "separators": _fs(e.get("separators")),
        "max_gap_tokens": int(e.get("max_gap_tokens", 9)),
        "max_item_chars": int(e.get("max_item_chars", 16)),
        "governing_firm_nouns": _fs(e.get("governing_firm_nouns")),
        "field_heads": _fs(e.get("field_heads")),
        "field_head_openers": _fs(e.get("field_head_openers")),
        "project_owners": ProjectOwners.from_config(e.get("project_owners")),
        "model_makers": ModelMakers.from_config(e.get("model_makers")),
    }
