"""compare: pairing year Y's target with year Y's result, and the `met` logic, as tables."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tonglaio_parse.cli import main
from tonglaio_parse.compare import gap_of, interval, is_met, outcome_of, rows
from tonglaio_parse.model import Document, Indicator, Measure, Period, Report, Source
from tonglaio_parse.store import write as write_db


def ind(canonical, value, status, year, qualifier=None, high=None, unit="%", line=1, dimension=None,
        normalized=None, normalized_unit=None, period_end=None, direction=None):
    dim = dimension or ("percent" if unit == "%" else "count")
    direction = direction or ("increase" if unit == "%" else "level")
    return Indicator(
        id=f"i{line}", subject=canonical, canonical=canonical,
        measure=Measure(value=value, value_high=high, unit=unit, dimension=dim,
                        normalized_value=value if normalized is None else normalized,
                        normalized_unit=normalized_unit or ("percent" if unit == "%" else unit), qualifier=qualifier),
        direction=direction, status=status, period=Period(year, period_end or year), section=None,
        line=line, column=1, span=(line * 10, line * 10 + 3), text=str(value))


def report(year, *indicators, region="通辽市", path=None):
    return Report(Source(path or f"r{year}.txt", f"{year:064d}", "utf-8", 100, 10),
                  Document("政府工作报告", region, year, "simplified"), [], list(indicators), [])


# --- outcome: (qualifier, target, target_high, result, ceiling) -> expected -------------------
OUTCOMES = [
    ("at_least", 5, None, 5.0, False, "met"),
    ("at_least", 5, None, 5.5, False, "met"),
    ("at_least", 5, None, 5.6, False, "exceeded"),
    ("at_least", 5, None, 4.9, False, "missed"),
    ("more_than", 5, None, 5.0, False, "missed"),   # 超过 excludes the figure itself
    ("more_than", 5, None, 5.1, False, "met"),
    ("approx", 5, None, 5.5, False, "met"),         # the edge of 0.5 points counts
    ("approx", 5, None, 4.5, False, "met"),
    ("approx", 4.7, None, 5.2, False, "met"),       # 5.2 - 4.7 is 0.5000000000000004 in floats
    ("approx", 5, None, 5.6, False, "exceeded"),    # growth above a 左右 target: over-fulfilled
    ("approx", 8, None, 10.7, False, "exceeded"),   # GDP 2007: 8%左右, 11.4% … read as kept
    ("approx", 5, None, 4.4, False, "missed"),
    ("nearly", 5, None, 4.8, False, "met"),
    ("range", 6, 6.5, 6.0, False, "met"),
    ("range", 6, 6.5, 6.5, False, "met"),
    ("range", 6, 6.5, 6.9, False, "exceeded"),
    ("range", 6, 6.5, 5.9, False, "missed"),
    ("at_most", 3, None, 3.0, False, "met"),        # 以内 is a ceiling whatever the id
    ("at_most", 3, None, 1.0, False, "met"),
    ("at_most", 3, None, 3.1, False, "missed"),
    ("less_than", 3, None, 3.0, False, "missed"),
    ("less_than", 3, None, 2.9, False, "met"),
    (None, 7, None, 9.1, False, "exceeded"),        # a plain target of growth is a floor
    (None, 7, None, 7.3, False, "met"),
    (None, 7, None, 6.9, False, "missed"),
    (None, 3, None, 2.0, True, "met"),              # ... of a price rise (a ceiling) a cap
    (None, 3, None, 3.4, True, "missed"),
    ("approx", 3, None, 0.2, True, "met"),          # CPI 3%左右 and a rise of 0.2%: the ceiling kept
    ("approx", 3, None, 3.4, True, "met"),
    ("approx", 3, None, 3.6, True, "missed"),
    ("range", 5, 5.5, 4.0, True, "met"),            # under a ceiling's range
    ("range", 5, 5.5, 6.0, True, "missed"),
]


@pytest.mark.parametrize("qualifier,target,high,result,ceiling,expected", OUTCOMES)
def test_outcome_honours_the_qualifier_and_the_kind(qualifier, target, high, result, ceiling, expected):
    assert outcome_of(qualifier, target, high, result, 0.5, ceiling) == expected
    assert is_met(qualifier, target, high, result, 0.5, ceiling) is (expected != "missed")


@pytest.mark.parametrize("qualifier,target,high,expected", [
    ("at_least", 5, None, (5, None)), ("more_than", 5, None, (5, None)),
    ("at_most", 3, None, (None, 3)), ("less_than", 3, None, (None, 3)),
    ("approx", 5, None, (4.5, 5.5)), ("nearly", 5, None, (4.5, 5.5)),
    ("range", 5, 5.5, (5, 5.5)), (None, 7, None, (7, 7)),
])
def test_every_qualifier_is_an_interval(qualifier, target, high, expected):
    i = interval(qualifier, target, high, 0.5)
    assert (i.low, i.high) == expected


@pytest.mark.parametrize("qualifier,target,high,result,expected", [
    ("at_least", 5, None, 5.2, 0.2), ("approx", 5, None, 4.6, -0.4),
    ("range", 6, 6.5, 6.2, 0.0), ("range", 6, 6.5, 7.0, 0.5), ("range", 6, 6.5, 5.5, -0.5),
])
def test_gap(qualifier, target, high, result, expected):
    assert gap_of(qualifier, target, high, result) == pytest.approx(expected)


def test_pairs_target_of_y_with_result_reported_in_y_plus_1():
    rs = [report(2024, ind("gdp_growth", 5, "target", 2024, "approx", line=3),
                 ind("gdp_growth", 5.2, "actual", 2023, line=2)),
          report(2025, ind("gdp_growth", 5.0, "actual", 2024, line=2),
                 ind("gdp_growth", 5, "target", 2025, "approx", line=9))]
    out = [r.to_dict() for r in rows(rs)]
    assert [(d["year"], d["met"]) for d in out] == [(2023, None), (2024, True), (2025, None)]
    d = out[1]
    assert d == {"region": "通辽市", "canonical": "gdp_growth", "year": 2024,
                 "target": {"value": 5, "value_high": None, "qualifier": "approx", "unit": "%",
                            "source": "r2024.txt:3", "interval": {"low": 4.5, "high": 5.5}},
                 "actual": {"value": 5, "unit": "%", "source": "r2025.txt:2"},
                 "gap": 0, "met": True, "outcome": "met", "stale": None}
    assert out[0]["target"] is None and out[2]["actual"] is None


def test_first_figure_wins_and_other_periods_and_statuses_are_ignored():
    rs = [report(2024, ind("cpi", 3, "target", 2024, "approx", line=5),
                 ind("cpi", 2, "target", 2024, "approx", line=40),        # repeated later: ignored
                 ind("cpi", 9, "target", 2025, line=41),                  # not this year's target
                 ind("cpi", 9, "target", 2021, period_end=2025, line=42)),  # a plan period
          report(2025, ind("cpi", 0.2, "actual", 2024, line=7), ind("cpi", 0.9, "actual", 2024, line=8),
                 ind("cpi", 1.5, "target", 2024, line=1))]                # a target in the next report
    [row] = [r for r in rows(rs) if r.year == 2024]
    assert (row.target.value, row.target.source, row.actual.value, row.actual.source) == \
        (3, "r2024.txt:5", 0.2, "r2025.txt:7")
    # CPI is a ceiling: a rise of 0.2% under a 3%左右 target keeps it
    assert row.outcome == "met" and row.met is True and row.gap == pytest.approx(-2.8)


def test_a_change_of_a_level_is_not_set_against_the_level():
    # 新增新能源装机255万千瓦 (a target increment) before 新能源装机达到1600万千瓦 (the level)
    rs = [report(2026, ind("new_energy_capacity", 255, "target", 2026, unit="万千瓦", line=3, direction="increase"),
                 ind("new_energy_capacity", 1800, "target", 2026, unit="万千瓦", line=9, direction="level")),
          report(2027, ind("new_energy_capacity", 300, "actual", 2026, unit="万千瓦", line=2, direction="increase"),
                 ind("new_energy_capacity", 1900, "actual", 2026, unit="万千瓦", line=4, direction="level"))]
    [row] = rows(rs)
    assert (row.target.value, row.actual.value, row.met) == (1800, 1900, True)
    # a flow (new urban jobs) is its increase: kept
    rs = [report(2026, ind("new_urban_jobs", 4, "target", 2026, unit="万人", direction="increase")),
          report(2027, ind("new_urban_jobs", 5, "actual", 2026, unit="万人", direction="increase"))]
    [row] = rows(rs)
    assert (row.target.value, row.actual.value) == (4, 5)


def test_regions_are_kept_apart_and_rows_are_sorted():
    rs = [report(2025, ind("gdp_growth", 6.0, "actual", 2024), region="赤峰市"),
          report(2024, ind("gdp_growth", 6, "target", 2024, "at_least"), region="通辽市"),
          report(2024, ind("gdp_growth", 5, "target", 2024, "at_least"), region="赤峰市")]
    out = rows(rs)
    assert [(r.region, r.year, r.met) for r in out] == [("赤峰市", 2024, True), ("通辽市", 2024, None)]


def test_approx_in_other_units_uses_the_relative_tolerance():
    jobs = "new_urban_jobs"
    rs = [report(2024, ind(jobs, 12_000_000, "target", 2024, "approx", unit="人")),
          report(2025, ind(jobs, 12_560_000, "actual", 2024, unit="人"))]
    [row] = rows(rs)
    assert row.outcome == "met" and row.gap == 560_000          # within 5 %
    [row] = rows(rs, rel_tolerance=0.01)
    assert row.outcome == "exceeded" and row.met is True         # jobs above the band: more than asked


def test_units_that_cannot_be_compared_give_unknown():
    rs = [report(2024, ind("grain_output", 1.3e12, "target", 2024, "at_least", unit="斤")),
          report(2025, ind("grain_output", 5, "actual", 2024, direction="level"))]
    [row] = rows(rs)
    assert row.met is None and row.gap is None
    assert (row.target.unit, row.actual.unit) == ("斤", "%")


def test_units_that_normalise_alike_are_compared_normalised():
    rs = [report(2024, ind("grain_output", 6.5e8, "target", 2024, "at_least", unit="吨", dimension="mass",
                           normalized=6.5e11, normalized_unit="kilogram")),
          report(2025, ind("grain_output", 1.39e12, "actual", 2024, unit="斤", dimension="mass",
                           normalized=6.95e11, normalized_unit="kilogram"))]
    [row] = rows(rs)
    assert row.met is True and row.target.unit == row.actual.unit == "kilogram"
    assert row.gap == pytest.approx(4.5e10)


def test_canonical_filter():
    rs = [report(2024, ind("cpi", 3, "target", 2024), ind("gdp_growth", 5, "target", 2024))]
    assert [r.canonical for r in rows(rs, canonicals=["gdp_growth"])] == ["gdp_growth"]


# --- the command ----------------------------------------------------------------------------

def _db(tmp_path):
    path = str(tmp_path / "r.sqlite")
    write_db([report(2024, ind("gdp_growth", 5, "target", 2024, "approx", line=3)),
              report(2025, ind("gdp_growth", 5.0, "actual", 2024, line=2))], path)
    return path


def test_cli_json_from_a_database(tmp_path):
    res = CliRunner().invoke(main, ["compare", _db(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    [row] = json.loads(res.stdout)
    assert row["met"] is True and row["target"]["source"] == "r2024.txt:3"


def test_cli_csv_and_table(tmp_path):
    db = _db(tmp_path)
    res = CliRunner().invoke(main, ["compare", db, "--format", "csv"])
    assert res.stdout.splitlines()[0].startswith("region,canonical,year,target_value")
    assert res.stdout.splitlines()[1].endswith(",0,true,met,4.5,5.5,,")
    res = CliRunner().invoke(main, ["compare", db, "--tolerance", "0"])
    assert "gdp_growth" in res.stdout and "≈5%" in res.stdout and "met" in res.stdout


def test_cli_tolerance_changes_met(tmp_path):
    path = str(tmp_path / "r.sqlite")
    write_db([report(2024, ind("gdp_growth", 5, "target", 2024, "approx")),
              report(2025, ind("gdp_growth", 5.3, "actual", 2024))], path)
    outcome = lambda *o: json.loads(CliRunner().invoke(main, ["compare", path, "-f", "json", *o]).stdout)[0]["outcome"]
    assert outcome() == "met" and outcome("--tolerance", "0.2") == "exceeded"


def test_cli_plot_needs_matplotlib_or_draws(tmp_path):
    import importlib.util

    res = CliRunner().invoke(main, ["compare", _db(tmp_path), "--plot", str(tmp_path / "p.svg")])
    if importlib.util.find_spec("matplotlib") is None:
        assert res.exit_code == 2 and "matplotlib" in res.stderr
    else:
        assert res.exit_code == 0 and (tmp_path / "p.svg").read_text().startswith("<?xml")


def test_cli_parses_report_files(tmp_path):
    (tmp_path / "a-2024.txt").write_text("2024年政府工作报告\n今年预期目标是:地区生产总值增长5%左右。\n", encoding="utf-8")
    (tmp_path / "b-2025.txt").write_text("2025年政府工作报告\n一、2024年工作回顾\n过去一年,地区生产总值增长5.3%。\n",
                                         encoding="utf-8")
    res = CliRunner().invoke(main, ["compare", str(tmp_path), "-f", "json", "--as-region", "通辽市", "-j", "1"])
    assert res.exit_code == 0, res.stderr
    [row] = [r for r in json.loads(res.stdout) if r["canonical"] == "gdp_growth"]
    assert row["year"] == 2024 and row["met"] is True and row["gap"] == 0.3
    assert row["target"]["source"] == f"{tmp_path / 'a-2024.txt'}:2"
    assert row["actual"]["source"] == f"{tmp_path / 'b-2025.txt'}:3"


def test_cli_bad_database_and_missing_input(tmp_path):
    bad = tmp_path / "x.sqlite"
    import sqlite3
    sqlite3.connect(bad).execute("create table other (a)").connection.close()
    res = CliRunner().invoke(main, ["compare", str(bad)])
    assert res.exit_code == 2 and "not a tonglaio-parse database" in res.stderr
    res = CliRunner().invoke(main, ["compare", str(tmp_path / "nothing")])
    assert res.exit_code == 2 and "no such file" in res.stderr


# --- the national series (needs the corpus) --------------------------------------------------

@pytest.fixture(scope="module")
def national_rows(corpus, tmp_path_factory):
    """2014–2025 reports: each year's GDP growth target has its result in the next one."""
    from tonglaio_parse.pipeline import Options, parse_file

    years = range(2014, 2026)
    paths = [corpus / f"china-gwr-{y}.txt" for y in years if (corpus / f"china-gwr-{y}.txt").exists()]
    return rows([parse_file(str(p), Options()) for p in paths], canonicals=["gdp_growth", "cpi", "new_urban_jobs"])


