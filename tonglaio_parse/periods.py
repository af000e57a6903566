"""The years a figure refers to, and the year a document is delivered in."""
from __future__ import annotations

import re as _re
from functools import cache
from typing import Optional

import regex

from .model import Period
from .numbers import parse_number
from .rules import alternation, table

_PARAGRAPH_BREAK = regex.compile(r"\n")
_SENTENCE_END = regex.compile(r"[。!?;]")
_CN_YEAR = regex.compile(r"[〇零一二三四五六七八九]{4}(?=年)")


@cache
def _rules():
    t = table("periods.toml")
    doc = [(regex.compile(r["pattern"]), int(r["offset"])) for r in t["document_year"]]
    rel = t["relative"]
    marker = regex.compile(
        "(?P<rel>" + alternation(rel) + ")|(?P<planword>" + t["plan_pattern"] + ")|" + t["year_pattern"])
    return doc, rel, marker, [int(y) for y in t["plan_starts"]]


def _arabic_years(text: str) -> str:
    """二〇三五年 -> 2035年 without changing length (so offsets stay)."""
    return _CN_YEAR.sub(lambda m: str(int(parse_number(m.group()))), text)


def document_year(text: str, path: Optional[str] = None) -> Optional[int]:
    doc, _, _, _ = _rules()
    for rx, offset in doc:
        m = rx.search(text)
        if m:
            return int(m.group("year")) + offset
    if path:
        m = _re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", path.rsplit("/", 1)[-1])
        if m:
            return int(m.group(1))
    return None


def plan_period(name: str) -> Optional[Period]:
    """“十四五” -> 2021–2025."""
    _, _, _, starts = _rules()
    n = _plan_number(name)
    if n is None or n < 1:
        return None
    start = starts[n - 1] if n <= len(starts) else starts[-1] + 5 * (n - len(starts))
    return Period(start, start + 4)


def _plan_number(name: str) -> Optional[int]:
    name = name.strip("“”\"")
    if not name.endswith("五"):
        return None
    try:
        return int(parse_number(name[:-1]))
    except ValueError:
        return None


def period_for(text: str, pos: int, status: str, year: Optional[int], heading: str = "") -> Optional[Period]:
    """The years a figure at `pos` refers to: the nearest time word before it in its sentence;
    else a strong time word earlier in its paragraph; else its section heading; else a time
    word later in the paragraph; else this year for a target and last year for a result."""
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end == -1 else para_end
    para_start = max(para_start, pos - 800)
    sent_start = para_start
    for m in _SENTENCE_END.finditer(text, para_start, pos):
        sent_start = m.end()
    for chunk, strong_only, last in ((text[sent_start:pos], False, True),
                                     (text[para_start:sent_start], True, True),
                                     (heading, False, True),
                                     (text[pos:min(para_end, pos + 400)], False, False)):
        found = _marker(chunk, year, strong_only, last)
        if found is not None:
            return found
    if year is None:
        return None
    return Period(year, year) if status == "target" else Period(year - 1, year - 1)


_STRONG_PLAN_SUFFIX = regex.compile(r"”?(?:时期|期间|以来|末|规划期|开局之年)")


def _marker(chunk: str, year: Optional[int], strong_only: bool, last: bool) -> Optional[Period]:
    if not chunk:
        return None
    _, rel, marker, _ = _rules()
    chunk = _arabic_years(chunk)
    found: Optional[Period] = None
    for m in marker.finditer(chunk):
        if strong_only and m.group("planword") and not _STRONG_PLAN_SUFFIX.match(chunk, m.end("plan")):
            continue
        p = _marker_period(m, rel, year)
        if p is not None:
            found = p
            if not last:
                return found
    return found


def _marker_period(m: regex.Match, rel: dict, year: Optional[int]) -> Optional[Period]:
    if m.group("rel"):
        if year is None:
            return None
        a, b = rel[m.group("rel")]
        return Period(year + a, year + b)
    if m.group("planword"):
        return plan_period(m.group("plan"))
    y = int(m.group("year"))
    return Period(y, y)
