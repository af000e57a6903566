"""Everything the commands read and write, in one place: stdin, the output stream (stdout or
-o FILE, or a folder), a reader that goes away (| head), the one-line error, and the exit code
of whatever ended a command."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator, Optional, TextIO

import click

from . import exitcodes


class InputFailure(click.ClickException):
    """An input or usage error: exit 2, one line, no traceback."""
    exit_code = exitcodes.INPUT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"tonglaio-parse: error: {self.format_message()}", err=True)


def say(message: str) -> None:
    """One line on stderr, even if stderr is closed, broken or cannot encode the text."""
    try:
        click.echo(message.replace("\n", " ").replace("\r", " "), err=True)
    except (OSError, ValueError, UnicodeError):
        pass


# --- input ------------------------------------------------------------------------------------

def read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:  # started with stdin closed (<&-)
        raise InputFailure("stdin is closed: nothing to read for '-'")
    try:
        from ..pipeline import max_input_bytes

        limit = max_input_bytes()  # read one byte past the limit so that decode() can refuse it
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer.read(limit + 1) if limit < sys.maxsize else buffer.read()
        return stream.read().encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as exc:
        raise InputFailure(f"cannot read stdin ({getattr(exc, 'strerror', None) or exc})") from None


def parse_input(name: str, options):
    """One report from a file, or from stdin for '-'. Raises InputError."""
    from ..pipeline import parse_bytes, parse_file

    return parse_bytes(read_stdin(), None, options) if name == "-" else parse_file(name, options)


def parse_inputs(names, options) -> tuple[list, bool]:
    """Parse each file ('-' is stdin); a bad one is reported in one line and the rest go on.
    Returns the reports and whether any failed."""
    from ..errors import InputError

    reports, failed = [], False
    for name in names:
        try:
            reports.append(parse_input(name, options))
        except InputError as exc:
            failed = True
            click.echo(f"tonglaio-parse: error: {exc}", err=True)
    return reports, failed


def save_texts(reports, target: str, folder: bool) -> None:
    """parse --save-text: each report's original text, UTF-8 — to `target`, or with `folder`
    (several inputs) to target/NAME.txt."""
    from ..batch import save_text, text_name

    try:
        if folder:
            os.makedirs(target, exist_ok=True)
        for r in reports:
            save_text(r, os.path.join(target, text_name(r.source.path or "stdin")) if folder else target)
    except OSError as exc:
        raise cannot_write(target, exc) from None


# --- output -----------------------------------------------------------------------------------

def emit(writer, data, output: Optional[str] = "-") -> None:
    """Write `data` with `writer` (a render.Writer) to `output`: '-' or None is stdout."""
    if getattr(writer, "binary", False):
        refuse_binary_terminal(writer, output)
        with output_stream(output, binary=True) as out:
            writer.write(data, out)
        return
    with output_stream(output) as out:
        writer.write(data, out)


def refuse_binary_terminal(writer, output: Optional[str]) -> None:
    """A binary format (xlsx) is not shown on a terminal: a usage error naming -o."""
    if getattr(writer, "binary", False) and output in (None, "-") and sys.stdout is not None \
            and sys.stdout.isatty():
        raise InputFailure(f"--format {writer.name} is binary: write it to a file with -o FILE.{writer.name} "
                           "(or pipe it)")


@contextmanager
def output_stream(output: Optional[str] = "-", binary: bool = False) -> Iterator[TextIO]:
    """The text stream a command writes its data to, UTF-8 whatever the locale: stdout for '-'
    (a reader that goes away ends the command quietly with exit 0), else the file (one line
    and exit 2 when it cannot be written). With `binary`, the byte stream under it."""
    if output is None or output == "-":
        with _stdout() as out:
            yield out.buffer if binary else out
        return
    try:
        fh = open(output, "wb") if binary else open(output, "w", encoding="utf-8", errors="backslashreplace",
                                                    newline="")
    except OSError as exc:
        raise cannot_write(output, exc) from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        raise cannot_write(output, exc) from None


def write_folder(writer, data, directory: str, failures=()) -> None:
    """Write `data` as the files of a folder, with the writer's folder form."""
    try:
        writer.folder(data, directory, list(failures))
    except OSError as exc:
        raise cannot_write(directory, exc) from None


