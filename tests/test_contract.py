"""Every fixture's output keeps the shared contract: schema, spans, line:column."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from contract import problems, schema
from conftest import FIXTURES, ROOT
from tonglaio_parse import parse_file

FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_keeps_contract(path: Path):
    report = parse_file(str(path))
    assert problems(report.to_dict(), report.text) == []


def test_packaged_schema_is_the_shared_one():
    shared = ROOT.parent / "shared" / "spec" / "report.schema.json"
    if not shared.exists():
        pytest.skip("../shared/spec not present (a user's clone)")
    assert schema() == json.loads(shared.read_text(encoding="utf-8"))


def test_contract_checker_catches_a_bad_span(seed_dict, seed_report):
    bad = json.loads(json.dumps(seed_dict))
    bad["indicators"][0]["span"][0] += 1
    assert problems(bad, seed_report.text)


def test_sections_sorted_and_within_text(seed_dict, seed_report):
    n = len(seed_report.text)
    for s in seed_dict["sections"]:
        assert 0 <= s["span"][0] < s["span"][1] <= n


def test_indicators_and_warnings_sorted(seed_dict):
    starts = [i["span"][0] for i in seed_dict["indicators"]]
    assert starts == sorted(starts)
    wstarts = [w["span"][0] for w in seed_dict["warnings"]]
    assert wstarts == sorted(wstarts)
