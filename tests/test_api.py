"""The notebook API returns the SPEC tables for one string."""

from pipeline import extract_text


def test_extract_text_returns_the_tables():
    tabs = extract_text("2023年，杭州市上城区政务服务中心累计办理业务2400余件。", doc_id="t", pub_date="2024")
    for k in ("documents", "organizations", "amounts", "dates", "targets"):
        assert k in tabs
    assert tabs["documents"].doc_id.tolist() == ["t"]
    assert tabs["documents"].pub_date.tolist() == ["2024"]
    assert "2023年" in tabs["dates"].text.tolist()
    assert not tabs["amounts"].empty
