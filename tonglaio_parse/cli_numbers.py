"""`numbers` command: every numeral span with what it was taken for (click only)."""
from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
def numbers(file):
    """List every span of digits or numerals and what it was taken for (not yet implemented).

    \b
    Example:
      tonglaio-parse numbers fixtures/tongliao-2026-p2.txt --format json
    """
    raise click.UsageError("numbers is not implemented yet")
