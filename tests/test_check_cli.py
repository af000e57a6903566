"""`check`: the linter lines with their severity, the count at the end, --severity, and the
SARIF 2.1.0 log, validated against the official OASIS schema (tests/data/README.md)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED
from test_outputs import run
from tonglaio_parse.checks import rule_table

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>info|warning|error) "
                  r"(?P<code>[A-Z]{2,3}\d{3}) \[(?P<name>[a-z-]+)\] (?P<message>.+)$")


def seed_findings(capsys) -> list[dict]:
    """The seed's findings as check --format json gives them."""
    code, out, _ = run(capsys, "check", SEED, "--format", "json", "--fail-on", "never")
    assert code == 0
    return json.loads(out)


# --- text: a line per finding, severity first, then the count --------------------------------------

def test_each_line_is_path_line_column_severity_code_name_message(capsys):
    expected = seed_findings(capsys)
    code, out, err = run(capsys, "check", SEED, "--fail-on", "never")
    lines = out.splitlines()
    assert code == 0 and err == "" and len(lines) == len(expected) + 1
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), [line for line, m in zip(lines, parsed) if not m]
    for m, w in zip(parsed, expected):
        assert (m["path"], int(m["line"]), int(m["col"]), m["severity"], m["code"], m["name"], m["message"]) == \
               (str(SEED), w["line"], w["column"], w["severity"], w["code"], w["name"], w["message"])
    assert lines[0] == f"{SEED}:5:1: info LA001 [page-marker] page marker (上接第一版)"


def test_the_last_line_adds_them_up_by_severity_worst_first(capsys):
    expected = Counter(w["severity"] for w in seed_findings(capsys))
    _, out, _ = run(capsys, "check", SEED, "--fail-on", "never")
    split = ", ".join(f"{expected[s]} {s}" for s in ("error", "warning", "info") if expected[s])
    assert out.splitlines()[-1] == f"{sum(expected.values())} warnings: {split}"
    assert expected["warning"] and expected["info"]  # the seed has both: the line is not trivial


def test_the_count_is_the_same_as_parse_shows(capsys):
    _, check_out, _ = run(capsys, "check", SEED)
    _, parse_out, _ = run(capsys, "parse", SEED)
    assert parse_out.rstrip().endswith(check_out.splitlines()[-1])


