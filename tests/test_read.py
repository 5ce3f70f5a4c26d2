"""Read stage: decoding, doc ids, metadata and datelines."""

from __future__ import annotations

import pytest

from pipeline.stages.read.decode import (
    DocumentError,
    decode_bytes,
    find_sources,
    header_date,
    load_metadata,
    read_document,
)

TEXT = "杭州市上城区发布2023年计划。\n第二段。"


@pytest.mark.parametrize("data,enc", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("utf-16"), None),
])
def test_decodes_common_encodings(data, enc):
    text, got = decode_bytes(data)
    assert text == TEXT
    if enc:
        assert got == enc


@pytest.mark.parametrize("data,kind", [(b"", "empty"), (b"  \n", "empty"), (b"\x00\x01\x02abc" * 10, "binary")])
def test_bad_bytes_raise_a_clear_error(data, kind):
    with pytest.raises(DocumentError) as e:
        decode_bytes(data, "x.txt")
    assert e.value.kind == kind and "x.txt" in str(e.value)


def test_header_date_and_metadata_precedence(tmp_path):
    raw = "标题\n\n2023-05-05 08:09:33\n\n正文今年以来……"
    assert header_date(raw) == "2023-05-05"
    assert header_date("正文没有日期") is None
    p = tmp_path / "doc1.txt"
    p.write_text(raw, encoding="utf-8")
    assert read_document(p).pub_date == "2023-05-05"
    assert read_document(p).pub_date_source == "header"
    meta = tmp_path / "m.csv"
    meta.write_text("doc_id,pub_date\ndoc1,2024-06\n", encoding="utf-8")
    doc = read_document(p, load_metadata(meta))
    assert (doc.doc_id, doc.pub_date, doc.pub_date_source) == ("doc1", "2024-06", "metadata")


def test_metadata_rejects_non_iso_dates(tmp_path):
    meta = tmp_path / "m.csv"
    meta.write_text("doc_id,pub_date\nd,2024年6月\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="not ISO"):
        load_metadata(meta)


def test_find_sources_walks_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "y.txt").write_text("y", encoding="utf-8")
    (tmp_path / "z.csv").write_text("z", encoding="utf-8")
    assert [p.name for p in find_sources([tmp_path])] == ["x.txt", "y.txt"]
