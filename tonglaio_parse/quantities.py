"""Quantities: number + magnitude + unit + qualifier + range spans, and what every other numeral is.

`find_quantities(text)` returns the measured quantities of a NORMALISED text (full-width folded,
Simplified script); `classify_numerals(text)` returns one `NumeralSpan` for every run of digits
or Chinese numerals in it: the quantities plus years, dates, names, ordinals, slogans, words…,
each with the reason, so that nothing is lost or invented silently.

All tables are data: units (data/units.toml), qualifiers (data/qualifiers.toml), numeral
characters, numeral words and context rules (data/numerals.toml). The patterns are built from
them once, longest alternatives first, with possessive quantifiers so hostile input stays linear.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Optional

import regex

from . import units as _units
from .model import Quantity
from .numbers import numerals, parse_decimal, parse_doubling

__all__ = ["NumeralSpan", "KINDS", "find_quantities", "classify_numerals"]

KINDS = ("quantity", "year", "date", "period", "plan", "meeting", "name", "ordinal", "grade",
         "slogan", "heading", "word", "number")


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


# --------------------------------------------------------------------------------- tables ----

def _load(name: str) -> dict[str, Any]:
    with (resources.files("tonglaio_parse") / "data" / name).open("rb") as fh:
        return tomllib.load(fh)


def _alt(words) -> str:
    """Alternation of literal words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    reason: str
    before: Optional[regex.Pattern]
    after: Optional[regex.Pattern]
    pattern: Optional[regex.Pattern]
    values: Optional[tuple[float, float]]
    chinese: bool
    unless_qualified: bool


@dataclass(frozen=True)
class _Tables:
    qual_before: dict[str, str]
    qual_after: dict[str, str]
    rules: tuple[_Rule, ...]
    words: tuple[str, ...]
    any_before: regex.Pattern  # quick tests: could any rule's `before` / `after` hold here?
    any_after: regex.Pattern


@cache
def _tables() -> _Tables:
    q = _load("qualifiers.toml")
    before = {w: k for k, ws in q["before"].items() for w in ws}
    after = {w: k for k, ws in q["after"].items() for w in ws}
    raw = _load("numerals.toml")
    rules = []
    for i, r in enumerate(raw.get("context", [])):
        if "kind" not in r or r["kind"] not in KINDS:
            raise ValueError(f"data/numerals.toml [[context]] #{i + 1}: unknown kind {r.get('kind')!r}")
        rules.append(_Rule(
            kind=r["kind"], reason=r.get("reason", r["kind"]),
            before=regex.compile(f"(?:{r['before']})$") if "before" in r else None,
            after=regex.compile(r["after"]) if "after" in r else None,
            pattern=regex.compile(r["pattern"]) if "pattern" in r else None,
            values=tuple(r["values"]) if "values" in r else None,
            chinese=bool(r.get("chinese", False)), unless_qualified=r["kind"] == "grade"))
    any_before = regex.compile("(?:" + "|".join(r["before"] for r in raw.get("context", []) if "before" in r) + ")$")
    any_after = regex.compile("|".join(f"(?:{r['after']})" for r in raw.get("context", []) if "after" in r))
    return _Tables(before, after, tuple(rules), tuple(raw.get("words", {}).get("list", [])),
                   any_before, any_after)


# ------------------------------------------------------------------------------- patterns ----

_WS = r"[ \t\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff]"
_NOT_HAN = r"(?:[^\p{Han}]|$)"


def _qual_alt(table: dict[str, str], not_after: dict[str, str], after_unit: bool) -> str:
    parts = []
    for word in sorted(table, key=lambda w: (-len(w), w)):
        p = regex.escape(word)
        if word in not_after:
            p = f"(?<![{regex.escape(not_after[word])}])" + p
        if after_unit and word in ("多", "余"):
            p += f"(?={_NOT_HAN}|来|的)"
        parts.append(p)
    return "|".join(parts)


