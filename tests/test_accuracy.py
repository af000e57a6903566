"""Accuracy of indicator semantics against the annotated gold files (issue 14's thresholds; the
scoring is in accuracy.py, which `make accuracy` runs to print every measure and miss).

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

import pytest

import accuracy
from accuracy import corpus_dir, national_scores, seed_scores, subject_ok

PROVINCES = accuracy.gold_dirs()[0]


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
    assert scores["record"] >= 0.96, f"record: {scores['record']:.3f}; first misses: " + "; ".join(
        f"{r['line']} {r['text']} {bad}" for r, _, bad in misses[:8])


@pytest.fixture(scope="module")
def national():
    if not corpus_dir().is_dir():
        pytest.skip(f"national corpus not found at {corpus_dir()} (set TONGLAIO_CORPUS)")
    return national_scores()


def test_national_main_targets(national):
    tally, _ = national
    right, total = tally["target"]
    assert right / total >= 0.97, f"targets 2004–2025: {right}/{total}"


def test_national_headline_results(national):
    tally, _ = national
    right, total = tally["actual"]
    assert right / total >= 0.95, f"results 2004–2025: {right}/{total}"


@pytest.fixture(scope="module")
def provinces():
    """The 31 provincial reports of 2026 and their hand labels (the shared scorer's measures)."""
    if not all((PROVINCES / g).is_file() for g in accuracy.GOLD_FILES):
        pytest.skip(f"provincial gold not found at {PROVINCES}")
    return {s.name.rsplit(" ", 1)[1]: s for s in accuracy.gold_set_scores(PROVINCES)}


def _misses(score) -> str:
    return "; ".join(score.misses[:6])


def test_provincial_targets_strict(provinces):
    s = provinces["targets"]
    assert s.rate("strict") >= 0.97, f"strict {s.measures['strict']}: {_misses(s)}"


def test_provincial_first_target(provinces):
    s = provinces["targets"]
    assert s.rate("first_target") >= 0.97, f"first target {s.measures['first_target']}: {_misses(s)}"


def test_provincial_results_strict(provinces):
    s = provinces["actuals"]
    assert s.rate("strict") >= 0.95, f"strict {s.measures['strict']}: {_misses(s)}"


def test_gold_scoring_follows_the_shared_scorer():
    """A fall is negative in the gold and positive with direction decrease in the report; the
    alternative qualifier is accepted; a wrong period is found but not strict."""
    gold = [{"file": "a", "canonical": "cpi", "value": -0.1, "value_high": None, "qualifier": None,
             "status": "actual", "period": "2025", "year": 2026},
            {"file": "a", "canonical": "gdp_growth", "value": 5, "value_high": None, "qualifier": "approx",
             "alt_qualifier": None, "status": "target", "period": "2026", "year": 2026}]
    ind = lambda **k: {"canonical": "cpi", "value": 0.1, "value_high": None, "qualifier": None,  # noqa: E731
                       "status": "actual", "direction": "decrease", "period": {"start": 2025, "end": 2025}} | k
    rep = {"document": {"year": 2026}, "indicators": [
        ind(), ind(canonical="gdp_growth", value=5, direction="increase", status="target",
                   period={"start": 2026, "end": 2026})]}
    s = accuracy.score_gold("x", gold, {"a": rep})
    assert s.measures == {"found": (2, 2), "strict": (2, 2), "first_target": (1, 1)}
    rep["indicators"][0]["period"] = {"start": 2021, "end": 2025}
    rep["indicators"][1]["value"] = 5.5
    s = accuracy.score_gold("x", gold, {"a": rep})
    assert s.measures == {"found": (1, 2), "strict": (0, 2), "first_target": (0, 1)}


@pytest.fixture(scope="module")
def local():
    """fixtures/local: invented city, county, district and provincial reports of 2006–2026."""
    return {s.name.rsplit(" ", 1)[1]: s for s in accuracy.gold_set_scores(accuracy.LOCAL)}


def test_local_reports_targets(local):
    s = local["targets"]
    assert s.rate("strict") >= 0.97 and s.rate("first_target") >= 0.97, f"{s.measures}: {_misses(s)}"


def test_local_reports_results(local):
    s = local["actuals"]
    assert s.rate("strict") >= 0.95, f"{s.measures}: {_misses(s)}"
