"""Options more than one command takes: --format (its choices from the render registry),
-o, --fail-on, --select / --ignore."""
from __future__ import annotations

import click

from .. import render
from . import exitcodes
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


def disabled(select, ignore) -> tuple[str, ...]:
    """The checks --select / --ignore turn off (for Options.disabled_checks)."""
    from ..checks import disabled_codes

    try:
        return disabled_codes(select, ignore)
    except ValueError as exc:
        raise InputFailure(str(exc)) from None


def indicator_option(fn):
    """-i ID (repeatable): only these canonical ids; an unknown id is a usage error naming the
    closest ones."""
    return click.option("-i", "--indicator", "canonicals", multiple=True, metavar="ID", callback=_known_ids,
                        help="Only this canonical id (repeatable), e.g. -i gdp_growth -i cpi.")(fn)


def _known_ids(ctx, param, values):
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
