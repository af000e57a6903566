"""Options more than one command takes: --format (its choices from the render registry) and the
writer it picks, -o, --excel, --fail-on, --select / --ignore, --severity."""
from __future__ import annotations

from typing import Optional

import click

from .. import render
from ..model import Severity
from . import exitcodes, io
from .io import InputFailure


class FormatChoice(click.Choice):
    """The formats registered for one kind of data, read when the command runs: a writer
    registered after the commands were defined is offered too."""

    def __init__(self, kind: render.Kind, extra: tuple[str, ...] = ()):
        self.kind, self.extra = kind, extra
        super().__init__(self.choices)

    @property
    def choices(self) -> tuple[str, ...]:
        return (*render.formats(self.kind), *self.extra)

    @choices.setter
    def choices(self, _ignored) -> None:
        pass


def format_option(kind: render.Kind, default, help: str = "Output format.", extra: tuple[str, ...] = ()):
    return click.option("-f", "--format", "fmt", type=FormatChoice(kind, extra), default=default,
                        show_default=default is not None, help=help)


def output_option(help: str = "Write here instead of stdout.", **kw):
    kw.setdefault("type", click.Path(dir_okay=False, writable=True, allow_dash=True))
    kw.setdefault("default", "-")
    return click.option("-o", "--output", help=help, **kw)


def fail_on_option(default: str, what: str = "a warning"):
    return click.option("--fail-on", type=click.Choice(exitcodes.FAIL_ON), default=default, show_default=True,
                        help=f"Exit 1 when {what} of this severity or worse is found.")


def selection_options(fn):
    """--select / --ignore, shared by `parse` and `check`."""
    fn = click.option("--ignore", multiple=True, metavar="CODE|NAME|FAMILY",
                      help="Do not report these checks (e.g. TX001, repeated-word, LA).")(fn)
    fn = click.option("--select", multiple=True, metavar="CODE|NAME|FAMILY",
                      help="Report only these checks (repeatable; a family such as NU selects all its codes).")(fn)
    return fn


def severity_option(fn):
    """--severity: the least severity reported (the checks below it do not run)."""
    return click.option("--severity", type=click.Choice(SEVERITIES), default=Severity.INFO.value, show_default=True,
                        help="Report only findings of this severity or worse.")(fn)


SEVERITIES = tuple(s.value for s in Severity)  # info, warning, error


def disabled(select, ignore, severity: Optional[str] = None) -> tuple[str, ...]:
    """The checks --select / --ignore (and --severity) turn off (for Options.disabled_checks).
    A severity given to --select / --ignore is a usage error that points to --severity."""
    from ..checks import disabled_codes, rule_table

    for flag, values in (("--select", select), ("--ignore", ignore)):
        for value in (v.strip().lower() for raw in values for v in raw.split(",")):
            if value in SEVERITIES:
                raise InputFailure(_use_severity(flag, value))
    try:
        codes = set(disabled_codes(select, ignore))
    except ValueError as exc:
        raise InputFailure(str(exc)) from None
    if severity:
        floor = Severity(severity).rank
        codes |= {code for code, rule in rule_table().items() if Severity(rule.severity).rank < floor}
    return tuple(sorted(codes))


def _use_severity(flag: str, severity: str) -> str:
    """--ignore info: show warning and worse; --select error: error only."""
    rank = Severity(severity).rank + (flag == "--ignore")
    least = next((s.value for s in Severity if s.rank == rank), None)
    ctx = click.get_current_context(silent=True)
    where = "--severity" if ctx is not None and "severity" in ctx.params else "check --severity"
    advice = f"use {where} {least}" if least else f"{where} chooses the least severity reported"
    return f"{flag} {severity}: {severity!r} is a severity, not a check; {advice}"


def excel_option(fn):
    return click.option("--excel", is_flag=True,
                        help="CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends.")(fn)


def chosen_writer(kind: render.Kind, fmt: str, output: Optional[str], excel: bool = False) -> render.Writer:
    """The writer of --format, or of -o's suffix when --format was not given (-o out.xlsx),
    ready to write: its optional package installed, --excel applied, a binary one not bound for a
    terminal. A problem is a usage error, before any input is read."""
    ctx = click.get_current_context(silent=True)
    given = ctx is None or ctx.get_parameter_source("fmt") != click.core.ParameterSource.DEFAULT
    writer = (None if given or not output else render.by_suffix(output, kind)) or render.writer(fmt, kind)
    return ready(writer, output, excel)


def ready(writer: render.Writer, output: Optional[str], excel: bool = False) -> render.Writer:
    """`writer` if it can write to `output` (see chosen_writer), made for Excel with `excel`."""
    import importlib.util

    if writer.needs and importlib.util.find_spec(writer.needs[0]) is None:
        module, extra = writer.needs
        raise InputFailure(f"--format {writer.name} needs {module}: pip install 'tonglaio-parse[{extra}]'")
    io.refuse_binary_terminal(writer, output)
    if excel:
        if writer.name != "csv":
            raise InputFailure(f"--excel is for CSV, not --format {writer.name}")
        from ..render.csv import excel as for_excel

        writer = for_excel(writer)
    return writer


def indicator_option(fn):
    """-i ID (repeatable): only these canonical ids; an unknown id is a usage error naming the
    closest ones."""
    return click.option("-i", "--indicator", "--canonical", "canonicals", multiple=True, metavar="ID",
                        callback=_known_ids,
                        help="Only this canonical id (repeatable), e.g. -i gdp_growth -i cpi.")(fn)


def _known_ids(ctx, param, values):
    if not values:
        return values  # nothing to check: the id catalogue is not loaded
    from ..compare import unknown_ids

    bad = unknown_ids(values)
    if bad:
        name, close = bad[0]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(f"unknown indicator id {name!r}{hint}", ctx=ctx, param=param)
    return values


def row_filters(fn):
    """--from / --to / --region: which years and regions of the rows are shown."""
    fn = click.option("--region", "regions", multiple=True, metavar="NAME",
                      help="Only this region (repeatable), as the documents name it: 广东省, 全国.")(fn)
    fn = click.option("--to", "to_year", type=int, default=None, help="Only years up to this one.")(fn)
    return click.option("--from", "from_year", type=int, default=None, help="Only years from this one on.")(fn)


def keep_rows(rows: list, from_year, to_year, regions) -> list:
    return [r for r in rows if (from_year is None or r.year >= from_year) and (to_year is None or r.year <= to_year)
            and (not regions or r.region in regions)]
