"""Build tonglaio_parse/data/seam_doubles.txt from the national reports (52, 1954-2025) and the
provincial reports of 2026 (31).

    .venv/bin/python tests/update_seams.py [../shared/corpus/national ../shared/corpus/provinces-2026]

TX004 reports two words sharing a doubled syllable when the first is rare (涉外外贸 for 涉外贸易
or 外贸). The national reports use some such pairs on purpose (归侨侨眷, 纲要要求, 机车车辆):
every pair of that shape found in at least two reports is written here, one a line, and stays
quiet; so is a word followed by its first character (背靠背, 法学法 of 尊法学法守法用法), the shape
of TX004's echo (牛肉牛屠宰), found in two reports or more. (A pair found in one report only is not listed, so measuring TX004 on the corpus is a
leave-one-out measurement.)
"""
from __future__ import annotations

import collections
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tonglaio_parse.stages.normalize import normalize  # noqa: E402
from corpora import corpus_files, folders_from_argv  # noqa: E402
from tonglaio_parse.rules import data_path  # noqa: E402
from tonglaio_parse.stages.segment import segmenter  # noqa: E402

SEAM = regex.compile(r"(\p{Han})(\p{Han})\2(\p{Han})")
ECHO = regex.compile(r"(\p{Han})(\p{Han})\1")  # 背靠背, 法学法 (尊法学法守法): a word and its first character
MIN_DOCS = 2


def main(folders: list[str]) -> None:
    freq = segmenter().frequencies
    docs: collections.Counter = collections.Counter()
    for f in corpus_files(folders):
        text = normalize(open(f, encoding="utf-8").read()).text
        seen = set()
        for m in SEAM.finditer(text, overlapped=True):
            a, b, c = m.groups()
            if a != b and b != c and freq.get(a + b) and freq.get(b + c):
                seen.add(m.group())
        for m in ECHO.finditer(text, overlapped=True):
            if m.group(1) != m.group(2) and freq.get(m.group(1) + m.group(2)):
                seen.add(m.group())
        docs.update(seen)
    keep = sorted(g for g, n in docs.items() if n >= MIN_DOCS)
    data_path("seam_doubles.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} seam pairs")


if __name__ == "__main__":
    main(folders_from_argv())
