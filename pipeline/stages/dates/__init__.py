"""Dates: date mentions, normalized against the document date (API in grammar.py's docstring)."""

from pipeline.stages.dates.grammar import DateContext, deadline_mentions, extract_dates

__all__ = ["DateContext", "deadline_mentions", "extract_dates"]
