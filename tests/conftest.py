"""Shared fixtures: paths, the parsed seed (parsed once per session), the national corpus."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "tongliao-2026-p2.txt"


def corpus_dir() -> Path:
    return Path(os.environ.get("TONGLAIO_CORPUS", ROOT.parent / "shared" / "corpus" / "national"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if not path.is_dir() or not any(path.glob("*.txt")):
        pytest.skip(f"national corpus not found at {path} (set TONGLAIO_CORPUS to its folder)")
    return path


@pytest.fixture(scope="session")
def seed_report():
    from tonglaio_parse import parse_file
    return parse_file(str(SEED))


@pytest.fixture(scope="session")
def seed_dict(seed_report):
    return seed_report.to_dict()
