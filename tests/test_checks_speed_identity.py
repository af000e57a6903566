"""The fast paths of the checks find what the plain scans they replace find."""
from __future__ import annotations

import glob
import re

from tonglaio_parse.checks import stranded, text as text_checks, wording
from tonglaio_parse.checks.context import Context
from tonglaio_parse.checks.repeats import HAN, find_repeats
from tonglaio_parse.stages.normalize import normalize

SAMPLES = ["新建建设代办办制度", "研发投入经费投入增收增收", "社会主义现代化建设社会主义市场经济体制",
           "全国人大代表大会和全国人民代表大会", "常常家家户户江屿市市长", "牛肉牛屠宰新增育规模化育肥场", ""]


def _texts() -> list[str]:
    files = sorted(glob.glob("fixtures/*.txt"))[:6]
    return SAMPLES + [open(f, encoding="utf-8", errors="replace").read() for f in files]


def test_candidates_from_repeats_are_every_offset_the_candidate_pattern_matches():
    for text in _texts():
        for line in text.split("\n"):
            starts = [m.start() for m in text_checks._candidate().finditer(line)]
            found = text_checks._candidates(line, find_repeats(line, 0, len(line)))
            plain = text_checks._candidates(line, starts)
            assert found == plain


def test_anchor_scan_finds_every_anchor_whose_term_is_not_in_place():
    anchors = wording._anchors()
    for text in _texts():
        scanned = {m.start() for m in wording._anchor_rx().finditer(text)}
        plain = set()
        for anchor, entries in anchors.items():
            pos = text.find(anchor)
            while pos >= 0:
                if any(not text.startswith(t, pos if at_start else pos + wording._ANCHOR - len(t))
                       and any(_ends_kept(text, pos if at_start else pos + wording._ANCHOR - n, n, t)
                               for n in wording._lengths(t))
                       for t, at_start in entries):
                    plain.add(pos)
                pos = text.find(anchor, pos + 1)
        assert plain <= scanned  # the scan may keep more (a term cut by the text's start), never fewer


def _ends_kept(text: str, s: int, n: int, term: str) -> bool:
    """text[s:s + n] starts and ends as the term does (what fixed_term_slip tests of a variant)."""
    return 0 <= s and s + n <= len(text) and text[s] == term[0] and text[s + n - 1] == term[-1]


def test_doubles_from_repeats_are_the_pairs_a_scan_finds():
    han, named = re.compile(HAN), re.compile(f"[{stranded._NOT_REPEATS_HAN}]")
    stranded_han = [chr(c) for c in range(0x3400, 0xA000)]  # stranded._H
    assert [c for c in stranded_han if not han.fullmatch(c)] == [c for c in stranded_han if named.fullmatch(c)]
    for text in _texts() + ["新建建设甲甲乙乙乙丙丙丙丙", "䷀䷀卦象象", "我我我们们"]:
        ctx = Context(normalize(text), [])
        span = ctx.body_span()
        if span is None:
            continue
        scanned = [m.start() for m in stranded._double().finditer(ctx.norm.text, *span)]
        assert list(stranded._doubles(ctx, *span)) == scanned
