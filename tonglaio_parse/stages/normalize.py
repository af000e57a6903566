"""Stage 2 — text for matching, with a map back to offsets in the original.

The normalised text folds full-width forms to ASCII, converts Traditional to Simplified
characters, drops markup, zero-width characters and page markers, and joins a paragraph
that a page break cut in two. Every normalised offset maps back to the original through
`Normalized.orig`, so spans in the output always point at the text the user gave us.

Line ends. Lines and columns count "\n" only, as the contract checker does: a CRLF file
has the lines and columns of its LF copy, and a lone "\r" (old Mac line ends) or any other
separator Python's splitlines() knows ("\v", "\f", "\x1c"-"\x1e", U+0085, U+2028,
U+2029) does not start a new line in `line_col`. For MATCHING they all read as "\n"
(same length), and the "\r" of a "\r\n" pair is removed, so the normalised text of a
CRLF, CR or LF copy is the same and splitlines() on it agrees with split("\n").
"""
from __future__ import annotations

import bisect
import re
from operator import ne
from dataclasses import dataclass, field
from functools import cache
from typing import Optional

import regex

from .. import rx
from ..rules import char_class, line_separators, marks, patterns, width_fold

_CHUNK = 4096  # longest run handed to OpenCC at once (bounds the per-character fallback)


@dataclass(frozen=True, slots=True)
class Edit:
    """Something normalisation removed or joined, in ORIGINAL offsets."""
    kind: str  # page-marker | markup | invisible | paragraph-join | page-furniture | line-wrap
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

    def as_written(self, words: Optional[str], near: Optional[int] = None) -> Optional[str]:
        """`words` (taken from the normalised text) in the script of the original: the original
        of its nearest occurrence before `near` (else its first), or its Traditional form
        when it does not occur as one piece (a subject put together from a list)."""
        if not words or self.script in ("simplified", "none"):
            return words
        text = self.text
        i = text.rfind(words, 0, near + len(words)) if near is not None else -1
        if i < 0:
            i = text.find(words)
        if i >= 0:
            a, b = self.orig_span(i, i + len(words))
            if b - a == len(words):
                return self.original[a:b]
        return same_length(converter("s2t"), words)

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


@cache
def _fold_table() -> dict[str, str]:
    """Full-width ASCII (！..～) and the ideographic space fold to ASCII; line separators read
    as "\n"; lengths are unchanged."""
    line_break = marks().line_break
    fold = width_fold() | {ord(c): ord(line_break) for c in line_separators()}
    return {chr(a): chr(b) for a, b in fold.items()}


@cache
def _foldable() -> re.Pattern:
    return rx.compile_std(char_class("".join(_fold_table())))


def _fold(text: str) -> str:
    """text.translate() with the fold table, one str.replace per character present, the next
    one found by a scan from the last: translate looks every character up in the table, ten
    times slower on a report. (No target is itself folded, so none is left before the last.)"""
    fold, foldable = _fold_table(), _foldable()
    found = foldable.search(text)
    while found:
        text = text.replace(found.group(), fold[found.group()])
        found = foldable.search(text, found.start())
    return text


def normalize(original: str) -> Normalized:
    folded = _fold(original)
    simplified, script = _to_simplified(folded)
    crs = _crlf_returns(original)
    edits = _find_edits(_without(simplified, crs), crs)
    removals = sorted(edits + [Edit("line-end", c, c + 1) for c in crs], key=lambda e: (e.start, -e.end))
    pieces, parts = [], []
    pos = norm = 0
    for edit in removals:
        if edit.end <= pos:
            continue  # a CR inside an edit already applied
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


def _crlf_returns(text: str) -> list[int]:
    """Offsets of the "\r" of every "\r\n" pair."""
    out = []
    find = text.find
    i = find("\r\n")
    while i != -1:
        out.append(i)
        i = find("\r\n", i + 2)
    return out


def _without(text: str, crs: list[int]) -> str:
    if not crs:
        return text
    parts, pos = [], 0
    for c in crs:
        parts.append(text[pos:c])
        pos = c + 1
    parts.append(text[pos:])
    return "".join(parts)


def _find_edits(base: str, crs: list[int]) -> list[Edit]:
    """Removals and joins found in `base` (the text without the CRs of CRLF pairs), in
    ORIGINAL offsets; an edit inside one already kept is dropped."""
    found = [(kind, m.start(), m.end())
             for kind, rx in patterns().removals
             for m in rx.finditer(base) if m.end() > m.start()]
    found += [(e.kind, e.start, e.end) for e in _paragraph_joins(base)]
    found += [(e.kind, e.start, e.end) for e in _page_layout(base)]
    if crs:
        # base offset b is original offset b + (CRs removed before it)
        shifted = [c - k for k, c in enumerate(crs)]

        def to_orig(b: int) -> int:
            return b + bisect.bisect_right(shifted, b)
        # an edit starts right after the character before it, so a gap that begins with
        # "\n" takes the "\r" of its CRLF along
        found = [(kind, to_orig(s - 1) + 1 if s else 0, to_orig(e - 1) + 1) for kind, s, e in found]
    found.sort(key=lambda e: (e[1], -e[2]))
    merged: list[Edit] = []
    for kind, start, end in found:
        if merged and start < merged[-1].end:
            continue
        merged.append(Edit(kind, start, end))
    return merged


def _paragraph_joins(text: str) -> list[Edit]:
    """A paragraph that ends without closing punctuation and is continued after a blank line
    (a page or column break) is joined to its continuation."""
    rx = patterns().cut_paragraph
    return [Edit("paragraph-join", m.start("gap"), m.end("gap")) for m in rx.finditer(text)
            if not patterns().heading_start.match(text, m.end("gap"))]


