"""Numeral rules: the tables of data/ compiled into one scanner, and what a number that is not a
measured quantity is taken for (a year, a meeting, a name, a threshold …).

`scan(text, pos)` is what the quantity finder runs over the text: the scanner, one compiled
pattern, and where a range follows its match, `range_tail()` from there. `context(...)` reads
the words around a number against the [[context]] rules of data/numerals.toml and the built-in
fallbacks (years, 级, small counts in words). Everything is built once from the data files
(data/numerals.toml, data/qualifiers.toml, data/units.toml), alternations longest first, with
possessive quantifiers so hostile input stays linear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, Optional

import regex

from .. import rx
from ..rules import RuleError, char_class, compile_rule, entries, marks, numeral_chars

from . import units as _units
from .numbers import numerals

__all__ = ["KINDS", "NumeralSpan", "Tables", "tables", "scanner", "range_tail", "Scanned", "scan",
           "scan_at", "match_starts", "context", "denoised", "numeral_run", "shared_unit",
           "SHARED_START", "span"]

KINDS = ("quantity", "year", "date", "period", "plan", "meeting", "name", "ordinal", "grade",
         "slogan", "heading", "word", "number", "threshold", "streak", "record", "structure", "step")


@dataclass(frozen=True, slots=True)
class NumeralSpan:
    """A run of numerals in the text and what it was taken for (`kind`, one of KINDS) and why."""
    start: int
    end: int
    text: str
    kind: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "reason": self.reason}


def span(text: str, start: int, end: int, kind: str, reason: str) -> NumeralSpan:
    return NumeralSpan(start, end, text[start:end], kind, reason)


# --------------------------------------------------------------------------------- tables ----

@dataclass(frozen=True, slots=True)
class Rule:
    """One [[context]] rule of data/numerals.toml."""
    kind: str
    reason: str
    before: Optional[regex.Pattern]      # lookbehind, matched at the number's start
    after: Optional[regex.Pattern]       # matched right after the number
    after_unit: Optional[regex.Pattern]  # matched after the number and its unit
    pattern: Optional[regex.Pattern]     # the number as written must match this
    values: Optional[tuple[float, float]]
    chinese: bool
    qualified: Optional[bool]            # True: only with a qualifier before; False: only without


@dataclass(frozen=True)
class Tables:
    qual_before: dict[str, Optional[str]]
    qual_after: dict[str, Optional[str]]
    not_after: dict[str, str]
    only_before: dict[str, list[str]]  # after-words that count only before these or non-Han
    rules: tuple[Rule, ...]
    words: tuple[str, ...]
    any_before: regex.Pattern  # quick tests: could any rule's before / after / after_unit hold?
    any_after: regex.Pattern
    any_after_unit: regex.Pattern


_NONE = "none"  # qualifier class in data/qualifiers.toml for words that carry no qualifier (控制在)


@cache
def tables() -> Tables:
    q = entries("qualifiers.toml")
    before = {w: (None if k == _NONE else k) for k in q["before"] for w in q["before"].words(k)}
    after = {w: (None if k == _NONE else k) for k in q["after"] for w in q["after"].words(k)}
    raw = entries("numerals.toml")
    ctx = raw.get("context", [])
    rules = tuple(_rule_of(r, f"data/numerals.toml [[context]] #{i + 1}") for i, r in enumerate(ctx))

    def any_of(key: str, wrap: str) -> regex.Pattern:
        alts = "|".join(f"(?:{r[key]})" for r in ctx if key in r) or "(?!)"
        return rx.compile(wrap.format(alts))

    only_before = {w: list(v) for w, v in q.get("after_unit", {}).items()}
    for w in only_before:
        if w not in after:
            raise RuleError(f"data/qualifiers.toml [after_unit] {w!r}: not an [after] word")
    return Tables(before, after, dict(q.get("not_after", {})), only_before, rules,
                  tuple(raw.get("words", {}).get("list", [])),
                  any_of("before", "(?<={})"), any_of("after", "{}"), any_of("after_unit", "{}"))


def _rule_of(r: dict, where: str) -> Rule:
    """One [[context]] entry as a Rule; a bad one raises RuleError naming it."""
    if not isinstance(r, dict) or r.get("kind") not in KINDS:
        raise RuleError(f"{where}: unknown kind {r.get('kind') if isinstance(r, dict) else r!r}")
    if not any(k in r for k in ("before", "after", "after_unit")):
        raise RuleError(f"{where}: needs before, after or after_unit")
    pattern = {k: compile_rule(wrap.format(r[k]), f"{where} {k}") if k in r else None
               for k, wrap in (("before", "(?<=(?P<b>{}))"), ("after", "{}"), ("after_unit", "{}"),
                               ("pattern", "{}"))}
    return Rule(kind=r["kind"], reason=r.get("reason", r["kind"]), **pattern,
                values=tuple(r["values"]) if "values" in r else None,
                chinese=bool(r.get("chinese", False)), qualified=r.get("qualified"))


# ------------------------------------------------------------------------------- patterns ----

_WS_CHARS = " \t\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff"  # spaces inside a number (loose)
# the characters themselves in the classes, not escapes: faster to compile (the scanner has many)
_WS = f"[{_WS_CHARS}]"
_SPACE_AHEAD = "(?=[\\s\u200b\u200c\u200d\u2060\ufeff])"
_NOT_HAN = r"(?:[^\p{Han}]|$)"
_RANGE_MARKS = "-－−﹣—–~～至到"  # between the two numbers of a range (6%-6.5%, 3至5年)
_NOT_FRACTION_START = frozenset("0123456789翻")  # the scanner tries 1/3 and 翻两番 before 百分之
# what a range tail can start with: a range mark, or the space a loose separator allows before it
RANGE_START = frozenset(_RANGE_MARKS + _WS_CHARS + "\r\n")


def _qual_alt(table: dict[str, Any], not_after: dict[str, str],
              only_before: Optional[dict[str, list[str]]] = None) -> str:
    """Alternation of qualifier words; `not_after` and `only_before` are data/qualifiers.toml's
    [not_after] and [after_unit] limits."""
    def qualifier(word: str) -> str:
        p = regex.escape(word)
        if word in not_after:
            p = f"(?<![{regex.escape(not_after[word])}])" + p
        if only_before is not None and word in only_before:
            p += f"(?={'|'.join([_NOT_HAN, *map(regex.escape, only_before[word])])})"
        return p
    return _units.led_alternation(table, item=qualifier)


@dataclass(frozen=True)
class _Pieces:
    """The regex sources the scanner and its range tails are built of."""
    sep: str    # a separator inside a number; never matches unless loose
    numx: str   # a number: 4.5, 1,200, 七千多万, 3 000 (loose)
    unit: str   # a unit word
    fracw: str  # 百分之, 千分之 …
    rsep: str   # the mark between the two numbers of a range, not before a year (2025-2027年)


@cache
def _numeral_classes() -> tuple[str, str, str, str]:
    """(one numeral of a run's start, a run of numerals, a magnitude, a Chinese digit).

    Plain numerals in one class; 千/百… only when no unit word (千瓦, 百分点) starts there;
    两 not right after a digit (二两 is a weight)."""
    num = numerals()
    excl_words = [w for w in _units.unit_table() if w[0] in num.chars]
    excl = _units.led_alternation(excl_words) if excl_words else "(?!)"
    risky = {w[0] for w in excl_words}
    two = "".join(c for c, v in num.digits.items() if v == 2 and c not in numeral_chars().digit)  # 两兩
    plain_cn = "".join(ch for ch in num.chars if ch not in risky and ch not in two)
    risky_cn = "".join(sorted(risky - set(two)))
    risky_alt = f"|(?!{excl})[{risky_cn}]" if risky_cn else ""
    after_digit = f"|(?<![0-9二三四五六七八九〇])[{two}])"
    cn1 = f"(?:[{plain_cn}]{risky_alt}{after_digit}"
    cn = f"(?:[{plain_cn}]++{risky_alt}{after_digit}"
    mag = f"(?:(?!{excl})[{''.join(num.magnitudes)}])"
    digit = f"[{''.join(d for d in num.digits if d not in two)}]"
    return cn1, cn, mag, digit


@cache
def _pieces(loose: bool) -> _Pieces:
    num = numerals()
    if any(w[:1] in _NOT_FRACTION_START for w in num.fractions):
        raise RuleError("data/numerals.toml [fractions]: no word may start with a digit or 翻")
    # the lookahead makes the common case (no space) one test
    sep = rf"(?:{_SPACE_AHEAD}(?:{_WS}{{1,3}}+|{_WS}*+(?:\r?\n{_WS}*+){{1,2}}+))" if loose else "(?!)"
    unit = _units.unit_pattern()
    cn1, cn, mag, digit = _numeral_classes()
    # the characters an atom starts with, tested first: where the number ends, one test
    # instead of each alternative failing in turn
    atom_start = char_class("0123456789" + num.chars + ",.·" + "".join(num.decimal))
    atom = (rf"(?={atom_start})(?:[0-9]++|{cn}|,(?=[0-9]{{3}}(?![0-9]))|\.(?={sep}?+[0-9])"
            rf"|·(?=[0-9]++{sep}?+(?:%|‰|个百分点|倍))|[{''.join(num.decimal)}](?={digit}))")
    body = rf"(?:[0-9]|{cn1})(?:{sep}?+{atom})*+"
    numx = rf"{body}(?:{sep}?+[多余](?:{sep}?+{mag})++)?+"
    year_ahead = rf"(?:[0-9](?:{sep}?+[0-9]){{3}}|{digit}{{2,4}}){sep}?+年"
    range_mark = "|".join("—{1,2}+" if m == "—" else regex.escape(m) for m in _RANGE_MARKS)
    rsep = rf"{sep}?+(?:{range_mark}){sep}?+(?!{year_ahead})"
    return _Pieces(sep, numx, unit, _units.led_alternation(num.fractions), rsep)


def _more_unit(p: _Pieces, more: str, unit: str) -> str:
    """多/余 after a number (group `more`: 5000余, 七亿七千多万) and a unit word (group `unit`).

    多/余 counts after 万/亿 or before a unit, a non-Han character, 来 or 的. The unit is matched
    first and the condition tested after it, so the alternation of units is written once: when
    the condition fails, the match backtracks to no 多/余 and the unit right after the number."""
    sep = p.sep
    condition = rf"(?:(?<=[万亿萬億]{sep}?+[多余])|(?={_NOT_HAN}|来|的))"
    return (rf"(?P<{more}>{sep}?+[多余])?(?:{sep}?+(?P<{unit}>{p.unit}))?+"
            rf"(?({unit})|(?({more}){condition}))")


@cache
def scanner(loose: bool) -> regex.Pattern:
    """The scanner: quotes | headings | numeral words | a number with its unit and qualifiers.

    `loose` lets spaces and line breaks sit inside a number (7 4 7 7 2亿元). The finder runs the
    loose scanner and retries the strict one when what it matched is not a well-formed number.
    The rest of a range (6%-6.5%) is range_tail()'s, matched where this match ends."""
    tab, p = tables(), _pieces(loose)
    nc = numeral_chars()
    pre = _qual_alt(tab.qual_before, tab.not_after)
    # a qualifier after the number; one that starts like a range (none yet) is range_tail()'s
    post_words = {w: k for w, k in tab.qual_after.items() if w[0] not in _RANGE_MARKS}
    post = _qual_alt(post_words, tab.not_after, tab.only_before)
    # 百分之十 and 4.5万 share one copy of the number pattern: each copy is a sixth of the compile;
    # the denominator of 三分之一 calls n1's (?&n1: the same pattern, backtracking as a copy would;
    # n1 keeps its own match)
    token = rf"""
        (?:(?P<pre>{pre}){p.sep}?+)?
        (?:
            (?P<sn>[0-9]++(?:\.[0-9]++)?+)/(?P<sd>[0-9]++)(?![0-9./])  # 1/3
          | 翻了?+(?P<fan>{char_class(nc.one_to_nine + nc.two)}|[0-9])番      # 翻两番 = x4
          | (?P<fw>{p.fracw})?(?P<n1>{p.numx})                        # 百分之十二点五, 千分之三
            (?(fw)|(?: 分之(?P<rn>(?&n1))                               # 三分之一 (n1 = 3)
                     | {_more_unit(p, 'm1', 'u1')}                     # 4.5万 / 七亿七千多万 / 5000余件
            ))
        )
        (?:{p.sep}?+(?P<post>{post}))?
    """
    return rx.compile(f"{_marked()}|{token}", regex.VERBOSE)


def _marked() -> str:
    """Numerals the scanner claims as they are: in quotes, heading labels, numeral words."""
    m, nc, digit = marks(), numeral_chars(), _numeral_classes()[3]
    not_quoted = char_class(m.quotes + m.line_break + m.comma + m.sentence_end_or_semicolon, negated=True)
    quote = rf"(?P<quote>“\s*+{not_quoted}{{1,30}}+\s*+”|《[^《》\n]{{1,60}}+》|「[^「」\n]{{1,30}}+」|‘[^‘’\n]{{1,30}}+’)"
    heading = (rf"(?P<head>(?<=(?:^|\n){_WS}*+)(?:十?{digit}|[0-9]{{1,2}})(?=[、.](?![0-9]))"
               rf"|\((?:{char_class(nc.one_to_nine + nc.ten)}{{1,3}}|[0-9]{{1,2}})\))")
    words = rf"(?P<word>(?<!第){_units.led_alternation(tables().words)}(?!之))"
    return f"{quote}|{heading}|{words}"


@cache
def range_tail(loose: bool, fraction: bool) -> regex.Pattern:
    """What follows a number when a range does: its second number (and unit: 6%-6.5%, 3至5年;
    after 百分之: 百分之五至百分之十), then the qualifier after it. Matched where the scanner's
    match ends, not as part of the scanner, where it doubled the pattern and its compile time."""
    tab, p = tables(), _pieces(loose)
    if fraction:
        rest = rf"{p.rsep}(?:{p.fracw})?(?P<n2>{p.numx})"
    else:
        rest = rf"{p.rsep}(?P<n2>{p.numx}){_more_unit(p, 'm2', 'u2')}"
    post = _qual_alt(tab.qual_after, tab.not_after, tab.only_before)
    return rx.compile(rf"(?:{rest})?(?:{p.sep}?+(?P<post>{post}))?")


class Scanned(NamedTuple):
    """A match of the scanner and, when a range follows it, the range_tail() match after it;
    [start, end) is what they matched together."""
    head: regex.Match
    tail: Optional[regex.Match]
    start: int
    end: int


def _scanned(head: regex.Match, tail: Optional[regex.Match] = None) -> Scanned:
    return Scanned(head, tail, head.start(), (tail or head).end())


def scan(text: str, pos: int) -> Optional[Scanned]:
    """The first match of the loose scanner at or after `pos`, a range included.

    The same as the scanner's own search, found faster: the standard engine finds each place
    where a match can start (`match_starts()`, skipping the rest of the text at C speed) and the
    scanner is tried there only."""
    find_start, match = match_starts().search, scanner(True).match
    while (start := find_start(text, pos)) is not None:
        head = match(text, start.start())
        if head is not None:
            return _with_tail(text, head, True)
        pos = start.start() + 1
    return None


def scan_at(text: str, pos: int, loose: bool, ranges: bool) -> Optional[Scanned]:
    """The match at `pos` (the finder's retries: strict, or no range)."""
    head = scanner(loose).match(text, pos)
    if head is None:
        return None
    return _with_tail(text, head, loose) if ranges else _scanned(head)


def _with_tail(text: str, head: regex.Match, loose: bool) -> Scanned:
    end = head.end()
    # most numbers have neither a range mark nor a space right after them: no tail to try
    if text[end:end + 1] not in RANGE_START:
        return Scanned(head, None, head.start(), end)
    n1, rn, post, fw = _group_indexes(head.re)
    # a number (6%, 百分之五; not 三分之一, 1/3) with no qualifier after it yet
    if head.start(n1) < 0 or head.start(rn) >= 0 or head.start(post) >= 0:
        return _scanned(head)
    tail = range_tail(loose, head.start(fw) >= 0).match(text, end)
    return _scanned(head, tail if tail.end() > end else None)


@cache
def _group_indexes(scanner_pattern: regex.Pattern) -> tuple[int, ...]:
    return tuple(scanner_pattern.groupindex[name] for name in ("n1", "rn", "post", "fw"))


def _lead_words() -> list[str]:
    """The words a match of the scanner may start with besides a numeral (大约, 进一步, 百分之)."""
    tab = tables()
    return [*tab.qual_before, *tab.words, *numerals().fractions]


class _Starts(NamedTuple):
    """Where a match of the scanner can start: a character of `chars`, 翻, the first two
    characters of a word (`pairs`: first -> seconds), or a one-character qualifier of `singles`
    (近, 超) before a number."""
    chars: str
    pairs: dict[str, str]
    singles: str
    numerals: str  # what a single must stand before (spaces aside)


@cache
def _starts() -> _Starts:
    nc = numerals().chars
    starts = set(nc) | set("0123456789“《「‘(")
    pairs: dict[str, set[str]] = {}
    singles = set()
    for w in _lead_words():
        if w[0] in starts:
            continue
        if len(w) == 1:
            singles.add(w)
        else:
            pairs.setdefault(w[0], set()).add(w[1])
    return _Starts("".join(sorted(starts)), {a: "".join(sorted(b)) for a, b in sorted(pairs.items())},
                   "".join(sorted(singles)), "0123456789" + nc)


@cache
def match_starts() -> re.Pattern:
    """Every place a match of the scanner can start (see _Starts), for the standard engine (re),
    which skips text ten times faster than regex when every alternative starts with a literal
    character. The scanner itself has no such test: it is only tried where this one found a
    place (a lookahead of its own cost a tenth of each match)."""
    s = _starts()
    alts = [re.escape(c) for c in s.chars + "翻"]
    alts += [f"{re.escape(a)}[{re.escape(b)}]" for a, b in s.pairs.items()]
    alts += [f"{re.escape(c)}(?=\\s*+[{re.escape(s.numerals)}])" for c in s.singles]
    return rx.compile_std("|".join(alts))


SHARED_START = frozenset(" \t和与及或、")  # the characters shared_unit() can start with


@cache
def shared_unit() -> regex.Pattern:
    """分别提高4.2和0.7个百分点: the unit written once, after the second of two numbers."""
    return rx.compile(rf"[ \t]*+(?:和|与|及|或|、)[ \t]*+[0-9][0-9.,]*+[多余]?+[{''.join(numerals().big_units)}]*+"
                         rf"[ \t]*+(?P<u>{_units.unit_pattern()})")


@cache
def numeral_run() -> regex.Pattern:
    return rx.compile(f"[0-9{numerals().chars}]++")


# ------------------------------------------------------------------------------- context ----

NOISE = rx.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff多余]+")
PLAN = rx.compile(r"十[一二三四五]?五|[六七八九]五")
_WS_RUN = rx.compile(r"\s*+")
_ASCII_DIGITS = frozenset("0123456789")
_NOISE_CHARS = frozenset(" \t\n\r\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff多余")