@cache
def _pattern(loose: bool, ranges: bool) -> regex.Pattern:
    """The scanner: quotes | headings | numeral words | a number with its unit and qualifiers."""
    tab = _tables()
    num = numerals()
    q = _load("qualifiers.toml")
    sep = rf"(?:{_WS}{{1,3}}+|{_WS}*+(?:\r?\n{_WS}*+){{1,2}}+)" if loose else "(?!)"
    unit = _units.unit_pattern()
    excl = _alt(w for w in _units.unit_table() if w[0] in num.chars) or "(?!)"
    cn = f"(?:(?!{excl})[{num.chars.replace('两', '').replace('兩', '')}]|(?<![0-9二三四五六七八九〇])[两兩])"
    mag = f"(?:(?!{excl})[{''.join(num.magnitudes)}])"
    digit = f"[{''.join(d for d in num.digits if d not in '两兩')}]"
    atom = rf"(?:[0-9]|{cn}|,(?=[0-9]{{3}}(?![0-9]))|\.(?={sep}?+[0-9])|·(?=[0-9]++{sep}?+(?:%|‰|个百分点|倍))|[{''.join(num.decimal)}](?={digit}))"
    body = rf"(?:[0-9]|{cn})(?:{sep}?+{atom})*+"
    numx = rf"{body}(?:{sep}?+[多余]{sep}?+{mag}(?:{sep}?+{mag})*+)?+"
    more = rf"(?:{sep}?+(?:(?<=[万亿萬億]{sep}?+)[多余]|[多余](?={sep}?+(?:{unit})|{_NOT_HAN}|来|的)))"
    year_ahead = rf"(?:[0-9](?:{sep}?+[0-9]){{3}}|{digit}{{2,4}}){sep}?+年"
    rsep = rf"{sep}?+(?:-|－|−|﹣|—{{1,2}}+|–|~|～|至|到){sep}?+(?!{year_ahead})"
    fracw = _alt(num.fractions)
    pre = _qual_alt(tab.qual_before, q.get("not_after", {}), False)
    post = _qual_alt(tab.qual_after, q.get("not_after", {}), True)
    if ranges:
        main_range = rf"(?:{rsep}(?P<n2>{numx}){more.replace('(?:', '(?P<m2>', 1)}?(?:{sep}?+(?P<u2>{unit}))?)?"
        frac_range = rf"(?:{rsep}(?:{fracw})?(?P<n2>{numx}))?"
    else:
        main_range = frac_range = ""
    token = rf"""
        (?:(?P<pre>{pre}){sep}?+)?
        (?:
            (?P<fw>{fracw})(?P<n1>{numx}){frac_range}                 # 百分之十二点五, 千分之三
          | (?P<rd>{numx})分之(?P<rn>{numx})                          # 三分之一
          | (?P<sn>[0-9]++(?:\.[0-9]++)?+)/(?P<sd>[0-9]++)(?![0-9./])  # 1/3
          | 翻了?+(?P<fan>[一二两三四五六七八九]|[0-9])番              # 翻两番 = x4
          | (?P<n1>{numx}){more.replace('(?:', '(?P<m1>', 1)}?         # 4.5万 / 七亿七千多万 / 5000余
            (?:{sep}?+(?P<u1>{unit}))?{main_range}                     # unit, then 6%-6.5%
        )
        (?:{sep}?+(?P<post>{post}))?
    """
    quote = r"(?P<quote>“\s*+[^“”\n,。;!?]{1,30}+\s*+”|《[^《》\n]{1,60}+》|「[^「」\n]{1,30}+」|‘[^‘’\n]{1,30}+’)"
    heading = (rf"(?P<head>(?<=(?:^|\n){_WS}*+)(?:十?{digit}|[0-9]{{1,2}})(?=[、.](?![0-9]))"
               rf"|\((?:[一二三四五六七八九十]{{1,3}}|[0-9]{{1,2}})\))")
    words = rf"(?P<word>(?<!第)(?:{_alt(tab.words)})(?!之))"
    first = (set(num.chars) | set("0123456789“《「‘(翻") | {w[0] for w in tab.qual_before}
             | {w[0] for w in tab.words} | {w[0] for w in num.fractions})
    lead = f"(?=[{regex.escape(''.join(sorted(first)))}])"
    return regex.compile(f"{lead}(?:{quote}|{heading}|{words}|{token})", regex.VERBOSE)


