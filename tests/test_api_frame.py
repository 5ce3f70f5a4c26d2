"""extract_frame and extract_text: batch extraction from a DataFrame, config, errors, clear TypeErrors;
`extract --table` from the command line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import extract_frame, extract_text
from pipeline.api.frame import iso_date
from pipeline.cli import main
from pipeline.core.config import ConfigError
from pipeline.run.store import read_table

T1 = "到2025年，常住人口城镇化率达到70%。"
T2 = "杭州市上城区政务服务中心今年办理业务2400余件。"


@pytest.fixture(scope="module")
def messy() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "a", None, "e", "f"],
        "body": [T1, T2, None, T1, T2, "  \n", T2],
        "date": ["2023", pd.Timestamp("2024-05-01"), None, None, None, None, "2024-13-01"],
        "city": ["杭州", "南京", "x", "y", "z", "w", "v"],
    })


@pytest.fixture(scope="module")
def messy_tables(messy) -> dict[str, pd.DataFrame]:
    return extract_frame(messy, text="body", id="id", date="date")


def test_frame_extracts_good_rows_in_order_with_their_dates_and_columns(messy_tables):
    docs = messy_tables["documents"]
    assert docs.doc_id.tolist() == ["a", "b"]
    assert docs.pub_date.tolist() == ["2023", "2024-05-01"]
    assert docs.city.tolist() == ["杭州", "南京"]
    assert (docs.source_path == "<frame>").all()
    t = messy_tables["targets"]
    assert t.doc_id.tolist() == ["a"] and t.deadline_year.tolist() == [2025]
    assert t.row_id.tolist() == ["a:targets:0"] and docs.row_id.tolist() == ["a", "b"]  # ids name the rows' doc_ids
    assert messy_tables["amounts"].row_id.str.startswith(("a:", "b:")).all()
    d = messy_tables["dates"]
    assert d.loc[d.doc_id == "b", "value"].tolist() == ["2024"]  # 今年 anchored by the date column


def test_frame_bad_rows_become_errors_and_the_rest_goes_on(messy_tables):
    errs = messy_tables["errors"].set_index("doc_id")
    assert set(errs.index) == {"c", "a", "<row 4>", "e", "f"}
    assert errs.loc["c", "kind"] == "not_text" and "row 2" in errs.loc["c", "message"]
    assert errs.loc["a", "kind"] == "duplicate_doc_id"
    assert errs.loc["<row 4>", "kind"] == "no_doc_id"
    assert errs.loc["e", "kind"] == "empty"
    assert errs.loc["f", "kind"] == "pub_date" and "2024-13-01" in errs.loc["f", "message"]


def test_frame_defaults_index_ids_and_missing_columns():
    df = pd.DataFrame({"text": [T1, T2]}, index=["x", "y"])
    tables = extract_frame(df)
    assert tables["documents"].doc_id.tolist() == ["x", "y"]
    assert tables["documents"].pub_date.isna().all()
    with pytest.raises(KeyError, match="no text column 'body'"):
        extract_frame(df, text="body")
    with pytest.raises(KeyError, match="no date column 'when'"):
        extract_frame(df, date="when")
    with pytest.raises(TypeError, match="DataFrame, not str.*extract_text"):
        extract_frame(T1)
    with pytest.raises(ValueError, match="n_process"):
        extract_frame(df, n_process=0)


def test_frame_with_an_empty_frame_gives_empty_tables():
    tables = extract_frame(pd.DataFrame({"doc_id": [], "text": []}))
    assert all(t.empty for t in tables.values())
    assert "date_start" in tables["dates"].columns


def test_frame_config_dict_and_n_process_give_the_same_rows():
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "text": [T1, T2] * 3, "pub_date": "2024"})
    one = extract_frame(df)
    two = extract_frame(df, n_process=2, config={"ner": {"batch_size": 4}})
    for name in ("documents", "amounts", "dates", "targets", "organizations"):
        pd.testing.assert_frame_equal(one[name], two[name])
    with pytest.raises(ConfigError, match="nerr"):
        extract_frame(df, config={"nerr": {}})
    with pytest.raises(ConfigError, match="batchsize"):
        extract_frame(df, config={"ner": {"batchsize": 4}})


@pytest.mark.parametrize("bad, word", [(None, "NoneType"), (pd.Series(["x"]), "Series"), (b"x", "bytes"),
                                       (float("nan"), "float"), (["x"], "list")])
def test_extract_text_names_the_expected_type(bad, word):
    with pytest.raises(TypeError) as e:
        extract_text(bad)
    msg = str(e.value)
    assert "\n" not in msg and "must be a str" in msg and word in msg


def test_extract_text_takes_config_and_returns_errors(tmp_path):
    toml = tmp_path / "c.toml"
    toml.write_text("[ner]\nbatch_size = 2\n", encoding="utf-8")
    a = extract_text(T2, pub_date="2024", config=toml)
    b = extract_text(T2, pub_date="2024", config={"ner": {"batch_size": 3}})
    assert a["errors"].empty and list(a["errors"].columns)[:3] == ["doc_id", "source_path", "stage"]
    pd.testing.assert_frame_equal(a["amounts"], b["amounts"])
    with pytest.raises(ConfigError, match="batch_size"):
        extract_text(T2, config={"ner": {"batch_size": "many"}})


@pytest.mark.parametrize("v, iso", [("2024", "2024"), ("2024年6月5日", "2024-06-05"), (2023, "2023"),
                                    (pd.Timestamp("2024-01-02 10:00"), "2024-01-02"), ("2024-01-02 10:00:00", "2024-01-02"), (None, None),
                                    (float("nan"), None), (pd.NaT, None)])
def test_iso_date_accepts_the_forms_tables_hold(v, iso):
    assert iso_date(v) == iso


def test_cli_extract_table_in_three_formats(tmp_path, messy):
    df = messy.iloc[[0, 1]].rename(columns={"id": "key"})
    paths = {"csv": tmp_path / "t.csv", "parquet": tmp_path / "t.parquet", "jsonl": tmp_path / "t.jsonl"}
    df.astype({"date": str}).to_csv(paths["csv"], index=False)
    df.astype({"date": str}).to_parquet(paths["parquet"])
    df.astype({"date": str}).to_json(paths["jsonl"], orient="records", lines=True, force_ascii=False)
    got = {}
    for kind, p in paths.items():
        out = tmp_path / f"out_{kind}"
        r = CliRunner().invoke(main, ["extract", "--table", str(p), "--text-col", "body", "--id-col", "key",
                                      "--date-col", "date", "-o", str(out), "--workers", "1"])
        assert r.exit_code == 0, r.output
        docs = read_table(out, "documents").to_pandas()
        assert docs.doc_id.tolist() == ["a", "b"] and docs.pub_date.tolist() == ["2023", "2024-05-01"]
        assert (out / "_sources" / "t" / "a.txt").read_text(encoding="utf-8") == T1
        assert [json.loads(x) for x in docs.extra] == [{"city": "杭州"}, {"city": "南京"}]  # other columns kept
        got[kind] = read_table(out, "amounts").to_pandas().drop(columns=[])
    pd.testing.assert_frame_equal(got["csv"], got["parquet"])
    pd.testing.assert_frame_equal(got["csv"], got["jsonl"])


def test_cli_extract_table_reports_bad_tables(tmp_path):
    p = tmp_path / "t.csv"
    pd.DataFrame({"doc_id": ["a/b"], "text": [T1]}).to_csv(p, index=False)
    r = CliRunner().invoke(main, ["extract", "--table", str(p), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "cannot be a file name" in r.output
    r = CliRunner().invoke(main, ["extract", "--table", str(p), "--text-col", "body", "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "no text column 'body'" in r.output
    (tmp_path / "t.xlsx").write_bytes(b"x")
    r = CliRunner().invoke(main, ["extract", "--table", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and ".csv, .parquet or .jsonl" in r.output
    r = CliRunner().invoke(main, ["extract", "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "--table" in r.output


def test_cli_table_row_without_text_is_an_error_row_and_a_dropped_row_loses_its_file(tmp_path):
    p = tmp_path / "t.jsonl"
    rows = [{"doc_id": "a", "text": T1}, {"doc_id": "b", "text": None}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "o"
    r = CliRunner().invoke(main, ["extract", "--table", str(p), "-o", str(out)])
    assert r.exit_code == 3, r.output
    assert read_table(out, "errors").to_pandas().doc_id.tolist() == ["b"]
    p.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    CliRunner().invoke(main, ["extract", "--table", str(p), "-o", str(out)])
    assert sorted(f.name for f in (out / "_sources" / "t").iterdir()) == ["a.txt"]


def test_extract_text_reports_a_failing_stage_as_an_errors_row(monkeypatch):
    import pipeline.api.text as api_text

    class Broken:
        def process(self, doc):
            raise RuntimeError("the stage broke")

    monkeypatch.setattr(api_text, "_processor", lambda cfg_json: Broken())
    out = extract_text(T2, doc_id="x")
    assert out["errors"][["doc_id", "stage", "kind"]].values.tolist() == [["x", "extract", "exception"]]
    assert "RuntimeError: the stage broke" in out["errors"].message[0] and "Traceback" in out["errors"].traceback[0]
    assert out["documents"].empty and out["amounts"].empty
