"""Nothing changes with the encoding: the seed saved as UTF-8, UTF-8 with BOM, GB18030,
UTF-16 (both byte orders, with BOM) and with CRLF line ends gives the same indicators,
warnings and sections -- values, units, subjects, lines and columns. Only an
encoding-guessed info (IN001) may be added. A Traditional copy gives the same values and
canonical ids; Big5 is read as Big5. The variants are generated here, not committed.

Line ends: lines and columns count "\\n" only (as ../shared/tools/check_contract.py does),
so a CRLF copy has the lines and columns of the LF one; a lone "\\r" is not a line break
for line:column (the whole CR-only file is line 1) but reads as one for matching, so a
CR-only copy still gives the same indicators, warnings and sections.
"""
from __future__ import annotations

import codecs
import json
import re
from functools import cache

import pytest

from conftest import SEED
from contract import problems
from tonglaio_parse import cli
from tonglaio_parse.pipeline import parse_bytes, parse_text

SEED_TEXT = SEED.read_bytes().decode("utf-8")


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


VARIANTS = {
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-16-le-bom-crlf": lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
}
GUESSED = {"gb18030", "gb18030-crlf"}


def indicator_keys(report) -> list[tuple]:
    return [(i.id, i.subject, i.canonical, i.value, i.value_high, i.unit, i.dimension, i.normalized_value,
             i.normalized_unit, i.qualifier, i.direction, i.status, i.period, i.section, i.line, i.column,
             _lf(i.text)) for i in report.indicators]


def warning_keys(report, skip=("IN001",)) -> list[tuple]:
    return [(w.code, w.severity, _lf(w.message), w.line, w.column, _lf(w.text))
            for w in report.warnings if w.code not in skip]


def section_keys(report) -> list[tuple]:
    return [(s.id, s.label, s.title, s.level, s.line, s.inferred) for s in report.sections]


@cache
def _baseline(text: str):
    return parse_bytes(text.encode("utf-8"), "report.txt")


def _check_variant(text: str, make) -> None:
    data = make(text)
    base = _baseline(text)
    report = parse_bytes(data, "report.txt")
    assert indicator_keys(report) == indicator_keys(base)
    assert warning_keys(report) == warning_keys(base)
    assert section_keys(report) == section_keys(base)
    assert (report.document.title, report.document.region, report.document.year) == \
        (base.document.title, base.document.region, base.document.year)
    assert report.source.lines == base.source.lines
    # the contract, as the checker sees it: the file decoded with the encoding we report
    assert problems(report.to_dict(), data.decode(report.source.encoding)) == []
    extra = {w.code for w in report.warnings} - {w.code for w in base.warnings}
    assert extra <= {"IN001"}
    assert report.source.sha256 != base.source.sha256 or data == text.encode("utf-8")


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_seed_variant_gives_the_same_report(variant):
    _check_variant(SEED_TEXT, VARIANTS[variant])


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_encoding_guessed_only_without_bom_or_utf8(variant):
    report = parse_bytes(VARIANTS[variant](SEED_TEXT), "report.txt")
    codes = {w.code for w in report.warnings}
    assert ("IN001" in codes) == (variant in GUESSED)


def test_lone_cr_line_ends():
    data = SEED_TEXT.replace("\n", "\r").encode("utf-8")
    base, report = _baseline(SEED_TEXT), parse_bytes(data, "report.txt")
    strip = lambda keys, drop: [tuple(v for n, v in enumerate(k) if n not in drop) for k in keys]  # noqa: E731
    # same figures, findings and sections; only line:column differ (all on line 1)
    assert strip(indicator_keys(report), {14, 15}) == strip(indicator_keys(base), {14, 15})
    lines_named = lambda m: re.sub(r"line \d+", "line N", m)  # noqa: E731 - messages may name another line
    assert sorted((c, s, lines_named(m), t) for c, s, m, t in strip(warning_keys(report), {3, 4})) == sorted(
        [(c, s, lines_named(m), t.replace("\n", "\r")) for c, s, m, t in strip(warning_keys(base), {3, 4})])
    assert strip(section_keys(report), {4}) == strip(section_keys(base), {4})
    assert {i.line for i in report.indicators} == {1}
    assert problems(report.to_dict(), data.decode(report.source.encoding)) == []