@cache
def _shared_unit() -> regex.Pattern:
    return regex.compile(rf"[ \t]*+(?:和|与|及|或|、)[ \t]*+[0-9][0-9.,]*+[多余]?+[{''.join(numerals().big_units)}]*+"
                         rf"[ \t]*+(?P<u>{_units.unit_pattern()})")


@cache
def _numeral_run() -> regex.Pattern:
    return regex.compile(f"[0-9{numerals().chars}]++")


# ---------------------------------------------------------------------------- classifying ----

_NOISE = regex.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff多余]+")
_WS_RUN = regex.compile(r"\s*+")
_PLAN = regex.compile(r"十[一二三四五]?五|[六七八九]五")
_DATE_TAIL = regex.compile(r"·[0-9]++|月(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})日")
_CLAUSE_END = regex.compile(r"[,;。:!?\n]")
_RETRY = object()
_PAIR = regex.compile("([一二两三四五六七八九])([一二两三四五六七八九])(.*)")
_ASCII_ALNUM = regex.compile("[0-9A-Za-z]")


def _value(raw: str) -> tuple[Decimal, Optional[Decimal]]:
    """Value (and high end for 两三 / 三四 pairs) of a number as matched, 多/余/spaces removed."""
    clean = _NOISE.sub("", raw).replace("·", ".")
    try:
        return parse_decimal(clean), None
    except ValueError:
        m = _PAIR.fullmatch(clean)
        if not m:
            raise
        lo, hi = parse_decimal(m[1] + m[3]), parse_decimal(m[2] + m[3])
        if hi <= lo:
            raise
        return lo, hi


def _is_cn(s: str) -> bool:
    return not any("0" <= ch <= "9" for ch in s)


def _year_like(raw: str, value: Decimal) -> bool:
    clean = _NOISE.sub("", raw)
    if _is_cn(clean):
        return len(clean) >= 2 and all(ch in numerals().digits for ch in clean) and "两" not in clean
    return len(clean) == 4 and clean.isascii() and clean.isdigit() and 1000 <= value <= 2199


def _span(text: str, start: int, end: int, kind: str, reason: str) -> NumeralSpan:
    return NumeralSpan(start, end, text[start:end], kind, reason)


def _classify(text: str, m: regex.Match) -> Any:
    """(NumeralSpan, Quantity|None, resume position), None to skip, or _RETRY."""
    g = m.groupdict()
    if g["quote"] is not None:
        inner = g["quote"][1:-1].strip()
        if not _numeral_run().search(inner):
            return None
        kind = ("plan" if _PLAN.fullmatch(inner) else "name" if g["quote"][0] == "《"
                or _ASCII_ALNUM.search(inner) else "slogan")
        return _span(text, m.start(), m.end(), kind, f"in quotes: {kind}"), None, m.end()
    if g["head"] is not None:
        return _span(text, m.start(), m.end(), "heading", "section or list label"), None, m.end()
    if g["word"] is not None:
        return (_span(text, m.start(), m.end(), "word", "word containing a numeral (一批, 千家万户)"),
                None, m.end())
    return _classify_token(text, m, g)


