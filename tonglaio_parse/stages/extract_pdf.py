"""A PDF → the report's text, from its text layer (pdfminer.six's lines with their positions).

pdfminer.six gives each line of text with its box; what a reader sees as the text is then
decided from the layout, with the rules of data/extract.toml [pdf]:

1. running headers and footers go: lines in the top or bottom band of the page whose text
   (digits aside) recurs on many pages, and page numbers (— 3 —, 第3页, 3/27) in either band;
2. reading order: top to bottom; a page of two columns (enough lines in each half, filling it)
   is read column by column, a line across both (a title) where it stands;
3. pieces of one row (the cells of a table) are joined, with a tab where the gap is wide;
4. paragraphs: a line that reaches the right edge of its column continues on the next line,
   unless that one is indented or set apart by a wider gap, also across a column or a page;
   a short line ends its paragraph. Nothing is put between Chinese characters joined.

A PDF with no text layer (a scan) and one that needs a password are refused in one line.
`Extracted.pages` holds where each page begins in the text (page numbers of figures).
"""
from __future__ import annotations

import io
import logging
from collections import Counter
import statistics
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Optional

import regex

from ..errors import InputError, RuleError
from ..rules import full_width, marks, patterns as text_patterns, width_fold
from .extract import Extracted, reason, cjk, joined, library, patterns, section, version

_DIGITS = regex.compile(r"\d+")
_LEADING_WORD = regex.compile(r"[A-Za-z0-9.%]*")


@dataclass(slots=True)
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    height: float = 0.0    # of its page

    @property
    def size(self) -> float:
        return max(1.0, self.bottom - self.top)


@dataclass(slots=True)
class _Column:
    """Lines read as one run of text: a column of a page, or a page of one column."""
    page: int
    kind: str                      # "single", "left", "right" or "across"
    lines: list[_Line] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    gap: float = 0.0               # the usual space between its lines


@dataclass(frozen=True)
class _Rules:
    band: float
    repeat_share: float
    right_slack: float
    open_slack: float
    size_change: float
    indent: float
    gap: float
    column_share: float
    cell_gap: float
    min_chars: int


@cache
def _rules() -> _Rules:
    s = section("pdf")
    return _Rules(s.number("band"), s.number("repeat_share"), s.number("right_slack"), s.number("open_slack"),
                  s.number("size_change"),
                  s.number("indent"),
                  s.number("gap"), s.number("column_share"), s.number("cell_gap"), s.integer("min_chars"))


def extract(data: bytes, where: str) -> Extracted:
    pages = _read(data, where)
    if sum(len(ln.text) for lines in pages for ln in lines) < _rules().min_chars:
        raise InputError(f"{where}: a PDF without a text layer (a scan?); run OCR on it first "
                         "(e.g. ocrmypdf) or give the text")
    body = _without_furniture(pages)
    gutters = _gutters(body)
    columns = [col for n, lines in enumerate(body) for col in _columns(n, lines, gutters[n])]
    _fill_edges(columns)
    text, starts = _paragraphs(columns, len(pages))
    return Extracted(_shared_glyphs(text), version("pdfminer.six"), starts)


# --- reading the text layer -------------------------------------------------------------------