@cache
def _date_tail() -> regex.Pattern:
    """·20 / 月12日 after a number that is a date."""
    nc = numeral_chars()
    return rx.compile(rf"·[0-9]++|月(?:[0-9]{{1,2}}|{char_class(nc.one_to_nine + nc.ten)}{{1,3}})日")


@cache
def _big_chars() -> frozenset[str]:
    return frozenset(numerals().big_units)


@cache
def _magnitude_chars() -> frozenset[str]:
    return frozenset(numerals().magnitudes)


def denoised(numeral: str) -> str:
    """A number as the scanner matched it without its blanks and 多/余: a test of the characters
    spares the substitution (the scanner lets no other blank into a number)."""
    return numeral if _NOISE_CHARS.isdisjoint(numeral) else NOISE.sub("", numeral)


def _skip_ws(text: str, pos: int) -> int:
    return _WS_RUN.match(text, pos).end() if pos < len(text) and text[pos].isspace() else pos


def context(text: str, start: int, n1_end: int, core_end: int, n1: str, value: Decimal,
            pre: Optional[str], unit: str) -> Optional[tuple[NumeralSpan, None, int]]:
    """A non-quantity reading of the number text[start:n1_end] (with its unit up to core_end),
    as (span, None, resume position); None when it is a measured quantity."""
    is_cn = _ASCII_DIGITS.isdisjoint(n1)
    clean = denoised(n1)
    tab = tables()
    after = _skip_ws(text, n1_end)
    after_unit = _skip_ws(text, core_end) if core_end != n1_end else None
    if (tab.any_after.match(text, after) or tab.any_before.match(text, start)
            or (after_unit is not None and tab.any_after_unit.match(text, after_unit))):
        hit = _rule(text, start, core_end, value, pre, is_cn, clean, after, after_unit)
        if hit is not None:
            return hit
    return _other(text, start, core_end, n1, value, pre, is_cn, clean, unit)


