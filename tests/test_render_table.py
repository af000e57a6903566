"""The indicator table (render/table.py Grid) draws what rich.table.Table draws."""
from __future__ import annotations

import io
import re

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tonglaio_parse.pipeline import parse_file
from tonglaio_parse.render.table import COLUMNS, Grid, cells

SEED = "fixtures/tongliao-2026-p2.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rows(extra: list[list[str]] = ()) -> list[list[str]]:
    return [cells(i.to_dict()) for i in parse_file(SEED).indicators] + list(extra)


def _short_ids(rows: list[list[str]]) -> list[list[str]]:
    """Ids that fit their column: an id folds after its underscores, which rich does not do."""
    k = [c.name for c in COLUMNS].index("id")
    return [row[:k] + [row[k][:ID_WIDTH]] + row[k + 1:] for row in rows]


ID_WIDTH = next(c.fold_at for c in COLUMNS if c.name == "id")


def _rich_table(title: str, rows: list[list[str]], styles: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, padding=0)
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
EXTRA = [["1.2", "全市地区生产总值和一般公共预算收入以及规模以上工业增加值", "1234.5亿元左右", "target", "2026",
          "gdp", "12:3"],
         ["", "GDP per capita in constant prices of the base year", "↑8%", "actual", "", "", "9:1"]]


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
def test_grid_draws_what_rich_table_draws(color):
    rows = _short_ids(_rows(EXTRA))
    styles = [["green" if c == "actual" else "" for c in row] for row in rows]
    title = "seed — 通辽市 2026: many indicators"
    mine = _draw(Grid(title, COLUMNS, rows, styles), color)
    theirs = _draw(_rich_table(title, rows, styles), color)
    assert ANSI.sub("", mine) == ANSI.sub("", theirs)
    assert "1.2 全市地区生产总值和一般公共预 1234.5亿元左右" in mine  # folded at 28 cells
    assert "    算收入以及规模以上工业增加值" in mine
    if color:
        assert "\x1b[32mactual\x1b[0m" in mine and "\x1b[1m" in mine  # status green, header bold


@pytest.mark.parametrize("width", [80, 90, 120])
def test_narrow_terminal_folds_the_subject_and_keeps_every_line_within_width(width):
    rows = _rows(EXTRA)
    drawn = _draw(Grid("t", COLUMNS, rows), color=False, width=width)
    assert max(len(line) for line in drawn.splitlines()) <= width
    header = drawn.splitlines()[1].split()
    assert header == [c.name for c in COLUMNS]  # every column kept


def test_at_80_columns_the_id_gives_up_width_before_the_subject():
    widths = dict(zip((c.name for c in COLUMNS), Grid("t", COLUMNS, _rows()).widths(80)))
    assert widths["subject"] >= widths["id"] >= 12


def test_an_id_folds_after_its_underscores():
    from rich.console import Console

    fold = Grid._fold(Console(width=80), "fixed_asset_investment_growth", 15)
    assert fold == ["fixed_asset_", "investment_", "growth"]
    assert Grid._fold(Console(width=80), "gdp_growth", 15) == ["gdp_growth"]


@pytest.mark.parametrize("d, expected", [
    ({"direction": "decrease", "text": "16%"}, "↓16%"),
    ({"direction": "decrease", "text": "超过20%"}, "↓超过20%"),
    ({"direction": "increase", "text": "8.1%"}, "↑8.1%"),
    ({"direction": "level", "text": "1900亿元"}, "1900亿元"),
    ({"direction": None, "text": "1600万\n千瓦"}, "1600万千瓦"),  # a figure the line wrapped
])
def test_the_figure_is_shown_as_written_with_an_arrow_for_a_change(d, expected):
    from tonglaio_parse.render.table import figure

    assert figure(d) == expected


@pytest.mark.parametrize("p, expected", [
    (None, ""), ({"start": 2025, "end": 2025}, "2025"), ({"start": 2021, "end": 2025}, "2021–25"),
    ({"start": 1996, "end": 2000}, "1996–2000"), ({"start": 2026, "end": 2030}, "2026–30"),
])
def test_periods_are_short(p, expected):
    from tonglaio_parse.render.table import period

    assert period(p) == expected


def test_cli_table_lists_every_indicator_with_its_location():
    from click.testing import CliRunner
    from tonglaio_parse.cli import main

    out = CliRunner().invoke(main, ["parse", SEED]).output
    report = parse_file(SEED)
    for ind in report.indicators:
        assert f"{ind.line}:{ind.column}" in out
    assert f"{len(report.indicators)} indicators" in out