def cannot_write(path: str, exc: OSError) -> InputFailure:
    return InputFailure(f"{path}: cannot write ({exc.strerror or exc})")


@contextmanager
def _stdout() -> Iterator[TextIO]:
    out = sys.stdout
    if out is None:  # started with stdout closed (>&-)
        raise InputFailure("stdout is closed: use -o FILE")
    try:
        if hasattr(out, "reconfigure"):
            # data on stdout is UTF-8; a lone surrogate (a file name's undecodable byte)
            # is written as \udcXX rather than failing the whole report
            utf8 = (getattr(out, "encoding", "") or "").lower().replace("_", "-") in ("utf-8", "utf8")
            out.reconfigure(**({} if utf8 else {"encoding": "utf-8"}), errors="backslashreplace")
        yield out
        out.flush()
    except BrokenPipeError:
        raise _reader_gone() from None
    except SystemExit as exc:  # rich's Console answers a broken pipe with SystemExit(1)
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        raise _reader_gone() from None


def _reader_gone() -> click.exceptions.Exit:
    silence_stdout()
    return click.exceptions.Exit(exitcodes.OK)


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's flush does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def tolerant_stderr() -> None:
    """Messages on stderr never fail on a character the terminal cannot show."""
    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        try:
            sys.stderr.reconfigure(errors="backslashreplace")
        except (OSError, ValueError, AttributeError):
            pass


# --- how a command ended ----------------------------------------------------------------------

def exit_code(exc: BaseException, debug: bool) -> int:
    """The exit code for the exception that ended a command, after one line on stderr where
    there is something to say. An unexpected exception is raised again with `debug`."""
    from ..errors import RuleError

    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, click.exceptions.Abort):
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return exitcodes.INTERRUPTED
        say("tonglaio-parse: aborted")
        return exitcodes.INPUT_ERROR
    if isinstance(exc, click.ClickException):
        return _usage_error(exc)
    if isinstance(exc, RuleError):  # a bad data table: the message names the file and the entry
        say(f"tonglaio-parse: error: {exc}")
        return exitcodes.INPUT_ERROR
    if isinstance(exc, BrokenPipeError):
        silence_stdout()
        return exitcodes.OK
    if isinstance(exc, SystemExit):
        return _system_exit(exc)
    if isinstance(exc, KeyboardInterrupt):
        return exitcodes.INTERRUPTED
    if debug or not isinstance(exc, Exception):
        raise exc
    say(f"tonglaio-parse: internal error: {type(exc).__name__}: {exc} (run with --debug)")
    return exitcodes.INTERNAL_ERROR


def _usage_error(exc: click.ClickException) -> int:
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        say(f"tonglaio-parse: error: {exc.format_message()} (see '{exc.ctx.command_path} --help')")
    else:
        say(f"tonglaio-parse: error: {exc.format_message()}")
    return exc.exit_code if isinstance(exc, InputFailure) else exitcodes.INPUT_ERROR


def _system_exit(exc: SystemExit) -> int:
    # click ends a command whose stdout pipe was closed with sys.exit(1) after wrapping
    # sys.stdout; the reader went away, which is not a failure
    pacify = getattr(click.utils, "_PacifyFlushWrapper", None)
    if pacify is not None and isinstance(sys.stdout, pacify):
        sys.stdout = sys.stdout.wrapped
        if isinstance(sys.stderr, pacify):
            sys.stderr = sys.stderr.wrapped
        silence_stdout()
        return exitcodes.OK
    if isinstance(exc.__context__, BrokenPipeError):  # a writer that exits on EPIPE (rich)
        silence_stdout()
        return exitcodes.OK
    code = exc.code
    if code is None or type(code) is int:
        return code or exitcodes.OK
    say(f"tonglaio-parse: error: {code}")
    return exitcodes.INPUT_ERROR
