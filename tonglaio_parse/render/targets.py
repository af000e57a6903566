"""Writers for `targets` rows: a rich table, JSON, CSV."""
from __future__ import annotations

import json
from typing import TextIO

from .compare import _named, _number, _target

CSV_COLUMNS = ["region", "level", "canonical", "year", "target_value", "target_value_high", "target_qualifier",
               "target_unit", "target_low", "target_high", "target_source", "previous_value", "previous_qualifier",
               "previous_result", "above_region", "above_value", "above_qualifier", "gap_above", "stale"]


def write_json(rows: list, out: TextIO) -> None:
    json.dump([r.to_dict() for r in rows], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: list, out: TextIO) -> None:
    import csv

    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        t, p, a = r.target, r.previous, r.above
        band = t.interval
        w.writerow(["" if v is None else v for v in (
            r.region, r.level, r.canonical, r.year, t.value, t.value_high, t.qualifier, t.unit,
            band.low if band else None, band.high if band else None, t.source,
            p.value if p else None, p.qualifier if p else None,
            r.previous_result.value if r.previous_result else None,
            r.above_region, a.value if a else None, a.qualifier if a else None, r.gap_above, r.stale)])


def write_table(rows: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False,
                      width=None if out.isatty() else 160, soft_wrap=False)
    year = rows[0].year if rows else ""
    table = Table(title=f"{len(rows)} targets of {year}", title_justify="left")
    for col, kw in (("indicator", {}), ("region", {}), ("level", {}), ("target", {"justify": "right"}),
                    ("last year", {"justify": "right"}), ("result", {"justify": "right"}),
                    ("level above", {"justify": "right"}), ("gap", {"justify": "right"}), ("stale", {})):
        table.add_column(col, **kw)
    for r in rows:
        gap = "" if r.gap_above is None else ("+" if r.gap_above > 0 else "") + _number(
            r.gap_above, "pp" if r.target.unit == "%" else r.target.unit)
        above = f"{r.above_region} {_target(r.above)}" if r.above else ""
        table.add_row(Text(_named(r.canonical)), Text(r.region or "?"), Text(r.level or ""), Text(_target(r.target)),
                      Text(_target(r.previous)), Text(_number(r.previous_result.value, r.previous_result.unit)
                                                      if r.previous_result else ""),
                      Text(above), Text(gap), Text(r.stale or "", style="yellow"))
    console.print(table)
