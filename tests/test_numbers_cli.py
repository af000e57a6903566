"""`tonglaio-parse numbers`: every numeral of the input is accounted for, with what it became."""
from __future__ import annotations

import json

import pytest
import regex

from conftest import SEED
from tonglaio_parse import cli

NUMERAL = regex.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿萬億兩]")


def audit(capsys, path, *extra):
    code = cli.run(["numbers", str(path), "--format", "json", *extra])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def uncovered(text: str, rows: list[dict]) -> list[tuple[int, str]]:
    covered = bytearray(len(text))
    for r in rows:
        s, e = r["span"]
        covered[s:e] = b"\x01" * (e - s)
    return [(m.start(), m.group()) for m in NUMERAL.finditer(text) if not covered[m.start()]]


def test_seed_every_numeral_is_accounted_for(capsys, seed_report):
    rows = audit(capsys, SEED)
    text = seed_report.text
    assert uncovered(text, rows) == []
    for r in rows:
        assert text[r["span"][0]:r["span"][1]] == r["text"]


def test_seed_quantities_point_at_indicators(capsys, seed_report):
    rows = audit(capsys, SEED, "--kind", "quantity")
    ids = {i.id for i in seed_report.indicators}
    taken = {i for r in rows for i in r["indicators"]}
    assert taken == ids  # every indicator comes from an audited span, and vice versa
    assert all(r["kind"] == "quantity" for r in rows)


@pytest.mark.parametrize("text, kind", [
    ("按照市委六届九次全会部署,推进工作。", "meeting"),
    ("2026年是“十五五”开局之年。", "year"),
    ("推进霍林河1号、4号井田开发。", "name"),
])
def test_non_quantities_are_named(capsys, tmp_path, text, kind):
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    kinds = {r["kind"] for r in audit(capsys, path)}
    assert kind in kinds and "quantity" not in kinds


def test_corpus_every_numeral_is_accounted_for(capsys, corpus):
    for path in sorted(corpus.glob("*.txt"))[::10]:
        rows = audit(capsys, path)
        text = path.read_text(encoding="utf-8")
        assert uncovered(text, rows) == [], path.name
