"""The command line: options -> the Python API -> a writer -> an exit code. Nothing else."""
from __future__ import annotations

import os
import sys
from typing import Optional

import click

from . import exitcodes

FORMATS = ("table", "json", "jsonl", "csv", "html")
SEVERITIES = ("error", "warning", "info", "never")


class InputFailure(click.ClickException):
    """An input or usage error: exit 2, one line, no traceback."""
    exit_code = exitcodes.INPUT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"tonglaio-parse: error: {self.format_message()}", err=True)


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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              default="-", help="Write here instead of stdout.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--year", type=int, default=None, help="The year the report is delivered in, if the text does not say.")
@click.option("--region", default=None, help="The region, if the text does not say.")
@click.option("--indicators", "indicators_file", type=click.Path(dir_okay=False), default=None,
              help="TOML file of extra [[canonical]] wordings.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="never", show_default=True,
              help="Exit 1 when a warning of this severity or worse is found.")
@click.pass_context
def parse(ctx, files, fmt, output, encoding, year, region, indicators_file, fail_on):
    """Parse report FILES (or - for stdin) and print indicators and warnings.

    \b
    Examples:
      tonglaio-parse parse fixtures/tongliao-2026-p2.txt
      tonglaio-parse parse a.txt b.txt --format json -o out.json
      cat report.txt | tonglaio-parse parse - --format csv
    """
    from .api import Options, parse_bytes, parse_file
    from .load import InputError
    from .render import writer

    opts = Options(encoding=encoding, year=year, region=region, indicators_file=indicators_file)
    reports, failed = [], False
    for name in files:
        try:
            if name == "-":
                reports.append(parse_bytes(_read_stdin(), None, opts))
            else:
                reports.append(parse_file(name, opts))
        except InputError as exc:
            failed = True
            click.echo(f"tonglaio-parse: error: {exc}", err=True)
    if reports:
        _emit(writer(fmt), reports, output)
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def rules(fmt):
    """List every check the tool can report: code, name, severity, help.

    \b
    Example:
      tonglaio-parse rules --format json
    """
    from .checks import rule_table

    infos = list(rule_table().values())
    if fmt == "json":
        import json
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "help": r.help}
                               for r in infos], ensure_ascii=False, indent=2))
        return
    for r in infos:
        click.echo(f"{r.code}  {r.name:<24} {r.severity:<8} {r.help}")


def _register() -> None:
    from .cli_batch import batch, compare
    from .cli_numbers import numbers

    for cmd in (batch, compare, numbers):
        main.add_command(cmd)


_register()


def _read_stdin() -> bytes:
    try:
        return sys.stdin.buffer.read()
    except (OSError, ValueError) as exc:
        raise InputFailure(f"cannot read stdin ({exc})") from None


def _emit(write, reports, output: str) -> None:
    if output == "-":
        write(reports, sys.stdout)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            write(reports, fh)
    except OSError as exc:
        raise InputFailure(f"{output}: cannot write ({exc.strerror or exc})") from None


def run(argv: Optional[list[str]] = None) -> int:
    """Entry point: click's standalone mode, but every exit code is ours and no traceback leaks."""
    args = list(argv if argv is not None else sys.argv[1:])
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]  # accepted anywhere on the line
    try:
        main.main(args=args, prog_name="tonglaio-parse", standalone_mode=False)
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("tonglaio-parse: aborted", err=True)
        return exitcodes.INPUT_ERROR
    except click.ClickException as exc:
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        exc.show() if isinstance(exc, InputFailure) else click.echo(
            f"tonglaio-parse: error: {exc.format_message()}", err=True)
        return exitcodes.INPUT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, not a traceback
        if debug:
            raise
        click.echo(f"tonglaio-parse: internal error: {type(exc).__name__}: {exc} (run with --debug)", err=True)
        return exitcodes.INTERNAL_ERROR


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's flush does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def entry() -> None:
    sys.exit(run())