def _classify_token(text: str, m: regex.Match, g: dict[str, Any]) -> Any:
    pre, post = g["pre"], g["post"]
    core_start = m.start() if pre is None else m.start() + len(pre)
    while text[core_start].isspace():
        core_start += 1
    tab = _tables()
    unit = g.get("u2") or g.get("u1") or ""
    value_high: Optional[Decimal] = None
    n1 = g["n1"]
    if g["fan"] is not None:
        value, unit, dim = Decimal(parse_doubling(f"翻{g['fan']}番")), "倍", None
    elif g["rd"] is not None or g["sn"] is not None:
        den, nom = (g["rd"], g["rn"]) if g["rd"] is not None else (g["sd"], g["sn"])
        try:
            value = _value(nom)[0] / _value(den)[0]
        except (ValueError, ArithmeticError):
            return _RETRY
        unit, dim = "", "ratio"
    else:
        try:
            value, value_high = _value(n1)
            if g.get("n2") is not None:
                value_high = _value(g.get("n2"))[0]
        except ValueError:
            if _PLAN.fullmatch(_NOISE.sub("", n1 or "")):
                return _span(text, core_start, m.end("n1"), "plan", "five-year plan (十四五)"), None, m.end("n1")
            return _RETRY
        if g.get("n2") is not None and (value_high <= value or (g.get("u1") and not g.get("u2"))
                                    or (g.get("u1") and g.get("u1") != g.get("u2"))):
            return _RETRY
        dim = None
        if not unit and g["fw"] is None and (sh := _shared_unit().match(text, m.end("n1"))):
            unit = sh.group("u")  # 分别提高4.2和0.7个百分点: the unit written once for both
        if g["fw"] is not None:
            unit = {"百分之": "%", "千分之": "‰", "万分之": "‱"}.get(g["fw"], "%")
        else:
            n1_end = m.end("n1")
            core_end = max(m.end(k) for k in ("n1", "u1", "n2", "u2") if g.get(k) is not None)
            other = _context(text, core_start, n1_end, core_end, n1, value, pre, unit)
            if other is not None:
                return other
    qualifier = ("range" if value_high is not None else tab.qual_after.get(post or "")
                 or tab.qual_before.get(pre or "")
                 or ("more_than" if (n1 and ("多" in n1 or "余" in n1)) or g.get("m1") else None))
    inferred = False
    if dim is None:
        if not unit:
            unit, inferred = _infer(text, m.start(), m.end())
        dim = _units.dimension_of(unit) or "other"
    norm_value, norm_unit = _units.normalize(float(value), unit)
    q = Quantity(start=m.start(), end=m.end(), value=float(value),
                 value_high=None if value_high is None else float(value_high), unit=unit,
                 dimension=dim, normalized_value=norm_value, normalized_unit=norm_unit,
                 qualifier=qualifier, unit_inferred=inferred)
    reason = f"{dim}: {_fmt(value)}{'-' + _fmt(value_high) if value_high is not None else ''} {unit}"
    return _span(text, m.start(), m.end(), "quantity", reason.strip()), q, m.end()


def _context(text: str, start: int, n1_end: int, core_end: int, n1: str, value: Decimal,
             pre: Optional[str], unit: str) -> Any:
    """A non-quantity reading of the number at text[start:n1_end], or None when it is one."""
    is_cn = _is_cn(n1)
    clean = _NOISE.sub("", n1)
    tab = _tables()
    positions = {_WS_RUN.match(text, p).end() for p in (n1_end, core_end)}
    if any(tab.any_after.match(text, p) for p in positions) or \
            tab.any_before.search(text, max(0, start - 8), start):
        hit = _rule(text, start, core_end, n1, value, pre, is_cn, clean, positions)
        if hit is not None:
            return hit
    return _other(text, start, core_end, n1, value, pre, is_cn, clean, unit)


def _rule(text: str, start: int, core_end: int, n1: str, value: Decimal, pre: Optional[str],
          is_cn: bool, clean: str, positions: set[int]) -> Any:
    for rule in _tables().rules:
        if rule.values and not rule.values[0] <= value <= rule.values[1]:
            continue
        if (rule.chinese and not is_cn) or (rule.unless_qualified and pre):
            continue
        if rule.pattern and not rule.pattern.fullmatch(clean):
            continue
        b = rule.before.search(text, max(0, start - 8), start) if rule.before else None
        if rule.before and not b:
            continue
        if rule.after and not any(rule.after.match(text, p) for p in positions):
            continue
        s = b.start() if b and rule.kind == "ordinal" else start
        e = core_end
        if rule.kind == "date" and (t := _DATE_TAIL.match(text, core_end)):
            e = t.end()
        return _span(text, s, e, rule.kind, rule.reason), None, e
    return None


