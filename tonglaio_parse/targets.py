"""One year's targets of every region side by side: `tonglaio-parse targets`.

For year Y each region's target of each indicator (the first target of period Y in its report
delivered in Y), its interval, and — where the inputs hold them — the region's target of Y−1 and
the result it reached (from the report of Y), and the target of the level above: the national
report's for a province, the one province's for its cities, the one city's for its counties (when
the inputs hold exactly one report of that level for Y). The gap to the level above is the
region's target minus that level's (the low ends of ranges): the "top-down amplification".
A target is stale when it repeats the region's target of the year before, or the plan's average
target for the period holding Y.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .compare import PERCENT_DIMENSIONS, Actual, Target, _sign, interval
from .model import Indicator, Report, Status, plain_number

_ABOVE = {"province": "national", "city": "province", "county": "city"}


@dataclass(frozen=True, slots=True)
class TargetRow:
    region: Optional[str]
    level: Optional[str]
    canonical: str
    year: int
    target: Target
    previous: Optional[Target]          # the region's target of Y−1
    previous_result: Optional[Actual]   # …and the result it reached (the report of Y)
    above_region: Optional[str]
    above: Optional[Target]             # the level above's target of Y
    gap_above: Optional[float]          # target − the level above's target
    stale: Optional[str]                # previous_year | plan_average

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "level": self.level, "canonical": self.canonical, "year": self.year,
                "target": self.target.to_dict(),
                "previous": self.previous.to_dict() if self.previous else None,
                "previous_result": self.previous_result.to_dict() if self.previous_result else None,
                "above_region": self.above_region,
                "above": self.above.to_dict() if self.above else None,
                "gap_above": plain_number(self.gap_above), "stale": self.stale}


def _target(report: Report, ind: Indicator, tolerance: float, rel_tolerance: float) -> Target:
    sign = _sign(ind)
    tv, th = sign * ind.value, None if ind.value_high is None else sign * ind.value_high
    tol = tolerance if ind.dimension in PERCENT_DIMENSIONS else rel_tolerance * abs(tv)
    return Target(tv, th, ind.qualifier, ind.unit, f"{report.source.path or '-'}:{ind.line}",
                  interval(ind.qualifier, tv, th, tol))


def _same(a: Target, b: Target) -> bool:
    return (a.value, a.value_high, a.qualifier, a.unit) == (b.value, b.value_high, b.qualifier, b.unit)


class _Figures:
    """The first figure of each (region, id, status, period) over the reports, by delivery year."""

    def __init__(self, reports: Iterable[Report], tolerance: float, rel_tolerance: float):
        self.targets: dict[tuple, Target] = {}
        self.plan: dict[tuple, list[tuple[int, int, Target]]] = {}
        self.actuals: dict[tuple, Actual] = {}
        self.level: dict[Optional[str], Optional[str]] = {}
        self.by_year: dict[int, list[Report]] = {}
        for r in reports:
            y = r.document.year
            if y is None:
                continue
            self.by_year.setdefault(y, []).append(r)
            self.level.setdefault(r.document.region, r.document.level)
            for ind in sorted(r.indicators, key=lambda i: i.span):
                p = ind.period
                if ind.canonical is None or p is None:
                    continue
                key = (r.document.region, ind.canonical)
                if ind.status == Status.TARGET and p.start == p.end == y:
                    self.targets.setdefault((*key, y), _target(r, ind, tolerance, rel_tolerance))
                elif ind.status == Status.TARGET and p.start <= y <= p.end and p.end > p.start:
                    self.plan.setdefault(key, []).append((p.start, p.end, _target(r, ind, tolerance, rel_tolerance)))
                elif ind.status == Status.ACTUAL and p.start == p.end == y - 1:
                    self.actuals.setdefault((*key, y - 1), Actual(_sign(ind) * ind.value, ind.unit,
                                                                  f"{r.source.path or '-'}:{ind.line}"))

    def above(self, region: Optional[str], year: int) -> Optional[str]:
        """The one region of the level above `region`'s among the reports of `year`."""
        wanted = _ABOVE.get(self.level.get(region) or "")
        found = {r.document.region for r in self.by_year.get(year, []) if r.document.level == wanted}
        return found.pop() if len(found) == 1 else None

    def stale(self, region, canonical, year, target: Target) -> Optional[str]:
        before = self.targets.get((region, canonical, year - 1))
        if before and _same(before, target):
            return "previous_year"
        plans = self.plan.get((region, canonical), [])
        if any(start <= year <= end and _same(t, target) for start, end, t in plans):
            return "plan_average"
        return None


def latest_year(reports: Iterable[Report]) -> Optional[int]:
    years = [r.document.year for r in reports if r.document.year is not None]
    return max(years) if years else None


def rows(reports: Iterable[Report], year: Optional[int] = None, canonicals: Optional[Iterable[str]] = None,
         tolerance: float = 0.5, rel_tolerance: float = 0.05) -> list[TargetRow]:
    """One row per region and indicator with a target of `year` (the latest delivered if None),
    sorted by indicator, then by target (highest first), then region."""
    reports = list(reports)
    year = year or latest_year(reports)
    if year is None:
        return []
    fig = _Figures(reports, tolerance, rel_tolerance)
    wanted = set(canonicals) if canonicals else None
    out = []
    for (region, canonical, y), target in fig.targets.items():
        if y != year or (wanted is not None and canonical not in wanted):
            continue
        above_region = fig.above(region, year)
        above = fig.targets.get((above_region, canonical, year)) if above_region is not None else None
        gap = target.value - above.value if above and above.unit == target.unit else None
        out.append(TargetRow(region, fig.level.get(region), canonical, year, target,
                             fig.targets.get((region, canonical, year - 1)),
                             fig.actuals.get((region, canonical, year - 1)),
                             above_region if above else None, above, gap,
                             fig.stale(region, canonical, year, target)))
    out.sort(key=lambda r: (r.canonical, -r.target.value, r.region or ""))
    return out
