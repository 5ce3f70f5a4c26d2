"""Read stage robustness: every supported encoding decodes to the same text; bad bytes get a clear error."""

from __future__ import annotations

import os

import pytest

from conftest import SEEDS
from pipeline.stages.read.decode import (
    DocumentError,
    decode_bytes,
    find_sources,
    load_metadata,
    make_document,
    normalize_pub_date,
    read_document,
)

SHORT = "杭州市上城区2023年计划投资5亿元。\r\n第二段：１２３家企业。"


def _seed_text() -> str:
    return (SEEDS / "001_e5e3a2ae0d178eb4.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encode,label", [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: t.encode("gbk"), "gb18030"),
    (lambda t: t.encode("utf-16"), "utf-16-le"),            # Python writes a little-endian BOM
    (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("utf-32"), "utf-32-le"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),         # no BOM: recognized by its shape
    (lambda t: t.encode("utf-16-be"), "utf-16-be"),
])
@pytest.mark.parametrize("which", ["short", "seed"])
def test_every_supported_encoding_gives_the_same_text(encode, label, which):
    text = SHORT if which == "short" else _seed_text()
    got, enc = decode_bytes(encode(text))
    assert got == text  # CRLF and full-width forms are left to the cleaner
    assert enc == label


def test_a_stray_nul_in_a_long_text_is_kept_as_text():
    text = _seed_text()
    data = text.encode("utf-8")
    mid = data.index("。".encode()) + 3
    got, enc = decode_bytes(data[:mid] + b"\x00" + data[mid:])
    assert (got, enc) == (text[:len(data[:mid].decode())] + "\x00" + text[len(data[:mid].decode()):], "utf-8")


def test_a_file_cut_inside_its_last_character_keeps_the_rest():
    data = "杭州市上城区".encode()[:-1]
    assert decode_bytes(data) == ("杭州市上城", "utf-8")


@pytest.mark.parametrize("data,kind,hint", [
    (b"", "empty", "empty"),
    (b" \r\n\t ", "empty", "empty"),
    (b"\xef\xbb\xbf  \n", "empty", "empty"),
    (b"caf\xe9 cr\xe8me br\xfbl\xe9e \x80\xff", "undecodable", "re-save it as UTF-8"),
    (b"\xff\xfe" + b"\x00\xd8" + b"a\x00", "undecodable", "byte-order mark"),  # lone surrogate after a BOM
    (b"\x00\x01\x02abc" * 10, "binary", "binary"),
    (bytes(range(256)) * 4, "binary", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "pdftotext"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary", ".docx"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "OCR"),
    ("中文测试内容".encode("utf-16-le")[:-1], "undecodable", "UTF-8"),  # odd length, no BOM
])
def test_bad_bytes_raise_a_clear_error(data, kind, hint):
    with pytest.raises(DocumentError) as e:
        decode_bytes(data, "dir/x.txt")
    assert e.value.kind == kind
    assert str(e.value).startswith("dir/x.txt: ") and hint in str(e.value)


def test_undecodable_message_points_at_the_first_bad_byte():
    data = "第一行\n第二行".encode() + b"\xff\xfe\xfd" + b"tail"
    with pytest.raises(DocumentError, match=r"byte 0xff at byte 19, line 2"):
        decode_bytes(data, "x.txt")


def test_random_bytes_are_never_taken_for_text():
    import random

    rng = random.Random(7)
    accepted = []
    for n in (64, 512, 4096) * 100:
        data = bytes(rng.randrange(256) for _ in range(n))
        try:
            accepted.append(decode_bytes(data)[1])
        except DocumentError:
            pass
    assert not accepted


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_says_what_to_do(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("内容", encoding="utf-8")
    p.chmod(0)
    try:
        with pytest.raises(DocumentError, match="read permission") as e:
            read_document(p)
        assert e.value.kind == "unreadable"
    finally:
        p.chmod(0o644)


def test_broken_link_and_folder_named_txt(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text("内容", encoding="utf-8")
    # the broken link is listed so that the run reports it; the folder is walked, not read
    assert [p.name for p in find_sources([tmp_path])] == ["inner.txt", "gone.txt"]
    with pytest.raises(DocumentError, match="broken link") as e:
        read_document(tmp_path / "gone.txt")
    assert e.value.kind == "unreadable"
    with pytest.raises(DocumentError, match="it is a folder") as e:
        read_document(tmp_path / "folder.txt")
    assert e.value.kind == "unreadable"


def test_metadata_csv_saved_by_excel_as_gbk(tmp_path):
    meta = tmp_path / "m.csv"
    meta.write_bytes("doc_id,pub_date,标题\r\nd1,2023-05-05,杭州\r\n".encode("gbk"))
    assert load_metadata(meta) == {"d1": "2023-05-05"}
    meta.write_bytes("\ufeffdoc_id,pub_date\nd2,2024\n".encode())
    assert load_metadata(meta) == {"d2": "2024"}


def test_lone_surrogates_become_replacement_characters_in_place():
    doc = make_document("d", "a\ud800b\udfffc", "<string>")
    assert doc.raw == "a\ufffdb\ufffdc"


@pytest.mark.parametrize("value,iso", [("2024", "2024"), ("2024-06", "2024-06"), ("2024-06-05", "2024-06-05"),
                                       ("2024年6月5日", "2024-06-05"), ("2024年6月", "2024-06"), ("2024年", "2024"),
                                       ("2024/6/5", "2024-06-05"), (" 2023.5.5 ", "2023-05-05")])
def test_api_pub_date_forms_become_iso(value, iso):
    assert normalize_pub_date(value) == iso
    assert make_document("d", "今年", "<string>", pub_date=value).pub_date == iso


@pytest.mark.parametrize("value", ["garbage", "2024-13", "2024-06-32", "24-06-05", "六月"])
def test_api_rejects_a_pub_date_that_is_not_a_date(value):
    with pytest.raises(ValueError, match="not a date"):
        make_document("d", "今年", "<string>", pub_date=value)
