"""CSV: one row per indicator, the columns of `rows.COLUMNS` (documented in README, CSV columns).

`excel(writer)` is any CSV writer made for Excel (`--excel`): a UTF-8 byte-order mark first, so
that Excel reads the Chinese as UTF-8, and CRLF line ends."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from typing import Any, Callable, TextIO

from ..rows import COLUMNS as _ROWS, report_rows

COLUMNS = _ROWS["indicators"]
BOM = "\ufeff"


def rows(report) -> list[list]:
    """One report's indicators as lists of cells, in COLUMNS order (None is an empty cell)."""
    return [[row.get(name) for name in COLUMNS] for row in report_rows(report)]


def _csv(records: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def head() -> str:
    """The header line."""
    return _csv([COLUMNS])


def lines(report) -> str:
    """One report's rows, without the header."""
    return _csv(rows(report))


def write(reports: list, out: TextIO) -> None:
    out.write(head())
    for r in reports:
        out.write(lines(r))


# --- for Excel: BOM and CRLF, for any CSV writer of the registry ---------------------------------

def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


class _Crlf:
    """A text stream that writes CRLF line ends to the stream it wraps."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(crlf(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty …
        return getattr(self.out, name)


@dataclass(frozen=True)
class _ExcelWrite:
    write: Callable[[Any, TextIO], None]

    def __call__(self, data, out: TextIO) -> None:
        out.write(BOM)
        self.write(data, _Crlf(out))


@dataclass(frozen=True)
class _ExcelHead:
    head: Callable[[], str]

    def __call__(self) -> str:
        return BOM + crlf(self.head())


@dataclass(frozen=True)
class _ExcelEach:  # picklable: batch hands it to its workers
    each: Callable[[Any], str]

    def __call__(self, item) -> str:
        return crlf(self.each(item))


def excel(writer):
    """The render.Writer `writer` (a CSV one), writing for Excel: BOM first, CRLF line ends."""
    streams = writer.each is not None
    return replace(writer, write=_ExcelWrite(writer.write),
                   head=_ExcelHead(writer.head or str) if streams else writer.head,
                   each=_ExcelEach(writer.each) if streams else None)
