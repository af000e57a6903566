"""Stage 5 — what each quantity measures: subject, canonical id, direction, status, period.

Works on the normalised text; the pipeline maps spans back to the original.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable, Optional

import regex

from . import periods
from .model import Period, Quantity
from .rules import alternation, table
from .segment import cut

_SENTENCE_END = regex.compile(r"[。!?;\n]")
_CLAUSE_END = regex.compile(r"[。!?;\n,、:]")
_RIGHT_OBJECT = regex.compile(r"(?!的|以|和|及|与|或|等|分别|左右|次|后)[\p{Han}A-Za-z“”\"()]{1,16}?(?=[,、。;!?和及与\n]|受益|入选|获得|获评|投入|实现|达到|$)")


@dataclass(frozen=True, slots=True)
class Meaning:
    quantity: Quantity
    subject: Optional[str]
    canonical: Optional[str]
    direction: Optional[str]
    status: str
    period: Optional[Period]


@dataclass(frozen=True)
class _Cues:
    direction: list[tuple[str, regex.Pattern]]
    verb_at_end: regex.Pattern
    target: regex.Pattern
    actual: regex.Pattern
    review_titles: regex.Pattern
    plan_titles: regex.Pattern
    leading: regex.Pattern
    leading_only: regex.Pattern
    trailing: regex.Pattern
    canonical: list[tuple[str, dict[str, str]]]  # wording -> {growth/level/decrease: id}


@cache
def cues(extra: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()) -> _Cues:
    t = table("indicators.toml")
    d = t["direction"]
    all_verbs = d["increase"] + d["decrease"] + d["level"]
    canon: dict[str, dict[str, str]] = {}
    for entry in t["canonical"]:
        ids = {k: v for k, v in entry.items() if k != "wordings"}
        for w in entry["wordings"]:
            canon.setdefault(w, ids)
    for w, ids in extra:
        canon[w] = dict(ids)
    return _Cues(
        direction=[(k, regex.compile(f"(?:{alternation(d[k])})$")) for k in ("increase", "decrease", "level")],
        verb_at_end=regex.compile(f"(?:{alternation(all_verbs)})+$"),
        target=regex.compile(alternation(t["status"]["target"])),
        actual=regex.compile(alternation(t["status"]["actual"])),
        review_titles=regex.compile(alternation(t["status"]["review_titles"])),
        plan_titles=regex.compile(alternation(t["status"]["plan_titles"])),
        leading=regex.compile(f"^(?:{alternation(t['subject']['leading'])})+"),
        leading_only=regex.compile(f"(?:{alternation(t['subject']['leading'] + all_verbs)})+"),
        trailing=regex.compile(f"(?:{alternation(t['subject']['trailing'])})+$"),
        canonical=sorted(canon.items(), key=lambda kv: -len(kv[0])),
    )


def interpret(text: str, quantities: list[Quantity], part_kind: Callable[[int], Optional[str]],
              year: Optional[int], extra_canon=(), heading_of: Callable[[int], str] = lambda i: "") -> list[Meaning]:
    """Give every quantity its meaning. `part_kind(offset)` says 'review', 'plan' or None."""
    c = cues(extra_canon)
    meanings: list[Meaning] = []
    prev: Optional[Meaning] = None
    for q in quantities:
        sent_start = _last_match_end(_SENTENCE_END, text, q.start)
        clause_start = _last_match_end(_CLAUSE_END, text, q.start)
        left = text[clause_start:q.start]
        direction = _direction(left, c)
        subject = _subject_of(text, q, left, c)
        if not subject and prev and _continues(text, prev.quantity.end, q.start):
            subject = prev.subject
        status = _status(text[sent_start:q.start], part_kind(q.start), c)
        period = periods.period_for(text, q.start, status, year, heading_of(q.start))
        canonical = _canonical(subject, direction, q.dimension, c)
        m = Meaning(q, subject, canonical, direction, status, period)
        meanings.append(m)
        prev = m
    return _distribute_respectively(text, meanings, c)


def _subject_of(text: str, q: Quantity, left: str, c: "_Cues") -> Optional[str]:
    """`主语 + 动词 + 数` takes the words before; `动词 + 数 + 对象` and `…等 + 数 + 对象` the words after."""
    verb = c.verb_at_end.search(left)
    before = _subject(left[:verb.start()] if verb else left, c)
    after = _right_object(text, q.end, c) if q.dimension in _COUNTABLE else None
    if after and (not before or left.rstrip().endswith(("等", "让", "使", "了")) or
                  c.leading_only.fullmatch(left.strip())):
        return after
    return before or after


_COUNTABLE = {"count", "area", "length", "power", "mass", "volume", "money", "energy", "other"}
def _last_match_end(rx: regex.Pattern, text: str, pos: int, window: int = 400) -> int:
    lo = max(0, pos - window)
    last = lo
    for m in rx.finditer(text, lo, pos):
        last = m.end()
    return last


def _direction(left: str, c: _Cues) -> Optional[str]:
    tail = left[-6:]
    for name, rx in c.direction:
        if rx.search(tail):
            return name
    return None


def _subject(left: str, c: _Cues) -> Optional[str]:
    """Strip verbs and cue words from both ends, whole jieba tokens only (新建建各类管网 -> 管网)."""
    tokens = [t for t in cut(left.strip(" \t“”\"()")) if t.strip()]
    while tokens and (c.leading.fullmatch(tokens[0]) or c.verb_at_end.fullmatch(tokens[0])
                      or tokens[0] in "“”\"()、,的和及与"):
        tokens.pop(0)
    while tokens and (c.trailing.fullmatch(tokens[-1]) or tokens[-1] in "“”\"()、,"):
        tokens.pop()
    s = "".join(tokens).strip(" \t“\"(")
    if s.endswith("”") and "“" not in s:
        s = s[:-1]
    return s or None


def _continues(text: str, prev_end: int, start: int) -> bool:
    """The previous figure ends right before this clause: `…11条、823公里`, `…170%。达到…`."""
    gap = text[prev_end:start]
    return len(gap) <= 6 and "\n" not in gap


def _right_object(text: str, end: int, c: _Cues) -> Optional[str]:
    m = _RIGHT_OBJECT.match(text, end)
    if not m:
        return None
    return _subject(m.group(), c)


def _status(before: str, part: Optional[str], c: _Cues) -> str:
    if c.actual.search(before[-12:]) and not c.target.search(before[-6:]):
        return "actual"
    if c.target.search(before):
        return "target" if part != "review" or _strong_target(before) else "actual"
    if part == "plan":
        return "target"
    if part == "review":
        return "actual"
    return "actual" if c.actual.search(before) else "target"


_STRONG_TARGET = regex.compile(r"力争|确保|目标|预期|计划|拟")


def _strong_target(before: str) -> bool:
    return bool(_STRONG_TARGET.search(before))


def _canonical(subject: Optional[str], direction: Optional[str], dimension: str, c: _Cues) -> Optional[str]:
    if not subject:
        return None
    for wording, ids in c.canonical:
        if wording in subject:
            if direction == "decrease" and "decrease" in ids:
                return ids["decrease"]
            if dimension in ("percent", "percentage_point", "multiple") and direction in ("increase", None) \
                    and "growth" in ids:
                return ids["growth"]
            if "level" in ids and (dimension not in ("percent",) or "growth" not in ids):
                return ids["level"]
            return ids.get("growth") if dimension == "percent" else None
    return None


_RESPECTIVELY = regex.compile(r"分别")
_URBAN_RURAL = regex.compile(r"城乡")


def _distribute_respectively(text: str, meanings: list[Meaning], c: _Cues) -> list[Meaning]:
    """A、B分别 X、Y: one subject per value, in order; 城乡…分别 X和Y -> 城镇 X, 农村 Y."""
    out = list(meanings)
    i = 0
    while i < len(out):
        q = out[i].quantity
        sent_start = _last_match_end(_SENTENCE_END, text, q.start)
        left = text[sent_start:q.start]
        resp = None
        for m in _RESPECTIVELY.finditer(left):
            resp = m
        if resp is None or text[sent_start + resp.end():q.start].count(",") > 0:
            i += 1
            continue
        group = [i]
        j = i + 1
        while j < len(out) and regex.fullmatch(r"[、和及与,]|,?以及", text[out[j - 1].quantity.end:out[j].quantity.start]):
            group.append(j)
            j += 1
        head = left[:resp.start()]
        clause_head = regex.split(r"[,;:]", head)[-1]
        subjects = _split_subjects(clause_head, c)
        if len(subjects) == len(group):
            for k, subj in zip(group, subjects):
                m = out[k]
                canon = _canonical(subj, m.direction or out[i].direction, m.quantity.dimension, c)
                out[k] = Meaning(m.quantity, subj, canon, m.direction or out[i].direction, m.status, m.period)
        i = j
    return out


def _split_subjects(head: str, c: _Cues) -> list[str]:
    head = _subject(head, c) or ""
    if head.startswith("城乡") and "、" not in head:
        rest = head[2:]
        return ["城镇" + rest, "农村" + rest]
    parts = [p for p in regex.split(r"[、和及与]", head) if p]
    if len(parts) <= 1:
        return parts
    # the shared head noun sits on the last item: 民营企业、普惠小微企业贷款 -> …企业贷款 each
    return [_subject(p, c) or p for p in parts]


class PartKind:
    """Maps a normalised offset to 'review' / 'plan' / None from the part headings."""

    def __init__(self, spans: list[tuple[int, int, Optional[str]]]):
        self.spans = spans

    def __call__(self, offset: int) -> Optional[str]:
        for start, end, kind in self.spans:
            if start <= offset < end:
                return kind
        return None


def classify_part(title: str, body_head: str) -> Optional[str]:
    c = cues()
    probe = title or body_head
    plan = c.plan_titles.search(probe)
    review = c.review_titles.search(probe)
    if plan and not review:
        return "plan"
    if review and not plan:
        return "review"
    if plan and review:
        return "plan" if plan.start() < review.start() else "review"
    return None
