"""The inventory of Chinese string literals left in the code (docs/literals.md).

Why: rules are data in configs/, so every Chinese literal that stays in pipeline/**/*.py must say why
it is not a rule (numeral grammar, column documentation, a message, a structural character class).
This module finds them with ``ast`` (docstrings and comments are documentation, not code, and are
skipped) and keeps docs/literals.md honest: entries are keyed by (file, literal), never by line, so
an edit elsewhere in a file does not break the check.

    python -m pipeline.tools.literals            # check: exit 1 naming each missing entry or reason
    python -m pipeline.tools.literals --write    # rewrite the inventory, keeping every written reason
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "pipeline"
DOC = ROOT / "docs" / "literals.md"

# CJK ideographs and radicals, CJK symbols and punctuation (、。〇《》…), kana and bopomofo, enclosed and
# compatibility CJK, vertical and compatibility forms, full-width forms (，：（）), and the general
# punctuation Chinese text uses (“ ” ‘ ’ — …)
CJK = re.compile("[\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                 "\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]")

# the reasons a literal may stay in code: the first word of a group's reason
REASONS = {
    "numeral": "numeral grammar: digits, numeral units and the number shapes built from them",
    "calendar": "date grammar skeleton: the calendar unit characters (年 月 日 季度) every date form is built on",
    "structure": "a structural character class of the text (punctuation, brackets, spaces), not a word list",
    "schema": "column documentation (run/schema.py, written into every Parquet file)",
    "message": "a user-facing message or display text",
    "pending": "a stage another engineer is editing now; the integrator inventories it after merging",
}
# the only folders where a 'pending' reason is accepted (--write gives it to their new literals); the
# organizations, targets and amounts stages were inventoried (issue 12): a new literal there needs its reason
PENDING_OK = ("stages/actors/",)
PENDING = ("pending: stage edited by another engineer now; not yet reviewed (issue 12: the integrator "
           "inventories it after merging)")


@dataclass(frozen=True)
class Literal:
    """One Chinese string literal in the code."""

    file: str  # relative to pipeline/, with /
    line: int
    text: str
    owner: str  # enclosing Class.function, else the assigned name, else <module>


def has_cjk(s: str) -> bool:
    """True when ``s`` holds a CJK character or Chinese / full-width punctuation."""
    return CJK.search(s) is not None


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _target_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Assign) and node.targets:
        node = node.targets[0]
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        node = node.target
    else:
        return None
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _walk(node: ast.AST, owner: list[str], skip: set[int], file: str, out: list[Literal]) -> None:
    """Collect literals under ``node``; ``owner`` is the stack of enclosing names."""
    for child in ast.iter_child_nodes(node):
        name = None
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = child.name
        elif not owner:
            name = _target_name(child)  # a module-level assignment names its literals
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            if id(child) not in skip and has_cjk(child.value):
                out.append(Literal(file, child.lineno, child.value, ".".join(owner) or "<module>"))
        _walk(child, owner + [name] if name else owner, skip, file, out)


def scan(pkg: Path = PKG) -> list[Literal]:
    """Every Chinese string literal in ``pkg``/**/*.py, in file and line order."""
    out: list[Literal] = []
    for path in sorted(pkg.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found: list[Literal] = []
        _walk(tree, [], _docstrings(tree), path.relative_to(pkg).as_posix(), found)
        out.extend(sorted(found, key=lambda x: x.line))
    return out


# ---- docs/literals.md: "## file" sections, "### owner — reason" groups, "- `repr`" entries ----

_FILE = re.compile(r"^## `(?P<file>[^`]+)`\s*$")
_GROUP = re.compile(r"^### (?P<owner>.+?) — (?P<reason>.*)$")
_ENTRY = re.compile(r"^- ``(?P<lit>.+)``\s*$")


def read_inventory(path: Path = DOC) -> dict[tuple[str, str], tuple[str, str]]:
    """(file, literal) -> (owner, reason) as written in the inventory ('' where no reason)."""
    inv: dict[tuple[str, str], tuple[str, str]] = {}
    if not path.exists():
        return inv
    file, owner, reason = "", "", ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := _FILE.match(line):
            file, owner, reason = m["file"], "", ""
        elif m := _GROUP.match(line):
            owner, reason = m["owner"].strip(), m["reason"].strip()
        elif m := _ENTRY.match(line):
            try:
                lit = ast.literal_eval(m["lit"].strip())
            except (ValueError, SyntaxError):
                raise ValueError(f"{path}:{n}: {m['lit']!r} is not a Python string literal: write it "
                                 "as repr() prints it, between double backticks") from None
            inv[(file, lit)] = (owner, reason)
    return inv


def problems(found: list[Literal], inv: dict[tuple[str, str], tuple[str, str]]) -> list[str]:
    """What is wrong with the inventory: literals missing from it, without a valid reason, or stale."""
    out: list[str] = []
    keys = set()
    for lit in found:
        key = (lit.file, lit.text)
        if key in keys:
            continue
        keys.add(key)
        where = f"pipeline/{lit.file}:{lit.line} ({lit.owner}) {lit.text!r}"
        if key not in inv:
            out.append(f"{where}: not in docs/literals.md: add it with the reason it stays in code "
                       "(python -m pipeline.tools.literals --write adds it), or move it to configs/")
            continue
        reason = inv[key][1]
        kind = reason.split(":", 1)[0].strip()
        if kind not in REASONS or not reason.split(":", 1)[-1].strip() or ":" not in reason:
            out.append(f"{where}: its reason {reason!r} in docs/literals.md must read '<kind>: why', "
                       f"kind one of {sorted(REASONS)}")
        elif kind == "pending" and not lit.file.startswith(PENDING_OK):
            out.append(f"{where}: 'pending' is only for {PENDING_OK}: give the reason it stays in code")
    out += [f"docs/literals.md lists {lit!r} for pipeline/{file}, which no longer holds it: remove the entry"
            for file, lit in sorted(set(inv) - keys)]
    return out


def render(found: list[Literal], inv: dict[tuple[str, str], tuple[str, str]]) -> str:
    """The inventory text: written reasons kept, new literals grouped by owner with an empty reason
    (or 'pending' in the folders of PENDING_OK)."""
    lines = [
        "# Chinese literals left in the code",
        "",
        "<!-- Checked by tests/test_literals.py; `python -m pipeline.tools.literals --write` adds new",
        "literals (reasons kept, entries keyed by file and literal, not line). Rules (word lists, lexical",
        "patterns) live in configs/<stage>/, not here. -->",
        "",
        "Every string literal in `pipeline/**/*.py` holding a Chinese character or Chinese / full-width",
        "punctuation (docstrings and comments excepted), with the reason it stays in code. A reason",
        "starts with its kind:",
        "",
        *[f"- `{k}`: {v}" for k, v in REASONS.items()],
    ]
    by_file: dict[str, dict[tuple[str, str], list[str]]] = {}
    for lit in found:
        new = (lit.owner, PENDING if lit.file.startswith(PENDING_OK) else "")
        owner, reason = inv.get((lit.file, lit.text), new)
        group = by_file.setdefault(lit.file, {}).setdefault((owner, reason), [])
        if lit.text not in group:
            group.append(lit.text)
    for file, groups in by_file.items():
        lines += ["", f"## `{file}`"]
        for (owner, reason), lits in groups.items():
            lines += ["", f"### {owner} — {reason}", ""]
            lines += [f"- ``{t!r}``" for t in lits]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Check (exit 1 naming each problem) or, with --write, rewrite the inventory."""
    found = scan()
    inv = read_inventory()
    if "--write" in argv:
        DOC.write_text(render(found, inv), encoding="utf-8")
        print(f"{DOC}: {len({(x.file, x.text) for x in found})} literals in {len({x.file for x in found})} files")
    bad = problems(found, read_inventory())
    for p in bad:
        print(p, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
