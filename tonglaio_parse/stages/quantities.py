"""Quantities: number + magnitude + unit + qualifier + range spans, and what every other numeral is.

`find_quantities(text)` returns the measured quantities of a NORMALISED text (full-width folded,
Simplified script); `classify_numerals(text)` returns one `NumeralSpan` for every run of digits
or Chinese numerals in it: the quantities plus years, dates, names, ordinals, slogans, words…,
each with the reason, so that nothing is lost or invented silently.

All tables are data: units (data/units.toml), qualifiers (data/qualifiers.toml), numeral
characters, numeral words and context rules (data/numerals.toml). They are compiled into the
scanner (and its range tail) by `numerals`, which also says what a number that is not a
quantity is; this module runs the scanner and turns its matches into values, units and
qualifiers.
"""
from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, Optional

import regex

from .. import rx
from ..rules import char_class, marks, numeral_chars
from . import units as _units
from ..model import Measure, Quantity
from .numbers import MAX_CHARS, parse_decimal, parse_doubling, spacing_ok
from .numerals import (KINDS, PLAN, SHARED_START, NumeralSpan, Scanned, context, denoised,
                       numeral_run, scan, scan_at, shared_unit, span, tables)

__all__ = ["NumeralSpan", "KINDS", "find_quantities", "classify_numerals"]

_RETRY = object()
_RETRIES = ((True, False), (False, True), (False, False))  # (loose, ranges) of the retries
_ASCII_ALNUM = rx.compile("[0-9A-Za-z]")
_FRACTION_UNIT = {"百分之": "%", "千分之": "‰", "万分之": "‱"}


@cache
def _clause_mark() -> regex.Pattern:
    m = marks()
    return rx.compile(char_class(m.clause_mark + m.line_break))


@cache
def _pair() -> regex.Pattern:
    """两三 / 三四千: two neighbouring digits, a range."""
    nc = numeral_chars()
    digit = char_class(nc.one_to_nine + nc.two)
    return rx.compile(f"({digit})({digit})(.*)")


@lru_cache(maxsize=4096)
def _value(raw: str) -> tuple[Decimal, Optional[Decimal]]:
    """Value (and high end for 两三 / 三四 pairs) of a number as matched, 多/余/spaces removed."""
    if not spacing_ok(raw):
        raise ValueError(f"not one number: {raw!r} (digits set apart as no number writes them)")
    clean = denoised(raw).replace("·", ".")
    try:
        return parse_decimal(clean), None
    except ValueError:
        m = _pair().fullmatch(clean)
        if not m:
            raise
        lo, hi = parse_decimal(m[1] + m[3]), parse_decimal(m[2] + m[3])
        if hi <= lo:
            raise
        return lo, hi


class _G(NamedTuple):
    """The groups of one match: the scanner's, read by index (a named look-up costs five
    times as much), then the range tail's (n2, u2, and the qualifier after the range)."""
    quote: Optional[str]
    head: Optional[str]
    word: Optional[str]
    pre: Optional[str]
    fw: Optional[str]
    n1: Optional[str]
    rn: Optional[str]
    sn: Optional[str]
    sd: Optional[str]
    fan: Optional[str]
    m1: Optional[str]
    u1: Optional[str]
    post: Optional[str]
    n2: Optional[str]
    u2: Optional[str]


class _Layout(NamedTuple):
    """Where a scanner's groups are: the getter of _G's fields from its groups(), n1's index."""
    getter: Any
    n1: int
    u1: int


@lru_cache(maxsize=8)
def _layout(pattern: regex.Pattern) -> _Layout:
    index = pattern.groupindex  # regex builds this dict anew at each access
    return _Layout(itemgetter(*(index[name] - 1 for name in _G._fields[:-2])), index["n1"], index["u1"])


def _groups(m: Scanned) -> _G:
    head = _layout(m.head.re).getter(m.head.groups())
    if m.tail is None:
        return _G(*head, None, None)
    tail = m.tail.groupdict()
    return _G(*head[:-1], tail["post"], tail["n2"], tail.get("u2"))


def _n1_end(m: Scanned) -> int:
    return m.head.end(_layout(m.head.re).n1)


