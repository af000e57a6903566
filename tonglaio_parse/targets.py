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

import sys
import types
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .compare import Actual, Figures, Target, as_reports
from .model import Report, plain_number


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
    fig = Figures(reports, tolerance, rel_tolerance)
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



def targets(reports_or_paths: Iterable, year: Optional[int] = None, canonicals: Optional[Iterable[str]] = None,
            tolerance: float = 0.5, rel_tolerance: float = 0.05, options=None) -> list[TargetRow]:
    """The rows `tonglaio-parse targets` prints, from Report objects or report files and folders."""
    return rows(as_reports(reports_or_paths, options), year, canonicals, tolerance, rel_tolerance)


class _CallableModule(types.ModuleType):
    """`tonglaio_parse.targets(...)` calls targets(); the module's names stay."""

    def __call__(self, *args, **kwargs):
        return targets(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