# Published figures: year -> (target, result reported a year later); None where the next
# report states no figure (2016's says only 居民消费价格涨幅保持较低水平), so `met` is unknown.
NATIONAL = [
    *[("gdp_growth", y, t, a) for y, (t, a) in {
        2014: (7.5, 7.4), 2015: (7, 6.9), 2016: (6.5, 6.7), 2017: (6.5, 6.9), 2018: (6.5, 6.6), 2021: (6, 8.1),
        2022: (5.5, 3), 2023: (5, 5.2), 2024: (5, 5)}.items()],
    *[("cpi", y, 3, a) for y, a in {2015: None, 2016: 2, 2017: None, 2018: 2.1, 2021: 0.9, 2022: 2, 2023: 0.2,
                                   2024: 0.2}.items()],
    *[("new_urban_jobs", y, t * 10_000, a * 10_000) for y, (t, a) in {
        2014: (1000, 1322), 2015: (1000, 1312), 2016: (1000, 1314), 2017: (1100, 1351), 2018: (1100, 1361),
        2021: (1100, 1269), 2022: (1100, 1206), 2023: (1200, 1244), 2024: (1200, 1256)}.items()],
]


@pytest.mark.parametrize("canonical,year,target,result", NATIONAL)
def test_national_target_and_result(national_rows, canonical, year, target, result):
    row = next((r for r in national_rows if r.canonical == canonical and r.year == year), None)
    assert row is not None and row.target, f"no target for {canonical} {year}"
    assert row.target.value == target
    if result is None:
        assert row.actual is None and row.met is None
    else:
        assert row.actual and row.actual.value == result


