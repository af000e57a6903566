"""Build tonglaio_parse/data/report_terms.txt from the national reports (52, 1954-2025) and the
provincial reports of 2026 (31).

    .venv/bin/python tests/update_terms.py [../shared/corpus/national ../shared/corpus/provinces-2026]

The terms are the national reports' (the first folder); the variants and the vocabulary come
from all: a form a provincial report uses is right too, and their words are report words.
Three kinds of line, tab-separated:
  T  term  count     a long fixed term (6-7 Han characters, >= 50 occurrences, in >= 4 reports since 1992),
                     whose one-character variants TX005 reports (人大代表大会 for 人民代表大会);
  V  variant         a one-character variant of a term that the corpus itself uses (全国人民代表大会
                     is not a slip of 全国人民代表 ...): never reported;
  W  word  count     a word (jieba) used >= 5 times in the reports: the vocabulary of generic
                     report phrases for TX006 (《文艺精品力作》 is not a title).
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

HAN = regex.compile(r"\p{Han}+")
FUNC = set("的了在是和与及等对为把将要并也都个中上下以其之而或由从向到被所这那该各每此")
MIN_TERM, MIN_DOCS, MIN_WORD = 50, 4, 5
RECENT = 1992  # a term must be in use in >= MIN_DOCS reports from this year on


def _aligned(tok, g: str) -> bool:
    """A term that starts and ends on a word boundary (人民代表大会, not 会主义市场经济)."""
    pieces = tok.cut(g, hmm=False)
    return len(pieces[0]) >= 2 and len(pieces[-1]) >= 2


def main(folders: list[str], out: str) -> None:
    files = corpus_files(folders)
    source = set(corpus_files(folders[:1]))  # the terms: the national reports'
    grams: collections.Counter = collections.Counter()
    term_grams: collections.Counter = collections.Counter()
    docs: collections.Counter = collections.Counter()
    words: collections.Counter = collections.Counter()
    tok = segmenter()
    for f in files:
        text = normalize(open(f, encoding="utf-8").read()).text  # as the checks see it
        seen = set()
        for m in HAN.finditer(text):
            s = m.group()
            for n in range(5, 9):
                for i in range(len(s) - n + 1):
                    grams[s[i:i + n]] += 1
                    seen.add(s[i:i + n])
                    if f in source:
                        term_grams[s[i:i + n]] += 1
            words.update(w for w in tok.cut(s, hmm=False) if len(w) >= 2)
        if f in source and int(os.path.basename(f)[-8:-4]) >= RECENT:
            docs.update(seen)
    terms = {g: c for g, c in term_grams.items() if 6 <= len(g) <= 7 and c >= MIN_TERM and docs[g] >= MIN_DOCS
             and g[0] not in FUNC and g[-1] not in FUNC and _aligned(tok, g)}
    variants = set()
    for t in terms:
        for i in range(1, len(t) - 1):
            for g in (t[:i] + t[i + 1:],):
                if g in grams:
                    variants.add(g)
    for g in grams:  # substitutions and insertions the corpus uses
        if g in terms:
            continue
        for i in range(1, len(g) - 1):
            if g[:i] + g[i + 1:] in terms:
                variants.add(g)
    by_hole = collections.defaultdict(set)
    for t in terms:
        for i in range(1, len(t) - 1):
            by_hole[t[:i] + "?" + t[i + 1:]].add(t)
    for g in grams:
        if len(g) in (6, 7) and g not in terms:
            for i in range(1, len(g) - 1):
                if g[:i] + "?" + g[i + 1:] in by_hole:
                    variants.add(g)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# mined by tests/update_terms.py from the national and provincial government work reports; see there\n")
        for t, c in sorted(terms.items()):
            fh.write(f"T\t{t}\t{c}\n")
        for v in sorted(variants - set(terms)):
            fh.write(f"V\t{v}\n")
        for w, c in sorted(words.items()):
            if c >= MIN_WORD and HAN.fullmatch(w):
                fh.write(f"W\t{w}\t{c}\n")


if __name__ == "__main__":
    main(folders_from_argv(), data_file("report_terms.txt"))
