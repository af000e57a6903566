"""The shared contract check (../shared/tools/check_contract.py), against the packaged schema."""
from __future__ import annotations

import json

from tonglaio_parse.rules import data_path


def schema() -> dict:
    return json.loads(data_path("report.schema.json").read_text(encoding="utf-8"))


def problems(report: dict, text: str) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    found = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
             for e in validator.iter_errors(report)]
    if found:
        return found
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for kind in ("indicators", "warnings"):
        for item in report[kind]:
            s, e = item["span"]
            where = f"{kind} {item.get('id') or item.get('code')} at {s}"
            if not 0 <= s <= e <= len(text):
                found.append(f"{where}: span outside the text")
                continue
            if text[s:e] != item["text"]:
                found.append(f"{where}: text {item['text']!r} != {text[s:e]!r}")
            line = max(n for n in range(1, len(starts) + 1) if starts[n - 1] <= s)
            if (item["line"], item["column"]) != (line, s - starts[line - 1] + 1):
                found.append(f"{where}: line:column {item['line']}:{item['column']} wrong")
    return found