def test_mixed_line_ends_keep_the_contract():
    lines = SEED_TEXT.split("\n")
    ends = ["\n", "\r\n", "\r", "\u2028", "\x0c", "\x85"]
    text = "".join(line + ends[n % len(ends)] for n, line in enumerate(lines))
    data = text.encode("utf-8")
    report = parse_bytes(data, "mixed.txt")
    assert problems(report.to_dict(), data.decode(report.source.encoding)) == []
    assert [i.value for i in report.indicators] == [i.value for i in _baseline(SEED_TEXT).indicators]


def _traditional(text: str) -> str:
    import opencc

    converted = opencc.OpenCC("s2t").convert(text)
    assert len(converted) == len(text)
    return converted


def test_traditional_copy_gives_same_values_and_canonical_ids():
    trad = _traditional(SEED_TEXT)
    assert trad != SEED_TEXT
    base, report = _baseline(SEED_TEXT), parse_text(trad)
    assert report.document.script == "traditional"
    assert [(i.value, i.value_high, i.unit, i.canonical, i.status, i.line, i.column) for i in report.indicators] == \
        [(i.value, i.value_high, i.unit, i.canonical, i.status, i.line, i.column) for i in base.indicators]
    assert all(report.text[i.span[0]:i.span[1]] == i.text for i in report.indicators)


def _big5_copy(text: str) -> str:
    """The Traditional copy, keeping a character Big5 lacks (羣) in its Simplified form."""
    out = []
    for trad, simp in zip(_traditional(text), text):
        for c in (trad, simp, "?"):
            try:
                c.encode("big5")
            except UnicodeEncodeError:
                continue
            out.append(c)
            break
    return "".join(out)


def test_big5_is_read_as_big5():
    text = _big5_copy(SEED_TEXT)
    data = text.encode("big5")
    report = parse_bytes(data, "big5.txt")
    assert report.source.encoding == "big5" and report.text == text
    base = _baseline(SEED_TEXT)
    assert [(i.value, i.unit, i.canonical, i.line, i.column) for i in report.indicators] == \
        [(i.value, i.unit, i.canonical, i.line, i.column) for i in base.indicators]
    assert problems(report.to_dict(), data.decode(report.source.encoding)) == []
    assert "IN001" in {w.code for w in report.warnings}


def test_cli_json_is_the_same_for_every_variant(capsys, tmp_path):
    """Through the CLI, each variant's JSON differs only in source and in IN001."""
    def strip(doc):
        doc = json.loads(json.dumps(doc).replace("\\r\\n", "\\n"))
        doc.pop("source")
        doc["warnings"] = [{k: v for k, v in w.items() if k != "span"} for w in doc["warnings"]
                           if w["code"] != "IN001"]
        for item in doc["indicators"] + doc["sections"] + doc["qualitative_targets"]:
            item.pop("span")
        for item in doc["indicators"] + doc["warnings"]:
            item["context"].pop("span")
        return doc

    docs = {}
    for name, make in [("utf-8", lambda t: t.encode("utf-8"))] + sorted(VARIANTS.items()):
        path = tmp_path / f"报告 {name}.txt"
        path.write_bytes(make(SEED_TEXT))
        code = cli.run(["parse", str(path), "--format", "json"])
        out = capsys.readouterr()
        assert code == 0 and out.err == ""
        docs[name] = strip(json.loads(out.out))
    for name, doc in docs.items():
        assert doc == docs["utf-8"], name


def test_corpus_report_variants(corpus):
    """A real report (the smallest of the national corpus) through the same variants."""
    path = min(corpus.glob("*.txt"), key=lambda p: p.stat().st_size)
    text = path.read_bytes().decode("utf-8")
    for name in ("gb18030", "utf-16-be-bom", "utf-8-crlf"):
        _check_variant(text, VARIANTS[name])
