"""Accuracy of the number grammar, AMOUNTS and DATES stages on external normalization suites.

Suites (JSONL, passed by path, never copied into the repo):
  ../shared/external/normalization/recognizers_text_zh.jsonl  (Microsoft Recognizers-Text, Chinese specs)
  ../shared/external/normalization/cn2an_tests.jsonl          (Ailln/cn2an unit tests)

Each case is first classified as in scope of GUIDELINES.md (§2 amounts, §3 dates)
or out of scope with a reason. A money, number or cn2an case is out of scope only where
GUIDELINES excludes it (a bare currency name has no quantity, 一 is an article, single
digits with a classifier, ordinals, identifiers, idioms, impossible dates), and the reason
names the rule; cases GUIDELINES is silent about are listed apart as "not covered
(GUIDELINES silent)" with the decision taken. Inputs are matched as GUIDELINES matches text:
OCR whitespace between numerals and characters removed (§6), as the cleaner does.

Usage: .venv/bin/python benchmarks/normalization_report.py [--list-out] > benchmarks/results/normalization.txt
The test tests/test_normalization_external.py imports ``evaluate`` from here and
asserts the floors (currency+dimension >= 0.90, cn2an >= 0.95).
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.normalization_dates import eval_dates  # noqa: E402
from pipeline.core.numbers import parse_fraction, parse_money, parse_number, read_digits  # noqa: E402
from pipeline.stages.amounts.grammar import extract_amounts  # noqa: E402
from pipeline.stages.dates.grammar import extract_dates  # noqa: E402

NORM_DIR = ROOT.parent / "shared" / "external" / "normalization"
RT_PATH = NORM_DIR / "recognizers_text_zh.jsonl"
CN2AN_PATH = NORM_DIR / "cn2an_tests.jsonl"

# Recognizers-Text dimension unit names -> our canonical units (configs/units.toml)
DIM_UNITS = {
    "Mu": "mu", "Kilogram": "kg", "Centimeter": "cm", "Ton": "t", "Meter": "m", "Kilometer": "km",
    "Gram": "g", "Kilowatt": "kW", "Microgram": "μg", "Square kilometer": "km2", "Square meter": "m2",
    "Jin": "斤", "Liang": "两", "Bit": "bit", "Kilobit": "bit", "Kilobyte": "B", "Megabyte": "B",
    "Hertz": "Hz", "Megahertz": "Hz", "Kilocalorie": "kcal",
}
# the suite states data and frequency in prefixed units; ours are the base units
DIM_FACTORS = {"Kilobit": 1e3, "Kilobyte": 1e3, "Megabyte": 1e6, "Megahertz": 1e6}
SILENT = "not covered (GUIDELINES silent): "
_OCR_WS = re.compile(r"(?<=[\u4e00-\u9fff0-9０-９.．])[ \t\u3000]+(?=[\u4e00-\u9fff0-9０-９.．])")


def _as_cleaned(s: str) -> str:
    """The input as the cleaner leaves it: OCR spaces between numerals and characters removed (§6)."""
    return _OCR_WS.sub("", s)


@dataclass
class Suite:
    name: str
    ok: int = 0
    total: int = 0
    fails: list[str] = field(default_factory=list)
    out: list[tuple[str, str]] = field(default_factory=list)  # (case, reason)

    @property
    def acc(self) -> float:
        return self.ok / self.total if self.total else 1.0

    def add(self, good: bool, label: str) -> None:
        self.total += 1
        if good:
            self.ok += 1
        else:
            self.fails.append(label)


def _nf(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _close(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-9


def _overlap(a: str, b: str) -> bool:
    a, b = _nf(a), _nf(b)
    a, b = a.casefold(), b.casefold()
    return bool(a) and bool(b) and (a in b or b in a)


# ---------------------------------------------------------------- Recognizers-Text: money
def _money_scope(entry: dict) -> str | None:
    """Reason an expected currency entry is out of scope, or None."""
    txt = entry.get("Text", "")
    res = entry.get("Resolution") or {}
    if res.get("value") is None:
        return "§2: an amount is a quantity; a currency name with no number is none"
    if txt.endswith("块") and re.search(r"[二三四五六七八九两]块$", txt):
        return "§2 excludes single Chinese digits with a classifier (块 is the classifier of plots, screens)"
    num = re.sub(r"[^\u4e00-\u9fff\d.]", "", txt)
    if re.fullmatch(r"一[美欧港日英]?[元圆镑]?.*", num) and not re.search(r"[十百千万亿\d]", num):
        return "§2 counts single Chinese digits 二…九/两 only; 一 before a unit reads as an article"
    return None


def eval_money(rows: list[dict], suite: Suite) -> None:
    for r in rows:
        if r["model"] != "CurrencyModel":
            continue
        inp = r["input"]
        exp = r["expected"]
        got = [a for a in extract_amounts(_as_cleaned(inp)) if a.quantity == "money"]
        if not exp:
            suite.add(not got, f"{inp!r}: expected no money, got {[a.text for a in got]}")
            continue
        for e in exp:
            why = _money_scope(e)
            if why:
                suite.out.append((f"{inp} -> {e.get('Text')}", why))
                continue
            val = float(e["Resolution"]["value"])
            iso = e["Resolution"].get("isoCurrency")  # none for a bare $ or Bitcoin: value only
            hit = any(_overlap(a.text, e["Text"]) and _close(a.value, val) and (iso is None or a.unit == iso)
                      for a in got)
            suite.add(hit, f"{inp!r}: expected {e['Text']} {val} {iso}; got {[(a.text, a.value, a.unit) for a in got]}")


# ---------------------------------------------------------------- Recognizers-Text: dimension
def _dim_scope(entry: dict) -> str | None:
    txt = entry.get("Text", "")
    unit = (entry.get("Resolution") or {}).get("unit")
    if unit not in DIM_UNITS:
        return SILENT + f"unit {unit} is not in the units lexicon"
    num = re.sub(r"[^\u4e00-\u9fff\d.]", "", txt)
    if num.startswith("一") and not re.search(r"[十百千万亿半\d]", num):
        return "§2 counts single Chinese digits 二…九/两 only; 一 before a unit reads as an article"
    return None


def eval_dimension(rows: list[dict], suite: Suite) -> None:
    for r in rows:
        if r["model"] != "DimensionModel":
            continue
        inp = r["input"]
        exp = r["expected"]
        got = [a for a in extract_amounts(_as_cleaned(inp)) if a.quantity in ("length", "area", "power", "other")]
        if not exp:
            suite.add(not got, f"{inp!r}: expected no dimension, got {[a.text for a in got]}")
            continue
        for e in exp:
            why = _dim_scope(e)
            if why:
                suite.out.append((f"{inp} -> {e.get('Text')}", why))
                continue
            val = float(e["Resolution"]["value"]) * DIM_FACTORS.get(e["Resolution"]["unit"], 1.0)
            unit = DIM_UNITS[e["Resolution"]["unit"]]
            hit = any(_overlap(a.text, e["Text"]) and _close(a.value, val) and a.unit == unit for a in got)
            suite.add(hit, f"{inp!r}: expected {e['Text']} {val} {unit}; got {[(a.text, a.value, a.unit) for a in got]}")


# ---------------------------------------------------------------- Recognizers-Text: percent
def _pct_scope(entry: dict) -> str | None:
    txt = _nf(entry.get("Text", ""))
    if re.search(r"[成折]", txt):
        return SILENT + "成 (tenths) and 折 (discounts) are not among the §2 percent forms (%, 百分之); left out"
    if re.search(r"[a-zA-Z]", txt):
        return "§2 excludes identifiers: a percent inside a URL or code, or k-suffixed numbers"
    if "百分之百" in txt:
        return "§2 excludes idioms: 百分之百 (completely)"
    return None


def _pct_value(a) -> float | None:
    """Our row as a percent: %, 百分点 as written, a fraction (千分之一 = 0.1%)."""
    if a.value is None:
        return None
    return a.value * 100 if a.quantity == "ratio" else a.value


def eval_percent(rows: list[dict], suite: Suite) -> None:
    for r in rows:
        if r["model"] != "PercentModel":
            continue
        inp = r["input"]
        exp = r["expected"]
        rows_ = extract_amounts(_as_cleaned(inp))
        got = [a for a in rows_ if a.quantity == "percent" or a.unit == "百分点"]
        # a fraction (千分之一, 万分之三) is a ratio row, compared as a percent where one is expected
        frac = [a for a in rows_ if a.quantity == "ratio"]
        if re.search(r"[二三四五六七八九]{2}[十百千]", inp):
            suite.out.append((inp, SILENT + "adjacent-digit approximations (二三十) are not a §2 numeral form"))
            continue
        if not exp:
            suite.add(not got, f"{inp!r}: expected no percent, got {[a.text for a in got]}")
            continue
        for e in exp:
            why = _pct_scope(e)
            if why:
                suite.out.append((f"{inp} -> {e.get('Text')}", why))
                continue
            val = float(str(e["Resolution"]["value"]).rstrip("%"))
            # a range row (5-20%) holds the suite's bare upper bound as value_max
            hit = any(_overlap(a.text, e["Text"]) and (_close(_pct_value(a), val) or _close(a.value_max, val))
                      for a in got + (frac if "分之" in e["Text"] else []))
            suite.add(hit, f"{inp!r}: expected {e['Text']} {val}; got {[(a.text, a.value) for a in got]}")


# ---------------------------------------------------------------- Recognizers-Text: numbers
def _num_scope(entry: dict) -> str | None:
    txt = _nf(entry.get("Text", ""))
    res = entry.get("Resolution") or {}
    if res.get("value") is None:
        return "no numeric value in the expectation"
    if txt.startswith("第"):
        return "§2 excludes ordinals"
    if re.search(r"[eE][+-]?\d|\^", txt):
        return SILENT + "scientific notation; left out"
    if re.search(r"[半对對双雙打个個几幾]", txt):
        return SILENT + "quantity words (半 对 双 打 个) and vague 几 as bare numbers; 半 counts only before a unit"
    if re.search(r"[^\d.,\-+/〇零○一二三四五六七八九十百千万亿兆两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸廿卅负負点點分之]", txt):
        return SILENT + "numbers mixed with other words or symbols"
    if re.search(r"\d\s+\d+/\d", entry.get("Text", "")):
        return SILENT + "mixed fractions (1 3/5); left out"
    return None


def eval_numbers(rows: list[dict], suite: Suite) -> None:
    for r in rows:
        if r["model"] != "NumberModel":
            continue
        for e in r["expected"]:
            why = _num_scope(e)
            if why:
                suite.out.append((f"{r['input']} -> {e.get('Text')}", why))
                continue
            txt = _nf(e["Text"]).replace("負", "负").replace("點", "点")
            val = float(e["Resolution"]["value"])
            got = parse_fraction(txt) if ("分之" in txt or "/" in txt) else parse_number(txt)
            suite.add(_close(got, val, 1e-4), f"{e['Text']!r}: expected {val}, got {got}")


# ---------------------------------------------------------------- Recognizers-Text: dates
# Scope and scoring of the date cases live in benchmarks/normalization_dates.py (eval_dates).


# ---------------------------------------------------------------- cn2an
def _cn2an_scope(r: dict) -> str | None:
    task = r.get("task", "")
    if task == "cn2an":
        return None
    if task == "an2cn":
        return "reverse direction (number -> Chinese) is not extraction"
    if task.startswith("transform an2cn"):
        return "reverse direction (number -> Chinese text) is not extraction"
    if task.startswith("transform cn2an"):
        if re.search(r"零年零月", r["input"]):
            return "§3: month 0, day 40 is no calendar date"
        return None
    return "unknown task"


def _transform_expect(inp: str, out: str) -> list[tuple[str, float | str]]:
    """What the cn2an sentence transform implies for our tables: list of (kind, value)."""
    pairs: list[tuple[str, float | str]] = []
    if re.search(r"\d+年\d+月\d+日", out):
        m = re.search(r"(\d+)年(\d+)月(\d+)日", out)
        assert m
        pairs.append(("date", f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"))
        return pairs
    if re.search(r"\d+月\d+日", out):
        m = re.search(r"(\d+)月(\d+)日", out)
        assert m
        pairs.append(("date_md", f"-{int(m.group(1)):02d}-{int(m.group(2)):02d}"))
    # a span of more than four digits of years is a duration (约250000000年), not a year
    for m in re.finditer(r"(-?[\d.]+)(%|℃|/\d+|元|块|米|分|斤|(?<=\d{5})年)", out):
        num, u = m.group(1), m.group(2)
        if u.startswith("/"):
            pairs.append(("amount", float(num) / float(u[1:])))
        else:
            pairs.append(("amount", float(num)))
    return pairs


def _direct_ok(inp: str, out: str) -> bool:
    """Direct transform: digit strings are codes (no amount); a year among them is a date."""
    ds = extract_dates(inp, "2020")
    amts = extract_amounts(inp, [(d.start, d.end) for d in ds])
    years = [m.group(1) for m in re.finditer(r"(\d{4})年", out)]
    codes = [read_digits(m.group()) for m in re.finditer(r"负?[零〇一二三四五六七八九幺]+(?:点[零〇一二三四五六七八九]+)?", inp)]
    no_code_amount = not any(a.text in inp and read_digits(a.text) in codes for a in amts)
    return no_code_amount and all(any(d.value == y for d in ds) for y in years)


def eval_cn2an(rows: list[dict], suite: Suite) -> None:
    for r in rows:
        why = _cn2an_scope(r)
        label = f"[{r.get('task')}] {r['input']}"
        if why:
            suite.out.append((label, why))
            continue
        task = r["task"]
        exp = r["expected"]
        if task == "cn2an":
            if isinstance(exp, str):  # direct mode: digit by digit, leading zeros kept
                got_s = read_digits(r["input"])
                suite.add(got_s == exp, f"{label}: expected {exp!r}, got {got_s!r}")
            elif isinstance(exp, dict):
                strict = r.get("group") == "error_strict_datas"
                got = parse_number(r["input"], strict=strict)
                suite.add(got is None, f"{label}: expected rejection, got {got}")
            else:
                f = parse_money if r.get("kind") == "money" else parse_number
                got = f(r["input"])
                suite.add(_close(got, float(exp), 1e-9), f"{label}: expected {exp}, got {got}")
            continue
        # sentence transforms: compare against our amounts/dates of the sentence
        inp = r["input"]
        if task == "transform cn2an (sentence, direct)":
            suite.add(_direct_ok(inp, exp), f"{label}: expected {exp!r}")
            continue
        want = _transform_expect(inp, exp)
        ds = extract_dates(inp, "2020")
        amts = extract_amounts(inp, [(d.start, d.end) for d in ds])
        if not want:  # 大陆 / 半岛 / 两岸关系: nothing to extract
            suite.add(not amts, f"{label}: expected nothing, got {[a.text for a in amts]}")
            continue
        good = True
        for kind, v in want:
            if kind == "date":
                good &= any(d.value == v for d in ds)
            elif kind == "date_md":
                good &= any(d.value and d.value.endswith(str(v)) for d in ds)
            else:
                good &= any(_close(a.value, float(v), 1e-6) for a in amts)
        suite.add(good, f"{label}: expected {want}; got dates {[(d.text, d.value) for d in ds]} amounts {[(a.text, a.value) for a in amts]}")


# ---------------------------------------------------------------- driver
def evaluate(rt_path: Path = RT_PATH, cn2an_path: Path = CN2AN_PATH) -> dict[str, Suite]:
    rt = [json.loads(line) for line in open(rt_path, encoding="utf-8") if line.strip()]
    cn = [json.loads(line) for line in open(cn2an_path, encoding="utf-8") if line.strip()]
    suites = {k: Suite(k) for k in ("rt_currency", "rt_dimension", "rt_percent", "rt_number", "rt_date", "cn2an")}
    eval_money(rt, suites["rt_currency"])
    eval_dimension(rt, suites["rt_dimension"])
    eval_percent(rt, suites["rt_percent"])
    eval_numbers(rt, suites["rt_number"])
    eval_dates(rt, suites["rt_date"])
    eval_cn2an(cn, suites["cn2an"])
    other = Counter(r["model"] for r in rt if r["model"] not in (
        "CurrencyModel", "DimensionModel", "PercentModel", "NumberModel", "DateParser", "DatePeriodParser", "DateTimeModel"))
    suites["rt_other_models"] = Suite("rt_other_models", out=[(f"{m} ({n} cases)", "model outside §2/§3 (time, set, duration, holiday, age, temperature, ordinal, range, extractor-only) or covered by the parser cases") for m, n in sorted(other.items())])
    return suites


def report(suites: dict[str, Suite], list_out: bool = True) -> str:
    lines = ["# External normalization suites: accuracy on in-scope cases", ""]
    lines.append(f"{'suite':<16} {'correct':>8} {'in scope':>9} {'accuracy':>9} {'out of scope':>13}")
    for s in suites.values():
        lines.append(f"{s.name:<16} {s.ok:>8} {s.total:>9} {s.acc:>9.3f} {len(s.out):>13}")
    cd = Suite("rt_currency+dim", ok=suites["rt_currency"].ok + suites["rt_dimension"].ok,
               total=suites["rt_currency"].total + suites["rt_dimension"].total)
    lines.append(f"{cd.name:<16} {cd.ok:>8} {cd.total:>9} {cd.acc:>9.3f}")
    for s in suites.values():
        if s.fails:
            lines += ["", f"## {s.name}: failures ({len(s.fails)})"] + [f"  - {f}" for f in s.fails]
    if list_out:
        for s in suites.values():
            if s.out:
                by = defaultdict(list)
                for case, why in s.out:
                    by[why].append(case)
                lines += ["", f"## {s.name}: out of scope ({len(s.out)})"]
                for why, cases in by.items():
                    lines.append(f"  * {why} ({len(cases)}):")
                    lines += [f"      {c}" for c in cases]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    res = evaluate()
    sys.stdout.write(report(res, list_out=True))
    if not math.isfinite(res["cn2an"].acc):  # pragma: no cover
        sys.exit(1)