def test_a_fall_is_negative_growth(tmp_path):
    """固定资产投资下降3.8% against a target of 增长3%: not met, gap -6.8; a fall in energy
    intensity is the measure itself and keeps its sign."""
    from tonglaio_parse import compare
    from tonglaio_parse.pipeline import parse_file

    a = tmp_path / "r-2024.txt"
    b = tmp_path / "r-2025.txt"
    a.write_text("二、2024年工作安排\n\n今年主要预期目标是:固定资产投资增长3%,单位地区生产总值能耗降低3%左右。\n",
                 encoding="utf-8")
    b.write_text("一、2024年工作回顾\n\n过去一年,固定资产投资下降3.8%,单位地区生产总值能耗降低3.2%。\n",
                 encoding="utf-8")
    rows = {r.canonical: r for r in compare.rows([parse_file(str(a)), parse_file(str(b))])}
    fai = rows["fixed_asset_investment_growth"]
    assert fai.actual.value == -3.8 and fai.met is False and round(fai.gap, 2) == -6.8
    energy = rows["energy_intensity_reduction"]
    assert energy.actual.value == 3.2 and energy.met is True


@pytest.fixture(scope="module")
def all_national_rows(corpus):
    from tonglaio_parse.pipeline import Options, parse_file

    return rows([parse_file(str(p), Options()) for p in sorted(corpus.glob("china-gwr-*.txt"))])


