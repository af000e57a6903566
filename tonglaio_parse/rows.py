"""Reports as flat rows: one plain dict per indicator (or warning, or section), for CSV, Excel and
pandas. The one home of the flattening, so every tabular output has the same columns.

    import tonglaio_parse as tp
    tp.to_rows(report)[0]["normalized_value"]
    tp.to_dataframe(["reports/"], kind="warnings")       # needs pandas (the `pandas` extra)

A row is its record's `to_dict()` flattened (so a field added to the JSON reaches every table):
a nested object's keys are prefixed with its name (`normalized.value` -> `normalized_value`,
`period.start` -> `period_start`), a `span` becomes `<name>_start`, `<name>_end` (`span_start`,
`context_start`), and a located text is named after its object (`context.text` -> `context`).
Each row starts with the report's `file`, `region` and `year`, so rows of many reports stay apart.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Iterable, Optional

from .model import Report

KINDS = ("indicators", "warnings", "sections")
DOCUMENT = ["file", "region", "year"]

# the columns in their order (the first ones are CSV's since its first version); a field the
# records gain later comes after them, and tests/test_rows.py asks for it to be listed here
COLUMNS = {
    "indicators": [*DOCUMENT, "id", "section", "subject", "canonical", "value", "value_high", "unit", "dimension",
                   "normalized_value", "normalized_unit", "qualifier", "direction", "status", "period_start",
                   "period_end", "line", "column", "text", "span_start", "span_end", "context", "context_start",
                   "context_end", "subject_simplified", "page"],
    "warnings": [*DOCUMENT, "code", "name", "severity", "message", "line", "column", "text", "span_start",
                 "span_end", "context", "context_start", "context_end", "page"],
    "sections": [*DOCUMENT, "id", "label", "title", "level", "line", "span_start", "span_end", "inferred"],
    # compare's rows (Row.to_dict(), flattened): what `compare --format xlsx` writes
    "compare": ["region", "canonical", "year", "target_value", "target_value_high", "target_qualifier",
                "target_unit", "target_source", "target_interval_low", "target_interval_high", "target_stated",
                "target_text", "actual_value", "actual_unit", "actual_source", "gap", "met", "outcome", "stale"],
}
_DEFAULTS = {"sections": {"inferred": False}}  # to_dict leaves out a section's inferred when false


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One level of keys for a nested to_dict() (see the module's docstring)."""
    out: dict[str, Any] = {}
    located = "span" in record and "text" in record
    for key, value in record.items():
        if key == "span" and isinstance(value, (list, tuple)) and len(value) == 2:
            base = prefix or "span"
            out[f"{base}_start"], out[f"{base}_end"] = value
        elif key == "text" and prefix and located:
            out[prefix] = value
        elif isinstance(value, dict):
            out.update(flatten(value, f"{prefix}_{key}" if prefix else key))
        else:
            out[f"{prefix}_{key}" if prefix else key] = value.value if isinstance(value, Enum) else value
    return out


def columns(kind: str, rows: Iterable[dict] = ()) -> list[str]:
    """The columns of `kind`, in order, and after them any other key of `rows`."""
    known = list(COLUMNS[kind])
    seen = set(known)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                known.append(key)
    return known


def report_rows(report: Report, kind: str = "indicators") -> list[dict[str, Any]]:
    """The rows of one report: each record of `kind` flattened, after the report's file, region, year."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    doc = {"file": report.source.path, "region": report.document.region, "year": report.document.year}
    return [{**doc, **flat(record, kind)} for record in getattr(report, kind)]


def flat(record, kind: str) -> dict[str, Any]:
    """One record (anything with a to_dict()) as a row of `kind`. An object that is null (an
    indicator without a period, a compare row without a result) leaves its columns empty."""
    known = COLUMNS[kind]
    row = {**_DEFAULTS.get(kind, {}), **flatten(record.to_dict())}
    return {key: value for key, value in row.items()
            if not (value is None and key not in known and any(name.startswith(key + "_") for name in known))}


def records(items: Iterable[Any], kind: str) -> list[dict[str, Any]]:
    """Objects with a to_dict() (compare's rows) as rows, each with every column of `kind`."""
    rows = [flat(item, kind) for item in items]
    return aligned(rows, columns(kind, rows))


def aligned(rows: list[dict[str, Any]], names: list[str]) -> list[dict[str, Any]]:
    """Every row with the keys `names`, in that order (None where a row has no value)."""
    return [{name: row.get(name) for name in names} for row in rows]


def to_rows(reports, kind: str = "indicators", options=None) -> list[dict[str, Any]]:
    """Plain dicts, one per indicator (kind="warnings": per warning; "sections": per section) of
    `reports`: a Report, or Reports, report files and folders (their *.txt, parsed with
    `options`). Every row has the same keys, `columns(kind)` first; None where there is no value."""
    rows = [row for report in _reports(reports, options) for row in report_rows(report, kind)]
    return aligned(rows, columns(kind, rows))


def to_dataframe(reports, kind: str = "indicators", options=None):
    """`to_rows` as a pandas DataFrame (pandas is the optional extra `pandas`)."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'tonglaio-parse[pandas]'",
                          name="pandas") from exc
    rows = to_rows(reports, kind, options)
    return pandas.DataFrame(rows, columns=columns(kind, rows))


def _reports(reports, options: Optional[Any]) -> list[Report]:
    from os import PathLike

    from .compare import as_reports

    if isinstance(reports, (Report, str, PathLike)):
        reports = [reports]
    return as_reports(reports, options)
