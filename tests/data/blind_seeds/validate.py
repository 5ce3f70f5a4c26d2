"""Check one blind gold file: python validate.py GOLD_FILE   (reads only ../shared seeds)"""
import json, re, sys, unicodedata
KEYS = {
    "org": {"text", "type"},
    "amount": {"text", "value", "value_max", "unit", "qualifier", "quantity"},
    "date": {"text", "value", "relative"},
    "target": {"text", "trigger", "target_kind", "metric", "value_text", "value", "value_max", "unit",
               "qualifier", "deadline_text", "deadline"},
    "clean_must": {"text"}, "clean_junk": {"text"},
}
def squash(s): return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))
path = sys.argv[1]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
reg = lines[0]
assert reg["kind"] == "region", "first line must be the region"
raw = open(f"/work/shared/seeds/{reg['doc']}.txt", encoding="utf-8").read()[reg["raw_start"]:reg["raw_end"]]
sq = squash(raw)
errs = 0; seen = {}
for n, d in enumerate(lines[1:], 2):
    k = d.get("kind")
    if k not in KEYS:
        print(f"line {n}: unknown kind {k}"); errs += 1; continue
    miss = KEYS[k] - set(d)
    if miss:
        print(f"line {n}: {k} lacks {sorted(miss)}"); errs += 1
    if squash(d["text"]) not in sq:
        print(f"line {n}: {k} text not in the region: {d['text']}"); errs += 1
    if k in ("org", "amount", "date"):
        key = (k, squash(d["text"]))
        if key in seen:
            print(f"line {n}: {k} {d['text']} repeats line {seen[key]} (one row per distinct text)"); errs += 1
        seen[key] = n
    if k == "target" and d.get("value_text") and squash(d["value_text"]) not in squash(d["text"]):
        print(f"line {n}: target value_text not inside its text"); errs += 1
from collections import Counter
print(Counter(d["kind"] for d in lines[1:]), "errors:", errs)
