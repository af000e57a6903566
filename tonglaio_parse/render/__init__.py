"""Every output format, in one registry: (kind of data, name) -> Writer.

A writer only formats what it is given (the computing is done in `compare`, `audit`, the model);
every command takes its `--format` choices from here, so a format registered once is offered
wherever its kind of data is written:

    kind       the data a writer receives             written by
    reports    list[model.Report]                     parse, batch
    compare    list[compare.Row]                      compare
    findings   list[model.Report] (their warnings)    check
    numerals   audit.Numerals (rows and their counts) numbers
    rules      list[checks.RuleInfo]                  rules

Adding a format (for the package: a module here, one `register` call at the end of this file):

    from tonglaio_parse import render

    def write_count(data, out):            # out: a text stream (stdout or the -o file)
        out.write(f"{len(data)} items\\n")

    render.register("count", write_count, kinds=(render.REPORTS, render.COMPARE), suffixes=(".count",))

Now `parse --format count`, `compare --format count` and `batch --format count` (or `batch -o
all.count`) work. `batch` collects the reports (text included) and writes them at the end,
unless the writer can stream: `each(report) -> str` (the text of one report, made in the
worker process that parsed it, so it must be picklable: a module-level function) and `head()
-> str` (what comes first, a CSV header). `folder(data, directory, failures)` writes a folder
instead (batch --format html -o site/); `failures` are (path, message) of the inputs that failed.
A `binary=True` writer (xlsx) gets a binary stream instead, and the commands refuse to send it
to a terminal; `needs=(module, extra)` names the optional package it imports, so that a command
says what to install (one line, exit 2) before it reads any input.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, TextIO


class Kind(StrEnum):
    REPORTS = "reports"
    COMPARE = "compare"
    FINDINGS = "findings"
    NUMERALS = "numerals"
    RULES = "rules"
    TARGETS = "targets"
    IDS = "indicators"


REPORTS, COMPARE, FINDINGS, NUMERALS, RULES = Kind.REPORTS, Kind.COMPARE, Kind.FINDINGS, Kind.NUMERALS, Kind.RULES
TARGETS, IDS = Kind.TARGETS, Kind.IDS


class Several(list):
    """The reports of a command given several inputs or a folder: JSON writes an array of
    them however many parsed (one input gives its object; a list of one report too)."""


@dataclass(frozen=True)
class Writer:
    """One registered format for one kind of data (see `register`)."""
    name: str                                  # the --format value
    kind: Kind                                 # what `write` is given
    write: Callable[[Any, TextIO], None]       # the data, whole, to a text stream
    suffixes: tuple[str, ...] = ()             # file names meaning this format (batch -o all.csv)
    folder: Optional[Callable[[Any, Path, list[tuple[str, str]]], Any]] = None  # the data as a folder
    head: Optional[Callable[[], str]] = None   # streaming: what comes before the first item
    each: Optional[Callable[[Any], str]] = None  # streaming: one item's text (picklable)
    binary: bool = False                       # `write` gets a binary stream (xlsx); never a terminal
    needs: tuple[str, ...] = ()                # (module, extra): an optional package it imports

    def __call__(self, data: Any, out: TextIO) -> None:  # writer("jsonl")(reports, out) as before
        self.write(data, out)


_WRITERS: dict[tuple[Kind, str], Writer] = {}


def register(name: str, write: Callable[[Any, TextIO], None], kinds: Iterable[Kind] = (REPORTS,),
             suffixes: Iterable[str] = (), folder=None, head=None, each=None, binary: bool = False,
             needs: tuple[str, ...] = ()) -> None:
    """Offer `write` as `--format NAME` for each kind of data in `kinds` (replacing a writer of
    that name). `suffixes` ('.csv') are the file names `batch -o` takes for this format; `head`,
    `each` and `folder` are optional (see the module's docstring). A `binary` writer gets a
    binary stream; `needs` = (module, extra) names the optional package it imports, so that a
    command says what to install before it reads any input."""
    for kind in kinds:
        _WRITERS[(Kind(kind), name)] = Writer(name, Kind(kind), write, tuple(s.lower() for s in suffixes),
                                              folder, head, each, binary, tuple(needs))


def unregister(name: str, kinds: Iterable[Kind] = (REPORTS,)) -> None:
    for kind in kinds:
        _WRITERS.pop((Kind(kind), name), None)


def formats(kind: Kind = REPORTS) -> tuple[str, ...]:
    """The names of the writers of this kind, in the order registered (the --format choices)."""
    return tuple(name for k, name in _WRITERS if k == kind)


def writer(name: str, kind: Kind = REPORTS) -> Writer:
    try:
        return _WRITERS[(Kind(kind), name)]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


def by_suffix(path: str, kind: Kind = REPORTS) -> Optional[Writer]:
    """The writer whose suffixes include the suffix of `path` (the first registered), or None."""
    suffix = Path(path).suffix.lower()
    return next((w for (k, _), w in _WRITERS.items() if k == kind and suffix and suffix in w.suffixes), None)


def suffixes(kind: Kind = REPORTS) -> tuple[str, ...]:
    return tuple(s for (k, _), w in _WRITERS.items() if k == kind for s in w.suffixes)


@dataclass(frozen=True)
class _Lazy:
    """A function of a module of this package, imported on the first call: `--help` does not pay
    for rich or the HTML assets. Picklable, so batch workers can be handed one."""
    module: str
    function: str

    def __call__(self, *args):
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.function)(*args)


def _builtin(name: str, kind: Kind, module: str, write: str, suffixes=(), binary: bool = False,
             needs: tuple[str, ...] = (), **more: str) -> None:
    register(name, _Lazy(module, write), (kind,), suffixes, **{k: _Lazy(module, f) for k, f in more.items()},
             binary=binary, needs=needs)


_builtin("table", REPORTS, "table", "write")
_builtin("json", REPORTS, "json", "write", (".json",))
_builtin("jsonl", REPORTS, "json", "write_lines", (".jsonl", ".ndjson"), each="line")
_builtin("csv", REPORTS, "csv", "write", (".csv",), head="head", each="lines")
_builtin("html", REPORTS, "html", "write", (".html", ".htm"), folder="write_site")
XLSX = ("openpyxl", "xlsx")  # the module the xlsx writers import, and the extra that installs it
_builtin("xlsx", REPORTS, "xlsx", "write", (".xlsx",), binary=True, needs=XLSX)
_builtin("table", COMPARE, "compare", "write_table")
_builtin("json", COMPARE, "compare", "write_json", (".json",))
_builtin("csv", COMPARE, "compare", "write_csv", (".csv",))
_builtin("xlsx", COMPARE, "xlsx", "write_compare", (".xlsx",), binary=True, needs=XLSX)
_builtin("table", TARGETS, "targets", "write_table")
_builtin("json", TARGETS, "compare", "write_json", (".json",))
_builtin("csv", TARGETS, "targets", "write_csv", (".csv",))
_builtin("table", IDS, "indicators", "write_table")
_builtin("json", IDS, "compare", "write_json", (".json",))
_builtin("csv", IDS, "indicators", "write_csv", (".csv",))
_builtin("text", FINDINGS, "findings", "write_text")
_builtin("json", FINDINGS, "findings", "write_json", (".json",))
_builtin("sarif", FINDINGS, "sarif", "write", (".sarif",))
_builtin("xlsx", FINDINGS, "xlsx", "write_findings", (".xlsx",), binary=True, needs=XLSX)
_builtin("table", NUMERALS, "numerals", "write_table")
_builtin("json", NUMERALS, "numerals", "write_json", (".json",))
_builtin("jsonl", NUMERALS, "numerals", "write_lines", (".jsonl",))
_builtin("table", RULES, "rules", "write_table")
_builtin("json", RULES, "rules", "write_json", (".json",))
