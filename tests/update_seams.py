"""Build tonglaio_parse/data/seam_doubles.txt from the national corpus (52 reports, 1954-2025).

    .venv/bin/python tests/update_seams.py ../shared/corpus/national

TX004 reports two words sharing a doubled syllable when the first is rare (涉外外贸 for 涉外贸易
or 外贸). The national reports use some such pairs on purpose (归侨侨眷, 纲要要求, 机车车辆):
every pair of that shape found in at least two reports is written here, one a line, and stays
quiet. (A pair found in one report only is not listed, so measuring TX004 on the corpus is a
leave-one-out measurement.)
"""
from __future__ import annotations

import collections
import glob
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tonglaio_parse.stages.normalize import normalize  # noqa: E402
from tonglaio_parse.rules import data_path  # noqa: E402
from tonglaio_parse.stages.segment import segmenter  # noqa: E402

SEAM = regex.compile(r"(\p{Han})(\p{Han})\2(\p{Han})")
MIN_DOCS = 2


def main(corpus: str) -> None:
    freq = segmenter().frequencies
    docs: collections.Counter = collections.Counter()
    for f in sorted(glob.glob(os.path.join(corpus, "*.txt"))):
        text = normalize(open(f, encoding="utf-8").read()).text
        seen = set()
        for m in SEAM.finditer(text, overlapped=True):
            a, b, c = m.groups()
            if a != b and b != c and freq.get(a + b) and freq.get(b + c):
                seen.add(m.group())
        docs.update(seen)
    keep = sorted(g for g, n in docs.items() if n >= MIN_DOCS)
    data_path("seam_doubles.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} seam pairs")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/national")
