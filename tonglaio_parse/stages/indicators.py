"""Stage 5 — what each quantity measures: subject, canonical id, direction, status, period.

Works on the normalised text (Simplified, ASCII punctuation); the pipeline maps spans back.
`interpret` may return MORE meanings than quantities, in text order: one value shared by two
subjects (基本养老、基本医疗保险参保率稳定在95%以上) gives two meanings with the same quantity.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple, Optional, Protocol

import regex

from .. import rx
from . import periods, subjects
from ..model import Period, Quantity
from ..rules import RuleError, alternation, char_class, entries, marks

_JOINER = rx.compile_std(r"[、,]?(?:和|及|与|以及|、|,)")
_HAN = rx.compile(r"\p{Han}")
_HAN_RUN = rx.compile(r"\p{Han}+")
_FROM = rx.compile_std(r"(?:从|由)(?:(?:19|20)\d\d年的?|[上去前]年的?)?(?:不到|不足|约)?$")
_RATE = {"percent", "percentage_point", "ratio", "multiple"}
_TARGET_BOUNDS = {"approx", "at_most", "at_least", "range"}
# dimensions whose figure may be followed by its object: 14条断头路, 200万千瓦储能装备规模
_COUNTABLE = {"count", "area", "length", "power", "volume", "other"}


_ID_KINDS = ("growth", "level", "decrease", "ratio", "cumulative")


class _Bounds:
    """The marks a figure's sentence and clause are cut at (searched backwards too), each
    compiled when first used: full_stop and to_after only for a from-value (由…增加到)."""

    @cached_property
    def sentence(self) -> regex.Pattern:
        """Sentence end, semicolon or line break: the figure's sentence."""
        m = marks()
        return rx.compile(char_class(m.sentence_end_or_semicolon + m.line_break))

    @cached_property
    def clause(self) -> regex.Pattern:
        """Clause mark or line break: the phrase left of a figure."""
        m = marks()
        return rx.compile(char_class(m.clause_mark + m.line_break))

    @cached_property
    def full_stop(self) -> regex.Pattern:
        """Sentence end or line break: a wide sentence (与1978年相比,…;…由1121亿元)."""
        m = marks()
        return rx.compile(char_class(m.sentence_end + m.line_break))

    @cached_property
    def to_after(self) -> regex.Pattern:
        """增加到 / 提高至 / 到 right after a figure, within its clause."""
        m = marks()
        within_clause = char_class(m.clause_mark + m.line_break + string.digits, negated=True)
        return rx.compile(f"{within_clause}{{0,6}}?(?:到|至)")


@cache
def _bounds() -> _Bounds:
    return _Bounds()


class _FromYear(NamedTuple):
    near: regex.Pattern      # 由1978年的36.5%: the year right before a from-value
    sentence: regex.Pattern  # 与1978年相比, … 由3480亿元: the base year of its sentence


@cache
def _from_year_patterns() -> _FromYear:
    return _FromYear(rx.compile(r"(?:从|由)(?P<year>(?:19|20)\d\d)年的?(?:不到|不足|约)?$"),
                     rx.compile(r"(?:与|同|比|较)(?P<year>(?:19|20)\d\d)年(?:相比|比较)"))


@dataclass(frozen=True, slots=True)
class Meaning:
    quantity: Quantity
    subject: Optional[str]
    canonical: Optional[str]
    direction: Optional[str]
    status: str
    period: Optional[Period]
    # set on each value of a 分别 list whose subjects and values do not pair up:
    # (number of subjects, number of values); the values are kept, unpaired.
    unpaired: Optional[tuple[int, int]] = None


@dataclass(frozen=True)
class _Rules:
    # (the lists of words are alternations for the standard library's engine: it searches them
    # up to twice as fast as `regex`)
    canonical: dict[str, dict[str, str]]  # wording -> {growth/level/decrease/ratio: id}
    wordings: re.Pattern                  # every wording, longest first
    target: re.Pattern
    actual: re.Pattern
    strong_target_words: tuple[str, ...]
    target_frame: re.Pattern
    not_cues: re.Pattern
    review_titles: re.Pattern
    plan_titles: re.Pattern
    ratio_words: tuple[str, ...]
    share_mark: str
    not_share: tuple[str, ...]
    annual_level: frozenset[str]
    cumulative: dict[str, str]            # growth id -> id of its growth over several years
    per_unit: tuple[str, ...]             # 单位, 万元, 每: before a wording, it is a denominator
    known: dict = field(default_factory=dict, compare=False)  # (subject, direction, dimension) -> id

    @cached_property
    def strong_target(self) -> re.Pattern:
        """A target even in a review part (力争, 确保 …): compiled when first needed."""
        return rx.compile_std(alternation(self.strong_target_words))