def test_national_growth_above_its_target_is_exceeded_and_prices_under_the_ceiling_met(all_national_rows):
    """GDP 2003–2011 (8%左右 or 7%左右, results 9–10.7%): over-fulfilled, not missed; CPI under its
    3%左右 ceiling: kept."""
    by = {(r.canonical, r.year): r for r in all_national_rows}
    gdp = [by[("gdp_growth", y)] for y in range(2003, 2012) if by.get(("gdp_growth", y)) and by[("gdp_growth", y)].gap is not None]
    assert len(gdp) >= 7 and all(r.outcome == "exceeded" for r in gdp), [(r.year, r.outcome) for r in gdp]
    cpi = [r for r in all_national_rows if r.canonical == "cpi" and r.gap is not None and r.gap < 0]
    assert len(cpi) >= 8 and all(r.outcome == "met" for r in cpi), [(r.year, r.outcome) for r in cpi]


def test_no_national_outcome_contradicts_its_gap(all_national_rows):
    """Swept over every row: exceeded lies above the target, missed on the wrong side of it."""
    from tonglaio_parse.compare import _rules

    ceilings, _ = _rules()
    for r in all_national_rows:
        if r.outcome is None:
            assert r.met is None
            continue
        assert r.met is (r.outcome != "missed")
        q = r.target.qualifier
        ceiling = q in ("at_most", "less_than") or (q not in ("at_least", "more_than") and r.canonical in ceilings)
        if r.outcome == "exceeded":
            assert not ceiling and r.gap > 0, r
        elif r.outcome == "missed":
            assert (r.gap >= 0) if ceiling else (r.gap <= 0), r
        elif ceiling:
            assert r.gap <= 0.5 + 1e-9 or q == "range", r


