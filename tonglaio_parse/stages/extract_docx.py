"""A Word file (.docx) → the report's text, with python-docx: the body's paragraphs and tables
in document order, a line per paragraph (headings too: they stay lines of their own), a line
per table row with its cells separated by tabs (a cell merged across columns once, a table in
a cell read as its rows). Line breaks inside a paragraph stay line breaks. Page headers,
footers, comments and text boxes are not the report.

A file that is not a readable .docx (a broken archive, missing parts, malformed XML, a zip
bomb) is refused in one line.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import InputError, RuleError
from .extract import Extracted, reason, library, version

# More than this many bytes unpacked (or this ratio to the file) is a zip bomb, not a report.
_MAX_UNPACKED = 512 * 1024 * 1024
_MAX_RATIO = 200


def extract(data: bytes, where: str) -> Extracted:
    docx = library("docx", "docx", "a Word file", where)
    table = library("docx.table", "docx", "a Word file", where)
    _check_archive(data, where)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_blocks(document, table.Table))
    except (InputError, RuleError):
        raise
    except MemoryError:
        raise InputError(f"{where}: a Word file too large to read into memory") from None
    except Exception as exc:  # noqa: BLE001 — a damaged file fails in python-docx, lxml or zipfile
        raise InputError(f"{where}: not a readable .docx ({reason(exc)})") from None
    text = "\n".join(ln for ln in (line.strip() for line in lines) if ln)
    if not text:
        raise InputError(f"{where}: a Word file with no text")
    return Extracted(text + "\n", version("python-docx"))


def _check_archive(data: bytes, where: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(f"{where}: not a readable .docx (a broken ZIP archive: {exc})") from None
    if "word/document.xml" not in names:
        raise InputError(f"{where}: a ZIP archive without word/document.xml, not a Word .docx")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > _MAX_UNPACKED or unpacked > _MAX_RATIO * max(len(data), 1):
        raise InputError(f"{where}: a .docx that unpacks to {unpacked // (1024 * 1024)} MB, not a report (a zip bomb?)")


def _blocks(container, Table):
    """The lines of the paragraphs and table rows of a document or a cell, in order."""
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _rows(item, Table)
        else:
            yield item.text


def _rows(table, Table):
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cells and cell is cells[-1]:
                continue  # one cell merged across columns is given once per column
            cells.append(cell)
        if any(cell.tables for cell in cells):  # a table in a cell: its lines, not one row
            for cell in cells:
                yield from _blocks(cell, Table)
            continue
        texts = [" ".join(cell.text.split("\n")).strip() for cell in cells]
        yield "\t".join(texts).strip("\t")
