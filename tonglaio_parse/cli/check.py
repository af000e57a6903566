"""`check`: the data-quality findings alone, one line each like a linter."""
from __future__ import annotations

import click

from .. import render
from ..model import Severity
from . import exitcodes, io
from .options import disabled, fail_on_option, format_option, output_option, selection_options


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@format_option(render.FINDINGS, "text",
               help="text: path:line:column: CODE name message; json: a list of findings with their path.")
@output_option()
@fail_on_option(Severity.ERROR.value, what="a finding")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@selection_options
@click.pass_context
def check(ctx, files, fmt, output, fail_on, encoding, select, ignore):
    """Lint report FILES: page markers, cut paragraphs, repeated words, impossible figures …

    \b
    Examples:
      tonglaio-parse check fixtures/tongliao-2026-p2.txt
      tonglaio-parse check reports/*.txt --select TX --fail-on warning
      tonglaio-parse check report.txt --format json --ignore LA001 -o findings.json
    """
    from ..pipeline import Options

    reports, failed = io.parse_inputs(files, Options(encoding=encoding, disabled_checks=disabled(select, ignore)))
    io.emit(render.writer(fmt, render.FINDINGS), reports, output)
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))
