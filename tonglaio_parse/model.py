"""Plain records that every stage produces and every renderer consumes, and the closed sets
(enums) their fields take: the same lists as report.schema.json (a test holds them equal)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import Any, Iterable, Optional

SCHEMA_ID = "tonglaio-parse/report/1"

Span = tuple[int, int]


class Status(StrEnum):
    ACTUAL = "actual"
    TARGET = "target"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    LEVEL = "level"


class Qualifier(StrEnum):
    APPROX = "approx"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    NEARLY = "nearly"
    RANGE = "range"

    @property
    def sign(self) -> str:
        """How tables and the HTML view mark the qualifier (≈ 5 for 5左右)."""
        return _QUALIFIER_SIGNS[self]


_QUALIFIER_SIGNS = {Qualifier.APPROX: "≈", Qualifier.AT_LEAST: "≥", Qualifier.MORE_THAN: ">",
                    Qualifier.AT_MOST: "≤", Qualifier.LESS_THAN: "<", Qualifier.NEARLY: "≲",
                    Qualifier.RANGE: "↔"}


class Dimension(StrEnum):
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage_point"
    MONEY = "money"
    POWER = "power"
    ENERGY = "energy"
    LENGTH = "length"
    AREA = "area"
    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"
    DURATION = "duration"
    MULTIPLE = "multiple"
    RATIO = "ratio"
    OTHER = "other"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """info < warning < error, for --fail-on and sorting."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)


class Script(StrEnum):
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    MIXED = "mixed"
    NONE = "none"


def _coerce(record: Any, **kinds: type) -> None:
    """Turn the closed-set fields of a frozen record into their enums (ValueError if a value is
    not in the set): stages may hand plain strings, records always hold enum members."""
    for name, kind in kinds.items():
        value = getattr(record, name)
        if value is not None and type(value) is not kind:
            member = _members(kind).get(value) if isinstance(value, str) else None
            object.__setattr__(record, name, member if member is not None else kind(value))


@cache
def _members(kind: type) -> dict[str, Any]:
    """Value -> member of an enum (a dict look-up: calling the enum costs ten times more)."""
    return {m.value: m for m in kind}


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Measure:
    """A figure as the text gives it: value (万/亿 applied), unit, its class, the value in a pint
    unit, and the qualifier. Quantity and Indicator both carry one."""
    value: float
    value_high: Optional[float]
    unit: str
    dimension: Dimension
    normalized_value: float
    normalized_unit: str
    qualifier: Optional[Qualifier]

    def __post_init__(self) -> None:
        _coerce(self, dimension=Dimension, qualifier=Qualifier)


class _MeasureFields:
    """Read access to the fields of the record's `measure` (ind.value for ind.measure.value)."""
    __slots__ = ()
    value = property(lambda self: self.measure.value)
    value_high = property(lambda self: self.measure.value_high)
    unit = property(lambda self: self.measure.unit)
    dimension = property(lambda self: self.measure.dimension)
    normalized_value = property(lambda self: self.measure.normalized_value)
    normalized_unit = property(lambda self: self.measure.normalized_unit)
    qualifier = property(lambda self: self.measure.qualifier)


