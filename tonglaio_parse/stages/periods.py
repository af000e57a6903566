"""The years a figure refers to, and the year a document is delivered in.

Time words (data/periods.toml) are found once per document (`TimeMarks`); each figure then
takes the nearest one before it in its sentence, else a strong one earlier in its paragraph,
else its section heading's, else one later in its paragraph, else this year for a target and
last year for a result.

A figure's wording says whether it is of one year or of a span (年均增长, 累计: `span_words`).
Where time words of both kinds stand at the same distance — the review heading
2025年和“十四五”时期工作回顾 — a span figure takes the span and any other figure the year; a
span figure whose context names no span takes the nearest span named earlier in its section,
else, in a review of a plan's last year, that plan.
"""
from __future__ import annotations

import bisect
import re as _re
import string
from functools import cache, lru_cache
from typing import NamedTuple, Optional

import regex

from .. import rx
from ..model import Period
from .numbers import parse_number
from ..rules import alternation, char_class, compile_rule, entries, marks, numeral_chars

_STRONG_PLAN_SUFFIX = rx.compile(r"”?(?:时期|期间|以来|末|规划期|开局之年|规划纲要|计划期)")
_PLAN_EDGE = rx.compile(r"”?(?:规划|计划)?的?(?P<edge>开局|收官)之?年")
_MULTIPLE_OF = rx.compile(r"”?(?:时期|期间|末)?的[0-9.]+倍")
# an absolute year that sets the topic of what follows: 2025年, / 2021年以来 / 2026年是
_TOPICAL_YEAR = rx.compile(r",|以来|来|是|上半年|前三季度|全年")
_SINCE = rx.compile(r"以来|来")
_CURRENT = "current"
_CLAUSE_ONLY = 0  # the `strong` of a time word that dates only its own clause (falsy: not strong)
# a comparison base right before a growth figure: 比2002年增长 / 较1980年提高 / 同2010年相比
_BASE_YEAR = rx.compile_std(r"(?:比|较|同|与)(?P<year>(?:19|20)\d\d)年")
# …or the base of a whole sentence: 2005年与2000年相比,国内生产总值增长57.3%
_SENTENCE_BASE = rx.compile_std(r"(?:比|较|同|与)(?P<year>(?:19|20)\d\d)年(?:相比|比较)")
# how far back a span figure looks for the span its section names (这五年, … in a paragraph before)
_SECTION_LOOKBACK = 8000
_MAX_TITLE = 40  # a line this short that ends without a mark is a title, not a cut sentence
_MAX_LIST_ITEMS = 40  # lines walked back to a list's lead paragraph


@cache
def _year_in_words() -> regex.Pattern:
    """二〇三五年: four digits in words before 年."""
    return rx.compile(f"{char_class(numeral_chars().year_digit)}{{4}}(?=年)")


def _clause_mark() -> str:
    m = marks()
    return m.clause_mark + m.line_break


@cache
def _base_gap() -> regex.Pattern:
    """相比增长 / 年均增长 between a base year and its figure: no clause mark, no digit."""
    return rx.compile(f"{char_class(_clause_mark() + string.digits, negated=True)}{{0,12}}")


@cache
def _up_to_clause_mark() -> _re.Pattern:
    return rx.up_to_last(char_class(_clause_mark()))


@cache
def _up_to_sentence_end() -> _re.Pattern:
    return rx.up_to_last(char_class(marks().sentence_end_or_semicolon))


@cache
def _rules():
    t = entries("periods.toml")
    doc = [_YearRule(r.text("pattern"), r.name("pattern"), r.integer("offset"),
                     r.integer("within"), r.text("source"), r.get("since")) for r in t.rows("document_year")]
    rel = {k: tuple(v) for k, v in t["relative"].items()}
    cmp = alternation(t.words("comparison_prefix"))
    marker = compile_rule(
        f"(?<!{cmp})(?:(?P<rel>{alternation(rel)})|(?P<cur>{alternation(t.words('current'))})|"
        "(?P<planword>" + t.text("plan_pattern") + ")|" + t.text("span_pattern") + "|" + t.text("year_pattern") +
        "|" + t.text("streak_pattern") + ")",
        f"{t.where} plan_pattern / span_pattern / year_pattern / streak_pattern")
    return doc, rel, marker, [int(y) for y in t["plan_starts"]]


@cache
def _sentence_only() -> frozenset[str]:
    return frozenset(entries("periods.toml").words("sentence_only"))


