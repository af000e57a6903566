"""Output has one home (issue 13): the render registry gives every command its formats, and
cli/io.py writes them (stdout, -o FILE, a folder, a reader that goes away).

* the format recipe: a writer registered once is accepted by parse, batch and compare;
* batch --format html -o DIR, check -o, numbers -o, rules -o;
* every command survives a closed pipe (| head -1), in a subprocess;
* a bad data table is one line and exit 2 from every command;
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, SEED
from tonglaio_parse import cli, render
from tonglaio_parse.cli import exitcodes
from tonglaio_parse.errors import RuleError
from tonglaio_parse.model import Document, Indicator, Measure, Period, Report, Source
from tonglaio_parse.store import write as write_db

REPORT = "{year}年政府工作报告\n一、过去一年工作回顾\n过去一年，地区生产总值增长{value}%。\n二、今年工作安排\n今年预期目标是：地区生产总值增长5%左右。\n"


def run(capsys, *args):
    code = cli.run([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def reports_dir(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for year, value in ((2024, 5.1), (2025, 5.3)):
        (d / f"tl-{year}.txt").write_text(REPORT.format(year=year, value=value), encoding="utf-8")
    return d


# --- the recipe: register once, every command of that kind of data takes it ---------------------

def write_count(data, out) -> None:
    out.write(f"count: {len(data)}\n")


def path_line(report) -> str:
    return f"path: {Path(report.source.path).name}\n"


@pytest.fixture
def count_format():
    kinds = (render.REPORTS, render.COMPARE)
    render.register("count", write_count, kinds=kinds, suffixes=(".count",))
    render.register("paths", write_count, suffixes=(".paths",), head=lambda: "head\n", each=path_line)
    yield
    render.unregister("count", kinds=kinds)
    render.unregister("paths")
    assert "count" not in render.formats(render.REPORTS)


def test_a_writer_registered_once_serves_parse_batch_and_compare(capsys, tmp_path, reports_dir, count_format):
    code, out, err = run(capsys, "parse", SEED, reports_dir / "tl-2024.txt", "--format", "count")
    assert (code, out) == (0, "count: 2\n"), err
    code, out, err = run(capsys, "batch", reports_dir, "--format", "count", "-j", "1")
    assert (code, out) == (0, "count: 2\n"), err
    code, _, err = run(capsys, "batch", reports_dir, "-o", tmp_path / "all.count", "-j", "1")  # by its suffix
    assert code == 0 and (tmp_path / "all.count").read_text(encoding="utf-8") == "count: 2\n", err
    code, out, err = run(capsys, "compare", reports_dir, "--format", "count", "-j", "1")
    assert code == 0 and re.fullmatch(r"count: [1-9]\d*\n", out), err
    code, _, err = run(capsys, "check", SEED, "--format", "count")  # not registered for findings
    assert code == 2 and "count" in err


def test_a_streaming_writer_gets_each_report_in_order(capsys, reports_dir, count_format):
    code, out, err = run(capsys, "batch", reports_dir, "--format", "paths", "-j", "1")
    assert (code, out) == (0, "head\npath: tl-2024.txt\npath: tl-2025.txt\n"), err


def test_format_choices_come_from_the_registry(capsys):
    for command, kind in (("parse", render.REPORTS), ("compare", render.COMPARE), ("check", render.FINDINGS),
                          ("numbers", render.NUMERALS), ("rules", render.RULES)):
        _, out, _ = run(capsys, command, "--help")
        assert f"[{'|'.join(render.formats(kind))}]" in re.sub(r"\s+", "", out), command
    _, out, _ = run(capsys, "batch", "--help")
    assert f"[{'|'.join(render.formats())}|sqlite]" in re.sub(r"\s+", "", out)
    assert render.formats() == ("table", "json", "jsonl", "csv", "html", "xlsx")


def test_fail_on_choices_are_the_severities_worst_first():
    assert exitcodes.FAIL_ON == ("error", "warning", "info", "never")


# --- batch --format html -o DIR --------------------------------------------------------------------

def test_batch_html_writes_a_page_per_report_and_an_index(capsys, tmp_path, reports_dir):
    (reports_dir / "tl-2023.txt").write_bytes(b"%PDF-1.4 binary")
    site = tmp_path / "site"
    code, out, err = run(capsys, "batch", reports_dir, "--format", "html", "-o", f"{site}/", "-j", "1")
    assert code == 1 and out == "" and "3 files: 2 parsed, 1 failed" in err
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "tl-2024.html", "tl-2025.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(unquote(h) for h in links) == ["tl-2024.html", "tl-2025.html"]
    assert "tl-2023.txt</code>: not a readable PDF" in index
    page = (site / "tl-2025.html").read_text(encoding="utf-8")
    assert "地区生产总值增长" in page and page.count("data-indicator=") == 2  # the text came along


def test_batch_html_to_one_file_or_stdout(capsys, tmp_path, reports_dir):
    code, _, err = run(capsys, "batch", reports_dir, "-o", tmp_path / "all.html", "-j", "1")
    assert code == 0, err
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "2 reports" in page
    code, out, _ = run(capsys, "batch", reports_dir, "--format", "html", "-j", "1")
    assert code == 0 and out == page


def test_batch_json_collects_every_report(capsys, tmp_path, reports_dir):
    code, _, err = run(capsys, "batch", reports_dir, "-o", tmp_path / "all.json", "-j", "1")
    docs = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert code == 0 and [d["document"]["year"] for d in docs] == [2024, 2025], err


# --- -o for check, numbers, rules: the same bytes as on stdout --------------------------------------

@pytest.mark.parametrize("args", [["check", SEED], ["check", SEED, "-f", "json"], ["numbers", SEED],
                                  ["numbers", SEED, "-f", "jsonl", "--kind", "year"], ["rules", "-f", "json"]],
                         ids=["check", "check-json", "numbers", "numbers-jsonl", "rules-json"])
def test_output_file_holds_what_stdout_shows(capsys, tmp_path, args):
    code, out, _ = run(capsys, *args)
    target = tmp_path / "out.txt"
    code_o, out_o, err_o = run(capsys, *args, "-o", target)
    assert code_o == code == 0 and out_o == "" and err_o == ""
    assert target.read_text(encoding="utf-8") == out and out


def test_an_unwritable_output_is_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "rules", "-o", tmp_path / "no" / "such" / "dir.txt")
    assert code == 2 and out == "" and err.startswith("tonglaio-parse: error: ") and len(err.splitlines()) == 1


def test_compare_marks_nearly_with_its_sign(tmp_path):
    from click.testing import CliRunner

    def report(year, status, value, qualifier=None):
        ind = Indicator("i1", "地区生产总值", "gdp_growth", Measure(value, None, "%", "percent", value, "percent",
                        qualifier), "increase", status, Period(2024, 2024), None, 2, 1, (0, 1), "x")
        return Report(Source(f"r{year}.txt", f"{year:064d}", "utf-8", 1, 1), Document(None, "全国", year, "simplified"),
                      [], [ind], [])

    db = str(tmp_path / "r.sqlite")
    write_db([report(2024, "target", 5, "nearly"), report(2025, "actual", 5.2)], db)
    res = CliRunner().invoke(cli.main, ["compare", db])
    assert res.exit_code == 0 and "≲5%" in res.stdout and "近" not in res.stdout


# --- a reader that goes away: | head -1 ------------------------------------------------------------

PIPED = {  # the reports folder holds copies of the seed: more than a pipe buffer of output
    "parse": ["parse", SEED],
    "check": ["check", SEED],
    "numbers": ["numbers", SEED],
    "rules": ["rules"],
    "batch-jsonl": ["batch", "{reports}", "-j", "1"],
    "batch-csv": ["batch", "{reports}", "-f", "csv", "-j", "2"],
    "batch-html": ["batch", "{reports}", "-f", "html"],
    "compare": ["compare", "{reports}", "-j", "1"],
    "compare-json": ["compare", "{reports}", "-f", "json"],
}
HEAD = ("numbers", "batch-jsonl", "batch-csv")  # long outputs, also read a line of (parse: test_robustness)


@pytest.fixture(scope="module")
def piped(tmp_path_factory):
    """Every command started at once with a stdout whose reader has gone (closed at once, so the
    first write fails), and once more with a reader that takes one line and leaves (| head -1)."""
    folder = tmp_path_factory.mktemp("piped")
    for n in range(2):
        (folder / f"seed-{n}.txt").write_bytes(SEED.read_bytes())
    env = dict(os.environ, COLUMNS="120")
    env.pop("TONGLAIO_MAX_MB", None)
    procs = {}
    for name, args in PIPED.items():
        argv = [sys.executable, "-m", "tonglaio_parse", *(str(a).format(reports=folder) for a in args)]
        for mode in ("closed", "head") if name in HEAD else ("closed",):
            p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
            if mode == "closed":
                p.stdout.close()
            procs[name, mode] = p
    results = {}
    for key, p in procs.items():
        first = p.stdout.readline() if key[1] == "head" else b"-"
        if key[1] == "head":
            p.stdout.close()
        err = p.stderr.read().decode("utf-8", "replace")
        results[key] = (p.wait(timeout=300), first, err)
    return results


@pytest.mark.parametrize("name, mode", [(n, "closed") for n in PIPED] + [(n, "head") for n in HEAD])
def test_every_command_survives_a_closed_pipe(piped, name, mode):
    code, first, err = piped[name, mode]
    assert code == 0 and first and "Traceback" not in err and "error" not in err, err


# --- a bad data table: one line, exit 2, from every command ----------------------------------------

def _bad_table(*args, **kwargs):
    raise RuleError("data/units.toml [bad]: not a unit")


@pytest.mark.parametrize("args", [["parse", SEED], ["check", SEED], ["numbers", SEED], ["rules"],
                                  ["batch", "{reports}", "-j", "1"], ["compare", "{reports}", "-j", "1"]],
                         ids=lambda a: a[0])
def test_a_bad_data_table_is_one_line_and_exit_2(capsys, monkeypatch, reports_dir, args):
    import tonglaio_parse.checks as checks
    import tonglaio_parse.pipeline as pipeline

    monkeypatch.setattr(pipeline, "parse_file", _bad_table)
    monkeypatch.setattr(pipeline, "parse_bytes", _bad_table)
    if args == ["rules"]:
        monkeypatch.setattr(checks, "rule_table", _bad_table)
    code, out, err = run(capsys, *(str(a).format(reports=reports_dir) for a in args))
    assert code == exitcodes.INPUT_ERROR and out == ""
    assert err == "tonglaio-parse: error: data/units.toml [bad]: not a unit\n"


def test_the_database_output_is_not_a_writer(tmp_path, reports_dir, capsys):
    assert "sqlite" not in render.formats()
    code, _, err = run(capsys, "batch", reports_dir, "-o", tmp_path / "r.db", "-j", "1")
    assert code == 0, err
    assert sqlite3.connect(tmp_path / "r.db").execute("SELECT count(*) FROM documents").fetchone() == (2,)
