"""TX013: a formula of report language with one word replaced (夯实基础、全面发展的关键时期 where
22 reports write 全面发力的关键时期; 无党派人士和广大团体 for 无党派人士和各人民团体).

A formula is a run of clauses (the text between clause marks) that several reports write alike;
data/formulas.txt holds them, mined from the national and the provincial reports by
tests/update_formulas.py, each kept only if no report of the corpora writes it with a word
changed (so it is quiet on every report it was not mined from, and on those it was). The text
is cut at its clause marks once (one stdlib split); a clause found verbatim in the table, or one
ending or starting like a one-clause formula, anchors a comparison of the formula with the
clauses around it. A finding: the formula's clauses in place but one (in a formula of three or
more, all but one), that one keeping its first or last characters around a stretch of at most
four replaced; and a sign that it is a slip, not a template's other word (_evidence): one
character for one or one sharing a character, in a formula many reports write; a character
left doubled at the seam (生产产能 for 产量产能); or a word of the formula cut apart, its rest
left standing (和广大团体 for 和各人民团体). A level's own name (县政协 for 人民政协, 全市 for
全国) and numerals (十四五 / 十五五) are no slip.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import Iterator, Optional

from .. import rx
from ..rules import RuleError, char_class, data_path, entries, full_width, marks, numeral_chars
from ..stages.segment import segmenter
from .context import Context
from .registry import check

_FILE = "formulas.txt"
_KEY = 4  # characters of a one-clause formula's ends that find its near misses
_TAIL, _HEAD = itemgetter(slice(-_KEY, None)), itemgetter(slice(0, _KEY))


@dataclass(frozen=True)
class Formula:
    pieces: tuple[str, ...]  # its clauses
    seps: tuple[str, ...]    # the marks between them
    reports: int             # how many reports write it

    @property
    def text(self) -> str:
        return self.pieces[0] + "".join(s + p for s, p in zip(self.seps, self.pieces[1:]))


@dataclass(frozen=True)
class Limits:
    most_replaced: int   # characters of the formula a slip replaces
    most_written: int    # characters written in their place
    least_kept: int      # characters of the clause kept at its start or end
    least_same: int      # characters of the formula in place, in all
    strong: int          # reports writing a formula for a weaker sign of a slip to count
    local: dict          # a local report's own form of a national word (全国 -> 全市)
    levels: frozenset    # the words of a government's level, one for another (省 / 市 / 县)
    numerals: frozenset  # a numeral replaced names another thing (十四五 / 十五五)


@cache
def limits() -> Limits:
    t = entries("wording.toml")
    f = t["formulas"]
    return Limits(f.integer("most_replaced"), f.integer("most_written"), f.integer("least_kept"),
                  f.integer("least_same"), f.integer("strong"), dict(t["local_substitutions"]),
                  frozenset(f.text("levels")), frozenset(numeral_chars().numeral))


@cache
def splitter():
    """Clause marks and line breaks, kept (a capturing split): the pieces and marks alternate."""
    m = marks()
    return rx.compile_std(f"({char_class(full_width(m.clause_mark + m.enumeration_comma) + m.line_break)})")


def pieces_of(text: str) -> tuple[list[str], list[int]]:
    """The clauses and marks of `text`, alternating (clauses at even indices), and where each starts."""
    parts = splitter().split(text)
    return parts, _starts(parts)


def _starts(parts: list[str]) -> list[int]:
    return [0, *accumulate(map(len, parts))]


def parse_formula(line: str, reports: int) -> Formula:
    parts = splitter().split(line)
    return Formula(tuple(parts[0::2]), tuple(parts[1::2]), reports)


@dataclass(frozen=True)
class Table:
    formulas: tuple[Formula, ...]
    exact: dict   # clause -> [(formula index, clause index)]
    ends: dict    # last _KEY characters of a one-clause formula -> [formula index]
    starts: dict  # first _KEY characters -> [formula index]


def build_table(formulas: list[Formula]) -> Table:
    exact: dict = {}
    ends: dict = {}
    starts: dict = {}
    for n, f in enumerate(formulas):
        for k, p in enumerate(f.pieces):
            exact.setdefault(p, []).append((n, k))
        if len(f.pieces) == 1 and f.reports >= limits().strong:  # only these count a one-character change
            ends.setdefault(f.pieces[0][-_KEY:], []).append(n)
            starts.setdefault(f.pieces[0][:_KEY], []).append(n)
    return Table(tuple(formulas), exact, ends, starts)


@cache
def table() -> Table:
    out = []
    try:
        lines = data_path(_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"data/{_FILE}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        try:
            text, count = line.split("\t")
            out.append(parse_formula(text, int(count)))
        except ValueError:
            raise RuleError(f"data/{_FILE} line {n}: expected formula<tab>reports") from None
    return build_table(out)


@dataclass(frozen=True)
class Slip:
    start: int        # offset of the replaced characters in the text
    end: int
    written: str      # what the text has
    formula: Formula
    replaced: str     # what the formula has there


def _replacement(t: str, f: str, lim: Limits, align: str) -> Optional[tuple[int, int, int, int]]:
    """How clause t is clause f with one stretch replaced: (start, end) of the stretch in t and
    in f; None when it is not. `align`: 'whole' (t is the clause), 'end' (t may hold
    more before it), 'start' (t may hold more after it)."""
    k = lim.least_kept
    if align == "whole" and t[:k] != f[:k] and t[-k:] != f[-k:] or \
            align == "end" and (len(t) < len(f) or t[-1] != f[-1] or t[-len(f)] != f[0]) or \
            align == "start" and (len(t) < len(f) or t[0] != f[0] or t[len(f) - 1] != f[-1]):
        return None  # the cheap tests first: most anchors lead nowhere
    shift = 0
    if align == "end":
        shift = max(0, len(t) - len(f))
        t = t[shift:]
    elif align == "start":
        t = t[:len(f)]
    if t == f or not t:
        return None
    a = 0
    while a < min(len(t), len(f)) and t[a] == f[a]:
        a += 1
    b = 0
    while b < min(len(t), len(f)) - a and t[-1 - b] == f[-1 - b]:
        b += 1
    tm, fm = len(t) - a - b, len(f) - a - b
    if align != "whole" and (tm != fm or not a or not b):
        return None  # an end-aligned stretch keeps its length, inside the clause (else: text of its own)
    if not (1 <= fm <= lim.most_replaced and 1 <= tm <= lim.most_written) or max(a, b) < lim.least_kept:
        return None
    return shift + a, shift + len(t) - b, a, a + fm


def _han(s: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" for c in s)


def near_misses(text: str, lo: int, hi: int, tab: Table) -> Iterator[Slip]:
    """Every place in text[lo:hi] where a formula of `tab` is written with one stretch replaced."""
    lim = limits()
    words = segmenter()
    parts = splitter().split(text[lo:hi])
    offs: list[int] = []  # where each part starts: made for the first slip (most texts have none)
    pieces = parts[0::2]
    seps = parts[1::2]
    tried: set[tuple[int, int]] = set()
    reported: set[int] = set()
    exact, ends, starts = tab.exact, tab.ends, tab.starts
    anchors = [(i, n, k) for i in compress(range(len(pieces)), map(exact.__contains__, pieces))
               for n, k in exact[pieces[i]]]  # the pieces found verbatim, picked out in C
    for keys, cut in ((ends, _TAIL), (starts, _HEAD)):  # the few near the ends of one-clause formulas
        for i in compress(range(len(pieces)), map(keys.__contains__, map(cut, pieces))):
            p = pieces[i]
            if len(p) > _KEY and p not in exact:
                anchors += [(i, n, 0) for n in keys[cut(p)]]
    for i, n, k in anchors:
        f = tab.formulas[n]
        first = i - k
        if first < 0 or first + len(f.pieces) > len(pieces) or (n, first) in tried:
            continue
        tried.add((n, first))
        if f.pieces == tuple(pieces[first:first + len(f.pieces)]):
            continue  # the formula as it is written: nothing replaced (most anchors)
        for j, (s, e, fs, fe) in _compare(pieces, seps, first, f, lim):
            offs = offs or _starts(parts)
            base = lo + offs[2 * (first + j)]
            t = pieces[first + j]
            written, replaced = t[s:e], f.pieces[j][fs:fe]
            seam = t[e - 1:e + 1] if e < len(t) else t[s - 1:s + 1] if s else ""
            if not _han(written + replaced) or _local(written, replaced, lim) or lim.numerals & set(written + replaced):
                continue
            whole = (fs, fe) == (0, len(f.pieces[j])) and len(f.pieces) > 1
            cuts = not _evidence(written, replaced, f, whole, seam, lim)
            if cuts and not _evidence(written, replaced, f, False, "", lim, weak=True):
                continue
            if (base + s) not in reported and (not cuts or _cuts_a_term(t, s, e, f.pieces[j], fs, fe, words)):
                reported.add(base + s)
                yield Slip(base + s, base + e, written, f, replaced)


def _compare(pieces, seps, first: int, f: Formula, lim: Limits) -> list:
    """[(clause index, replacement)] when the clauses from `first` are formula f with a stretch
    replaced in one clause (in a formula of n >= 3 clauses, in up to n - 1), its other clauses
    in place; [] otherwise."""
    n = len(f.pieces)
    if n > 1 and any(seps[first + k] != f.seps[k] for k in range(n - 1)):
        return []
    odd = []
    same = 0
    for k, fp in enumerate(f.pieces):
        t = pieces[first + k]
        if n == 1:
            ok = fp in t
        elif k == 0:
            ok = t.endswith(fp)
        elif k == n - 1:
            ok = t.startswith(fp)
        else:
            ok = t == fp
        if ok:
            same += len(fp)
            continue
        if len(odd) >= max(1, n - 1):
            return []
        aligns = ("whole", "end", "start") if n == 1 else ("whole", "end") if k == 0 else \
            ("whole", "start") if k == n - 1 else ("whole",)
        rep = next((r for r in (_replacement(t, fp, lim, a) for a in aligns) if r), None)
        if rep is None and n > 1 and k in (0, n - 1) and f.reports >= lim.strong and \
                len(fp) <= lim.most_replaced and len(t) <= lim.most_written + 2:
            rep = (0, len(t), 0, len(fp))  # a clause at its edge rewritten whole, in a formula many write
        if rep is None:
            return []
        odd.append((k, rep))
        same += len(fp) - (rep[3] - rep[2])
    whole = any(rep[2:] == (0, len(f.pieces[k])) for k, rep in odd)
    if same < lim.least_same + (lim.least_same // 2 if whole else 0):
        return []
    return odd


def _evidence(written: str, replaced: str, formula: Formula, whole_clause: bool, seam: str, lim: Limits,
              weak: bool = False) -> bool:
    """Is the replacement a slip rather than a template's other word? In a formula many reports
    write alike (lim.strong), one character for one (发力 / 发展), one sharing a character with
    what it replaces at its length (产量 / 生产), or a clause at its edge rewritten whole; in any
    formula, one that leaves a character doubled where it meets the formula's text (生产产能 for
    产量产能). Two edits (a stretch keeping two characters of the formula: 努力把农 / 加快把农牧)
    are none."""
    if any(written[i:i + 2] in replaced for i in range(len(written) - 1)):
        return False
    if weak:
        return True  # to be told by the words around it (_cuts_a_term)
    if len(seam) == 2 and seam[0] == seam[1]:
        return True
    return formula.reports >= lim.strong and (whole_clause or len(written) == len(replaced) and (
        len(written) == 1 or bool(set(written) & set(replaced))))


def _cuts_a_term(t: str, s: int, e: int, f: str, fs: int, fe: int, words) -> bool:
    """The replacement cuts a word of the formula apart and leaves its rest standing as a word
    (和各人民团体 -> 和广大团体: 人民团体 cut, 团体 left), where a template's other word would
    replace whole words (退役军人 -> 残疾人)."""
    def crossing(text: str, at: int) -> bool:
        return any(a < at < b for a, b in _word_spans(words, text))
    return (crossing(f, fs) or crossing(f, fe)) and not (crossing(t, s) or crossing(t, e))


@lru_cache(maxsize=4096)
def _word_spans(words, text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word of `text` (no HMM): a formula's clause is segmented once."""
    return tuple((a, b) for _, a, b in words.tokenize(text, hmm=False))


def _local(written: str, replaced: str, lim: Limits) -> bool:
    """全市 for 全国, 县政府 for 省政府: a local report's own form of a formula, no slip."""
    levels = lim.levels
    if set(written) <= levels | set("自治"):
        return True  # 县政协 for 人民政协: the level's own name
    return len(written) == len(replaced) and all(
        a == b or b in lim.local.get(a, "") or a in levels and b in levels for a, b in zip(replaced, written))


@check("TX013")
def formula_slip(ctx: Context) -> None:
    span = ctx.body_span()
    if span is None:
        return
    for s in near_misses(ctx.norm.text, span[0], span[1], table()):
        f = s.formula
        ctx.warn_norm("TX013", s.start, s.end,
                      f"'{s.written}' stands where the formula '{f.text}' (in {f.reports} reports) has "
                      f"'{s.replaced}': a word replaced?")
