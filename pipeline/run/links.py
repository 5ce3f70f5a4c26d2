"""Links between the rows of one document: ids, sentence and article, places and regions, and the
amount and date rows each target was built from.

Runs on the finished rows of one document (after every stage), so it needs
nothing from other documents and gives the same ids on any engine: a row's
id is its document, its table and its position in that table
(``004_2b47e149472050a6:amounts:12``); the same input and configuration give
the same rows in the same order, hence the same ids.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import accumulate

from pipeline.core.records import Article, Sentence
from pipeline.run.registry import local_scope, org_id
from pipeline.stages.actors.rule import SentenceActors, Span
from pipeline.stages.places.divisions import gazetteer
from pipeline.stages.places.mentions import PlaceMention, resolve, scan
from pipeline.stages.places.region import RegionIndex, national_code, region_name

REGION_TABLES = ("organizations", "amounts", "targets")
_WS = re.compile(r"\s+")


def row_id(doc_id: str, table: str, n: int) -> str:
    return f"{doc_id}:{table}:{n}"


class Locator:
    """Sentence and article index of a clean offset."""

    def __init__(self, sents: Sequence[Sentence], articles: Sequence[Article]) -> None:
        self.sent_starts = [s.start for s in sents]
        self.sent_ends = [s.end for s in sents]
        self.art_starts = [a.start for a in articles]
        self.art_index = [a.index for a in articles]

    @staticmethod
    def word_starts(sents: Sequence[Sentence]) -> set[int] | None:
        """Clean offsets where the segmenter starts a word (None when it gave no words)."""
        out: set[int] = set()
        for s in sents:
            if "".join(s.words) != s.text:
                return None  # a backend whose words do not tile the sentence: no boundary check
            if s.words:
                out.update(accumulate(map(len, s.words[:-1]), initial=s.start))
        return out

    def sentence(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return i if i >= 0 and pos < self.sent_ends[i] else None

    def article(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.art_starts, pos) - 1
        return self.art_index[i] if i >= 0 else (self.art_index[0] if self.art_index else None)


def find_places(text: str, loc: Locator, word_starts: set[int] | None = None) -> list[PlaceMention]:
    """Every place mention of the clean text, decided by its sentence, article and document."""
    ms = scan(text, word_starts=word_starts)
    resolve(ms, [loc.sentence(m.start) for m in ms], [loc.article(m.start) for m in ms])
    return ms


def place_rows(doc_id: str, mentions: list[PlaceMention], prov_row: Callable[[PlaceMention], dict]) -> list[dict]:
    """The ``places`` rows: each mention with its province, city and county and its adcode."""
    g = gazetteer()
    out = []
    for m in mentions:
        d = g.by_code.get(m.adcode) if m.adcode else None
        names = {"province": None, "city": None, "county": None}
        if d is not None:
            for c in d.ancestors():
                names[g.by_code[c].level] = g.by_code[c].name
        row = prov_row(m)
        row.update(doc_id=doc_id, text=m.text, **names, level=d.level if d else ("country" if m.national else None),
                   adcode=national_code() if m.national else m.adcode, old_adcode=m.old_adcode,
                   n_candidates=len(m.candidates), resolved_by=m.how)
        out.append(row)
    return out


def link_rows(rows: dict[str, list[dict]], doc_id: str, loc: Locator, places: list[PlaceMention],
              sents: Sequence[Sentence] = (), pos: Sequence[Sequence[str]] | None = None) -> None:
    """Add ids, sentence/article indexes, regions, target links and actors to a document's rows, in place.

    ``pos``: the part-of-speech tags of each sentence's words (LAC's), which the actor rule reads;
    without them only an organization opening a clause is an actor."""
    for r in rows.get("documents", []):
        r["row_id"] = doc_id
    for name, rs in rows.items():
        if name == "documents":
            continue
        for n, r in enumerate(rs):
            r["row_id"] = row_id(doc_id, name, n)
            if "start" in r and name not in ("sentences", "articles"):
                r["sentence_index"] = loc.sentence(r["start"])
                r["article_index"] = loc.article(r["start"])
    regions = RegionIndex(places)
    clean = rows["documents"][0].get("clean_text") or "" if rows.get("documents") else ""
    for name in REGION_TABLES:
        for r in rows.get(name, []):
            org = r.get("name") if name == "organizations" else None
            # the words just before a mention (德国|维维美迪亚公司) may name its country
            before = clean[max(0, r["start"] - 8):r["start"]] if org else ""
            code, how = regions.for_row(org, r.get("sentence_index"), r.get("article_index"), before)
            r.update(adcode=code, region=region_name(code), region_source=how)
    # the document by its content, not its doc_id, which a route may rename (extract_frame's r000000000 -> p0080)
    doc_key = str(rows["documents"][0].get("sha256") or doc_id)[:16] if rows.get("documents") else doc_id
    for r in rows.get("organizations", []):  # 省委, 政协: the body of the row's region (上海市委、市政府: Shanghai's)
        scope = local_scope(r["name"], r["adcode"], regions.document, doc_key)
        r["org_id"] = org_id(r["name"], r.get("type"), scope)
    for r in rows.get("documents", []):
        r.update(adcode=regions.document, region=region_name(regions.document))
    link_targets(rows.get("targets", []), rows.get("amounts", []), rows.get("dates", []))
    assign_actors(rows, sents, pos)


def assign_actors(rows: dict[str, list[dict]], sents: Sequence[Sentence],
                  pos: Sequence[Sequence[str]] | None) -> None:
    """``actor`` and ``actor_org_id`` on amounts and targets (pipeline/stages/actors/rule.py)."""
    orgs_by_sent: dict[int, list[dict]] = {}
    for o in rows.get("organizations", []):
        if o.get("sentence_index") is not None:
            orgs_by_sent.setdefault(o["sentence_index"], []).append(o)
    amount_start = {a["row_id"]: a["start"] for a in rows.get("amounts", [])}
    dates_by_sent: dict[int, list[dict]] = {}
    for d in rows.get("dates", []):
        dates_by_sent.setdefault(d.get("sentence_index"), []).append(d)
    cache: dict[int, SentenceActors] = {}
    for name in ("amounts", "targets"):
        for r in rows.get(name, []):
            r["actor"] = r["actor_org_id"] = None
            si = r.get("sentence_index")
            if si is None or si >= len(sents) or si not in orgs_by_sent:
                continue
            s = sents[si]
            orgs = orgs_by_sent[si]
            if si not in cache:
                spans = [Span(o["start"] - s.start, o["end"] - s.start, k) for k, o in enumerate(orgs)]
                dates = [(d["start"] - s.start, d["end"] - s.start) for d in dates_by_sent.get(si, [])]
                cache[si] = SentenceActors(s.text, s.words, pos[si] if pos is not None else None, spans, dates)
            at = amount_start.get(r.get("amount_id"), r["start"]) if name == "targets" else r["start"]
            k = cache[si].actor(at - s.start)
            if k is not None:
                r["actor"], r["actor_org_id"] = orgs[k]["name"], orgs[k]["org_id"]


def link_targets(targets: list[dict], amounts: list[dict], dates: list[dict]) -> None:
    """``amount_id``: the amount row whose text is the target's value inside the target's span;
    ``date_id``: the date row that is (or is inside) the target's deadline, inside the target's span,
    else the nearest one before it in the same article (a deadline stated in a heading)."""
    for t in targets:
        t["amount_id"] = _amount_of(t, amounts)
        t["date_id"] = _date_of(t, dates)


def _amount_of(t: dict, amounts: list[dict]) -> str | None:
    if not t.get("value_text"):
        return None
    inside = [a for a in amounts if a["text"] == t["value_text"] and t["start"] <= a["start"] and a["end"] <= t["end"]]
    if not inside:
        inside = [a for a in amounts if a["text"] == t["value_text"]
                  and a.get("sentence_index") is not None and a.get("sentence_index") == t.get("sentence_index")]
    return inside[0]["row_id"] if inside else None


def _date_of(t: dict, dates: list[dict]) -> str | None:
    dl = t.get("deadline_text")
    if not dl:
        return None
    dl = _WS.sub("", dl)
    same = [d for d in dates if d.get("article_index") == t.get("article_index") and d["start"] < t["end"]
            and (_WS.sub("", d["text"]) in dl or dl in _WS.sub("", d["text"]))]
    inside = [d for d in same if d["start"] >= t["start"]]
    if inside:
        return inside[0]["row_id"]
    return same[-1]["row_id"] if same else None
