"""Review page: one document's clean text with its extractions highlighted, as one self-contained HTML file.

A researcher judges extractions by reading them in context. A single static
file (inline CSS and JS, no network, everything HTML-escaped) opens in any
browser, can be mailed or archived next to the tables it was made from.

Overlapping spans: entities are nested outer-to-inner by (start, longer first,
target > organization > amount > date); a span that crosses the end of an
enclosing one is split into pieces that share a ``data-id``, so hovering any
piece lights up the whole entity. Targets are drawn as an underline so the
organizations, amounts and dates inside them keep their colours.
"""

from __future__ import annotations

import difflib
import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.run.schema import SCHEMAS, to_table

# Outer to inner when two entities start together with the same length.
KINDS = ("target", "organization", "amount", "date")
TABLE_OF = {"organization": "organizations", "amount": "amounts", "date": "dates", "target": "targets"}
_RANK = {k: i for i, k in enumerate(KINDS)}
# Columns that only locate a row: left out of the per-kind lists.
_LOCATION = {"doc_id", "raw_start", "raw_end", "sentence"}


class ReviewError(Exception):
    """The page cannot be made (unknown document, missing tables); the message says what to do."""


@dataclass
class Span:
    kind: str
    start: int
    end: int
    title: str
    ident: str


def read_table(outdir: str | Path, name: str, doc_id: str | None = None) -> pd.DataFrame:
    """One table of OUTDIR (``name.parquet`` file or folder of parts, or ``name/``), optionally one document's rows.

    A table that is not there reads as empty with its schema's columns, so a run
    with fewer tables still gives a page.
    """
    out = Path(outdir)
    schema = SCHEMAS.get(name)
    filters = [("doc_id", "==", doc_id)] if doc_id is not None and schema is not None else None
    for p in (out / name, out / f"{name}.parquet"):
        if p.is_dir():
            return pq.read_table(p, schema=schema, filters=filters).to_pandas()
        if p.is_file():
            return pq.read_table(p, filters=filters).to_pandas()
    return to_table(name, []).to_pandas() if schema is not None else pd.DataFrame()


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _num(v) -> str:
    if _missing(v):
        return "—"
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}"


def _s(v) -> str:
    return "—" if _missing(v) else str(v)


def _value_range(r) -> str:
    out = _num(r.get("value"))
    if not _missing(r.get("value_max")):
        out += f" – {_num(r.get('value_max'))}"
    return out


def title_of(kind: str, r: dict) -> str:
    """The hover text of one row: what the entity normalizes to."""
    if kind == "organization":
        return f"organization: {_s(r.get('text'))}\ntype: {_s(r.get('type'))}\nname: {_s(r.get('name'))}"
    if kind == "amount":
        return (f"amount: {_s(r.get('text'))}\nvalue: {_value_range(r)} {_s(r.get('unit'))}\n"
                f"quantity: {_s(r.get('quantity'))}\nqualifier: {_s(r.get('qualifier'))}")
    if kind == "date":
        rel = " (relative)" if r.get("relative") is True else ""
        val = "unresolved" if _missing(r.get("value")) else str(r.get("value"))
        return f"date: {_s(r.get('text'))}\nvalue: {val}{rel}"
    value = "—"
    if not _missing(r.get("value")) or not _missing(r.get("value_text")):
        value = f"{_s(r.get('qualifier'))} {_value_range(r)} {_s(r.get('unit'))} ({_s(r.get('value_text'))})"
    return (f"target: {_s(r.get('trigger'))} ({_s(r.get('target_kind'))})\nmetric: {_s(r.get('metric'))}\n"
            f"value: {value}\ndeadline: {_s(r.get('deadline'))} ({_s(r.get('deadline_text'))})")


def spans_from_tables(tables: dict[str, pd.DataFrame], n_chars: int) -> tuple[list[Span], list[str]]:
    """Highlight spans of every kind (identical spans of one kind merged); notes on rows that cannot be shown."""
    merged: dict[tuple[str, int, int], list[str]] = {}
    notes: list[str] = []
    for kind in KINDS:
        df = tables.get(kind)
        if df is None:
            continue
        for r in df.to_dict("records"):
            s, e = r.get("start"), r.get("end")
            if _missing(s) or _missing(e) or not 0 <= int(s) < int(e) <= n_chars:
                span = "has no span" if _missing(s) or _missing(e) else f"span [{s}, {e}) is not inside the clean text"
                notes.append(f"{kind} {r.get('text')!r}: {span}; it is listed below but not highlighted")
                continue
            merged.setdefault((kind, int(s), int(e)), []).append(title_of(kind, r))
    spans = [Span(k, s, e, "\n—\n".join(t), f"{k}-{i}") for i, ((k, s, e), t) in enumerate(merged.items())]
    return spans, notes


def _order(sp: Span) -> tuple:
    return (sp.start, -sp.end, _RANK[sp.kind], sp.ident)


