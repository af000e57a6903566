"""A rich table of indicators followed by the warnings, linter style (path:line:col)."""
from __future__ import annotations

from typing import TextIO

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _fmt_value(d: dict) -> str:
    v = d["value"]
    s = f"{v:,}" if isinstance(v, int) else f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:g}"
    if d["value_high"] is not None:
        s += f"–{d['value_high']:g}"
    return s


def write(reports: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False,
                      width=None if out.isatty() else 160, soft_wrap=False)
    for r in reports:
        name = r.source.path or "<stdin>"
        doc = r.document
        title = f"{name} — {doc.region or '?'} {doc.year or '?'}: {len(r.indicators)} indicators"
        table = Table(title=title, title_justify="left", show_lines=False)
        for col, kw in (("section", {}), ("subject", {"overflow": "fold", "max_width": 28}),
                        ("value", {"justify": "right"}), ("unit", {}), ("qualifier", {}),
                        ("status", {}), ("period", {}), ("line", {"justify": "right"})):
            table.add_column(col, **kw)
        for ind in r.indicators:
            d = ind.to_dict()
            p = d["period"]
            period = "" if not p else str(p["start"]) if p["start"] == p["end"] else f"{p['start']}–{p['end']}"
            table.add_row(Text(d["section"] or ""), Text(d["subject"] or ""), Text(_fmt_value(d)),
                          Text(d["unit"]), Text(d["qualifier"] or ""),
                          Text(d["status"], style="green" if d["status"] == "actual" else "magenta"),
                          Text(period), Text(f"{d['line']}:{d['column']}"))
        console.print(table)
        for w in r.warnings:
            line = Text(f"{name}:{w.line}:{w.column}: ")
            line.append(f"{w.code} {w.severity}", style=_STYLE.get(w.severity, ""))
            line.append(f" [{w.name}] {w.message}")
            console.print(line)
        console.print(Text(f"{len(r.warnings)} warnings"))
