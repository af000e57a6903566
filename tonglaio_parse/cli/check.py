"""`check` command: the data-quality findings alone, one line each like a linter (click only)."""
from __future__ import annotations

import json

import click

SEVERITIES = ("error", "warning", "info", "never")


def selection_options(fn):
    """--select / --ignore, shared by `parse` and `check`."""
    fn = click.option("--ignore", multiple=True, metavar="CODE|NAME|FAMILY",
                      help="Do not report these checks (e.g. TX001, repeated-word, LA).")(fn)
    fn = click.option("--select", multiple=True, metavar="CODE|NAME|FAMILY",
                      help="Report only these checks (repeatable; a family such as NU selects all its codes).")(fn)
    return fn


def disabled(select, ignore) -> tuple[str, ...]:
    from ..checks import disabled_codes
    from . import InputFailure

    try:
        return disabled_codes(select, ignore)
    except ValueError as exc:
        raise InputFailure(str(exc)) from None


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: path:line:column: CODE name message; json: a list of findings with their path.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@selection_options
@click.pass_context
def check(ctx, files, fmt, fail_on, encoding, select, ignore):
    """Lint report FILES: page markers, cut paragraphs, repeated words, impossible figures …

    \b
    Examples:
      tonglaio-parse check fixtures/tongliao-2026-p2.txt
      tonglaio-parse check reports/*.txt --select TX --fail-on warning
      tonglaio-parse check report.txt --format json --ignore LA001
    """
    from . import exitcodes
    from ..pipeline import Options
    from . import parse_inputs

    reports, failed = parse_inputs(files, Options(encoding=encoding, disabled_checks=disabled(select, ignore)))
    if fmt == "json":
        rows = [dict(path=r.source.path, **w.to_dict()) for r in reports for w in r.warnings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in reports:
            for w in r.warnings:
                click.echo(f"{r.source.path or '-'}:{w.line}:{w.column}: {w.code} {w.name} {w.message}")
    if failed:
        ctx.exit(exitcodes.INPUT_ERROR)
    ctx.exit(exitcodes.for_findings(reports, fail_on))
