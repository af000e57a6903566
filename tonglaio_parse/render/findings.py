"""Writers for `check`: the warnings of the reports, one line each like a linter, or JSON
(SARIF is `render/sarif.py`, Excel `render/xlsx.py`)."""
from __future__ import annotations

import json
from typing import TextIO

from ..model import Severity


def line(path: str, w) -> str:
    """path:line:column: severity CODE [name] message — the line `parse`'s table shows too."""
    return f"{path}:{w.line}:{w.column}: {w.severity} {w.code} [{w.name}] {w.message}"


def severity_summary(warnings: list) -> str:
    """33 warnings: 2 error, 20 warning, 11 info (the counts of the severities present)."""
    counts = {s: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for w in warnings:
        counts[w.severity] = counts.get(w.severity, 0) + 1
    split = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    return counted(len(warnings), "warning") + (f": {split}" if split else "")


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def write_text(reports: list, out: TextIO) -> None:
    """A line per finding, then what they add up to: 33 warnings: 18 warning, 15 info (nothing
    when no report was read: the error said why)."""
    if not reports:
        return
    for r in reports:
        for w in r.warnings:
            out.write(line(r.source.path or "<stdin>", w) + "\n")
    out.write(severity_summary([w for r in reports for w in r.warnings]) + "\n")


def write_json(reports: list, out: TextIO) -> None:
    """A list of the warnings, each with the path of its report."""
    rows = [dict(path=r.source.path, **w.to_dict()) for r in reports for w in r.warnings]
    out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