def _wordings(words) -> re.Pattern:
    """Every wording, longest first, for the standard library's engine: it compiles the
    alternation in a third of regex's time and, every alternative starting with a literal
    (_whole_token), skips in C to where a wording can start."""
    return rx.compile_std(alternation(words, item=_whole_token))


def _whole_token(w: str) -> str:
    """A wording that starts or ends with a Latin letter or digit matches only as a whole token
    (M2 is not the M2 of PM2.5, CPI not of CPIX). The test before it follows its first letter
    (C(?<![A-Za-z0-9]C)PI), so that the alternative still starts with a literal."""
    p = re.escape(w)
    if w[0].isascii() and w[0].isalnum():
        first = re.escape(w[0])
        p = rf"{first}(?<![A-Za-z0-9]{first}){re.escape(w[1:])}"
    if w[-1].isascii() and w[-1].isalnum():
        p += r"(?![A-Za-z0-9]|\.[0-9])"
    return p


@cache
def rules(extra: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()) -> _Rules:
    t = entries("indicators.toml")
    canon: dict[str, dict[str, str]] = {}
    for entry in t.rows("canonical"):
        ids = {k: v for k, v in entry.items() if k in _ID_KINDS}
        if not ids or not entry.get("wordings"):
            raise RuleError(f"{entry.where}: needs wordings and an id")
        for w in entry.words("wordings"):
            if w in canon and canon[w] != ids:
                raise RuleError(f"{entry.where}: wording {w!r} claimed twice")
            canon[w] = ids
    for w in t.get("not_canonical", {}).get("wordings", []):
        if w in canon:
            raise RuleError(f"data/indicators.toml [not_canonical]: {w!r} is also a wording of an id")
        canon[w] = {}
    for w, ids in extra:  # the user's file wins
        canon[w] = dict(ids)
    st = t["status"]
    sub = t["subject"]
    share_mark = sub.text("share_mark")
    if any(share_mark not in w for w in sub.words("not_share")):
        raise RuleError(f"{sub.name('not_share')}: every word must contain share_mark")
    return _Rules(
        canonical=canon,
        wordings=_wordings(canon),
        target=rx.compile_std(alternation(st.words("target"))),
        actual=rx.compile_std(alternation(st.words("actual"))),
        strong_target_words=tuple(st.words("strong_target")),
        target_frame=rx.compile_std(alternation(st.words("target_frames"))),
        not_cues=rx.compile_std(alternation(st.words("not_cues"))),
        review_titles=rx.compile_std(alternation(st.words("review_titles"))),
        plan_titles=rx.compile_std(alternation(st.words("plan_titles"))),
        ratio_words=tuple(sub.words("ratio_words")),
        share_mark=share_mark,
        not_share=tuple(sub.words("not_share")),
        annual_level=frozenset(t["annual_level"].words("ids")),
        cumulative={ids["growth"]: ids["cumulative"] for ids in canon.values() if "cumulative" in ids},
        per_unit=tuple(sub.words("per_unit")),
    )


@dataclass(slots=True)
class _Read:
    """What the words around one quantity say (before status and period)."""
    subject: Optional[str]
    direction: str
    lead: Optional[str]      # direction of a verb leading the clause, shared by a list
    unpaired: Optional[tuple[int, int]] = None
    phrase: Optional[str] = None  # the clause left of the number, when the subject came from it
    left: Optional[str] = None    # the subject the clause left of the number names, if any


class Parts(Protocol):
    """Where an offset of the normalised text stands in the report (document.Outline is one)."""

    def part_kind(self, i: int) -> Optional[str]:
        """'review', 'plan' or None: the kind of the part holding offset i."""

    def heading_of(self, i: int) -> str:
        """The titles of the sections holding offset i, outermost first, one a line."""

    def part_start(self, i: int) -> int:
        """Where the part holding offset i starts."""


