"""Loads the package's data tables once and compiles their patterns.

Every rule the stages apply comes from tonglaio_parse/data/; this module is the only one
that reads those files, so a bad table fails here with the file and key named.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from . import rx
from .errors import RuleError
from .cache import cache_path, read_own, write_atomically


def data_path(name: str):
    return resources.files("tonglaio_parse") / "data" / name


@cache
def table(name: str) -> dict[str, Any]:
    """A TOML table from the package's data folder, parsed once per machine: the parsed form is
    kept as JSON under the hash of the file (tomllib costs ~2 ms per kilobyte; json a tenth)."""
    try:
        raw = data_path(name).read_bytes()
    except OSError as exc:
        raise RuleError(f"data/{name}: {exc}") from None
    path = cache_path(f"toml-{hashlib.sha256(raw).hexdigest()[:32]}.json")
    kept = read_own(path)
    if kept:
        try:
            parsed = json.loads(kept)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            return parsed
    try:
        parsed = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"data/{name}: {exc}") from None
    try:
        write_atomically(path, json.dumps(parsed, ensure_ascii=False).encode("utf-8"))
    except TypeError:  # a value JSON cannot hold (a TOML date): parse each time
        pass
    return parsed


def compile_rule(source: str, where: str) -> regex.Pattern:
    try:
        return rx.compile(source)
    except regex.error as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from None


def alternation(words, escape: bool = True) -> str:
    """A regex alternation of words, longest first so 万亿 wins over 万."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) if escape else w for w in items)


@dataclass(frozen=True)
class LayoutPatterns:
    removals: list[tuple[str, regex.Pattern]]
    cut_paragraph: regex.Pattern
    heading_start: regex.Pattern
    headings: dict[str, regex.Pattern]
    title_end: regex.Pattern
    max_title_chars: int


@cache
def patterns() -> LayoutPatterns:
    t = table("layout.toml")
    removals = [(kind, compile_rule(src, f"data/layout.toml [removals] {kind}"))
                for kind, sources in t["removals"].items() for src in sources]
    heads = {k: compile_rule(v, f"data/layout.toml [headings] {k}")
             for k, v in t["headings"].items() if k not in ("title_end", "max_title_chars")}
    heading_start = rx.compile("|".join(f"(?:{p.pattern.lstrip('^')})" for p in heads.values()))
    return LayoutPatterns(
        removals=removals,
        cut_paragraph=compile_rule(t["paragraphs"]["cut"], "data/layout.toml [paragraphs] cut"),
        heading_start=heading_start,
        headings=heads,
        title_end=compile_rule(t["headings"]["title_end"], "data/layout.toml [headings] title_end"),
        max_title_chars=int(t["headings"]["max_title_chars"]),
    )
