"""The accuracy of the parser on every labelled set present: one table, the misses listed.

    python tests/accuracy.py [--misses N] [--json]        (make accuracy)

Sets (each skipped, with the reason, when its texts are absent):
  seed        fixtures/expected/tongliao-2026-p2.gold.tsv: every figure of the seed page
  national    fixtures/expected/national-main-figures.tsv over ../shared/corpus/national
              (TONGLAIO_CORPUS): targets and headline results of 2004–2025
  provinces   gold JSON Lines (targets.jsonl, actuals.jsonl) beside the reports they label,
              ../shared/corpus/provinces-2026 (TONGLAIO_GOLD_DIRS: more such folders, joined by
              the path separator); measured as ../shared/tools/score_gold.py measures them
  local       the same for fixtures/local: 24 invented city, county, district and provincial
              reports of 2006–2026 (always present)

The JSON-Lines measures are the shared scorer's, over each report's JSON (`Report.to_dict()`):
  found         an indicator with the gold's canonical id and value (and value_high)
  strict        … whose status, qualifier and period are the gold's too
  first_target  for targets of the report year: the FIRST indicator with that id, status target
                and period = the report's year has the gold's value, value_high and qualifier
"""
from __future__ import annotations

import csv
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonglaio_parse import Options, parse_file  # noqa: E402

FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "tongliao-2026-p2.txt"
SEED_GOLD = FIXTURES / "expected" / "tongliao-2026-p2.gold.tsv"
NATIONAL_GOLD = FIXTURES / "expected" / "national-main-figures.tsv"
GOLD_FILES = ("targets.jsonl", "actuals.jsonl")


def corpus_dir() -> Path:
    return Path(os.environ.get("TONGLAIO_CORPUS") or ROOT.parent / "shared" / "corpus" / "national")


LOCAL = FIXTURES / "local"  # invented city, county and district reports, labelled (its README)


def gold_dirs() -> list[Path]:
    """Folders of reports with gold JSON Lines beside them."""
    extra = [Path(p) for p in os.environ.get("TONGLAIO_GOLD_DIRS", "").split(os.pathsep) if p]
    return [ROOT.parent / "shared" / "corpus" / "provinces-2026", LOCAL, *extra]


@dataclass
class Score:
    """right of total for each measure, and what was missed."""
    name: str
    measures: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def rate(self, measure: str) -> float:
        right, total = self.measures[measure]
        return right / total if total else 1.0


# ------------------------------------------------------------------ the shared scorer's measures

def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _value_ok(pred: dict, g: dict) -> bool:
    """The gold writes a fall as a negative value; the report keeps it positive, direction decrease."""
    v = pred.get("value")
    if v is not None and g["value"] is not None and g["value"] < 0 and pred.get("direction") == "decrease":
        v = -v
    return _close(v, g["value"])


def _period_str(p) -> str | None:
    if not p or p.get("start") is None:
        return None
    return str(p["start"]) if p["start"] == p.get("end") else f"{p['start']}-{p['end']}"


def _qualifier_ok(pred: dict, g: dict) -> bool:
    return pred.get("qualifier") in (g.get("qualifier"), g.get("alt_qualifier", g.get("qualifier")))