def _core_end(m: Scanned, g: _G, n1_end: int) -> int:
    """Where the number ends with its unit, the range's second number and unit included."""
    if g.u2 is not None:
        return m.tail.end("u2")
    if g.n2 is not None:
        return m.tail.end("n2")
    return m.head.end(_layout(m.head.re).u1) if g.u1 is not None else n1_end


def _classify(text: str, m: Scanned) -> Any:
    """(NumeralSpan, Quantity|None, resume position), None to skip, or _RETRY."""
    g = _groups(m)
    if g.quote is not None:
        inner = g.quote[1:-1].strip()
        if not numeral_run().search(inner):
            return None
        kind = ("plan" if PLAN.fullmatch(inner) else "name" if g.quote[0] == "《"
                or _ASCII_ALNUM.search(inner) else "slogan")
        return span(text, m.start, m.end, kind, f"in quotes: {kind}"), None, m.end
    if g.head is not None:
        return span(text, m.start, m.end, "heading", "section or list label"), None, m.end
    if g.word is not None:
        return (span(text, m.start, m.end, "word", "word containing a numeral (一批, 千家万户)"),
                None, m.end)
    return _classify_token(text, m, g)


def _classify_token(text: str, m: Scanned, g: _G) -> Any:
    pre, post, n1 = g.pre, g.post, g.n1
    core_start = m.start if pre is None else m.start + len(pre)
    while text[core_start].isspace():
        core_start += 1
    tab = tables()
    unit = g.u2 or g.u1 or ""
    value_high: Optional[Decimal] = None
    if g.fan is not None:
        value, unit, dim = Decimal(parse_doubling(f"翻{g.fan}番")), "倍", None
    elif g.rn is not None or g.sn is not None:
        den, nom = (n1, g.rn) if g.rn is not None else (g.sd, g.sn)
        try:
            value = _value(nom)[0] / _value(den)[0]
        except (ValueError, ArithmeticError):
            return _RETRY
        unit, dim = "", "ratio"
    else:
        try:
            value, value_high = _value(n1)
            if g.n2 is not None:
                value_high = _value(g.n2)[0]
        except ValueError:
            clean = denoised(n1 or "")
            e = _n1_end(m)
            if PLAN.fullmatch(clean):
                return span(text, core_start, e, "plan", "five-year plan (十四五)"), None, e
            if len(clean) > MAX_CHARS:  # no stricter reading helps; retrying would be quadratic
                return span(text, core_start, e, "number", "numerals too long to be one number"), None, e
            return _RETRY
        if g.n2 is not None and (value_high <= value or (g.u1 and g.u1 != g.u2)):
            return _RETRY
        dim = None
        if g.fw is not None:
            unit = _FRACTION_UNIT.get(g.fw, "%")
        else:
            n1_end = _n1_end(m)
            if not unit and text[n1_end:n1_end + 1] in SHARED_START \
                    and (sh := shared_unit().match(text, n1_end)):
                unit = sh.group("u")  # 分别提高4.2和0.7个百分点: the unit written once for both
            core_end = _core_end(m, g, n1_end)
            other = context(text, core_start, n1_end, core_end, n1, value, pre, unit)
            if other is not None:
                return other
    if value_high is not None:
        qualifier = "range"
    elif post is not None:
        qualifier = tab.qual_after[post]
    elif pre is not None:
        qualifier = tab.qual_before[pre]
    else:
        qualifier = None
    if qualifier is None and (g.m1 or (n1 and ("多" in n1 or "余" in n1))):
        qualifier = "more_than"
    inferred = False
    if dim is None:
        if not unit:
            unit, inferred = _infer(text, m.start, m.end)
        dim = _units.dimension_of(unit) or "other"
    fvalue = float(value)
    norm_value, norm_unit = _units.normalize(fvalue, unit)
    measure = Measure(value=fvalue, value_high=None if value_high is None else float(value_high), unit=unit,
                      dimension=dim, normalized_value=norm_value, normalized_unit=norm_unit, qualifier=qualifier)
    q = Quantity(start=m.start, end=m.end, measure=measure, unit_inferred=inferred)
    reason = f"{dim}: {_fmt(value)}{'-' + _fmt(value_high) if value_high is not None else ''} {unit}"
    return span(text, m.start, m.end, "quantity", reason.strip()), q, m.end


