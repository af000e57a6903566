"""The indicator table (render/table.py Grid) draws what rich.table.Table draws."""
from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tonglaio_parse.pipeline import parse_file
from tonglaio_parse.render.table import COLUMNS, Grid, cells

SEED = "fixtures/tongliao-2026-p2.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rows(extra: list[list[str]] = ()) -> list[list[str]]:
    return [cells(i.to_dict()) for i in parse_file(SEED).indicators] + list(extra)


def _rich_table(title: str, rows: list[list[str]], styles: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for c in COLUMNS:
        table.add_column(c.name, justify=c.justify, overflow="fold" if c.fold_at else "ellipsis",
                         max_width=c.fold_at, no_wrap=not c.fold_at)
    for row, style in zip(rows, styles):
        texts = [Text(x) for x in row]
        for t, s in zip(texts, style):
            if s:
                t.stylize(s)
        table.add_row(*texts)
    return table


def _draw(renderable, color: bool, width: int = 160) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=color, color_system="truecolor" if color else None,
            highlight=False, markup=False, emoji=False, soft_wrap=False).print(renderable)
    return out.getvalue()


# a long subject that folds, a long Latin one, wide and narrow characters mixed
EXTRA = [["1.2", "全市地区生产总值和一般公共预算收入以及规模以上工业增加值", "1,234.5", "亿元", "左右",
          "target", "2026", "12:3"],
         ["", "GDP per capita in constant prices of the base year", "8", "%", "", "actual", "", "9:1"]]


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_grid_draws_what_rich_table_draws(color):
    rows = _rows(EXTRA)
    styles = [["green" if c == "actual" else "" for c in row] for row in rows]
    title = "seed — 通辽市 2026: many indicators"
    mine = _draw(Grid(title, COLUMNS, rows, styles), color)
    theirs = _draw(_rich_table(title, rows, styles), color)
    assert ANSI.sub("", mine) == ANSI.sub("", theirs)
    assert "│ 全市地区生产总值和一般公共预 │" in mine  # folded at 28 cells
    assert "│ 算收入以及规模以上工业增加值 │" in mine
    if color:
        assert "\x1b[32mactual\x1b[0m" in mine and "\x1b[1m" in mine  # status green, header bold


def test_narrow_terminal_folds_the_subject_and_keeps_every_line_within_width():
    rows = _rows(EXTRA)
    drawn = _draw(Grid("t", COLUMNS, rows), color=False, width=90)
    assert max(len(line) for line in drawn.splitlines()) <= 90
    assert "│ constant │" in drawn  # the subject gave up width first (28 → 8)


def test_cli_table_lists_every_indicator_with_its_location():
    from click.testing import CliRunner
    from tonglaio_parse.cli import main

    out = CliRunner().invoke(main, ["parse", SEED]).output
    report = parse_file(SEED)
    for ind in report.indicators:
        assert f"{ind.line}:{ind.column}" in out
    assert f"{len(report.indicators)} indicators" in out
