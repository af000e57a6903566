"""The numeral audit behind `tonglaio-parse numbers`: every span of digits or Chinese numerals
in the original text, with what it was taken for (an indicator, a year, a name …) and why.
Also what a report holds, counted (`counts`), for the views that show the figures."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .model import Report, Severity, Status


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


@dataclass(frozen=True, slots=True)
class Numerals:
    """What `numbers` writes: the rows, and how many of each kind (the most frequent first)."""
    rows: list[NumeralRow]
    counts: dict[str, int]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def numerals(report: Report, kinds: Iterable[str] = ()) -> Numerals:
    """The report's numeral rows, only those of `kinds` when any are named."""
    wanted = set(kinds)
    rows = [r for r in numeral_rows(report) if not wanted or r.kind in wanted]
    return Numerals(rows, summary(rows))


WORST_FIRST = tuple(sorted(Severity, key=lambda s: s.rank, reverse=True))


@dataclass(frozen=True, slots=True)
class Counts:
    """A report's figures counted: indicators by status, warnings by severity, sections."""
    indicators: int
    actual: int
    target: int
    warnings: int
    by_severity: dict[Severity, int]  # every severity, in WORST_FIRST order
    sections: int


def counts(report: Report) -> Counts:
    actual = sum(1 for i in report.indicators if i.status == Status.ACTUAL)
    by_severity = {s: sum(1 for w in report.warnings if w.severity == s) for s in WORST_FIRST}
    return Counts(len(report.indicators), actual, len(report.indicators) - actual, len(report.warnings),
                  by_severity, len(report.sections))


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
