"""A rich table of indicators followed by the warnings, linter style (path:line:col).

The table is drawn by `Grid`, a rich renderable that yields the same segments as
`rich.table.Table` with the default box (HEAVY_HEAD), cell padding and styles: rich's Table
lays out every cell through its generic renderables, about 1 ms a cell, which was a third of
`parse` on the seed. Here every cell is one line of plain text except the subject, which folds.
tests/test_render_table.py checks that both draw the same table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, TextIO

from ..model import Severity, Status

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATUS_STYLE = {Status.ACTUAL: "green", Status.TARGET: "magenta"}


@dataclass(frozen=True)
class Column:
    name: str
    justify: str = "left"     # left | right
    fold_at: Optional[int] = None  # the column folds its text at this width (others never wrap)


COLUMNS = (Column("section"), Column("subject", fold_at=28), Column("value", "right"),
           Column("unit"), Column("qualifier"), Column("status"), Column("period"),
           Column("line", "right"))


def _fmt_value(d: dict) -> str:
    v = d["value"]
    s = f"{v:,}" if isinstance(v, int) else f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:g}"
    if d["value_high"] is not None:
        s += f"–{d['value_high']:g}"
    return s


def cells(d: dict) -> list[str]:
    """One indicator (its to_dict()) as the table's cells, in COLUMNS order."""
    p = d["period"]
    period = "" if not p else str(p["start"]) if p["start"] == p["end"] else f"{p['start']}–{p['end']}"
    return [d["section"] or "", d["subject"] or "", _fmt_value(d), d["unit"], d["qualifier"] or "",
            d["status"], period, f"{d['line']}:{d['column']}"]


class Grid:
    """`rows` of plain strings under `columns`, drawn like rich.table.Table(title=…,
    title_justify="left"); `styles[r][c]` styles the text of one cell."""

    def __init__(self, title: str, columns: tuple[Column, ...], rows: list[list[str]],
                 styles: Optional[list[list[str]]] = None) -> None:
        self.title, self.columns, self.rows = title, columns, rows
        self.styles = styles or [[""] * len(columns) for _ in rows]

    def widths(self, max_width: int) -> list[int]:
        from rich.cells import cell_len
        widths = [max([cell_len(c.name), *(cell_len(row[i]) for row in self.rows)])
                  for i, c in enumerate(self.columns)]
        widths = [min(w, c.fold_at) if c.fold_at else w for w, c in zip(widths, self.columns)]
        excess = sum(widths) + 3 * len(widths) + 1 - max_width
        for i, c in enumerate(self.columns):  # too wide for the terminal: fold more
            if excess > 0 and c.fold_at:
                cut = min(excess, widths[i] - 8)
                if cut > 0:
                    widths[i] -= cut
                    excess -= cut
        return widths

    def __rich_console__(self, console, options):
        from rich import box
        from rich.segment import Segment
        from rich.text import Text

        widths = self.widths(options.max_width)
        table_width = sum(widths) + 3 * len(widths) + 1
        yield from console.render(Text(self.title, style="table.title"),
                                  options.update(width=table_width, justify="left", height=None))
        frame = box.HEAVY_HEAD.substitute(options, safe=console.safe_box)
        border = console.get_style("table.border", default="none")
        header = console.get_style("table.header")
        new_line = Segment.line()
        yield Segment(frame.get_top([w + 2 for w in widths]), border)
        yield new_line
        yield from self._line(frame.head_left, frame.head_vertical, frame.head_right, border,
                              [(c.name, header, header) for c in self.columns], widths)
        yield new_line
        yield Segment(frame.get_row([w + 2 for w in widths], "head"), border)
        yield new_line
        last = len(self.rows) - 1
        for r, row in enumerate(self.rows):
            edge = (frame.foot_left, frame.foot_vertical, frame.foot_right) if r == last else \
                   (frame.mid_left, frame.mid_vertical, frame.mid_right)
            lines = [self._fold(console, text, width) for text, width in zip(row, widths)]
            for k in range(max(map(len, lines))):
                yield from self._line(*edge, border, [
                    (cell[k] if k < len(cell) else "", console.get_style(style) if style else None, None)
                    for cell, style in zip(lines, self.styles[r])], widths)
                yield new_line
        yield Segment(frame.get_bottom([w + 2 for w in widths]), border)
        yield new_line

    def _line(self, left, divider, right, border, cells, widths):
        from rich.cells import cell_len, set_cell_size
        from rich.segment import Segment

        yield Segment(left, border)
        for i, ((text, text_style, pad_style), width, column) in enumerate(zip(cells, widths, self.columns)):
            if i:
                yield Segment(divider, border)
            text = set_cell_size(text, width) if cell_len(text) > width else text
            fill = " " * (width - cell_len(text))
            if column.justify == "right":
                yield Segment(" " + fill, pad_style)
                yield Segment(text, text_style)
                yield Segment(" ", pad_style)
            else:
                yield Segment(" ", pad_style)
                yield Segment(text, text_style)
                yield Segment(fill + " ", pad_style)
        yield Segment(right, border)

    @staticmethod
    def _fold(console, text: str, width: int) -> list[str]:
        from rich.cells import cell_len
        from rich.text import Text

        if cell_len(text) <= width:
            return [text]
        return [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]


def write(reports: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False,
                      width=None if out.isatty() else 160, soft_wrap=False)
    status = [c.name for c in COLUMNS].index("status")
    for r in reports:
        name = r.source.path or "<stdin>"
        doc = r.document
        title = f"{name} — {doc.region or '?'} {doc.year or '?'}: {len(r.indicators)} indicators"
        rows = [cells(ind.to_dict()) for ind in r.indicators]
        styles = [[_STATUS_STYLE.get(row[status], "") if i == status else "" for i in range(len(row))]
                  for row in rows]
        console.print(Grid(title, COLUMNS, rows, styles))
        for w in r.warnings:
            line = Text(f"{name}:{w.line}:{w.column}: ")
            line.append(f"{w.code} {w.severity}", style=_STYLE.get(w.severity, ""))
            line.append(f" [{w.name}] {w.message}")
            console.print(line)
        console.print(Text(f"{len(r.warnings)} warnings"))