def score_gold(name: str, gold: list[dict], reports: dict[str, dict | str]) -> Score:
    """found / strict / first_target of gold figures against report dicts (or an error string)."""
    found = strict = first_ok = first_n = 0
    misses: list[str] = []
    for g in gold:
        rep = reports.get(g["file"])
        if not isinstance(rep, dict):
            misses.append(f"{g['file']}: {rep}")
            continue
        inds = rep.get("indicators", [])
        cands = [p for p in inds if p.get("canonical") == g["canonical"] and _value_ok(p, g)
                 and (g.get("value_high") is None or _close(p.get("value_high"), g["value_high"]))]
        label = f"{g['file']} {g['canonical']}={g['value']} {g['status']} {g['period']} ({g.get('raw', '')})"
        if not cands:
            misses.append(f"not found: {label}")
        else:
            found += 1
            good = [p for p in cands if p.get("status") == g["status"] and _qualifier_ok(p, g)
                    and _period_str(p.get("period")) == str(g["period"])]
            if good:
                strict += 1
            else:
                p = cands[0]
                misses.append(f"wrong attributes: {label} -> {p.get('status')} {_period_str(p.get('period'))} "
                              f"{p.get('qualifier')} at line {p.get('line')}")
        if g["status"] == "target" and str(g["period"]) == str(g.get("year")):
            first_n += 1
            year = rep.get("document", {}).get("year") or g.get("year")
            firsts = [p for p in inds if p.get("canonical") == g["canonical"] and p.get("status") == "target"
                      and _period_str(p.get("period")) == str(year)]
            if firsts and _value_ok(firsts[0], g) and _close(firsts[0].get("value_high"), g.get("value_high")) \
                    and _qualifier_ok(firsts[0], g):
                first_ok += 1
            elif firsts:
                f = firsts[0]
                misses.append(f"first target differs: {label} -> {f.get('value')} {f.get('qualifier')} "
                              f"at line {f.get('line')}")
    n = len(gold)
    measures = {"found": (found, n), "strict": (strict, n)}
    if first_n:
        measures["first_target"] = (first_ok, first_n)
    return Score(name, measures, misses)


@cache
def _report_dict(path: str) -> dict | str:
    try:
        return parse_file(path, Options()).to_dict()
    except Exception as e:  # a crash is a miss of every figure, not the end of the measurement
        return f"{type(e).__name__}: {e}"


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def gold_set_scores(folder: Path) -> list[Score]:
    """One Score per status of each gold file of `folder` (targets, actuals)."""
    out = []
    for name in GOLD_FILES:
        path = folder / name
        if not path.is_file():
            continue
        gold = _read_jsonl(path)
        reports = {f: _report_dict(str(folder / f)) for f in sorted({g["file"] for g in gold})}
        by_status: dict[str, list[dict]] = defaultdict(list)
        for g in gold:
            by_status[g["status"]].append(g)
        for status, rows in sorted(by_status.items()):
            out.append(score_gold(f"{folder.name} {status}s", rows, reports))
    return out


# ------------------------------------------------------------------ the seed and the national set

# Typos of the seed as written -> as read (the notes' table); applied to OUR subject before comparing.
SEED_TYPOS = {
    "新建建": "新建", "牛肉牛屠宰": "肉牛屠宰", "科开平台": "科创平台", "招商引到投资资金": "招商引资到位资金",
    "农牧(牧)事": "农(牧)事", "研发投入经费投入": "研发经费投入", "育肥大牛": "育肥大户",
    "新增育规模化": "新增规模化",
}
_DROP = str.maketrans("", "", "“”\"()《》 \t")
SEED_FIELDS = ("subject", "qualifier", "status", "period", "canonical", "direction")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def subject_ok(ours: str | None, gold: str) -> bool:
    """Lenient: the annotator corrected typos and added context words (see test_accuracy)."""
    if not ours:
        return not gold
    for wrong, right in SEED_TYPOS.items():
        ours = ours.replace(wrong, right)
    a, g = ours.translate(_DROP), gold.translate(_DROP)
    if g in a:
        return len(a) <= len(g) + 10
    return a in g and len(a) >= 2 and (2 * len(a) >= len(g) or g.endswith(a))


def _period(ind) -> tuple[int, int] | None:
    return (ind.period.start, ind.period.end) if ind.period else None


def _gold_period(row) -> tuple[int, int] | None:
    return (int(row["period_start"]), int(row["period_end"])) if row["period_start"] else None


def _same_value(a: float, b: str) -> bool:
    v = float(b)
    return abs(a - v) <= 1e-6 * max(1.0, abs(v))


