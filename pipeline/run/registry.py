"""One organization registry across every document of a run.

Each ``organizations`` row gets its ``org_id`` inside the per-document task,
from a key that depends on the row's name: the leading places of the name
brought to the division they name (杭州市上城区 and 上城区 both give 330102; a
merged district keeps its old code, so 下城区政府 never joins 上城区政府 or
拱墅区政府), the rest with legal-form endings, the country prefix of
companies and government synonyms normalized (configs/registry/registry.toml).
A name with no place of its own that every place has (省委, 政协, 省科学院) is
keyed under its row's region instead, so two provinces' 省委 stay two bodies
and 省委 in a text about Sichuan joins 四川省委. So the id is the same on every
engine and in every run, and no step needs another document. After the per-document
tasks, ``build_registry`` groups every organizations row of OUTDIR (skipped
documents included) by ``org_id`` into the ``organizations_registry`` table:
canonical name, aliases seen, type, documents and mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pyarrow as pa

from pipeline.core.config import load_lexicon_toml
from pipeline.run.schema import to_table
from pipeline.stages.places.divisions import gazetteer
from pipeline.stages.places.mentions import decide, scan, shared_code
from pipeline.stages.places.region import is_national, region_name

TABLE = "organizations_registry"


@dataclass(frozen=True)
class _Rules:
    legal: tuple[str, ...]
    country: tuple[str, ...]
    min_rest: int
    synonyms: tuple[tuple[str, str], ...]
    local_bodies: frozenset[str]
    not_levels: tuple[str, ...]
    municipalities: tuple[str, ...]
    levels: dict[str, str]  # level word -> division level, longest word first


@cache
def _rules() -> _Rules:
    lex = load_lexicon_toml("registry/registry.toml")
    syn = sorted(lex.get("synonyms", {}).items(), key=lambda kv: -len(kv[0]))
    levels = dict(sorted(lex.get("levels", {}).items(), key=lambda kv: -len(kv[0])))
    return _Rules(tuple(sorted(lex.get("legal_suffixes", []), key=len, reverse=True)),
                  tuple(lex.get("country_prefixes", [])), int(lex.get("min_rest", 4)), tuple(syn),
                  frozenset(lex.get("local_bodies", [])), tuple(lex.get("not_levels", [])),
                  tuple(lex.get("municipalities", [])), levels)


def local_scope(name: str, region: str | None, doc_region: str | None, doc_key: str) -> str | None:
    """Where a body named with no place of its own stands (政协, 省委, 省科学院: registry.toml): ``region``, the division
    code of its row (its sentence's places, else its article's, else its document's); where that is the whole country
    (a closing article that names 全国 more than the province), ``doc_region``, the document's. A level word needs a
    division (省委 in a State Council report names no one province): else, or with no place at all, ``doc:<doc_key>``
    (a hash of the document's bytes: the same on every route and engine, and no other text's).
    None for every other name: one that says where (四川省委), a national body (国务院) or a proper name (党中央, 华为)."""
    r = _rules()
    if is_national(name):
        return None
    word = _level_word(name)
    if name not in r.local_bodies and not (word and len(name) > len(word)):
        return None
    divisions = gazetteer().by_code
    place = next((c for c in (region, doc_region) if c in divisions), None)
    if place is None and not word:
        place = region or doc_region  # the whole country: 政协 in a State Council report is the national one
    return place or f"doc:{doc_key}"


def _level_word(name: str) -> str:
    """The level word a name opens with (省, 自治区, 市…), or "" (also for 市场监管局: `not_levels`)."""
    r = _rules()
    if name.startswith(r.not_levels):
        return ""
    return next((w for w in r.levels if name.startswith(w)), "")


def _level_code(rest: str, scope: str) -> tuple[str, str] | None:
    """(division code, body) for a level word alone before a standing body (省委 in a text about 成都市 -> 510000,
    委; 省发改委 -> 510000, 发改委): the key of the name written with its place (四川省委). None where the scope has no
    division at that level (市政府 in a text about a whole province), is no division (``doc:…``) or the name opens with
    no level word (政协)."""
    r = _rules()
    word = _level_word(rest)
    level, body = r.levels.get(word, ""), rest[len(word):]
    if not word or scope not in gazetteer().by_code:
        return None
    if level == "province" or (level == "city" and scope[:2] in r.municipalities):
        return scope[:2] + "0000", body
    if level == "city" and scope[2:4] != "00":
        return scope[:4] + "00", body
    if level == "county" and scope[4:] != "00":
        return scope, body
    return None


def _written_out(name: str, code: str | None) -> tuple[str, str] | None:
    """(name, division code) of a name opened by a level word alone with its division written out: 省委 with a
    region in Sichuan -> 四川省委, 510000; 市委宣传部 in 成都 -> 成都市委宣传部. None for any other name or region."""
    placed = _level_code(name, code) if code else None
    return (gazetteer().by_code[placed[0]].name + placed[1], placed[0]) if placed else None


@lru_cache(maxsize=65536)
def org_key(name: str, org_type: str | None, scope: str | None = None) -> str:
    """The key that one body's surface forms share: ``<division code>|<rest of the name>``; a body named with no
    place of its own (``scope``: see ``local_scope``) is keyed under the place the text is about."""
    r = _rules()
    rest = name.replace("（", "(").replace("）", ")")
    code = ""
    pos = 0
    prev: set[str] = set()
    for m in scan(rest):  # the places the name starts with, written one after another
        if m.start != pos or m.national:
            break
        decide(m, [("chain", prev)])  # 长春市朝阳区 decides 朝阳区; a lone 朝阳区 keeps no code
        code = m.old_adcode or m.adcode or m.text
        prev = {m.adcode} if m.adcode else {c for c in [shared_code([d.adcode for d in m.candidates])] if c}
        pos = m.end
    rest = rest[pos:]
    for m in reversed(scan(rest)):  # a branch's place in brackets: 鹏瞰集成电路(杭州)有限公司, …长三角(杭州)创新研究院
        if rest[m.start - 1:m.start] == "(" and rest[m.end:m.end + 1] == ")" and rest[:m.start - 1] not in r.country:
            rest = rest[:m.start - 1] + rest[m.end + 1:]  # but 中国(甘肃)自由贸易试验区: the place names the zone
    if scope is not None and not code:
        placed = _level_code(rest, scope)
        code, rest = placed if placed else (f"@{scope}", rest)
    if org_type == "company" and not code:
        for p in r.country:
            if rest.startswith(p) and len(rest) - len(p) >= r.min_rest:
                rest = rest[len(p):]
                break
    for suf in r.legal:
        if rest.endswith(suf) and len(rest) > len(suf) + 1:
            rest = rest[: -len(suf)]
            break
    for a, b in r.synonyms:
        rest = rest.replace(a, b)
    return f"{code}|{rest}"


def org_id(name: str, org_type: str | None, scope: str | None = None) -> str:
    return "org-" + hashlib.sha1(org_key(name, org_type, scope).encode("utf-8")).hexdigest()[:10]


def registry_rows(orgs: pa.Table) -> list[dict]:
    """One row per ``org_id`` of the organizations table, sorted by id."""
    cols = {c: orgs.column(c).to_pylist() for c in ("org_id", "doc_id", "text", "name", "type", "adcode",
                                                        "region", "region_source")}
    groups: dict[str, list[int]] = {}
    for i, oid in enumerate(cols["org_id"]):
        if oid:
            groups.setdefault(oid, []).append(i)
    out = []
    for oid in sorted(groups):
        idx = groups[oid]
        names = [cols["name"][i] for i in idx]
        own = [i for i in idx if cols["region_source"][i] in ("name", "national")] or idx
        region = Counter((cols["region"][i], cols["adcode"][i]) for i in own).most_common(1)[0][0]
        name = max(sorted(set(names)), key=len)
        written = _written_out(name, region[1])
        if written:  # 省委 of a Sichuan text: 四川省委, and the province, not the city its sentence named
            name, region = written[0], (region_name(written[1]), written[1])
        out.append({
            "org_id": oid,
            "name": name,
            "aliases": sorted({cols["text"][i] for i in idx} | set(names)),
            "type": Counter(cols["type"][i] for i in idx).most_common(1)[0][0],
            "n_docs": len({cols["doc_id"][i] for i in idx}),
            "n_mentions": len(idx),
            "region": region[0], "adcode": region[1],
        })
    return out


def build_registry(outdir: str | Path) -> int:
    """Write OUTDIR/organizations_registry from every organizations row of OUTDIR; returns its rows."""
    from pipeline.run.store import read_table, write_parquet_atomic

    rows = registry_rows(read_table(outdir, "organizations"))
    folder = Path(outdir) / TABLE
    keep = folder / "part-registry.parquet"
    write_parquet_atomic(to_table(TABLE, rows), keep)  # replaces the last run's registry in one rename
    for p in folder.glob("*.parquet"):
        if p != keep:
            p.unlink()
    return len(rows)