def test_a_target_without_a_number_is_no_number_set_and_a_repeat_is_stale():
    from tonglaio_parse.model import QualitativeTarget

    r2024 = report(2024, ind("trade_growth", 5, "target", 2024, "approx", line=3))
    r2025 = report(2025, ind("trade_growth", 5, "target", 2025, "approx", line=3),
                   ind("trade_growth", 3.8, "actual", 2024, line=2))
    r2026 = report(2026, ind("trade_growth", 4.6, "actual", 2025, line=2))
    r2026 = Report(r2026.source, r2026.document, [], r2026.indicators, [],
                   qualitative_targets=[QualitativeTarget("trade_growth", "进出口稳量提质", 9, 4, (90, 97))])
    out = {r.year: r for r in rows([r2024, r2025, r2026])}
    assert out[2026].target.to_dict() == {"stated": "qualitative", "text": "进出口稳量提质", "source": "r2026.txt:9"}
    assert out[2026].outcome is None and out[2026].met is None
    assert out[2025].stale == "previous_year" and out[2024].stale is None
    assert out[2024].outcome == "missed" and out[2025].outcome == "met"


def test_cli_filters_years_and_regions(tmp_path):
    path = str(tmp_path / "r.sqlite")
    other = report(2024, ind("gdp_growth", 6, "target", 2024, "approx"), region="赤峰市", path="c2024.txt")
    other = Report(Source("c2024.txt", "c" * 64, "utf-8", 100, 10), other.document, [], other.indicators, [])
    write_db([report(2023, ind("gdp_growth", 5, "target", 2023, "approx")),
              report(2024, ind("gdp_growth", 5, "target", 2024, "approx", line=3),
                     ind("gdp_growth", 5.2, "actual", 2023, line=2)), other], path)
    out = lambda *o: [(r["region"], r["year"]) for r in json.loads(  # noqa: E731
        CliRunner().invoke(main, ["compare", path, "-f", "json", *o]).stdout)]
    assert out("--from", "2024") == [("赤峰市", 2024), ("通辽市", 2024)]
    assert out("--to", "2023", "--region", "通辽市") == [("通辽市", 2023)]
    assert out("--region", "赤峰市") == [("赤峰市", 2024)]
