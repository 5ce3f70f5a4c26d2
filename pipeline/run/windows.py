"""Documents longer than ``run.window_chars``, processed in bounded windows (issue 14).

Processing one document holds its Python rows, words and tags at about 300
bytes a character, so a 17M-character file would need 5 GB. A long document
is therefore cut into windows of its raw text, each window runs through every
stage as a document of its own, and its rows are moved to the document's
offsets, indexes and ids and packed into Arrow tables before the next window
starts: a worker holds one window's Python objects at a time. The packed
tables are spilled to Arrow IPC files in a temporary folder (``SpilledTable``),
which the parent streams into the part's Parquet files and then deletes, so
neither process ever holds the whole document's rows (the Dask engine, whose
workers may sit on other machines, loads them back before returning).

Where a window is cut: after the last line break that follows a sentence end
in the second half of the window, else after the last line break there, else
after the last sentence end there (。！？；), else at the window's end (text with neither for half a window, such as one unpunctuated line; a
word or name can be split there). Cutting at line breaks keeps every amount and
date the whole document gives (a paragraph sets its own reference year). What
the earlier windows learned goes on to the next (task.Carry): organization
names and their aliases, the last year written, the section a window ends in
(and whether it ends under the untimed heading after a look back, which the year's
goal may still open), the goals already stated; and an article running past a cut stays one article
(``_Articles``). A name first found in a later window is not looked for in the
earlier ones, and the document-level fallback of ``region`` is each window's
dominant region. The ``documents`` row takes the dominant region of the windows
holding most place mentions.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from pipeline.run.links import row_id
from pipeline.run.schema import to_table
from pipeline.run.store import SpilledTable
from pipeline.run.task import Carry, DocFailure, DocOutput, DocumentProcessor
from pipeline.stages.clean.articles import MAX_TITLE_PARAS, heading_like
from pipeline.stages.read.decode import SourceDoc

_SENTENCE_ENDS = "。！？；"
_PARA = re.compile(r"[^\n]+")  # a clean paragraph: one line of the clean text (clean/articles.py's paragraphs)
_SPACES = re.compile(r"\s+")
_PARAGRAPH_END = re.compile(r"[。！？；…”’」』■!?][ \t\u3000]*\r?\n")


def cut_points(raw: str, window: int) -> list[int]:
    """Window boundaries ``[0, ..., len(raw)]``: every window at most ``window`` characters.

    A line break after a sentence end (or the end mark) first: a title or byline line never ends so, so a
    title is not cut off its byline."""
    cuts = [0]
    n = len(raw)
    while n - cuts[-1] > window:
        a = cuts[-1]
        lo, hi = a + window // 2, a + window
        b = max((m.end() for m in _PARAGRAPH_END.finditer(raw, lo, hi)), default=0)
        if b <= 0:
            b = raw.rfind("\n", lo, hi) + 1
        if b <= 0:
            b = max(raw.rfind(c, lo, hi) for c in _SENTENCE_ENDS) + 1
        cuts.append(b if b > 0 else hi)
    cuts.append(n)
    return cuts


class _Offsets:
    """Where the next window's rows start in the document: clean and raw offset, indexes, row numbers."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.clean = 0
        self.raw = 0
        self.sentence = 0
        self.article = 0
        self.rows: Counter[str] = Counter()

    def move(self, name: str, rows: list[dict]) -> dict[str, str]:
        """Shift one window's rows of table ``name`` in place; old row id -> new row id."""
        ids = {}
        for r in rows:
            for k in ("start", "end"):
                if r.get(k) is not None:
                    r[k] += self.clean
            for k in ("raw_start", "raw_end"):
                if r.get(k) is not None:
                    r[k] += self.raw
            for k, base in (("sentence_index", self.sentence), ("article_index", self.article)):
                if r.get(k) is not None:
                    r[k] += base
            new = row_id(self.doc_id, name, self.rows[name])
            ids[r["row_id"]] = new
            r["row_id"] = new
            self.rows[name] += 1
        return ids


def process_windowed(processor: DocumentProcessor, doc: SourceDoc, window: int) -> DocOutput | DocFailure:
    """A long document's rows, window by window: per-row tables spilled, ``documents`` as one row.

    A stage that fails on any window fails the document (its DocFailure is returned, nothing spilled kept).
    """
    spill = Path(tempfile.mkdtemp(prefix="pipeline-windows-"))
    try:
        out = _windows(processor, doc, window, spill)
    except BaseException:
        shutil.rmtree(spill, ignore_errors=True)
        raise
    if isinstance(out, DocFailure):
        shutil.rmtree(spill, ignore_errors=True)
    return out


