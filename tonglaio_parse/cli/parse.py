"""`parse`: report files -> indicators and warnings, in any format of the render registry."""
from __future__ import annotations

import click

from .. import render
from . import exitcodes, io
from .options import (chosen_writer, disabled, excel_option, fail_on_option, format_option, indicator_option,
                      output_option, selection_options)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@format_option(render.REPORTS, "table")
@output_option()
@excel_option
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--year", type=int, default=None, help="The year the report is delivered in, if the text does not say.")
@click.option("--region", default=None, help="The region, if the text does not say.")
@click.option("--indicators", "indicators_file", type=click.Path(dir_okay=False), default=None,
              help="TOML file of extra [[canonical]] wordings.")
@click.option("--status", type=click.Choice(["target", "actual"]), default=None,
              help="Only the targets, or only the results.")
@indicator_option
@click.option("--period", "period_year", type=click.IntRange(1949, 2100), default=None, metavar="YEAR",
              help="Only the figures whose period holds this year (2025 takes 2025 and 2021–2025).")
@click.option("--save-text", "save_text", type=click.Path(allow_dash=False), default=None, metavar="FILE",
              help="Write the report's text (a PDF's, web page's or Word file's extracted text, which every span "
                   "refers to) to FILE, UTF-8; with several inputs FILE is a folder of NAME.txt.")
@fail_on_option(exitcodes.NEVER)
@selection_options
@click.pass_context
def parse(ctx, files, fmt, output, excel, encoding, year, region, indicators_file, status, canonicals, period_year,
          save_text, fail_on, select, ignore):
    """Parse report FILES (or - for stdin) and print indicators and warnings.

    \b
    Examples:
      tonglaio-parse parse fixtures/tongliao-2026-p2.txt
      tonglaio-parse parse a.txt b.txt --format json -o out.json
      tonglaio-parse parse report.pdf --format json --save-text report.pdf.txt
      cat report.txt | tonglaio-parse parse - --format csv --year 2026
      tonglaio-parse parse report.txt --status target --canonical gdp_growth --period 2026
    """
    from ..pipeline import Options

    writer = chosen_writer(render.REPORTS, fmt, output, excel)  # -o out.xlsx: xlsx
    opts = Options(encoding=encoding, year=year, region=region, indicators_file=indicators_file,
                   disabled_checks=disabled(select, ignore))
    reports, failed = io.parse_inputs(files, opts)
    if save_text:
        io.save_texts(reports, save_text, folder=len(files) > 1)
    if status or canonicals or period_year:
        reports = [r.only(status, canonicals, period_year) for r in reports]
    if len(files) > 1:
        io.emit(writer, render.Several(reports), output)  # an array, whatever failed
    elif reports:
        io.emit(writer, reports, output)
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))
