"""`batch` and `compare` commands (click only; the work is in batch.py / compare.py)."""
from __future__ import annotations

import sys

import click

from . import exitcodes
from . import InputFailure

BATCH_FORMATS = ("jsonl", "csv", "sqlite")
COMPARE_FORMATS = ("table", "json", "csv")


def _input_options(f):
    """What both commands take to find and parse reports."""
    for opt in reversed((
        click.option("--glob", default="*.txt", show_default=True, help="Which files of a folder to take."),
        click.option("-r", "--recursive", is_flag=True, help="Look in subfolders too."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Parallel processes at most (default: the number of cores); small batches run in one."),
        click.option("--encoding", default=None, help="Input encoding (default: detected per file)."),
        click.option("--region", default=None, help="The region, for reports whose text does not say."),
        click.option("--indicators", "indicators_file", type=click.Path(dir_okay=False), default=None,
                     help="TOML file of extra [[canonical]] wordings."),
    )):
        f = opt(f)
    return f


def _parse_all(paths, inputs: dict, put, exclude=(), known=None, prepare=None):
    """Parse the files PATHS name, in order, behind a progress bar: each report (or what
    `prepare` made of it) goes to `put` (which returns why it could not take one), each failure
    to stderr. Returns the Summary."""
    from .. import batch as engine
    from ..pipeline import Options

    files, failures = engine.discover(paths, inputs["glob"], inputs["recursive"], exclude)
    summary = engine.Summary()
    if not files:
        if failures:
            raise InputFailure("; ".join(o.error for o in failures))
        raise InputFailure(f"no files matching {inputs['glob']!r} in {' '.join(paths)}")
    opts = Options(encoding=inputs["encoding"], region=inputs["region"], indicators_file=inputs["indicators_file"])
    with Progress(len(files), sys.stderr) as bar:
        for o in failures:
            summary.add(o)
            bar.note(f"tonglaio-parse: error: {o.error}")
        for o in engine.run(files, opts, inputs["jobs"] or engine.default_jobs(), skip=known, on_done=bar.advance,
                            bytes_per_job=engine.BYTES_PER_JOB, prepare=prepare):
            if o.item is not None and (error := put(o.item)):
                o = engine.Outcome(o.path, error=error)
            summary.add(o)
            if o.error is not None:
                bar.note(f"tonglaio-parse: error: {o.error}")
    return summary


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here: the format follows the suffix (.sqlite/.db, .jsonl, .csv; none: SQLite). "
                   "Default: JSON Lines on stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(BATCH_FORMATS), default=None,
              help="Output format, whatever the suffix.")
@_input_options
@click.pass_context
def batch(ctx, paths, output, fmt, **inputs):
    """Parse many reports (files and folders, in any mix) into one output.

    A SQLite output is updated in place: files already stored (same sha256) are skipped,
    changed ones replaced, one transaction per file, so an interrupted run just resumes.
    A file that cannot be parsed is reported and the batch goes on; the exit code is 1
    when any failed.

    \b
    Examples:
      tonglaio-parse batch reports/ -o reports.sqlite
      tonglaio-parse batch reports/ --recursive --glob '*.txt' -o all.csv
      tonglaio-parse batch a.txt b.txt | jq -c '.indicators[]'
    """
    from .. import batch as engine
    from ..store import DatabaseError

    try:
        fmt = engine.output_format(output, fmt)
        sink = engine.open_sink(fmt, output)
    except ValueError as exc:
        raise InputFailure(str(exc)) from None
    except OSError as exc:
        raise InputFailure(f"{output}: cannot write ({exc.strerror or exc})") from None
    except DatabaseError as exc:
        raise InputFailure(str(exc)) from None
    exclude = [output] if output and output != "-" else []
    try:
        summary = _parse_all(paths, inputs, sink.put, exclude, sink.known, sink.prepare)
    except DatabaseError as exc:
        raise InputFailure(str(exc)) from None
    finally:
        sink.close()
    click.echo(summary.line(), err=True)
    ctx.exit(exitcodes.FINDINGS if summary.failed else exitcodes.OK)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(COMPARE_FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write here instead of stdout.")
@click.option("-i", "--indicator", "canonicals", multiple=True, metavar="ID",
              help="Only this canonical id (repeatable), e.g. -i gdp_growth -i cpi.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="左右 targets in %: how many percentage points off still count as met.")
@click.option("--rel-tolerance", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="左右 targets in other units: the share of the target off that still counts as met.")
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Also draw target and result per indicator over the years (.svg, .png; needs matplotlib).")
@_input_options
@click.pass_context
def compare(ctx, paths, fmt, output, canonicals, tolerance, rel_tolerance, plot, **inputs):
    """Set each year's targets against the results reported a year later.

    PATHS are report files and folders (parsed here) or databases written by `batch`.
    Year Y's target comes from the report delivered in Y, its result from the one
    delivered in Y+1. "met" honours the qualifier: 以上 result >= target, 左右 within the
    tolerance, a range inside it, 以内 result <= target; unknown when a side is missing.

    \b
    Examples:
      tonglaio-parse compare national.sqlite -i gdp_growth -i cpi
      tonglaio-parse compare reports/ --format json -o compare.json
      tonglaio-parse compare national.sqlite --format csv --plot gdp.svg -i gdp_growth
    """
    from .. import compare as cmp
    from . import _emit
    from ..render import compare as writers
    from ..store import DatabaseError, is_database, read_reports

    reports, failed = [], False
    databases = [p for p in paths if is_database(p)]
    for db in databases:
        try:
            reports.extend(read_reports(db))
        except DatabaseError as exc:
            raise InputFailure(str(exc)) from None
    others = [p for p in paths if p not in databases]
    if others:
        failed = _parse_all(others, inputs, reports.append).failed > 0
    rows = cmp.rows(reports, tolerance, rel_tolerance, canonicals or None)
    write = {"table": writers.write_table, "json": writers.write_json, "csv": writers.write_csv}[fmt]
    _emit(write, rows, output)
    if plot:
        try:
            writers.plot(rows, plot)
        except ImportError:
            raise InputFailure("--plot needs matplotlib: pip install 'tonglaio-parse[plot]'") from None
        except (OSError, ValueError) as exc:
            raise InputFailure(f"{plot}: cannot draw ({exc})") from None
    ctx.exit(exitcodes.FINDINGS if failed else exitcodes.OK)


class Progress:
    """A rich bar on `stream` (files, rate, ETA) when it is a terminal, nothing when it is not;
    `note` prints a line above the bar either way. The bar (a thread) starts with the first file
    done, after the workers exist: they are forked from this process only while no other
    thread runs (batch._context)."""

    def __init__(self, total: int, stream):
        from rich.console import Console

        self.console = Console(file=stream, highlight=False, markup=False, emoji=False)
        self.bar = None
        self.started = False
        if total and _isatty(stream):
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), _rate_column(),
                           TimeRemainingColumn(), console=self.console, transient=True)
            self.task = self.bar.add_task("parsing", total=total)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar and self.started:
            self.bar.stop()

    def advance(self, _outcome=None) -> None:
        if self.bar:
            if not self.started:
                self.bar.start()
                self.started = True
            self.bar.advance(self.task)

    def note(self, message: str) -> None:
        from rich.text import Text

        self.console.print(Text(message), soft_wrap=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} files/s" if speed else "- files/s")

    return Rate()
