"""Document-level facts: title, region, year, and which part reviews and which plans."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Optional

import regex

from .. import rx
from . import periods
from .indicators import classify_part
from ..errors import InputError
from ..model import Section
from .sections import SectionIndex
from .normalize import Normalized
from ..rules import data_path, table


@cache
def _rules():
    t = table("document.toml")
    return t, [rx.compile(p, regex.M) for p in t["region_patterns"]]


@cache
def _places() -> dict[str, str]:
    """Stem -> official name: 通辽 -> 通辽市, from the gazetteer."""
    t, _ = _rules()
    suffix = rx.compile("(?:" + "|".join(t["place_suffixes"]) + ")$")
    out: dict[str, str] = {}
    for line in data_path("places.txt").read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            stem = suffix.sub("", name)
            if len(stem) >= 2:
                out.setdefault(stem, name)
    return out


def year_of(text: str, path: Optional[str]) -> Optional[int]:
    return periods.document_year(text, path)


def title_of(text: str) -> Optional[str]:
    t, _ = _rules()
    for line in text.splitlines()[:10]:
        s = line.strip()
        if s:
            if len(s) <= t["title_max_chars"] and not regex.search(r"[。,;:!?]$|^各位代表", s):
                return s
            return None
    return None


_REGION_SAMPLE = 30_000  # characters: a report names its place early; counting all of a 50 MB file is waste


def region_of(text: str, path: Optional[str] = None) -> Optional[str]:
    """An explicit issuing government (我代表通辽市人民政府) first, then the national cues
    (我代表国务院), then the place the text names most often."""
    t, explicit = _rules()
    head = text[:3000]
    for pattern in explicit:
        m = pattern.search(head)
        if m:
            return m.group("region")
    if any(cue in head for cue in t["national_cues"]):
        return t["national_region"]
    sample = text[:_REGION_SAMPLE]
    best, best_n = None, 0
    for stem, name in _places().items():
        n = sample.count(stem)
        if n > best_n:
            best, best_n = name, n
    if sample.count(t["national_word"]) > max(best_n, t["place_min_mentions"]):
        return t["national_region"]  # a report about 我国 more than about any one place
    return best if best_n >= t["place_min_mentions"] else None


def part_kinds(norm: Normalized, sections: list[Section]):
    """'review' or 'plan' for the top-level part holding a normalised offset."""
    index = SectionIndex(sections)
    kinds = {}
    for s in sections:
        if s.level == 1:
            children = " ".join(c.title for c in index.children(s))
            head = norm.original[s.span[0]:s.span[0] + 300]
            kinds[s.id] = classify_part(s.title, children + head)

    def part_kind(i: int) -> Optional[str]:
        held = index.holding(norm.orig(i))
        return kinds.get(held[0].id) if held else None
    return part_kind


def headings(norm: Normalized, sections: list[Section]):
    """The titles of the sections holding a normalised offset, outermost first, one a line
    (the last time word wins, so a subsection's own 2025年 beats its part's “十四五”)."""
    index = SectionIndex(sections)

    def heading_of(i: int) -> str:
        return "\n".join(s.title for s in index.holding(norm.orig(i)))
    return heading_of


def extra_canonical(path: Optional[str]) -> tuple:
    """User wordings from a TOML file of [[canonical]] entries, as a hashable tuple."""
    if not path:
        return ()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read indicators file ({exc})") from None
    out = []
    for i, entry in enumerate(data.get("canonical", [])):
        words = entry.get("wordings")
        ids = {k: v for k, v in entry.items() if k in ("growth", "level", "decrease", "ratio")}
        if not isinstance(words, list) or not ids or not all(isinstance(v, str) for v in ids.values()):
            raise InputError(f"{path}: [[canonical]] #{i + 1} needs 'wordings' (a list) and one of "
                             "growth/level/decrease/ratio (an id)")
        out += [(w, tuple(sorted(ids.items()))) for w in words]
    return tuple(out)
