"""The report proper inside a copied page: the paragraphs of the text, and the web-page furniture
around the report (chrome lines, a site header, a licence or site footer) that the checks which
judge the report's own text leave out. Derived from the text alone, once per document
(Context.furniture()); LA007/LA008 report what was found."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Optional

import regex

from ..rules import compile_any, entries
from ..stages.normalize import Normalized


@dataclass(frozen=True, slots=True)
class Para:
    """A non-blank line of the normalised text: [start, end) in NORMALISED offsets."""
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Para(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class Furniture:
    body: tuple[int, int]            # ORIGINAL span of the report proper
    footer: Optional[tuple[Para, int]]  # the first line of a footer, and the lines from it to the end
    blocks: tuple[tuple[Para, ...], ...]  # lines of web-page furniture, anywhere, in runs of adjacent lines

    @property
    def chrome(self) -> tuple[Para, ...]:
        return tuple(p for b in self.blocks for p in b)


@dataclass(frozen=True)
class _Rules:
    chrome: regex.Pattern
    boilerplate: regex.Pattern
    boilerplate_lines: int  # how far from either end a header or footer block may start
    chrome_gap: int         # the longest short line between chrome lines at the page's end


@cache
def _rules() -> _Rules:
    t = entries("lint.toml")["layout"]
    return _Rules(compile_any(t.words("chrome"), t.name("chrome")),
                  compile_any(t.words("boilerplate"), t.name("boilerplate")),
                  t.integer("boilerplate_lines"), t.integer("chrome_gap"))


def furniture(norm: Normalized, paras: list[Para]) -> Furniture:
    """A licence/site footer (or header) block at either end, and chrome lines anywhere; the
    body is what lies between (chrome at the very start moves its start too)."""
    r = _rules()
    orig = norm.orig
    lo, hi = 0, len(norm.original)
    n = len(paras)
    footer = None
    head = min(r.boilerplate_lines, n // 3)
    ends = sorted(set(range(head)) | set(range(max(0, n - r.boilerplate_lines), n)))
    for i in ends:  # only the lines near either end can be a header or a footer
        p = paras[i]
        if r.boilerplate.search(p.text):
            if i >= n - r.boilerplate_lines and orig(p.start) < hi:  # a footer: it runs to the end
                hi = orig(p.start)
                footer = (p, n - i)
                break
            if i < min(r.boilerplate_lines, n // 3):  # a header: the report starts after it
                lo = orig(p.end)
    at = [i for i, p in enumerate(paras) if r.chrome.match(p.text)]
    blocks: list[list[Para]] = []
    for k, i in enumerate(at):
        if k and at[k - 1] == i - 1:
            blocks[-1].append(paras[i])
        else:
            blocks.append([paras[i]])
    chrome = [paras[i] for i in at]
    for p in chrome:
        if orig(p.start) <= lo + 200 and p is paras[0] or orig(p.start) < lo:
            lo = max(lo, orig(p.end))
    hi = _before_trailing_chrome(paras, set(map(id, chrome)), orig, lo, hi, r.chrome_gap)
    return Furniture((lo, hi), footer, tuple(map(tuple, blocks)))


def _before_trailing_chrome(paras: list[Para], chrome: set[int], orig, lo: int, hi: int, gap: int) -> int:
    """The body's end moved up over the chrome lines that close it (【打印本页】, 分享到: with
    its short share targets, related links), as a footer moves it."""
    end = hi
    for p in reversed(paras):
        start = orig(p.start)
        if start >= hi:
            continue
        if start < lo:
            break
        if id(p) in chrome:
            end = start
        elif len(p.text) > gap or p.text[-1:] in "。!?！？":
            break
    return end