def _rule(text: str, start: int, core_end: int, value: Decimal, pre: Optional[str],
          is_cn: bool, clean: str, after: int, after_unit: Optional[int]) -> Any:
    for rule in tables().rules:
        if rule.values and not rule.values[0] <= value <= rule.values[1]:
            continue
        if (rule.chinese and not is_cn) or (rule.qualified is not None and rule.qualified != bool(pre)):
            continue
        if rule.pattern and not rule.pattern.fullmatch(clean):
            continue
        if rule.after and not rule.after.match(text, after):
            continue
        if rule.after_unit and (after_unit is None or not rule.after_unit.match(text, after_unit)):
            continue
        b = rule.before.match(text, start) if rule.before else None
        if rule.before and not b:
            continue
        s = b.start("b") if b and rule.kind == "ordinal" else start
        e = core_end
        if rule.kind == "date" and (t := _date_tail().match(text, core_end)):
            e = t.end()
        return span(text, s, e, rule.kind, rule.reason), None, e
    return None


def _year_like(clean: str, is_cn: bool, value: Decimal) -> bool:
    if is_cn:
        digits = numerals().digits
        return len(clean) >= 2 and "两" not in clean and all(ch in digits for ch in clean)
    return len(clean) == 4 and clean.isascii() and clean.isdigit() and 1000 <= value <= 2199


def _other(text: str, start: int, core_end: int, n1: str, value: Decimal, pre: Optional[str],
           is_cn: bool, clean: str, unit: str) -> Any:
    big = not _big_chars().isdisjoint(clean)
    if unit in ("年", "") and not big and _year_like(clean, is_cn, value):
        kind, reason = "year", "year (2025年, 二〇三五年)"
    elif text.startswith("级", core_end):
        kind, reason = "grade", "class by size (万吨级, 2000亿级, 近千亿级)"
    elif unit:
        if not is_cn:
            return None
        dim = _units.dimension_of(unit)
        if dim == "count" and value <= 10 and not ("多" in n1 or "余" in n1) and not big:
            kind, reason = "word", "small count in words (两个工程, 一批), not a statistic"
        elif dim == "duration":
            kind, reason = "period", "span of time in words (五年来, 三年行动)"
        else:
            return None
    elif big and not (not pre and not clean.startswith("十") and _magnitude_chars().issuperset(clean)):
        return None  # 1240万 / 六亿: a quantity without a unit word
    elif is_cn:
        kind, reason = "word", "numeral in words without a unit"
    else:
        kind, reason = "number", "number without unit or magnitude"
    return span(text, start, core_end, kind, reason), None, core_end
