"""`batch` and `compare` commands (click only; the work is in batch.py / compare.py)."""
from __future__ import annotations

import click


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def batch(paths):
    """Parse many reports into one output (not yet implemented).

    \b
    Example:
      tonglaio-parse batch ../shared/corpus/national -o national.sqlite
    """
    raise click.UsageError("batch is not implemented yet")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def compare(paths):
    """Set each year's targets against the results reported a year later (not yet implemented).

    \b
    Example:
      tonglaio-parse compare national.sqlite
    """
    raise click.UsageError("compare is not implemented yet")