def match_rows(rows, indicators):
    """(gold row, indicator or None): the k-th gold row with a (line, value) gets the k-th
    indicator with that line and value."""
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
    pairs = match_rows(read_tsv(SEED_GOLD), report.indicators)
    right = dict.fromkeys(SEED_FIELDS + ("record",), 0)
    misses = []
    for row, ind in pairs:
        bad = list(SEED_FIELDS) if ind is None else [f for f, ok in (
            ("subject", subject_ok(ind.subject, row["subject"])),
            ("qualifier", (ind.qualifier or "") == row["qualifier"]),
            ("status", ind.status == row["status"]),
            ("period", _period(ind) == _gold_period(row)),
            ("canonical", (ind.canonical or "") == row["canonical"]),
            ("direction", (ind.direction or "") == row["direction"])) if not ok]
        for f in SEED_FIELDS:
            right[f] += f not in bad
        right["record"] += not bad
        if bad:
            misses.append((row, ind, bad))
    return {k: v / len(pairs) for k, v in right.items()}, misses


def seed_score() -> Score:
    scores, misses = seed_scores()
    n = len(read_tsv(SEED_GOLD))
    return Score("seed (every figure)", {k: (round(v * n), n) for k, v in scores.items()},
                 [f"line {r['line']} {r['text']}: {', '.join(bad)}" for r, _, bad in misses])


@cache
def national_scores() -> tuple[dict[str, tuple[int, int]], list[tuple[dict, object, list[str]]]]:
    """{'target': (right, total), 'actual': …, 'old': …} and the misses."""
    rows_by_year = defaultdict(list)
    for row in read_tsv(NATIONAL_GOLD):
        rows_by_year[int(row["year"])].append(row)
    tally = {k: [0, 0] for k in ("target", "actual", "old")}
    misses = []
    for year, rows in sorted(rows_by_year.items()):
        report = parse_file(str(corpus_dir() / f"china-gwr-{year}.txt"), Options())
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


def national_score() -> Score:
    tally, misses = national_scores()
    return Score("national", {"targets 2004-2025": tally["target"], "results 2004-2025": tally["actual"],
                              "before 2004": tally["old"]},
                 [f"{r['year']} line {r['line']} {r['text']} ({r['canonical']} {r['status']} "
                  f"{r['period_start']}-{r['period_end']}): "
                  + ", ".join(bad) + (f" -> {ind.canonical} {ind.status} {_period(ind)} {ind.qualifier}" if ind else "")
                  for r, ind, bad in misses])


# ------------------------------------------------------------------ the table

def all_scores() -> tuple[list[Score], list[str]]:
    """Every set present, and a line per set skipped."""
    scores, skipped = [seed_score()], []
    if corpus_dir().is_dir():
        scores.append(national_score())
    else:
        skipped.append(f"national: no corpus at {corpus_dir()} (set TONGLAIO_CORPUS)")
    for folder in gold_dirs():
        if folder.is_dir() and any((folder / g).is_file() for g in GOLD_FILES):
            scores.extend(gold_set_scores(folder))
        else:
            skipped.append(f"{folder.name}: no gold at {folder}")
    return scores, skipped


def main(argv: list[str]) -> int:
    n_miss = int(argv[argv.index("--misses") + 1]) if "--misses" in argv else 40
    scores, skipped = all_scores()
    if "--json" in argv:
        print(json.dumps([{"set": s.name, "measures": s.measures, "misses": s.misses} for s in scores],
                         ensure_ascii=False, indent=1))
        return 0
    for s in scores:
        if s.misses and n_miss:
            print(f"\n{s.name}: {len(s.misses)} misses" + (f" (first {n_miss})" if len(s.misses) > n_miss else ""))
            for m in s.misses[:n_miss]:
                print(f"  {m}")
    print()
    print(f"{'set':<28} {'measure':<20} {'right':>7} {'total':>6} {'rate':>6}")
    for s in scores:
        for measure, (right, total) in s.measures.items():
            print(f"{s.name:<28} {measure:<20} {right:>7} {total:>6} {s.rate(measure):>6.3f}")
    for line in skipped:
        print(f"skipped: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
