"""The numeral audit behind `tonglaio-parse numbers`: every span of digits or Chinese numerals
in the original text, with what it was taken for (an indicator, a year, a name …) and why."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .model import Report


@dataclass(frozen=True, slots=True)
class NumeralRow:
    kind: str
    reason: str
    indicators: tuple[str, ...]
    line: int
    column: int
    span: tuple[int, int]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "reason": self.reason, "indicators": list(self.indicators),
                "line": self.line, "column": self.column, "span": list(self.span), "text": self.text}


def numeral_rows(report: Report) -> list[NumeralRow]:
    from .stages.normalize import normalize
    from .stages.quantities import classify_numerals

    norm = normalize(report.text)
    rows = []
    for sp in classify_numerals(norm.text):
        start, end = norm.orig_span(sp.start, sp.end)
        line, col = norm.line_col(start)
        ids = tuple(i.id for i in report.indicators if _overlaps(i.span, (start, end))) \
            if sp.kind == "quantity" else ()
        rows.append(NumeralRow(sp.kind, sp.reason, ids, line, col, (start, end), report.text[start:end]))
    rows += _removed(norm, report.text)
    return sorted(rows, key=lambda r: r.span)


_REMOVED_REASON = {"page-marker": "newspaper page marker, set aside before matching",
                   "markup": "inside markup removed before matching",
                   "invisible": "invisible character removed before matching"}


def _removed(norm, text: str) -> list[NumeralRow]:
    """Numerals inside what normalisation set aside (上接第一版) are accounted for too."""
    from .stages.numerals import numeral_run

    rows = []
    for e in norm.edits:
        if e.kind not in _REMOVED_REASON:
            continue
        for m in numeral_run().finditer(text, e.start, e.end):
            line, col = norm.line_col(m.start())
            rows.append(NumeralRow(e.kind, _REMOVED_REASON[e.kind], (), line, col, (m.start(), m.end()), m.group()))
    return rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def summary(rows: list[NumeralRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def unaccounted(rows: list[NumeralRow]) -> list[NumeralRow]:
    """Quantity spans that no indicator took: these would be silently lost."""
    return [r for r in rows if r.kind == "quantity" and not r.indicators]


def first(rows: list[NumeralRow], kind: str) -> Optional[NumeralRow]:
    return next((r for r in rows if r.kind == kind), None)
