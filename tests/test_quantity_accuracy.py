"""Accuracy of the quantity stage on the seed against the gold (issue 3's held-out thresholds).

Gold: fixtures/expected/tongliao-2026-p2.gold.tsv, every figure of the seed a careful reader would
tabulate. A gold figure and a found quantity match when they are on the same line with the same
value (the k-th such figure to the k-th such quantity); the match is right when value, unit,
dimension and qualifier agree too. Two gold rows that share one span (…贷款分别增长10%以上, two
subjects) count once. Recall = right / gold figures; precision = right / quantities found.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path


from tonglaio_parse.stages.normalize import normalize
from tonglaio_parse.stages.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
GOLD = ROOT / "fixtures" / "expected" / "tongliao-2026-p2.gold.tsv"


def _gold() -> list[dict[str, str]]:
    """Gold rows, one per span: rows sharing (line, text) beyond that text's occurrences merge."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    with GOLD.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for row in rows:
        key = (row["line"], row["text"])
        if seen[key] < lines[int(row["line"]) - 1].count(row["text"]):
            out.append(row)
        seen[key] += 1
    return out


@cache
def score() -> tuple[float, float, list[str], list[str]]:
    """(recall, precision, gold figures missed or wrong, quantities that are not gold)."""
    norm = normalize(SEED.read_text(encoding="utf-8"))
    found: dict[tuple[int, float], list] = defaultdict(list)
    for q in find_quantities(norm.text):
        start, _ = norm.orig_span(q.start, q.end)
        found[(norm.line_col(start)[0], q.value)].append(q)
    gold = _gold()
    right, missed = 0, []
    for row in gold:
        key = (int(row["line"]), float(row["value"]))
        qs = found.get(key)
        if not qs:
            missed.append(f"line {row['line']} {row['text']}: not found")
            continue
        q = qs.pop(0)
        want = (row["unit"], row["dimension"], row["qualifier"] or None)
        got = (q.unit, q.dimension, q.qualifier)
        if want == got:
            right += 1
        else:
            missed.append(f"line {row['line']} {row['text']}: {got} != {want}")
    extra = [f"line {line} {norm.text[q.start:q.end]!r}" for (line, _), qs in found.items() for q in qs]
    n_found = right + len(extra) + sum(1 for m in missed if not m.endswith("not found"))
    return right / len(gold), right / max(1, n_found), missed, extra


def test_seed_recall():
    recall, _, missed, _ = score()
    assert recall >= 0.98, missed


def test_seed_precision():
    _, precision, missed, extra = score()
    assert precision >= 0.97, (extra, missed)


if __name__ == "__main__":  # python tests/test_quantity_accuracy.py: print the score
    r, p, m, e = score()
    print(f"recall {r:.3f}  precision {p:.3f}")
    print("\n".join(["missed or wrong:", *m, "not in gold:", *e]))
