"""What a figure measures, read from the words around it.

Shapes handled (rules in data/indicators.toml, [direction] and [subject]):
  主语 + 增长/达到/完成 + 数        地区生产总值增长4.9%        -> 地区生产总值
  动词 + 主语 + 数                  新建农村公路1647公里        -> 农村公路
  动词 + 数 + 对象 / …等 + 数 + 对象 建成2个紧密型城市医疗集团  -> 紧密型城市医疗集团
  lists:  A、B 分别 X、Y, 城乡…分别 X和Y, one rate shared by 基本养老、基本医疗保险参保率.
Only the clause left of a number and the few words right of it are cut with jieba.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Optional

import regex

from .. import rx
from ..rules import alternation, char_class, compile_rule, entries, marks, numeral_chars
from .segment import cut

_JOINERS = "和及与"


_QUOTES = "“”\"‘’"


@cache
def _year_edges() -> re.Pattern:
    """A year at either end is the figure's period, not its subject: 1997年国内生产总值, 产量比1954."""
    year = rf"(?:[0-9]{{4}}|{char_class(numeral_chars().year_digit)}{{4}})"
    return rx.compile_std(rf"^{year}年度?+|(?:比|由|从|较|同|与)?{year}年?$")


@cache
def direction_verbs() -> dict[str, str]:
    """Verb -> increase / decrease / level, from data/indicators.toml [direction]; a verb listed
    twice keeps its first kind (level, then decrease, then increase)."""
    d = entries("indicators.toml")["direction"]
    verb_direction: dict[str, str] = {}
    for kind in ("level", "decrease", "increase"):
        for w in d.words(kind):
            verb_direction.setdefault(w, kind)
    return verb_direction


@dataclass(frozen=True)
class Lexicon:
    # (alternations of words: the standard library's engine searches them three times faster)
    verbs: re.Pattern               # every direction verb, longest first
    verb_direction: dict[str, str]  # verb -> increase / decrease / level
    masked: re.Pattern              # nouns that contain a verb (增加值, 增长点)
    leading: frozenset[str]         # tokens stripped from the start of a subject
    trailing: frozenset[str]        # tokens stripped from the end of a subject
    right_object: regex.Pattern     # 数 + 对象: the words after a count
    right_stop: regex.Pattern       # …where the object ends (a verb, 和 + another number)
    respectively: re.Pattern        # 分别 / 依次
    not_objects: frozenset[str]     # 新台阶, 大关 … after a figure but not what it counts
    edge: str                       # joiners and punctuation stripped from a subject's ends
    back_references: tuple[str, ...]  # 总量, 总额 …: the subject of the figure before, again
    milestones: tuple[str, ...]     # 台阶, 大关 …: a subject that is no quantity's
    predicates: tuple[str, ...]     # 稳居, 位居 …: a clause about the figure before, not a subject
    compounds: dict[str, tuple[str, ...]]  # 城乡 -> (城镇, 农村): a head naming several subjects
    shared_prefixes: tuple[str, ...]  # 单位国内生产总值 …: a list's first item's modifier, shared
    parallel_heads: tuple[str, ...]  # 城镇, 农村牧区 …: heads that stand for one another in a list


@cache
def lexicon() -> Lexicon:
    s = entries("indicators.toml")["subject"]
    verb_direction = direction_verbs()
    m, nc = marks(), numeral_chars()
    right = rx.compile(r"(?![的以和及与或等分次后年])[\p{Han}A-Za-z“”\"()·《》]{1,24}")
    counted = char_class(nc.one_to_nine + nc.two + nc.ten + nc.hundred)  # 和 + another number
    stop = rx.compile(alternation(s.words("right_stops")) + rf"|{char_class(_JOINERS)}(?=\d|{counted})")
    return Lexicon(
        verbs=rx.compile_std(alternation(verb_direction)),
        verb_direction=verb_direction,
        masked=rx.compile_std(alternation(s.words("masked"))),
        leading=frozenset(s.words("leading")) | frozenset(verb_direction),
        trailing=frozenset(s.words("trailing")) | frozenset(verb_direction),
        right_object=right,
        right_stop=stop,
        respectively=rx.compile_std(alternation(s.words("respectively"))),
        not_objects=frozenset(s.words("not_objects")),
        edge=" \t" + m.enumeration_comma + m.comma + _JOINERS + m.colon + m.semicolon + m.list_dash,
        back_references=tuple(s.words("back_references")),
        milestones=tuple(s.words("milestones")),
        predicates=tuple(s.words("predicates")),
        shared_prefixes=tuple(sorted(s.words("shared_prefixes"), key=len, reverse=True)),
        parallel_heads=tuple(sorted(s.words("parallel_heads"), key=len, reverse=True)),
        compounds={k: tuple(v) for k, v in sorted(entries("indicators.toml")["compound_heads"].items(),
                                                  key=lambda kv: -len(kv[0]))},
    )


