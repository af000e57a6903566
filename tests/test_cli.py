"""The command line, run in-process through cli.run: stdout is data, stderr is talk."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SEED
from tonglaio_parse import cli
from tonglaio_parse.cli import exitcodes
from tonglaio_parse.render.csv import COLUMNS


def run(capsys, *args):
    code = cli.run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", [[], ["parse"], ["rules"], ["numbers"], ["batch"], ["compare"]])
def test_every_help_shows_an_example(capsys, command):
    code, out, err = run(capsys, *command, "--help")
    assert code == 0 and "Example" in out and "tonglaio-parse" in out


def test_table_output(capsys):
    code, out, err = run(capsys, "parse", str(SEED))
    assert code == 0
    assert "通辽市 2026" in out and "地区生产总值" in out and "LA002" in out
    assert "\x1b[" not in out  # no colours when stdout is not a terminal


def test_json_output_is_one_object(capsys):
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "tonglaio-parse/report/1"
    assert doc["document"] == {"title": "政府工作报告", "region": "通辽市", "year": 2026, "script": "simplified",
                               "year_source": "text", "level": "city", "region_simplified": "通辽市"}


UNDATED = ("各位代表：\n一、过去一年工作回顾\n去年，全县地区生产总值增长5.6%，地方财政总收入增长4.1%。\n"
           "二、今年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n")


@pytest.mark.parametrize("name, year, source, code", [
    ("report.txt", None, None, "ST005"),      # nothing names the year: said, never guessed
    ("xian-2024.txt", 2024, "filename", "ST004"),  # the file name is a guess, and says so
])
def test_a_report_without_a_dated_title_says_where_its_year_came_from(capsys, tmp_path, name, year, source, code):
    path = tmp_path / name
    path.write_text(UNDATED, encoding="utf-8")
    _, out, _ = run(capsys, "parse", str(path), "--format", "json")
    doc = json.loads(out)
    assert (doc["document"]["year"], doc["document"]["year_source"]) == (year, source)
    assert code in [w["code"] for w in doc["warnings"]]
    target = next(i for i in doc["indicators"] if i["status"] == "target")
    assert target["canonical"] == "gdp_growth"
    assert target["period"] == ({"start": 2024, "end": 2024} if year else None)
    _, out, _ = run(capsys, "parse", str(path), "--format", "json", "--year", "2024")
    doc = json.loads(out)
    assert doc["document"]["year_source"] == "user" and code not in [w["code"] for w in doc["warnings"]]


def test_several_files_give_an_array_and_jsonl_lines(capsys, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("今年经济社会发展的主要预期目标是:地区生产总值增长5%左右。", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(SEED), str(other), "--format", "json")
    assert code == 0 and [d["source"]["path"] for d in json.loads(out)] == [str(SEED), str(other)]
    code, out, _ = run(capsys, "parse", str(SEED), str(other), "--format", "jsonl")
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == [str(SEED), str(other)]


def test_csv_has_documented_header(capsys):
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == COLUMNS and len(rows) > 50
    gdp = next(r for r in rows[1:] if r[COLUMNS.index("text")] == "增长4.9%" or r[COLUMNS.index("value")] == "4.9")
    assert gdp[COLUMNS.index("unit")] == "%"


def test_output_file(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "parse", str(SEED), "-f", "json", "-o", str(target))
    assert code == 0 and out == "" and json.loads(target.read_text(encoding="utf-8"))["indicators"]


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("城镇新增就业1200万人以上。".encode("gb18030"))))
    code, out, _ = run(capsys, "parse", "-", "--format", "json", "--year", "2025")
    doc = json.loads(out)
    assert code == 0 and doc["source"]["path"] is None and doc["source"]["encoding"] == "gb18030"
    assert doc["indicators"][0]["value"] == 12000000


@pytest.mark.parametrize("make_path, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
])
def test_bad_path_is_one_line_exit_2_and_others_still_parse(capsys, tmp_path, make_path, message):
    code, out, err = run(capsys, "parse", str(make_path(tmp_path)), str(SEED), "--format", "json")
    assert code == exitcodes.INPUT_ERROR
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    [doc] = json.loads(out)  # several inputs: an array, whatever failed
    assert doc["document"]["region"] == "通辽市"


def test_undecodable_file(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    code, _, err = run(capsys, "parse", str(bad))
    assert code == 2 and err.startswith("tonglaio-parse: error:") and "Traceback" not in err


def test_unknown_format_is_usage_error(capsys):
    code, _, err = run(capsys, "parse", str(SEED), "--format", "xml")
    assert code == 2 and "xml" in err


@pytest.mark.parametrize("fail_on, expected", [("never", 0), ("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(capsys, fail_on, expected):
    code, _, _ = run(capsys, "parse", str(SEED), "--format", "json", "--fail-on", fail_on)
    assert code == expected


def test_rules_lists_every_code(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    codes = {r["code"] for r in json.loads(out)}
    assert {"LA001", "LA002", "TX001"} <= codes


def test_python_api_matches_cli(capsys, seed_dict):
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "json")
    assert json.loads(out) == seed_dict


def test_select_and_ignore_checks(capsys):
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "json", "--select", "TX", "--ignore", "TX004")
    assert code == 0 and {w["code"] for w in json.loads(out)["warnings"]} == {"TX001", "TX005", "TX006", "TX007",
                                                                                "TX008", "TX009", "TX010",
                                                                                "TX011", "TX012", "TX013", "TX014"}
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "json", "--select", "TX001,TX004")
    assert code == 0 and {w["code"] for w in json.loads(out)["warnings"]} == {"TX001", "TX004"}
    code, _, err = run(capsys, "parse", str(SEED), "--select", "NO_SUCH")
    assert code == 2 and "NO_SUCH" in err


def test_check_command_prints_linter_lines(capsys):
    code, out, _ = run(capsys, "check", str(SEED))
    first = out.splitlines()[0]
    assert code == 0 and first.startswith(f"{SEED}:5:1: info LA001 [page-marker]")
    code, _, _ = run(capsys, "check", str(SEED), "--fail-on", "warning")
    assert code == 1