def interpret(text: str, quantities: list[Quantity], parts: Parts, year: Optional[int],
              extra_canon=()) -> list[Meaning]:
    """Give every quantity its meaning(s): subject, canonical id, direction, status, period."""
    r = rules(extra_canon)
    bounds = _bounds()
    # where each figure's sentence and clause start: for reading it and for its status
    sentences = [_last_end(bounds.sentence, text, q.start) for q in quantities]
    clauses = [_last_end(bounds.clause, text, q.start) for q in quantities]
    reads: list[list[_Read]] = [[] for _ in quantities]
    i = 0
    while i < len(quantities):
        i = _read_from(text, quantities, i, reads, r, sentences[i], clauses[i])
    out: list[Meaning] = []
    marks = periods.TimeMarks(text, year)
    for q, rs, sent_start, clause_start in zip(quantities, reads, sentences, clauses):
        heading = parts.heading_of(q.start)
        part = parts.part_kind(q.start)
        part_start = parts.part_start(q.start)
        # in a plan part, a target's frame (把…控制在) keeps the past of earlier sentences out
        clause = text[clause_start:q.start]
        # a target's frame and bound (把…控制在3.5%左右; 控制在 may be in the quantity's own span),
        # unlike a result told in a plan part (居民消费价格涨幅控制在3.3%)
        framed = part == "plan" and q.qualifier in _TARGET_BOUNDS and \
            r.target_frame.search(text, clause_start, q.end) is not None
        near, head = marks.explicit(q.start, heading, framed, part_start)
        status = _status(text[sent_start:q.start], part, r, near, head, year)
        span = periods.is_span_figure(clause)
        period = marks.period_for(q.start, status, heading, span, part_start, q.dimension in _RATE, framed)
        for rd in rs:
            canon = canonical_id(rd.subject, rd.direction, q.dimension, r)
            if canon is None and rd.phrase:  # 经济增长预期目标为7%: the wording spans the verb
                canon = canonical_id(rd.phrase, rd.direction, q.dimension, r)
            p, st = period, status
            base = periods.base_value_period(text, q.start) if status == "actual" else None
            if base is not None:  # 较“十三五”末的9323.1亿元: the level compared with, of its own time
                p = base
            elif _FROM.search(text, max(0, q.start - 10), q.start) and bounds.to_after.match(text, q.end):
                # 由1121亿元增加到2220亿元: the first is the level it started from, a result of
                # the base year (由1978年的…, 与1978年相比) or of the year before the figure's
                base = _from_year(marks.arabic, _last_end(bounds.full_stop, text, q.start), q.start)
                if base is None and p is not None:  # a review: the year before; a plan: the last result
                    base = p.start - 1 if status == "actual" else (year - 1 if year else None)
                p, st = (Period(base, base) if base is not None else None), "actual"
            elif p and p.end > p.start and status == "actual" and canon in r.annual_level \
                    and not periods.is_span_figure(clause):
                # 五年来 … 国内生产总值从54万亿元增加到82.7万亿元: the level of its last year
                p = Period(p.end, p.end)
            elif p and p.end > p.start and canon in r.cumulative and rd.direction != "decrease" and \
                    not periods.is_average(clause):
                canon = r.cumulative[canon]  # 较“十三五”末增长33.6%: not a yearly rate
            out.append(Meaning(q, rd.subject, canon, rd.direction, st, p, rd.unpaired))
    return out


def _from_year(arabic: str, sent_start: int, pos: int) -> Optional[int]:
    """The year a from-value is of: 由1978年的36.5% / 与1978年相比, …由3480亿元."""
    patterns = _from_year_patterns()
    m = patterns.near.search(arabic, max(sent_start, pos - 10), pos)
    if m is None:
        m = patterns.sentence.search(arabic, sent_start, pos)
    return int(m.group("year")) if m else None


