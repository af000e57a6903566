"""Build tonglaio_parse/data/formulas.txt from the national and the provincial reports.

    .venv/bin/python tests/update_formulas.py ../shared/corpus/national ../shared/corpus/provinces-2026

A formula is a run of one to four clauses of one sentence (the text between clause marks, as
TX013 cuts it: checks/formulas.py) that at least MIN_REPORTS reports write alike: no figure in
it, every clause at least MIN_PIECE characters, MIN_CHARS to MAX_CHARS in all (a one-clause
formula at least MIN_SINGLE). Kept only if it stays quiet on every report of the corpora (a
report it was mined from or not): a formula some clean report writes with one word changed
(建设美丽云南 / 建设美丽甘肃, 推动 / 推进高质量发展) is a template with a slot, not a formula, and
is left out. So the check is quiet on the corpora by construction; how it does on reports it
was not mined from is measured by tests/test_checks_corpus.py (fixtures/local, the seed).
"""
from __future__ import annotations

import collections
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tonglaio_parse.checks.context import Context  # noqa: E402
from tonglaio_parse.checks.formulas import build_table, near_misses, parse_formula, pieces_of  # noqa: E402
from tonglaio_parse.stages.normalize import normalize  # noqa: E402
from corpora import corpus_files, data_file, folders_from_argv  # noqa: E402

MIN_REPORTS, MIN_PIECE, MIN_CHARS, MAX_CHARS, MIN_SINGLE, MAX_PIECES = 3, 2, 8, 40, 7, 4
SENTENCE_END = set("。!?;\n")
PLAIN = regex.compile(r"[\p{Han}“”、,:]+")


def body(path: str) -> str:
    norm = normalize(open(path, encoding="utf-8").read())
    lo, hi = Context(norm, []).body_span() or (0, 0)
    return norm.text[lo:hi]


def windows(text: str):
    parts, _ = pieces_of(text)
    pieces, seps = parts[0::2], parts[1::2] + [""]
    for i in range(len(pieces)):
        out = ""
        for k in range(MAX_PIECES):
            j = i + k
            if j >= len(pieces) or len(pieces[j]) < MIN_PIECE or (k and seps[j - 1] in SENTENCE_END):
                break
            out = out + seps[j - 1] + pieces[j] if k else pieces[j]
            n = len(out)
            if n > MAX_CHARS:
                break
            if n >= (MIN_SINGLE if k == 0 else MIN_CHARS) and PLAIN.fullmatch(out):
                yield out


def main(folders: list[str], out: str) -> None:
    files = corpus_files(folders)
    texts = {f: body(f) for f in files}
    reports: collections.Counter = collections.Counter()
    for t in texts.values():
        reports.update(set(windows(t)))
    kept = {w: c for w, c in reports.items() if c >= MIN_REPORTS}
    # a window inside a longer one written by as many reports adds nothing
    inside = set()
    for w, c in kept.items():
        f = parse_formula(w, c)
        for sub in (f.pieces[1:], f.pieces[:-1]):
            seps = f.seps[1:] if sub == f.pieces[1:] else f.seps[:-1]
            if sub:
                text = sub[0] + "".join(x + y for x, y in zip(seps, sub[1:]))
                if kept.get(text) == c:
                    inside.add(text)
    formulas = [parse_formula(w, c) for w, c in kept.items() if w not in inside]
    noisy: set[str] = set()
    final = formulas
    while True:  # one finding a place: a formula left out may uncover another at its place
        tab = build_table(final)
        found = {s.formula.text for t in texts.values() for s in near_misses(t, 0, len(t), tab)}
        if not found:
            break
        noisy |= found
        final = [x for x in final if x.text not in noisy]
    print(f"{len(files)} reports, {len(kept)} formulas, {len(noisy)} written with a word changed "
          f"somewhere (left out), {len(final)} kept", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# mined by tests/update_formulas.py from the national and provincial reports; see there\n")
        for x in sorted(final, key=lambda x: (-x.reports, x.text)):
            fh.write(f"{x.text}\t{x.reports}\n")


if __name__ == "__main__":
    main(folders_from_argv(), data_file("formulas.txt"))
