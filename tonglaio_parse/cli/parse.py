"""`parse`: report files -> indicators and warnings, in any format of the render registry."""
from __future__ import annotations

import click

from .. import render
from . import exitcodes, io
from .options import disabled, fail_on_option, format_option, output_option, selection_options


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@format_option(render.REPORTS, "table")
@output_option()
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--year", type=int, default=None, help="The year the report is delivered in, if the text does not say.")
@click.option("--region", default=None, help="The region, if the text does not say.")
@click.option("--indicators", "indicators_file", type=click.Path(dir_okay=False), default=None,
              help="TOML file of extra [[canonical]] wordings.")
@fail_on_option(exitcodes.NEVER)
@selection_options
@click.pass_context
def parse(ctx, files, fmt, output, encoding, year, region, indicators_file, fail_on, select, ignore):
    """Parse report FILES (or - for stdin) and print indicators and warnings.

    \b
    Examples:
      tonglaio-parse parse fixtures/tongliao-2026-p2.txt
      tonglaio-parse parse a.txt b.txt --format json -o out.json
      cat report.txt | tonglaio-parse parse - --format csv
    """
    from ..pipeline import Options

    opts = Options(encoding=encoding, year=year, region=region, indicators_file=indicators_file,
                   disabled_checks=disabled(select, ignore))
    reports, failed = io.parse_inputs(files, opts)
    if reports:
        io.emit(render.writer(fmt), reports, output)
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))
