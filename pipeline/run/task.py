"""Per-document orchestration: one SourceDoc in, the rows of every table out.

Data flows one way: raw -> clean (with offset map) -> sentences -> NER ->
dates -> amounts -> organizations -> targets. Stage modules see only clean
text; this module shifts their offsets to document clean offsets, maps them to
raw offsets and attaches the sentence each row came from.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.core.config import load_config
from pipeline.core.records import Amount, Analysis, CleanResult, DateMention, Sentence
from pipeline.run.links import Locator, find_places, link_rows, place_rows
from pipeline.stages.amounts.grammar import extract_amounts
from pipeline.stages.clean import clean
from pipeline.stages.dates.grammar import DateContext, extract_dates
from pipeline.stages.ner import load_backend
from pipeline.stages.organizations.layer import extract_organizations
from pipeline.stages.read.decode import SourceDoc
from pipeline.stages.sentences.split import split_sentences
from pipeline.stages.targets.extract import TargetsCarry, extract_targets


class DocumentProcessor:
    """Holds the loaded models so that each worker loads them once."""

    def __init__(self, cfg: dict[str, Any] | None = None) -> None:
        self.cfg = cfg if cfg is not None else load_config()
        ner = self.cfg["ner"]  # checked and complete (configs/default.toml): no defaults written here
        self.backend = load_backend(ner["backend"], batch_size=int(ner["batch_size"]), threads=int(ner["threads"]))

    def process(self, doc: SourceDoc) -> dict[str, list[dict]]:
        """All table rows for one document (raises what a stage raised)."""
        out = self.process_many([doc])[0]
        if isinstance(out, DocFailure):
            raise out.error
        return out.rows

    def process_many(self, docs: list[SourceDoc], carry: Carry | None = None) -> list[DocOutput | DocFailure]:
        """Rows for several documents, one result per document in order.

        ``carry`` is given for the windows of one long document (run/windows.py, one
        window per call): what the earlier windows learned goes on to the next.

        The documents' sentences go through the NER backend in one call, so
        its batches hold sentences of near-equal length across documents
        (measured 16% faster than one call per document). A stage that raises
        fails only its own document.
        """
        prepared: list[_Prepared | DocFailure] = []
        for doc in docs:
            clock = _Clock()
            try:
                cr = clean(doc.raw, self.cfg.get("clean"))
                clock.lap("clean")
                sents = split_sentences(cr.text)
                clock.lap("sentences")
                prepared.append(_Prepared(doc, cr, sents, clock))
            except Exception as e:  # noqa: BLE001 - isolate the failure to this document
                prepared.append(DocFailure(doc, "clean", e))
        ready = [p for p in prepared if isinstance(p, _Prepared)]
        t0 = time.perf_counter()
        try:
            analyses = self.backend.analyze([s.text for p in ready for s in p.sents])
        except Exception:  # noqa: BLE001 - retry document by document so only the culprit fails
            analyses, kept = [], []
            for p in ready:
                try:
                    analyses += self.backend.analyze([s.text for s in p.sents])
                    kept.append(p)
                except Exception as e:  # noqa: BLE001
                    prepared[prepared.index(p)] = DocFailure(p.doc, "ner", e)
            ready = kept
        ner_seconds = time.perf_counter() - t0
        n_chars = sum(len(p.cr.text) for p in ready) or 1
        i = 0
        for p in ready:
            p.analyses = analyses[i:i + len(p.sents)]
            i += len(p.sents)
            p.clock.laps["ner"] = ner_seconds * len(p.cr.text) / n_chars  # the shared call, split by size
        out: list[DocOutput | DocFailure] = []
        for p in prepared:
            if isinstance(p, DocFailure):
                out.append(p)
                continue
            try:
                out.append(DocOutput(p.doc, self._extract(p, carry), p.clock.laps))
            except Exception as e:  # noqa: BLE001 - isolate the failure to this document
                out.append(DocFailure(p.doc, "extract", e))
        return out

    def _extract(self, p: _Prepared, carry: Carry | None = None) -> dict[str, list[dict]]:
        """Every stage after NER, and the rows with raw provenance."""
        doc, cr, sents, analyses, clock = p.doc, p.cr, p.sents, p.analyses, p.clock
        text, offmap = cr.text, cr.offmap
        clock.restart()
        for s, a in zip(sents, analyses):
            s.words = list(a.words)

        dates: list[DateMention] = []
        amounts: list[Amount] = []
        date_ctx = carry.dates if carry is not None else DateContext()
        if carry is not None and carry.para_break:
            date_ctx.new_paragraph()  # the window starts a paragraph
        prev_end = 0
        starts = [a.start for a in cr.articles[1:]]  # the window's first article may go on from the last window
        for s in sents:
            if starts and s.start >= starts[0]:
                date_ctx.new_article()  # a newspaper page's next item: no section of the last one goes on
                starts = [a for a in starts if a > s.start]
            elif "\n" in text[prev_end:s.start]:
                date_ctx.new_paragraph()  # a paragraph sets its own reference year (dates stage)
            prev_end = s.end
            ds = extract_dates(s.text, doc.pub_date, date_ctx, titles=s.titles)
            amts = extract_amounts(s.text, exclude=[(d.start, d.end) for d in ds], titles=s.titles)
            dates += [_shift(d, s.start) for d in ds]
            amounts += [_shift(a, s.start) for a in amts]
        clock.lap("amounts_dates")
        orgs = extract_organizations(text, sents, analyses, known=carry.org_names if carry is not None else None)
        clock.lap("organizations")
        # the backend's POS tags (the NER contract's set) serve the targets' noun/verb check
        targets = extract_targets(text, sents, amounts, dates, doc.pub_date, analyses=analyses,
                                  carry=carry.targets if carry is not None else None)
        clock.lap("targets")

        prov = _Provenance(doc.doc_id, text, offmap, sents)
        rows: dict[str, list[dict]] = {
            "documents": [{
                "doc_id": doc.doc_id, "source_path": doc.source_path, "sha256": doc.sha256,
                "pub_date": doc.pub_date, "clean_text": text, "n_chars_raw": len(doc.raw),
                "n_chars_clean": len(text), "encoding": doc.encoding,
                "pub_date_source": doc.pub_date_source, "n_sentences": len(sents),
            }],
            "sentences": [{
                "doc_id": doc.doc_id, "sentence_index": s.index, "start": s.start, "end": s.end,
                **prov.raw_span(s.start, s.end), "text": s.text, "words": s.words,
            } for s in sents],
            "amounts": [prov.row(a) for a in amounts],
            "dates": [prov.row(d) for d in dates],
            "organizations": [prov.row(o) for o in orgs],
            "targets": [prov.row(t) for t in targets],
            "removed": [{"doc_id": doc.doc_id, **asdict(r)} for r in cr.removed],
            "articles": [{
                "doc_id": doc.doc_id, "article_index": a.index, "title": a.title, "byline": a.byline,
                "start": a.start, "end": a.end, **prov.raw_span(a.start, a.end),
            } for a in cr.articles],
        }
        _link(rows, doc.doc_id, text, sents, cr.articles, prov, [a.pos for a in analyses])
        clock.lap("rows")
        return rows


def _link(rows: dict[str, list[dict]], doc_id: str, text: str, sents, articles, prov: _Provenance,
          pos: list[list[str]] | None) -> None:
    """Place mentions, then ids, sentence/article indexes, regions and target links (pipeline/run/links.py)."""
    loc = Locator(sents, articles)
    places = find_places(text, loc, Locator.word_starts(sents))
    rows["places"] = place_rows(doc_id, places, lambda m: {
        "start": m.start, "end": m.end, **prov.raw_span(m.start, m.end), "sentence": prov.sentence_of(m.start)})
    link_rows(rows, doc_id, loc, places, sents, pos)


@dataclass
class Carry:
    """What a long document's earlier windows tell the next (run/windows.py).

    ``org_names``: the organization names found so far (surface -> (name, type,
    rank)), tagged in the next windows too; ``dates``: the last year written
    (同年), the paragraph's reference year and the section's year; ``targets``: the section (its
    heading's year and orientation) the window ends in.
    """

    org_names: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    dates: DateContext = field(default_factory=DateContext)
    targets: TargetsCarry = field(default_factory=TargetsCarry)
    para_break: bool = True  # the window starts after a line break (else mid-paragraph: the reference year goes on)


@dataclass
class DocOutput:
    doc: SourceDoc
    rows: dict[str, list[dict]]
    timings: dict[str, float]


@dataclass
class DocFailure:
    """A document a stage failed on; ``error`` keeps its traceback."""

    doc: SourceDoc
    stage: str
    error: BaseException


@dataclass
class _Prepared:
    doc: SourceDoc
    cr: CleanResult
    sents: list[Sentence]
    clock: _Clock
    analyses: list[Analysis] = field(default_factory=list)


class _Clock:
    """Seconds per stage of one document (summed into the run's per-stage throughput)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def restart(self) -> None:
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._t
        self._t = now


def _shift(rec, by: int):
    rec.start += by
    rec.end += by
    return rec


class _Provenance:
    """Maps clean spans to raw spans and to the sentence that holds them."""

    def __init__(self, doc_id: str, text: str, offmap: list[int], sents) -> None:
        self.doc_id = doc_id
        self.text = text
        self.offmap = offmap
        self.sents = sents
        self.starts = [s.start for s in sents]

    def raw_span(self, start: int, end: int) -> dict[str, int | None]:
        if end <= start or start >= len(self.offmap):
            return {"raw_start": None, "raw_end": None}
        end = min(end, len(self.offmap))
        # offmap strictly increases (clean never reorders text), so the span's ends bound it
        return {"raw_start": self.offmap[start], "raw_end": self.offmap[end - 1] + 1}

    def sentence_of(self, start: int) -> str | None:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and start < self.sents[i].end:
            return self.sents[i].text
        return None

    def row(self, rec) -> dict:
        d = dict(vars(rec))  # records are flat: no need for asdict's deep copy
        d["doc_id"] = self.doc_id
        d.update(self.raw_span(rec.start, rec.end))
        d["sentence"] = self.sentence_of(rec.start)
        return d
