"""Accuracy of indicator semantics against the annotated gold files (issue 4's thresholds).

Seed (fixtures/expected/tongliao-2026-p2.gold.tsv): each gold row is matched to the indicator
on the same line with the same value (the k-th such row to the k-th such indicator), and its
subject, qualifier, status and period are compared; a full record also needs canonical and
direction. A gold row without a match counts as wrong on every field.

Subjects are scored leniently, because the annotator corrected typos and added context
words: after the seed's known typos are corrected in our subject (the notes' table) and quotes,
brackets and spaces are dropped on both sides, ours is right when it contains the gold subject
(and is at most 10 characters longer), or the gold subject contains ours and ours either keeps at
least half of it or is its head noun (the gold subject ends with ours: 产能 for 非煤矿山产能, where
the annotator added context words from outside the clause).

National (fixtures/expected/national-main-figures.tsv): the report of each year in the corpus is
parsed; a gold row is found when an indicator on its line has its value (k-th occurrence), and
right when canonical, value, qualifier, status and period all agree. Targets (status target)
and headline results (actual) of 2004–2025 are scored apart; older reports are reported only.
"""
from __future__ import annotations

import csv
import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from tonglaio_parse import Options, parse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
SEED_GOLD = ROOT / "fixtures" / "expected" / "tongliao-2026-p2.gold.tsv"
NATIONAL_GOLD = ROOT / "fixtures" / "expected" / "national-main-figures.tsv"

# Typos of the seed as written -> as read (the notes' table); applied to OUR subject before comparing.
SEED_TYPOS = {
    "新建建": "新建", "牛肉牛屠宰": "肉牛屠宰", "科开平台": "科创平台", "招商引到投资资金": "招商引资到位资金",
    "农牧(牧)事": "农(牧)事", "研发投入经费投入": "研发经费投入", "育肥大牛": "育肥大户",
    "新增育规模化": "新增规模化",
}
_DROP = str.maketrans("", "", "“”\"()《》 \t")


def corpus_dir() -> Path:
    return Path(os.environ.get("TONGLAIO_CORPUS") or ROOT.parent / "shared" / "corpus" / "national")


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def subject_ok(ours: str | None, gold: str) -> bool:
    if not ours:
        return not gold
    for wrong, right in SEED_TYPOS.items():
        ours = ours.replace(wrong, right)
    a, g = ours.translate(_DROP), gold.translate(_DROP)
    if g in a:
        return len(a) <= len(g) + 10
    # ours is part of gold: right when it keeps half of it, or is its head noun (the end of the
    # phrase: 产能 for 非煤矿山产能), the gold adding context words the clause does not hold
    return a in g and len(a) >= 2 and (2 * len(a) >= len(g) or g.endswith(a))


def _period(ind) -> tuple[int, int] | None:
    return (ind.period.start, ind.period.end) if ind.period else None


def _gold_period(row) -> tuple[int, int] | None:
    return (int(row["period_start"]), int(row["period_end"])) if row["period_start"] else None


def _same_value(a: float, b: str) -> bool:
    v = float(b)
    return abs(a - v) <= 1e-6 * max(1.0, abs(v))


def match_rows(rows, indicators):
    """(gold row, indicator or None) pairs: the k-th gold row with a (line, value) gets the
    k-th indicator with that line and value."""
    by_line = defaultdict(list)
    for ind in indicators:
        by_line[ind.line].append(ind)
    seen: dict[tuple[int, str], int] = defaultdict(int)
    out = []
    for row in rows:
        line = int(row["line"])
        key = (line, row["value"])
        k = seen[key]
        seen[key] += 1
        cands = [i for i in by_line.get(line, []) if _same_value(i.value, row["value"])]
        out.append((row, cands[k] if k < len(cands) else None))
    return out


