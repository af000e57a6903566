"""`targets`: one year's targets of every region side by side, with the level above."""
from __future__ import annotations

import click

from .. import render
from . import exitcodes, io
from .compare import _reports, draw_to, needs_matplotlib
from .many import input_options
from .options import format_option, indicator_option, output_option


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option(render.TARGETS, "table")
@output_option(type=click.Path(dir_okay=False, allow_dash=True))
@indicator_option
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="The year of the targets (default: the latest year the reports are delivered in).")
@click.option("--tolerance", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="左右 targets in %: the half-width of their interval, in percentage points.")
@click.option("--rel-tolerance", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="左右 targets in other units: the half-width as a share of the target.")
@click.option("--region", "regions", multiple=True, metavar="NAME",
              help="Only this region (repeatable), as the documents name it: 广东省, 全国.")
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Also draw a range chart, one line per region (.svg, .png, .pdf; needs matplotlib).")
@input_options(region_flag="--as-region", year_flag="--as-year")
@click.pass_context
def targets(ctx, paths, fmt, output, canonicals, year, tolerance, rel_tolerance, regions, plot, **inputs):
    """One year's targets of every region side by side.

    PATHS are report files and folders (parsed here) or databases written by `batch`. For
    each region and indicator: the target of the year with its interval; the region's
    target of the year before and the result it reached, where those reports are given;
    the target of the level above (the national report for provinces, the one province
    for its cities) and the gap to it; `stale` when the target repeats last year's or the
    plan's average.

    \b
    Examples:
      tonglaio-parse targets ../shared/corpus/provinces-2026 --year 2026 -i gdp_growth
      tonglaio-parse targets provinces/ national-2026.txt -i gdp_growth --format csv -o t.csv
      tonglaio-parse targets provinces/ -i gdp_growth --plot gdp-2026.svg
    """
    from .. import targets as engine
    from ..render.targets import plot as draw

    if plot:
        needs_matplotlib()
    reports, failed = _reports(paths, inputs)
    rows = [r for r in engine.rows(reports, year, canonicals or None, tolerance, rel_tolerance)
            if not regions or r.region in regions]
    io.emit(render.writer(fmt, render.TARGETS), rows, output)
    if plot:
        draw_to(draw, rows, plot)
    ctx.exit(exitcodes.FINDINGS if failed else exitcodes.OK)
