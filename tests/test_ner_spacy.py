"""spaCy backend: a tiny pipeline trained here offline, loaded by path through load_backend."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from pipeline.core.records import Analysis  # noqa: E402
from pipeline.stages.ner import NerBackendError, load_backend  # noqa: E402

# Made-up training sentences (spaCy labels, to check the normalization too).
TRAIN = [
    ("上海市人民政府发布通知", [(0, 7, "ORG")]),
    ("张三在北京市工作", [(0, 2, "PERSON"), (3, 6, "GPE")]),
    ("浙江省发展和改革委员会召开会议", [(0, 11, "ORG")]),
    ("李四二〇二三年到杭州市调研", [(0, 2, "PERSON"), (2, 7, "DATE"), (8, 11, "GPE")]),
    ("王五担任江苏省科学技术厅厅长", [(0, 2, "PERSON"), (4, 12, "ORG")]),
    ("安徽省投入资金三亿元", [(0, 3, "GPE"), (7, 10, "MONEY")]),
    ("合肥市财政局拨付专项资金", [(0, 6, "ORG")]),
    ("赵六在南京市参加会议", [(0, 2, "PERSON"), (3, 6, "GPE")]),
]
NORM = {"ORG": "ORG", "PERSON": "PER", "GPE": "LOC", "DATE": "TIME"}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(0)
    nlp = spacy.blank("zh")  # char segmenter: no pkuseg model needed
    ner = nlp.add_pipe("ner")
    for _t, ents in TRAIN:
        for _s, _e, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": ents}) for t, ents in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(60):
        rng.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    out = tmp_path_factory.mktemp("spacy_ner") / "model"
    nlp.to_disk(out)
    return out


def test_loads_by_path_and_finds_trained_entities(model_dir):
    backend = load_backend(f"spacy:{model_dir}", batch_size=3)
    assert backend.name == f"spacy:{model_dir}"
    texts = [t for t, _ in TRAIN]
    got = backend.analyze(texts)
    assert len(got) == len(texts)
    for (text, ents), an in zip(TRAIN, got, strict=True):
        want = [(s, e, NORM[lab]) for s, e, lab in ents if lab in NORM]  # MONEY dropped
        assert an.entities == want, text
        assert "".join(an.words) == text
        assert len(an.words) == len(an.pos)
        bounds = {0}
        for w in an.words:
            bounds.add(max(bounds) + len(w))
        assert all(s in bounds and e in bounds for s, e, _lab in an.entities)


def test_offsets_survive_long_and_odd_input(model_dir):
    backend = load_backend(f"spacy:{model_dir}")
    long = "一" * 700 + "，张三在北京市工作"
    got = backend.analyze(["", "  ", long, None])  # type: ignore[list-item]
    assert got[0] == Analysis([], [], [])
    assert got[1] == Analysis([], [], [])
    assert got[3] == Analysis([], [], [])
    for s, e, _lab in got[2].entities:
        assert 0 <= s < e <= len(long)
    assert "".join(got[2].words) == long


def test_bad_path_is_a_clear_error(tmp_path):
    with pytest.raises(NerBackendError, match="spacy could not load"):
        load_backend(f"spacy:{tmp_path / 'missing'}")


def test_organization_and_target_layers_run_on_spacy_with_no_lac_loaded(model_dir):
    from layers_probe import run_layers

    out = run_layers(f"spacy:{model_dir}")
    assert out["loaded"] == []  # no LAC model behind the backend's back
    assert "上海市人民政府" in out["orgs"] and "合肥市财政局" in out["orgs"]
    assert [100.0, "2024"] in out["targets"] and [10.0, "2025"] in out["targets"]
