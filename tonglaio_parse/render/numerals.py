"""Writers for `numbers`: every numeral span (audit.Numerals) as a table, JSON or JSON Lines."""
from __future__ import annotations

import json
from typing import TextIO


def write_json(numerals, out: TextIO) -> None:
    out.write(json.dumps([r.to_dict() for r in numerals.rows], ensure_ascii=False, indent=1) + "\n")


def write_lines(numerals, out: TextIO) -> None:
    for r in numerals.rows:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def write_table(numerals, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, markup=False, highlight=False, emoji=False,
                      width=None if out.isatty() else 160)
    table = Table(show_lines=False)
    for col in ("line", "text", "kind", "indicators", "reason"):
        table.add_column(col, overflow="fold")
    for r in numerals.rows:
        table.add_row(f"{r.line}:{r.column}", Text(r.text), r.kind, ",".join(r.indicators), Text(r.reason))
    console.print(table)
    counts = ", ".join(f"{kind} {n}" for kind, n in numerals.counts.items())
    console.print(Text(f"{counts} — {len(numerals.rows)} spans"))
