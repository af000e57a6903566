"""`rules`: every check the tool can report."""
from __future__ import annotations

import click

from .. import render
from . import io
from .options import format_option, output_option


@click.command()
@format_option(render.RULES, "table")
@output_option()
def rules(fmt, output):
    """List every check the tool can report: code, name, severity, help.

    \b
    Example:
      tonglaio-parse rules --format json
    """
    from ..checks import rule_table

    io.emit(render.writer(fmt, render.RULES), list(rule_table().values()), output)
