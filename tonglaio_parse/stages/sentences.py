"""Stage — the sentence a figure or a finding stands in (its `context`), in ORIGINAL offsets.

A sentence runs from the last sentence end, semicolon or line break before a span to the next
one after it, its end mark included, blanks trimmed. It is found in the original text (not the
normalised one), so a context is always the text the user gave, in its own script; a
sentence that runs on for more than `_LONGEST` characters (a table row, a page without stops)
is narrowed to the clause, where the comma and colon end it too.
"""
from __future__ import annotations

import bisect
import re
from functools import cache

from .. import rx
from ..rules import char_class, full_width, line_separators, marks

Span = tuple[int, int]
_LONGEST = 300
_BLANK = " \t\r\u3000\xa0"


@cache
def _ends(clause: bool) -> re.Pattern:
    """A class of characters, which the standard library's engine scans three times faster."""
    m = marks()
    chars = m.sentence_end_or_semicolon + (m.comma + m.colon if clause else "")
    return rx.compile_std(char_class(full_width(chars) + m.line_break + line_separators()))


class Sentences:
    """The sentence bounds of one original text, found once and looked up by bisection."""

    def __init__(self, original: str):
        self.text = original
        self._bounds = {False: self._find(False)}

    def _find(self, clause: bool) -> list[int]:
        breaks = set(marks().line_break + line_separators())
        text = self.text
        bounds = [0]
        add = bounds.append
        for m in _ends(clause).finditer(text):
            k = m.start()
            if text[k] in breaks:
                add(k)
            add(k + 1)
        add(len(text))
        return bounds

    def around(self, start: int, end: int) -> Span:
        """The context of the span [start, end): its sentence, or its clause if that is long."""
        a, b = self._enclosing(start, end, False)
        if b - a > _LONGEST:
            if True not in self._bounds:
                self._bounds[True] = self._find(True)
            a, b = self._enclosing(start, end, True)
        return self._trimmed(a, b, start, end)

    def _enclosing(self, start: int, end: int, clause: bool) -> Span:
        bounds = self._bounds[clause]
        a = bounds[bisect.bisect_right(bounds, start) - 1]
        b = bounds[bisect.bisect_left(bounds, max(end, start + 1))] if end < len(self.text) else len(self.text)
        return a, max(b, end)

    def _trimmed(self, a: int, b: int, start: int, end: int) -> Span:
        text = self.text
        while a < start and text[a] in _BLANK:
            a += 1
        while b > end and text[b - 1] in _BLANK:
            b -= 1
        return a, b