@cache
def _span_words() -> _re.Pattern:
    return rx.compile_std(alternation(entries("periods.toml").words("span_words")))


@cache
def _average_words() -> _re.Pattern:
    return rx.compile_std(alternation(entries("periods.toml").words("average_words")))


def is_average(clause: str) -> bool:
    """年均增长 / 平均每年: a yearly rate averaged over a span (not a growth over the whole span)."""
    return _average_words().search(clause) is not None


@cache
def _base_value() -> regex.Pattern:
    """较“十三五”末的 / 比2020年的 right before a figure: the level it is compared with."""
    t = entries("periods.toml")
    return rx.compile(f"(?:{alternation(t.words('comparison_prefix'))})"
                      f"(?:{t.text('plan_pattern')}|(?P<year>(?:19|20)\\d\\d)年)(?:末|底)?的?$")


def base_value_period(text: str, pos: int) -> Optional[Period]:
    """The time of a comparison base written before a figure (较“十三五”末的9323.1亿元: 2020)."""
    m = _base_value().search(text, max(0, pos - 16), pos)
    if m is None:
        return None
    if m.group("year"):
        y = int(m.group("year"))
        return Period(y, y)
    plan = plan_period(m.group("plan"))
    return Period(plan.end, plan.end) if plan else None


@cache
def _not_span_words() -> _re.Pattern:
    return rx.compile_std(alternation(entries("periods.toml").words("not_span_words")))


def is_span_figure(clause: str) -> bool:
    """年均增长6.5% / 累计完成: the clause before a figure makes it a figure of a span of years."""
    if _span_words().search(clause) is None:
        return False
    return _span_words().search(_not_span_words().sub("", clause)) is not None


@cache
def _paragraph_end() -> str:
    m = marks()
    return m.sentence_end_or_semicolon + ":：”"


def _multi(mark) -> bool:
    return mark[2] is not _CURRENT and mark[2].start != mark[2].end


def _pick(found: list, span: bool) -> list:
    """Of time words at one distance, those of the figure's kind (a span or one year), else all."""
    kind = [m for m in found if _multi(m) == span and m[2] is not _CURRENT]
    return kind or found


def _arabic_years(text: str) -> str:
    """二〇三五年 -> 2035年 without changing length (so offsets stay)."""
    def arabic(m: regex.Match) -> str:
        try:
            digits = str(int(parse_number(m.group())))
        except ValueError:
            return m.group()
        return digits if len(digits) == 4 else m.group()
    return _year_in_words().sub(arabic, text)


@lru_cache(maxsize=1)
def _arabic_document(text: str) -> str:
    """_arabic_years of a whole report, which find_year (of a report shorter than its rules'
    reach) and then TimeMarks ask for."""
    return _arabic_years(text)


class _YearRule(NamedTuple):
    """One [[document_year]] rule; its pattern is compiled when a text first needs it (the
    rules are tried in order until one finds the year: most texts need the first few)."""
    source_pattern: str
    where: str
    offset: int
    within: int
    source: str
    since: Optional[int] = None  # an anniversary's first year: the year is since + the count


class YearFound(NamedTuple):
    """The year a report is delivered in, what says so (`source`: title, date-line, text,
    publication-date, filename) and where (an offset of the text; None for the file name)."""
    year: Optional[int]
    source: Optional[str]
    start: Optional[int] = None
    end: Optional[int] = None


def find_year(text: str, path: Optional[str] = None) -> YearFound:
    """The report's year from its own words, else from the file name (a guess, and so named)."""
    doc, _, _, _ = _rules()
    head = _arabic_document(text[:max(rule.within for rule in doc)])
    for rule in doc:
        m = compile_rule(rule.source_pattern, rule.where).search(head, 0, rule.within)
        if m is None:
            continue
        year = _year_of_match(m, rule.since)
        if year is not None:
            return YearFound(year + rule.offset, rule.source, m.start(), m.end())
    if path:
        m = _re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", path.replace("\\", "/").rsplit("/", 1)[-1])
        if m:
            return YearFound(int(m.group(1)), "filename")
    return YearFound(None, None)


def _year_of_match(m: regex.Match, since: Optional[int] = None) -> Optional[int]:
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("count") and since is not None:
        try:
            return since + int(parse_number(groups["count"]))
        except ValueError:
            return None
    plan = plan_period(groups["plan"]) if groups.get("plan") else None
    if plan is None:
        return None
    return plan.start if groups.get("edge") == "开局" else plan.end


