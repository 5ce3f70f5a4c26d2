"""One organization registry across every document of a run.

Each ``organizations`` row gets its ``org_id`` inside the per-document task,
from a key that depends on the row's name alone: the leading places of the
name brought to the division they name (杭州市上城区 and 上城区 both give
330102; a merged district keeps its old code, so 下城区政府 never joins
上城区政府 or 拱墅区政府), the rest with legal-form endings, the country
prefix of companies and government synonyms normalized
(configs/registry/registry.toml). So the id is the same on every engine and
in every run, and no step needs another document. After the per-document
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
from pipeline.stages.places.mentions import decide, scan, shared_code

TABLE = "organizations_registry"


@dataclass(frozen=True)
class _Rules:
    legal: tuple[str, ...]
    country: tuple[str, ...]
    min_rest: int
    synonyms: tuple[tuple[str, str], ...]


@cache
def _rules() -> _Rules:
    lex = load_lexicon_toml("registry/registry.toml")
    syn = sorted(lex.get("synonyms", {}).items(), key=lambda kv: -len(kv[0]))
    return _Rules(tuple(sorted(lex.get("legal_suffixes", []), key=len, reverse=True)),
                  tuple(lex.get("country_prefixes", [])), int(lex.get("min_rest", 4)), tuple(syn))


@lru_cache(maxsize=65536)
def org_key(name: str, org_type: str | None) -> str:
    """The key that one body's surface forms share: ``<division code>|<rest of the name>``."""
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
    for m in reversed(scan(rest)):  # a branch's place in brackets: 鹏瞰集成电路(杭州)有限公司
        if rest[m.start - 1:m.start] == "(" and rest[m.end:m.end + 1] == ")":
            rest = rest[:m.start - 1] + rest[m.end + 1:]
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


def org_id(name: str, org_type: str | None) -> str:
    return "org-" + hashlib.sha1(org_key(name, org_type).encode("utf-8")).hexdigest()[:10]


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
        out.append({
            "org_id": oid,
            "name": max(sorted(set(names)), key=len),
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
