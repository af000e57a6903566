"""`check`: the data-quality findings alone, one line each like a linter (or JSON, SARIF, Excel)."""
from __future__ import annotations

import click

from .. import render
from ..model import Severity
from . import exitcodes, io
from .options import (chosen_writer, disabled, fail_on_option, format_option, output_option, selection_options,
                      severity_option)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@format_option(render.FINDINGS, "text",
               help="text: path:line:column: severity CODE [name] message, a line each, then the count "
                    "(33 warnings: 18 warning, 15 info); json: a list of findings with their path; "
                    "sarif: a SARIF 2.1.0 log for editors and CI; xlsx: a sheet (needs -o). "
                    "Default: from -o's suffix (.json, .sarif, .xlsx), else text.")
@output_option()
@fail_on_option(Severity.ERROR.value, what="a finding")
@severity_option
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@selection_options
@click.pass_context
def check(ctx, files, fmt, output, fail_on, severity, encoding, select, ignore):
    """Lint report FILES: page markers, cut paragraphs, repeated words, impossible figures …

    \b
    Examples:
      tonglaio-parse check fixtures/tongliao-2026-p2.txt
      tonglaio-parse check reports/*.txt --select TX --severity warning --fail-on warning
      tonglaio-parse check report.txt --format json --ignore LA001 -o findings.json
      tonglaio-parse check reports/*.txt -o findings.sarif     # for GitHub code scanning, editors
    """
    from ..pipeline import Options

    writer = chosen_writer(render.FINDINGS, fmt, output)
    opts = Options(encoding=encoding, disabled_checks=disabled(select, ignore, severity))
    reports, failed = io.parse_inputs(files, opts)
    io.emit(writer, reports, output)
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))