def document_year(text: str, path: Optional[str] = None) -> Optional[int]:
    return find_year(text, path).year


def plan_period(name: str) -> Optional[Period]:
    """“十四五” -> 2021–2025."""
    _, _, _, starts = _rules()
    n = _plan_number(name)
    if n is None or n < 1:
        return None
    start = starts[n - 1] if n <= len(starts) else starts[-1] + 5 * (n - len(starts))
    return Period(start, start + 4)


def plan_period_ending(year: int) -> Optional[Period]:
    """The five-year plan whose last year is `year`, if one is."""
    _, _, _, starts = _rules()
    if year < starts[-1] + 4:
        return next((Period(s, s + 4) for s in starts if s + 4 == year), None)
    return Period(year - 4, year) if (year - 4 - starts[-1]) % 5 == 0 else None


def _plan_number(name: str) -> Optional[int]:
    name = name.strip("“”\"")
    if not name.endswith("五"):
        return None
    try:
        return int(parse_number(name[:-1]))
    except ValueError:
        return None


class TimeMarks:
    """Every time word of a text with the period it names, found once."""

    def __init__(self, text: str, year: Optional[int]):
        self.text = text
        self.year = year
        self.arabic = _arabic_document(text)
        self.marks = list(_marks(self.arabic, year))
        self.starts = [m[0] for m in self.marks]
        self.ends = [m[1] for m in self.marks]  # ascending too: the words do not overlap
        self._last_said: tuple = (None, None)  # (pos, plan_part) -> _said_before's answer

    def _between(self, lo: int, hi: int):
        a = bisect.bisect_left(self.starts, lo)
        b = min(bisect.bisect_left(self.starts, hi), bisect.bisect_right(self.ends, hi))
        return self.marks[a:b]

    def explicit(self, pos: int, heading: str = "", plan_part: bool = False,
                 part_start: int = 0) -> tuple[Optional[Period], Optional[Period]]:
        """The periods time words name (a) in the figure's sentence or paragraph and (b) in its
        section headings; None for none, or for a word like 全年 whose year depends on status."""
        (para_start, _, _), found = self._said_before(pos, plan_part)
        found = found or self._list_lead(para_start, False)
        near = found[-1][2] if found and found[-1][2] is not _CURRENT else None
        marks = _heading_marks(heading, self.year) if heading and not found else []
        head = marks[-1][2] if marks and marks[-1][2] is not _CURRENT else None
        if self.year is not None and head is not None and \
                len({m[2].end < self.year for m in marks if m[2] is not _CURRENT}) > 1:
            # 1998年工作回顾和1999年工作的总体要求: the heading names a past and a coming year;
            # the part's last strong time word before the figure says which half it is in
            said = [m for m in self._between(max(part_start, pos - _SECTION_LOOKBACK), pos)
                    if m[3] and m[2] is not _CURRENT]
            head = said[-1][2] if said else None
        return near, head

    def _said_before(self, pos: int, plan_part: bool) -> tuple[tuple[int, int, int], list]:
        """The figure's bounds and the time words before it in its sentence, else in its
        paragraph; explicit() and then period_for() ask for one figure's, so the last is kept."""
        key = (pos, plan_part)
        if self._last_said[0] != key:
            bounds = self._bounds(pos)
            para_start, _, sent_start = bounds
            found = self._sentence(sent_start, pos) or self._paragraph(para_start, sent_start, pos, plan_part)
            self._last_said = (key, (bounds, found))
        return self._last_said[1]

    def _bounds(self, pos: int) -> tuple[int, int, int]:
        text = self.text
        para_start = text.rfind("\n", 0, pos) + 1
        para_end = text.find("\n", pos)
        para_end = len(text) if para_end == -1 else para_end
        m = _up_to_sentence_end().match(text, max(para_start, pos - 400), pos)
        return para_start, para_end, m.end() if m else para_start

    def _sentence(self, sent_start: int, pos: int) -> list:
        """The time words of the figure's sentence before it; a streak (连续五年增产) only in
        the figure's own clause."""
        found = self._between(sent_start, pos)
        if any(m[3] is _CLAUSE_ONLY for m in found):
            clause_start = self._clause_start(pos)
            found = [m for m in found if m[3] is not _CLAUSE_ONLY or m[0] >= clause_start]
        return found

    def _paragraph(self, para_start: int, sent_start: int, pos: int, plan_part: bool = False) -> list:
        """Strong time words of the paragraph before the figure's sentence. In a plan part a past
        year there dates no figure of a later sentence: 去年价格上涨的翘尾影响约有1个百分点。
        把居民消费价格涨幅控制在3.5%左右 explains this year's target."""
        found = [m for m in self._between(max(para_start, pos - 3000), sent_start) if m[3]]
        if plan_part and self.year is not None:
            found = [m for m in found if m[2] is _CURRENT or m[2].end >= self.year]
        return found

    def period_for(self, pos: int, status: str, heading: str = "", span: bool = False,
                   part_start: int = 0, rate: bool = False, plan_part: bool = False) -> Optional[Period]:
        """`span`: the figure's wording makes it one of several years (is_span_figure); `rate`:
        it is a rate, which a base year of its sentence (与2000年相比,…增长57.3%) makes a span."""
        p = self._period_for(pos, status, heading, span, plan_part)
        if span and status == "actual" and (p is None or p.start == p.end):
            p = self._section_span(pos, part_start) or self._ending_plan() or p
        return self._from_base(pos, p, rate) if p is not None else None

    def _list_lead(self, para_start: int, span: bool) -> list:
        """An item of a —— list is read in the time of the paragraph that leads the list
        (过去五年极不寻常… ⏎——经济发展再上新台阶。…): that paragraph's strong time words."""
        text = self.text
        dash = marks().list_dash
        if not text.startswith(dash, para_start):
            return []
        end = para_start
        for _ in range(_MAX_LIST_ITEMS):
            start = text.rfind("\n", 0, max(0, end - 1)) + 1
            line = text[start:end]
            if line.strip() and not line.lstrip().startswith(dash) and self._after_paragraph_end(start):
                return _pick([m for m in self._between(start, end) if m[3]], span)
            if start == 0:
                return []
            end = start
        return []

    def _after_paragraph_end(self, start: int) -> bool:
        """Does the line before `start` end a paragraph (a line cut mid-sentence does not)?"""
        before = self.text[:start].rstrip()
        if not before or before[-1] in _paragraph_end():
            return True
        line_start = before.rfind("\n") + 1  # a title: a short line after a paragraph's end
        earlier = before[:line_start].rstrip()
        return len(before) - line_start <= _MAX_TITLE and (not earlier or earlier[-1] in _paragraph_end())

    def _section_span(self, pos: int, part_start: int) -> Optional[Period]:
        """The last span named in the figure's part before it (这五年, … paragraphs earlier)."""
        lo = max(part_start, pos - _SECTION_LOOKBACK)
        spans = [m for m in self._between(lo, pos) if _multi(m) and m[3] and m[2].end < (self.year or 9999)]
        return spans[-1][2] if spans else None

    def _ending_plan(self) -> Optional[Period]:
        """In a report of a plan's first year, the plan that has just ended (a review's 年均)."""
        return plan_period_ending(self.year - 1) if self.year is not None else None

    def _from_base(self, pos: int, p: Period, rate: bool = False) -> Period:
        """比2002年增长65.5%, 年均增长10.6% in a review of 2007: both span 2003-2007."""
        if p.start != p.end:
            return p
        clause_start = self._clause_start(pos)
        base = self._base(clause_start, pos)
        if base is None and rate:
            _, _, sent_start = self._bounds(pos)
            m = _SENTENCE_BASE.search(self.arabic, sent_start, pos)
            base = int(m.group("year")) if m else None
        if base is None and _average_words().match(self.text, clause_start):  # the clause before set it
            prev = self._clause_start(clause_start - 1) if clause_start else 0
            m = _BASE_YEAR.search(self.arabic, prev, clause_start)
            base = int(m.group("year")) if m else None
        if base is not None and base + 1 < p.end:
            return Period(base + 1, p.end)
        return p

    def _clause_start(self, pos: int) -> int:
        lo = max(0, pos - 400)
        m = _up_to_clause_mark().match(self.text, lo, pos)
        return m.end() if m else lo

    def _base(self, lo: int, pos: int) -> Optional[int]:
        for m in _BASE_YEAR.finditer(self.arabic, lo, pos):
            if _base_gap().fullmatch(self.arabic, m.end(), pos):
                return int(m.group("year"))
        return None

    def _period_for(self, pos: int, status: str, heading: str = "", span: bool = False,
                    plan_part: bool = False) -> Optional[Period]:
        (para_start, para_end, _), found = self._said_before(pos, plan_part)
        found = found or self._list_lead(para_start, span) or self._heading_for(heading, status, span)
        if found:
            near = found[-1] if not span or _multi(found[-1]) else next((m for m in found[-2:] if _multi(m)), found[-1])
            return self._resolve(near[2], status)
        later = self._between(pos, min(para_end, pos + 200))
        if later:
            return self._resolve(later[0][2], status)
        return self._resolve(_CURRENT, status)

    def _heading_for(self, heading: str, status: str, span: bool = False) -> list:
        """The heading's time words; of a heading naming two years (1993年国内工作的回顾和1994年
        工作的基本方针) a result takes the past one, a target the other; of a year and a span
        (2025年和“十四五”时期工作回顾) a span figure takes the span, another the year."""
        marks = _heading_marks(heading, self.year) if heading else []
        years = [m for m in marks if m[2] is not _CURRENT]
        if self.year is None or len({m[2] for m in years}) < 2:
            return marks
        past = [m for m in years if m[2].end < self.year]
        ahead = [m for m in years if m[2].end >= self.year]
        return _pick((past if status == "actual" else ahead) or marks, span)

    def _resolve(self, p, status: str) -> Optional[Period]:
        if p is not _CURRENT:
            return p
        if self.year is None:
            return None
        return Period(self.year, self.year) if status == "target" else Period(self.year - 1, self.year - 1)


