"""Writers for `rules`: every check with its code, name, severity and help."""
from __future__ import annotations

import json
from typing import TextIO


def write_table(rules: list, out: TextIO) -> None:
    for r in rules:
        out.write(f"{r.code}  {r.name:<24} {r.severity:<8} {r.help}\n")


def write_json(rules: list, out: TextIO) -> None:
    rows = [{"code": r.code, "name": r.name, "severity": r.severity, "help": r.help} for r in rules]
    out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
