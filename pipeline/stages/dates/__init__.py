"""Dates: date mentions, normalized against the document date."""

from pipeline.stages.dates.grammar import extract_dates

__all__ = ["extract_dates"]