@lru_cache(maxsize=256)
def _heading_marks(heading: str, year: Optional[int]) -> list:
    """The time words of a section heading (asked for every figure under it)."""
    return list(_marks(_arabic_years(heading), year))


def _topical(text: str, m: regex.Match) -> bool:
    """2025年, / 2021年以来, at the head of a clause: a year that sets the topic of what follows.
    Inside a clause (经济增速2022年以来连续16个季度高于全国) 以来 dates that clause only."""
    before = text[m.start() - 1:m.start()] if m.start() else ""
    if before in ("", "\n") and not _MULTIPLE_OF.match(text, m.end()):
        return True  # 2026年全县经济社会发展主要预期目标是: a paragraph that opens with its year
    after = _TOPICAL_YEAR.match(text, m.end())
    if after is None:
        return False
    if not _SINCE.fullmatch(after.group()):
        return True
    return before in _clause_mark() or before in "自从"


def _marks(text: str, year: Optional[int]):
    """(start, end, Period, strong) for each time word of `text`."""
    _, rel, marker, _ = _rules()
    for m in marker.finditer(text):
        if m.group("rel"):
            if year is None:
                continue
            a, b = rel[m.group("rel")]
            yield m.start(), m.end(), Period(year + a, year + b), m.group("rel") not in _sentence_only()
        elif m.group("cur"):
            yield m.start(), m.end(), _CURRENT, True
        elif m.group("planword"):
            p = plan_period(m.group("plan"))
            if p is None or _MULTIPLE_OF.match(text, m.end()):
                continue  # 是“十一五”时期的3.2倍: the base of a multiple, no time of the figure
            edge = _PLAN_EDGE.match(text, m.end("plan"))
            if edge:  # “十四五”开局之年 is one year: the plan's first (收官: its last)
                y = p.start if edge.group("edge") == "开局" else p.end
                p = Period(y, y)
            yield m.start(), m.end(), p, bool(_STRONG_PLAN_SUFFIX.match(text, m.end("plan")))
        elif m.group("streak"):
            if year is None:
                continue
            try:
                n = int(parse_number(m.group("streak")))
            except ValueError:
                continue
            # 经济增长连续四年达到或略高于10% in the review of 2006: 2003–2006; of its sentence only
            yield m.start(), m.end(), Period(year - n, year - 1), _CLAUSE_ONLY
        elif m.group("from"):
            yield m.start(), m.end(), Period(int(m.group("from")), int(m.group("to"))), True
        else:
            if _MULTIPLE_OF.match(text, m.end()):
                continue  # 分别是2010年的1.9倍
            y = int(m.group("year"))
            yield m.start(), m.end(), Period(y, y), _topical(text, m)


def period_for(text: str, pos: int, status: str, year: Optional[int], heading: str = "") -> Optional[Period]:
    """One-off form of TimeMarks(text, year).period_for(pos, status, heading)."""
    return TimeMarks(text, year).period_for(pos, status, heading)
