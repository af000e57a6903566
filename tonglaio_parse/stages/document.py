"""Document-level facts: title, region, year (`describe`), and which part reviews and which plans
(`Outline`)."""
from __future__ import annotations

from functools import cache
from typing import Optional

import regex

from .. import rx
from . import periods
from .indicators import classify_part
from ..model import Document, Section
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


def describe(norm: Normalized, path: Optional[str], year: Optional[int] = None,
             region: Optional[str] = None) -> Document:
    """Title, region, year and script of the report; `year`/`region` given by the user win."""
    return Document(title_of(norm.text), region or region_of(norm.text, path),
                    year or year_of(norm.text, path), norm.script)


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


class Outline:
    """The report's parts as the indicator stage needs them, from one index of its sections:
    which kind of part holds an offset ('review', 'plan' or None), the headings above it, the
    innermost section. Offsets are NORMALISED unless a method says otherwise."""

    def __init__(self, norm: Normalized, sections: list[Section]):
        self._norm = norm
        self._index = SectionIndex(sections)
        self._kinds = {s.id: self._kind(s) for s in sections if s.level == 1}

    def _kind(self, part: Section) -> Optional[str]:
        children = " ".join(c.title for c in self._index.children(part))
        head = self._norm.original[part.span[0]:part.span[0] + 300]
        return classify_part(part.title, children + head)

    def part_kind(self, i: int) -> Optional[str]:
        held = self._index.holding(self._norm.orig(i))
        return self._kinds.get(held[0].id) if held else None

    def heading_of(self, i: int) -> str:
        """The titles of the sections holding offset `i`, outermost first, one a line (the last
        time word wins, so a subsection's own 2025年 beats its part's “十四五”)."""
        return "\n".join(s.title for s in self._index.holding(self._norm.orig(i)))

    def section_at(self, original_offset: int) -> Optional[str]:
        """The id of the innermost section holding an ORIGINAL offset."""
        section = self._index.innermost(original_offset)
        return section.id if section else None