def _other(text: str, start: int, core_end: int, n1: str, value: Decimal, pre: Optional[str],
           is_cn: bool, clean: str, unit: str) -> Any:
    dim = _units.dimension_of(unit)
    big = any(ch in numerals().big_units for ch in clean)
    mag_only = all(ch in numerals().magnitudes for ch in clean) and not clean.startswith("十")
    has_more = "多" in n1 or "余" in n1

    def out(kind: str, reason: str):
        return _span(text, start, core_end, kind, reason), None, core_end

    if unit in ("年", "") and _year_like(n1, value) and not big:
        return out("year", "year (2025年, 二〇三五年)")
    if text.startswith("级", core_end) and not pre:
        return out("grade", "class by size (万吨级, 2000亿级)")
    if unit:
        if is_cn and dim == "count" and value <= 10 and not has_more and not big:
            return out("word", "small count in words (两个工程, 一批), not a statistic")
        if is_cn and dim == "duration":
            return out("period", "span of time in words (五年来, 三年行动)")
        return None
    if big and not (mag_only and not pre):
        return None  # 1240万 / 六亿: a quantity without a unit word
    if is_cn:
        return out("word", "numeral in words without a unit")
    return out("number", "number without unit or magnitude")


def _infer(text: str, start: int, end: int) -> tuple[str, bool]:
    table = _units.infer_table()
    stop = _CLAUSE_END.search(text, end, end + 8)
    ahead = text[end:stop.start() if stop else end + 8]
    found = [(ahead.find(s), -len(s), u) for s, u in table.items() if s in ahead]
    if found:
        return min(found)[2], True
    clause = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 20), start)),
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
    spans: list[NumeralSpan] = []
    quantities: list[Quantity] = []
    variants = [_pattern(True, True), _pattern(True, False), _pattern(False, True),
                _pattern(False, False)]
    pos = 0
    while True:
        m = variants[0].search(text, pos)
        if m is None:
            break
        res = _classify(text, m)
        for alt in variants[1:]:
            if res is not _RETRY:
                break
            m2 = alt.match(text, m.start())
            res = _classify(text, m2) if m2 else _RETRY
        if res is None:
            pos = m.end()
            continue
        if res is _RETRY:
            s = m.start("n1") if m.groupdict().get("n1") else m.start()
            e = max(m.end("n1") if m.groupdict().get("n1") else m.end(), s + 1)
            spans.append(_span(text, s, e, "number", "not a well-formed number"))
            pos = e
            continue
        span, q, pos = res
        spans.append(span)
        if q is not None:
            quantities.append(q)
    return tuple(_fill(text, spans)), tuple(quantities)


def _fill(text: str, spans: list[NumeralSpan]) -> list[NumeralSpan]:
    """Add a span for every numeral character that no rule claimed (千 of 每千瓦时, 百分点)."""
    out: list[NumeralSpan] = []
    i = 0
    for run in _numeral_run().finditer(text):
        s, e = run.span()
        while i < len(spans) and spans[i].end <= s:
            out.append(spans[i])
            i += 1
        j = i
        while j < len(spans) and spans[j].start < e:
            if spans[j].start > s:
                out.append(_leftover(text, s, spans[j].start))
            s = max(s, spans[j].end)
            j += 1
        if s < e:
            out.append(_leftover(text, s, e))
    out.extend(spans[i:])
    return sorted(out, key=lambda sp: (sp.start, sp.end))


def _leftover(text: str, s: int, e: int) -> NumeralSpan:
    kind = "number" if "0" <= text[s] <= "9" else "word"
    return _span(text, s, e, kind, "numeral in a unit or word (千瓦, 百分点), not a number")


def find_quantities(text: str) -> list[Quantity]:
    """Every measured quantity in the normalised `text`, sorted by start offset."""
    return list(_analyse(text)[1])


def classify_numerals(text: str) -> list[NumeralSpan]:
    """One span per run of digits or Chinese numerals in `text`, with its kind and reason."""
    return list(_analyse(text)[0])
