"""JSON: one object for one report, an array for several (and for the reports of several
inputs or a folder, `render.Several`, whatever failed); JSON Lines: one report per line."""
from __future__ import annotations

import json
from typing import TextIO


def write(reports: list, out: TextIO) -> None:
    from . import Several

    docs = [r.to_dict() for r in reports]
    one = len(docs) == 1 and not isinstance(reports, Several)
    json.dump(docs[0] if one else docs, out, ensure_ascii=False, indent=2)
    out.write("\n")


def line(report) -> str:
    """One report as one line of JSON Lines (with its newline)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_lines(reports: list, out: TextIO) -> None:
    for r in reports:
        out.write(line(r))
