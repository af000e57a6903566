"""Text findings: words repeated by mistake."""
from __future__ import annotations

from functools import cache

import regex

from ..rules import table
from . import Context, check


@cache
def _patterns():
    t = table("repetition.toml")
    allowed = set(t["allowed"])
    # XX (a character doubled), XYXY (a word doubled), XY、XY (a list item repeated)
    rx = regex.compile(r"(?P<w>\p{Han}{1,4})(?P<sep>、?)(?P=w)")
    return rx, allowed


@check("TX001")
def repeated_word(ctx: Context) -> None:
    rx, allowed = _patterns()
    text = ctx.norm.text
    for m in rx.finditer(text, overlapped=False):
        word = m.group("w")
        whole = m.group()
        if whole in allowed or word in allowed or _in_allowed_context(text, m, allowed):
            continue
        if len(word) == 1 and not m.group("sep") and not _doubled_char_is_error(text, m):
            continue
        s, e = ctx.norm.orig_span(m.start(), m.end())
        ctx.warn("TX001", s, e, f"'{word}' repeated: {whole}")


def _in_allowed_context(text: str, m, allowed: set[str]) -> bool:
    around = text[max(0, m.start() - 2):m.end() + 2]
    return any(a in around for a in allowed if len(a) > 2)


def _doubled_char_is_error(text: str, m) -> bool:
    """建建 in 新建建各类: the doubled char completes a word with the char before it."""
    ch = m.group("w")
    before = text[max(0, m.start() - 1):m.start()]
    return bool(before) and (before + ch) in table("repetition.toml")["verbs_doubled"]
