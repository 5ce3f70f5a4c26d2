"""The part-of-speech contract: every backend's tags map into one tag set."""

from __future__ import annotations

import pytest

from pipeline.core.config import ConfigError
from pipeline.stages.ner.pos import contract_tags, guess_scheme, normalize_pos


def test_lac_tags_are_the_contract():
    assert normalize_pos(["n", "nt", "ORG", "vn", "w"], "lac") == ["n", "nt", "ORG", "vn", "w"]
    assert normalize_pos(["BOGUS"], "lac") == ["x"]


@pytest.mark.parametrize("scheme,tags,want", [
    ("ctb", ["NN", "NR", "VV", "CD", "M", "PU", "DEG", "LC"], ["n", "nr", "v", "m", "q", "w", "u", "f"]),
    ("pku", ["n", "Ng", "j", "vn", "b", "w"], ["n", "n", "nz", "vn", "a", "w"]),
    ("upos", ["NOUN", "PROPN", "VERB", "NUM", "PUNCT"], ["n", "nz", "v", "m", "w"]),
])
def test_schemes_map_into_the_contract(scheme, tags, want):
    got = normalize_pos(tags, scheme)
    assert got == want
    assert set(got) <= contract_tags()


def test_unknown_tags_become_x_and_entity_tags_pass():
    assert normalize_pos(["ZZ", "ORG"], "ctb") == ["x", "ORG"]


def test_guess_scheme():
    assert guess_scheme(["NN", "VV", "PU"]) == "ctb"
    assert guess_scheme(["NOUN", "VERB", "PUNCT"]) == "upos"
    assert guess_scheme(["n", "v", "w"]) == "pku"


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(ConfigError, match="schemes.nope"):
        normalize_pos(["NN"], "nope")
