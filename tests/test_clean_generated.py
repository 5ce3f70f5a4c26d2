"""Seed-independent check of the cleaner: re-lay real prose as OCR would, clean, compare.

Paragraphs of ../shared/corpus (public-domain government reports) are set in a
narrow column the way seed 002 shows a scanned magazine: wrapped at 12-20
characters with a blank line between wrapped lines, the two-character indent of
each paragraph lost (its first line stays short), headings in larger type (fewer
characters a line), punctuation squeezed, numbers
with OCR spaces ("2016 年 6 月") and sometimes full-width digits, a running page
header every 25-45 lines, page numbers, and photo captions dropped into the
middle of sentences. The cleaner must give the original paragraphs back.

Run ``python tests/test_clean_generated.py`` for the figures.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.stages.clean import clean  # noqa: E402
from pipeline.stages.clean.rules import get_rules  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")

SEED = 20240611
MIN_PARAGRAPHS = 2000
_TERMINAL = "。！？"
_NO_LINE_START = "，。、；：？！”’）》」』…%"
_DIGIT_RUN = re.compile(r"[0-9.%]+")
_CLEAN_PARA = re.compile(r"^[\u4e00-\u9fff“（《0-9]")


def _w(ch: str) -> int:
    if ord(ch) < 0x1100:
        return 1
    if unicodedata.east_asian_width(ch) not in "WFA":
        return 1
    return 1 if unicodedata.category(ch)[0] == "P" else 2


def corpus_docs() -> list[list[str]]:
    """Paragraphs of each corpus document (index.tsv gives the line ranges)."""
    docs: list[list[str]] = []
    for txt in sorted(CORPUS.glob("*.txt")):
        lines = txt.read_text(encoding="utf-8").split("\n")
        idx = txt.with_suffix(".index.tsv")
        rows = [r.split("\t") for r in idx.read_text(encoding="utf-8").splitlines()[1:] if r.strip()]
        for r in rows:
            a, b = int(r[1]), int(r[2])
            paras = [p.strip() for p in lines[a - 1:b]]
            paras = [p for p in paras if _usable(p)]
            if len(paras) >= 3:
                docs.append(paras)
    return docs


def _usable(p: str) -> bool:
    """Prose paragraphs and numbered headings; wiki boilerplate and name stacks are left out."""
    if len(p) < 12 or len(p) > 600 or not _CLEAN_PARA.match(p):
        return False
    if any(c in p for c in "\u200b\u3000 \t■□〚〛"):
        return False
    return p[-1] in _TERMINAL or ("、" in p[:4] and len(p) <= 40)


def _ascii_digits(p: str) -> str:
    """Digits as printed (proportional); OCR noise may turn some full-width again."""
    return "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in p)


@dataclass
class Laid:
    raw: str
    paragraphs: list[str]
    junk: list[str] = field(default_factory=list)


def _tokens(p: str) -> list[str]:
    """Characters, with digit runs kept whole (type does not break a number)."""
    out: list[str] = []
    i = 0
    for m in _DIGIT_RUN.finditer(p):
        out.extend(p[i:m.start()])
        out.append(m.group())
        i = m.end()
    out.extend(p[i:])
    return out


def wrap(p: str, width: int, rng: random.Random, indent: int = 4) -> list[str]:
    """Lines of one paragraph in a column ``width`` units wide; the first is indented by 4.

    Kinsoku: a mark that may not open a line pulls the character before it down
    to the next line instead (the line stays within the column).
    """
    lines: list[list[str]] = []
    cur: list[str] = []
    cap = width - indent
    used = 0
    for tok in _tokens(p):
        tw = sum(_w(c) for c in tok)
        if used + tw > cap and cur:
            carry: list[str] = []
            if tok[0] in _NO_LINE_START and len(cur) > 1:
                carry = [cur.pop()]
            lines.append(cur)
            cur, cap = carry, width
            used = sum(_w(c) for t in cur for c in t)
        cur.append(tok)
        used += tw
    if cur:
        lines.append(cur)
    return [_ocr_noise("".join(x), rng) for x in lines]


_SPACE_AROUND_NUM = re.compile(r"(?<=[\u4e00-\u9fff])(\d[\d.]*)(?=[\u4e00-\u9fff%])")


def _ocr_noise(line: str, rng: random.Random) -> str:
    """Spaces around numbers and full-width digits, as OCR of proportional digits leaves them."""
    if rng.random() < 0.3:
        line = _SPACE_AROUND_NUM.sub(lambda m: " " + m.group(1) + " ", line)
    if rng.random() < 0.1:
        line = "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in line)
    return line


_MAG = ["城市观察", "科技前沿", "经济纵横", "区域发展"]
_SECT = ["热 点", "政 策", "调 研", "视 点"]
_CREDIT = ["供图", "摄", "效果图"]


def _caption(rng: random.Random, pool: list[str]) -> str:
    src = rng.choice(pool)
    words = [w for w in re.split(r"[，。、；：！？“”《》（）\d.%]+", src) if 4 <= len(w) <= 10]
    head = rng.choice(words) if words else "现场"
    org = rng.choice(words) if words else "本刊"
    return f"{head} {org[:6]} {rng.choice(_CREDIT)}"


def lay_out(paras: list[str], rng: random.Random, variant: str = "blank") -> Laid:
    """One synthetic OCR document from consecutive paragraphs.

    variant: "blank" (a blank line between wrapped lines, as seed 002), "single"
    (one newline), "indent" (the paragraph indent kept as two ideographic spaces),
    "crlf" (Windows line ends).
    """
    width = 2 * rng.randint(12, 20)
    sep = "\n" if variant == "single" else "\n\n"
    mag, issue, year = rng.choice(_MAG), rng.randint(1, 12), rng.randint(2015, 2024)
    sect = rng.choice(_SECT)
    header_every = rng.randint(25, 45)
    page = rng.randint(2, 80)
    out: list[str] = []
    junk: list[str] = []
    n_lines = 0
    for p in paras:
        if p[-1] in _TERMINAL:
            lines = wrap(p, width, rng)
        else:  # a heading: larger type, so fewer characters a line, and no indent
            lines = wrap(p, width * 3 // 5, rng, indent=0)
        body = p[-1] in _TERMINAL  # photo captions sit in body text, not inside a heading
        cap_at = rng.randrange(len(lines) - 1) if body and len(lines) >= 3 and rng.random() < 0.15 else -1
        for i, ln in enumerate(lines):
            if variant == "indent" and i == 0 and body:
                ln = "\u3000\u3000" + ln
            out.append(ln + sep)
            n_lines += 1
            if i == cap_at:
                cap = _caption(rng, paras)
                out.append("\n\n" + cap + sep)
                junk.append(cap)
            if n_lines % header_every == 0:
                page += 1
                if rng.random() < 0.5:
                    head = f"〚 〛{mag} {year}年第{issue}期 {sect} {page:02d}"
                else:
                    head = f"{mag} · {sect} {page}"
                out.append(head + "\n\n\n\n")
                junk.append(head)
    raw = "".join(out)
    if variant == "crlf":
        raw = raw.replace("\n", "\r\n")
    return Laid(raw=raw, paragraphs=paras, junk=junk)


def restore_rate(n_min: int = MIN_PARAGRAPHS, seed: int = SEED, variant: str = "blank") -> dict:
    """Share of corpus paragraphs given back exactly as one clean paragraph."""
    rng = random.Random(seed)
    docs = corpus_docs()
    rng.shuffle(docs)
    fold = get_rules(None).fold
    total = ok = junk_n = junk_ok = 0
    misses: list[tuple[str, list[str]]] = []
    k = 0
    while total < n_min and docs:
        paras = docs[k % len(docs)]
        k += 1
        start = rng.randrange(max(1, len(paras) - 30))
        chunk = [_ascii_digits(p) for p in paras[start:start + rng.randint(20, 40)]]
        laid = lay_out(chunk, rng, variant)
        res = clean(laid.raw)
        got = res.text.split("\n")
        have: dict[str, int] = {}
        for g in got:
            have[g] = have.get(g, 0) + 1
        for p in chunk:
            total += 1
            want = p.translate(fold)
            if have.get(want, 0) > 0:
                have[want] -= 1
                ok += 1
            elif len(misses) < 20:
                misses.append((want, [g for g in got if g[:6] == want[:6] or want[-6:] in g][:2]))
        squashed = re.sub(r"\s+", "", res.text)
        for j in laid.junk:
            junk_n += 1
            junk_ok += re.sub(r"\s+", "", j.translate(fold)) not in squashed
    return {"paragraphs": total, "restored": ok, "rate": ok / total if total else 0.0,
            "junk": junk_n, "junk_removed": junk_ok, "misses": misses}


@pytest.fixture(scope="module")
def generated() -> dict:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    return restore_rate()


def test_generated_paragraphs_restored(generated: dict) -> None:
    assert generated["paragraphs"] >= MIN_PARAGRAPHS
    assert generated["rate"] >= 0.99, generated["misses"][:5]


def test_generated_junk_removed(generated: dict) -> None:
    assert generated["junk_removed"] >= 0.99 * generated["junk"]


@pytest.mark.parametrize("variant", ["single", "indent", "crlf"])
def test_generated_layout_variants(variant: str) -> None:
    """The same prose with one newline between lines, kept indents, or CRLF."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    r = restore_rate(n_min=600, seed=SEED + 1, variant=variant)
    assert r["rate"] >= 0.98, r["misses"][:5]
    assert r["junk_removed"] == r["junk"]


