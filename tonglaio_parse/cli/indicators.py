"""`indicators`: every canonical id the package knows, with its name, kind and wordings."""
from __future__ import annotations

import click

from .. import render
from . import io
from .options import format_option, output_option


@click.command()
@click.argument("ids", nargs=-1)
@format_option(render.IDS, "table")
@output_option()
def indicators(ids, fmt, output):
    """Every canonical id: its Chinese name, kind (growth, level, decrease, ratio, cumulative),
    whether compare judges its targets as a floor or a ceiling, and the wordings that map to it.

    IDS (optional): only these ids.

    \b
    Examples:
      tonglaio-parse indicators
      tonglaio-parse indicators gdp_growth cpi --format json
    """
    from ..compare import catalogue, unknown_ids

    bad = unknown_ids(ids)
    if bad:
        name, close = bad[0]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.UsageError(f"unknown indicator id {name!r}{hint}")
    rows = [i for i in catalogue() if not ids or i.id in ids]
    io.emit(render.writer(fmt, render.IDS), rows, output)
