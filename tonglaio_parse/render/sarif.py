"""`check --format sarif`: the findings as a SARIF 2.1.0 log (OASIS), for editors and CI (GitHub
code scanning, the VS Code SARIF viewer).

One run; the tool's rules are every check of the registry (`tonglaio-parse rules`): id (the code),
name, shortDescription (the help's first sentence), fullDescription and help, and the default
level. A result has its rule, level (error, warning; info is `note`), message and one location:
the file, and the region of the finding — start and end line and column (1-based, counted in
characters: `columnKind` is unicodeCodePoints), charOffset and charLength (the span in the
decoded text), the snippet — with the sentence it stands in as the contextRegion.
tests/test_check_cli.py validates the log against the official schema."""
from __future__ import annotations

import bisect
import hashlib
import json
from pathlib import Path
from typing import Any, Optional, TextIO
from urllib.parse import quote

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def write(reports: list, out: TextIO) -> None:
    json.dump(log(reports), out, ensure_ascii=False, indent=1)
    out.write("\n")


def log(reports: list) -> dict[str, Any]:
    """The SARIF log of the reports' warnings, as a dict."""
    from .. import __version__
    from ..checks import rule_table

    rules = list(rule_table().values())
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts, results = [], []
    for report in reports:
        where = {"uri": uri(report.source.path), "index": len(artifacts)}
        artifacts.append({"location": {"uri": where["uri"]}, "hashes": {"sha-256": report.source.sha256}})
        lines = _Lines(report.text) if report.text else None
        results += [result(w, where, index, lines) for w in report.warnings]
    driver = {"name": "tonglaio-parse", "version": __version__, "semanticVersion": __version__,
              "rules": [rule(r) for r in rules]}
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                      "artifacts": artifacts, "results": results}]}


def rule(r) -> dict[str, Any]:
    first = r.help.split(". ")[0].rstrip(".") + "."
    return {"id": r.code, "name": r.name, "shortDescription": {"text": first},
            "fullDescription": {"text": r.help}, "help": {"text": r.help},
            "defaultConfiguration": {"level": LEVEL[r.severity]}}


def result(w, where: dict, index: dict[str, int], lines: Optional["_Lines"]) -> dict[str, Any]:
    start, end = w.span
    region = {"startLine": w.line, "startColumn": w.column,
              **_end(w.line, w.column, w.text, end, lines),
              "charOffset": start, "charLength": end - start, "snippet": {"text": w.text}}
    location: dict[str, Any] = {"artifactLocation": dict(where), "region": region}
    context = _context(w, lines)
    if context:
        location["contextRegion"] = context
    found = {"ruleId": w.code, "level": LEVEL[str(w.severity)], "message": {"text": w.message},
             "locations": [{"physicalLocation": location}],
             "partialFingerprints": {"findingHash/v1": _fingerprint(w)}}
    if w.code in index:
        found["ruleIndex"] = index[w.code]
    return found


def uri(path: Optional[str]) -> str:
    """A file's URI reference: relative paths stay relative (to where check ran), percent-encoded."""
    if not path or path == "-":
        return "-"
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix(), safe="/")


class _Lines:
    """Line and column of any offset of a report's original text ("\\n" ends a line)."""

    def __init__(self, text: str) -> None:
        from ..stages.normalize import line_starts

        self.starts = line_starts(text)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _end(line: int, column: int, text: str, end: int, lines: Optional[_Lines]) -> dict[str, int]:
    """endLine and endColumn (the column after the last character), from the text or by walking
    the finding's own text from its start."""
    if lines is not None:
        end_line, end_column = lines.at(end)
    elif "\n" in text:
        end_line, end_column = line + text.count("\n"), len(text) - text.rindex("\n")
    else:
        end_line, end_column = line, column + len(text)
    return {"endLine": end_line, "endColumn": end_column}


def _context(w, lines: Optional[_Lines]) -> Optional[dict[str, Any]]:
    """The sentence of the finding, when it has one that holds the finding."""
    a, b = getattr(w, "context_span", (0, 0))
    text = getattr(w, "context", "")
    if not text or not (a <= w.span[0] and w.span[1] <= b):
        return None
    region: dict[str, Any] = {}
    if lines is not None:
        start_line, start_column = lines.at(a)
        region = {"startLine": start_line, "startColumn": start_column, **_end(0, 0, "", b, lines)}
    return {**region, "charOffset": a, "charLength": b - a, "snippet": {"text": text}}


def _fingerprint(w) -> str:
    """The same finding keeps its fingerprint when lines move (CI tells new findings from old)."""
    key = "\0".join((w.code, w.text, getattr(w, "context", "") or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
