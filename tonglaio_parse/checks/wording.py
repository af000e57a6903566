"""TX005-TX009: wording an editor would mark though every character is in place.

TX005 a one-character slip in a long fixed term of government reports (人大代表大会 for
      人民代表大会); the terms are mined from the national reports (tests/update_terms.py).
TX006 book-title marks around a generic phrase of report vocabulary (轻舞《文艺精品力作》).
TX007 a full stop before a bare predicate and a figure (增长170%。达到1600万千瓦): the sentence
      after it has no subject, the full stop stands where a comma belongs.
TX008 a character typed inside a word whose characters the reports never write apart (夯坚实基础:
      夯 is always followed by 实).
TX009 a context the reports always complete one way, completed by a character that forms no word
      (招商引到投资 for 招商引资). TX008/TX009 data: tests/update_bound.py -> data/bound_chars.txt.
All are cheap: substring tests of a few hundred anchors, one regex, and jieba only on the
text inside title marks."""
from __future__ import annotations

import re
import string
from functools import cache

import regex

from .. import rx
from ..rules import RuleError, char_class, data_path, entries, full_width, marks
from .context import Context
from .registry import check
from . import formulas
from .lexicon import report_terms
from .text import all_han, in_gazetteer

_ANCHOR = 3  # characters at each end of a term that locate its variants


@cache
def _anchors() -> dict[str, list[tuple[str, bool]]]:
    """The first and last _ANCHOR characters of each fixed term -> (term, at its start)."""
    anchors: dict[str, list] = {}
    for t in report_terms().terms:
        anchors.setdefault(t[:_ANCHOR], []).append((t, True))
        anchors.setdefault(t[-_ANCHOR:], []).append((t, False))
    return anchors


