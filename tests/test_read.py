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


# Speech datelines (configs/dates/dates.toml [datelines]): the head lines of the provincial and State Council reports.
SPEECH_HEADS = [
    ("2025年广西政府工作报告\n来源：广西日报\n2025年1月13日在广西壮族自治区第十四届人民代表大会第三次会议上\n"
     "自治区主席 蓝天立\n各位代表：", "2025-01-13"),
    ("2025年海南省政府工作报告\n——2025年1月14日海南省省长 刘小明在海南省第七届人民代表大会第四次会议上\n各位代表：",
     "2025-01-14"),
    ("来源：江西省人民政府2025年1月17日在江西省第十四届人民代表大会第四次会议上\n各位代表：", "2025-01-17"),
    ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：", "2024-03-05"),
]


@pytest.mark.parametrize(("raw", "iso"), SPEECH_HEADS, ids=["guangxi", "hainan", "jiangxi", "state_council"])
def test_a_speech_dateline_dates_the_report(raw, iso):
    assert header_date(raw) == iso


def test_no_speech_dateline_without_a_day_or_a_meeting():
    assert header_date("2025年北京市政府工作报告\n来源：北京日报\n各位代表：") is None  # a headline's year
    assert header_date("2025年1月13日，全省经济运行会议在南宁召开\n正文") is None  # no 在 before the meeting
    assert header_date("标题\n" + "正文一行\n" * 9 + "2025年1月13日在第三次会议上") is None  # past the head lines
    # a lead that opens on a past event is a sentence, no dateline
    assert header_date("改革开放四十年\n1978年12月18日在北京召开的十一届三中全会上，党的工作重点转移到经济建设上来。") is None


def test_the_speech_date_anchors_this_year():
    from pipeline import extract_text

    t = extract_text("2025年1月13日在广西壮族自治区第十四届人民代表大会第三次会议上\n今年经济增长5%左右。", doc_id="r")
    assert "2025" in set(t["dates"].loc[t["dates"].text == "今年", "value"])
