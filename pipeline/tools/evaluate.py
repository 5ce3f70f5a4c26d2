"""Scoring against gold region files, as SPEC.md defines it.

This must agree with the reference scorer (../shared/tools/score.py); a test
checks it on every run of the suite. Gold files each cover a raw region of one
document; predictions count where their raw_start falls in the region.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

SCORED_TABLES = ("organizations", "amounts", "dates", "targets", "documents")
_WS = re.compile(r"\s+")


def squash(s: Any) -> str:
    """NFKC-fold and drop all whitespace: how texts are compared."""
    if s is None or (isinstance(s, float) and math.isnan(s)):
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", str(s)))


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _text_or_none(x: Any) -> str | None:
    """A value as text, null as None: pandas 3 reads a null string as NaN, which str() would make 'nan'."""
    return None if _missing(x) else str(x)


def num_eq(a: Any, b: Any) -> bool:
    """Equal within relative tolerance 1e-4; two missing values are equal."""
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-4 * max(abs(a), abs(b)) + 1e-9


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class GoldUnit:
    name: str
    region: dict
    items: dict[str, list[dict]]


def load_gold(gold_dir: str | Path) -> list[GoldUnit]:
    units = []
    for f in sorted(Path(gold_dir).glob("*.jsonl")):
        lines = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        items: dict[str, list[dict]] = defaultdict(list)
        for it in lines[1:]:
            items[it["kind"]].append(it)
        units.append(GoldUnit(f.stem, lines[0], items))
    return units


def load_outputs(outdir: str | Path) -> dict[str, pd.DataFrame | None]:
    out = Path(outdir)
    tabs: dict[str, pd.DataFrame | None] = {}
    for name in SCORED_TABLES:
        tabs[name] = None
        for cand in (out / f"{name}.parquet", out / name):
            if cand.exists():
                tabs[name] = pd.read_parquet(cand)
                break
    return tabs


def _in_region(df: pd.DataFrame | None, reg: dict) -> pd.DataFrame | None:
    if df is None or df.empty:
        return df
    d = df[df["doc_id"].astype(str) == reg["doc"]]
    if "raw_start" in d.columns:
        d = d[(d["raw_start"] >= reg["raw_start"]) & (d["raw_start"] < reg["raw_end"])]
    return d


def _unique_by_text(df: pd.DataFrame | None) -> list:
    """One prediction per distinct squashed text (the last one wins, as in the reference)."""
    if df is None or df.empty:
        return []
    return list({squash(r.text): r for r in df.itertuples()}.values())


def _contains(a: str, b: str) -> bool:
    return bool(a) and (a in b or b in a)


def _score_orgs(po, golds, tot, detail, unit) -> None:
    pset = {squash(t) for t in po["text"]} if po is not None and not po.empty else set()
    gtype = {squash(i["text"]): i["type"] for i in golds}
    gset = set(gtype)
    tp = pset & gset
    tot["org"].update(tp=len(tp), pred=len(pset), gold=len(gset))
    if po is not None and not po.empty and "type" in po.columns:
        ptype = {squash(t): ty for t, ty in zip(po["text"], po["type"])}
        tot["org"].update(type_ok=sum(ptype.get(k) == gtype[k] for k in tp))
    detail["org_fn"] += [(unit, k) for k in sorted(gset - pset)]
    detail["org_fp"] += [(unit, k) for k in sorted(pset - gset)]


def _amount_ok(r, gi) -> bool:
    return num_eq(getattr(r, "value", None), gi["value"]) and str(getattr(r, "unit", "")) == gi["unit"]


def _match_by_text(preds: list, golds: list[dict], same_value, kind: str, detail, unit):
    """Pair each gold item with an unused prediction whose text contains or is contained in it.

    Among the text matches the first with the right value wins, else the last
    text match (the reference scorer's order). Yields (gold, prediction) pairs;
    misses and false alarms go to ``detail``.
    """
    used: set[int] = set()
    for gi in golds:
        gt = squash(gi["text"])
        hit = None
        for j, r in enumerate(preds):
            if j in used or not _contains(squash(r.text), gt):
                continue
            hit = j
            if same_value(r, gi):
                break
        if hit is None:
            detail[f"{kind}_fn"].append((unit, gi["text"]))
            continue
        used.add(hit)
        yield gi, preds[hit]
    detail[f"{kind}_fp"] += [(unit, preds[j].text) for j in range(len(preds)) if j not in used]


def _score_amounts(pa, golds, tot, detail, unit) -> None:
    preds = _unique_by_text(pa)
    for gi, r in _match_by_text(preds, golds, _amount_ok, "amount", detail, unit):
        tot["amount"].update(detect=1)
        if _amount_ok(r, gi) and num_eq(getattr(r, "value_max", None), gi.get("value_max")):
            tot["amount"].update(tp=1, qual_ok=int(getattr(r, "qualifier", None) == gi["qualifier"]))
        else:
            detail["amount_bad_norm"].append((unit, gi["text"], gi["value"], gi["unit"],
                                              getattr(r, "value", None), getattr(r, "unit", None)))
    tot["amount"].update(pred=len(preds), gold=len(golds))


def _date_ok(r, gi) -> bool:
    return str(getattr(r, "value", None)) == str(gi["value"])


def _score_dates(pdf, golds, tot, detail, unit) -> None:
    preds = _unique_by_text(pdf)
    for gi, r in _match_by_text(preds, golds, _date_ok, "date", detail, unit):
        tot["date"].update(detect=1)
        pv = getattr(r, "value", None)
        if _date_ok(r, gi) or (gi["value"] is None and (_missing(pv) or pv == "")):
            tot["date"].update(tp=1)
        else:
            detail["date_bad_norm"].append((unit, gi["text"], gi["value"], pv))
    tot["date"].update(pred=len(preds), gold=len(golds))


def _score_targets(pt, golds, tot, detail, unit) -> None:
    preds = [] if pt is None or pt.empty else list(pt.itertuples())
    used: set[int] = set()
    for gi in golds:
        gtext = squash(gi["text"])
        anchor = squash(gi.get("value_text") or gi.get("deadline_text") or "")
        hit = None
        for j, r in enumerate(preds):
            if j in used:
                continue
            rtext = squash(getattr(r, "text", ""))
            if not (rtext and (anchor in rtext or rtext in gtext or gtext in rtext)):
                continue
            if gi.get("value") is not None:
                if _amount_ok(r, gi):
                    hit = j
                    break
            elif _missing(getattr(r, "value", None)):
                hit = j
                break
        if hit is None:
            detail["target_fn"].append((unit, gi["text"], gi.get("value_text")))
            continue
        used.add(hit)
        r = preds[hit]
        tot["target"].update(tp=1,
                             deadline_ok=int(_text_or_none(getattr(r, "deadline", None)) == gi.get("deadline")),
                             kind_ok=int(getattr(r, "target_kind", None) == gi.get("target_kind")))
    tot["target"].update(pred=len(preds), gold=len(golds))
    detail["target_fp"] += [(unit, getattr(preds[j], "text", "")) for j in range(len(preds)) if j not in used]


def _score_clean(docs, reg, items, tot, detail, unit) -> None:
    clean = ""
    if docs is not None and "clean_text" in docs.columns:
        row = docs[docs["doc_id"].astype(str) == reg["doc"]]
        clean = squash("".join(row["clean_text"].astype(str)))
    for gi in items["clean_must"]:
        ok = squash(gi["text"]) in clean
        tot["clean_must"].update(ok=int(ok), gold=1)
        if not ok:
            detail["clean_must_missing"].append((unit, gi["text"]))
    for gi in items["clean_junk"]:
        bad = squash(gi["text"]) in clean
        tot["clean_junk"].update(removed=int(not bad), gold=1)
        if bad:
            detail["clean_junk_left"].append((unit, gi["text"]))


def score(gold_dir: str | Path, outdir: str | Path) -> tuple[dict[str, dict], dict[str, list]]:
    """Scores per table (p, r, f1 and accuracies) and the per-item detail lists."""
    tabs = load_outputs(outdir)
    tot: dict[str, Counter] = defaultdict(Counter)
    detail: dict[str, list] = defaultdict(list)
    for u in load_gold(gold_dir):
        reg = u.region
        _score_orgs(_in_region(tabs["organizations"], reg), u.items["org"], tot, detail, u.name)
        _score_amounts(_in_region(tabs["amounts"], reg), u.items["amount"], tot, detail, u.name)
        _score_dates(_in_region(tabs["dates"], reg), u.items["date"], tot, detail, u.name)
        _score_targets(_in_region(tabs["targets"], reg), u.items["target"], tot, detail, u.name)
        _score_clean(tabs["documents"], reg, u.items, tot, detail, u.name)
    return _summarize(tot), detail


def _summarize(tot: dict[str, Counter]) -> dict[str, dict]:
    res: dict[str, dict] = {}
    for k in ("org", "amount", "date", "target"):
        c = tot[k]
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        res[k] = dict(p=round(p, 4), r=round(r, 4), f1=round(f, 4), tp=c["tp"], pred=c["pred"], gold=c["gold"])
        if k in ("amount", "date"):
            res[k]["detect_f1"] = round(prf(c["detect"], c["pred"], c["gold"])[2], 4)
        if c["tp"]:
            if k == "amount":
                res[k]["qualifier_acc"] = round(c["qual_ok"] / c["tp"], 4)
            if k == "org":
                res[k]["type_acc"] = round(c["type_ok"] / c["tp"], 4)
            if k == "target":
                res[k]["deadline_acc"] = round(c["deadline_ok"] / c["tp"], 4)
                res[k]["kind_acc"] = round(c["kind_ok"] / c["tp"], 4)
    cm, cj = tot["clean_must"], tot["clean_junk"]
    res["clean"] = dict(sentences_intact=round(cm["ok"] / cm["gold"], 4) if cm["gold"] else None,
                        junk_removed=round(cj["removed"] / cj["gold"], 4) if cj["gold"] else None)
    return res


def check_minimums(res: dict[str, dict], minimums: dict[str, float]) -> list[str]:
    """Failures of ``table.metric >= value`` checks, as readable lines."""
    fails = []
    for key, floor in minimums.items():
        table, _, metric = key.partition(".")
        got = res.get(table, {}).get(metric)
        if got is None or got < floor - 1e-12:
            fails.append(f"{key} = {got} is below the minimum {floor}")
    return fails


def format_report(res: dict[str, dict]) -> str:
    lines = [f"{'table':<8} {'p':>7} {'r':>7} {'f1':>7}  {'tp/pred/gold':>14}  other"]
    for k in ("org", "amount", "date", "target"):
        r = res[k]
        other = "  ".join(f"{m}={v}" for m, v in r.items() if m not in ("p", "r", "f1", "tp", "pred", "gold"))
        lines.append(f"{k:<8} {r['p']:>7.4f} {r['r']:>7.4f} {r['f1']:>7.4f}  "
                     f"{r['tp']:>4}/{r['pred']:>4}/{r['gold']:>4}  {other}")
    c = res["clean"]
    lines.append(f"clean    sentences_intact={c['sentences_intact']}  junk_removed={c['junk_removed']}")
    return "\n".join(lines)
