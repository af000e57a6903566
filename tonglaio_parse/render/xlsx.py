"""Excel workbooks (.xlsx, with openpyxl: the optional extra `xlsx`), a binary format.

A sheet per kind of row, the columns of `rows.COLUMNS`: for reports `indicators`, `warnings` and
`sections`; for compare its rows; for check the warnings. Each sheet has a bold header row,
frozen, with a filter, columns as wide as their contents (within limits), numbers as numbers, and
each row's file, region and year, so the rows of many reports stay apart."""
from __future__ import annotations

import io
import unicodedata
from typing import Any, BinaryIO

from .. import rows as flat

EXTRA = "xlsx"      # pip install 'tonglaio-parse[xlsx]'
MAX_CELL = 32767    # Excel's limit on the characters of a cell
MIN_WIDTH, MAX_WIDTH = 6, 60


def write(reports: list, out: BinaryIO) -> None:
    """Indicators, warnings and sections of the reports, a sheet each."""
    _save([(kind, flat.to_rows(reports, kind)) for kind in flat.KINDS], out, kinds=flat.KINDS)


def write_findings(reports: list, out: BinaryIO) -> None:
    """`check`: the warnings of the reports."""
    _save([("warnings", flat.to_rows(reports, "warnings"))], out, kinds=("warnings",))


def write_compare(rows: list, out: BinaryIO) -> None:
    """`compare`: its rows, flattened (target_value, actual_value, gap, outcome …)."""
    _save([("compare", flat.records(rows, "compare"))], out, kinds=("compare",))


def workbook_module():
    """openpyxl, or ImportError naming the extra."""
    try:
        import openpyxl
    except ImportError as exc:
        raise ImportError(f"--format xlsx needs openpyxl: pip install 'tonglaio-parse[{EXTRA}]'",
                          name="openpyxl") from exc
    return openpyxl


def _save(sheets: list[tuple[str, list[dict[str, Any]]]], out: BinaryIO, kinds) -> None:
    openpyxl = workbook_module()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "tonglaio-parse"
    bold = Font(bold=True)
    for (title, records), kind in zip(sheets, kinds):
        names = flat.columns(kind, records)
        table = [[_cell(row.get(name)) for name in names] for row in records]
        sheet = book.create_sheet(title)
        for i, name in enumerate(names, 1):
            width = max([_width(name), *(_width(r[i - 1]) for r in table)])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(table) + 1}"
        header = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for r in table:
            sheet.append([_text_cell(sheet, v, WriteOnlyCell) if isinstance(v, str) and v.startswith("=") else v
                          for v in r])
    buffer = io.BytesIO()  # a zip is written with seeks; stdout may be a pipe
    book.save(buffer)
    out.write(buffer.getvalue())


def _cell(value: Any) -> Any:
    """A value as Excel keeps it: numbers and booleans as they are, None empty, text without the
    control characters a cell cannot hold (shown as \\xNN) and within Excel's length."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _text_cell(sheet, value: str, cell_type):
    """Text starting with = is text, not a formula."""
    cell = cell_type(sheet, value=value)
    cell.data_type = "s"
    return cell


def _width(value: Any) -> int:
    """The columns a value takes on screen: a CJK character takes two."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[:MAX_WIDTH])
