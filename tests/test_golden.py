"""Golden files: the whole JSON of each fixture, updated only through `make golden` and reviewed."""
from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from update_golden import golden

CASES = sorted(p for p in FIXTURES.glob("*.txt") if (FIXTURES / "expected" / (p.stem + ".json")).exists())


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_output_matches_golden(path):
    expected = json.loads((FIXTURES / "expected" / (path.stem + ".json")).read_text(encoding="utf-8"))
    actual = golden(path)
    for key in ("document", "sections", "warnings", "indicators"):
        assert actual[key] == expected[key], f"{key} changed: run `make golden` and review the diff"