def _read_from(text: str, qs: list[Quantity], i: int, reads: list[list[_Read]], r: _Rules,
               sent_start: int, clause_start: int) -> int:
    """Read quantity i (and the values of its 分别 list), whose sentence starts at sent_start and
    clause at clause_start; return the next index to read."""
    q = qs[i]
    prev = reads[i - 1][-1] if i and reads[i - 1] else None
    prev_q = qs[i - 1] if i else None
    same_sentence = prev_q is not None and prev_q.end >= sent_start
    seg_start = clause_start
    if same_sentence:
        seg_start = max(seg_start, prev_q.end)
    phrase = text[seg_start:q.start]
    # a verb the quantity took as its qualifier (、突破3万元) is the figure's own verb, unless a
    # verb stands right before it (下降超过20%: 超过 qualifies the fall)
    own = subjects.verb_direction(phrase) if subjects.ends_with_verb(phrase) else \
        subjects.verb_direction(phrase + _leading_word(text, q))
    lead = _lead_direction(phrase)
    continues = prev is not None and (same_sentence or _close(text, prev_q.end, q.start))
    bare = subjects.clean(phrase)
    if own is None and continues and prev.lead and (bare is None or bare == phrase.strip(subjects.lexicon().edge)):
        lead = prev.lead  # a bare noun phrase in a list takes the list's verb
    direction = own or lead or "level"

    head, after = subjects.split_respectively(phrase)
    if head is not None:
        return _respectively(text, qs, i, reads, head, subjects.verb_direction(after) or direction, lead,
                             sent_start)
    group = _joined(text, qs, i)
    if len(group) > 1:  # 城镇…和农村…实际增长14.1%和11.4% / …元,…元,实际增长8.4%和8%
        names = subjects.split_subjects(bare, len(group)) if bare else \
            _earlier_subjects(reads, qs, i, len(group), sent_start) if q.dimension in _RATE else None
        if names and len(names) == len(group):
            for k, name in zip(group, names):
                reads[k] = [_Read(name, direction, lead)]
            return group[-1] + 1

    subject = None
    if q.dimension in _COUNTABLE:
        subject = subjects.right_object(text, q.end)
        if subject:
            subject += _shared_tail(text, q, qs[i + 1:i + 4], subject)
    from_left = not subject
    if from_left and subjects.is_milestone(bare):
        bare = None  # 跨过两个万亿元大关、超过6万亿元: the figure keeps the subject before it
    subject = subject or bare
    ref = subjects.back_reference(subject) if from_left else None
    earlier = _earlier_subject(reads, qs, i, sent_start) if continues and (ref or subject is None) else None
    if ref and earlier:  # 一般公共预算收入增长4.6%,总量首次突破1900亿元
        subject = earlier.removesuffix(ref) + ref
    elif subject is None and continues:
        subject = earlier
    elif subject and subject.startswith("占") and continues and prev.subject:
        subject = prev.subject + subject  # 财政赤字…,占国内生产总值比重3%
    if subject is None or (ref and not earlier and q.dimension not in _RATE):
        # 规模以上工业增加值增速:9.6% / 粮食总产量…又增产291亿斤,达到9680亿斤
        subject = _sentence_topic(text, sent_start, seg_start, ref, r) or subject
    if subject is None and prev is not None and prev.subject and not subjects.is_milestone(prev.subject) \
            and "\n" not in text[prev_q.end:q.start] and subjects.clean(text[sent_start:seg_start]) is None:
        # …达到41268亿元。按可比价格计算,比上年增长8.1%: a sentence with no subject of its own
        # goes on with the one before it in the paragraph
        subject = prev.subject
    if subject and q.dimension in _RATE:
        shared = subjects.split_subjects(subject, 1, complete_only=True) if "、" in subject else \
            subjects.compound_parts(subject) if direction == "increase" else None
        if shared:  # one rate for two subjects: 城乡居民人均可支配收入增长7.5%
            reads[i] = [_Read(s, direction, lead) for s in shared]
            return i + 1
    reads[i] = [_Read(subject, direction, lead, phrase=phrase if from_left and bare else None, left=bare)]
    return i + 1


def _sentence_topic(text: str, sent_start: int, seg_start: int, ref: Optional[str], r: _Rules) -> Optional[str]:
    """A figure without a subject of its own takes the indicator its sentence opens with:
    粮食总产量在上年大幅度增长的基础上,又增产291亿斤,达到9680亿斤 -> 粮食总产量; with a back
    reference, the noun it refers to: 粮食连续五年增产,总产量10570亿斤 -> 粮食总产量. Only a
    topic that names a canonical indicator is taken."""
    first = _bounds().clause.search(text, sent_start, seg_start)
    if first is None or first.start() <= sent_start:
        return None
    head = text[sent_start:first.start()]
    m = r.wordings.search(head)
    if m and not ref and subjects.clean(head[:m.start()]) is None:
        return m.group()
    if ref:
        noun = _HAN_RUN.match(subjects.clean(head) or "")
        words = subjects.lexicon().verbs.split(noun.group(), maxsplit=1)[0] if noun else ""
        words = words.split("连续", 1)[0]
        if words and canonical_id(words + ref, None, "mass", r):
            return words + ref
    return None


def _leading_word(text: str, q: Quantity) -> str:
    """The words a quantity's span starts with before its number (突破 of 突破3万元), if any."""
    m = _HAN_RUN.match(text, q.start, q.end)
    return m.group() if m else ""


