"""TX004: phrases that segment improbably under jieba's word-frequency model.

A clean sentence segments into dictionary words with few stray characters. A garbled one
leaves a character that belongs to a neighbouring word standing on its own. Three shapes,
each with a character repeated within six, so one cheap scan for repeats finds every
candidate and jieba only segments a few words around the ones that pass dictionary tests:

  echo     a two-character word followed by its own first character (牛肉/牛/屠宰)
  stray    a character rare on its own, a word, then the same character again starting the
           next word (新增/育/规模化/育肥场): typed, abandoned, typed again
  seam     two words sharing a doubled syllable where the first is rare (涉外/外贸, 仿造/造林)
           and the pair is not one the national reports use (归侨侨眷, 纲要要求)
"""
from __future__ import annotations

from functools import cache

from .. import rx
from ..rules import RuleError, data_path, entries, numeral_chars
from .context import Context
from .text import is_place_office
from .registry import check

_H = "\u3400-\u9fff"  # Han, as this check reads it: the ideographs of the BMP
_WINDOW = 8  # characters of context on each side: enough for two words


@cache
def _not_han():
    return rx.compile_std(rf"[^{_H}]")


@cache
def _limits() -> dict:
    t = entries("repetition.toml")
    try:
        seams = frozenset(data_path("seam_doubles.txt").read_text(encoding="utf-8").split())
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"data/seam_doubles.txt: {exc}") from None
    nc = numeral_chars()
    return {"rare": t.integer("garble_rare_freq"), "min_score": t.integer("garble_min_score"),
            "seam_rare": t.integer("garble_seam_rare_freq"), "allowed": frozenset(t.words("allowed")),
            "seams": seams, "numerals": frozenset(nc.numeral + nc.point)}


@check("TX004")
def garbled(ctx: Context) -> None:
    words = ctx.words
    freq = words.frequencies
    lim = _limits()
    numerals = lim["numerals"]
    text = ctx.norm.text
    not_han = _not_han()
    done = -1  # one finding per phrase
    for i in ctx.repeats():  # a character recurring within six
        if i < done or text[i] in numerals:
            continue
        j = text.index(text[i], i + 1)
        if not_han.search(text, i, j + 1):
            continue  # a character outside this check's Han between
        d = j - i
        if d == 1:
            hit = _seam(text, i, freq, lim)
        elif d == 2:
            hit = _echo(text, i, words, freq, lim) if _echo_likely(text, i, freq, lim) else None
        else:
            hit = _stray(text, i, j, words, freq, lim) if _stray_likely(text, i, freq, lim) else None
        if hit:
            s, e, message = hit
            ctx.warn_norm("TX004", s, e, message)
            done = e


def _seam(text: str, i: int, freq, lim):
    """涉外外贸: a rare word and a word sharing the doubled syllable, a pair the reports never use."""
    a, b, c = text[i - 1:i], text[i], text[i + 2:i + 3]
    if not a or not c or a == b or b == c or a in lim["numerals"] or c in lim["numerals"]:
        return None
    if is_place_office(text, i, freq):
        return None  # 天津市市长: a place name, then its office
    first, second, gram = a + b, b + c, a + b + b + c
    if not (0 < freq.get(first, 0) < lim["seam_rare"]) or not freq.get(second):
        return None
    if freq.get(first + b) or freq.get(b + second) or gram in lim["seams"] or b + b in lim["allowed"]:
        return None  # 人人 …, or a pair the national reports use
    return i - 1, i + 3, (f"'{gram}' segments improbably: {first}/{second} share a doubled '{b}' "
                          f"(a syllable typed twice, or a word garbled?)")


def _echo_likely(text: str, i: int, freq, lim) -> bool:
    """牛肉牛: the first two characters are a word, the repeated one is rare on its own, and the
    two swapped are a word too (肉牛: the word meant, typed the wrong way round). A parallel
    phrase repeats its first character with no such swap (防汛防台风, 先行先试, 管好管到位)."""
    x = text[i]
    return freq.get(x, 0) < lim["rare"] * 10 and bool(freq.get(text[i:i + 2])) and bool(freq.get(text[i + 1] + x)) \
        and text[i:i + 3] not in lim["seams"]  # (背靠背: a shape the reports use)


def _window(text: str, lo: int, hi: int) -> tuple[int, str]:
    """text[lo:hi] cut to the run of Han characters around it."""
    lo, hi = max(0, lo), min(len(text), hi)
    w = text[lo:hi]
    stops = [s.start() for s in _not_han().finditer(w)]
    mid = (hi - lo) // 2
    left = max([s + 1 for s in stops if s < mid], default=0)
    right = min([s for s in stops if s >= mid], default=len(w))
    return lo + left, w[left:right]


def _words(segmenter, text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    base, w = _window(text, lo, hi)
    return [(t, base + s, base + e) for t, s, e in segmenter.tokenize(w, hmm=False)]


def _echo(text, i, segmenter, freq, lim):
    """Segment only the words around one repeat (jieba is the cost of this check)."""
    words = _words(segmenter, text, i - _WINDOW, i + 3 + _WINDOW)
    for k in range(len(words) - 2):
        (a, s, _), (b, _, _), (nxt, _, e) = words[k:k + 3]
        if s != i or len(a) != 2 or b != a[0] or len(nxt) < 2 or set(a + nxt) & lim["numerals"]:
            continue
        if 1 + (freq.get(b, 0) < lim["rare"] * 10) >= lim["min_score"]:  # 1 for the repeat, 1 if b is rare
            return s, e, f"'{text[s:e]}' segments improbably: {a}/{b}/{nxt}"
    return None


def _stray_likely(text: str, i: int, freq, lim) -> bool:
    """新增育规模化: the character is rare on its own and forms no word with either neighbour."""
    return (freq.get(text[i], 0) < lim["rare"] and text[i:i + 2] not in freq
            and not freq.get(text[i - 1:i + 1]))


def _stray(text, i, j, segmenter, freq, lim):
    """A stray character, one or two words, then the same character again not in a parallel
    phrase: 新增/育/规模化/育/肥 but not 以开放/促/改革/促/发展 or 跨/行业/跨/地区."""
    words = _words(segmenter, text, i - 4, j + 5)
    at = {s: n for n, (_, s, _) in enumerate(words)}
    k, n = at.get(i), at.get(j)
    if k is None or n is None or k == 0 or words[k][0] != text[i] or len(words[k - 1][0]) < 2:
        return None
    mid = [w for w, _, _ in words[k + 1:n]]
    if not mid or len(mid) > 2 or min(map(len, mid)) < 2:
        return None
    echo = words[n][0]
    after = words[n + 1][0] if n + 1 < len(words) else ""
    if len(echo) >= 2 or len(after) >= 2 or not after:
        return None  # 促改革促发展: the repeat opens a word again, a parallel phrase
    s, e = words[k - 1][1], words[n + 1][2]
    shown = "/".join(w for w, _, _ in words[k - 1:n + 2])
    return s, e, (f"'{text[s:e]}' segments improbably: {shown} (a stray '{text[i]}' "
                  f"typed before '{''.join(mid)}'?)")
