"""A table of indicators followed by the warnings, linter style (path:line:col).

One row per figure: its section, subject, the figure as written with an arrow for a change
(↑8.1%, ↓超过20%; the normalised value is in JSON/CSV), status, period (2021–25), canonical id
and line:column. The table has no vertical rules, so it fits an 80-column terminal with
every column kept: when it is too wide, the subject and the id fold onto more lines. It takes
the terminal's width, or COLUMNS when piped; piped without COLUMNS it is as wide as its cells.

The table is drawn by `Grid`, a rich renderable that yields the same segments as
`rich.table.Table(box=SIMPLE_HEAD, show_edge=False, padding=0)`: rich's Table lays out every
cell through its generic renderables, about 1 ms a cell, which was a third of `parse` on the
seed. Here every cell is one line of plain text except the folding ones.
tests/test_render_table.py checks that both draw the same table.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Optional, TextIO

from ..model import Direction, Severity, Status
from .findings import counted, line as finding_line, severity_summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATUS_STYLE = {Status.ACTUAL: "green", Status.TARGET: "magenta"}
_ARROW = {Direction.INCREASE: "↑", Direction.DECREASE: "↓"}
_NARROWEST = 8  # a folding column gives up width down to this many cells
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Column:
    name: str
    justify: str = "left"     # left | right
    fold_at: Optional[int] = None  # the column folds its text at this width (others never wrap)
    keeps: int = 0            # when all must fold: cells it keeps over the other folding columns


COLUMNS = (Column("§"), Column("subject", fold_at=28, keeps=2), Column("figure", "right"), Column("status"),
           Column("period"), Column("id", fold_at=26), Column("line", "right"))


def figure(d: dict) -> str:
    """The figure as the text writes it, one line, with an arrow when it is a change."""
    return _ARROW.get(d["direction"], "") + _BLANKS.sub("", d["text"])


def period(p: Optional[dict]) -> str:
    """2025, or 2021–25 for a span of years (1996–2000 in full across a century)."""
    if not p:
        return ""
    start, end = p["start"], p["end"]
    if start == end:
        return str(start)
    return f"{start}–{end % 100:02d}" if start // 100 == end // 100 else f"{start}–{end}"


def cells(d: dict) -> list[str]:
    """One indicator (its to_dict()) as the table's cells, in COLUMNS order."""
    return [d["section"] or "", d["subject"] or "", figure(d), d["status"], period(d["period"]),
            d["canonical"] or "", f"{d['line']}:{d['column']}"]


class Grid:
    """`rows` of plain strings under `columns`, drawn like rich.table.Table(title=…,
    title_justify="left", box=SIMPLE_HEAD, show_edge=False, padding=0); `styles[r][c]` styles
    the text of one cell."""

    def __init__(self, title: str, columns: tuple[Column, ...], rows: list[list[str]],
                 styles: Optional[list[list[str]]] = None) -> None:
        self.title, self.columns, self.rows = title, columns, rows
        self.styles = styles or [[""] * len(columns) for _ in rows]

    def widths(self, max_width: int) -> list[int]:
        """Each column as wide as its widest cell (a folding one at most `fold_at`); too wide
        for `max_width`, the widest folding column (less what it `keeps`) gives up a cell at a
        time."""
        from rich.cells import cell_len
        widths = [max([cell_len(c.name), *(cell_len(row[i]) for row in self.rows)])
                  for i, c in enumerate(self.columns)]
        widths = [min(w, c.fold_at) if c.fold_at else w for w, c in zip(widths, self.columns)]
        folding = [i for i, c in enumerate(self.columns) if c.fold_at]
        excess = sum(widths) + len(widths) - 1 - max_width
        while excess > 0 and folding:
            widest = max(folding, key=lambda i: widths[i] - self.columns[i].keeps)
            if widths[widest] <= _NARROWEST:
                break
            widths[widest] -= 1
            excess -= 1
        return widths

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.text import Text

        widths = self.widths(options.max_width)
        table_width = sum(widths) + len(widths) - 1
        yield from console.render(Text(self.title, style="table.title"),
                                  options.update(width=table_width, justify="left", height=None))
        border = console.get_style("table.border", default="none")
        header = console.get_style("table.header")
        new_line = Segment.line()
        yield from self._line([(c.name, header, header) for c in self.columns], widths, header)
        yield new_line
        yield Segment("─" * table_width, border)
        yield new_line
        for r, row in enumerate(self.rows):
            lines = [self._fold(console, text, width) for text, width in zip(row, widths)]
            for k in range(max(map(len, lines))):
                yield from self._line([
                    (cell[k] if k < len(cell) else "", console.get_style(style) if style else None, None)
                    for cell, style in zip(lines, self.styles[r])], widths)
                yield new_line

    def _line(self, cells, widths, divider_style=None):
        from rich.cells import cell_len, set_cell_size
        from rich.segment import Segment

        for i, ((text, text_style, pad_style), width, column) in enumerate(zip(cells, widths, self.columns)):
            if i:
                yield Segment(" ", divider_style)
            text = set_cell_size(text, width) if cell_len(text) > width else text
            fill = " " * (width - cell_len(text))
            if column.justify == "right":
                yield Segment(fill, pad_style)
                yield Segment(text, text_style)
            else:
                yield Segment(text, text_style)
                yield Segment(fill, pad_style)

    @staticmethod
    def _fold(console, text: str, width: int) -> list[str]:
        from rich.cells import cell_len
        from rich.text import Text

        if cell_len(text) <= width:
            return [text]
        if "_" in text and " " not in text:  # an id folds after its underscores: urban_income_ / growth
            text = text.replace("_", "_ ")
            return [line.plain.replace("_ ", "_").rstrip() for line in
                    Text(text).wrap(console, width + 1, overflow="fold")]
        return [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]


def console_width(out: TextIO) -> Optional[int]:
    """The terminal's width; COLUMNS when piped; None (as wide as the table) otherwise."""
    if out.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def write(reports: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    width = console_width(out)
    console = Console(file=out, highlight=False, markup=False, emoji=False, soft_wrap=False,
                      width=width or (None if out.isatty() else 10_000))
    status = [c.name for c in COLUMNS].index("status")
    for r in reports:
        name = r.source.path or "<stdin>"
        doc = r.document
        title = f"{name} — {doc.region or '?'} {doc.year or '?'}: {counted(len(r.indicators), 'indicator')}"
        rows = [cells(ind.to_dict()) for ind in r.indicators]
        styles = [[_STATUS_STYLE.get(row[status], "") if i == status else "" for i in range(len(row))]
                  for row in rows]
        console.print(Grid(title, COLUMNS, rows, styles))
        for w in r.warnings:
            line = Text(finding_line(name, w))
            at = len(f"{name}:{w.line}:{w.column}: ")
            line.stylize(_STYLE.get(w.severity, ""), at, at + len(f"{w.severity} {w.code}"))
            console.print(line, soft_wrap=True)  # one line each, as a linter's: the terminal wraps it
        console.print(Text(f"{counted(len(r.indicators), 'indicator')}, {severity_summary(r.warnings)}"))