def _earlier_subject(reads: list[list[_Read]], qs: list[Quantity], i: int, sent_start: int) -> Optional[str]:
    """The subject of the figure before, passing over milestones (达到1.5万亿元 after
    跨越3个千亿元台阶 takes 地区生产总值, the subject left of the 3)."""
    k = i - 1
    while k >= 0 and reads[k]:
        rd = reads[k][-1]
        for name in (rd.subject, rd.left):
            if name and not subjects.is_milestone(name):
                return name
        if qs[k].start < sent_start:
            return None
        k -= 1
    return None


_MAX_GROUP = 16  # no real list pairs more values; the cap keeps a hostile chain linear


def _joined(text: str, qs: list[Quantity], i: int) -> list[int]:
    """Quantity i and the ones following it joined by 、/和/及 only: X、Y和Z. A comma joins only
    values of one unit (分别增长5.6%,4%); 下降5.6%和4%,74个重点城市… starts a new clause."""
    group = [i]
    while group[-1] + 1 < len(qs) and len(group) < _MAX_GROUP:
        a, b = qs[group[-1]], qs[group[-1] + 1]
        joiner = _JOINER.fullmatch(text, a.end, b.start)
        if not joiner or (joiner.group() == "," and b.unit != a.unit):
            break
        group.append(group[-1] + 1)
    return group


def _earlier_subjects(reads, qs, i: int, n: int, sent_start: int) -> Optional[list[str]]:
    """The last n subjects of figures earlier in the sentence (which starts at sent_start), in order."""
    names: list[str] = []
    k = i - 1
    while k >= 0 and qs[k].start >= sent_start and len(names) < n:
        for rd in reversed(reads[k]):
            if rd.subject and rd.subject not in names:
                names.insert(0, rd.subject)
        k -= 1
    return names if len(names) == n else None


def _respectively(text, qs, i, reads, head: str, direction: str, lead, sent_start: int) -> int:
    """A、B、C分别 X、Y、Z -> one subject per value; 城乡…分别 X和Y -> 城镇 X, 农村 Y;
    …X元,…Y元,分别增长P%和Q% -> the subjects of the sentence's earlier figures."""
    group = _joined(text, qs, i)
    names = subjects.split_subjects(head, len(group)) if subjects.clean(head) else \
        _earlier_subjects(reads, qs, i, len(group), sent_start)
    if names and len(names) == len(group):
        for k, name in zip(group, names):
            reads[k] = [_Read(name, direction, lead)]
    elif names and len(group) == 1:
        reads[i] = [_Read(name, direction, lead) for name in names]
    else:
        whole = subjects.clean(head)
        counts = (len(names) if names else 1, len(group))
        for k in group:
            reads[k] = [_Read(whole, direction, lead, counts)]
    return group[-1] + 1


def _shared_tail(text: str, q: Quantity, following: list[Quantity], obj: str) -> str:
    """2个产值超亿元、9个产值超千万元的牛肉大单品: the first object shares the second's 的-tail."""
    gap_at = q.end + len(obj)
    if text[gap_at:gap_at + 1] != "、" or text[q.end:gap_at] != obj:
        return ""
    nxt = next((n for n in following if n.start == gap_at + 1), None)
    second = subjects.right_object(text, nxt.end) if nxt else None
    second = second or ""
    k = second.find("的")
    return second[k:] if k > 0 else ""


def _lead_direction(phrase: str) -> Optional[str]:
    """新建农村公路 -> increase: a verb that opens the clause (cue words before it aside)."""
    lx = subjects.lexicon()
    m = lx.verbs.search(phrase)
    if m is None or not _HAN.search(phrase, m.end()):
        return None
    if _HAN.search(phrase, 0, m.start()) and subjects.clean(phrase[:m.start()]):
        return None
    return lx.verb_direction[m.group()]


def _close(text: str, prev_end: int, start: int) -> bool:
    """A stray full stop: 新能源装机规模增长170%。达到1600万千瓦."""
    gap = text[prev_end:start]
    return len(gap) <= 4 and "\n" not in gap


def _last_end(marks: regex.Pattern, text: str, pos: int, window: int = 300) -> int:
    """End of the last mark (a character of `marks`) in the `window` characters before pos, or
    the window's start: one search backwards from pos."""
    lo = max(0, pos - window)
    m = rx.up_to_last(marks.pattern).match(text, lo, pos)
    return m.end() if m else lo


