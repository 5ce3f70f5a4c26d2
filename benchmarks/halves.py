"""Split a gold set in two halves, and score an OUTDIR on each (the guard against overfitting).

    python benchmarks/halves.py split GOLD_DIR DOCS_DIR OUT      # writes OUT/A and OUT/B
    python benchmarks/halves.py score GOLD_DIR DOCS_DIR OUTDIR   # scores OUTDIR on the whole set and each half

A set of four regions or more is split by region, alternately. A smaller set (../shared/eval/policy has
three documents of three genres) has each region ``[raw_start, raw_end)`` cut at the line break nearest its
middle: half A holds the first part of every region, half B the second, so both halves hold every genre. A gold item
goes to the half where its text occurs (the k-th item of a repeated text to its k-th occurrence; an
organization, amount or date, which the reference scorer reads as a set of surface forms per region, to every half
it occurs in). Rule work reads the misses of
one half only, then checks that the other half moved too. The halves are written at run time from
../shared; nothing of the gold is copied into the repository.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def _squash_map(raw: str) -> tuple[str, list[int]]:
    """Whitespace-free NFKC text of ``raw`` and, per char of it, its raw offset."""
    chars, pos = [], []
    for i, ch in enumerate(raw):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                pos.append(i)
    return "".join(chars), pos


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


# The kinds the reference scorer reads per region as a set of surface forms (its predictions are deduplicated by text):
# a gold item of these goes to every half its text occurs in, as the half's predictions will hold it there.
SET_KINDS = ("org", "amount", "date")

_NUM = set("0123456789.,０１２３４５６７８９零〇一二两三四五六七八九十百千万亿")


def _in_number(hay: str, i: int) -> bool:
    """Does position ``i`` continue a number (12|个, 1.|5亿)? A separator counts only after a digit: the full-width comma
    of a clause (，734个), which NFKC folds to ",", ends no number."""
    if i == 0 or hay[i - 1] not in _NUM:
        return False
    return hay[i - 1] not in ".," or (i > 1 and hay[i - 2] in _NUM and hay[i - 2] not in ".,")


def _occurrences(hay: str, needle: str) -> list[int]:
    """Starts of ``needle`` in ``hay`` that do not begin inside a longer number (2个 in 12个)."""
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        if not (needle[0] in _NUM and _in_number(hay, i)):
            out.append(i)
        i = hay.find(needle, i + 1)
    return out


def _own(occ: list[int], n: int, spans: list[tuple[int, int]]) -> list[int]:
    """The occurrences that are a mention of their own: not inside a longer gold item of the same kind (3.3% inside
    3.3%左右, 去年 inside 去年10月); all of them where every one is."""
    own = [o for o in occ if not any(a <= o and o + n <= b and b - a > n for a, b in spans)]
    return own or occ


def split_region(reg: dict, items: list[dict], raw: str) -> tuple[tuple[dict, list], tuple[dict, list]]:
    """The two halves of one gold region: (region, items) each."""
    rs, re_ = reg["raw_start"], min(reg["raw_end"], len(raw))
    mid = (rs + re_) // 2
    breaks = [m.end() for m in re.finditer(r"\n", raw[rs:re_])]
    cut = rs + min(breaks, key=lambda b: abs(rs + b - mid)) if breaks else mid
    sq, pos = _squash_map(raw[rs:re_])
    halves: list[list[dict]] = [[], []]
    seen: dict[tuple[str, str], int] = defaultdict(int)
    texts = [_squash(it.get("text", "")) for it in items]
    found = [_occurrences(sq, t) for t in texts]
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)  # every occurrence of every gold item, by kind
    for it, t, occ in zip(items, texts, found):
        spans[it["kind"]] += [(o, o + len(t)) for o in occ]
    for it, text, occ0 in zip(items, texts, found):
        occ = _own(occ0, len(text), spans[it["kind"]])
        cut_len = len(text)
        while not occ and cut_len > 2:  # junk the cleaner removes may sit inside the raw span
            cut_len = max(2, cut_len // 2)
            occ = _occurrences(sq, text[:cut_len])
        sides = [0 if rs + pos[o] < cut else 1 for o in occ]
        if it["kind"] in SET_KINDS:
            for side in sorted(set(sides)) or [0]:
                halves[side].append(it)
            continue
        k = seen[(it["kind"], text)]
        seen[(it["kind"], text)] += 1
        halves[sides[min(k, len(sides) - 1)] if sides else 0].append(it)
    a = dict(reg, raw_start=rs, raw_end=cut)
    b = dict(reg, raw_start=cut, raw_end=re_)
    return (a, halves[0]), (b, halves[1])


def split(gold_dir: Path, docs_dir: Path, out: Path) -> None:
    """Write out/A and out/B: with four regions or more, alternate whole regions (sorted by name) between
    the halves; with fewer, each region's first part goes to A and its second to B."""
    for side in "AB":
        (out / side).mkdir(parents=True, exist_ok=True)
    files = sorted(gold_dir.glob("*.jsonl"))
    if len(files) >= 4:
        for i, f in enumerate(files):
            (out / "AB"[i % 2] / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        files = []
    for f in files:
        lines = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        reg, items = lines[0], lines[1:]
        raw = (docs_dir / f"{reg['doc']}.txt").read_text(encoding="utf-8-sig")
        for side, (r, its) in zip("AB", split_region(reg, items, raw)):
            with open(out / side / f.name, "w", encoding="utf-8") as fh:
                for row in [r, *its]:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    extra = gold_dir / "doc_dates.json"
    if extra.exists():
        for side in "AB":
            (out / side / extra.name).write_text(extra.read_text(encoding="utf-8"), encoding="utf-8")


def _score(gold: Path, outdir: Path) -> dict:
    import subprocess

    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(outdir)], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout)


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _line(name: str, s: dict) -> str:
    t, c = s["target"], s["clean"]
    return (f"{name:6s} org {_f(s['org']['f1'])}  amount {_f(s['amount']['f1'])}  date {_f(s['date']['f1'])}  "
            f"target {_f(t['f1'])} (deadline {_f(t.get('deadline_acc'))}, kind {_f(t.get('kind_acc'))})  "
            f"clean {_f(c.get('sentences_intact'))}/{_f(c.get('junk_removed'))}")


def score(gold_dir: Path, docs_dir: Path, outdir: Path) -> None:
    """Print the scores of OUTDIR on the whole set and on each half."""
    with tempfile.TemporaryDirectory() as tmp:
        split(gold_dir, docs_dir, Path(tmp))
        print(_line("all", _score(gold_dir, outdir)))
        for side in "AB":
            print(_line(f"half {side}", _score(Path(tmp) / side, outdir)))


if __name__ == "__main__":
    cmd, gold, docs, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    {"split": split, "score": score}[cmd](gold, docs, out)
