"""Scores the actor rule on configs/actors/corpus.jsonl: hand-annotated sentences from real text.

    python -m pipeline.stages.actors.corpus        # precision and recall on both halves

Each case is run through the whole pipeline (``extract_text``), so an actor the organization layer
never found counts as missed. Cases on even lines are the half the rule was tuned on; odd lines are
held out.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from pipeline.core.config import lexicon_path


@dataclass
class Score:
    tp: int = 0  # an actor named, and the right one
    fp: int = 0  # an actor named where the annotation has none or another
    fn: int = 0  # an annotated actor not named (or another named)
    missing: int = 0  # expected rows the pipeline did not extract (not scored)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases() -> list[dict]:
    path = lexicon_path("actors/corpus.jsonl")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path} line {n} is not JSON ({e}): fix that line") from e
    return out


def _same(pred: str | None, row_names: set[str], expected: str | None) -> bool:
    return expected is not None and pred is not None and (pred == expected or expected in row_names)


def score(cases: list[dict]) -> Score:
    from pipeline import extract_text

    sc = Score()
    for i, case in enumerate(cases):
        t = extract_text(case["text"], doc_id=f"case{i}")
        names = {r.name: {r.text, r.name} for r in t["organizations"].itertuples()}
        used: set[tuple[str, int]] = set()
        for e in case["expect"]:
            df = t[e["table"]]
            col = "text" if e["table"] == "amounts" else "value_text"
            hits = [j for j in df.index[df[col] == e["text"]] if (e["table"], j) not in used]
            if not hits:
                sc.missing += 1
                continue
            used.add((e["table"], hits[0]))
            pred = df.loc[hits[0], "actor"]
            pred = None if pred is None or pred != pred else pred
            if pred is None and e["actor"] is None:
                continue  # rightly no actor
            if _same(pred, names.get(pred, set()), e["actor"]):
                sc.tp += 1
            else:
                sc.fp += pred is not None
                sc.fn += e["actor"] is not None
                sc.errors.append(f"{case['source']}: {e['text']} expected {e['actor']}, got {pred}")
    return sc


def main() -> int:
    cases = load_cases()
    for name, half in (("tuned (even lines)", cases[0::2]), ("held out (odd lines)", cases[1::2]),
                       ("all", cases)):
        s = score(half)
        print(f"{name}: {len(half)} cases, precision {s.precision:.3f} ({s.tp}/{s.tp + s.fp}), "
              f"recall {s.recall:.3f} ({s.tp}/{s.tp + s.fn}), rows not extracted {s.missing}")
        if name.startswith("tuned") and "-v" in sys.argv:
            print("\n".join(s.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
