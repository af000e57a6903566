"""CSV: one row per indicator. The columns are documented in README (CSV columns)."""
from __future__ import annotations

import csv
import io
from typing import TextIO

COLUMNS = ["file", "region", "year", "id", "section", "subject", "canonical", "value", "value_high",
           "unit", "dimension", "normalized_value", "normalized_unit", "qualifier", "direction",
           "status", "period_start", "period_end", "line", "column", "text"]


def rows(report) -> list[list]:
    out = []
    for i in report.indicators:
        d = i.to_dict()
        p = d["period"] or {}
        out.append([report.source.path or "-", report.document.region or "", report.document.year or "",
                    d["id"], d["section"] or "", d["subject"] or "", d["canonical"] or "", d["value"],
                    "" if d["value_high"] is None else d["value_high"], d["unit"], d["dimension"],
                    d["normalized"]["value"], d["normalized"]["unit"], d["qualifier"] or "",
                    d["direction"] or "", d["status"], p.get("start", ""), p.get("end", ""),
                    d["line"], d["column"], d["text"]])
    return out


def _csv(records: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def head() -> str:
    """The header line."""
    return _csv([COLUMNS])


def lines(report) -> str:
    """One report's rows, without the header."""
    return _csv(rows(report))


def write(reports: list, out: TextIO) -> None:
    out.write(head())
    for r in reports:
        out.write(lines(r))
