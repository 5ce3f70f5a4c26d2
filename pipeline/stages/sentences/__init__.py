"""Sentences: split clean text into sentences."""

from pipeline.stages.sentences.split import split_sentences

__all__ = ["split_sentences"]
