"""PDFs for the tests, typeset here as a gazette prints a report: a CJK font (the Noto Sans CJK
face fontconfig finds, from fonts-noto-cjk), a running header and a page number on every page,
paragraphs with a first-line indent of two characters wrapped at the right margin (so a
paragraph breaks across pages), centred title lines, one or two columns, and tables.

fpdf2 writes the PDF; the font is first turned into a small TrueType subset (fontTools) of the
characters the test needs, so that the PDF is what office software writes (CIDFontType2,
Identity-H, a ToUnicode map).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Optional

import pytest


def cjk_font_file() -> Optional[str]:
    """A CJK font of this machine (fc-list :lang=zh), Noto Sans CJK Regular preferred."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    files.sort(key=lambda f: ("SansCJK-Regular" not in f, "Sans" not in f, f))
    return files[0] if files else None


def need_pdf_tools() -> str:
    """The CJK font file, or skip the test saying what is missing."""
    pytest.importorskip("fpdf", reason="fpdf2 (the test extra) makes the test PDFs")
    pytest.importorskip("fontTools", reason="fontTools makes the test font")
    font = cjk_font_file()
    if font is None:
        pytest.skip("no CJK font (fc-list :lang=zh finds none): install fonts-noto-cjk, as .ci/run does")
    return font


def truetype_subset(source: str, chars: str, out: Path) -> Path:
    """The characters `chars` of the font `source` (a .ttc/.otf of CFF outlines too) as a small
    TrueType font."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, TTFont

    if source.lower().endswith((".ttc", ".otc")):
        faces = TTCollection(source).fonts
        face = next((f for f in faces if "SC" in (f["name"].getDebugName(4) or "")), faces[0])
    else:
        face = TTFont(source)
    cmap = face.getBestCmap()
    glyph_set = face.getGlyphSet()
    hmtx = face["hmtx"]
    wanted = sorted({ord(c) for c in chars if ord(c) in cmap} | {0x20})
    names = {cp: f"u{cp:04X}" for cp in wanted}
    glyphs, metrics = {}, {}
    for name, src in [(".notdef", ".notdef")] + [(names[cp], cmap[cp]) for cp in wanted]:
        pen = TTGlyphPen(None)
        glyph_set[src].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
        metrics[name] = (hmtx[src][0], 0)
    fb = FontBuilder(face["head"].unitsPerEm, isTTF=True)
    fb.setupGlyphOrder([".notdef"] + [names[cp] for cp in wanted])
    fb.setupCharacterMap(names)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    hhea = face["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    fb.setupNameTable({"familyName": "TestCJK", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=hhea.ascent, sTypoDescender=hhea.descent, usWinAscent=hhea.ascent,
                usWinDescent=-hhea.descent)
    fb.setupPost()
    fb.save(str(out))
    return out


_NO_LINE_START = set("，。、；：？！”’）》」』】…%")


class Gazette:
    """A report typeset on A4: `paragraph`, `centred`, `table`, then `save`."""

    def __init__(self, font: Path, header: str = "", columns: int = 1, size: float = 12.0,
                 numbers: bool = True, margin: float = 22.0):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("cjk", fname=str(font))
        self.size, self.header, self.numbers, self.columns = size, header, numbers, columns
        self.margin, self.gutter = margin, 10.0
        self.pitch = size * 0.3528 * 1.7  # mm between baselines
        self.width = (210 - 2 * margin - (columns - 1) * self.gutter) / columns
        self.column = columns  # forces a new page on the first line
        self.y = float("inf")  # the first line opens the first page
        self.top = 0.0

    # -- layout -------------------------------------------------------------------------------
    def _x(self) -> float:
        return self.margin + self.column * (self.width + self.gutter)

    def _new_column(self) -> None:
        self.column += 1
        if self.column >= self.columns:
            self._new_page()
            self.column = 0
            self.top = self.margin + 8
        self.y = self.top

    def _new_page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        n = pdf.page_no()
        pdf.set_font("cjk", size=9)
        if self.header:
            pdf.set_xy(self.margin, 10)
            pdf.cell(210 - 2 * self.margin, 5, self.header, align="C")
            pdf.line(self.margin, 16, 210 - self.margin, 16)
        if self.numbers:
            pdf.set_xy(self.margin, 297 - 14)
            pdf.cell(210 - 2 * self.margin, 5, f"— {n} —", align="C")
        pdf.set_font("cjk", size=self.size)

    def _line(self, text: str, dx: float) -> None:
        """A line at `dx` from the left of the column (on a new column or page if it is full)."""
        if self.y + self.pitch > 297 - self.margin:
            self._new_column()
        self.pdf.set_xy(self._x() + dx, self.y)
        self.pdf.cell(0, self.pitch, text)
        self.y += self.pitch

    def _wrap(self, text: str, first_indent: float) -> list[tuple[float, str]]:
        """Lines of at most the column's width, the first indented; a closing mark never
        starts a line (it stays at the end of the one before), a number or a word is never cut."""
        width = self.pdf.get_string_width
        lines, cur, indent = [], "", first_indent
        for piece in re.findall(r"[A-Za-z0-9.%]+|.", text):  # a number or a word is not broken
            if cur and width(cur + piece) > self.width - indent and piece not in _NO_LINE_START:
                lines.append((indent, cur))
                cur, indent = "", 0.0
            cur += piece
        if cur:
            lines.append((indent, cur))
        return lines

    # -- content ------------------------------------------------------------------------------
    def paragraph(self, text: str, indent: int = 2) -> None:
        self.pdf.set_font("cjk", size=self.size)
        em = self.pdf.get_string_width("中")
        for dx, line in self._wrap(text, indent * em):
            self._line(line, dx)

    def centred(self, text: str) -> None:
        self.pdf.set_font("cjk", size=self.size)
        for _, line in self._wrap(text, 0):
            self._line(line, (self.width - self.pdf.get_string_width(line)) / 2)

    def title(self, text: str) -> None:
        """A line centred across the columns, at the top of the first page."""
        if self.y == float("inf"):
            self._new_column()
        self.pdf.set_font("cjk", size=self.size)
        full = 210 - 2 * self.margin
        self.pdf.set_xy(self.margin + (full - self.pdf.get_string_width(text)) / 2, self.y)
        self.pdf.cell(0, self.pitch, text)
        self.y += self.pitch
        self.top = self.y  # the columns of this page begin below it

    def table(self, rows: list[list[str]]) -> None:
        cell = self.width / max(len(r) for r in rows)
        for row in rows:
            if self.y + self.pitch > 297 - self.margin:
                self._new_column()
            for i, text in enumerate(row):
                self.pdf.set_xy(self._x() + i * cell, self.y)
                self.pdf.cell(cell, self.pitch, text, border=1)
            self.y += self.pitch

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path

    @property
    def pages(self) -> int:
        return self.pdf.page_no()


def typeset(text: str, font: Path, path: Path, **kw) -> Path:
    """A report's text (title, date line and speaker centred, parts and paragraphs indented,
    tab-separated rows as a table) as a PDF."""
    doc = Gazette(font, **kw)
    lines = text.rstrip("\n").split("\n")
    rows: list[list[str]] = []
    for i, line in enumerate(lines):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            doc.table(rows)
            rows = []
        if i < 3:
            (doc.title if doc.columns > 1 else doc.centred)(line)
        else:
            doc.paragraph(line)
    if rows:
        doc.table(rows)
    return doc.save(path)
