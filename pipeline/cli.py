"""Command line: `python -m pipeline extract|eval|review ...`."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from pipeline.core.config import ConfigError, check_all_lexicons


class SetupError(click.ClickException):
    """Bad configuration, metadata or engine: nothing was extracted (exit code 2)."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log every document as it is processed.")
def main(verbose: bool) -> None:
    """Extract organizations, amounts, dates and targets from Chinese policy texts into Parquet tables."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(message)s", stream=sys.stderr)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet tables (created if missing).")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False),
              help="CSV with doc_id,pub_date (ISO) anchoring relative dates; wins over a dateline in the document.")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False),
              help="TOML file overriding options of configs/default.toml.")
@click.option("--lexicons", type=click.Path(exists=True, file_okay=False),
              help="Folder of edited lexicons (same layout as configs/, e.g. organizations/gazetteer.toml); "
                   "its files replace the shipped ones of the same path.")
@click.option("-w", "--workers", type=click.IntRange(min=1),
              help="Worker processes (default: run.workers in the config, 0 there meaning all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: tasks on a Dask cluster (needs the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a LocalCluster.")
@click.option("--force", is_flag=True, help="Redo every document, even those unchanged since the last run.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: shown only when stderr is a terminal).")
@click.option("--prune", is_flag=True,
              help="Drop documents already in OUTDIR that are not given now (default: keep them).")
@click.option("--follow-links", is_flag=True,
              help="Read files whose links lead outside the folders given (default: refuse them, errors row).")
@click.option("--table", "table", type=click.Path(exists=True, dir_okay=False),
              help="A .csv, .parquet or .jsonl file with one document per row (instead of, or besides, PATHS).")
@click.option("--text-col", default="text", show_default=True, help="--table: the column holding the text.")
@click.option("--id-col", default="doc_id", show_default=True, help="--table: the column holding the doc_id.")
@click.option("--date-col", default="pub_date", show_default=True,
              help="--table: the column holding the publication date (optional column).")
def extract(paths: tuple[str, ...], outdir: str, metadata: str | None, config: str | None, lexicons: str | None,
            workers: int | None, engine: str, scheduler: str | None, force: bool, progress: bool | None,
            prune: bool, follow_links: bool, table: str | None, text_col: str, id_col: str, date_col: str) -> None:
    """Extract tables from PATHS (.txt files or folders of them) into OUTDIR.

    Each table is a Parquet dataset folder OUTDIR/<table>/ (read it with
    pandas.read_parquet("OUTDIR/<table>")); OUTDIR/_manifest.json records the
    run. doc_id is the file name without .txt. A document unchanged since the
    last run into OUTDIR is skipped; documents already there and not given are
    kept unless --prune. One run at a time writes an OUTDIR (a lock). Exit code
    0: every document done; 3: some documents failed (see OUTDIR/errors); 2: bad
    arguments, config, metadata, engine, or an OUTDIR that cannot be written.
    With --table, each row's text is kept as OUTDIR/_sources/TABLE/<doc_id>.txt
    and the other columns as metadata (dates from --date-col).
    """
    from pipeline.run.batch import run_extract
    from pipeline.run.engines import EngineError
    from pipeline.run.store import StoreError
    from pipeline.stages.read.decode import DocumentError

    paths, metadata = _with_table(paths, outdir, metadata, table, text_col, id_col, date_col)
    if lexicons:
        from pipeline.core.config import LEXICONS_ENV

        os.environ[LEXICONS_ENV] = str(Path(lexicons).resolve())  # workers inherit it
    try:
        check_all_lexicons()  # a typo in a lexicon stops here (exit 2), not in every document
        res = run_extract(list(paths), outdir, metadata=metadata, config=config, workers=workers,
                          engine=engine, scheduler=scheduler, force=force, progress=progress,
                          prune=prune, follow_links=follow_links)
    except (ConfigError, DocumentError, EngineError, StoreError) as e:
        raise SetupError(str(e)) from e
    pruned = f", {res.n_pruned} not given and dropped (--prune)" if prune else ""
    click.echo(f"{res.n_docs} documents: {res.n_done} extracted, {res.n_skipped} unchanged and skipped, "
               f"{res.n_failed} failed{pruned}; {res.n_chars:,} chars in {res.seconds:.1f}s -> {outdir}", err=True)
    if res.n_failed:
        click.echo(f"{res.n_failed} document(s) failed: see the errors table ({outdir}/errors)", err=True)
        sys.exit(3)


def _with_table(paths: tuple[str, ...], outdir: str, metadata: str | None, table: str | None,
                text_col: str, id_col: str, date_col: str) -> tuple[tuple[str, ...], str | None]:
    """PATHS and --metadata, with the rows of --table written as source files (exit 2 on a bad table)."""
    if table is None:
        if not paths:
            raise click.UsageError("give PATHS (.txt files or folders) or --table FILE")
        return paths, metadata
    if metadata is not None:
        raise click.UsageError("--table takes its dates from --date-col: leave out --metadata")
    from pipeline.api.tablefile import TableInputError, spill

    try:
        folder, meta = spill(table, outdir, text_col, id_col, date_col)
    except TableInputError as e:
        raise SetupError(str(e)) from e
    return (*paths, str(folder)), str(meta)


def _parse_min(values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for v in values:
        key, sep, num = v.partition("=")
        try:
            if not sep or "." not in key:
                raise ValueError
            out[key.strip()] = float(num)
        except ValueError:
            raise click.BadParameter(f"{v!r}: write TABLE.METRIC=VALUE, e.g. amount.f1=0.9", param_hint="--min") from None
    return out


def _check_gold_docs(gold_dir: str, outdir: str) -> None:
    """Exit 1 when OUTDIR holds none of the gold documents: zeros would hide the mismatch."""
    from pipeline.run.store import read_table
    from pipeline.tools.evaluate import load_gold

    gold = {u.region.get("doc") for u in load_gold(gold_dir)}
    try:
        have = set(read_table(outdir, "documents").column("doc_id").to_pylist())
    except (OSError, ValueError):
        have = set()
    if gold and not gold & have:
        click.echo(f"{outdir} holds none of the {len(gold)} gold documents of {gold_dir} "
                   f"({', '.join(sorted(map(str, gold))[:3])} …): extract them into it first", err=True)
        sys.exit(1)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("outdir", type=click.Path(exists=True, file_okay=False))
@click.option("--min", "minimums", multiple=True, metavar="TABLE.METRIC=VALUE",
              help="Fail (exit 1) when a score is below VALUE, e.g. --min org.f1=0.85 --min clean.junk_removed=0.95.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--detail", is_flag=True, help="List misses and false alarms per table.")
def eval_cmd(gold_dir: str, outdir: str, minimums: tuple[str, ...], as_json: bool, detail: bool) -> None:
    """Score the tables in OUTDIR against the gold region files in GOLD_DIR (SPEC.md scoring)."""
    from pipeline.tools.evaluate import check_minimums, format_report, score

    mins = _parse_min(minimums)
    _check_gold_docs(gold_dir, outdir)
    res, det = score(gold_dir, outdir)
    if detail:
        for k, v in det.items():
            click.echo(f"## {k} ({len(v)})")
            for x in v:
                click.echo(f"   {x}")
    click.echo(json.dumps(res, ensure_ascii=False, indent=1) if as_json else format_report(res))
    fails = check_minimums(res, mins)
    for f in fails:
        click.echo(f"FAIL {f}", err=True)
    if fails:
        sys.exit(1)


@main.command()
@click.argument("doc_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write (one self-contained page: open it in any browser, offline).")
@click.option("--outdir", default="outputs", show_default=True, type=click.Path(file_okay=False),
              help="Folder holding the tables of an extract run.")
def review(doc_id: str, output: str, outdir: str) -> None:
    """Write an HTML page of DOC_ID's clean text with organizations, amounts, dates and targets highlighted.

    Hover a highlight for its normalized value; the text the cleaner removed is listed with its reasons.
    """
    from pipeline.tools.review import ReviewError, write_review

    try:
        path = write_review(outdir, doc_id, output)
    except ReviewError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"wrote {path}", err=True)


if __name__ == "__main__":
    main()
