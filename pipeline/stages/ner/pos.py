"""The part-of-speech half of the backend contract: one tag set for every backend.

The organization and target layers test tags of one set only (configs/ner/pos.toml [tags], the PKU-style
set that LAC emits natively). HanLP (CTB or PKU tags) and spaCy (CTB ``tag_`` or Universal ``pos_``) map
into it here, next to the entity label map, so a rule layer never sees a model's own tag set.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pipeline.core.config import ConfigError, load_lexicon_toml

LEXICON = "ner/pos.toml"


@cache
def contract_tags() -> frozenset[str]:
    """The tags a rule layer may test."""
    return frozenset(load_lexicon_toml(LEXICON)["tags"])


@cache
def _scheme(name: str) -> dict[str, str]:
    schemes = load_lexicon_toml(LEXICON)["schemes"]
    if name not in schemes:
        raise ConfigError(f"configs/{LEXICON}: no [schemes.{name}]; known: {', '.join(sorted(schemes))}")
    table = dict(schemes[name])
    bad = {k: v for k, v in table.items() if v not in contract_tags()}
    if bad:
        raise ConfigError(f"configs/{LEXICON} [schemes.{name}] maps into tags outside [tags]: {bad}")
    return table


def normalize_pos(tags: Sequence[str], scheme: str) -> list[str]:
    """``tags`` of ``scheme`` ("lac", "ctb", "pku", "upos") as contract tags; unknown ones become "x"."""
    if scheme == "lac":
        known = contract_tags()
        return [t if t in known else "x" for t in tags]
    table = _scheme(scheme)
    known = contract_tags()
    return [table.get(t, t if t in ("PER", "LOC", "ORG", "TIME") and t in known else "x") for t in tags]


def guess_scheme(tags: Sequence[str]) -> str:
    """The scheme a model's tags come from, when the model does not say: CTB tags are upper case
    (NN, VV), Universal tags are upper-case words (NOUN, VERB), PKU/LAC tags are lower case."""
    upper = [t for t in tags if t and t.isupper() and t not in ("PER", "LOC", "ORG", "TIME")]
    if not upper:
        return "pku"
    upos = _scheme("upos")
    return "upos" if sum(t in upos for t in upper) > len(upper) / 2 else "ctb"
