"""Where a Han character recurs within six characters: what TX001 (a word or character doubled,
a word echoed) and TX004 (a garbled phrase) both start from. Found once per document, over the
body (Context.repeats()), by one scan of the stdlib engine: `regex` needs four times as long for
a back-reference scan, and this runs on every character."""
from __future__ import annotations

import re
from functools import cache

from .. import rx

# Han, as TX001 reads it (ideographs of every block, 々, 〇, the Hangzhou numerals)
HAN = ("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
       "\uf900-\ufaff\U00016fe2\U00016fe3\U00016ff0\U00016ff1\U00020000-\U0003134f]")


@cache
def _repeat() -> re.Pattern:
    return rx.compile_std(rf"({HAN})(?={HAN}{{0,5}}?\1)")  # (no group for the recurrence: 15 % slower)


def find_repeats(text: str, lo: int, hi: int) -> list[int]:
    """NORMALISED offsets in text[lo:hi], ascending, of each Han character that recurs within
    six, the characters between Han too (so never across a line)."""
    return [m.start() for m in _repeat().finditer(text, lo, hi)]
