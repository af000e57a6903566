"""`numbers`: every numeral span with what it was taken for."""
from __future__ import annotations

import click

from .. import render
from . import io
from .options import format_option, output_option


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@format_option(render.NUMERALS, "table", help="Output format (json: one row per span).")
@output_option()
@click.option("--kind", "kinds", multiple=True, help="Only spans of this kind (quantity, year, name …).")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
def numbers(file, fmt, output, kinds, encoding):
    """List every span of digits or numerals in FILE and what it was taken for.

    Use it to audit that nothing was lost or invented: each numeral is a quantity (with the
    indicator ids it became), a year, a date, a name, an ordinal, a slogan, a word …, with the
    reason.

    \b
    Example:
      tonglaio-parse numbers fixtures/tongliao-2026-p2.txt
      tonglaio-parse numbers report.txt --format json --kind name -o names.json
    """
    from ..audit import numerals
    from ..errors import InputError
    from ..pipeline import Options

    try:
        report = io.parse_input(file, Options(encoding=encoding))
    except InputError as exc:
        raise io.InputFailure(str(exc)) from None
    io.emit(render.writer(fmt, render.NUMERALS), numerals(report, kinds), output)