def test_no_findings_still_says_so(capsys, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("2026年政府工作报告\n一、过去一年工作回顾\n过去一年，地区生产总值增长5.1%。\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", clean, "--severity", "error")
    assert (code, out) == (0, "0 warnings\n")


# --- --severity ---------------------------------------------------------------------------------

@pytest.mark.parametrize("least, shown", [("info", {"info", "warning", "error"}), ("warning", {"warning", "error"}),
                                          ("error", {"error"})])
def test_severity_shows_that_severity_and_worse(capsys, least, shown):
    every = seed_findings(capsys)
    code, out, _ = run(capsys, "check", SEED, "--severity", least, "--format", "json", "--fail-on", "never")
    got = json.loads(out)
    assert code == 0 and got == [w for w in every if w["severity"] in shown]
    _, text, _ = run(capsys, "check", SEED, "--severity", least, "--fail-on", "never")
    assert text.splitlines()[-1].startswith(f"{len(got)} warning")


def test_severity_decides_the_exit_code_of_fail_on_too(capsys):
    assert run(capsys, "check", SEED, "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", SEED, "--fail-on", "warning", "--severity", "error")[0] == 0


@pytest.mark.parametrize("args, advice", [
    (["--ignore", "info"], "use --severity warning"),
    (["--select", "warning"], "use --severity warning"),
    (["--select", "TX,error"], "use --severity error"),
    (["--ignore", "ERROR"], "--severity chooses the least severity reported"),
])
def test_a_severity_given_to_select_or_ignore_points_to_severity(capsys, args, advice):
    code, out, err = run(capsys, "check", SEED, *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "is a severity, not a check" in err and advice in err, err


def test_parse_points_to_check_severity(capsys):
    code, _, err = run(capsys, "parse", SEED, "--ignore", "info")
    assert code == 2 and "use check --severity warning" in err


def test_an_unknown_check_is_still_named(capsys):
    code, _, err = run(capsys, "check", SEED, "--ignore", "NO_SUCH")
    assert code == 2 and "NO_SUCH" in err and "severity" not in err


# --- SARIF 2.1.0 --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def sarif(capsys, *args) -> dict:
    code, out, err = run(capsys, "check", *args, "--format", "sarif", "--fail-on", "never")
    assert code == 0, err
    return json.loads(out)


def test_the_sarif_log_validates_against_the_official_schema(capsys, sarif_schema, tmp_path, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    other = tmp_path / "第二份 报告.txt"  # a name to percent-encode
    other.write_text("2026年政府工作报告\n一、过去一年工作回顾\n地区生产总值增长增长5.1%。\n", encoding="utf-8")
    monkeypatch.chdir(SEED.parent.parent)
    log = sarif(capsys, "fixtures/tongliao-2026-p2.txt", other)
    validator = jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == \
           ["fixtures/tongliao-2026-p2.txt", other.as_uri()]  # relative as given; absolute as file:
    assert "%E7%AC%AC%E4%BA%8C%E4%BB%BD%20" in other.as_uri()


def test_the_schema_rejects_a_broken_log(sarif_schema, capsys):
    """The validation is real: a result without its message, a bad level, a column 0 fail."""
    jsonschema = pytest.importorskip("jsonschema")
    log = sarif(capsys, SEED)
    result = log["runs"][0]["results"][0]
    for broken in ({k: v for k, v in result.items() if k != "message"}, {**result, "level": "info"},
                   {**result, "locations": [{"physicalLocation": {"region": {"startColumn": 0}}}]}):
        bad = {**log, "runs": [{**log["runs"][0], "results": [broken]}]}
        assert not jsonschema.Draft4Validator(sarif_schema).is_valid(bad)


def test_sarif_rules_are_the_registry(capsys):
    run_ = sarif(capsys, SEED)["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "tonglaio-parse" and driver["version"]
    table = rule_table()
    assert [r["id"] for r in driver["rules"]] == list(table)
    tx001 = next(r for r in driver["rules"] if r["id"] == "TX001")
    assert tx001["name"] == "repeated-word" and tx001["help"]["text"] == table["TX001"].help
    assert tx001["shortDescription"]["text"].startswith("A character or word is repeated by mistake")
    assert tx001["defaultConfiguration"]["level"] == "warning"
    assert next(r for r in driver["rules"] if r["id"] == "LA001")["defaultConfiguration"]["level"] == "note"


def test_sarif_results_locate_each_finding(capsys, seed_report):
    expected = seed_findings(capsys)
    run_ = sarif(capsys, SEED)["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert len(results) == len(expected)
    text = seed_report.text
    lines = text.split("\n")
    for r, w in zip(results, expected):
        assert r["ruleId"] == w["code"] and r["message"]["text"] == w["message"]
        assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[w["severity"]]
        assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == w["code"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": SEED.as_uri(), "index": 0}
        region = loc["region"]
        start, end = w["span"]
        assert (region["startLine"], region["startColumn"]) == (w["line"], w["column"])
        assert (region["charOffset"], region["charLength"]) == (start, end - start)
        assert region["snippet"]["text"] == w["text"] == text[start:end]
        # the end: the column after the last character, on its line (1-based, in characters)
        assert sum(len(x) + 1 for x in lines[:region["endLine"] - 1]) + region["endColumn"] - 1 == end
        context = loc.get("contextRegion")
        if w["context"]["text"]:
            a, b = w["context"]["span"]
            assert context["snippet"]["text"] == w["context"]["text"] == text[a:b]
            assert (context["charOffset"], context["charLength"]) == (a, b - a)
            assert sum(len(x) + 1 for x in lines[:context["startLine"] - 1]) + context["startColumn"] - 1 == a


def test_a_finding_over_a_line_break_ends_on_its_last_line(capsys):
    results = sarif(capsys, SEED)["runs"][0]["results"]
    cut = [r["locations"][0]["physicalLocation"]["region"] for r in results
           if "\n" in r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]]
    assert cut, "the seed has a cut paragraph (LA002) across lines"
    for region in cut:
        snippet = region["snippet"]["text"]
        assert region["endLine"] == region["startLine"] + snippet.count("\n")
        assert region["endColumn"] == len(snippet.rsplit("\n", 1)[1]) + 1


def test_the_output_suffix_picks_the_format(capsys, tmp_path):
    for name, check in (("f.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
                        ("f.json", lambda t: isinstance(json.loads(t), list))):
        code, out, err = run(capsys, "check", SEED, "-o", tmp_path / name, "--fail-on", "never")
        assert (code, out, err) == (0, "", "") and check((tmp_path / name).read_text(encoding="utf-8")), name
    code, _, _ = run(capsys, "check", SEED, "-o", tmp_path / "f.sarif", "--format", "text", "--fail-on", "never")
    assert (tmp_path / "f.sarif").read_text(encoding="utf-8").startswith(f"{SEED}:5:1: ")  # --format wins


def test_check_writes_its_findings_to_a_workbook(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    expected = seed_findings(capsys)
    code, out, err = run(capsys, "check", SEED, "-o", tmp_path / "f.xlsx", "--fail-on", "never")
    assert (code, out) == (0, ""), err
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx")["warnings"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert len(rows) - 1 == len(expected)
    first = dict(zip(header, rows[1]))
    assert (first["code"], first["severity"], first["line"], first["column"], first["span_start"]) == \
           (expected[0]["code"], expected[0]["severity"], 5, 1, expected[0]["span"][0])
