"""parse --status / --canonical / --period; batch --year / --region for reports that do not say;
one JSON shape for several inputs."""
from __future__ import annotations

import json

import pytest

from tonglaio_parse import cli
from tonglaio_parse.pipeline import Options, parse_text

SEED = "fixtures/tongliao-2026-p2.txt"


def run(capsys, *args):
    code = cli.run([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def figures(out: str) -> list[tuple]:
    doc = json.loads(out)
    return [(i["canonical"], i["status"], i["value"], i["period"]["start"] if i["period"] else None,
             i["period"]["end"] if i["period"] else None) for i in doc["indicators"]]


def test_status_canonical_and_period_filter_the_figures(capsys):
    code, out, _ = run(capsys, "parse", SEED, "-f", "json", "--status", "target", "--canonical", "gdp_growth",
                       "--period", "2026")
    assert code == 0
    assert figures(out) == [("gdp_growth", "target", 5.5, 2026, 2030), ("gdp_growth", "target", 5.5, 2026, 2026)]
    _, out, _ = run(capsys, "parse", SEED, "-f", "json", "--status", "actual", "-i", "gdp_growth")
    assert figures(out) == [("gdp_growth", "actual", 4.9, 2025, 2025)]
    _, all_out, _ = run(capsys, "parse", SEED, "-f", "json")
    _, out, _ = run(capsys, "parse", SEED, "-f", "json", "--period", "2023")
    kept = json.loads(out)["indicators"]
    assert kept and all(i["period"]["start"] <= 2023 <= i["period"]["end"] for i in kept)
    assert len(kept) < len(json.loads(all_out)["indicators"])
    assert json.loads(out)["warnings"] == json.loads(all_out)["warnings"]  # warnings stay


def test_an_unknown_canonical_is_a_usage_error_naming_close_ids(capsys):
    code, _, err = run(capsys, "parse", SEED, "--canonical", "gdp_grow")
    assert code == 2 and "gdp_growth" in err and len(err.strip().splitlines()) == 1


def test_several_inputs_give_an_array_whatever_fails(capsys, tmp_path):
    code, out, _ = run(capsys, "parse", SEED, tmp_path / "missing.txt", "-f", "json")
    assert code == 2 and isinstance(json.loads(out), list) and len(json.loads(out)) == 1
    code, out, _ = run(capsys, "parse", tmp_path / "missing.txt", tmp_path / "gone.txt", "-f", "json")
    assert code == 2 and json.loads(out) == []
    code, out, _ = run(capsys, "parse", SEED, "-f", "json")
    assert code == 0 and isinstance(json.loads(out), dict)


def test_batch_year_and_region_fill_in_only_what_a_report_does_not_say(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("今年地区生产总值增长5%左右。\n", encoding="utf-8")
    (folder / "b.txt").write_text("我代表通辽市人民政府报告工作。今年是2024年。今年地区生产总值增长6%。\n", encoding="utf-8")
    code, out, _ = run(capsys, "batch", folder, "--year", "2026", "--region", "某县", "-f", "jsonl")
    assert code == 0
    docs = {d["source"]["path"].rsplit("/", 1)[-1]: d["document"] for d in map(json.loads, out.splitlines())}
    assert (docs["a.txt"]["year"], docs["a.txt"]["region"]) == (2026, "某县")
    assert (docs["b.txt"]["year"], docs["b.txt"]["region"]) == (2024, "通辽市")


def test_options_year_overrides_but_default_year_fills_in():
    text = "今年是2024年。今年地区生产总值增长6%。"
    assert parse_text(text, options=Options(year=2030)).document.year == 2030
    assert parse_text(text, options=Options(default_year=2030)).document.year == 2024
    assert parse_text("今年地区生产总值增长6%。", options=Options(default_year=2030)).indicators[0].period.start == 2030


@pytest.mark.parametrize("status, kept", [("target", 1), ("actual", 1), (None, 2)])
def test_report_only(status, kept):
    report = parse_text("去年地区生产总值增长6%。今年地区生产总值增长5%左右。", options=Options(year=2026))
    assert len(report.only(status=status).indicators) == kept
