"""Shared building blocks: records passed between stages, config and lexicon loading, numerals."""
