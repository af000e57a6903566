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


# Optional properties the package adds to the shared contract (a backward-compatible extension:
# every report valid before stays valid, and the shared schema accepts ours).
EXTENSIONS = [("properties", "document", "properties", "year_source"),
              ("properties", "document", "properties", "level"), ("properties", "qualitative_targets"),
              ("properties", "document", "properties", "region_simplified"),
              ("$defs", "indicator", "properties", "context"), ("$defs", "indicator", "properties", "subject_simplified"),
              ("$defs", "indicator", "properties", "page"), ("$defs", "warning", "properties", "context"),
              ("$defs", "warning", "properties", "page"), ("$defs", "context"),
              ("properties", "source", "properties", "format"), ("properties", "source", "properties", "extractor"),
              ("properties", "source", "properties", "charset"), ("properties", "source", "properties", "pages")]


def _shared_schema() -> dict:
    shared = ROOT.parent / "shared" / "spec" / "report.schema.json"
    if not shared.exists():
        pytest.skip("../shared/spec not present (a user's clone)")
    return json.loads(shared.read_text(encoding="utf-8"))


def test_packaged_schema_is_the_shared_one_plus_optional_properties():
    ours = json.loads(json.dumps(schema()))
    for *path, key in EXTENSIONS:
        node = ours
        for k in path:
            node = node[k]
        assert key not in node.get("required", [])
        del node[key]
    assert ours == _shared_schema()


def test_output_keeps_the_shared_schema_too(seed_dict):
    import jsonschema
    jsonschema.validate(seed_dict, _shared_schema())


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


def _schema_enum(*path: str) -> set:
    node = schema()
    for key in path:
        node = node[key]
    return {v for v in node["enum"] if v is not None}


@pytest.mark.parametrize("enum, path", [
    ("Status", ("$defs", "indicator", "properties", "status")),
    ("Direction", ("$defs", "indicator", "properties", "direction")),
    ("Qualifier", ("$defs", "indicator", "properties", "qualifier")),
    ("Dimension", ("$defs", "indicator", "properties", "dimension")),
    ("Severity", ("$defs", "warning", "properties", "severity")),
    ("Script", ("properties", "document", "properties", "script")),
])
def test_model_enums_are_the_schema_closed_sets(enum, path):
    from tonglaio_parse import model

    assert {m.value for m in getattr(model, enum)} == _schema_enum(*path)


def test_records_hold_enum_members_and_refuse_values_outside_the_set():
    from tonglaio_parse.model import Measure, Qualifier, Severity, Warning

    m = Measure(5, None, "%", "percent", 5, "percent", "approx")
    assert m.qualifier is Qualifier.APPROX and m.qualifier == "approx"
    assert Warning("TX001", "repeated-word", "error", "m", 1, 1, (0, 1), "x").severity is Severity.ERROR
    with pytest.raises(ValueError):
        Measure(5, None, "%", "percent", 5, "percent", "about")
    assert Severity.INFO.rank < Severity.WARNING.rank < Severity.ERROR.rank
    assert Qualifier.NEARLY.sign == "≲" and Qualifier.AT_LEAST.sign == "≥"
    assert set(map(Qualifier, Qualifier)) == {q for q in Qualifier if q.sign}
