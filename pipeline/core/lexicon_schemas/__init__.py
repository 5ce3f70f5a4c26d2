"""Schemas of the lexicon files under configs/, one module per folder (one per stage).

Strict: an unknown section or key, or a value of the wrong type, is a ConfigError naming the file and
the key (the CLI exits 2), never a silent fall back to a default. A section whose keys are words (a
map from a word to its value) is a dict. A stage that adds a key to its lexicon adds it to its module
here; `python -m pipeline.core.lexicon_schemas` checks every shipped lexicon.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from pipeline.core.lexicon_schemas import actors as _actors
from pipeline.core.lexicon_schemas import amounts as _amounts
from pipeline.core.lexicon_schemas import clean as _clean
from pipeline.core.lexicon_schemas import dates as _dates
from pipeline.core.lexicon_schemas import ner as _ner
from pipeline.core.lexicon_schemas import organizations as _organizations
from pipeline.core.lexicon_schemas import places as _places
from pipeline.core.lexicon_schemas import registry as _registry
from pipeline.core.lexicon_schemas import targets as _targets

# lexicon file (relative to configs/) -> its schema
SCHEMAS: dict[str, TypeAdapter[Any]] = {
    **_actors.SCHEMAS,
    **_amounts.SCHEMAS,
    **_clean.SCHEMAS,
    **_dates.SCHEMAS,
    **_ner.SCHEMAS,
    **_organizations.SCHEMAS,
    **_places.SCHEMAS,
    **_registry.SCHEMAS,
    **_targets.SCHEMAS,
}
