"""`batch`: many reports into one output — a writer of the render registry, or the database."""
from __future__ import annotations

from pathlib import Path

import click

from .. import render
from . import exitcodes, io
from .io import InputFailure
from .many import input_options, parse_all
from .options import excel_option, format_option, ready


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(allow_dash=True), default=None,
              help="Write here: the format follows the suffix (all.csv, all.jsonl …; .sqlite, .db or none: "
                   "SQLite); with --format html, a folder of pages. Default: JSON Lines on stdout.")
@format_option(render.REPORTS, None, help="Output format, whatever the suffix.", extra=("sqlite",))
@excel_option
@click.option("--save-text", "save_text", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Write each report's text (a PDF's, web page's or Word file's extracted text, which every "
                   "span refers to) to DIR/NAME.txt.")
@input_options
@click.pass_context
def batch(ctx, paths, output, fmt, excel, **inputs):
    """Parse many reports (files and folders, in any mix) into one output.

    A SQLite output is updated in place: files already stored (same sha256) are skipped,
    changed ones replaced, one transaction per file, so an interrupted run just resumes.
    --format html -o DIR writes one page per report and DIR/index.html. A file that cannot
    be parsed is reported and the batch goes on; the exit code is 1 when any failed.

    \b
    Examples:
      tonglaio-parse batch reports/ -o reports.sqlite
      tonglaio-parse batch reports/ --recursive --glob '*.txt' -o all.csv
      tonglaio-parse batch reports/ --format html -o site/
      tonglaio-parse batch a.txt b.txt | jq -c '.indicators[]'
    """
    from .. import batch as engine

    try:
        fmt = engine.output_format(output, fmt)
    except ValueError as exc:
        raise InputFailure(str(exc)) from None
    exclude = [output] if output and output != "-" else []
    if fmt == engine.DATABASE:
        if excel:
            raise InputFailure("--excel is for CSV, not SQLite")
        summary = _into_database(paths, inputs, output, exclude)
    else:
        summary = _into_writer(ready(render.writer(fmt), output, excel), paths, inputs, output, exclude)
    click.echo(summary.line(), err=True)
    ctx.exit(exitcodes.FINDINGS if summary.failed else exitcodes.OK)


def _into_database(paths, inputs, path: str, exclude):
    from .. import batch as engine
    from ..store import DatabaseError

    try:
        sink = engine.SqliteSink(path)
        try:
            return parse_all(paths, inputs, sink, exclude)
        finally:
            sink.close()
    except DatabaseError as exc:
        raise InputFailure(str(exc)) from None


def _into_writer(writer: render.Writer, paths, inputs, output, exclude):
    """A writer that streams gets each report as it is parsed; the others get them all at the end."""
    from .. import batch as engine

    if writer.each is not None:
        with io.output_stream(output) as out:
            return parse_all(paths, inputs, engine.StreamSink(writer, out), exclude)
    sink = engine.CollectSink()
    summary = parse_all(paths, inputs, sink, exclude)
    if _as_folder(writer, output):
        io.write_folder(writer, sink.reports, output, summary.errors)
    else:
        io.emit(writer, render.Several(sink.reports), output)
    return summary


def _as_folder(writer: render.Writer, output) -> bool:
    """A writer with a folder form writes a folder at -o, unless -o names a file of its kind
    (site/ is a folder of pages, all.html one page)."""
    return (writer.folder is not None and output not in (None, "-")
            and Path(output).suffix.lower() not in writer.suffixes)