@cache
def _anchor_rx() -> re.Pattern:
    """Where an anchor stands and one of its terms is not written in place (the term itself is
    nearly every hit): one pass of the stdlib engine, which skips in C every character that
    starts no anchor; the anchors of one first character in one branch, tried only there."""
    by_first: dict[str, list[str]] = {}
    for a, terms in _anchors().items():
        by_first.setdefault(a[0], []).append(f"(?={re.escape(a[1:])})(?:{'|'.join(map(_not_in_place, terms))})")
    return rx.compile_std("|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items()))


def _lengths(term: str) -> tuple[int, int, int]:
    """The lengths of what is one interior edit from the term."""
    return len(term), len(term) + 1, len(term) - 1


def _not_in_place(entry: tuple[str, bool]) -> str:
    """After an anchor's first character: the term is not written there (at its start: the rest
    does not follow; at its end: the term's front does not precede), and the term's other end
    stands where one edit puts it (a variant one character shorter, as long, or longer)."""
    t, at_start = entry
    if at_start:  # its last character n - 2 after this one
        last = "|".join(f"(?=(?s:.){{{n - 2}}}{re.escape(t[-1])})" for n in _lengths(t))
        return f"(?!{re.escape(t[1:])})(?:{last})"
    first = "|".join(f"(?<={re.escape(t[0])}(?s:.){{{n - _ANCHOR}}})" for n in _lengths(t))
    return f"(?<!{re.escape(t[:-_ANCHOR + 1])})(?:{first})"


@cache
def _rules():
    return entries("wording.toml")


def _one_edit(x: str, t: str) -> str:
    """How x is one interior edit away from t ('' when it is not)."""
    if len(x) == len(t):
        diff = [i for i in range(len(t)) if x[i] != t[i]]
        return "sub" if len(diff) == 1 and 0 < diff[0] < len(t) - 1 else ""
    if len(x) == len(t) + 1:
        return "ins" if any(x[:i] + x[i + 1:] == t for i in range(1, len(x) - 1)) else ""
    if len(x) == len(t) - 1:
        return "del" if any(t[:i] + t[i + 1:] == x for i in range(1, len(t) - 1)) else ""
    return ""


def _scope(ctx: Context):
    """(normalised text, body start, body end, the dictionary's frequencies), or None without a body."""
    span = ctx.body_span()
    return None if span is None else (ctx.norm.text, *span, ctx.words.frequencies)


@check("TX005")
def fixed_term_slip(ctx: Context) -> None:
    lexicon = report_terms()
    terms, variants, anchors = lexicon.terms, lexicon.variants, _anchors()
    local = _rules()["local_substitutions"]
    scope = _scope(ctx)
    if scope is None:
        return
    text, lo, hi, freq = scope
    seen: set[int] = set()
    found: dict[str, list[int]] = {}  # anchor -> its offsets where a term is not in place
    for m in _anchor_rx().finditer(text, lo, hi):
        found.setdefault(text[m.start():m.start() + _ANCHOR], []).append(m.start())
    for anchor, located in anchors.items():
        for pos in found.get(anchor, ()):
            for t, at_start in located:
                first = pos if at_start else pos + _ANCHOR - len(t)
                if text.startswith(t, first):
                    continue  # the term itself: nearly every hit
                for n in _lengths(t):
                    s = pos if at_start else pos + _ANCHOR - n
                    if s < lo or s + n > hi or text[s] != t[0] or text[s + n - 1] != t[-1] or s in seen:
                        continue  # an interior edit keeps both ends
                    x = text[s:s + n]
                    if x in terms or x in variants or freq.get(x) or not all_han(x):
                        continue
                    kind = _one_edit(x, t)
                    if not kind or (kind == "sub" and _local(x, t, local)) or _doubled(x):
                        continue
                    seen.add(s)
                    what = {"sub": "one character changed", "ins": "one character too many",
                            "del": "one character missing"}[kind]
                    other = _other_reading(x, t, lexicon.words)
                    if other:  # the context reads x otherwise: the term is no sure correction
                        after = text[s + n:s + n + 8]
                        fit = _formula_reading(other, after)
                        guess = (f"perhaps '{fit[0]}', as the formula '{fit[1]}' has it" if fit else
                                 f"perhaps '{other}' with the word after it mistyped (the text goes on '{after}')")
                        ctx.warn_norm("TX005", s, s + n,
                                      f"'{x}' is one character from the fixed term '{t}', but it opens "
                                      f"with '{other}', a word of its own in the reports: {guess}, not '{t}'?")
                        continue
                    ctx.warn_norm("TX005", s, s + n,
                                  f"'{x}' reads like the fixed term '{t}' with {what}: a slip?")


def _other_reading(x: str, t: str, words: dict) -> str:
    """A word of the reports that x opens with and the term does not (人大代表 of 人大代表大会,
    where the term is 人民代表大会): x may be that word and another, so the term is no sure
    correction. '' when there is none."""
    least = _rules().integer("other_reading_min_count")
    for k in range(len(x) - 2, 1, -1):
        w = x[:k]
        if words.get(w, 0) >= least and not t.startswith(w):
            return w
    return ""


def _formula_reading(word: str, after: str) -> tuple[str, str] | None:
    """A formula (data/formulas.txt) where `word` and one or two characters more are followed by
    a list mark and the text that follows here (人大代表建议和政协委员提案 for 人大代表大会、政协委员提案):
    (word and those characters, the formula), or None."""
    nxt = after.lstrip("、,和及与")[:4]
    if len(nxt) < 4:
        return None
    for f in formulas.table().formulas:
        text = f.text
        i = text.find(word)
        while i >= 0:
            for k in (1, 2):
                rest = text[i + len(word) + k:]
                if rest[:1] in ("、", "和", "及", "与") and rest[1:5] == nxt:
                    return text[i:i + len(word) + k], text
            i = text.find(word, i + 1)
    return None


def _local(x: str, t: str, local: dict) -> bool:
    """全市各族人民 for 全国各族人民: a local report's own form of a national term."""
    for a, b in zip(t, x):
        if a != b:
            return b in local.get(a, "")
    return False


def _doubled(x: str) -> bool:
    return any(x[i] == x[i + 1] for i in range(len(x) - 1))  # doubling is TX001's


@check("TX006")
def generic_title(ctx: Context) -> None:
    words = report_terms().words
    r = _rules()
    suffixes = tuple(r.words("title_suffixes"))
    min_count = r.integer("title_word_min_count")
    common = r.integer("title_word_min_freq")
    heads = tuple(r.words("generic_heads"))
    freq = ctx.words.frequencies
    title = rx.compile(r"《([^《》\n]{2,30})》")
    for p in ctx.body_paragraphs():
        if "《" not in p.text:
            continue
        for m in title.finditer(p.text):
            inner = m.group(1)
            if not all_han(inner) or inner.endswith(suffixes):
                continue
            pieces = ctx.words.cut(inner, hmm=False)
            if len(pieces) < 2 or min(map(len, pieces)) < 2 or len(set(pieces)) < len(pieces) \
                    or any(map(in_gazetteer, pieces)):
                continue  # a word repeated (《桃花桃花》) or a place (《美丽新疆》): a name's own words
            known = [w for w in pieces if words.get(w, 0) >= min_count or freq.get(w, 0) >= common]
            if 2 * len(known) < len(pieces) + 1 and not inner.endswith(heads):
                continue  # a title of its own words (西辽河回响), not report vocabulary
            ctx.warn_norm("TX006", p.start + m.start(), p.start + m.end(),
                          f"book-title marks around '{inner}', a generic phrase ({'/'.join(pieces)}), "
                          f"not the title of a work or document")


@check("TX007")
def stray_full_stop(ctx: Context) -> None:
    r = _rules()
    verbs = r.words("bare_predicates")
    pattern = _stop_rx("|".join(verbs), r.integer("bare_predicate_lookback"))
    stop_before_figure = _stop_before_figure("|".join(verbs))
    for p in ctx.body_paragraphs():
        if not stop_before_figure.search(p.text):
            continue
        for m in pattern.finditer(p.text):
            s, e = p.start + m.start("stop"), p.start + m.end()
            ctx.warn_norm("TX007", s, e,
                          f"a sentence starts with a bare '{m.group('verb')}' and a figure "
                          f"('{m.group('after')}') right after '{m.group('before')}': "
                          f"a comma typed as a full stop?")


_FIGURE = "[约近超逾]?[0-9]"  # a figure after a bare predicate, perhaps approximate (达到约1600)


@cache
def _stop_rx(verbs: str, lookback: int):
    """。 after a clause ending in a figure, then predicate + Arabic figure (达到1600万千瓦): the
    figure's clause holds no clause mark or 、 (either width) before the full stop."""
    m = marks()
    in_clause = char_class(string.digits + full_width(m.clause_mark + m.enumeration_comma) + m.line_break, negated=True)
    return rx.compile(rf"(?P<before>[0-9][0-9.]*[%％]?{in_clause}{{0,{lookback}}})"
                      rf"(?P<stop>{regex.escape(m.full_stop)})(?P<after>(?P<verb>{verbs}){_FIGURE}[0-9.]*[%％]?\p{{Han}}{{0,3}})")


@cache
def _stop_before_figure(verbs: str) -> re.Pattern:
    """What _stop_rx needs after the full stop, found from the stop (a literal the stdlib engine
    skips to): a paragraph without it is not scanned."""
    return rx.compile_std(f"{re.escape(marks().full_stop)}(?:{verbs}){_FIGURE}")


@cache
def _bound() -> tuple[dict[str, str], dict[str, str], object, object, dict[str, tuple[str, int]], object]:
    """The bound characters (夯 -> 实, 济 <- 经) and a regex for each not beside its partner (the
    left-bound ones run over the reversed text: a look-behind in the pattern costs the scan its
    fast skip); the fixed contexts (招商引 -> 资) and one regex for each not followed by its
    last character, starting at the context's rarest character (from common ones: 10x the cost).
    Alternatives in file order, the most used characters first: the regex tries them in turn."""
    right, left, ctx, ralts, lalts = {}, {}, {}, [], []
    for n, line in enumerate(data_path("bound_chars.txt").read_text(encoding="utf-8").splitlines(), 1):
        side, _, rest = line.partition("\t")
        try:
            if side in ("R", "L"):
                c, p = rest.split("\t")
                (right if side == "R" else left)[c] = p
                (ralts if side == "R" else lalts).append(f"{c}(?!{p})")
            elif side == "C":
                a, last, k = rest.split("\t")
                ctx[a] = (last, int(k))
        except ValueError:
            raise RuleError(f"data/bound_chars.txt line {n}: expected R, L or C and tab-separated fields") from None
    calts = [f"{a[k]}(?<={a[:k + 1]})(?={a[k + 1:]}(?!{last}))" for a, (last, k) in ctx.items()]
    return (right, left, rx.compile_std("|".join(ralts)), rx.compile_std("|".join(lalts)),
            ctx, rx.compile_std("|".join(calts)))


@check("TX008")
def split_bound_word(ctx: Context) -> None:
    """夯坚实基础: a character typed between 夯 and 实, which the reports never write apart."""
    right, left, rpat, lpat, _, _ = _bound()
    scope = _scope(ctx)
    if scope is None:
        return
    text, lo, hi, freq = scope
    hits = []
    for m in rpat.finditer(text, lo, hi):
        i = m.start()
        c = text[i]
        if i + 2 < hi and text[i + 2] == right[c]:
            x = text[i + 1]
            if not ((c + x) in freq or text[i - 1:i + 2] in freq or text[max(lo, i - 2):i + 2] in freq):
                hits.append((i, x, c + right[c]))
    for m in lpat.finditer(text[lo:hi][::-1]):
        i = hi - 1 - m.start()
        c = text[i]
        if i - 2 >= lo and text[i - 2] == left[c]:
            x = text[i - 1]
            if not ((x + c) in freq or text[i - 1:i + 2] in freq or text[i - 1:i + 3] in freq):
                hits.append((i - 2, x, left[c] + c))
    for s, x, word in sorted(hits):
        if all_han(x):
            ctx.warn_norm("TX008", s, s + 3,
                          f"'{text[s:s + 3]}': '{x}' stands inside '{word}', whose characters the "
                          f"reports never write apart: a stray character?")


@check("TX009")
def broken_fixed_word(ctx: Context) -> None:
    """招商引到投资: a context the reports always complete one way (招商引 -> 招商引资), followed by
    a character that forms no word with its neighbours."""
    _, _, _, _, contexts, pattern = _bound()
    scope = _scope(ctx)
    if scope is None:
        return
    text, lo, hi, freq = scope
    for m in pattern.finditer(text, lo, hi):
        s = _context_start(text, m.start(), contexts)
        if s is None or s + 4 >= hi:
            continue
        a = text[s:s + 3]
        last = contexts[a][0]
        y, z = text[s + 3], text[s + 4]
        if not all_han(y + z) or (a[-1] + y) in freq or (y + z) in freq or (a[-2:] + y) in freq:
            continue
        ctx.warn_norm("TX009", s, s + 4,
                      f"'{a + y}' reads like the fixed word '{a + last}' with its last character "
                      f"changed (the reports write '{a}' only as '{a + last}'): a slip?")


def _context_start(text: str, i: int, contexts: dict) -> int | None:
    """Where the context whose rarest character is at i starts."""
    for k in range(3):
        a = text[i - k:i - k + 3]
        if i - k >= 0 and a in contexts and contexts[a][1] == k:
            return i - k
    return None
