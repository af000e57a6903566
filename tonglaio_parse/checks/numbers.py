"""Number findings: impossible percentages, 分别 that do not pair, from-to contradictions,
one indicator with two values, units inferred or unknown."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterator

import regex

from .. import rx
from ..rules import RuleError, alternation, char_class, compile_rule, entries, full_width, marks, numeral_chars
from ..stages.numbers import parse_number
from ..stages.subjects import direction_verbs
from .context import Context
from .registry import check


_PERCENT_SIGN, _PERCENT_WORD = "%", "百分之"


@dataclass(frozen=True)
class _Patterns:
    share: regex.Pattern          # NU003: a share word, a level verb, a percentage
    not_shares: tuple[str, ...]
    respectively: regex.Pattern   # NU001: subjects 分别 values, within a clause
    comma: regex.Pattern
    tail_values: regex.Pattern
    from_to: regex.Pattern        # NU004: 从A增加到B, 增长g%
    not_comparable: regex.Pattern
    up: frozenset[str]            # the verbs of from_to that go up


@cache
def _patterns() -> _Patterns:
    t = entries("lint.toml")["numbers"]
    m, nc = marks(), numeral_chars()
    number = (rf"(?:\d[\d,]*(?:\.\d+)?|{char_class(nc.digit + nc.small_magnitude + nc.two + nc.point)}+)"
              rf"(?:{alternation([nc.big_magnitude, nc.hundred_million, nc.ten_thousand, nc.thousand])})?")
    percent = (rf"(?:(?P<n>\d[\d,]*(?:\.\d+)?){_PERCENT_SIGN}"
               rf"|{_PERCENT_WORD}(?P<c>{char_class(nc.digit + nc.small_magnitude + nc.point)}+))")
    clause = full_width(m.clause_mark) + m.line_break
    clause_but_colon = full_width(m.sentence_end_or_semicolon + m.comma) + m.line_break  # 分别: 5%、8%
    pause = full_width(m.comma + m.full_stop + m.semicolon)  # what a unit or the words after B do not cross
    unit = char_class(pause, negated=True, escapes=r"\d\s")
    gap = char_class(pause, negated=True, escapes=r"\d")
    verbs, change, up = _change_verbs(t)
    return _Patterns(
        share=rx.compile(rf"(?P<share>{alternation(t.words('share_words'))})"
                         rf"(?P<verb>{alternation(t.words('level_verbs'))})?(?:了)?{percent}"),
        not_shares=tuple(t.words("not_shares")),
        respectively=rx.compile(rf"(?P<head>{char_class(clause, negated=True)}{{2,60}}?)分别"
                                rf"(?P<tail>{char_class(clause_but_colon, negated=True)}{{1,80}})"),
        comma=rx.compile(char_class(full_width(m.comma))),
        tail_values=rx.compile(rf"\d+(?:\.\d+)?%?|百分之{char_class(nc.digit + nc.ten + nc.point)}+"),
        from_to=rx.compile(rf"(?:从|由)(?P<a>{number})(?P<ua>{unit}{{0,4}}?)"
                           rf"(?P<verb>{verbs})?(?:到|至)(?P<b>{number})(?P=ua){char_class(full_width(m.comma))}?"
                           rf"(?:{gap}{{0,8}}?)(?P<gverb>{change})(?P<g>\d+(?:\.\d+)?)%"),
        not_comparable=rx.compile(alternation(t.words("not_comparable"))),
        up=up)


def _change_verbs(t) -> tuple[str, str, frozenset[str]]:
    """The alternations of the from-to and change verbs, and those of them that go up; each
    must be an increase or decrease verb of data/indicators.toml [direction]."""
    kinds = dict(direction_verbs())
    kinds.update(dict.fromkeys(entries("indicators.toml")["direction"].words("short_decrease"), "decrease"))
    for key in ("from_to_verbs", "change_verbs"):
        for verb in t.words(key):
            if kinds.get(verb) not in ("increase", "decrease"):
                raise RuleError(f"{t.name(key)}: {verb!r} is not an increase or decrease verb of "
                                f"data/indicators.toml [direction]")
    verbs, change = t.words("from_to_verbs"), t.words("change_verbs")
    return alternation(verbs), alternation(change), frozenset(v for v in verbs + change if kinds[v] == "increase")


def _value(s: str) -> float | None:
    try:
        return float(parse_number(s.replace(",", "")))
    except Exception:  # a numeral the parser does not take is no finding
        return None


@cache
def _percent_stretch() -> tuple[re.Pattern, str, re.Pattern]:
    """A percentage's mark, and the characters that end a stretch of text where a share may be
    given (a sentence end, a semicolon, a line break): none is a character of a share finding."""
    m = marks()
    stops = full_width(m.sentence_end_or_semicolon) + m.line_break
    return rx.compile_std(f"{_PERCENT_SIGN}|{_PERCENT_WORD}"), stops, rx.compile_std(char_class(stops))


def _stretches_with_percent(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each stretch between stops that holds a percentage mark, in text order:
    where NU003's share pattern (slow to scan with) can match, found by the stdlib engine."""
    mark, stops, stop = _percent_stretch()
    end = -1  # of the last stretch: the offset of the stop that ends it
    for p in mark.finditer(text):
        if p.start() < end:
            continue
        start = max(end, *(text.rfind(c, end + 1, p.start()) for c in stops)) + 1
        after = stop.search(text, p.end())
        end = after.start() if after else len(text)
        yield start, end


