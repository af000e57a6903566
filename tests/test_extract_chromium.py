"""PDFs made by another tool: the report page printed by headless Chromium (Skia, its own header
and footer, ragged or justified lines, two columns by CSS) reads back as the report's text.

Skipped, with the reason, without chromium or a CJK font; .ci/run installs both (and sets
TONGLAIO_REQUIRE_BROWSER=1, which turns the skip into a failure)."""
from __future__ import annotations

import html
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from tonglaio_parse import parse_file

TEXT = (ROOT / "fixtures" / "inputs" / "report.txt").read_text(encoding="utf-8")
# a paragraph of the Hubei 2026 report whose line 提升，“51020”… Chromium moves down whole (a
# line ending four characters short, mid-sentence)
RAGGED = (ROOT / "fixtures" / "inputs" / "ragged-paragraph.txt").read_text(encoding="utf-8")
LAYOUTS = {
    "ragged": "",
    "ragged, narrow": "font-size: 13pt; max-width: 31em;",
    "ragged, wide": "font-size: 11pt; max-width: 43em;",
    "justified, indented, larger": "text-align: justify; font-size: 14pt; line-height: 1.9; margin: 0 3em;",
    "two columns": "column-count: 2; column-gap: 2em; text-align: justify;",
}


def _missing() -> str:
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "no chromium on PATH (apt-get install chromium)"
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    return "" if fonts.strip() else "no CJK font (apt-get install fonts-noto-cjk)"


@pytest.fixture(scope="module")
def chromium():
    why = _missing()
    if why:
        if os.environ.get("TONGLAIO_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _page(css: str, text: str = TEXT) -> str:
    paragraphs = "\n".join(f"<p style='text-indent:2em;margin:0'>{html.escape(line)}</p>"
                           for line in text.splitlines() if line.strip() and "\t" not in line)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告</title>"
            f"<style>body {{font-family: 'Noto Serif CJK SC', serif}} .c {{{css}}}</style></head>"
            f"<body><div class='c'>{paragraphs}</div></body></html>")


def _print(chromium: str, page_html: str, folder) -> str:
    page = folder / "page.html"
    page.write_text(page_html, encoding="utf-8")
    pdf = folder / "report.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(page)],
                   capture_output=True, timeout=120, check=False)
    assert pdf.exists() and pdf.stat().st_size > 1000, "chromium printed nothing"
    return str(pdf)


def test_a_line_that_stops_short_mid_sentence_goes_on(chromium, tmp_path):
    # sans-serif: the face that sets it so here (pages enough for the furniture to recur)
    report = parse_file(_print(chromium, _page("font-family: sans-serif;", RAGGED + TEXT), tmp_path))
    assert report.text.splitlines()[0] == RAGGED.strip()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_pdf_printed_by_chromium_reads_as_the_text(chromium, tmp_path, layout):
    pdf = _print(chromium, _page(LAYOUTS[layout]), tmp_path)
    expected = [line for line in TEXT.splitlines() if line.strip() and "\t" not in line]
    report = parse_file(pdf)
    assert report.text.splitlines() == expected  # Chromium's header (date, title) and footer (path, n/N) gone
    as_text = parse_file(str(ROOT / "fixtures" / "inputs" / "report.txt"))
    figures = lambda r: [(i.subject, i.value, i.unit, i.status, i.period) for i in r.indicators  # noqa: E731
                         if "\t" not in r.text[i.context_span[0]:i.context_span[1]]]
    assert figures(report) == figures(as_text)
    assert report.source.pages and all(i.page for i in report.indicators)
