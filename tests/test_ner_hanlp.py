"""HanLP backend: a tiny RNN NER trained here offline, loaded by path through load_backend."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("hanlp")

from pipeline.core.records import Analysis  # noqa: E402
from pipeline.stages.ner import NerBackendError, load_backend  # noqa: E402
from pipeline.stages.ner.hanlp_backend import HanlpBackend, _import_hanlp  # noqa: E402

# Made-up training sentences with MSRA labels (NT/NR/NS), as HanLP's Chinese NER models use.
TRAIN = [
    ("上海市人民政府发布通知", [(0, 7, "NT")]),
    ("张三在北京市工作", [(0, 2, "NR"), (3, 6, "NS")]),
    ("浙江省发展和改革委员会召开会议", [(0, 11, "NT")]),
    ("李四到杭州市调研", [(0, 2, "NR"), (3, 6, "NS")]),
    ("王五担任江苏省科学技术厅厅长", [(0, 2, "NR"), (4, 12, "NT")]),
    ("安徽省投入资金", [(0, 3, "NS")]),
    ("合肥市财政局拨付专项资金", [(0, 6, "NT")]),
    ("赵六在南京市参加会议", [(0, 2, "NR"), (3, 6, "NS")]),
]
NORM = {"NT": "ORG", "NR": "PER", "NS": "LOC"}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    import torch

    _import_hanlp()  # applies the CRF fix before the model is built
    torch.set_num_threads(1)  # a tiny LSTM: more threads only spin against each other
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    root = tmp_path_factory.mktemp("hanlp_ner")
    trn = root / "train.tsv"
    with open(trn, "w", encoding="utf-8") as f:
        for text, ents in TRAIN:
            tags = ["O"] * len(text)
            for s, e, lab in ents:
                tags[s : e] = [f"B-{lab}"] + [f"I-{lab}"] * (e - s - 1)
            f.writelines(f"{c}\t{t}\n" for c, t in zip(text, tags, strict=True))
            f.write("\n")
    save = root / "model"
    rec = RNNNamedEntityRecognizer()
    # dev = train: the best-on-dev checkpoint is the one that memorized the sentences.
    rec.fit(str(trn), str(trn), str(save), epochs=30, embed=32, rnn_hidden=32, batch_size=8, drop=0.0,
            lr=0.05, patience=4, tagging_scheme="BIO", verbose=False, seed=0)  # fit's default seed is the clock
    return save


def test_loads_by_path_and_finds_trained_entities(model_dir):
    backend = load_backend(f"hanlp:{model_dir}", batch_size=3)
    assert backend.name == f"hanlp:{model_dir}"
    texts = [t for t, _ in TRAIN]
    got = backend.analyze(texts)
    for (text, ents), an in zip(TRAIN, got, strict=True):
        assert an.entities == [(s, e, NORM[lab]) for s, e, lab in ents], text
        assert "".join(an.words) == text
        assert len(an.words) == len(an.pos)
        for s, e, lab in an.entities:
            assert text[s:e] in an.words
            assert an.pos[an.words.index(text[s:e])] == lab


def test_offsets_survive_long_and_odd_input(model_dir):
    backend = load_backend(f"hanlp:{model_dir}")
    long = "一" * 700 + "，张三在北京市工作"
    got = backend.analyze(["", "  ", long, None, "张三在北京市工作"])  # type: ignore[list-item]
    assert got[0] == got[1] == got[3] == Analysis([], [], [])
    assert "".join(got[2].words) == long
    for s, e, _lab in got[2].entities:
        assert 0 <= s < e <= len(long)
    assert got[4].entities == [(0, 2, "PER"), (3, 6, "LOC")]


class _FakeMultiTask:
    """Stands in for a pretrained multi-task model's output (a Document is a dict)."""

    def __call__(self, texts, batch_size=None):
        assert texts == ["长三角 一体化示范区执委会在上海召开会议"]
        return {
            "tok/fine": [["长三角", "一体化", "示范区", "执委会", "在", "上海", "召开", "会议"]],
            "pos/ctb": [["NR", "NN", "NN", "NN", "P", "NR", "VV", "NN"]],
            "ner/msra": [[("长三角一体化示范区执委会", "ORGANIZATION", 0, 4), ("上海", "LOCATION", 5, 6),
                          ("会议", "WORK_OF_ART", 7, 8)]],
        }


def test_multitask_output_maps_tokens_to_char_offsets():
    backend = HanlpBackend.__new__(HanlpBackend)
    backend.name, backend.batch_size, backend.max_chars = "hanlp:fake", 8, 500
    backend.component, backend.multitask = _FakeMultiTask(), True
    text = "长三角 一体化示范区执委会在上海召开会议"
    an = backend.analyze([text])[0]
    assert an.words[:2] == ["长三角", "一体化"]
    # CTB tags come out in the contract's tag set (configs/ner/pos.toml): NR -> nr, P -> p, VV -> v.
    assert an.pos == ["nr", "n", "n", "n", "p", "nr", "v", "n"]
    assert an.entities == [(0, 13, "ORG"), (14, 16, "LOC")]
    assert text[0:13] == "长三角 一体化示范区执委会"


def test_bad_path_is_a_clear_error(tmp_path):
    with pytest.raises(NerBackendError, match="hanlp could not load"):
        load_backend(f"hanlp:{tmp_path / 'missing'}")


def test_organization_and_target_layers_run_on_hanlp_with_no_lac_loaded(model_dir):
    from layers_probe import run_layers

    out = run_layers(f"hanlp:{model_dir}")
    assert out["loaded"] == []  # no LAC model behind the backend's back
    assert "上海市人民政府" in out["orgs"] and "合肥市财政局" in out["orgs"]
    assert [100.0, "2024"] in out["targets"] and [10.0, "2025"] in out["targets"]