def render_spans(text: str, spans: Iterable[Span]) -> str:
    """HTML of ``text`` with the spans as (possibly split) nested ``<span>`` elements."""
    spans = list(spans)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for sp in spans:
        starts.setdefault(sp.start, []).append(sp)
    active: list[Span] = []
    stack: list[Span] = []
    seen: set[str] = set()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp.end > a] + starts.get(a, [])
        want = sorted(active, key=_order)
        k = 0
        while k < len(stack) and k < len(want) and stack[k] is want[k]:
            k += 1
        out.append("</span>" * (len(stack) - k))
        for sp in want[k:]:
            anchor = "" if sp.ident in seen else f' id="{sp.ident}"'
            seen.add(sp.ident)
            out.append(f'<span class="e e-{sp.kind}" data-id="{sp.ident}"{anchor} '
                       f'title="{html.escape(sp.title, quote=True)}">')
        stack = want
        out.append(html.escape(text[a:b], quote=False))
    out.append("</span>" * len(stack))
    return "".join(out)


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
 margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:10px 24px;z-index:2}
h1{font-size:18px;margin:0 0 4px}
.meta{font-size:13px;color:#555}
.legend{margin-top:6px;font-size:14px}
.legend label{margin-right:14px;cursor:pointer;white-space:nowrap}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.doc{white-space:pre-wrap;font-size:17px;line-height:2.1;background:#fff;border:1px solid #e3e3e3;
 padding:16px 20px;border-radius:6px}
.e{border-radius:2px;cursor:help}
.e-organization{background:#cfe2ff;box-shadow:inset 0 -1px #3b6fd8}
.e-amount{background:#c8f0c4;box-shadow:inset 0 -1px #2f8a3a}
.e-date{background:#ffdfae;box-shadow:inset 0 -1px #c77700}
.e-organization .e-organization{background:#9fc3ff}
.e-amount .e-amount{background:#93dd8c}
.e-date .e-date{background:#ffc46b}
.e-target{border-bottom:3px solid #9b4dca;padding-bottom:2px}
.e-target .e-target{border-bottom-style:double;padding-bottom:5px}
.hide-organization .e-organization,.hide-amount .e-amount,.hide-date .e-date{background:none;box-shadow:none}
.hide-target .e-target{border-bottom:none}
.e.hl{outline:2px solid #222;outline-offset:0}
h2{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse;font-size:13px;background:#fff}
td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
td.t{white-space:pre-wrap;max-width:520px}
.note{color:#a33;font-size:13px}
details{margin:6px 0}
summary{cursor:pointer;font-weight:600}
"""

_JS = """
document.addEventListener('mouseover',function(ev){var t=ev.target.closest&&ev.target.closest('.e');
 document.querySelectorAll('.e.hl').forEach(function(x){x.classList.remove('hl')});
 if(!t)return;document.querySelectorAll('.e[data-id="'+t.dataset.id+'"]').forEach(function(x){x.classList.add('hl')});});
document.querySelectorAll('.legend input').forEach(function(cb){cb.addEventListener('change',function(){
 document.body.classList.toggle('hide-'+cb.value,!cb.checked);});});
"""

_LEGEND_SAMPLE = {"organization": "organization", "amount": "amount", "date": "date", "target": "target"}


def _rows_table(df: pd.DataFrame, kind: str | None = None, ids: dict[tuple[int, int], str] | None = None) -> str:
    cols = [c for c in df.columns if c not in _LOCATION]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for r in df.to_dict("records"):
        cells = []
        for c in cols:
            v = r[c]
            txt = _num(v) if isinstance(v, float) else ("—" if _missing(v) else str(v))
            if c == "text" and ids is not None:
                ident = ids.get((r.get("start"), r.get("end")))
                if ident:
                    txt_html = f'<a href="#{ident}">{html.escape(txt)}</a>'
                    cells.append(f'<td class="t">{txt_html}</td>')
                    continue
            cells.append(f'<td class="t">{html.escape(txt)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def render_review(doc: dict, tables: dict[str, pd.DataFrame], removed: pd.DataFrame,
                  articles: pd.DataFrame | None = None, errors: pd.DataFrame | None = None) -> str:
    """The whole HTML page for one document (``doc`` is its row of the documents table)."""
    text = doc.get("clean_text") or ""
    spans, notes = spans_from_tables(tables, len(text))
    counts = {k: len(tables[k]) if k in tables else 0 for k in KINDS}
    legend = "".join(
        f'<label><input type="checkbox" value="{k}" checked> <span class="e e-{k}">{_LEGEND_SAMPLE[k]}</span>'
        f" ({counts[k]})</label>" for k in KINDS)
    esc = html.escape
    pub = _s(doc.get("pub_date"))
    if not _missing(doc.get("pub_date_source")):
        pub += f" (from {doc.get('pub_date_source')})"
    meta = (f"source {esc(_s(doc.get('source_path')))} · encoding {esc(_s(doc.get('encoding')))} · "
            f"published {esc(pub)} · {_num(doc.get('n_chars_raw'))} raw / {_num(doc.get('n_chars_clean'))} clean characters")
    parts = [
        "<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>review {esc(str(doc.get('doc_id')))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{esc(str(doc.get('doc_id')))}</h1><div class=\"meta\">{meta}</div>",
        f'<div class="legend">{legend} <span class="meta">hover a highlight for its normalized value; '
        "untick a kind to hide it</span></div></header><main>",
    ]
    if errors is not None and len(errors):
        parts.append("<h2>Errors</h2>" + _rows_table(errors))
    parts += [f'<div class="doc">{render_spans(text, spans)}</div>']
    if notes:
        parts.append("".join(f'<p class="note">{esc(n)}</p>' for n in notes))
    ids = {}
    for sp in spans:
        ids.setdefault(sp.kind, {})[(sp.start, sp.end)] = sp.ident
    parts.append("<h2>Extractions</h2>")
    for k in KINDS:
        df = tables.get(k)
        if df is None or df.empty:
            parts.append(f"<details><summary>{TABLE_OF[k]} (0)</summary></details>")
            continue
        parts.append(f"<details><summary>{TABLE_OF[k]} ({len(df)})</summary>"
                     f"{_rows_table(df.sort_values('start'), k, ids.get(k, {}))}</details>")
    n_removed = 0 if removed is None else len(removed)
    parts.append(f"<h2>Removed from the prose ({n_removed})</h2>")
    if n_removed:
        by_reason = removed.groupby("reason", dropna=False).size().sort_values(ascending=False)
        parts.append('<p class="meta">' + " · ".join(f"{esc(_s(r))}: {n}" for r, n in by_reason.items()) + "</p>")
        parts.append(_rows_table(removed.sort_values("raw_start")[["raw_start", "raw_end", "reason", "text"]]
                                 .rename(columns={"raw_start": "raw start", "raw_end": "raw end"})))
    else:
        parts.append('<p class="meta">nothing was removed</p>')
    if articles is not None and len(articles) > 1:
        parts.append(f"<h2>Articles ({len(articles)})</h2>" + _rows_table(articles.sort_values("article_index")))
    parts.append(f"</main><script>{_JS}</script></body></html>")
    return "\n".join(parts)


def _doc_ids(out: Path) -> list[str]:
    """The doc ids of OUTDIR, reading that one column only."""
    src = out / "documents" if (out / "documents").is_dir() else out / "documents.parquet"
    return [str(x) for x in pq.read_table(src, columns=["doc_id"]).column("doc_id").to_pylist()]


def unknown_document(doc_id: str, ids: list[str], where: str) -> ReviewError:
    """The error for an id that is not there: the closest ids, or the ids there are (a few of them)."""
    close = difflib.get_close_matches(doc_id, ids, n=3, cutoff=0.5)
    if close:
        hint = f"; did you mean {', '.join(close)}?"
    elif ids:
        shown = ", ".join(ids[:10]) + (f", … ({len(ids)} in all)" if len(ids) > 10 else "")
        hint = f"; the documents there: {shown}"
    else:
        hint = "; there is no document there"
    return ReviewError(f"no document {doc_id!r} in {where}{hint}")


def review_from_tables(tables: dict[str, pd.DataFrame], doc_id: str, where: str = "the tables") -> str:
    """The review page of ``doc_id`` from in-memory tables (all documents' rows or only its own)."""
    def rows(name: str) -> pd.DataFrame:
        df = tables.get(name)
        if df is None:
            return to_table(name, []).to_pandas()
        return df[df["doc_id"].astype(str) == doc_id] if len(df) else df

    row = rows("documents")
    if row.empty:
        errs = rows("errors")
        if len(errs):
            raise ReviewError(f"{doc_id} failed during extraction ({errs.iloc[0]['message']}); "
                              f"see the errors table in {where}")
        docs = tables.get("documents")
        ids = [] if docs is None else [str(x) for x in docs["doc_id"]]
        raise unknown_document(doc_id, ids, where)
    return render_review(row.iloc[0].to_dict(), {k: rows(TABLE_OF[k]) for k in KINDS}, rows("removed"),
                         rows("articles"), rows("errors"))


def build_review(outdir: str | Path, doc_id: str) -> str:
    """The review page of ``doc_id`` from the tables in ``outdir`` (only this document's rows are read)."""
    out = Path(outdir)
    if not (out / "documents").exists() and not (out / "documents.parquet").exists():
        raise ReviewError(f"{out} has no documents table: run `python -m pipeline extract ... -o {out}` first")
    names = ["documents", "errors", "removed", "articles", *TABLE_OF.values()]
    tables = {n: read_table(out, n, doc_id) for n in names}
    if tables["documents"].empty and tables["errors"].empty:
        raise unknown_document(doc_id, _doc_ids(out), str(out))
    return review_from_tables(tables, doc_id, str(out))


def write_review(outdir: str | Path, doc_id: str, path: str | Path) -> Path:
    """Write the review page to ``path`` (folders created); returns the path."""
    page = build_review(outdir, doc_id)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(page, encoding="utf-8")
    return p
