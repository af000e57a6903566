"""Stage 7 — writers. No computation here: each takes reports and writes one format."""
from __future__ import annotations

from typing import Callable, TextIO

FORMATS = ("table", "json", "jsonl", "csv", "html")


def writer(fmt: str) -> Callable[[list, TextIO], None]:
    if fmt == "table":
        from .table import write
    elif fmt == "json":
        from .json import write
    elif fmt == "jsonl":
        from .json import write_lines as write
    elif fmt == "csv":
        from .csv import write
    elif fmt == "html":
        from .html import write
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return write
