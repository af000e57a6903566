"""The command line: options -> the Python API -> a writer -> an exit code. Nothing else."""
from __future__ import annotations

import os
import sys
from typing import Optional

import click

from . import exitcodes
from .check import disabled, selection_options

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
@selection_options
@click.pass_context
def parse(ctx, files, fmt, output, encoding, year, region, indicators_file, fail_on, select, ignore):
    """Parse report FILES (or - for stdin) and print indicators and warnings.

    \b
    Examples:
      tonglaio-parse parse fixtures/tongliao-2026-p2.txt
      tonglaio-parse parse a.txt b.txt --format json -o out.json
      cat report.txt | tonglaio-parse parse - --format csv
    """
    from ..pipeline import Options
    from ..render import writer

    opts = Options(encoding=encoding, year=year, region=region, indicators_file=indicators_file,
                   disabled_checks=disabled(select, ignore))
    reports, failed = parse_inputs(files, opts)
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
    from ..checks import rule_table

    infos = list(rule_table().values())
    if fmt == "json":
        import json
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "help": r.help}
                               for r in infos], ensure_ascii=False, indent=2))
        return
    for r in infos:
        click.echo(f"{r.code}  {r.name:<24} {r.severity:<8} {r.help}")


def parse_inputs(files, opts) -> tuple[list, bool]:
    """Parse each file ('-' is stdin); a bad one is reported in one line and the rest go on."""
    from ..pipeline import parse_bytes, parse_file
    from ..errors import InputError

    reports, failed = [], False
    for name in files:
        try:
            reports.append(parse_bytes(_read_stdin(), None, opts) if name == "-" else parse_file(name, opts))
        except InputError as exc:
            failed = True
            click.echo(f"tonglaio-parse: error: {exc}", err=True)
    return reports, failed


def _register() -> None:
    from .batch import batch, compare
    from .check import check
    from .numbers import numbers

    for cmd in (batch, check, compare, numbers):
        main.add_command(cmd)


_register()


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:  # started with stdin closed (<&-)
        raise InputFailure("stdin is closed: nothing to read for '-'")
    try:
        from ..stages.load import max_bytes

        limit = max_bytes()  # read one byte past the limit so that decode() can refuse it
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer.read(limit + 1) if limit < sys.maxsize else buffer.read()
        return stream.read().encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as exc:
        raise InputFailure(f"cannot read stdin ({getattr(exc, 'strerror', None) or exc})") from None


def _emit(write, reports, output: str) -> None:
    """Write the reports; a reader that goes away (| head) ends the command quietly with 0."""
    if output == "-":
        out = sys.stdout
        if out is None:  # started with stdout closed (>&-)
            raise InputFailure("stdout is closed: use -o FILE")
        try:
            if hasattr(out, "reconfigure"):
                # data on stdout is UTF-8; a lone surrogate (a file name's undecodable byte)
                # is written as \udcXX rather than failing the whole report
                utf8 = (getattr(out, "encoding", "") or "").lower().replace("_", "-") in ("utf-8", "utf8")
                out.reconfigure(**({} if utf8 else {"encoding": "utf-8"}), errors="backslashreplace")
            write(reports, out)
            out.flush()
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(exitcodes.OK) from None
        except SystemExit as exc:  # rich's Console answers a broken pipe with SystemExit(1)
            if not isinstance(exc.__context__, BrokenPipeError):
                raise
            _silence_stdout()
            raise click.exceptions.Exit(exitcodes.OK) from None
        return
    try:
        with open(output, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            write(reports, fh)
    except OSError as exc:
        raise InputFailure(f"{output}: cannot write ({exc.strerror or exc})") from None


def run(argv: Optional[list[str]] = None) -> int:
    """Entry point: click's standalone mode, but every exit code is ours and no traceback leaks.

    0 done, 1 findings at --fail-on, 2 input or usage error (one line on stderr), 130 on
    Ctrl-C; an unexpected exception is one line too (a traceback only with --debug).
    """
    import warnings

    args = list(argv if argv is not None else sys.argv[1:])
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]  # accepted anywhere on the line

    def say(message: str) -> None:
        """One line on stderr, even if stderr is closed, broken or cannot encode the text."""
        try:
            click.echo(message.replace("\n", " ").replace("\r", " "), err=True)
        except (OSError, ValueError, UnicodeError):
            pass

    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        try:
            sys.stderr.reconfigure(errors="backslashreplace")
        except (OSError, ValueError, AttributeError):
            pass
    try:
        with warnings.catch_warnings():
            if not debug:
                warnings.simplefilter("ignore")  # library warnings are not the user's business
            rv = main.main(args=args, prog_name="tonglaio-parse", standalone_mode=False)
        # click returns the code of ctx.exit(n) in non-standalone mode
        return rv if type(rv) is int else exitcodes.OK
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return 130
        say("tonglaio-parse: aborted")
        return exitcodes.INPUT_ERROR
    except click.ClickException as exc:
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            say(f"tonglaio-parse: error: {exc.format_message()} "
                f"(see '{exc.ctx.command_path} --help')")
        else:
            say(f"tonglaio-parse: error: {exc.format_message()}")
        return exc.exit_code if isinstance(exc, InputFailure) else exitcodes.INPUT_ERROR
    except BrokenPipeError:
        _silence_stdout()
        return exitcodes.OK
    except SystemExit as exc:
        # click ends a command whose stdout pipe was closed with sys.exit(1) after wrapping
        # sys.stdout; the reader went away, which is not a failure
        pacify = getattr(click.utils, "_PacifyFlushWrapper", None)
        if pacify is not None and isinstance(sys.stdout, pacify):
            sys.stdout = sys.stdout.wrapped
            if isinstance(sys.stderr, pacify):
                sys.stderr = sys.stderr.wrapped
            _silence_stdout()
            return exitcodes.OK
        if isinstance(exc.__context__, BrokenPipeError):  # a writer that exits on EPIPE (rich)
            _silence_stdout()
            return exitcodes.OK
        code = exc.code
        if code is None or type(code) is int:
            return code or exitcodes.OK
        say(f"tonglaio-parse: error: {code}")
        return exitcodes.INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, not a traceback
        if debug:
            raise
        say(f"tonglaio-parse: internal error: {type(exc).__name__}: {exc} (run with --debug)")
        return exitcodes.INTERNAL_ERROR


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's flush does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def entry() -> None:
    sys.exit(run())
