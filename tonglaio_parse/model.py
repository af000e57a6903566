"""Plain records that every stage produces and every renderer consumes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

SCHEMA_ID = "tonglaio-parse/report/1"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the original text: [start, end) plus 1-based line and column of start."""
    span: Span
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in the text, before its meaning is known.

    `start`/`end` are offsets into the NORMALISED text; the pipeline maps them back.
    """
    start: int
    end: int
    value: float
    value_high: Optional[float]
    unit: str
    dimension: str
    normalized_value: float
    normalized_unit: str
    qualifier: Optional[str]
    unit_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    label: str
    title: str
    level: int
    line: int
    span: Span
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "label": self.label, "title": self.title, "level": self.level,
             "line": self.line, "span": list(self.span)}
        if self.inferred:
            d["inferred"] = True
        return d


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    subject: Optional[str]
    canonical: Optional[str]
    value: float
    value_high: Optional[float]
    unit: str
    dimension: str
    normalized_value: float
    normalized_unit: str
    qualifier: Optional[str]
    direction: Optional[str]
    status: str
    period: Optional[Period]
    section: Optional[str]
    line: int
    column: int
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "subject": self.subject, "canonical": self.canonical,
            "value": _num(self.value), "value_high": _num(self.value_high),
            "unit": self.unit, "dimension": self.dimension,
            "normalized": {"value": _num(self.normalized_value), "unit": self.normalized_unit},
            "qualifier": self.qualifier, "direction": self.direction, "status": self.status,
            "period": self.period.to_dict() if self.period else None,
            "section": self.section, "line": self.line, "column": self.column,
            "span": list(self.span), "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass(frozen=True, slots=True)
class Source:
    path: Optional[str]
    sha256: str
    encoding: str
    chars: int
    lines: int


@dataclass(frozen=True, slots=True)
class Document:
    title: Optional[str]
    region: Optional[str]
    year: Optional[int]
    script: str


@dataclass(frozen=True, slots=True)
class Report:
    source: Source
    document: Document
    sections: list[Section] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "source": asdict(self.source),
            "document": asdict(self.document),
            "sections": [s.to_dict() for s in self.sections],
            "indicators": [i.to_dict() for i in self.indicators],
            "warnings": [w.to_dict() for w in self.warnings],
        }


def _num(x: Optional[float]) -> Optional[float | int]:
    """Whole numbers print as integers (16000000, not 16000000.0)."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 1e18:
        return int(x)
    return round(x, 10)
