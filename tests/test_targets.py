"""targets: one year's targets of every region side by side, with the level above and stale targets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonglaio_parse.cli import main
from tonglaio_parse.model import Document, Indicator, Measure, Period, Report, Source
from tonglaio_parse.targets import rows

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ROOT.parent / "shared" / "corpus" / "provinces-2026"


def ind(canonical, value, status, start, end=None, qualifier=None, high=None, line=1):
    return Indicator(id=f"i{line}", subject=canonical, canonical=canonical,
                     measure=Measure(value=value, value_high=high, unit="%", dimension="percent",
                                     normalized_value=value, normalized_unit="percent", qualifier=qualifier),
                     direction="increase", status=status, period=Period(start, end or start), section=None,
                     line=line, column=1, span=(line * 10, line * 10 + 3), text=str(value))


def report(region, level, year, *indicators):
    return Report(Source(f"{region}-{year}.txt", f"{hash((region, year)) & 0xffff:064d}", "utf-8", 100, 10),
                  Document("政府工作报告", region, year, "simplified", "title", level), [], list(indicators), [])


REPORTS = [
    report("全国", "national", 2026, ind("gdp_growth", 4.5, "target", 2026, qualifier="range", high=5, line=3)),
    report("甲省", "province", 2025, ind("gdp_growth", 5.5, "target", 2025, qualifier="approx", line=9)),
    report("甲省", "province", 2026, ind("gdp_growth", 5.6, "actual", 2025, line=2),
           ind("gdp_growth", 5, "target", 2026, 2030, qualifier="approx", line=5),     # the plan's average
           ind("gdp_growth", 5, "target", 2026, qualifier="approx", line=9)),
    report("乙省", "province", 2026, ind("gdp_growth", 6, "target", 2026, qualifier="at_least", line=9)),
]


def test_rows_side_by_side_with_the_level_above_and_last_year():
    out = {r.region: r for r in rows(REPORTS, 2026, ["gdp_growth"])}
    assert set(out) == {"全国", "甲省", "乙省"}
    a = out["甲省"]
    assert (a.target.value, a.target.qualifier, a.target.interval.low, a.target.interval.high) == (5, "approx", 4.5, 5.5)
    assert (a.previous.value, a.previous_result.value) == (5.5, 5.6)
    assert (a.above_region, a.above.value, a.above.value_high, a.gap_above) == ("全国", 4.5, 5, 0.5)
    assert a.stale == "plan_average" and a.level == "province"
    b = out["乙省"]
    assert b.gap_above == 1.5 and b.stale is None and b.previous is None
    assert out["全国"].above is None           # nothing above the national level
    assert [r.region for r in rows(REPORTS, 2026)][0] == "乙省"  # highest target first


def test_a_target_repeated_from_last_year_is_stale():
    rs = [report("丙市", "city", 2024, ind("gdp_growth", 6, "target", 2024, qualifier="approx")),
          report("丙市", "city", 2025, ind("gdp_growth", 6, "target", 2025, qualifier="approx"))]
    [row] = rows(rs, 2025)
    assert row.stale == "previous_year"
    rs[1] = report("丙市", "city", 2025, ind("gdp_growth", 6, "target", 2025, qualifier="at_least"))
    assert rows(rs, 2025)[0].stale is None   # the qualifier changed: a new target


def test_cli_json_and_unknown_id(tmp_path):
    from tonglaio_parse.store import Database

    path = str(tmp_path / "t.sqlite")
    with Database(path) as db:
        for r in REPORTS:
            db.store(r)
    res = CliRunner().invoke(main, ["targets", path, "--year", "2026", "-f", "json"])
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert {r["region"] for r in out} == {"全国", "甲省", "乙省"}
    row = next(r for r in out if r["region"] == "甲省")
    assert row["target"]["interval"] == {"low": 4.5, "high": 5.5} and row["above_region"] == "全国"
    res = CliRunner().invoke(main, ["targets", path, "-i", "GDP"])
    assert res.exit_code == 2 and "did you mean gdp" in res.stderr
    res = CliRunner().invoke(main, ["compare", path, "-i", "gdp_grwth"])
    assert res.exit_code == 2 and "gdp_growth" in res.stderr


@pytest.mark.skipif(not (PROVINCES / "targets.jsonl").is_file(), reason=f"no provincial reports at {PROVINCES}")
def test_every_provinces_2026_gdp_target_is_listed_right():
    gold = [json.loads(line) for line in (PROVINCES / "targets.jsonl").open(encoding="utf-8")]
    gold = {g["region"]: g for g in gold if g["canonical"] == "gdp_growth"}
    res = CliRunner().invoke(main, ["targets", str(PROVINCES), "--year", "2026", "-i", "gdp_growth", "-f", "json"])
    assert res.exit_code == 0
    out = {r["region"]: r["target"] for r in json.loads(res.stdout)}
    assert set(out) == set(gold) and len(out) == 31
    for region, g in gold.items():
        t = out[region]
        assert (t["value"], t["value_high"]) == (g["value"], g["value_high"]), region
        assert t["qualifier"] in (g["qualifier"], g.get("alt_qualifier", g["qualifier"])), region


def test_indicators_lists_every_id_with_name_kind_and_floor_or_ceiling():
    res = CliRunner().invoke(main, ["indicators", "-f", "json"])
    assert res.exit_code == 0
    out = {i["id"]: i for i in json.loads(res.stdout)}
    assert out["gdp_growth"]["name"] == "地区生产总值增长" and out["gdp_growth"]["target"] == "floor"
    assert out["cpi"]["target"] == "ceiling" and "CPI" in out["cpi"]["wordings"]
    assert len(out["cpi"]["wordings"]) == len(set(out["cpi"]["wordings"]))
    assert {"primary_industry_growth", "local_fiscal_revenue", "pm25_concentration"} <= set(out)
    res = CliRunner().invoke(main, ["indicators", "GDP"])
    assert res.exit_code == 2 and "did you mean gdp" in res.stderr


def test_targets_plot_draws_a_range_chart(tmp_path):
    pytest.importorskip("matplotlib")
    from tonglaio_parse.store import Database

    path = str(tmp_path / "t.sqlite")
    with Database(path) as db:
        for r in REPORTS:
            db.store(r)
    svg = tmp_path / "t.svg"
    res = CliRunner().invoke(main, ["targets", path, "--year", "2026", "--plot", str(svg)])
    assert res.exit_code == 0 and svg.read_text().startswith("<?xml")


def test_without_a_cjk_font_the_chart_says_so_and_labels_with_ids(monkeypatch, capsys):
    pytest.importorskip("matplotlib")
    from tonglaio_parse.render import plotting

    monkeypatch.setattr(plotting, "CJK_FAMILIES", ("No Such Font",))
    plotting.cjk_font.cache_clear()
    try:
        assert plotting.label("地区生产总值增长", "gdp_growth") == "gdp_growth"
        assert "no CJK font found" in capsys.readouterr().err
    finally:
        plotting.cjk_font.cache_clear()


def test_plot_without_matplotlib_fails_before_printing(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    res = CliRunner().invoke(main, ["targets", str(tmp_path), "--plot", str(tmp_path / "x.svg")])
    assert res.exit_code == 2 and "matplotlib" in res.stderr and res.stdout == ""


def test_the_python_api_gives_the_rows_the_cli_prints(tmp_path):
    import tonglaio_parse as tp

    a = tmp_path / "a-2024.txt"
    a.write_text("2024年政府工作报告\n今年预期目标是:地区生产总值增长5%左右。\n", encoding="utf-8")
    b = tmp_path / "a-2025.txt"
    b.write_text("2025年政府工作报告\n一、2024年工作回顾\n过去一年,地区生产总值增长5.3%。\n", encoding="utf-8")
    [row] = [r for r in tp.compare([a, b]) if r.year == 2024]
    assert (row.target.value, row.actual.value, row.outcome) == (5, 5.3, "met")
    assert tp.compare(REPORTS, canonicals=["gdp_growth"]) == tp.compare_rows(REPORTS, canonicals=["gdp_growth"])
    assert {r.region for r in tp.targets(REPORTS, year=2026)} == {"全国", "甲省", "乙省"}
    assert {"compare", "targets", "compare_rows"} <= set(dir(tp))