def _page_layout(text: str) -> list[Edit]:
    """PDF text: page-number lines and the running header under them are page furniture
    (removed with their line end); in a hard-wrapped text a line break inside a sentence is
    a line wrap (removed, with any furniture between the two halves)."""
    pats = patterns()
    numbers = [(m.start(), m.end()) for m in _page_number_line().finditer(text)]
    edits = _furniture(text, numbers)
    closing = _closing()
    long_lines = [m.end() for m in _long_line().finditer(text)]
    open_ends = sum(text[e - 1] not in closing for e in long_lines)
    if not long_lines or open_ends < pats.wrapped_share * len(long_lines):
        return edits
    skip = {e.start for e in edits}
    starts = line_starts(text)
    lines = [(a, (starts[k + 1] - 1) if k + 1 < len(starts) else len(text)) for k, a in enumerate(starts)]
    content = [(a, b) for a, b in lines if a not in skip and text[a:b].strip()]
    ends = marks().sentence_end + marks().quotes[1:]  # in a wrapped text only these end a paragraph
    for (a, b), (c, d) in zip(content, content[1:]):
        if b - a >= pats.wrapped_line_chars and text[b - 1] not in ends and _continues(text, c) \
                and not pats.heading_start.match(text, c):
            edits.append(Edit("line-wrap", b, c))
    return edits


def _furniture(text: str, numbers: list[tuple[int, int]]) -> list[Edit]:
    """Page-number lines, and a short line found right under two or more of them (the header)."""
    pats = patterns()
    headers: dict[str, list[tuple[int, int]]] = {}
    for _, b in numbers:
        c = b + 1
        d = text.find("\n", c)
        d = len(text) if d == -1 else d
        if c < len(text) and 0 < d - c <= pats.running_header_chars:
            headers.setdefault(text[c:d].strip(), []).append((c, d))
    spans = numbers + [ab for found in headers.values() if len(found) >= 2 for ab in found]
    return [Edit("page-furniture", a, min(len(text), b + 1)) for a, b in sorted(spans)]


@cache
def _page_number_line() -> regex.Pattern:
    return rx.compile(f"(?m)^(?:{patterns().page_number.pattern})$")


@cache
def _long_line() -> regex.Pattern:
    return rx.compile(f"(?m)^[^\\n]{{{patterns().wrapped_line_chars},}}$")


@cache
def _closing() -> str:
    """What may close a paragraph: a sentence end or semicolon, a colon, a closing quote or bracket."""
    m = marks()
    return m.sentence_end_or_semicolon + m.colon + m.quotes[1:] + m.brackets[1:] + m.title_marks[1:]


def _continues(text: str, c: int) -> bool:
    """The next line goes on with the sentence: it starts with a Han character, a digit, % (an
    indented line starts a paragraph)."""
    ch = text[c:c + 1]
    return bool(ch) and (ch.isdigit() or ch == "%" or "\u4e00" <= ch <= "\u9fff")


@cache
def converter(name: str):
    """One OpenCC converter per name ('t2s', 's2t') for the whole process."""
    import opencc
    return opencc.OpenCC(name)


def _to_simplified(text: str) -> tuple[str, str]:
    """Convert to Simplified keeping every offset; report the script the text was in."""
    if not regex.search(r"\p{Han}", text):
        return text, "none"
    t2s = converter("t2s")
    out = []
    traditional = simplified_only = 0
    chunks = list(_chunks(text))
    for chunk in chunks:
        conv = same_length(t2s, chunk)
        if conv != chunk:
            traditional += sum(map(ne, conv, chunk))
        out.append(conv)
    if traditional:  # with none, the script is "simplified" whatever s2t would count
        s2t = converter("s2t")
        for chunk in chunks:
            back = same_length(s2t, chunk)
            if back != chunk:
                simplified_only += sum(map(ne, back, chunk))
            if _settled(traditional, simplified_only):
                break
    script = _script(traditional, simplified_only)
    return "".join(out), script


@cache
def _cut_point() -> regex.Pattern:
    """Where a long line may be cut for conversion: after a sentence, clause or list item."""
    m = marks()
    return rx.compile(char_class(m.line_break + m.sentence_end_or_semicolon + m.comma + m.enumeration_comma))


def _chunks(text: str):
    """Lines or sentences of at most _CHUNK characters (a cut elsewhere only for a longer
    run without punctuation), so conversion cost stays linear whatever the line length."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + _CHUNK)
        if end < n:
            cut = text.rfind("\n", pos, end)
            if cut < pos:
                last = None
                for m in _cut_point().finditer(text, pos, end):
                    last = m
                cut = last.start() if last else end - 1
            end = cut + 1
        yield text[pos:end]
        pos = end


def same_length(conv_with, chunk: str) -> str:
    """OpenCC conversion that keeps every offset (a phrase rule that changes the length falls
    back to characters)."""
    conv = conv_with.convert(chunk)
    if len(conv) == len(chunk):
        return conv
    # a phrase conversion changed the length: go character by character
    return "".join(c if len(x := conv_with.convert(c)) != 1 else x for c in chunk)


def _settled(traditional: int, simplified: int) -> bool:
    """True when no more Simplified-only characters can change the script: they are as many as
    the Traditional ones and the text is "simplified" already, and the Traditional share only
    falls from there (so the s2t pass may stop)."""
    return simplified >= traditional and _script(traditional, simplified) == "simplified"


def _script(traditional: int, simplified: int) -> str:
    if traditional and simplified:
        minor = min(traditional, simplified) / (traditional + simplified)
        if minor > 0.05:
            return "mixed"
    if traditional > simplified:
        return "traditional"
    return "simplified"
