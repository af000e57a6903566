"""The reports the miners of tests/update_*.py learn from: the national reports and the
provincial reports of 2026 (../shared/corpus), or the folders named on the command line."""
from __future__ import annotations

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "corpus")
DEFAULT = (os.path.join(SHARED, "national"), os.path.join(SHARED, "provinces-2026"))


def corpus_files(folders: list[str] | None = None) -> list[str]:
    """Every report (*.txt) of the folders, national and provincial by default."""
    return sorted(f for d in (folders or DEFAULT) for f in glob.glob(os.path.join(d, "*.txt")))


def data_file(name: str) -> str:
    return os.path.join(HERE, "..", "tonglaio_parse", "data", name)


def folders_from_argv() -> list[str]:
    return sys.argv[1:] or list(DEFAULT)
