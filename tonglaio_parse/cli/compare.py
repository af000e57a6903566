"""`compare`: each year's targets against the results reported a year later."""
from __future__ import annotations

import click

from .. import render
from . import exitcodes, io
from .io import InputFailure
from .many import input_options, parse_all
from .options import chosen_writer, excel_option, format_option, indicator_option, keep_rows, output_option, row_filters


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option(render.COMPARE, "table")
@output_option(type=click.Path(dir_okay=False, allow_dash=True))
@excel_option
@indicator_option
@click.option("--tolerance", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="左右 targets in %: how many percentage points off still count as met.")
@click.option("--rel-tolerance", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="左右 targets in other units: the share of the target off that still counts as met.")
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Also draw target and result per indicator over the years (.svg, .png; needs matplotlib).")
@row_filters
@input_options(region_flag="--as-region", year_flag="--as-year")
@click.pass_context
def compare(ctx, paths, fmt, output, excel, canonicals, tolerance, rel_tolerance, plot, from_year, to_year, regions,
            **inputs):
    """Set each year's targets against the results reported a year later.

    PATHS are report files and folders (parsed here) or databases written by `batch`.
    Year Y's target comes from the report delivered in Y, its result from the one
    delivered in Y+1. The outcome is exceeded, met or missed: a floor (growth, jobs) is
    exceeded above its tolerance band, a ceiling (CPI, unemployment) met anywhere under it;
    以上 / 超过 make a floor, 以内 / 低于 a ceiling; unknown when a side is missing.

    \b
    Examples:
      tonglaio-parse compare national.sqlite -i gdp_growth -i cpi
      tonglaio-parse compare reports/ --format json -o compare.json
      tonglaio-parse compare national.sqlite --format csv --plot gdp.svg -i gdp_growth
    """
    from .. import compare as cmp
    from ..render.compare import plot as draw

    writer = chosen_writer(render.COMPARE, fmt, output, excel)  # -o out.xlsx: xlsx
    if plot:
        needs_matplotlib()  # before anything is printed
    reports, failed = _reports(paths, inputs)
    rows = keep_rows(cmp.rows(reports, tolerance, rel_tolerance, canonicals or None), from_year, to_year, regions)
    io.emit(writer, rows, output)
    if plot:
        draw_to(draw, rows, plot)
    ctx.exit(exitcodes.FINDINGS if failed else exitcodes.OK)


def _reports(paths, inputs) -> tuple[list, bool]:
    """The reports of the databases among PATHS, then those parsed from the other files and
    folders; and whether any of those failed."""
    from .. import batch as engine
    from ..store import DatabaseError, is_database, read_reports

    reports = []
    databases = [p for p in paths if is_database(p)]
    for db in databases:
        try:
            reports.extend(read_reports(db))
        except DatabaseError as exc:
            raise InputFailure(str(exc)) from None
    others = [p for p in paths if p not in databases]
    if not others:
        return reports, False
    sink = engine.CollectSink(text=False)
    failed = parse_all(others, inputs, sink).failed > 0
    return reports + sink.reports, failed


def needs_matplotlib() -> None:
    """--plot without matplotlib: a usage error before anything is printed."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise InputFailure("--plot needs matplotlib: pip install 'tonglaio-parse[plot]'")


def draw_to(draw, rows, path: str) -> None:
    try:
        draw(rows, path)
    except ImportError:
        raise InputFailure("--plot needs matplotlib: pip install 'tonglaio-parse[plot]'") from None
    except (OSError, ValueError) as exc:
        raise InputFailure(f"{path}: cannot draw ({exc})") from None
