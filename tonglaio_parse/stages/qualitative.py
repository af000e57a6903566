"""Stage 5b — targets stated without a number (居民消费价格保持合理水平, 固定资产投资实现正增长).

The annual target paragraph is the paragraph holding at least two targets of the report's year
(with the —— items that follow it); each of its clauses that names an indicator and holds no
figure is a qualitative target of the indicator it names first (the clause's subject comes first:
居民收入增长与经济增长同步 is about income). An indicator the paragraph already gives a number is
left out. Works on the normalised text; offsets are normalised.
"""
from __future__ import annotations

from functools import cache
from typing import NamedTuple, Optional

import regex

from .. import rx
from ..rules import alternation, char_class, entries, marks, numeral_chars
from . import indicators, subjects

_MAX_CLAUSE = 40  # a longer clause is a task, not a target


class Stated(NamedTuple):
    canonical: str
    start: int
    end: int


def find(text: str, meanings: list, year: Optional[int], extra_canon=()) -> list[Stated]:
    """The qualitative targets of the annual target paragraph(s), in text order."""
    if year is None:
        return []
    targets = [m for m in meanings if m.status == "target" and m.period is not None
               and m.period.start == m.period.end == year and m.canonical]
    paragraphs: dict[int, list] = {}
    for m in targets:
        paragraphs.setdefault(text.rfind("\n", 0, m.quantity.start) + 1, []).append(m)
    r = indicators.rules(extra_canon)
    out: list[Stated] = []
    for start, held in sorted(paragraphs.items()):
        if len(held) < 2:
            continue
        end = _paragraph_end(text, start)
        numbered = {m.canonical for m in held}
        out.extend(s for s in _clauses(text, start, end, r) if s.canonical not in numbered)
    said = {s.canonical for s in out} | {m.canonical for m in targets}
    out.extend(s for s in _declined(text, r) if s.canonical not in said)
    return sorted(set(out), key=lambda s: s.start)


def _declined(text: str, r):
    """我们没有提出全年经济增速具体目标 (2020): a target declined in so many words, anywhere."""
    ends = marks().clause_mark + marks().line_break
    for m in _no_number().finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ends) + 1
        stop = min((i for i in (text.find(c, m.end()) for c in ends) if i != -1), default=len(text))
        w = r.wordings.search(text, m.end(), stop)
        canon = indicators.canonical_id(w.group(), "increase", "percent", r) if w else None
        if canon:
            yield Stated(canon, start, stop)


@cache
def _no_number() -> "regex.Pattern":
    return rx.compile(alternation(entries("indicators.toml")["status"].words("no_number")))


def _paragraph_end(text: str, start: int) -> int:
    """The paragraph's end, with the —— items that follow it (a target list)."""
    end = text.find("\n", start)
    while end != -1 and text.startswith(marks().list_dash, end + 1):
        end = text.find("\n", end + 1)
    return len(text) if end == -1 else end


def _clauses(text: str, start: int, end: int, r):
    bound = rx.compile(char_class(marks().clause_mark + marks().sentence_end_or_semicolon + "\n"))
    pos = start
    for m in [*bound.finditer(text, start, end), None]:
        stop = m.start() if m else end
        clause = text[pos:stop]
        if 2 <= len(clause.strip()) <= _MAX_CLAUSE and not _has_figure(clause):
            w = r.wordings.search(clause)
            # the indicator is the clause's subject: nothing but cue words before it (多渠道增加
            # 城乡居民收入 is a task)
            head = clause[:w.start()] if w else ""
            leads = w is not None and subjects.clean(head) is None and subjects.verb_direction(head) is None
            canon = indicators.canonical_id(w.group(), "increase", "percent", r) if leads else None
            if canon:
                yield Stated(canon, pos + len(clause) - len(clause.lstrip()), stop)
        pos = m.end() if m else end


def _has_figure(clause: str) -> bool:
    nc = numeral_chars()
    chinese = nc.one_to_nine + nc.two + nc.ten + nc.hundred
    return any(c.isdigit() or c in chinese for c in clause)
