"""`compile()`: regex.compile; `compile_std()`: re.compile (the standard library's engine, used
where it matches faster). Both are the libraries' public calls, memoised for the process.

Nothing is kept on disk: a compiled pattern is an engine's internal state, and what a file would
hand an engine's C core is not checked by it. Start-up stays short by compiling a stage's
patterns when the stage first runs, not at import, and by keeping patterns small.
"""
from __future__ import annotations

import re
from functools import cache

import regex

__all__ = ["compile", "compile_std", "up_to_last"]

_memo: dict[tuple, object] = {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    key = ("regex", pattern, int(flags))
    found = _memo.get(key)
    if found is None:
        found = _memo.setdefault(key, regex.compile(pattern, flags))
    return found  # type: ignore[return-value]


def compile_std(pattern: str, flags: int = 0) -> re.Pattern:
    key = ("re", pattern, int(flags))
    found = _memo.get(key)
    if found is None:
        found = _memo.setdefault(key, re.compile(pattern, flags))
    return found  # type: ignore[return-value]


@cache
def up_to_last(class_pattern: str) -> re.Pattern:
    """Everything up to the last character of a class, matched from a window's start to a
    position: the end of the last mark before it. The standard library's engine backs off from
    the end faster than `regex` searches backwards."""
    return compile_std(f"(?s:.*){class_pattern}")