def _read(data: bytes, where: str) -> list[list[_Line]]:
    high = library("pdfminer.high_level", "pdf", "a PDF", where)
    layout = library("pdfminer.layout", "pdf", "a PDF", where)
    pdfdoc = library("pdfminer.pdfdocument", "pdf", "a PDF", where)
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # its notes on odd files are not ours to print
    params = layout.LAParams(char_margin=1.0, boxes_flow=None, all_texts=True, detect_vertical=False)
    pages: list[list[_Line]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for page in high.extract_pages(io.BytesIO(data), laparams=params):
                pages.append(list(_lines(page, len(pages), layout)))
    except pdfdoc.PDFPasswordIncorrect:
        raise InputError(f"{where}: an encrypted PDF that needs a password; "
                         "save an unlocked copy (or its text) first") from None
    except pdfdoc.PDFEncryptionError as exc:
        raise InputError(f"{where}: an encrypted PDF that cannot be read ({exc or 'unsupported encryption'})") from None
    except RuleError:
        raise
    except MemoryError:
        raise InputError(f"{where}: a PDF too large to read into memory") from None
    except RecursionError:
        raise InputError(f"{where}: not a readable PDF (its objects nest without end)") from None
    except Exception as exc:  # noqa: BLE001 — a damaged or hostile file: pdfminer fails in many ways
        raise InputError(f"{where}: not a readable PDF ({reason(exc)})") from None
    if not pages:
        raise InputError(f"{where}: a PDF with no pages")
    return pages


def _lines(container, page: int, layout):
    """Every horizontal line of text on the page, at any depth, y counted from the top."""
    height = container.height if isinstance(container, layout.LTPage) else None
    stack = [container]
    while stack:
        item = stack.pop()
        if isinstance(item, layout.LTTextLineHorizontal):
            text = _text(item, layout)
            if text:
                yield _Line(page, item.x0, item.x1, height - item.y1, height - item.y0, text, height)
        elif isinstance(item, (layout.LTTextBox, layout.LTFigure, layout.LTPage)):
            stack.extend(reversed(list(item)))


def _text(line, layout) -> str:
    """The line's characters. The spaces pdfminer adds where characters stand apart (LTAnno)
    are kept between words only, not beside Chinese characters (a justified line's wide gaps);
    the spaces of the text itself stay."""
    out: list[str] = []
    virtual = False
    for item in line:
        if isinstance(item, layout.LTChar):
            ch = item.get_text()
            if virtual and out and not (cjk(out[-1][-1:]) or cjk(ch[:1])) and out[-1] != " ":
                out.append(" ")
            out.append(ch)
            virtual = False
        elif isinstance(item, layout.LTAnno) and item.get_text() == " ":
            virtual = True
    return _unradical("".join(out)).strip(" \n\r\t\u3000\u00a0")


def _shared_glyphs(text: str) -> str:
    """The Simplified characters a maker wrote as their Traditional variants (data/extract.toml
    [pdf.shared_glyphs]), in a Simplified text: one whose Simplified-only characters outnumber
    its other Traditional-only ones (a 哪吒 or 空濛 in it aside) tenfold. Same length."""
    table = {ord(k): v for k, v in section("pdf")["shared_glyphs"].items()}
    if not any(chr(c) in text for c in table):
        return text
    from .normalize import converter

    t2s, s2t = converter("t2s"), converter("s2t")
    counts = Counter(c for c in text if "\u3400" <= c <= "\u9fff" and ord(c) not in table)
    # character by character: the converters' phrase rules aside
    traditional = sum(n for c, n in counts.items() if t2s.convert(c) != c)
    simplified = sum(n for c, n in counts.items() if s2t.convert(c) != c)
    return text.translate(table) if simplified > 10 * traditional else text


@cache
def _radicals() -> dict[int, str]:
    table = {ord(k): v for k, v in section("pdf")["radicals"].items()}
    table.update({cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)})
    return table


def _unradical(text: str) -> str:
    """Radicals a PDF maker put for the ideographs that share their glyphs, as the ideographs."""
    if any("\u2e80" <= c <= "\u2fdf" or c in "\u2e3a\u2e3b" for c in text):
        return text.translate(_radicals())
    return text


# --- running headers, footers, page numbers -----------------------------------------------

def _without_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    rules = _rules()
    number = patterns("pdf", "page_number")
    def in_band(ln: _Line) -> bool:
        return ln.top < rules.band * ln.height or ln.bottom > (1 - rules.band) * ln.height

    seen: dict[tuple[str, int], set[int]] = {}
    for lines in pages:
        for ln in lines:
            if in_band(ln):
                seen.setdefault(_key(ln), set()).add(ln.page)
    repeat = max(2, rules.repeat_share * len(pages))
    recurring = {k for k, on in seen.items() if len(on) >= repeat} if len(pages) > 1 else set()
    return [[ln for ln in lines if not (in_band(ln) and (_key(ln) in recurring or number.match(ln.text)))]
            for lines in pages]


def _key(ln: _Line) -> tuple[str, int]:
    """What recurs of a running header: its text (digits aside) in its size (the title of page 1
    that a maker repeats small in the header of every page is not the header)."""
    return _DIGITS.sub("#", ln.text.replace(" ", "")), round(ln.size)


# --- columns and rows ----------------------------------------------------------------------

