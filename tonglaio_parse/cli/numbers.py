"""`numbers` command: every numeral span with what it was taken for (click only)."""
from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json", "jsonl")), default="table",
              show_default=True, help="Output format (json: one row per span).")
@click.option("--kind", "kinds", multiple=True, help="Only spans of this kind (quantity, year, name …).")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
def numbers(file, fmt, kinds, encoding):
    """List every span of digits or numerals in FILE and what it was taken for.

    Use it to audit that nothing was lost or invented: each numeral is a quantity (with the
    indicator ids it became), a year, a date, a name, an ordinal, a slogan, a word …, with the
    reason.

    \b
    Example:
      tonglaio-parse numbers fixtures/tongliao-2026-p2.txt
      tonglaio-parse numbers report.txt --format json --kind name
    """
    from ..pipeline import Options, parse_bytes, parse_file
    from ..audit import numeral_rows, summary
    from . import InputFailure, _read_stdin
    from ..errors import InputError

    try:
        opts = Options(encoding=encoding)
        report = parse_bytes(_read_stdin(), None, opts) if file == "-" else parse_file(file, opts)
    except InputError as exc:
        raise InputFailure(str(exc)) from None
    rows = [r for r in numeral_rows(report) if not kinds or r.kind in kinds]
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
    else:
        _table(rows, summary(rows))


def _table(rows, counts) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = sys.stdout
    console = Console(file=out, markup=False, highlight=False, emoji=False,
                      width=None if out.isatty() else 160)
    table = Table(show_lines=False)
    for col in ("line", "text", "kind", "indicators", "reason"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(f"{r.line}:{r.column}", Text(r.text), r.kind, ",".join(r.indicators), Text(r.reason))
    console.print(table)
    console.print(Text(", ".join(f"{k} {n}" for k, n in counts.items()) + f" — {len(rows)} spans"))
