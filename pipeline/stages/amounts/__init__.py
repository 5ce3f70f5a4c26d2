"""Amounts: quantities with units, qualifiers and ranges."""

from pipeline.stages.amounts.grammar import extract_amounts

__all__ = ["extract_amounts"]