def _infer(text: str, start: int, end: int) -> tuple[str, bool]:
    table = _units.infer_table()
    clause_mark = _clause_mark()
    stop = clause_mark.search(text, end, end + 8)
    ahead = text[end:stop.start() if stop else end + 8]
    found = [(ahead.find(s), -len(s), u) for s, u in table.items() if s in ahead]
    if found:
        return min(found)[2], True
    clause = max((m.end() for m in clause_mark.finditer(text, max(0, start - 20), start)),
                 default=max(0, start - 20))
    window = text[clause:start]
    best = max(((window.rfind(s), -len(s), u) for s, u in table.items() if s in window),
               default=None)
    return (best[2], True) if best else ("", False)


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)


# ----------------------------------------------------------------------------------- scan ----

@lru_cache(maxsize=8)
def _analyse(text: str) -> tuple[tuple[NumeralSpan, ...], tuple[Quantity, ...]]:
    """The spans the scanner claimed (sorted, not overlapping) and the quantities among them."""
    spans: list[NumeralSpan] = []
    quantities: list[Quantity] = []
    pos = 0
    while (m := scan(text, pos)) is not None:
        res = _classify(text, m)
        for loose, ranges in _RETRIES:  # stricter readings (the strict scanner compiled when first needed)
            if res is not _RETRY:
                break
            m2 = scan_at(text, m.start, loose, ranges)
            res = _classify(text, m2) if m2 else _RETRY
        if res is None:
            pos = m.end
        elif res is _RETRY:
            head, n1 = m.head, _layout(m.head.re).n1
            s = head.start(n1) if head.group(n1) else m.start
            e = max(head.end(n1) if head.group(n1) else m.end, s + 1)
            spans.append(span(text, s, e, "number", "not a well-formed number"))
            pos = e
        else:
            sp, q, pos = res
            spans.append(sp)
            if q is not None:
                quantities.append(q)
    return tuple(spans), tuple(quantities)


def _fill(text: str, spans: tuple[NumeralSpan, ...]) -> list[NumeralSpan]:
    """Add a span for every numeral character that no rule claimed (千 of 每千瓦时, 百分点):
    the runs of numerals in the gaps between the claimed spans."""
    out: list[NumeralSpan] = []
    runs = [r.span() for r in numeral_run().finditer(text)]
    prev = first = 0  # runs[first:] are the runs that end after prev
    for sp in spans:
        if sp.start > prev:
            first = _gap_runs(text, runs, first, prev, sp.start, out)
        out.append(sp)
        prev = max(prev, sp.end)
    _gap_runs(text, runs, first, prev, len(text), out)
    out.sort(key=_START_END)
    return out


def _gap_runs(text: str, runs: list[tuple[int, int]], first: int, lo: int, hi: int,
              out: list[NumeralSpan]) -> int:
    """Append a leftover for each part within [lo, hi) of the runs of the whole text (what a
    search of the gap alone finds); the index of the first run that ends after lo."""
    n = len(runs)
    while first < n and runs[first][1] <= lo:
        first += 1
    i = first
    while i < n and runs[i][0] < hi:
        s, e = runs[i]
        out.append(_leftover(text, max(s, lo), min(e, hi)))
        i += 1
    return first


_START_END = attrgetter("start", "end")


def _leftover(text: str, s: int, e: int) -> NumeralSpan:
    kind = "number" if "0" <= text[s] <= "9" else "word"
    return span(text, s, e, kind, "numeral in a unit or word (千瓦, 百分点), not a number")


def find_quantities(text: str) -> list[Quantity]:
    """Every measured quantity in the normalised `text`, sorted by start offset."""
    return list(_analyse(text)[1])


def classify_numerals(text: str) -> list[NumeralSpan]:
    """One span per run of digits or Chinese numerals in `text`, with its kind and reason."""
    return _fill(text, _analyse(text)[0])
