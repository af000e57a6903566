"""Text findings: words repeated by mistake, duplicated list items, unbalanced brackets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Mapping, Optional

import regex

from .. import rx
from ..rules import RuleError, char_class, data_path, entries, full_width, marks, numeral_chars
from .context import Context
from .registry import check
from .repeats import HAN


_LIST_ITEM_MAX = 8  # characters of the longest list item TX001 finds repeated


@dataclass(frozen=True)
class _RepeatPatterns:
    bracket: regex.Pattern  # 农牧(牧)事
    list_item: regex.Pattern  # 新增学位、学位2.5万个
    list_seam: re.Pattern  # what list_item needs: the characters before a 、 again after it
    word: regex.Pattern  # 增收增收
    char: regex.Pattern  # 新建建
    list_tail: regex.Pattern  # 家电等消费


@cache
def _repeat_patterns() -> _RepeatPatterns:
    """TX001's and TX002's patterns, compiled on first use (not at import: start-up)."""
    n = _LIST_ITEM_MAX
    return _RepeatPatterns(
        rx.compile(r"(?P<w>\p{Han}{1,2})\((?P=w)\)"),
        rx.compile(rf"(?P<w>\p{{Han}}{{1,{n}}})、(?P=w)(?![\p{{Han}}])"),
        # from the 、 (a literal the stdlib engine skips to), each width looked behind in turn
        rx.compile_std("、(?:" + "|".join(f"(?<=(.{{{k}}})、)\\{k}" for k in range(1, n + 1)) + ")"),
        rx.compile(r"(?P<w>\p{Han}{2,4})(?P=w)"), rx.compile(r"(\p{Han})\1"), rx.compile(r"等|和|及"))


@cache
def _han_run() -> regex.Pattern:
    return rx.compile(r"\p{Han}+")


def all_han(s: str) -> bool:
    """Is `s` Han characters only (and not empty)?"""
    return _han_run().fullmatch(s) is not None


_SAME_SENTENCE = 8  # characters of the shortest sentence TX002 finds twice in a row


@dataclass(frozen=True)
class _Marks:
    two_commas: re.Pattern       # two 、 in one clause (a list of three items or more)
    clause_end: re.Pattern
    up_to_last_stop: re.Pattern
    sentence: regex.Pattern      # a whole sentence
    sentence_again: re.Pattern   # what a sentence said twice in a row needs (TX002's test of a paragraph)
    numerals: frozenset[str]


@cache
def _marks() -> _Marks:
    """A clause ends at a clause mark, a bracket, a title mark, a quote or a line break; a
    sentence at a sentence end or a line break. (Full-width forms included, as they always
    were, though the normalised text has them folded.)"""
    m = marks()
    stops = full_width(m.clause_mark + m.brackets) + m.title_marks + m.quotes + m.line_break
    ends = full_width(m.sentence_end)
    stop, end, in_sentence = char_class(stops), char_class(ends), char_class(ends + m.line_break, negated=True)
    return _Marks(
        # found from the 、: stdlib re finds a literal fast, where a clause-by-clause scan
        # tests every character
        two_commas=rx.compile_std(f"、{char_class(stops + m.enumeration_comma, negated=True)}*、"),
        clause_end=rx.compile_std(stop),
        up_to_last_stop=rx.up_to_last(stop),
        # anchored at a sentence start, possessive: linear on a long line with no full stop
        sentence=rx.compile(f"(?:^|(?<={char_class(ends + m.line_break)})){in_sentence}++{end}", regex.M),
        # a sentence end after the shortest sentence's characters, and the next sentence ending
        # in the same: found from the ends alone (a fast stdlib scan), no match per sentence
        sentence_again=rx.compile_std(f"{end}(?<=({in_sentence}{{{_SAME_SENTENCE - 1}}}{end})){end}*\\s*"
                                      f"{in_sentence}*+{end}(?<=\\1)"),
        numerals=frozenset(numeral_chars().numeral))


@dataclass(frozen=True)
class _Lists:
    allowed: frozenset[str]  # reduplications and repeats that are right (常常, 家家户户)
    suffixes: frozenset[str]
    standalone_freq: int
    echo_gaps: frozenset[str]
    prefixes: frozenset[str]      # 全 of 安全|全链条: a prefix of the word after, no slip
    connectors: frozenset[str]    # 至 of 周至|至|乾县: between two places
    place_suffixes: tuple[str, ...]
    descriptive_tails: tuple[str, ...]  # 的 of 活跃跃的: an ABB form, no slip


@cache
def _lists() -> _Lists:
    t = entries("repetition.toml")
    return _Lists(frozenset(t.words("allowed")), frozenset(t.words("suffixes")), t.integer("standalone_freq"),
                  frozenset(t.words("echo_gaps")), frozenset(t.words("prefixes")), frozenset(t.words("connectors")),
                  tuple(t.words("place_suffixes")), tuple(t.words("descriptive_tails")))


@check("TX001")
def repeated_word(ctx: Context) -> None:
    allowed = _lists().allowed
    freq = ctx.words.frequencies
    repeats = ctx.repeats()
    pat, echo_shape = _repeat_patterns(), _echo_shape()
    for p in ctx.body_paragraphs():
        hits: list[tuple[int, int, str]] = []
        listed = pat.list_item.finditer(p.text) if pat.list_seam.search(p.text) else ()
        for m in listed:  # 新增学位、学位2.5万个
            w_end = m.start("w") + len(m.group("w"))
            if any(freq.get(p.text[k:w_end]) for k in range(max(0, m.start() - 2), m.start())):
                continue  # 东南亚、南亚: the first is the end of a longer word, not the item repeated
            hits.append((m.start("w"), m.end(), f"'{m.group('w')}' listed twice in a row: {m.group()}"))
        for m in pat.bracket.finditer(p.text) if "(" in p.text else ():  # 农牧(牧)事: a gloss
            hits.append((m.start(), m.end(), f"'{m.group('w')}' repeated in brackets: {m.group()}"))
        first, last = bisect.bisect_left(repeats, p.start), bisect.bisect_left(repeats, p.end)
        for i, j in _candidates(p.text, [at - p.start for at in repeats[first:last]]):
            lo, hi = max(0, i - 8), min(len(p.text), j + 8)
            words = [m for m in pat.word.finditer(p.text, i, j) if _word_may_double(p.text, m, allowed, freq)]
            pairs = [m.start() for m in pat.char.finditer(p.text, i, j, overlapped=True)
                     if _pair_may_slip(p.text, m.start(), freq, ctx.norm.text)]
            if not (words or pairs or echo_shape.search(p.text, lo, hi)):
                continue  # nothing the segmentation could confirm: jieba is most of this check's time
            toks = [(w, s + lo, e + lo) for w, s, e in ctx.words.tokenize(p.text[lo:hi], hmm=True)]
            starts = {s: t for t in toks for s in (t[1],)}
            ends = {t[2]: t for t in toks}
            for m in words:  # 增收增收
                w = m.group("w")
                if m.start() in starts and m.start() + len(w) in starts and \
                        (m.end() in ends or m.end() == len(p.text)):
                    hits.append((m.start(), m.end(), f"'{w}' doubled: {m.group()}"))
            for at in pairs:  # 新建建, 代办办制
                msg = _doubled_char(p.text, at, starts, ends, freq, ctx.norm.text)
                if msg:
                    hits.append((at, at + 2, msg))
            hits += _echo(p.text, toks, freq)
        for s, e, msg in _dedupe(hits):
            ctx.warn_norm("TX001", p.start + s, p.start + e, msg)


# stdlib re: four times faster than `regex` on these back-references (the hot path of TX001)
# (a lookahead: it is tried at each offset where a character recurs within six, Context.repeats())
@cache
def _candidate() -> re.Pattern:
    return rx.compile_std(rf"(?=(({HAN})\2|({HAN}{{2,4}})\3|({HAN}{{2,4}}){HAN}{{2}}\4))")


_MAX_SPAN = 64  # a run of candidates is segmented in pieces: jieba's HMM is quadratic in a run


def _candidates(text: str, repeats: list[int]) -> list[tuple[int, int]]:
    """Spans worth segmenting: a doubled character or word, or a word echoed after two characters.
    Each starts where a character recurs within six (`repeats`: offsets in `text`, ascending)."""
    spans: list[list[int]] = []
    candidate = _candidate()
    for at in repeats:
        m = candidate.match(text, at)
        if m is None:
            continue
        start, end = at, m.end(1)
        if spans and start <= spans[-1][1] + 8 and spans[-1][1] - spans[-1][0] < _MAX_SPAN:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


@cache
def _echo_shape() -> re.Pattern:
    """What _echo needs of the text: a word (two characters or more) again after two characters,
    the first time at the end of a longer word (necessary only: the words are jieba's)."""
    return rx.compile_std(r"(?s)..(..+)..\1")


def _word_may_double(text: str, m, allowed, freq: Mapping[str, int]) -> bool:
    """A doubled word (增收增收) that is no allowed repeat, a dictionary word, and not in a
    《title》 (《桃花桃花》: a name): a slip if the segmentation cuts it as two words."""
    w = m.group("w")
    return not (m.group() in allowed or w in allowed or not freq.get(w) or _around_allowed(text, m, allowed)
                or _in_title(text, m.start()))


def _around_allowed(text: str, m, allowed) -> bool:
    around = text[max(0, m.start() - 3):m.end() + 3]
    return any(a in around for a in allowed if len(a) > 2 and m.group() in a)


def _doubled_char(text: str, i: int, starts, ends, freq: Mapping[str, int], whole: str = "") -> str | None:
    """XX at i: a typo when one X stands alone next to a word that ends or starts with X
    (新建|建), or when the word after the seam is not a dictionary word (代办|办制). `freq` is
    the dictionary's: a word is known when its frequency is not 0 (not an HMM guess). `whole`:
    the document, where a name the dictionary lacks shows it is one (江屿市 … 江屿市市长)."""
    ch = text[i]
    lists = _lists()
    if _pair_exempt(text, i, freq):
        return None
    left, right = ends.get(i + 1), starts.get(i + 1)
    if left is None or right is None:
        return None  # one token holds both: 常常, 天天, 家家户户 (or an HMM word)
    lw, rw = left[0], right[0]
    if len(lw) >= 2 and len(rw) >= 2:
        if len(rw) == 2 and _suffix_seam(text, i, freq):  # 代办|办制
            return f"'{ch}' doubled: {lw}{rw} reads as {lw}{rw[1:]}"
        return None  # 人民|民主: two words that share a character at the seam
    if _common_alone(text, i, freq):
        return None  # 目的的, 实事求是是, 和和平; 一座座
    before = ends.get(i)  # the token before a stray X on the left: 关|税|税率 is 关税 + 税率
    after = starts.get(i + 2)
    if len(lw) == 1 and before and freq.get(before[0] + ch) or len(rw) == 1 and after and freq.get(ch + after[0]):
        return None
    if len(rw) == 1 and after and (ch in lists.prefixes or
                                   ch in lists.connectors and (_place(after[0]) or _place(lw))):
        return None  # 安全|全|链条 (全链条), 周至|至|乾县 (from one place to another)
    if len(lw) >= 2 and lw.endswith(ch) and text[i + 2:i + 3] in lists.descriptive_tails:
        return None  # 活跃跃的: an ABB descriptive form (红彤彤的, 绿油油的)
    if is_place_office(text, i, freq, whole):
        return None  # 江屿市|市长, 西江省|省长: a place name, then its office
    if len(lw) >= 2 and freq.get(lw):
        return f"'{ch}' doubled: {lw} followed by a stray '{ch}'"
    if len(rw) >= 2 and freq.get(rw):
        return f"'{ch}' doubled: a stray '{ch}' before {rw}"
    return None


def _pair_may_slip(text: str, i: int, freq: Mapping[str, int], whole: str) -> bool:
    """What _doubled_char can tell of the pair at i without the segmentation: False where it
    reports nothing whatever the words around it."""
    if _pair_exempt(text, i, freq):
        return False
    return _suffix_seam(text, i, freq) or not (_common_alone(text, i, freq) or is_place_office(text, i, freq, whole))


def _pair_exempt(text: str, i: int, freq: Mapping[str, int]) -> bool:
    """A numeral, an allowed reduplication, a name in a title (民族歌剧《柳柳州》), or half of AABB."""
    return text[i] in _marks().numerals or _in_allowed(text, i, _lists().allowed) or _in_title(text, i) \
        or reduplicated(text, i, freq)


def _suffix_seam(text: str, i: int, freq: Mapping[str, int]) -> bool:
    """代办办制: the second of the pair and a word-forming suffix are no word of the dictionary."""
    after = text[i + 1:i + 3]
    return len(after) == 2 and not freq.get(after) and after[1] in _lists().suffixes


def _common_alone(text: str, i: int, freq: Mapping[str, int]) -> bool:
    """The doubled character is a common word by itself (目的的), or a measure after 一 (一座座)."""
    return freq.get(text[i], 0) >= _lists().standalone_freq or text[i - 1:i] == "一"


def reduplicated(text: str, i: int, freq: Mapping[str, int]) -> bool:
    """The pair at i is half of an AABB reduplication of a word AB (团团伙伙, 干干净净)."""
    a, b = text[i - 2:i], text[i + 2:i + 4]
    return (len(b) == 2 and b[0] == b[1] and bool(freq.get(text[i] + b[0]))) or \
        (len(a) == 2 and a[0] == a[1] and bool(freq.get(a[0] + text[i])))


def is_place_office(text: str, i: int, freq: Mapping[str, int], whole: str = "") -> bool:
    """The pair at i is a place suffix doubled between a place name and its office (江屿市|市长,
    天津市|市长): the suffix and the character after the pair are a word, the name before it a place."""
    ch = text[i]
    return ch in _lists().place_suffixes and bool(freq.get(text[i + 1:i + 3])) and _a_name(text, i, whole)


def _a_name(text: str, i: int, whole: str) -> bool:
    """The characters ending at the place suffix text[i] are a place name: the gazetteer's, or
    one the document writes again without the doubled suffix (江屿市 beside 江屿市市长)."""
    for k in (2, 3, 4):
        name = text[max(0, i - k):i + 1]
        if len(name) == k + 1 and (name in _gazetteer() or whole.count(name) - whole.count(name + text[i]) >= 2):
            return True
    return False


@cache
def _gazetteer() -> frozenset[str]:
    """The place names of data/places.txt, and their stems (通辽市 and 通辽)."""
    names = {x for x in data_path("places.txt").read_text(encoding="utf-8").split() if not x.startswith("#")}
    suffixes = _lists().place_suffixes
    return frozenset(names | {n[:-1] for n in names if n.endswith(suffixes) and len(n) >= 3})


def in_gazetteer(word: str) -> bool:
    """A place name of data/places.txt, or its stem (通辽市, 通辽)."""
    return word in _gazetteer()


def _place(word: str) -> bool:
    """A place name: one of the gazetteer or its stem, or a word ending in a place suffix (乾县)."""
    return word in _gazetteer() or len(word) >= 2 and word.endswith(_lists().place_suffixes)


def _in_title(text: str, i: int) -> bool:
    """Does offset i stand inside a 《title》 (within its paragraph)?"""
    m = marks()
    open_, close = m.title_marks[0], m.title_marks[1]
    return text.rfind(open_, 0, i) > text.rfind(close, 0, i) and close in text[i:i + 40]


def _in_allowed(text: str, i: int, allowed) -> bool:
    """The doubled pair at i is part of an allowed reduplication (常常, 家家户户, 一件件)."""
    return any(i >= k and text[i - k:i - k + len(a)] == a for a, k in _doubles(allowed).get(text[i], ()))


@cache
def _doubles(allowed: frozenset[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Character -> the allowed words where it is doubled, with where the pair starts."""
    out: dict[str, list[tuple[str, int]]] = {}
    for a in allowed:
        for k in range(len(a) - 1):
            if a[k] == a[k + 1]:
                out.setdefault(a[k], []).append((a, k))
    return {ch: tuple(v) for ch, v in out.items()}


def _echo(text: str, toks, freq: Mapping[str, int]) -> list[tuple[int, int, str]]:
    """A word echoed after a one-word gap inside one phrase: 研发投入经费投入."""
    out = []
    words = [t for t in toks]
    for k in range(len(words) - 2):
        a, b, c = words[k], words[k + 1], words[k + 2]
        if len(c[0]) >= 2 and len(a[0]) >= len(c[0]) + 2 and a[0].endswith(c[0]) and \
                len(b[0]) == 2 and all_han(b[0]) and freq.get(b[0]) and \
                b[0] not in _lists().echo_gaps and freq.get(c[0]):
            out.append((a[1], c[2], f"'{c[0]}' twice in one phrase: {a[0]}{b[0]}{c[0]}"))
    return out


def _dedupe(hits):
    hits.sort()
    kept = []
    for h in hits:
        if kept and h[0] < kept[-1][1]:
            continue
        kept.append(h)
    return kept


@check("TX002")
def duplicated_items(ctx: Context) -> None:
    list_tail, sentence_again = _repeat_patterns().list_tail, _marks().sentence_again
    for p in ctx.body_paragraphs():
        for start, end in _list_clauses(p.text):
            items = p.text[start:end].split("、")
            pos = start
            seen: dict[str, int] = {}
            for k, item in enumerate(items):
                key = item.strip()
                if k == len(items) - 1:
                    key = list_tail.split(key)[0]  # 家电等消费: the item is 家电
                if len(key) >= 2 and key in seen and seen[key] != k - 1:
                    lead = len(item) - len(item.lstrip())
                    ctx.warn_norm("TX002", p.start + pos + lead, p.start + pos + lead + len(key),
                                  f"'{key}' appears twice in one list")
                seen.setdefault(key, k)
                pos += len(item) + 1
        if not sentence_again.search(p.text):
            continue
        prev = None
        for m in _marks().sentence.finditer(p.text):
            s = m.group().strip()
            if prev and s == prev[0] and len(s) >= _SAME_SENTENCE:
                ctx.warn_norm("TX002", p.start + m.start(), p.start + m.end(), "the same sentence twice in a row")
            prev = (s, m.start())


@check("TX014")
def repeated_slot(ctx: Context) -> None:
    for p in ctx.body_paragraphs():
        for start, end in _list_clauses(p.text):
            items = p.text[start:end].split("、")
            found = _slot_repeat(items) if len(items) >= 3 else None
            if found is None:
                continue
            k, slot, middle, framed = found
            at = start + sum(len(it) + 1 for it in items[:k]) + len(items[k]) - len(framed)
            ends = "、".join(it[-len(framed):] for it in items)
            ctx.warn_norm("TX014", p.start + at, p.start + at + len(framed),
                          f"'{slot}' fills the slot of two of the parallel items '{ends}' (a slot, "
                          f"'{middle}', a word of each): one of the two another?")


def _slot_repeat(items: list[str]) -> Optional[tuple[int, str, str, str]]:
    """(index of the first item with the repeated slot, the slot, the shared middle, that item's
    framed end) when the items' ends read slot + middle + tail with one middle for all, every tail
    distinct, and all slots distinct but one that two items share; else None."""
    slot, middles, lengths = _slot_rules()
    for n in lengths:
        ends = [it[-n:] for it in items]
        if any(len(e) < n or not all_han(e) for e in ends):
            break  # and so for every longer end (the lengths ascend)
        slots = [e[:slot] for e in ends]
        if len(set(slots)) != len(slots) - 1:
            continue
        for width in middles:
            shared = {e[slot:slot + width] for e in ends}
            tails = [e[slot + width:] for e in ends]
            if len(shared) == 1 and all(tails) and len(set(tails)) == len(tails):
                twice = next(s for s in slots if slots.count(s) == 2)
                k = slots.index(twice)
                return k, twice, shared.pop(), ends[k]
    return None


@cache
def _slot_rules() -> tuple[int, range, range]:
    """TX014's widths (data/lint.toml [text]): the slot, the shared middles, the items' ends."""
    t = entries("lint.toml")["text"]
    return (t.integer("slot_chars"), range(t.integer("slot_middle_min"), t.integer("slot_middle_max") + 1),
            range(t.integer("slot_item_min"), t.integer("slot_item_max") + 1))


@lru_cache(maxsize=1024)
def _list_clauses(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each clause with two or more 、 (of a paragraph: TX002 and TX014 ask)."""
    spans: list[tuple[int, int]] = []
    marks_ = _marks()
    for m in marks_.two_commas.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        head = marks_.up_to_last_stop.match(text, spans[-1][1] if spans else 0, m.start())
        start = head.end() if head else (spans[-1][1] if spans else 0)
        stop = marks_.clause_end.search(text, m.end())
        spans.append((start, stop.start() if stop else len(text)))
    return tuple(spans)


@cache
def _pairs() -> dict[str, tuple[str, int]]:
    """opener -> (closer, the longest span a pair may have, in characters)."""
    t = entries("lint.toml")["text"]
    try:
        return {o: (c, int(n)) for o, c, n in t["brackets"]}
    except (TypeError, ValueError):
        raise RuleError(f"{t.name('brackets')}: must be [opener, closer, longest span] triples") from None


@cache
def _bracket_or_newline() -> re.Pattern:
    """A bracket or a line break: a class of characters, which the stdlib engine finds faster."""
    pairs = _pairs()
    return rx.compile_std(char_class("\n" + "".join(pairs) + "".join(c for c, _ in pairs.values())))


@check("TX003")
def unbalanced_brackets(ctx: Context) -> None:
    """Brackets may span lines (web copies break titles and links onto lines of their own),
    but not more than a pair's longest span; a quotation may reopen at each paragraph."""
    pairs = _pairs()
    closes = {c: o for o, (c, _) in pairs.items()}
    text = ctx.norm.text
    lo, hi = ctx.body
    stack: list[tuple[str, int]] = []
    chrome = [(p.start, p.end) for p in ctx.furniture().chrome]
    starts = [a for a, _ in chrome]

    def in_chrome(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and i < chrome[k][1]

    def expire(pos: int) -> None:
        keep = []
        for o, j in stack:
            if pos - j > pairs[o][1]:
                ctx.warn_norm("TX003", j, j + 1, f"'{o}' is not closed by '{pairs[o][0]}'")
            else:
                keep.append((o, j))
        stack[:] = keep

    last_nl = 0
    for m in _bracket_or_newline().finditer(text):  # only the characters that matter, not every one
        i, ch = m.start(), m.group()
        if ch == "\n":
            last_nl = i
            expire(i)
        elif in_chrome(i):
            continue  # 》》点击图片进入专题《《: web chrome is LA007's, no bracket
        elif ch in pairs:
            if stack and stack[-1][0] == ch and ch == "“" and stack[-1][1] < last_nl:
                stack.pop()  # a quotation running over paragraphs reopens each one
            stack.append((ch, i))
        elif ch in closes:
            o = closes[ch]
            if any(s == o for s, _ in stack):
                while stack[-1][0] != o:
                    so, sj = stack.pop()
                    ctx.warn_norm("TX003", sj, sj + 1, f"'{so}' is not closed by '{pairs[so][0]}'")
                stack.pop()
            elif lo <= ctx.norm.orig(i) < hi:
                ctx.warn_norm("TX003", i, i + 1, f"'{ch}' closes a '{o}' that was not opened")
    expire(len(text) + 10 ** 9)