def _windows(processor: DocumentProcessor, doc: SourceDoc, window: int, spill: Path) -> DocOutput | DocFailure:
    at = _Offsets(doc.doc_id)
    timings: Counter[str] = Counter()
    tables: dict[str, SpilledTable] = {}
    texts: list[str] = []
    regions: Counter[tuple[str | None, str | None]] = Counter()
    first: dict | None = None
    carry = Carry()  # organization names and years found so far, for the next windows
    articles = _Articles()
    cuts = cut_points(doc.raw, window)
    for w, (a, b) in enumerate(zip(cuts, cuts[1:])):
        carry.para_break = a == 0 or doc.raw[a - 1] == "\n"
        out = processor.process_many([replace(doc, raw=doc.raw[a:b])], carry=carry)[0]
        if isinstance(out, DocFailure):
            return DocFailure(doc, out.stage, out.error)
        rows = out.rows
        timings.update(out.timings)
        at.raw = a
        d = rows.pop("documents")[0]
        first = first or d
        if d["clean_text"] and any(texts) and not next(t for t in reversed(texts) if t).endswith("\n"):
            texts.append("\n")  # the windows' clean texts join at a paragraph break
            at.clean += 1
        texts.append(d["clean_text"])
        regions[(d.get("adcode"), d.get("region"))] += len(rows.get("places", []))  # ties: the earlier window
        n_articles = articles.join(rows, at, d["clean_text"])
        new_ids: dict[str, str] = {}
        for name, rs in rows.items():
            new_ids.update(at.move(name, rs))
        for t in rows.get("targets", []):
            for k in ("amount_id", "date_id"):
                if t.get(k) is not None:
                    t[k] = new_ids[t[k]]
        articles.hold_last(rows)
        for name, rs in rows.items():
            tables.setdefault(name, SpilledTable()).add(to_table(name, rs), spill / f"{name}-{w:05d}.arrow")
        at.clean += len(d["clean_text"])
        at.sentence += len(rows.get("sentences", []))
        at.article += n_articles
        del rows, out
    assert first is not None
    last = [articles.held] if articles.held is not None else []
    tables.setdefault("articles", SpilledTable()).add(to_table("articles", last), spill / "articles-last.arrow")
    clean_text = "".join(texts)
    adcode, region = max(regions, key=regions.__getitem__)
    document = {**first, "clean_text": clean_text, "n_chars_raw": len(doc.raw), "n_chars_clean": len(clean_text),
                "n_sentences": at.sentence, "adcode": adcode, "region": region}
    merged: dict[str, list[dict] | SpilledTable] = {"documents": [document]}
    merged.update(tables)
    return DocOutput(doc, merged, dict(timings))  # type: ignore[arg-type]


def _opens_article(clean: str, first: dict) -> bool:
    """The window's first article opens with its title lines and byline (a new article, as in the whole text):
    its byline is among its first paragraphs and only title-like lines come before it."""
    byline = first.get("byline")
    if not byline:
        return False
    key = _SPACES.sub("", byline)
    paras = _PARA.findall(clean, first["start"], first["end"])[:MAX_TITLE_PARAS + 2]
    k = next((i for i, p in enumerate(paras) if key in _SPACES.sub("", p)), None)
    return k is not None and all(heading_like(p) for p in paras[:k])


class _Articles:
    """An article that runs on past a window's end stays one article.

    The last article of each window is held back until the next window shows
    whether it goes on: the next window's first article continues it unless that
    article opens with title lines and a byline (``_opens_article``: a new article,
    as in the whole document; a byline set inside the body text is not an opening)
    or the held article's last sentence carried the end mark (■, a ``removed`` row
    of reason ``end_mark``).
    """

    def __init__(self) -> None:
        self.held: dict | None = None  # the last article seen, until the next window shows whether it goes on
        self.ended = False
        self.paras = 0  # paragraphs of the held article so far

    def join(self, rows: dict[str, list[dict]], at: _Offsets, clean: str) -> int:
        """Merge this window's first article into the held one if it continues it.

        Returns how far ``at.article`` moves once the window's rows are moved.
        """
        arts = rows.get("articles", [])
        if not clean.strip():  # all blank or removed junk: no article of its own, nothing held changes
            rows["articles"] = []
            return 0
        goes_on = self.held is not None and bool(arts) and not self.ended and not _opens_article(clean, arts[0])
        sents = rows.get("sentences", [])
        last = sents[-1]["raw_start"] if sents and sents[-1].get("raw_start") is not None else 0
        # the end mark on the line of the window's last sentence (junk lines may follow it)
        self.ended = any(r.get("reason") == "end_mark" and r["raw_start"] >= last for r in rows.get("removed", []))
        if not goes_on:
            if self.held is not None and arts:  # the held article ends where this one starts (the joining break)
                self.held["end"] = arts[0]["start"] + at.clean
            if arts:
                self.paras = len(_PARA.findall(clean, arts[-1]["start"], arts[-1]["end"]))
            return len(arts)
        first = arts.pop(0)
        part = _PARA.findall(clean, first["start"], first["end"])
        held = self.held
        assert held is not None
        if held.get("title") is None and held.get("byline") is None and first.get("title") in part:
            # a title among the article's first paragraphs (clean/articles.py), counted across the cut
            if self.paras + part.index(first["title"]) <= MAX_TITLE_PARAS:
                held["title"] = first["title"]
        if held.get("byline") is None:
            held["byline"] = first.get("byline")  # a byline set in the article's body (a displaced label)
        held["end"] = first["end"] + at.clean
        held["raw_end"] = first["raw_end"] + at.raw
        self.paras = len(_PARA.findall(clean, arts[-1]["start"], arts[-1]["end"])) if arts else self.paras + len(part)
        at.article -= 1  # the window's article 0 is the held article: its rows take the held index
        return len(arts) + 1

    def hold_last(self, rows: dict[str, list[dict]]) -> None:
        """Spill the held article with this window's rows and hold this window's last one."""
        arts = rows.get("articles", [])
        if not arts:
            return
        if self.held is not None:
            arts.insert(0, self.held)
        self.held = arts.pop()
