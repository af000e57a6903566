"""Writers for `check`: the warnings of the reports, one line each like a linter, or JSON."""
from __future__ import annotations

import json
from typing import TextIO


def write_text(reports: list, out: TextIO) -> None:
    """path:line:column: CODE name message"""
    for r in reports:
        for w in r.warnings:
            out.write(f"{r.source.path or '-'}:{w.line}:{w.column}: {w.code} {w.name} {w.message}\n")


def write_json(reports: list, out: TextIO) -> None:
    """A list of the warnings, each with the path of its report."""
    rows = [dict(path=r.source.path, **w.to_dict()) for r in reports for w in r.warnings]
    out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
