"""A failing model fails as little as possible: a piece, then a document, never a chunk."""

from __future__ import annotations

from pipeline.run.task import DocFailure, DocOutput, DocumentProcessor
from pipeline.stages.ner.lac import LacBackend
from pipeline.stages.read.decode import make_document


def test_a_piece_the_model_fails_on_still_gets_words(monkeypatch):
    b = LacBackend()

    def broken(texts):
        raise RuntimeError("model failure")

    monkeypatch.setattr(b.model, "segments", broken)  # what analyze calls per batch
    [an] = b.analyze(["杭州市政府发布规划。"])
    assert "".join(an.words) == "杭州市政府发布规划。" and set(an.pos) == {"x"} and an.entities == []


def test_an_ner_failure_fails_only_its_own_document(monkeypatch):
    proc = DocumentProcessor()
    real = proc.backend.analyze

    def picky(sentences):
        if any("坏" in s for s in sentences):
            raise RuntimeError("backend failure")
        return real(sentences)

    monkeypatch.setattr(proc.backend, "analyze", picky)
    docs = [make_document("good1", "杭州市政府发布规划。", "<t>"), make_document("bad", "这是坏句子。", "<t>"),
            make_document("good2", "2023年投资5亿元。", "<t>")]
    out = proc.process_many(docs)
    assert [type(o) for o in out] == [DocOutput, DocFailure, DocOutput]
    assert out[1].stage == "ner" and out[2].rows["amounts"][0]["text"] == "5亿元"
