"""TX010-TX011: wording that each reads well but does not agree with the rest of the document.

TX010 a long name written two ways in one document (中央财政支持公立中心医院与高质量发展示范项目
      on one line, 中央财政支持公立医院改革与高质量发展示范项目 on another): the same ends, a
      different middle. The one scan of the text is a regex of a few dozen heads of names (项目,
      工程, 中心 …); the eight characters ending at each head are keyed, and only keys that recur
      are compared character by character.
TX011 a clause about one topic in a paragraph on another (全面提升医疗卫生健康影响力 closing the
      paragraph 加快建设教育强市): the domains and their marker words are data (data/topics.toml);
      only paragraphs opening with a short topic sentence of one domain, whose other clauses keep
      to it, are judged. One regex of the marker words per such paragraph.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import cache

from .. import rx
from ..rules import Entries, alternation, char_class, entries, full_width, marks, numeral_chars
from ..stages.segment import Segmenter
from .context import Context
from .registry import check
from .lexicon import report_terms
from .text import all_han

_POSITION_WORDS = "第首末前后上下"  # with the numbers to 万: what tells a series apart (第一个/第二个五年计划)
_REACH = 80  # characters a name may run before or after its head (keeps repeated text linear)
_MAX_FORMS = 32  # distinct occurrences of one name compared pairwise (a hostile text repeats it)


@cache
def _rules():
    return entries("wording.toml")


@cache
def _ordinal() -> frozenset[str]:
    nc = numeral_chars()
    return frozenset(nc.digit + nc.two + nc.small_magnitude + nc.ten_thousand + _POSITION_WORDS)


@cache
def _heads_rx(heads: tuple[str, ...]):
    """The heads as one alternation (the stdlib engine scans for their first characters: a
    third of the cost of one str.find per head)."""
    return rx.compile_std(alternation(heads))


@check("TX010")
def name_variant(ctx: Context) -> None:
    r = _rules()
    heads = r.words("variant_heads")
    k = r.integer("variant_anchor")
    most = r.integer("variant_max_middle")
    lo, hi = ctx.body_span() or (0, 0)
    text = ctx.norm.text[lo:hi]
    keys = [text[m.end() - k:m.end()] for m in _heads_rx(tuple(heads)).finditer(text, k)]
    seen: set[int] = set()
    for key, c in Counter(keys).items():
        if c < 2 or not all_han(key):
            continue
        forms: dict[tuple[int, str], int] = {}  # one occurrence per distinct surrounding (a repeated text)
        reach = _REACH + most + k
        pos = text.find(key)
        while pos >= 0:
            forms.setdefault((max(0, reach - pos), text[max(0, pos - reach):pos + k + _REACH]), pos)
            pos = text.find(key, pos + 1)
        at = sorted(forms.values())[:_MAX_FORMS]  # every pair is compared: keep it linear
        for i, p in enumerate(at):
            for q in at[i + 1:]:
                hit = _variant(text, p, q, k, most)
                if hit:
                    _report(ctx, text, lo, hit, seen)


def _variant(text: str, p: int, q: int, k: int, most: int):
    """Two occurrences of a key at p < q: the common stretch before it back to where they part,
    then a common stretch of k characters again within `most` characters of that: a different
    middle. (start, middle start, start, middle start, end, end) of both, or None."""
    i = 0
    while p - i >= k and text[p - i - k:p - i] == text[q - i - k:q - i]:
        i += k  # a repeated sentence: k characters at a time
        if i > _REACH:
            return None  # the same text far back: no name is that long
    while p - i > 0 and text[p - i - 1] == text[q - i - 1]:
        i += 1
    rp, rq = p - i, q - i
    if rp == 0 or rq - p < k or not (_is_han(text[rp - 1]) and _is_han(text[rq - 1])):
        return None  # overlapping, the same text from the start, or parting at a clause's start
    ends = {}
    for b in range(most, -1, -1):
        if rq - b - k >= p + k:
            ends[text[rq - b - k:rq - b]] = b
    best = None
    for a in range(most + 1):
        b = ends.get(text[rp - a - k:rp - a]) if rp - a - k >= 0 else None
        if b is not None and 0 < a + b and abs(a - b) <= 2 and (best is None or a + b < sum(best)):
            best = a, b
    if best is None:
        return None
    a, b = best
    sp, sq = rp - a - k, rq - b - k
    while sp > 0 and text[sp - 1] == text[sq - 1] and sq - 1 > p + k:
        sp, sq = sp - 1, sq - 1
    ep, eq = p + k, q + k
    while eq < len(text) and ep - p < _REACH and text[ep] == text[eq] and _is_han(text[ep]):
        ep, eq = ep + 1, eq + 1
    return sp, rp - a, sq, rq - b, ep, eq, rp, rq


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def _report(ctx: Context, text: str, lo: int, hit, seen: set[int]) -> None:
    sp, mp, sq, mq, ep, eq, rp, rq = hit
    xp, xq = text[sp:ep], text[sq:eq]
    midp, midq = text[mp:rp], text[mq:rq]
    if not all_han(xp) or not all_han(xq) or set(midp + midq) <= _ordinal():
        return  # 第一个/第二个五年计划: a series, not one name
    cp = text.count(text[mp - 3:rp + 3])
    cq = text.count(text[mq - 3:rq + 3])
    if cp == cq:
        flag_p = _usual(ctx.words, xp, xq) < _usual(ctx.words, xq, xp)
    else:
        flag_p = cp < cq
    (s, e, x, mid), (os_, other, omid) = (((sp, ep, xp, midp), (sq, xq, midq)) if flag_p
                                           else ((sq, eq, xq, midq), (sp, xp, midp)))
    if s in seen:
        return  # one finding for a form, however many others it differs from
    seen.add(s)
    line = ctx.norm.line_col(ctx.norm.orig(lo + os_))[0]
    ctx.warn_norm("TX010", lo + s, lo + e,
                  f"'{x}' is written '{other}' at line {line}: one name two ways "
                  f"('{mid}' / '{omid}'), one of them mistyped?")


def _usual(segmenter: Segmenter, x: str, y: str) -> float:
    """How usual in the reports the words of x are that y does not share (mean log count)."""
    words = report_terms().words
    a, b = Counter(segmenter.cut(x, hmm=False)), Counter(segmenter.cut(y, hmm=False))
    own = list((a - b).elements())
    if not own:
        return 0.0
    return sum(math.log1p(words.get(w, 0)) for w in own) / len(own)


@cache
def _topics() -> tuple[Entries, dict[str, str], re.Pattern]:
    """The limits, word -> domain, and one regex of the words (longest first)."""
    t = entries("topics.toml")
    domains = t["domains"]
    words = {w: d for d in domains for w in domains.words(d)}
    return t, words, rx.compile_std(alternation(words))


@cache
def _clause() -> re.Pattern:
    """A clause: a run without a clause mark (either width; a paragraph has no line break)."""
    return rx.compile_std(f"{char_class(full_width(marks().clause_mark), negated=True)}+")


@check("TX011")
def off_topic_clause(ctx: Context) -> None:
    t, words, pattern = _topics()
    longest, reach = t.integer("max_topic_sentence"), t.integer("neighbourhood")
    least, share, clause_words = t.integer("min_topic_hits"), t.number("min_topic_share"), t.integer("min_clause_words")
    related = {frozenset(pair) for pair in t["related"]}
    paras = ctx.body_paragraphs()
    topics = [_topic(p.text, longest, words, pattern) for p in paras]
    for n, p in enumerate(paras):
        topic = topics[n]
        if topic is None:
            continue
        first = p.text.index("。") + 1
        hits = [(m.start(), m.group()) for m in pattern.finditer(p.text, first)]
        own = sum(words[w] == topic for _, w in hits)
        if own < least or own == len(hits):
            continue  # too little on its topic, or nothing on another
        clauses = list(_clause().finditer(p.text, first))
        ends = [c.end() for c in clauses]
        grouped: dict[int, list[str]] = {}
        for i, w in hits:
            grouped.setdefault(bisect.bisect_right(ends, i), []).append(w)
        for c, mine in grouped.items():
            m = clauses[c]
            domains = {words[w] for w in mine}
            if len(domains) != 1 or topic in domains or len(set(mine)) < clause_words:
                continue
            if own < share * (len(hits) - len(mine)):
                continue  # not clearly a paragraph of one topic
            (other,) = domains
            if frozenset((topic, other)) in related:
                continue
            near = [paras[i] for i in range(max(0, n - reach), min(len(paras), n + reach + 1))
                    if topics[i] == other]
            hint = ""
            if near:
                hint = f"; the paragraph on {other} is line {ctx.norm.line_col(ctx.norm.orig(near[0].start))[0]}"
            ctx.warn_norm("TX011", p.start + m.start(), p.start + m.end(),
                          f"'{m.group()}' is about {other} ({'/'.join(dict.fromkeys(mine))}{hint}) in a "
                          f"paragraph on {topic} ('{p.text[:first - 1]}'): a clause put in the wrong "
                          f"paragraph?")


def _topic(text: str, longest: int, words: dict, pattern) -> str | None:
    """The one domain of a short first sentence (加快建设教育强市。 -> education), or None."""
    stop = text.find("。", 0, longest + 1)
    if stop < 4 or "，" in text[:stop] or "," in text[:stop] or len(text) < stop + 40:
        return None
    domains = {words[m.group()] for m in pattern.finditer(text, 0, stop)}
    return domains.pop() if len(domains) == 1 else None
