"""spaCy backend (optional extra: ``pip install .[spacy]``).

``spacy:<package or path>`` loads with ``spacy.load``: an installed pipeline
package (e.g. zh_core_web_sm, whose segmenter needs spacy-pkuseg) or a
directory written by ``nlp.to_disk`` / ``spacy train``. spaCy already gives
char offsets (``ent.start_char``); labels are normalized (ORG, PERSON, GPE,
LOC, DATE, TIME ...) and the rest dropped. POS is the fine tag, else the
coarse UPOS, else the entity label for entity tokens, else ``x``.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.core.records import Analysis
from pipeline.stages.ner import NerBackendError, normalize_label
from pipeline.stages.ner._text import analyze_in_pieces
from pipeline.stages.ner.pos import guess_scheme, normalize_pos

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 512


def _import_spacy() -> Any:
    try:
        import spacy
    except ImportError as e:
        raise NerBackendError(
            "the spacy NER backend needs the optional extra: pip install '.[spacy]' "
            f"(spacy 3.x and spacy-pkuseg); import failed: {e}"
        ) from e
    return spacy


class SpacyBackend:
    """Words, POS and ORG/PER/LOC/TIME spans from a spaCy pipeline."""

    def __init__(self, model: str, batch_size: int = 64, max_chars: int | None = DEFAULT_MAX_CHARS,
                 threads: int | None = None) -> None:
        """``threads`` is accepted for a uniform config; spaCy's CPU pipelines use one thread."""
        spacy = _import_spacy()
        self.name = f"spacy:{model}"
        self.batch_size = max(1, int(batch_size))
        self.max_chars = max_chars
        try:
            self.nlp = spacy.load(model)
        except Exception as e:
            raise NerBackendError(
                f"spacy could not load {model!r} ({type(e).__name__}: {e}); pass a pipeline directory "
                "or an installed pipeline package name"
            ) from e

    def analyze(self, sentences: list[str]) -> list[Analysis]:
        return analyze_in_pieces(sentences, self.max_chars, self._run_all)

    def _run_all(self, texts: list[str]) -> list[Analysis]:
        try:
            return [_from_doc(d) for d in self.nlp.pipe(texts, batch_size=self.batch_size)]
        except Exception:
            log.exception("spacy failed on a batch of %d; retrying sentence by sentence", len(texts))
        out: list[Analysis] = []
        for t in texts:
            try:
                out.append(_from_doc(self.nlp(t)))
            except Exception:
                log.exception("spacy failed on a %d-char sentence; left without analysis", len(t))
                out.append(Analysis([], [], []))
        return out


def _from_doc(doc: Any) -> Analysis:
    words: list[str] = []
    fine: list[str] = []
    coarse: list[str] = []
    for tok in doc:
        if tok.is_space or not tok.text:
            continue
        words.append(tok.text)
        fine.append(tok.tag_ or "")
        coarse.append(tok.pos_ or "")
    # zh_core_web_* give CTB fine tags; a model without them may still give Universal coarse tags.
    if any(fine):
        pos = normalize_pos(fine, guess_scheme(fine))
    else:
        pos = normalize_pos(coarse, "upos") if any(coarse) else ["x"] * len(words)
    ents = []
    for ent in doc.ents:
        label = normalize_label(ent.label_)
        if label and ent.end_char > ent.start_char:
            ents.append((ent.start_char, ent.end_char, label))
    return Analysis(words, pos, ents)
