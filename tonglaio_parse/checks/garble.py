"""TX004: phrases that segment improbably under jieba's word-frequency model.

A clean sentence segments into dictionary words with few stray characters. A garbled one
(牛肉牛屠宰, 地企合作科开平台, 新增育规模化育肥场、育肥大牛) leaves content characters that are
rare as words on their own, or unknown two-character words, next to each other."""
from __future__ import annotations

from functools import cache

import regex

from .. import rx
from ..rules import table
from ..segment import tokenizer
from . import Context, check

_NUMERAL = set("〇零一二三四五六七八九十百千万亿两点")
_REPEAT = rx.compile(r"(\p{Han})\p{Han}?\1")
_WINDOW = 8  # characters of context on each side of a repeat: enough for two words
_HAN = rx.compile(r"\p{Han}+")
_CLAUSE = rx.compile(r"[^,，。;；:：!！?？、()（）《》“”\n]+")


@cache
def _limits() -> dict:
    t = table("repetition.toml")
    return {"rare": int(t["garble_rare_freq"]), "min_score": int(t["garble_min_score"])}


@check("TX004")
def garbled(ctx: Context) -> None:
    tok = tokenizer()
    freq = tok.FREQ
    lim = _limits()
    common = lim["rare"] * 10  # a stray single this frequent scores nothing (see _odd)
    for p in ctx.body_paragraphs():
        for c in _CLAUSE.finditer(p.text):
            clause = c.group()
            if len(clause) < 4:
                continue
            for r in _REPEAT.finditer(clause):  # an odd seam needs a character repeated within three
                if r.end() - r.start() == 3 and freq.get(r.group(1), 0) >= common:
                    continue  # 牛肉牛 needs the repeated character rare on its own: no jieba call
                if _flag_window(ctx, p, c.start(), clause, r, tok, freq, lim):
                    break


def _flag_window(ctx: Context, p, clause_start: int, clause: str, r, tok, freq, lim) -> bool:
    """Segment only the words around one repeat (jieba is the cost of this check)."""
    lo = max(0, r.start() - _WINDOW)
    window = clause[lo:r.end() + _WINDOW]
    words = [(w, s, e) for w, s, e in tok.tokenize(window, HMM=False) if _HAN.fullmatch(w)]
    for k in range(len(words) - 1):
        score, first, last = _odd(words, k, freq, lim["rare"])
        if score >= lim["min_score"]:
            s, e = clause_start + lo + words[first][1], clause_start + lo + words[last][2]
            ctx.warn_norm("TX004", p.start + s, p.start + e,
                          f"'{p.text[s:e]}' segments improbably: {'/'.join(w for w, _, _ in words[first:last + 1])}")
            return True
    return False


def _odd(words, k, freq, rare) -> tuple[int, int, int]:
    """Score the pair at k: a syllable repeated across the seam (牛肉/牛 + 屠宰, 代办/办制) plus
    stray rare single characters. Parallel four-character phrases (减税/减/费, 以/沙/治沙) and
    plain doubling (TX001) are not odd."""
    (a, _, _), (b, _, _) = words[k], words[k + 1]
    nxt = words[k + 2][0] if k + 2 < len(words) else ""
    if a == b or set(a + b) & _NUMERAL:
        return 0, k, k + 1
    seam = len(a) >= 2 and len(b) >= 2 and a[-1] == b[0] and not freq.get(b)
    aba = len(a) >= 2 and len(b) == 1 and b == a[0] and len(nxt) >= 2
    if not (seam or aba):
        return 0, k, k + 1
    score = 1 + sum(1 for w in (a, b) if len(w) == 1 and freq.get(w, 0) < rare * 10)
    return score + (1 if seam else 0), k, k + 2 if aba else k + 1