def test_wrap_keeps_text() -> None:
    rng = random.Random(1)
    p = "2016年6月，国家发展改革委联合颁发《长江三角洲城市群发展规划》，首次作出明确界定。"
    lines = wrap(p, 28, rng)
    assert len(lines) > 2
    joined = "".join(re.sub(r"\s+", "", x) for x in lines)
    assert joined.translate(get_rules(None).fold) == p


if __name__ == "__main__":
    for v in ("single", "indent", "crlf"):
        x = restore_rate(n_min=600, seed=SEED + 1, variant=v)
        x.pop("misses")
        print(v, x)
    r = restore_rate()
    for want, got in r.pop("misses")[:10]:
        print("WANT", want[:80])
        for g in got:
            print("  GOT", g[:80])
    print(r)


def test_plain_text_paragraphs_pass_through() -> None:
    """Text that is already clean (one paragraph a line) loses or merges nothing:
    every corpus paragraph that ends a sentence, after a line that ends one too,
    comes out as one clean paragraph."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    fold = get_rules(None).fold
    for txt in sorted(CORPUS.glob("*.txt")):
        raw = txt.read_text(encoding="utf-8")
        got = set(clean(raw).text.split("\n"))
        lines = [x.strip() for x in raw.split("\n") if x.strip()]
        n = ok = 0
        for prev, p, nxt in zip(lines, lines[1:], lines[2:], strict=False):
            if p[-1] in _TERMINAL and prev[-1] in _TERMINAL and nxt[0] not in "》）」”":
                n += 1
                ok += "".join(p.split()).translate(fold) in got
        assert n > 1000 and ok == n, (txt.name, n, ok)