def _gutters(pages: list[list[_Line]]) -> list[Optional[float]]:
    """For each page, where its right column begins, or None for a page of one column. A page
    that does not show it by itself (a last page whose second column has a line or two) takes
    the gutter of the document's other pages when no line crosses it."""
    own = [_gutter(lines) for lines in pages]
    found = [g for g in own if g is not None]
    if not found:
        return own
    usual = statistics.median(found)
    return [g if g is not None or not _fits(lines, usual) else usual for g, lines in zip(own, pages)]


def _crosses(ln: _Line, gutter: float) -> bool:
    """Across both columns: from the left one into the right one by more than two characters
    (a closing mark set past the margin of the left column stays in it)."""
    return ln.x0 < gutter - ln.size and ln.x1 > gutter + 2 * ln.size


def _gutter(lines: list[_Line]) -> Optional[float]:
    """Where the right column begins on a page of two columns: few lines cross the middle, and
    most lines of each half fill it (their ends at the middle, at the right edge)."""
    if len(lines) < 4:
        return None
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    mid = (left + right) / 2
    size = statistics.median(ln.size for ln in lines)
    starts = [ln.x0 for ln in lines if ln.x0 >= mid - size]
    if len(starts) < 2:
        return None
    gutter = min(starts)
    halves = [ln for ln in lines if not _crosses(ln, gutter)]
    lefts = [ln for ln in halves if ln.x0 < gutter - size / 2]
    rights = [ln for ln in halves if ln.x0 >= gutter - size / 2]
    slack = 3 * size
    full_left = sum(1 for ln in lefts if ln.x1 >= gutter - 2 * size - slack)
    full_right = sum(1 for ln in rights if ln.x1 >= right - slack)
    if (len(lines) - len(halves) <= _rules().column_share * len(lines) and len(lefts) >= 2 and len(rights) >= 2
            and full_left >= max(2, len(lefts) / 2) and full_right >= max(2, len(rights) / 2)):
        return gutter
    return None


def _fits(lines: list[_Line], gutter: float) -> bool:
    """The page can be read as two columns split at `gutter`: lines stand right of it, and
    few cross it."""
    if not lines:
        return False
    across = sum(1 for ln in lines if _crosses(ln, gutter))
    right = sum(1 for ln in lines if ln.x0 >= gutter - ln.size / 2)
    return right >= 1 and across <= _rules().column_share * len(lines)


def _columns(page: int, lines: list[_Line], gutter: Optional[float]) -> list[_Column]:
    """The page's runs of text in reading order: one column, or the left and the right column
    of each stretch between lines across both (a title, a note) read in turn."""
    if not lines:
        return [_Column(page, "single")]
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    if gutter is None:
        return [_Column(page, "single", _rows(lines))]
    out: list[_Column] = []
    halves: tuple[list[_Line], list[_Line]] = ([], [])

    def flush() -> None:
        for kind, half in zip(("left", "right"), halves):
            if half:
                out.append(_Column(page, kind, _rows(half)))
            half.clear()

    for ln in lines:
        if _crosses(ln, gutter):
            flush()
            out.append(_Column(page, "across", [ln]))
        else:
            halves[0 if ln.x0 < gutter - ln.size / 2 else 1].append(ln)
    flush()
    return out


