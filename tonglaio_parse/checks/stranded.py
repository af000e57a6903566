"""TX012: a slip an editor finds by knowing how the words should segment (issue 5).

TX012 a character doubled across a word boundary that strands the characters around it
      (向驻市市区直单位: 驻/市/市区/直 — 驻市 and 市区 share one 市, and 驻 and 直 are left
      standing alone). Only a doubled Han character is a candidate (one stdlib scan), and jieba
      segments a dozen characters around it: without its HMM the doubled pair must split into a
      lone character and a word, with a lone character on both sides; with the HMM the lone
      character and the one before it must read as a two-character word (驻市), so a
      transliterated name (他拉水水库: 他拉水) or a word of the dictionary (寄宿/生/生活费) is left.
"""
from __future__ import annotations

from functools import cache
from typing import Iterator

from .. import rx
from ..rules import numeral_chars
from .context import Context
from .text import reduplicated
from .registry import check

_H = "\u3400-\u9fff"
_NOT_REPEATS_HAN = "\u4dc0-\u4dff"  # the part of _H that repeats.HAN leaves out (the Yijing hexagrams)
_FUNC = set("的了在是和与及等对为把将要并也都个中以其之而或由从向到被所这那该各每此")
_SIDE = 6  # characters of context on each side of the pair


@cache
def _double():
    return rx.compile_std(rf"([{_H}])\1")


@cache
def _not_repeats_han():
    return rx.compile_std(f"[{_NOT_REPEATS_HAN}]")


def _doubles(ctx: Context, lo: int, hi: int) -> Iterator[int]:
    """Where a character of _H is doubled in text[lo:hi] (the body), as a scan for the pairs
    finds them (no two overlapping): picked from the Context's repeats, which hold every pair
    when the body has no character of _H that they do not read as Han."""
    text = ctx.norm.text
    if _not_repeats_han().search(text, lo, hi):
        yield from (m.start() for m in _double().finditer(text, lo, hi))
        return
    after = lo
    for i in ctx.repeats():
        if i >= after and text[i + 1] == text[i] and "\u3400" <= text[i] <= "\u9fff":
            after = i + 2
            yield i


def _han_run(text: str, lo: int, hi: int, i: int) -> tuple[int, int]:
    """The run of Han characters around i, cut to [lo, hi)."""
    s = i
    while s > lo and "\u3400" <= text[s - 1] <= "\u9fff":
        s -= 1
    e = i
    while e < hi and "\u3400" <= text[e] <= "\u9fff":
        e += 1
    return s, e


@cache
def _numerals() -> frozenset[str]:
    return frozenset(numeral_chars().numeral)


@check("TX012")
def stranded_double(ctx: Context) -> None:
    span = ctx.body_span()
    if span is None:
        return
    lo, hi = span
    text = ctx.norm.text
    words = ctx.words
    freq = words.frequencies
    numerals = _numerals()
    for i in _doubles(ctx, lo, hi):
        x = text[i]
        if x in numerals or i - 2 < lo or i + 4 > hi:
            continue
        a, c = text[i - 1], text[i + 3]
        if a in _FUNC or c in _FUNC or a in numerals or c in numerals or (a + x) in freq \
                or (x + text[i + 2]) not in freq:
            continue  # cheap tests first: jieba only for a lone a before a two-character word
        s, e = _han_run(text, max(lo, i - _SIDE), min(hi, i + 2 + _SIDE), i)
        if i - s < 2 or e - i < 4:
            continue
        w = text[s:e]
        plain = [(t, a + s, b + s) for t, a, b in words.tokenize(w, hmm=False)]
        at = {a: k for k, (_, a, _) in enumerate(plain)}
        k = at.get(i)
        if k is None or k == 0 or k + 2 >= len(plain):
            continue
        (a, _, _), (lone, _, _), (word, _, we), (c, _, ce) = plain[k - 1:k + 3]
        if lone != x or len(a) != 1 or len(word) != 2 or len(c) != 1 or not word.startswith(x):
            continue
        if a in _FUNC or c in _FUNC or a in numerals or c in numerals:
            continue
        if (a + x + x + word[1:]) in freq or (x + word) in freq or reduplicated(text, i, freq):
            continue  # (好山山水水: AABB of 山水)
        hmm = {(t, a_ + s) for t, a_, _ in words.tokenize(w, hmm=True)}
        if (a + x, i - 1) not in hmm:
            continue
        ctx.warn_norm("TX012", i - 1, ce,
                      f"'{text[i - 1:ce]}' segments {a}/{x}/{word}/{c}: '{x}' doubled between "
                      f"'{a}{x}' and '{word}', leaving '{a}' and '{c}' stranded (one '{x}' too many?)")
