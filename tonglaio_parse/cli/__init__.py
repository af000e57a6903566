"""The command line: options -> the Python API -> a writer of the render registry -> an exit code.

One module per command (parse, check, numbers, rules, batch, compare, targets, indicators); what they read and
write goes through `io`, the options they share are in `options`. Command modules import
those, never this package's __init__: here are only the group, `run` and `entry`.
"""
from __future__ import annotations

import sys
from typing import Optional

import click

from . import exitcodes, io
from .batch import batch
from .check import check
from .indicators import indicators
from .compare import compare
from .numbers import numbers
from .parse import parse
from .rules import rules
from .targets import targets


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tonglaio-parse")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on unexpected errors (anywhere on the line).")
def main(debug: bool) -> None:
    """Turn Chinese government work reports into normalised indicator data.

    \b
    Example:
      tonglaio-parse parse fixtures/tongliao-2026-p2.txt
      tonglaio-parse parse report.txt --format json | jq '.indicators[0]'
    """


for _command in (parse, check, numbers, rules, batch, compare, targets, indicators):
    main.add_command(_command)


def run(argv: Optional[list[str]] = None) -> int:
    """Entry point: click's standalone mode, but every exit code is ours and no traceback leaks.

    0 done, 1 findings at --fail-on, 2 input or usage error or a bad data table (one line on
    stderr), 130 on Ctrl-C; an unexpected exception is one line too (a traceback only with --debug).
    """
    import warnings

    args = list(argv if argv is not None else sys.argv[1:])
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]  # accepted anywhere on the line
    io.tolerant_stderr()
    try:
        with warnings.catch_warnings():
            if not debug:
                warnings.simplefilter("ignore")  # library warnings are not the user's business
            rv = main.main(args=args, prog_name="tonglaio-parse", standalone_mode=False)
        # click returns the code of ctx.exit(n) in non-standalone mode
        return rv if type(rv) is int else exitcodes.OK
    except BaseException as exc:  # noqa: BLE001 — io.exit_code decides, and raises what is not ours
        return io.exit_code(exc, debug)


def entry() -> None:
    sys.exit(run())
