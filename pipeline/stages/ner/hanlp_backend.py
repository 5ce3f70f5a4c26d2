"""HanLP backend (optional extra: ``pip install .[hanlp]``).

``hanlp:<id or path>`` loads with ``hanlp.load``: a pretrained identifier
downloads into HANLP_HOME (only where the user has network; the pipeline
itself never downloads), a local directory works offline. Two kinds of
component are handled:

* multi-task models (``MultiTaskLearning``, e.g. the CLOSE_TOK_POS_NER_* ids):
  raw sentences in, a Document with ``tok/*``, ``pos/*`` and ``ner/*`` out;
  entity token offsets are mapped to char offsets by aligning the tokens;
* single NER taggers (e.g. MSRA_NER_* ids or an ``RNNNamedEntityRecognizer``
  trained locally): chars in, (text, label, begin, end) char spans out. They
  give no segmentation, so words are the entity spans plus single chars, and
  pos is the entity label for entity words and ``x`` otherwise (the LAC
  convention of entity tokens carrying their label).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from pipeline.core.records import Analysis
from pipeline.stages.ner import NerBackendError, normalize_label
from pipeline.stages.ner._text import align_tokens, analyze_in_pieces
from pipeline.stages.ner.pos import guess_scheme, normalize_pos

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 500  # transformer encoders stop at 512 subwords


def _import_hanlp() -> Any:
    try:
        import hanlp
    except ImportError as e:
        raise NerBackendError(
            "the hanlp NER backend needs the optional extra: pip install '.[hanlp]' "
            f"(hanlp==2.1.5 and torch==2.13.0); import failed: {e}"
        ) from e
    _patch_rnn_crf()
    return hanlp


def _patch_rnn_crf() -> None:
    """Fix HanLP 2.1.5's RNNTaggingModel, which builds ``CRF(n_out, crf_constraints)``.

    ``CRF``'s second parameter is ``batch_first``, so the constraints (None)
    turn a batch-first model into a time-first CRF: training and decoding of
    every RNN tagger (RNNNamedEntityRecognizer included) then mix up batch
    and time. Upstream's intent is ``CRF(n_out)``; the same one-line fix is
    applied by rebinding the module's ``CRF`` name before any model is built.
    """
    import hanlp.components.taggers.rnn.rnntaggingmodel as rtm
    from hanlp.layers.crf.crf import CRF

    if getattr(rtm.CRF, "_pipeline_fixed", False):
        return

    def crf_batch_first(num_tags: int, *_constraints: object, **_kw: object) -> CRF:
        return CRF(num_tags, batch_first=True)

    crf_batch_first._pipeline_fixed = True  # type: ignore[attr-defined]
    rtm.CRF = crf_batch_first


def _is_multitask(component: Any) -> bool:
    try:
        from hanlp.components.mtl.multi_task_learning import MultiTaskLearning
    except Exception:  # pragma: no cover - layout change in another hanlp version
        return type(component).__name__ == "MultiTaskLearning"
    return isinstance(component, MultiTaskLearning)


def _pick(keys: Sequence[str], prefix: str, prefer: Sequence[str]) -> str | None:
    for k in prefer:
        if k in keys:
            return k
    return next((k for k in keys if k == prefix or k.startswith(prefix + "/")), None)


class HanlpBackend:
    """Words, POS and ORG/PER/LOC/TIME spans from a HanLP component."""

    def __init__(self, model: str, batch_size: int = 64, max_chars: int | None = DEFAULT_MAX_CHARS,
                 devices: Any = -1, threads: int | None = 1) -> None:
        """``threads``: torch intra-op threads for this process (1 suits one worker per core;
        torch's own default spins every core in every worker); None leaves torch's setting."""
        hanlp = _import_hanlp()
        if threads:
            import torch

            torch.set_num_threads(int(threads))
        self.name = f"hanlp:{model}"
        self.batch_size = max(1, int(batch_size))
        self.max_chars = max_chars
        try:
            self.component = hanlp.load(model, verbose=False, devices=devices)
        except Exception as e:
            raise NerBackendError(
                f"hanlp could not load {model!r} ({type(e).__name__}: {e}); pass a local model directory, "
                "or a pretrained id with network access to download it into HANLP_HOME first"
            ) from e
        self.multitask = _is_multitask(self.component)

    def analyze(self, sentences: list[str]) -> list[Analysis]:
        return analyze_in_pieces(sentences, self.max_chars, self._run_all)

    def _run_all(self, texts: list[str]) -> list[Analysis]:
        out: list[Analysis] = []
        for i in range(0, len(texts), self.batch_size):
            batch = texts[i : i + self.batch_size]
            try:
                out.extend(self._run(batch))
            except Exception:
                log.exception("hanlp batch of %d failed; retrying sentence by sentence", len(batch))
                for t in batch:
                    try:
                        out.extend(self._run([t]))
                    except Exception:
                        log.exception("hanlp failed on a %d-char sentence; left without analysis", len(t))
                        out.append(Analysis([], [], []))
        return out

    def _run(self, texts: list[str]) -> list[Analysis]:
        if self.multitask:
            return self._run_multitask(texts)
        spans = self.component([list(t) for t in texts], batch_size=self.batch_size)
        return [_from_char_spans(t, s or []) for t, s in zip(texts, spans, strict=True)]

    def _run_multitask(self, texts: list[str]) -> list[Analysis]:
        doc = self.component(texts, batch_size=self.batch_size)
        keys = list(doc.keys())
        tok_key = _pick(keys, "tok", ("tok/fine", "tok/coarse", "tok"))
        pos_key = _pick(keys, "pos", ("pos/ctb", "pos/pku", "pos/863", "pos"))
        ner_key = _pick(keys, "ner", ("ner/msra", "ner/ontonotes", "ner/pku", "ner"))
        if tok_key is None:
            raise NerBackendError(f"hanlp model gives no tokens (keys {keys}); it cannot serve as NER backend")
        out = []
        for i, text in enumerate(texts):
            tokens = [str(w) for w in doc[tok_key][i]]
            pos = _contract_pos([str(p) for p in doc[pos_key][i]], pos_key) if pos_key else ["x"] * len(tokens)
            spans = align_tokens(text, tokens)
            ents: list[tuple[int, int, str]] = []
            for ent in (doc[ner_key][i] if ner_key else []):
                label = normalize_label(str(ent[1]))
                b, e = int(ent[2]), int(ent[3])
                if label and 0 <= b < e <= len(spans) and spans[b][0] < spans[e - 1][1]:
                    ents.append((spans[b][0], spans[e - 1][1], label))
            keep = [j for j, (s, e) in enumerate(spans) if e > s]
            out.append(Analysis([text[spans[j][0] : spans[j][1]] for j in keep],
                                [pos[j] if j < len(pos) else "x" for j in keep], ents))
        return out


def _contract_pos(tags: list[str], key: str) -> list[str]:
    """HanLP's tags (pos/ctb, pos/pku, pos/863) in the contract's tag set."""
    scheme = "ctb" if key.endswith("ctb") else "pku" if key.endswith(("pku", "863")) else guess_scheme(tags)
    return normalize_pos(tags, scheme)


def _from_char_spans(text: str, spans: Sequence[Sequence[Any]]) -> Analysis:
    """Analysis from (text, label, begin, end) char spans of a char-level NER tagger."""
    ents: list[tuple[int, int, str]] = []
    for sp in sorted(spans, key=lambda sp: (int(sp[2]), -int(sp[3]))):
        label = normalize_label(str(sp[1]))
        b, e = int(sp[2]), int(sp[3])
        if label and 0 <= b < e <= len(text) and (not ents or b >= ents[-1][1]):
            ents.append((b, e, label))
    words: list[str] = []
    pos: list[str] = []
    cur = 0
    for b, e, label in ents:
        words.extend(text[cur:b])
        pos.extend("x" * (b - cur))
        words.append(text[b:e])
        pos.append(label)
        cur = e
    words.extend(text[cur:])
    pos.extend("x" * (len(text) - cur))
    return Analysis(words, pos, ents)
