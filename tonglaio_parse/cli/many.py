"""What `batch` and `compare` share: the options that find and parse many reports, and the
run itself behind a progress bar on stderr."""
from __future__ import annotations

import sys

import click

from .io import InputFailure


def input_options(f=None, region_flag: str = "--region", year_flag: str = "--year"):
    """What the commands that read many reports take to find and parse them. `region_flag`,
    `year_flag`: the names of the region and year for the reports that do not say (compare and
    targets keep --region and --year for their row filters)."""
    if f is None:
        return lambda fn: input_options(fn, region_flag, year_flag)
    for opt in reversed((
        click.option("--glob", default="*.txt *.html *.htm *.pdf *.docx", show_default=True,
                     help="Which files of a folder to take (patterns separated by spaces)."),
        click.option("-r", "--recursive", is_flag=True, help="Look in subfolders too."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Parallel processes at most (default: the number of cores); small batches run in one."),
        click.option("--encoding", default=None, help="Input encoding (default: detected per file)."),
        click.option(region_flag, "region", default=None,
                     help="The region of the reports whose text and file name do not say."),
        click.option(year_flag, "default_year", type=click.IntRange(1949, 2100), default=None,
                     help="The year of the reports whose text and file name do not say."),
        click.option("--indicators", "indicators_file", type=click.Path(dir_okay=False), default=None,
                     help="TOML file of extra [[canonical]] wordings."),
    )):
        f = opt(f)
    return f


def parse_all(paths, inputs: dict, sink, exclude=()):
    """Parse the files PATHS name, in order, behind a progress bar: each report (or what the
    sink's `prepare` made of it) goes to the sink, each failure to stderr. Returns the Summary."""
    from .. import batch as engine
    from ..pipeline import Options

    files, failures = engine.discover(paths, inputs["glob"], inputs["recursive"], exclude)
    if not files:
        if failures:
            raise InputFailure("; ".join(o.error for o in failures))
        raise InputFailure(f"no files matching {inputs['glob']!r} in {' '.join(paths)}")
    summary = engine.Summary()
    opts = Options(encoding=inputs["encoding"], default_region=inputs["region"],
                   default_year=inputs["default_year"], indicators_file=inputs["indicators_file"])
    with Progress(len(files), sys.stderr) as bar:
        for o in failures:
            summary.add(o)
            bar.note(f"tonglaio-parse: error: {o.error}")
        for o in engine.run(files, opts, inputs["jobs"] or engine.default_jobs(), skip=sink.known,
                            on_done=bar.advance, bytes_per_job=engine.BYTES_PER_JOB,
                            prepare=engine.saving_text(_text_folder(inputs), sink.prepare)):
            if o.item is not None and (error := sink.put(o.item)):
                o = engine.Outcome(o.path, error=error)
            summary.add(o)
            if o.error is not None:
                bar.note(f"tonglaio-parse: error: {o.error}")
    return summary


def _text_folder(inputs: dict):
    """batch --save-text DIR: the folder, made if need be (None without the option)."""
    import os

    folder = inputs.get("save_text")
    if folder:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise InputFailure(f"{folder}: cannot make the folder ({exc.strerror or exc})") from None
    return folder


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
