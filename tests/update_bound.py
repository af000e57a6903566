"""Build tonglaio_parse/data/bound_chars.txt from the national reports (52, 1954-2025) and the
provincial reports of 2026 (31).

    .venv/bin/python tests/update_bound.py [../shared/corpus/national ../shared/corpus/provinces-2026]

A bound character is one the reports write with one neighbour only: 夯 is followed by 实 in
every one of its 18 uses (夯实), 济 is preceded by 经. TX008 reports the shape 夯坚实 — a
character typed between a bound character and its partner (夯坚实基础 for 夯实基础).

Lines, tab-separated:  R  char  partner   (the partner follows the character)
                       L  char  partner   (the partner precedes it)
A character qualifies with >= MIN_USES uses and its partner in >= SHARE of them. Measured
leave-one-out on the reports 2004-2025 (each report's characters mined from the others):
no finding; 5 uses / 0.9 would flag idioms (聚精会神, 互促共进).

                       C  context  last  anchor
A three-character context the reports complete with one character (招商引 -> 资) into a word of
jieba's dictionary (招商引资): >= CTX_USES uses, the completion in >= CTX_SHARE of them. TX009
reports the context followed by another character that forms no word (招商引到投资). anchor:
the index of the context's rarest character, where the check's regex starts (a context whose
characters are all common, more than ANCHOR_SHARE of all characters (300 uses in the national
reports' 1.1 million), is left out: the scan would cost too much).
Leave-one-out on 2004-2025: no finding (without the dictionary condition: 11, 结构调优 …).
"""
from __future__ import annotations

import collections
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tonglaio_parse.stages.normalize import normalize  # noqa: E402
from corpora import corpus_files, data_file, folders_from_argv  # noqa: E402
from tonglaio_parse.stages.segment import segmenter  # noqa: E402

HAN2 = regex.compile(r"(?=(\p{Han}\p{Han}))")
HAN4 = regex.compile(r"(?=(\p{Han}{4}))")
MIN_USES, SHARE = 10, 0.97
CTX_USES, CTX_SHARE, ANCHOR_SHARE = 5, 0.95, 300 / 1_110_000


def bound(counts: collections.Counter) -> dict[str, dict[str, tuple[str, int]]]:
    right: dict = collections.defaultdict(collections.Counter)
    left: dict = collections.defaultdict(collections.Counter)
    for g, k in counts.items():
        right[g[0]][g[1]] += k
        left[g[1]][g[0]] += k
    out = {}
    for side, tab in (("R", right), ("L", left)):
        out[side] = {}
        for c, cnt in tab.items():
            n = sum(cnt.values())
            partner, k = cnt.most_common(1)[0]
            if n >= MIN_USES and k / n >= SHARE and partner != c:
                out[side][c] = (partner, n)
    return out


def contexts(fours: collections.Counter, chars: collections.Counter) -> dict[str, tuple[str, int]]:
    freq = segmenter().frequencies
    nxt: dict = collections.defaultdict(collections.Counter)
    for g, k in fours.items():
        nxt[g[:3]][g[3]] += k
    out = {}
    total = sum(chars.values())
    for a, cnt in nxt.items():
        n = sum(cnt.values())
        last, k = cnt.most_common(1)[0]
        if n >= CTX_USES and k / n >= CTX_SHARE and freq.get(a + last):
            anchor = min(range(3), key=lambda i: chars[a[i]])
            if chars[a[anchor]] <= ANCHOR_SHARE * total:
                out[a] = (last, anchor)
    return out


def main(folders: list[str], out: str) -> None:
    counts: collections.Counter = collections.Counter()
    fours: collections.Counter = collections.Counter()
    for f in corpus_files(folders):
        text = normalize(open(f, encoding="utf-8").read()).text  # as the checks see it
        counts.update(m.group(1) for m in HAN2.finditer(text))
        fours.update(m.group(1) for m in HAN4.finditer(text))
    b = bound(counts)
    chars: collections.Counter = collections.Counter()
    for g, k in counts.items():
        chars[g[0]] += k
    ctx = contexts(fours, chars)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# mined by tests/update_bound.py from the national and provincial government work reports; see there\n")
        both = [(n, side, c, p) for side in ("R", "L") for c, (p, n) in b[side].items()]
        for _, side, c, p in sorted(both, key=lambda e: (-e[0], e[1], e[2])):
            fh.write(f"{side}\t{c}\t{p}\n")  # the most used first: the regex tries them in order
        for a, (last, anchor) in sorted(ctx.items(), key=lambda kv: (-chars[kv[0][kv[1][1]]], kv[0])):
            fh.write(f"C\t{a}\t{last}\t{anchor}\n")


if __name__ == "__main__":
    main(folders_from_argv(), data_file("bound_chars.txt"))
