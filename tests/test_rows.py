"""tonglaio_parse.to_rows / to_dataframe: flat rows, one per indicator (warning, section)."""
from __future__ import annotations

import subprocess
import sys

import pytest

import tonglaio_parse as tp
from conftest import ROOT, SEED
from tonglaio_parse import rows as flat
from tonglaio_parse.model import Document, Indicator, Measure, Report, Source


def test_one_row_per_indicator_with_the_report_on_each(seed_report):
    rows = tp.to_rows(seed_report)
    assert len(rows) == len(seed_report.indicators) > 100
    assert all(list(r) == flat.COLUMNS["indicators"] for r in rows)
    gdp = next(r for r in rows if r["id"] == "i34")
    assert gdp == {**gdp, "file": str(SEED), "region": "通辽市", "year": 2026, "section": "1.3",
                   "subject": "地区生产总值", "canonical": "gdp_growth", "value": 4.9, "value_high": None,
                   "unit": "%", "dimension": "percent", "normalized_value": 4.9, "normalized_unit": "percent",
                   "qualifier": None, "direction": "increase", "status": "actual", "period_start": 2025,
                   "period_end": 2025, "line": 13, "column": 108, "text": "4.9%", "span_start": 1491,
                   "span_end": 1495, "page": None}
    a, b = gdp["context_start"], gdp["context_end"]
    assert gdp["context"] == seed_report.text[a:b] and a <= 1491 < 1495 <= b
    assert type(gdp["status"]) is str and type(gdp["dimension"]) is str  # plain values, not enums


def test_every_field_of_the_json_has_its_column(seed_report):
    """A field the records gain reaches CSV and Excel only when COLUMNS lists it (CSV's header is
    written before any report): this fails until it does."""
    for kind in flat.KINDS:
        for record in getattr(seed_report, kind):
            assert set(flat.flatten(record.to_dict())) <= set(flat.COLUMNS[kind]) | {"period"}, kind


def test_warnings_and_sections_as_rows(seed_report):
    warnings = tp.to_rows(seed_report, kind="warnings")
    assert [(w["code"], w["line"], w["column"], w["span_start"]) for w in warnings] == \
           [(w.code, w.line, w.column, w.span[0]) for w in seed_report.warnings]
    assert warnings[0]["severity"] == seed_report.warnings[0].severity.value
    sections = tp.to_rows(seed_report, kind="sections")
    assert [s["id"] for s in sections] == [s.id for s in seed_report.sections]
    assert {s["inferred"] for s in sections} == {True, False}  # to_dict leaves out inferred=False
    with pytest.raises(ValueError, match="kind must be one of indicators, warnings, sections"):
        tp.to_rows(seed_report, kind="figures")


def test_a_figure_without_a_period_has_empty_period_columns():
    ind = Indicator("i1", "地区生产总值", "gdp_growth", Measure(5, None, "%", "percent", 5, "percent", None),
                    "increase", "target", None, None, 1, 1, (0, 2), "5%")
    report = Report(Source(None, "0" * 64, "utf-8", 2, 1), Document(None, None, None, "simplified"), [], [ind], [])
    (row,) = tp.to_rows(report)
    assert list(row) == flat.COLUMNS["indicators"]
    assert (row["period_start"], row["period_end"], row["file"], row["year"]) == (None, None, None, None)


def test_files_and_folders_are_parsed(tmp_path, seed_report):
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes())
    assert len(tp.to_rows(str(SEED))) == len(seed_report.indicators)
    rows = tp.to_rows([tmp_path])
    assert len(rows) == 2 * len(seed_report.indicators)
    assert {r["file"].rsplit("/", 1)[-1] for r in rows} == {"a.txt", "b.txt"}


def test_to_dataframe_has_a_row_per_indicator(seed_report):
    pd = pytest.importorskip("pandas")
    df = tp.to_dataframe(seed_report)
    assert isinstance(df, pd.DataFrame) and len(df) == len(seed_report.indicators)
    assert list(df.columns) == flat.COLUMNS["indicators"]
    gdp = df.set_index("id").loc["i34"]
    assert (gdp["subject"], gdp["value"], gdp["period_start"], gdp["region"]) == ("地区生产总值", 4.9, 2025, "通辽市")
    assert pd.api.types.is_float_dtype(df["value"]) and pd.api.types.is_integer_dtype(df["line"])
    targets = df[(df.status == "target") & (df.canonical == "gdp_growth")]
    assert set(targets["value"]) == {5.5}  # 地区生产总值增长5.5%左右, stated twice
    assert len(tp.to_dataframe(seed_report, kind="warnings")) == len(seed_report.warnings)


def test_an_empty_frame_still_has_its_columns():
    pytest.importorskip("pandas")
    df = tp.to_dataframe([], kind="sections")
    assert len(df) == 0 and list(df.columns) == flat.COLUMNS["sections"]


def test_to_dataframe_without_pandas_names_the_extra(monkeypatch, seed_report):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'tonglaio-parse\[pandas\]'"):
        tp.to_dataframe(seed_report)


def test_the_public_api_lists_them_and_imports_nothing_heavy():
    assert {"to_rows", "to_dataframe"} <= set(tp.__all__) and {"to_rows", "to_dataframe"} <= set(dir(tp))
    assert set(tp.__all__) == set(dir(tp))
    code = ("import sys, tonglaio_parse as tp; tp.to_rows; "
            "print(sorted(m for m in ('pandas', 'openpyxl', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
