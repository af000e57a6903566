"""Document-level facts: title, region, year (`describe`), and which part reviews and which plans
(`Outline`)."""
from __future__ import annotations

import bisect

from dataclasses import dataclass
from functools import cache
from typing import Optional

import regex

from .. import rx
from . import periods
from .indicators import classify_part
from ..model import Document, Section
from .sections import SectionIndex
from .normalize import Normalized
from ..rules import alternation, char_class, compile_rule, data_path, entries, marks


@dataclass(frozen=True)
class _Rules:
    region_patterns: tuple[regex.Pattern, ...]  # an explicit issuing government: 我代表通辽市人民政府
    national_cues: tuple[str, ...]
    national_region: str
    national_word: str
    place_suffix: regex.Pattern
    place_min_mentions: int
    title_max_chars: int
    title_end: regex.Pattern  # a first line ending like a sentence or clause is no title


@cache
def _rules() -> _Rules:
    t = entries("document.toml")
    return _Rules(
        region_patterns=tuple(compile_rule(p, t.name("region_patterns"), regex.M)
                              for p in t.words("region_patterns")),
        national_cues=tuple(t.words("national_cues")), national_region=t.text("national_region"),
        national_word=t.text("national_word"),
        place_suffix=rx.compile(f"(?:{alternation(t.words('place_suffixes'))})$"),
        place_min_mentions=t.integer("place_min_mentions"), title_max_chars=t.integer("title_max_chars"),
        title_end=rx.compile(char_class(marks().clause_mark) + "$|^各位代表"))


@cache
def _places() -> dict[str, str]:
    """Stem -> official name: 通辽 -> 通辽市, from the gazetteer."""
    suffix = _rules().place_suffix
    out: dict[str, str] = {}
    for line in data_path("places.txt").read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if name and not name.startswith("#"):
            stem = suffix.sub("", name)
            if len(stem) >= 2:
                out.setdefault(stem, name)
    return out


def describe(norm: Normalized, path: Optional[str], year: Optional[int] = None,
             region: Optional[str] = None, default_year: Optional[int] = None,
             default_region: Optional[str] = None) -> Document:
    """Title, region, year and script of the report; `year`/`region` given by the user win,
    `default_year`/`default_region` fill in what neither the text nor the file name says."""
    found = periods.YearFound(year, "user") if year else periods.find_year(norm.text, path)
    if found.year is None and default_year:
        found = periods.YearFound(default_year, "user")
    region = region or region_of(norm.text, path) or default_region
    return Document(title_of(norm.text), region, found.year, norm.script, found.source, level_of(region))


def level_of(region: Optional[str]) -> Optional[str]:
    """national / province / city / county from the region's name (data/document.toml [levels])."""
    if not region:
        return None
    t = entries("document.toml")
    if region == t.text("national_region"):
        return "national"
    levels = t["levels"]
    if region in levels.words("provinces"):
        return "province"
    for level in ("province", "city", "county"):
        if region.endswith(tuple(levels.words(f"{level}_suffixes"))):
            return level
    return None



def title_of(text: str) -> Optional[str]:
    t = _rules()
    for line in text.splitlines()[:10]:
        s = line.strip()
        if s:
            if len(s) <= t.title_max_chars and not t.title_end.search(s):
                return s
            return None
    return None


_REGION_SAMPLE = 30_000  # characters: a report names its place early; counting all of a 50 MB file is waste


def region_of(text: str, path: Optional[str] = None) -> Optional[str]:
    """An explicit issuing government (我代表通辽市人民政府) first, then the national cues
    (我代表国务院), then the place the text names most often."""
    t = _rules()
    head = text[:3000]
    for pattern in t.region_patterns:
        m = pattern.search(head)
        if m:
            return m.group("region")
    if any(cue in head for cue in t.national_cues):
        return t.national_region
    sample = text[:_REGION_SAMPLE]
    pairs = _pairs(sample)
    best, best_n = None, 0
    for stem, name in _places().items():
        if stem[:2] not in pairs:
            continue  # not in the sample: counting it would read the whole sample for nothing
        n = sample.count(stem)
        if n > best_n:
            best, best_n = name, n
    if sample.count(t.national_word) > max(best_n, t.place_min_mentions):
        return t.national_region  # a report about 我国 more than about any one place
    return best if best_n >= t.place_min_mentions else None


def _pairs(text: str) -> set[str]:
    """Every two characters that stand side by side in `text` (a place stem has two or more)."""
    return {text[i:i + 2] for i in range(len(text) - 1)}


class Outline:
    """The report's parts as the indicator stage needs them, from one index of its sections:
    which kind of part holds an offset ('review', 'plan' or None), the headings above it, the
    innermost section. Offsets are NORMALISED unless a method says otherwise."""

    def __init__(self, norm: Normalized, sections: list[Section]):
        self._norm = norm
        self._index = SectionIndex(sections)
        self._kinds = {s.id: self._kind(s) for s in sections if s.level == 1}
        self._part_starts: dict[str, int] = {}  # part id -> normalised start, found on first use
        self._last: tuple[int, list[Section]] = (-1, [])  # the offset asked for last, its sections

    @property
    def index(self) -> SectionIndex:
        return self._index

    def _kind(self, part: Section) -> Optional[str]:
        children = " ".join(c.title for c in self._index.children(part))
        head = self._norm.original[part.span[0]:part.span[0] + 300]
        return classify_part(part.title, children + head)

    def _holding(self, i: int) -> list[Section]:
        """The sections holding normalised offset `i`, outermost first; the indicator stage asks
        for one figure's part kind, headings and part start in a row, so the last is kept."""
        if self._last[0] != i:
            self._last = (i, self._index.holding(self._norm.orig(i)))
        return self._last[1]

    def part_kind(self, i: int) -> Optional[str]:
        held = self._holding(i)
        return self._kinds.get(held[0].id) if held else None

    def heading_of(self, i: int) -> str:
        """The titles of the sections holding offset `i`, outermost first, one a line (the last
        time word wins, so a subsection's own 2025年 beats its part's “十四五”)."""
        return "\n".join(s.title for s in self._holding(i))

    def part_start(self, i: int) -> int:
        """Where the part (outermost section) holding offset `i` starts (0 outside any)."""
        held = self._holding(i)
        if not held:
            return 0
        section = held[0]
        start = self._part_starts.get(section.id)
        if start is None:
            start = self._part_starts[section.id] = bisect.bisect_left(
                range(i + 1), section.span[0], key=self._norm.orig)
        return start

    def section_at(self, original_offset: int) -> Optional[str]:
        """The id of the innermost section holding an ORIGINAL offset."""
        section = self._index.innermost(original_offset)
        return section.id if section else None