@cache
def seed_scores() -> tuple[dict[str, float], list[tuple[dict, object, list[str]]]]:
    report = parse_file(str(SEED), Options())
    pairs = match_rows(_read_tsv(SEED_GOLD), report.indicators)
    fields = ("subject", "qualifier", "status", "period", "canonical", "direction")
    right = dict.fromkeys(fields + ("record",), 0)
    misses = []
    for row, ind in pairs:
        bad = list(fields) if ind is None else [f for f, ok in (
            ("subject", subject_ok(ind.subject, row["subject"])),
            ("qualifier", (ind.qualifier or "") == row["qualifier"]),
            ("status", ind.status == row["status"]),
            ("period", _period(ind) == _gold_period(row)),
            ("canonical", (ind.canonical or "") == row["canonical"]),
            ("direction", (ind.direction or "") == row["direction"])) if not ok]
        for f in fields:
            right[f] += f not in bad
        right["record"] += not bad
        if bad:
            misses.append((row, ind, bad))
    return {k: v / len(pairs) for k, v in right.items()}, misses


def national_rows() -> list[dict[str, str]]:
    return _read_tsv(NATIONAL_GOLD)


@cache
def national_scores() -> tuple[dict[str, tuple[int, int]], list[tuple[dict, object, list[str]]]]:
    """{'target': (right, total), 'actual': …, 'old': …} and the misses."""
    rows_by_year = defaultdict(list)
    for row in national_rows():
        rows_by_year[int(row["year"])].append(row)
    tally = {k: [0, 0] for k in ("target", "actual", "old")}
    misses = []
    for year, rows in sorted(rows_by_year.items()):
        path = corpus_dir() / f"china-gwr-{year}.txt"
        report = parse_file(str(path), Options())
        for row, ind in match_rows(rows, report.indicators):
            bad = ["found"] if ind is None else [f for f, ok in (
                ("canonical", (ind.canonical or "") == row["canonical"]),
                ("value_high", (ind.value_high is None and not row["value_high"]) or
                 (ind.value_high is not None and row["value_high"] and _same_value(ind.value_high, row["value_high"]))),
                ("qualifier", (ind.qualifier or "") == row["qualifier"]),
                ("status", ind.status == row["status"]),
                ("period", _period(ind) == _gold_period(row))) if not ok]
            kind = "old" if year < 2004 else row["status"]
            tally[kind][1] += 1
            tally[kind][0] += not bad
            if bad:
                misses.append((row, ind, bad))
    return {k: (a, b) for k, (a, b) in tally.items()}, misses


# ---------------------------------------------------------------------------------------------

def test_subject_scoring_is_lenient_but_not_blind():
    assert subject_ok("通车查草高速等干线公路", "干线公路")
    assert subject_ok("地企合作科开平台", "地企合作科创平台")
    assert subject_ok("学位", "学位")
    assert subject_ok("产能", "非煤矿山产能")
    assert not subject_ok("城镇", "新增城镇就业")
    assert not subject_ok("率", "城镇化率")
    assert not subject_ok("扎实开展深入贯彻中央八项规定精神学习教育大力倡导", "八项")
    assert not subject_ok(None, "公厕")


@pytest.mark.parametrize("field", ["subject", "qualifier", "status", "period"])
def test_seed_field_accuracy(field):
    scores, _ = seed_scores()
    assert scores[field] >= 0.95, f"{field}: {scores[field]:.3f}"


def test_seed_full_record_accuracy():
    scores, misses = seed_scores()
    assert scores["record"] >= 0.90, f"record: {scores['record']:.3f}; first misses: " + "; ".join(
        f"{r['line']} {r['text']} {bad}" for r, _, bad in misses[:8])


@pytest.fixture(scope="module")
def national():
    if not corpus_dir().is_dir():
        pytest.skip(f"national corpus not found at {corpus_dir()} (set TONGLAIO_CORPUS)")
    return national_scores()


def test_national_main_targets(national):
    tally, _ = national
    right, total = tally["target"]
    assert right / total >= 0.95, f"targets 2004–2025: {right}/{total}"


def test_national_headline_results(national):
    tally, _ = national
    right, total = tally["actual"]
    assert right / total >= 0.90, f"results 2004–2025: {right}/{total}"
