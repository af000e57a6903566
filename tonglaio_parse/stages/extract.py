"""What the three extractors (extract_html, extract_pdf, extract_docx) share: the result they
give, their rules (data/extract.toml), the import of an optional library with a message naming
the extra that installs it, and how two pieces of text are joined into one line.

An extractor turns the input into the ORIGINAL text: every span, line and column of a report
read from a web page, a PDF or a Word file refers to the text it returns.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ..errors import InputError
from ..rules import compile_any, entries


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    extractor: str                 # the library and its version, e.g. "pdfminer.six 20260107"
    pages: tuple[int, ...] = ()    # for a PDF: the offset in `text` where each page begins


_PACKAGES = {"html": "lxml", "pdf": "pdfminer.six", "docx": "python-docx"}  # the extras of pyproject.toml


def library(module: str, extra: str, what: str, where: str) -> Any:
    """Import an optional library, or fail with one line naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{where}: reading {what} needs the optional package {_PACKAGES.get(extra, extra)}: "
                         f"pip install 'tonglaio-parse[{extra}]'") from None


def reason(exc: BaseException) -> str:
    """What a library's exception says, on one short line."""
    text = " ".join(str(exc).split()) or "damaged"
    return f"{type(exc).__name__}: {text if len(text) <= 80 else text[:77] + '...'}"


def version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return f"{distribution} {dist_version(distribution)}"
    except PackageNotFoundError:
        return distribution


@cache
def section(name: str):
    """The [name] section of data/extract.toml."""
    return entries("extract.toml")[name]


@cache
def patterns(name: str, key: str) -> regex.Pattern:
    """The list `key` of section [name] as one pattern."""
    sect = section(name)
    return compile_any(sect.words(key), sect.name(key))


_CJK = regex.compile(r"[\p{Han}\p{Block=CJK_Symbols_and_Punctuation}\p{Block=Halfwidth_and_Fullwidth_Forms}"
                     r"\u2014\u2026\u201c\u201d\u2018\u2019·]")
_WORD = regex.compile(r"[A-Za-z]")
_SPACES = regex.compile(r"[ \t\r\n\f\v\u00a0]+")


def cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def joined(left: str, right: str) -> str:
    """Two pieces of one paragraph (a line the layout wrapped, the text either side of a newline
    in HTML source): nothing between Chinese characters, nor inside a number; one space between
    two words of Latin letters."""
    if not left or not right:
        return left + right
    if _WORD.match(left[-1]) and _WORD.match(right[0]):
        return f"{left} {right}"
    return left + right


def squeeze(text: str) -> str:
    """Runs of white space become one space, but none is left where a line break stood between
    Chinese characters (as a browser renders it, CSS Text 3 segment breaks); the ends stripped."""
    def one(m: regex.Match) -> str:
        run = m.group()
        if "\n" in run or "\r" in run:
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if cjk(before) or cjk(after):
                return ""
        return " "

    return _SPACES.sub(one, text).strip(" \u3000")


def han_chars(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