@dataclass(frozen=True, slots=True)
class Quantity(_MeasureFields):
    """A number found in the text, before its meaning is known.

    `start`/`end` are offsets into the NORMALISED text; the pipeline maps them back.
    """
    start: int
    end: int
    measure: Measure
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
class Indicator(_MeasureFields):
    id: str
    subject: Optional[str]
    canonical: Optional[str]
    measure: Measure
    direction: Optional[Direction]
    status: Status
    period: Optional[Period]
    section: Optional[str]
    line: int
    column: int
    span: Span
    text: str
    context: str = ""              # the sentence (or the clause of a 分别 list) the figure stands in
    context_span: Span = (0, 0)    # ORIGINAL offsets of `context`
    subject_simplified: Optional[str] = None  # `subject` in Simplified script, for matching
    page: Optional[int] = None     # the page of a PDF it stands on (None for text)

    def __post_init__(self) -> None:
        _coerce(self, direction=Direction, status=Status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "subject": self.subject, "canonical": self.canonical,
            "value": plain_number(self.value), "value_high": plain_number(self.value_high),
            "unit": self.unit, "dimension": self.dimension,
            "normalized": {"value": plain_number(self.normalized_value), "unit": self.normalized_unit},
            "qualifier": self.qualifier, "direction": self.direction, "status": self.status,
            "period": self.period.to_dict() if self.period else None,
            "section": self.section, "line": self.line, "column": self.column,
            "span": list(self.span), "text": self.text,
            "context": {"text": self.context, "span": list(self.context_span)},
            "subject_simplified": self.subject_simplified, "page": self.page,
        }


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    span: Span
    text: str
    context: str = ""              # the sentence the finding stands in
    context_span: Span = (0, 0)    # ORIGINAL offsets of `context`
    page: Optional[int] = None     # the page of a PDF it stands on (None for text)

    def __post_init__(self) -> None:
        _coerce(self, severity=Severity)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "span": list(self.span), "text": self.text,
                "context": {"text": self.context, "span": list(self.context_span)}, "page": self.page}


@dataclass(frozen=True, slots=True)
class Source:
    path: Optional[str]
    sha256: str
    encoding: str
    chars: int
    lines: int
    format: str = "text"              # what the input was: text, html, pdf, docx
    extractor: Optional[str] = None   # for html/pdf/docx: the library and version that extracted the text
    charset: Optional[str] = None     # for html: the page's own charset (the original text is then UTF-8)
    pages: Optional[int] = None       # for pdf: the number of pages


@dataclass(frozen=True, slots=True)
class Document:
    title: Optional[str]
    region: Optional[str]
    year: Optional[int]
    script: Script
    # what gave the year: user, title, date-line, text, publication-date, filename (a guess), None
    year_source: Optional[str] = None
    level: Optional[str] = None  # national, province, city, county (from the region), None
    region_simplified: Optional[str] = None  # `region` in Simplified script, for matching

    def __post_init__(self) -> None:
        _coerce(self, script=Script)

    @property
    def matching_region(self) -> Optional[str]:
        """The region as reports of either script name it: what compare and filters match on."""
        return self.region_simplified or self.region


@dataclass(frozen=True, slots=True)
class QualitativeTarget:
    """A target the target paragraph states without a number: 居民消费价格保持合理水平,
    固定资产投资实现正增长, 居民收入增长与经济增长同步 (the year is the report's)."""
    canonical: str
    text: str                 # the clause, as in the original
    line: int
    column: int
    span: tuple[int, int]     # ORIGINAL offsets of the clause

    def to_dict(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "text": self.text, "line": self.line, "column": self.column,
                "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Report:
    source: Source
    document: Document
    sections: list[Section] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    text: str = field(default="", repr=False, compare=False)
    qualitative_targets: list[QualitativeTarget] = field(default_factory=list)

    def only(self, status: Optional[str] = None, canonicals: Iterable[str] = (),
             year: Optional[int] = None) -> "Report":
        """The report with only the indicators of this status, of these canonical ids and whose
        period holds this year (each filter applies when given; the warnings stay)."""
        wanted = set(canonicals)
        keep = [i for i in self.indicators
                if (status is None or i.status == status) and (not wanted or i.canonical in wanted)
                and (year is None or (i.period is not None and i.period.start <= year <= i.period.end))]
        return replace(self, indicators=keep)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "source": asdict(self.source),
            "document": asdict(self.document),
            "sections": [s.to_dict() for s in self.sections],
            "indicators": [i.to_dict() for i in self.indicators],
            "warnings": [w.to_dict() for w in self.warnings],
            "qualitative_targets": [q.to_dict() for q in self.qualitative_targets],
        }


def plain_number(x: Optional[float]) -> Optional[float | int]:
    """Whole numbers print as integers (16000000, not 16000000.0)."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 1e18:
        return int(x)
    return round(x, 10)
