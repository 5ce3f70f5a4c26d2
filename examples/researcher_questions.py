"""Three researcher questions answered from the output tables with pandas, and one plot.

    python -m pipeline extract seeds -o outputs --metadata seeds/metadata.csv
    python examples/researcher_questions.py outputs --png outputs/questions.png

1. How much money does each organization commit, in which region, by which deadline year?
   Every join is on ids, none on text: a target's `amount_id` is the `row_id` of the amount it
   states, its `actor_org_id` the `org_id` of the body that acts (one registry row per body
   across documents), its `adcode` the region it concerns.
2. What do the documents plan, by deadline year?
3. Which kinds of organizations appear, and which are the most mentioned? (bodies counted
   once each through the registry, whatever names they go by)

Runs headless (matplotlib's Agg backend); needs the `examples` extra
(`pip install -e '.[examples]'`) for the plot. Column meanings: docs/tables.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def load(outdir: Path, name: str) -> pd.DataFrame:
    """One table: a dataset folder OUTDIR/<name>/ (what `extract` writes) or a single OUTDIR/<name>.parquet."""
    folder = outdir / name
    return pd.read_parquet(folder if folder.is_dir() else outdir / f"{name}.parquet")


def yuan(v: float) -> str:
    """Money in the unit a Chinese reader expects: 万亿元 (1e12), 亿元 (1e8) or 万元 (1e4)."""
    if v >= 1e12:
        return f"{v / 1e12:,.2f}万亿元"
    if v >= 1e8:
        return f"{v / 1e8:,.2f}亿元"
    if v >= 1e4:
        return f"{v / 1e4:,.1f}万元"
    return f"{v:,.0f}元"


NO_BODY = "(no body named)"


def money_committed(targets: pd.DataFrame, amounts: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """Q1: money targets per acting organization, region and deadline year, joined by ids only."""
    cols = ["organization", "region", "adcode", "deadline year", "committed", "targets", "documents"]
    money = amounts[(amounts.quantity == "money") & (amounts.unit == "CNY")][["row_id", "value"]]
    t = targets[targets.amount_id.notna()].merge(money, left_on="amount_id", right_on="row_id",
                                                  suffixes=("", "_amount"))
    if t.empty:
        return pd.DataFrame(columns=cols)
    t = t.merge(registry[["org_id", "name"]].rename(columns={"name": "organization"}),
                left_on="actor_org_id", right_on="org_id", how="left")
    t["organization"] = t.organization.fillna(NO_BODY)
    t["deadline year"] = t.deadline.str[:4].fillna("(none)")
    t["region"] = t.region.fillna("(unknown)")
    t["adcode"] = t.adcode.fillna("")
    g = t.groupby(["organization", "region", "adcode", "deadline year"]).agg(
        total=("value_amount", "sum"), targets=("row_id", "size"), documents=("doc_id", "nunique")).reset_index()
    g = g.sort_values(["total", "organization"], ascending=[False, True])
    g["committed"] = g.total.map(yuan)
    return g[cols]


def targets_by_deadline(targets: pd.DataFrame, top: int) -> pd.DataFrame:
    """Q2: targets grouped by deadline year, with how many state a quantity and what they measure."""
    t = targets[targets.deadline.notna()].copy()
    if t.empty:
        return pd.DataFrame(columns=["deadline year", "targets", "with a quantity", "documents", "metrics"])
    t["year"] = t.deadline.str[:4]
    g = t.groupby("year").agg(targets=("text", "size"), quantified=("value", "count"), documents=("doc_id", "nunique"),
                              metrics=("metric", lambda m: "、".join(m.dropna().value_counts().index[:top])))
    g = g.reset_index().rename(columns={"year": "deadline year", "quantified": "with a quantity"})
    return g.sort_values("deadline year")


def organizations_by_type(registry: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Q3: distinct bodies per type (registry rows), their mentions, and the most mentioned."""
    if registry.empty:
        return pd.DataFrame(columns=["type", "organizations", "mentions", "most mentioned"])
    r = registry.sort_values(["n_mentions", "name"], ascending=[False, True])
    # observed=True: `type` may be a category (the whole vocabulary); only the types that occur are listed.
    g = r.groupby("type", observed=True).agg(organizations=("org_id", "nunique"), mentions=("n_mentions", "sum"),
                                             most=("name", lambda n: "、".join(n.iloc[:top])))
    g = g.reset_index().rename(columns={"most": "most mentioned"})
    return g.sort_values("organizations", ascending=False)


def _empty(ax, message: str) -> None:
    """An empty panel that says why (a corpus with nothing to plot)."""
    ax.text(0.5, 0.5, message, ha="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def plot(by_type: pd.DataFrame, by_deadline: pd.DataFrame, png: Path) -> None:
    """Organizations by type and targets by deadline year, side by side (ASCII labels: no CJK font needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    if len(by_type):
        a.barh(by_type["type"][::-1], by_type.organizations[::-1], color="#3b6fd8")
    else:
        _empty(a, "no organizations")
    a.set_title("Distinct organizations by type")
    a.set_xlabel("organizations")
    if len(by_deadline):
        b.bar(by_deadline["deadline year"], by_deadline.targets, color="#9b4dca", label="targets")
        b.bar(by_deadline["deadline year"], by_deadline["with a quantity"], color="#c9a3e6",
              label="with a quantity")
        b.legend()
    else:
        _empty(b, "no targets with a deadline")
    b.set_title("Targets by deadline year")
    b.set_xlabel("deadline year")
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?", default="outputs", type=Path, help="OUTDIR of an extract run")
    ap.add_argument("--png", type=Path, help="where to save the plot (default OUTDIR/researcher_questions.png)")
    ap.add_argument("--top", type=int, default=10, help="rows per answer")
    args = ap.parse_args(argv)
    if not (args.outdir / "documents").exists() and not (args.outdir / "documents.parquet").exists():
        print(f"{args.outdir} holds no tables: run `python -m pipeline extract ... -o {args.outdir}` first",
              file=sys.stderr)
        return 2
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 40)
    docs = load(args.outdir, "documents")
    orgs, amounts, targets, registry = (load(args.outdir, n) for n in (
        "organizations", "amounts", "targets", "organizations_registry"))
    print(f"{len(docs)} documents, {len(orgs)} organization mentions of {len(registry)} bodies, "
          f"{len(amounts)} amounts, {len(targets)} targets in {args.outdir}\n")

    answers = [
        ("1. Money committed per organization and region, by deadline year",
         money_committed(targets, amounts, registry).head(args.top)),
        ("2. Targets by deadline year", targets_by_deadline(targets, 3)),
        ("3. Organizations by type", organizations_by_type(registry)),
    ]
    for title, df in answers:
        print(f"## {title}")
        print(df.to_string(index=False) if len(df) else "(none found)")
        print()
    png = args.png or args.outdir / "researcher_questions.png"
    plot(answers[2][1], answers[1][1], png)
    print(f"plot: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