def _status(before: str, part: Optional[str], r: _Rules, near: Optional[Period] = None,
            head: Optional[Period] = None, year: Optional[int] = None) -> str:
    """target or actual: a time word of the sentence or paragraph first (a past year reports a
    result, this year or later sets a target), then the part (review / plan), then a time word
    of the section headings, then cue words."""
    before = r.not_cues.sub(lambda m: "□" * len(m.group()), before)  # 五年行动计划 is a name
    clause = before[-40:]
    by_time = _by_time(near, year, clause, r)
    if by_time:
        return by_time
    if part is None:
        part = _by_time(head, year, clause, r) and ("review" if head.end < year else "plan")
    if part == "review":
        return "target" if r.strong_target.search(clause) else "actual"
    if part == "plan":
        return "actual" if r.actual.search(clause) and not r.target.search(clause) else "target"
    if r.actual.search(clause):
        return "actual"
    if r.target.search(before):
        return "target"
    return "actual"


def _by_time(when: Optional[Period], year: Optional[int], clause: str, r: _Rules) -> Optional[str]:
    if when is None or year is None:
        return None
    if when.end < year:
        return "actual"
    if when.start >= year and not r.actual.search(clause[-8:]):
        return "target"
    return None


def _is_share(subject: str, r: _Rules) -> bool:
    """出口额在进口额中只占: a share, wherever 占 stands (占用耕地 is not one)."""
    k = subject.find(r.share_mark)
    while k >= 0:
        if not any(subject[max(0, k - w.index(r.share_mark)):].startswith(w) for w in r.not_share):
            return True
        k = subject.find(r.share_mark, k + 1)
    return False


def canonical_id(subject: Optional[str], direction: Optional[str], dimension: str,
                 r: Optional[_Rules] = None) -> Optional[str]:
    """The INDICATORS.md id of a subject; the measure picks growth, level, decrease or ratio.

    The wording ending last wins (a subject's head noun is at its end: 财政赤字率 is a 赤字率),
    the longest among those. A share (…占国内生产总值比重) takes the `ratio` id of a wording
    before it, or none."""
    if not subject:
        return None
    r = r or rules()
    key = (subject, direction, dimension)
    if key not in r.known:  # subjects repeat: 地区生产总值 is asked for again and again
        if len(r.known) > _MAX_KNOWN:
            r.known.clear()
        r.known[key] = _canonical_id(subject, direction, dimension, r)
    return r.known[key]


_MAX_KNOWN = 20000


def _canonical_id(subject: str, direction: Optional[str], dimension: str, r: _Rules) -> Optional[str]:
    # at each start the longest wording (alternation is longest first); the one ending last wins
    found = []
    m = r.wordings.search(subject)
    while m is not None:
        found.append((m.end(), len(m.group()), r.canonical[m.group()]))
        m = r.wordings.search(subject, m.start() + 1)
    if not found:
        return None
    found.sort(key=lambda f: (-f[0], -f[1]))
    end, length, ids = found[0]
    if end < len(subject) and subject[:end - length].endswith(r.per_unit):
        return None  # 万元工业增加值用水量 / 单位GDP…: a quantity per unit of the wording, not it
    if any(w in subject[end:] for w in r.ratio_words) or _is_share(subject[:end - length] + subject[end:], r):
        if r.share_mark in subject[end - length:end] and "level" in ids:
            return ids["level"]  # 研发经费支出占地区生产总值|比重: the wording is the share itself
        return next((f[2]["ratio"] for f in found if "ratio" in f[2]), None)
    if direction == "decrease" and "decrease" in ids:
        return ids["decrease"]
    if dimension == "multiple":  # 增长1.9倍 is a growth (in 倍); 是2017年的3.6倍 is no level of anything
        return ids.get("growth") if direction == "increase" else None
    if dimension in _RATE:
        if dimension == "percentage_point":
            # 城镇化率提升1个百分点: a change of a rate, in points; 增速回落1.1个百分点 is no growth rate
            return ids.get("level") if "growth" not in ids and direction != "level" else None
        if "growth" in ids:
            return ids["growth"]
        return None if direction == "increase" else ids.get("level") or ids.get("decrease")
    return ids.get("level") or ids.get("decrease")


def classify_part(title: str, body_head: str) -> Optional[str]:
    r = rules()
    for probe in (title, body_head):
        if not probe:
            continue
        plan = r.plan_titles.search(probe)
        review = r.review_titles.search(probe)
        if plan and not review:
            return "plan"
        if review and not plan:
            return "review"
        if plan and review:  # “十三五”时期发展成就和“十四五”时期主要目标任务: time words decide
            return None
    return None
