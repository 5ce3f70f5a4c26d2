"""The strict base of every lexicon schema: unknown keys and wrong types are errors, never defaults."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
