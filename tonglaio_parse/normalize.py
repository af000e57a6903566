"""Stage 2 — text for matching, with a map back to offsets in the original.

The normalised text folds full-width forms to ASCII, converts Traditional to Simplified
characters, drops markup, zero-width characters and page markers, and joins a paragraph
that a page break cut in two. Every normalised offset maps back to the original through
`Normalized.orig`, so spans in the output always point at the text the user gave us.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

import regex

from .rules import patterns

# Full-width ASCII (！..～) and the ideographic space fold to ASCII; lengths are unchanged.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(frozen=True, slots=True)
class Edit:
    """Something normalisation removed or joined, in ORIGINAL offsets."""
    kind: str  # page-marker | markup | invisible | paragraph-join
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Piece:
    norm_start: int
    orig_start: int
    orig_len: int
    norm_len: int


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    pieces: list[_Piece]
    edits: list[Edit]
    script: str
    _norm_starts: list[int] = field(repr=False, default_factory=list)
    _line_starts: list[int] = field(repr=False, default_factory=list)

    def orig(self, i: int) -> int:
        """Original offset of normalised offset i (i == len(text) maps to the end)."""
        if i >= len(self.text):
            return len(self.original) if not self.pieces else \
                self.pieces[-1].orig_start + self.pieces[-1].orig_len
        k = bisect.bisect_right(self._norm_starts, i) - 1
        p = self.pieces[k]
        return p.orig_start + min(i - p.norm_start, p.orig_len - 1) if p.orig_len != p.norm_len \
            else p.orig_start + (i - p.norm_start)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1

    def line_col(self, orig_offset: int) -> tuple[int, int]:
        """1-based line and column of an ORIGINAL offset."""
        line = bisect.bisect_right(self._line_starts, orig_offset)
        return line, orig_offset - self._line_starts[line - 1] + 1


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def normalize(original: str) -> Normalized:
    folded = original.translate(_WIDTH)
    simplified, script = _to_simplified(folded)
    edits = _find_edits(simplified)
    pieces, parts = [], []
    pos = norm = 0
    for edit in edits:
        if edit.start > pos:
            pieces.append(_Piece(norm, pos, edit.start - pos, edit.start - pos))
            parts.append(simplified[pos:edit.start])
            norm += edit.start - pos
        pos = max(pos, edit.end)
    if pos < len(simplified):
        pieces.append(_Piece(norm, pos, len(simplified) - pos, len(simplified) - pos))
        parts.append(simplified[pos:])
    text = "".join(parts)
    return Normalized(original, text, pieces, edits, script,
                      [p.norm_start for p in pieces], line_starts(original))


def _find_edits(text: str) -> list[Edit]:
    edits = [Edit(kind, m.start(), m.end())
             for kind, rx in patterns().removals
             for m in rx.finditer(text)]
    edits += _paragraph_joins(text)
    edits.sort(key=lambda e: (e.start, -e.end))
    merged: list[Edit] = []
    for e in edits:  # drop an edit inside one already kept
        if merged and e.start < merged[-1].end:
            continue
        merged.append(e)
    return merged


def _paragraph_joins(text: str) -> list[Edit]:
    """A paragraph that ends without closing punctuation and is continued after a blank line
    (a page or column break) is joined to its continuation."""
    rx = patterns().cut_paragraph
    return [Edit("paragraph-join", m.start("gap"), m.end("gap")) for m in rx.finditer(text)
            if not patterns().heading_start.match(text, m.end("gap"))]


@cache
def _converters():
    import opencc
    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def _to_simplified(text: str) -> tuple[str, str]:
    """Convert to Simplified keeping every offset; report the script the text was in."""
    if not regex.search(r"\p{Han}", text):
        return text, "none"
    t2s, s2t = _converters()
    out_lines = []
    traditional = simplified_only = 0
    for line in text.split("\n"):
        conv = t2s.convert(line)
        if len(conv) != len(line):  # a phrase conversion changed the length: go char by char
            conv = "".join(c if len(x := t2s.convert(c)) != 1 else x for c in line)
        if conv != line:
            traditional += sum(a != b for a, b in zip(conv, line))
        out_lines.append(conv)
    result = "\n".join(out_lines)
    back = s2t.convert(text)
    if len(back) == len(text):
        simplified_only = sum(a != b for a, b in zip(back, text)) if back != text else 0
    script = _script(traditional, simplified_only)
    return result, script


def _script(traditional: int, simplified: int) -> str:
    if traditional and simplified:
        minor = min(traditional, simplified) / (traditional + simplified)
        if minor > 0.05:
            return "mixed"
    if traditional > simplified:
        return "traditional"
    return "simplified"
