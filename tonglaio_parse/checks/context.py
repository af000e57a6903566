"""What a check is given: the text, its normalised form and what the stages found, and what
is derived from those on first use (kept: the same whichever check asks first)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from ..model import Document, Section, Warning
from ..stages.normalize import Normalized
from ..stages.sections import SectionIndex
from ..stages.segment import Segmenter, segmenter
from .body import Furniture, Para, furniture, paragraphs
from .registry import rule_table
from .repeats import find_repeats

__all__ = ["Context", "Para", "Furniture"]


@dataclass
class Context:
    """What the checks see: the original, its normalised form and what the stages found, and
    what is derived from those on first use (kept: the same whichever check asks first)."""
    norm: Normalized
    sections: list[Section]
    indicators: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    encoding_guessed: bool = False
    encoding: str = "utf-8"
    words: Segmenter = field(default_factory=segmenter)  # the segmentation the stages use
    section_index: Optional[SectionIndex] = None  # the pipeline's; built here when not given
    document: Optional[Document] = None  # title, region, year and what gave the year
    found: list[Warning] = field(default_factory=list)
    _paras: Optional[list[Para]] = field(default=None, repr=False)
    _furniture: Optional[Furniture] = field(default=None, repr=False)
    _body_paras: Optional[list[Para]] = field(default=None, repr=False)
    _repeats: Optional[list[int]] = field(default=None, repr=False)

    def section_at(self, original_offset: int) -> Optional[str]:
        """The id of the innermost section holding an ORIGINAL offset."""
        if self.section_index is None:
            self.section_index = SectionIndex(self.sections)
        section = self.section_index.innermost(original_offset)
        return section.id if section else None

    def warn(self, code: str, start: int, end: int, message: Optional[str] = None) -> None:
        """Record a finding at ORIGINAL offsets [start, end)."""
        info = rule_table()[code]
        text = self.norm.original
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        line, col = self.norm.line_col(start)
        self.found.append(Warning(code, info.name, info.severity, message or info.help.split(". ")[0],
                                  line, col, (start, end), text[start:end]))

    def warn_norm(self, code: str, start: int, end: int, message: Optional[str] = None) -> None:
        """Record a finding at NORMALISED offsets [start, end)."""
        s, e = self.norm.orig_span(start, end)
        self.warn(code, s, e, message)

    def paragraphs(self) -> list[Para]:
        if self._paras is None:
            self._paras = paragraphs(self.norm.text)
        return self._paras

    def furniture(self) -> Furniture:
        """The web-page furniture around the report (what LA007/LA008 report)."""
        if self._furniture is None:
            self._furniture = furniture(self.norm, self.paragraphs())
        return self._furniture

    @property
    def body(self) -> tuple[int, int]:
        """ORIGINAL span of the report proper: the text without the furniture at its ends."""
        return self.furniture().body

    def body_paragraphs(self) -> list[Para]:
        """Paragraphs inside the report proper (site furniture before and after left out)."""
        if self._body_paras is None:
            paras = self.paragraphs()
            lo, hi = self.body
            start = lambda p: self.norm.orig(p.start)  # noqa: E731
            first, last = bisect.bisect_left(paras, lo, key=start), bisect.bisect_left(paras, hi, key=start)
            self._body_paras = paras[first:last]
        return self._body_paras

    def body_span(self) -> Optional[tuple[int, int]]:
        """[start, end) of the body paragraphs in normalised offsets; None when there are none."""
        body = self.body_paragraphs()
        return (body[0].start, body[-1].end) if body else None

    def repeats(self) -> list[int]:
        """NORMALISED offsets, ascending, where a Han character of the body recurs within six (TX001, TX004)."""
        if self._repeats is None:
            self._repeats = find_repeats(self.norm.text, *(self.body_span() or (0, 0)))
        return self._repeats