@check("NU003")
def impossible_percentage(ctx: Context) -> None:
    text = ctx.norm.text
    pats = _patterns()
    for m in (m for start, end in _stretches_with_percent(text) for m in pats.share.finditer(text, start, end)):
        raw = m.group("n") or m.group("c")
        v = _value(raw)
        if v is None or v <= 100:
            continue
        before = text[max(0, m.start() - 6):m.end("share")]
        if before.endswith(pats.not_shares) or (m.group("verb") or "") in ("提高", "增长"):
            continue
        ctx.warn_norm("NU003", m.start(), m.end(), f"{m.group('share')} given as {raw}%: a share or rate "
                                                   f"cannot exceed 100%")


@check("NU001")
def respectively(ctx: Context) -> None:
    text = ctx.norm.text
    pats = _patterns()
    for m in pats.respectively.finditer(text):
        head = pats.comma.split(m.group("head"))[-1]
        if regex.search(r"从|由", m.group("tail")):
            continue  # 分别从50%、75%提高至100%: from-values and a shared to-value
        # 科技、教育、卫生和文化事业 is four subjects; 信息传输软件和信息技术服务业、租赁和商务服务业 two:
        # a mismatch is one that no reading of 和 explains.
        by_comma = [s for s in head.split("、") if s.strip()]
        readings = {len(by_comma), len(by_comma) + len(regex.findall(r"和|与|及", by_comma[-1])),
                    len([s for s in regex.split(r"[、和与及]", head) if s.strip()])}
        values = pats.tail_values.findall(m.group("tail"))
        subjects = by_comma
        if max(readings) >= 2 and len(values) >= 2 and len(values) not in readings:
            ctx.warn_norm("NU001", m.start("head") + len(m.group("head")) - len(head), m.end(),
                          f"分别 pairs {len(subjects)} subjects with {len(values)} values")


@check("NU004")
def from_to(ctx: Context) -> None:
    pats = _patterns()
    for m in pats.from_to.finditer(ctx.norm.text):
        a, b, g = _value(m.group("a")), _value(m.group("b")), float(m.group("g"))
        if not a or b is None or pats.not_comparable.search(m.group()):
            continue
        up = m.group("gverb") in pats.up
        verb = m.group("verb")
        if verb and (verb in pats.up) != (b > a):
            msg = f"{verb} from {m.group('a')} to {m.group('b')}"
        else:
            change = (b / a - 1) * 100
            if (change > 0) != up or abs(abs(change) - g) > max(2.0, 0.15 * g):
                msg = f"{m.group('a')} to {m.group('b')} is a change of {change:+.1f}%, not {m.group('gverb')}{g:g}%"
            else:
                continue
        ctx.warn_norm("NU004", m.start(), m.end(), msg)


@check("NU005")
def conflicting_values(ctx: Context) -> None:
    seen: dict[tuple, object] = {}
    for ind in ctx.indicators:
        if not ind.canonical or ind.period is None or ind.qualifier or not ind.subject:
            continue  # 超过/以上/左右 figures are bounds, not values that can conflict
        key = (ind.canonical, ind.subject, ind.direction, ind.status, ind.period.start, ind.period.end,
               ind.normalized_unit)
        first = seen.setdefault(key, ind)
        if first is not ind and first.normalized_value != ind.normalized_value and first.line != ind.line:
            ctx.warn("NU005", ind.span[0], ind.span[1],
                     f"{ind.canonical} {ind.period.start}–{ind.period.end} is {ind.text} here but "
                     f"{first.text} on line {first.line}")


@check("NU002")
def unit_inferred(ctx: Context) -> None:
    for q in ctx.quantities:
        if getattr(q, "unit_inferred", False):
            ctx.warn_norm("NU002", q.start, q.end, f"no unit written; taken as {q.unit}")


@check("NU006")
def unknown_unit(ctx: Context) -> None:
    for ind in ctx.indicators:
        if ind.dimension in ("unknown", "") and ind.unit not in ("", None):
            ctx.warn("NU006", ind.span[0], ind.span[1], f"unit '{ind.unit}' is not in the unit table")


@cache
def _scale() -> tuple[regex.Pattern, tuple[str, ...]]:
    t = entries("lint.toml")["numbers"]
    return compile_rule(t.text("scale_class"), t.name("scale_class")), tuple(t.words("whole_subjects"))


@check("NU007")
def part_exceeds_whole(ctx: Context) -> None:
    """打造2000亿级工业园区 where the report's largest whole is 产值 1900亿元: a part larger than
    any whole the report gives (the largest: a sector's output is no whole for another sector)."""
    pattern, wholes = _scale()
    money = [i for i in ctx.indicators if i.normalized_unit == "yuan" and i.subject and i.normalized_value
             and any(i.subject.endswith(w) and len(i.subject) <= len(w) + 2 for w in wholes)]  # 工业产值, not 某集聚区营业收入
    if not money:
        return
    whole = max(money, key=lambda i: i.normalized_value)
    for p in ctx.body_paragraphs():
        if "级" not in p.text:
            continue
        for m in pattern.finditer(p.text):
            value = _value(m.group("n") + m.group("mag"))  # 2000亿, 千亿
            if value is not None and value > whole.normalized_value:
                ctx.warn_norm("NU007", p.start + m.start(), p.start + m.end(),
                              f"'{m.group()}' is larger than the whole the report gives: {whole.subject} "
                              f"{whole.text} (line {whole.line}): a part bigger than the whole?")

