"""Speed changes change no output.

1. The quantity finder looks for the scanner only where `numerals.match_starts()` (the standard
   engine, fast at skipping text) says a match can start: `numerals.scan` must find exactly what
   the scanner's own search finds, on the fixtures, the corpus and text built to trip it.
2. The indicators, sections, document and qualitative targets of every fixture match the digests
   in tests/data/speed_identity.json, written from the code before the speed work. A change that
   means to change the output rewrites them: `python tests/test_speed_identity.py --update`.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from tonglaio_parse.stages import numerals

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / "tests" / "data" / "speed_identity.json"
FIXTURE_FILES = sorted((ROOT / "fixtures").glob("*.txt")) + sorted((ROOT / "fixtures" / "local").glob("*.txt"))

TRICKY = [
    "约\x1c5万元, 超\u30003%, 近\u00a0 7成, 逾\n10个, 约 一百万, 约\t\t5, 超过5%",
    "第一、二是\n 一、总体要求\n(三)主要目标 1.增长 2、3.5%",
    "“十四五”《2025年规划》「三」‘五’ 翻两番 翻了一番 1/3 三分之一 百分之五至百分之十",
    "不低于6%, 不到5成, 大约3万, 将近一半, 接近5%, 进一步, 统一, 千家万户, 每万人",
    "", "约", "5", "超", "不", "七", "\n\n\n", "年年年",
]


def _searched(text: str) -> list[tuple[int, int, tuple]]:
    """The scanner's own search, match after match (what `scan` did before)."""
    out, pos, scanner = [], 0, numerals.scanner(True)
    while (m := scanner.search(text, pos)) is not None:
        out.append((m.start(), m.end(), m.groups()))
        pos = m.end()
    return out


def _scanned(text: str) -> list[tuple[int, int, tuple]]:
    out, pos = [], 0
    while (s := numerals.scan(text, pos)) is not None:
        out.append((s.head.start(), s.head.end(), s.head.groups()))
        pos = s.head.end()
    return out


@pytest.mark.parametrize("text", TRICKY)
def test_scan_finds_what_the_scanner_search_finds_in_tricky_text(text):
    assert _scanned(text) == _searched(text)


def test_scan_finds_what_the_scanner_search_finds_in_the_fixtures():
    from tonglaio_parse.stages.load import decode, read_path
    from tonglaio_parse.stages.normalize import normalize
    for path in FIXTURE_FILES:
        text = normalize(decode(read_path(str(path)), str(path), None).text).text
        assert _scanned(text) == _searched(text), path.name


def test_scan_finds_what_the_scanner_search_finds_in_the_corpus(corpus):
    from tonglaio_parse.stages.load import decode, read_path
    from tonglaio_parse.stages.normalize import normalize
    for path in sorted(corpus.glob("*.txt"))[::5]:
        text = normalize(decode(read_path(str(path)), str(path), None).text).text
        assert _scanned(text) == _searched(text), path.name


def _digest(path: Path) -> str:
    from tonglaio_parse import parse_file
    data = parse_file(str(path)).to_dict()
    kept = {k: data[k] for k in ("document", "sections", "indicators", "qualitative_targets") if k in data}
    return hashlib.sha256(json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_fixtures_parse_as_before_the_speed_work():
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    changed = [_relative(p) for p in FIXTURE_FILES if expected.get(_relative(p)) != _digest(p)]
    assert not changed, f"output changed for {changed}; if meant: python tests/test_speed_identity.py --update"


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    DIGESTS.write_text(json.dumps({_relative(p): _digest(p) for p in FIXTURE_FILES}, indent=1, sort_keys=True) + "\n",
                       encoding="utf-8")
    print(f"wrote {DIGESTS}")


def _script_by_full_passes(text: str) -> str:
    """The script as counted before the s2t pass could stop early: both passes over every chunk."""
    from operator import ne

    from tonglaio_parse.stages import normalize as nm
    chunks = list(nm._chunks(text))
    counts = [sum(sum(map(ne, nm.same_length(nm.converter(name), c), c)) for c in chunks)
              for name in ("t2s", "s2t")]
    return nm._script(counts[0], counts[1] if counts[0] else 0)


SCRIPTS = [
    "剛剛過去的2025年,地區生產總值增長4.9%。" * 50,
    "地区生产总值增长4.9%。" * 200 + "過去一年" * 3,
    "地区生产总值增长4.9%。" * 20 + "剛剛過去的2025年,地區生產總值增長4.9%。" * 20,
    "過" + "地区生产总值增长。" * 3000,
    "地区生产总值增长。" * 3000 + "過去的一年,經濟運行穩中有進" * 200,
    "显著提高" * 2000,
]


@pytest.mark.parametrize("text", SCRIPTS, ids=range(len(SCRIPTS)))
def test_the_script_is_what_both_full_passes_say(text):
    from tonglaio_parse.stages.normalize import _fold, _to_simplified
    folded = _fold(text)
    assert _to_simplified(folded)[1] == _script_by_full_passes(folded)


def test_every_document_year_rule_compiles():
    """find_year compiles a rule's pattern when a text first reaches it: a malformed one must
    still be found here (it raises RuleError naming file and entry)."""
    from tonglaio_parse.rules import compile_rule
    from tonglaio_parse.stages import periods
    rules = periods._rules()[0]
    assert rules and all(compile_rule(r.source_pattern, r.where) for r in rules)
