"""--format xlsx (parse, batch, compare; check in test_check_cli.py) and CSV for Excel (--excel)."""
from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from conftest import SEED
import test_outputs
from test_outputs import run
from tonglaio_parse import cli, render
from tonglaio_parse.render.csv import COLUMNS

openpyxl = pytest.importorskip("openpyxl")
reports_dir = test_outputs.reports_dir  # the fixture: two small yearly reports


def sheet_rows(path, title) -> list[dict]:
    """The rows of one sheet as dicts by the header (`path`: a file name or a binary stream)."""
    with (open(path, "rb") if not hasattr(path, "read") else path) as fh:
        rows = list(openpyxl.load_workbook(fh)[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


# --- parse -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "seed.xlsx"
    assert cli.run(["parse", str(SEED), "-o", str(path)]) == 0  # the suffix picks xlsx
    return path


def test_a_sheet_each_of_indicators_warnings_and_sections(seed_book, seed_report):
    book = openpyxl.load_workbook(seed_book)
    assert book.sheetnames == ["indicators", "warnings", "sections"]
    assert len(sheet_rows(seed_book, "indicators")) == len(seed_report.indicators) > 100
    assert len(sheet_rows(seed_book, "warnings")) == len(seed_report.warnings) > 10
    assert len(sheet_rows(seed_book, "sections")) == len(seed_report.sections) > 5


def test_the_rows_hold_the_figures_with_numbers_as_numbers(seed_book):
    rows = sheet_rows(seed_book, "indicators")
    gdp = next(r for r in rows if r["id"] == "i34")
    assert (gdp["file"], gdp["region"], gdp["year"]) == (str(SEED), "通辽市", 2026)
    assert (gdp["subject"], gdp["canonical"], gdp["value"], gdp["unit"], gdp["status"]) == \
           ("地区生产总值", "gdp_growth", 4.9, "%", "actual")
    assert (gdp["period_start"], gdp["period_end"], gdp["line"], gdp["column"]) == (2025, 2025, 13, 108)
    assert (gdp["span_start"], gdp["span_end"], gdp["text"]) == (1491, 1495, "4.9%")
    assert gdp["context"].startswith("地区生产总值增长4.9%") and gdp["context_start"] <= 1491 < gdp["context_end"]
    assert isinstance(gdp["value"], float) and isinstance(gdp["year"], int)
    big = next(r for r in rows if r["unit"] == "千瓦" and r["value"] >= 1e6)
    assert isinstance(big["value"], int)  # 1600万千瓦 is 16000000, a number Excel can add up


def test_the_sheets_are_kept_for_reading(seed_book):
    sheet = openpyxl.load_workbook(seed_book)["indicators"]
    header = [c for c in sheet[1]]
    assert [c.value for c in header] == COLUMNS and all(c.font.bold for c in header)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:AB{sheet.max_row}"
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in header}
    assert widths["year"] < widths["subject"] <= widths["context"] == 60  # as wide as the text, within limits


def test_format_xlsx_to_a_pipe_and_a_file_alike(capsysbinary, tmp_path, seed_book):
    code = cli.run(["parse", str(SEED), "--format", "xlsx", "-o", str(tmp_path / "named.data")])
    assert code == 0
    assert sheet_rows(tmp_path / "named.data", "indicators") == sheet_rows(seed_book, "indicators")
    code = cli.run(["parse", str(SEED), "--format", "xlsx"])  # stdout is a pipe here, not a terminal
    piped = capsysbinary.readouterr().out
    assert code == 0 and piped.startswith(b"PK")
    assert sheet_rows(io.BytesIO(piped), "indicators") == sheet_rows(seed_book, "indicators")


def test_binary_output_to_a_terminal_is_refused(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "parse", SEED, "--format", "xlsx")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "binary" in err and "-o FILE.xlsx" in err


def test_without_openpyxl_the_error_names_the_extra(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    for args in (["parse", SEED, "-o", tmp_path / "a.xlsx"], ["batch", SEED, "-o", tmp_path / "b.xlsx"],
                 ["check", SEED, "--format", "xlsx", "-o", tmp_path / "c.x"]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == "", args
        assert err == "tonglaio-parse: error: --format xlsx needs openpyxl: pip install 'tonglaio-parse[xlsx]'\n"
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_text_a_cell_cannot_hold_is_kept_readable(tmp_path):
    from tonglaio_parse import parse_text

    report = parse_text("2026年政府工作报告\n今年地区生产总值增长5%左右。\x0c\n=SUM(A1)增长3%。\n")
    path = tmp_path / "odd.xlsx"
    with open(path, "wb") as out:
        render.writer("xlsx").write([report], out)
    warnings = sheet_rows(path, "warnings")
    assert any(w["code"] == "IN004" and "\\x0c" in (w["text"] + w["context"]) for w in warnings)
    cells = [c for row in openpyxl.load_workbook(path)["indicators"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # a text starting with = is no formula


# --- batch and compare ---------------------------------------------------------------------------

def test_batch_writes_one_workbook_of_every_report(capsys, tmp_path, reports_dir):
    code, _, err = run(capsys, "batch", reports_dir, "-o", tmp_path / "all.xlsx", "-j", "1")
    assert code == 0, err
    rows = sheet_rows(tmp_path / "all.xlsx", "indicators")
    by_file = {(r["file"].rsplit("/", 1)[-1], r["year"], r["status"]): r["value"] for r in rows}
    assert by_file == {("tl-2024.txt", 2024, "actual"): 5.1, ("tl-2024.txt", 2024, "target"): 5,
                       ("tl-2025.txt", 2025, "actual"): 5.3, ("tl-2025.txt", 2025, "target"): 5}


def test_compare_writes_its_rows(capsys, tmp_path, reports_dir):
    code, out, _ = run(capsys, "compare", reports_dir, "--format", "json", "-j", "1")
    expected = json.loads(out)
    code, _, err = run(capsys, "compare", reports_dir, "-o", tmp_path / "c.xlsx", "-j", "1")
    assert code == 0, err
    rows = sheet_rows(tmp_path / "c.xlsx", "compare")
    assert len(rows) == len(expected)
    met = next(r for r in rows if r["canonical"] == "gdp_growth" and r["year"] == 2024)
    assert (met["target_value"], met["target_qualifier"], met["actual_value"], met["gap"], met["met"],
            met["outcome"]) == (5, "approx", 5.3, 0.3, True, "met")
    assert (met["target_interval_low"], met["target_interval_high"]) == (4.5, 5.5)


def test_the_formats_offered_include_xlsx():
    for kind in (render.REPORTS, render.COMPARE, render.FINDINGS):
        assert render.writer("xlsx", kind).binary and render.by_suffix("x.XLSX", kind).name == "xlsx"
    assert not render.writer("csv").binary


# --- CSV for Excel -------------------------------------------------------------------------------

def test_csv_is_plain_utf8_with_lf_by_default(capsys, tmp_path):
    code, _, _ = run(capsys, "parse", SEED, "-o", tmp_path / "out.csv")
    data = (tmp_path / "out.csv").read_bytes()
    assert code == 0 and data.startswith(b"file,region,year,") and b"\r\n" not in data


def test_excel_csv_has_a_bom_and_crlf(capsys, tmp_path):
    run(capsys, "parse", SEED, "-o", tmp_path / "plain.csv")
    code, _, err = run(capsys, "parse", SEED, "--excel", "-o", tmp_path / "excel.csv")
    assert code == 0, err
    data = (tmp_path / "excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,region,year,") and data.count(b"\xef\xbb\xbf") == 1
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and not any(b"\n" in line for line in lines)
    # the same table: Excel's CSV reads back as the plain one
    plain = (tmp_path / "plain.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == list(csv.reader(io.StringIO(plain)))
    assert "地区生产总值".encode("utf-8") in data


def test_excel_csv_streams_from_batch_with_one_bom(capsys, tmp_path, reports_dir):
    code, _, err = run(capsys, "batch", reports_dir, "--excel", "-o", tmp_path / "all.csv", "-j", "2")
    assert code == 0, err
    data = (tmp_path / "all.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,") and data.count(b"\xef\xbb\xbf") == 1
    assert data.count(b"\r\n") == data.count(b"\n") == 5  # the header and four figures


def test_excel_csv_for_compare_on_stdout(capsys, reports_dir):
    code, out, _ = run(capsys, "compare", reports_dir, "--format", "csv", "--excel", "-j", "1")
    assert code == 0 and out.startswith("\ufeffregion,canonical,year,") and out.endswith("\r\n")


@pytest.mark.parametrize("args", [["parse", SEED, "--excel"], ["parse", SEED, "--format", "json", "--excel"],
                                  ["batch", SEED, "--excel", "-o", "x.sqlite"]])
def test_excel_is_for_csv_only(capsys, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and "--excel is for CSV" in err