def is_milestone(subject: Optional[str]) -> bool:
    """迈上4000亿元台阶 / 跨越3个千亿元台阶: the subject names a milestone, not what is measured;
    稳居全国前十强: a rank of the figure before."""
    lx = lexicon()
    return bool(subject) and (subject.endswith(lx.milestones) or subject.startswith(lx.predicates))


def back_reference(subject: Optional[str]) -> Optional[str]:
    """总量首次 -> 总量: the word by which a subject names the figure before it again, if it does."""
    if not subject:
        return None
    return next((w for w in lexicon().back_references if subject.startswith(w) and
                 clean(subject[len(w):]) is None), None)


def compound_parts(head: str) -> Optional[list[str]]:
    """城乡居民收入 -> [城镇居民收入, 农村居民收入]; None unless the head starts with a compound."""
    for prefix, parts in lexicon().compounds.items():
        rest = head[len(prefix):]
        if head.startswith(prefix) and rest and "、" not in rest:
            return [part + rest for part in parts]
    return None


def ends_with_verb(phrase: str) -> bool:
    """Does a direction verb end the phrase (…累计下降)? (A verb of the last six characters.)"""
    lx = lexicon()
    tail = phrase.rstrip()[-10:]  # the tail is enough
    if not tail.endswith(_short_verbs()):
        return False  # masking nouns (增加值) only takes verbs away
    return lx.masked.sub(lambda m: "□" * len(m.group()), tail).endswith(_short_verbs())


@cache
def _short_verbs() -> tuple[str, ...]:
    return tuple(v for v in lexicon().verb_direction if len(v) <= 6)


def verb_direction(phrase: str) -> Optional[str]:
    """The direction of the verb nearest the end of a phrase (None when it has none)."""
    lx = lexicon()
    masked = lx.masked.sub(lambda m: "□" * len(m.group()), phrase)
    last = None
    for m in lx.verbs.finditer(masked):
        last = m
    return lx.verb_direction[last.group()] if last else None


@cache
def _footnote() -> regex.Pattern:
    s = entries("indicators.toml")["subject"]
    return compile_rule(s.text("footnote"), s.name("footnote"))


@cache
def _time_phrase() -> regex.Pattern:
    """较“十三五”末 / “十四五”时期: a time, not a subject (the plan names of data/periods.toml)."""
    t = entries("periods.toml")
    return rx.compile(f"(?:{alternation(t.words('comparison_prefix'))})?(?:{t.text('plan_pattern')})"
                      "(?:时期|期间|末|初|以来|规划期)?的?")


@lru_cache(maxsize=8192)
def clean(phrase: str) -> Optional[str]:
    """Strip verbs, cue words, years and stray punctuation from both ends, whole jieba tokens
    only (again when a year was cut: 1950年到1997年全国公路建设投资)."""
    year_edges = _year_edges()
    phrase = _footnote().sub("", phrase)
    s = _strip_tokens(year_edges.sub("", phrase.strip(lexicon().edge)))
    bare = year_edges.sub("", s)
    if bare != s:  # a year the cue words hid: 1950年到1997年全国…
        s = _strip_tokens(bare)
    s = _balance_quotes(s)
    return None if not s or _time_phrase().fullmatch(s) else s


def _strip_tokens(phrase: str) -> str:
    lx = lexicon()
    edge = lx.edge
    phrase = phrase.strip(edge)
    if not phrase:
        return ""
    starts, ends = _strippable_ends()
    if not phrase.startswith(starts) and not phrase.endswith(ends) and phrase.split() == [phrase]:
        return phrase  # no token at either end can be stripped, and none is a space: no cut needed
    tokens = [t for t in _cut_once(phrase) if t.strip()]
    i, j = 0, len(tokens)
    while i < j and (tokens[i] in lx.leading or tokens[i] in edge or tokens[i] in "()"):
        i += 1
    while j > i and (tokens[j - 1] in lx.trailing or tokens[j - 1] in edge or tokens[j - 1] == "("):
        j -= 1
    return "".join(tokens[i:j]).strip(edge)


