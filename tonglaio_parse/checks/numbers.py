"""Number findings: impossible percentages, 分别 that do not pair, from-to contradictions,
one indicator with two values, units inferred or unknown."""
from __future__ import annotations

from functools import cache

import regex

from .. import rx
from ..stages.numbers import parse_number
from ..rules import alternation, table
from . import Context, check

_NUM = r"(?:\d[\d,]*(?:\.\d+)?|[〇零一二三四五六七八九十百千两点]+)(?:万亿|亿|万|千)?"
_PERCENT = r"(?:(?P<n>\d[\d,]*(?:\.\d+)?)%|百分之(?P<c>[〇零一二三四五六七八九十百千点]+))"
_RESPECTIVELY = rx.compile(r"(?P<head>[^,，。;；:：!?！？\n]{2,60}?)分别(?P<tail>[^,，。;；!?！？\n]{1,80})")
_FROM_TO = rx.compile(rf"(?:从|由)(?P<a>{_NUM})(?P<ua>[^\d,，。;；\s]{{0,4}}?)(?P<verb>增加|增长|提高|上升|提升|扩大|减少|下降|降低|降|减)?(?:到|至)"
                         rf"(?P<b>{_NUM})(?P=ua)[,，]?(?:[^,，。;；\d]{{0,8}}?)(?P<gverb>增长|提高|增加|下降|减少|降低)(?P<g>\d+(?:\.\d+)?)%")
_UP = {"增加", "增长", "提高", "上升", "提升", "扩大"}


@cache
def _share_rx() -> regex.Pattern:
    t = table("lint.toml")["numbers"]
    return rx.compile(rf"(?P<share>{alternation(t['share_words'])})(?P<verb>{alternation(t['level_verbs'])})?"
                         rf"(?:了)?{_PERCENT}")


@cache
def _not_shares() -> tuple[str, ...]:
    return tuple(table("lint.toml")["numbers"]["not_shares"])


def _value(s: str) -> float | None:
    try:
        return float(parse_number(s.replace(",", "")))
    except Exception:  # a numeral the parser does not take is no finding
        return None


@check("NU003")
def impossible_percentage(ctx: Context) -> None:
    text = ctx.norm.text
    for m in _share_rx().finditer(text):
        raw = m.group("n") or m.group("c")
        v = _value(raw)
        if v is None or v <= 100:
            continue
        before = text[max(0, m.start() - 6):m.end("share")]
        if before.endswith(_not_shares()) or (m.group("verb") or "") in ("提高", "增长"):
            continue
        ctx.warn_norm("NU003", m.start(), m.end(), f"{m.group('share')} given as {raw}%: a share or rate "
                                                   f"cannot exceed 100%")


@check("NU001")
def respectively(ctx: Context) -> None:
    text = ctx.norm.text
    for m in _RESPECTIVELY.finditer(text):
        head = regex.split(r"[,，]", m.group("head"))[-1]
        if regex.search(r"从|由", m.group("tail")):
            continue  # 分别从50%、75%提高至100%: from-values and a shared to-value
        # 科技、教育、卫生和文化事业 is four subjects; 信息传输软件和信息技术服务业、租赁和商务服务业 two:
        # a mismatch is one that no reading of 和 explains.
        by_comma = [s for s in head.split("、") if s.strip()]
        readings = {len(by_comma), len(by_comma) + len(regex.findall(r"和|与|及", by_comma[-1])),
                    len([s for s in regex.split(r"[、和与及]", head) if s.strip()])}
        values = [v for v in regex.findall(r"\d+(?:\.\d+)?%?|百分之[〇零一二三四五六七八九十点]+", m.group("tail"))]
        subjects = by_comma
        if max(readings) >= 2 and len(values) >= 2 and len(values) not in readings:
            ctx.warn_norm("NU001", m.start("head") + len(m.group("head")) - len(head), m.end(),
                          f"分别 pairs {len(subjects)} subjects with {len(values)} values")


@check("NU004")
def from_to(ctx: Context) -> None:
    for m in _FROM_TO.finditer(ctx.norm.text):
        a, b, g = _value(m.group("a")), _value(m.group("b")), float(m.group("g"))
        if not a or b is None or regex.search(r"年均|平均每年|每年|可比|扣除|实际", m.group()):
            continue
        up = m.group("gverb") in _UP
        verb = m.group("verb")
        if verb and (verb in _UP) != (b > a):
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
