"""One generic test over the corpus of every dimension: configs/<dimension>/corpus.jsonl.

A case is one JSON line (the format is in configs/README.md): an input text, where it was found
(``source``), an optional publication date, the rows it must yield (``expect``), rows it must not yield
(``absent``) and, with ``"only": true``, no other rows. Test ids read ``dates/corpus.jsonl:17``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.core.config import CONFIG_DIR

# The table each dimension's rows are checked against; clean cases check the document's clean_text.
TABLES = {"amounts": "amounts", "dates": "dates", "organizations": "organizations", "targets": "targets",
          "clean": "documents", "places": "places", "actors": None}


def _squash(s: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


# Corpora measured by precision and recall against a target, not case by case: their own test scores them.
SCORED_ELSEWHERE = {"actors": "tests/test_link_actors.py", "places": "tests/test_link_places.py"}


def _cases() -> list:
    out = []
    for path in sorted(CONFIG_DIR.glob("*/corpus.jsonl")):
        dim = path.parent.name
        if dim in SCORED_ELSEWHERE:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("//"):
                out.append(pytest.param(dim, line, id=f"{dim}/corpus.jsonl:{n}"))
    return out


def _is_null(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _same(want: object, got: object) -> bool:
    if _is_null(want) or _is_null(got):
        return _is_null(want) and _is_null(got)
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(want) == bool(got)
    if isinstance(want, int | float) and not isinstance(want, bool):
        try:
            g = float(got)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return abs(float(want) - g) <= 1e-4 * max(abs(float(want)), abs(g)) + 1e-9
    if hasattr(got, "isoformat"):
        got = got.isoformat()
    return _squash(want) == _squash(got)


def _matches(want: dict, row: dict) -> bool:
    return all(k in row and _same(v, row[k]) for k, v in want.items() if k != "table")


def _rows(tables: dict, name: str) -> list[dict]:
    df = tables.get(name)
    return [] if df is None else df.to_dict("records")


def _check_clean(case: dict, tables: dict) -> None:
    text = _squash(tables["documents"]["clean_text"].iloc[0])
    for want in case.get("expect", []):
        assert _squash(want["contains"]) in text, f"clean text lacks {want['contains']!r}: {text!r}"
    for bad in case.get("absent", []):
        assert _squash(bad["contains"]) not in text, f"clean text keeps {bad['contains']!r}: {text!r}"


@pytest.mark.parametrize("dim,line", _cases())
def test_corpus_case(dim: str, line: str) -> None:
    from pipeline import extract_text

    case = json.loads(line)
    assert case.get("source"), "every case names where its text was found (source)"
    tables = extract_text(case["text"], doc_id="case", pub_date=case.get("pub_date"))
    if dim == "clean":
        _check_clean(case, tables)
        return
    default = TABLES.get(dim, dim)
    for want in case.get("expect", []):
        rows = _rows(tables, want.get("table", default))
        assert any(_matches(want, r) for r in rows), f"missing {want} among {rows}"
    for bad in case.get("absent", []):
        rows = _rows(tables, bad.get("table", default))
        hits = [r for r in rows if _matches(bad, r)]
        assert not hits, f"unwanted {bad}: {hits}"
    if case.get("only"):
        tables_checked = {w.get("table", default) for w in case.get("expect", [])} or {default}
        for t in tables_checked:
            n = len(_rows(tables, t))
            n_want = sum(1 for w in case.get("expect", []) if w.get("table", default) == t)
            assert n == n_want, f"{t}: {n} rows, expected exactly {n_want}: {_rows(tables, t)}"


def test_corpus_sizes() -> None:
    """The floor of cases per dimension (issue #13): a corpus may only grow."""
    floors = {"amounts": 100, "dates": 100, "organizations": 100, "targets": 100, "clean": 40}
    sizes = {}
    for dim in floors:
        p = CONFIG_DIR / dim / "corpus.jsonl"
        lines = p.read_text(encoding="utf-8").splitlines() if p.exists() else []
        sizes[dim] = sum(1 for x in lines if x.strip() and not x.lstrip().startswith("//"))
    short = {d: (sizes[d], n) for d, n in floors.items() if sizes[d] < n}
    assert not short, f"corpora below their floor (have, need): {short}"


def test_corpus_ids_are_stable() -> None:
    """Ids name the file and line, so a failing case is found at once."""
    ids = [p.id for p in _cases()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z_]+/corpus\.jsonl:\d+", i) for i in ids)


def test_corpus_dir_is_the_shipped_one() -> None:
    assert (CONFIG_DIR / "default.toml").exists()
    assert Path(CONFIG_DIR).name == "configs"