@cache
def _strippable_ends() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a phrase starts with when _strip_tokens may strip its first token (a leading word,
    an edge character, a bracket), and ends with when it may strip its last: the first token
    is a start of the phrase and the last an end of it."""
    lx = lexicon()
    edge = tuple(lx.edge)
    return (*lx.leading, *edge, "(", ")"), (*lx.trailing, *edge, "(")


@lru_cache(maxsize=4096)
def _cut_once(phrase: str) -> tuple[str, ...]:
    """jieba's words of a phrase; a list's last item is cut again for each item before it."""
    return tuple(cut(phrase))


def _balance_quotes(s: str) -> str:
    if s.endswith("”") and "“" not in s:
        s = s[:-1]
    if s.startswith("“") and "”" not in s:
        s = s[1:]
    if s.endswith(")") and "(" not in s:
        s = s[:-1]
    k = s.rfind("(")
    if k > 0 and ")" not in s[k:]:  # 细颗粒物(PM cut at the number inside the brackets
        s = s[:k]
    return s.strip()


def right_object(text: str, end: int) -> Optional[str]:
    """The noun right after a count: 14条断头路 -> 断头路; None when punctuation follows."""
    lx = lexicon()
    m = lx.right_object.match(text, end, min(len(text), end + 24))
    if not m:
        return None
    words = m.group()
    stop = lx.right_stop.search(words, 1)
    words = words[:stop.start()] if stop else words
    if lx.verbs.match(words) or any(words.startswith(w) for w in lx.not_objects):
        return None  # 增加到82.7万亿元: a verb, not an object
    return clean(words)


def split_respectively(head: str) -> tuple[Optional[str], str]:
    """'城乡居民收入分别增长' -> ('城乡居民收入', '增长'); (None, head) without 分别."""
    found = None
    for m in lexicon().respectively.finditer(head):
        found = m
    if found is None:
        return None, head
    return head[:found.start()], head[found.end():]


def split_subjects(head: str, n_values: int, complete_only: bool = False) -> Optional[list[str]]:
    """Distribute a list head over its values.

    城乡常住居民收入 (2 values)      -> 城镇常住居民收入, 农村常住居民收入 (data: compound_heads)
    民营企业、普惠小微企业贷款        -> 民营企业贷款, 普惠小微企业贷款 (the shared head noun)
    基本养老、基本医疗保险参保率      -> 基本养老保险参保率, 基本医疗保险参保率
    `complete_only`: give None unless an item was completed from the last one (a rate shared
    by several subjects); a plain list of whole names stays one subject then.
    """
    head = clean(head) or ""
    if not head:
        return None
    compound = compound_parts(head)
    if compound and len(compound) == n_values and not complete_only:
        return compound
    parts = [p for p in head.split("、") if p]
    if len(parts) < n_values and parts and not complete_only:
        last = regex.split(r"[和及与]|以及", parts[-1])
        if len(parts) - 1 + len(last) == n_values:
            parts = parts[:-1] + [p for p in last if p]
    if len(parts) <= 1:
        return None
    prefix = next((w for w in lexicon().shared_prefixes if parts[0].startswith(w)), None)
    if prefix and not complete_only:  # 单位国内生产总值用水量、能耗、二氧化碳排放量
        return [clean(p if p.startswith(prefix) else prefix + p) or p for p in parts]
    last = parts[-1]
    out, extended = [], False
    for p in parts[:-1]:
        full = _complete(p, last)
        if full is None:
            if complete_only:
                return None
            full = p
        extended |= full != p
        out.append(full)
    out.append(last)
    if complete_only and not extended:
        return None
    return [clean(p) or p for p in out]


def _complete(item: str, last: str) -> Optional[str]:
    """Give a short list item the head noun it shares with the last item."""
    heads = lexicon().parallel_heads
    if item in heads:  # 城镇、农村牧区常住居民…: 城镇 stands where 农村牧区 does
        head = next((h for h in heads if last.startswith(h) and h != item), None)
        if head and len(last) > len(head):
            return item + last[len(head):]
    toks = _cut_once(item)
    tail = toks[-1] if toks else item
    k = last.rfind(tail)
    if k != -1:
        return item + last[k + len(tail):]
    n = len(item)
    if n < len(last):  # parallel items of one length: 基本养老、基本医疗|保险参保率
        bounds, pos = set(), 0
        for t in _cut_once(last):
            pos += len(t)
            bounds.add(pos)
        if n in bounds or item[0] == last[0] or n <= 2:
            return item + last[n:]
    return None