def _rows(lines: list[_Line]) -> list[_Line]:
    """Pieces on one baseline (cells of a table, a line pdfminer split at a wide space) become
    one line, in x order: a tab between pieces far apart, a space where a space stood."""
    cell_gap = _rules().cell_gap
    rows: list[list[_Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if rows and abs(rows[-1][0].top - ln.top) < 0.5 * ln.size and abs(rows[-1][0].bottom - ln.bottom) < 0.5 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        text = row[0].text
        for a, b in zip(row, row[1:]):
            gap = b.x0 - a.x1
            text += "\t" if gap > cell_gap * b.size else " " if gap > 0.2 * b.size else ""
            text += b.text
        first, last = row[0], row[-1]
        out.append(_Line(first.page, first.x0, last.x1, min(r.top for r in row), max(r.bottom for r in row), text))
    return out


def _fill_edges(columns: list[_Column]) -> None:
    """Each column's left and right edge and usual line gap; a column of few lines takes the
    edges its kind has on the other pages (the last page of a report is often short)."""
    typical: dict[str, tuple[float, float]] = {}
    by_kind: dict[str, list[_Column]] = {}
    for col in columns:
        if col.lines:
            col.left = min(ln.x0 for ln in col.lines)
            col.right = _right_edge(col.lines, col.left)
            gaps = [b.top - a.bottom for a, b in zip(col.lines, col.lines[1:]) if b.top > a.bottom]
            col.gap = statistics.median(gaps) if gaps else 0.0
            if len(col.lines) >= 4:
                by_kind.setdefault(col.kind, []).append(col)
    for kind, cols in by_kind.items():
        typical[kind] = (statistics.median(c.left for c in cols), statistics.median(c.right for c in cols))
    gaps = [c.gap for cols in by_kind.values() for c in cols if c.gap]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    for col in columns:
        if col.lines and len(col.lines) < 4 and col.kind in typical:
            t_left, t_right = typical[col.kind]
            col.left, col.right = min(col.left, t_left), max(col.right, t_right)
        if not col.gap:
            col.gap = usual_gap


def _right_edge(lines: list[_Line], left: float) -> float:
    """Where the full lines end: the median end of the long lines (a closing mark set past the
    margin, as Chinese typesetting does, does not move it)."""
    far = max(ln.x1 for ln in lines)
    long = [ln.x1 for ln in lines if ln.x1 >= left + 0.75 * (far - left)]
    return statistics.median(long)


# --- paragraphs ------------------------------------------------------------------------------

def _centred(ln: _Line, col: _Column) -> bool:
    """Set in the middle of its column: as far from either edge, within a character."""
    return abs((ln.x0 - col.left) - (col.right - ln.x1)) < ln.size


@cache
def _sentence_ends() -> frozenset[str]:
    """What may end a paragraph: 。!?; and the colon, full-width or not."""
    m = marks()
    return frozenset(full_width(m.sentence_end_or_semicolon + m.colon))


def _continues(prev: _Line, prev_col: _Column, cur: _Line, cur_col: _Column) -> bool:
    """Does `cur` carry on the paragraph of `prev` (the line before it in reading order)?"""
    rules = _rules()
    if "\t" in prev.text or "\t" in cur.text or prev_col.kind == "across" or cur_col.kind == "across":
        return False
    if abs(prev.size - cur.size) > rules.size_change * min(prev.size, cur.size):
        return False  # a title's type, then the text's
    # a number or a word is not cut: a line ends early when the next one begins with one
    word = len(_LEADING_WORD.match(cur.text).group())
    ends_sentence = prev.text[-1:] in _sentence_ends()
    width = (prev_col.right - prev_col.left) / prev.size  # the column, in characters
    full = prev.x1 >= prev_col.right - (rules.right_slack + 0.6 * word) * prev.size
    open_slack = min(rules.open_slack, 0.25 * width)  # a narrow column's short lines are short
    nearly = prev.x1 >= prev_col.right - (open_slack + 0.6 * word) * prev.size
    if not (full or (nearly and not ends_sentence)):
        return False  # a short line ends its paragraph
    wraps = full and not ends_sentence and prev.x0 <= prev_col.left + rules.indent * prev.size
    if cur.x0 > cur_col.left + rules.indent * cur.size and not (wraps and _centred(cur, cur_col)):
        return False  # an indented line begins one (a centred title's last line goes on the full one)
    if prev_col is cur_col and cur.top - prev.bottom > cur_col.gap + rules.gap * cur.size:
        return False  # set apart by a wider gap
    if prev.text[-1:] in _sentence_ends() and text_patterns().heading_start.match(cur.text[:12].translate(width_fold())):
        return False  # a numbered heading after a sentence's end (一、过去五年工作回顾)
    return True


def _paragraphs(columns: list[_Column], n_pages: int) -> tuple[str, tuple[int, ...]]:
    """The text, a line per paragraph, and the offset where each page begins."""
    parts: list[str] = []
    length = 0
    starts: list[int] = []
    prev = prev_col = None
    for col in columns:
        for ln in col.lines:
            carry_on = prev is not None and _continues(prev, prev_col, ln, col)
            if parts and not carry_on:
                parts.append("\n")
                length += 1
            while len(starts) <= ln.page:
                starts.append(length)
            piece = joined(parts[-1][-1], ln.text)[1:] if carry_on else ln.text
            parts.append(piece)
            length += len(piece)
            prev, prev_col = ln, col
    while len(starts) < n_pages:
        starts.append(length)
    text = "".join(parts)
    return (text + "\n" if text else text), tuple(starts)
