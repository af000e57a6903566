"""Writers for `compare` rows: a rich table, JSON, CSV, and a plot (matplotlib, optional)."""
from __future__ import annotations

import json
from typing import TextIO

from ..model import Qualifier

CSV_COLUMNS = ["region", "canonical", "year", "target_value", "target_value_high", "target_qualifier",
               "target_unit", "target_source", "actual_value", "actual_unit", "actual_source", "gap", "met",
               "outcome", "target_low", "target_high", "target_stated", "stale"]


def write_json(rows: list, out: TextIO) -> None:
    """Any rows with a to_dict(): compare's, targets', the catalogue of ids."""
    json.dump([r.to_dict() for r in rows], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(rows: list, out: TextIO) -> None:
    import csv

    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        d = r.to_dict()
        t, a = d["target"] or {}, d["actual"] or {}
        band = t.get("interval") or {}
        w.writerow([d["region"] or "", d["canonical"], d["year"], *_blank(t.get("value"), t.get("value_high"),
                    t.get("qualifier"), t.get("unit"), t.get("source"), a.get("value"), a.get("unit"),
                    a.get("source"), d["gap"]), "" if d["met"] is None else str(d["met"]).lower(),
                    *_blank(d["outcome"], band.get("low"), band.get("high"),
                            t.get("text") if t.get("stated") else None, d["stale"])])


def _blank(*values) -> list:
    return ["" if v is None else v for v in values]


def _number(v: float, unit: str) -> str:
    """Big counts and money the way the reports write them: 1100万人, 13.4万亿元."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(v) >= size and unit not in ("%", "个百分点"):
            return f"{v / size:,.6g}{word}{unit}"
    return f"{v:,.6g}{unit}"


def _target(t) -> str:
    if t is None:
        return ""
    if not hasattr(t, "value"):
        return "no number set"
    if t.qualifier == Qualifier.RANGE and t.value_high is not None:
        return f"{_number(t.value, '')}–{_number(t.value_high, t.unit)}"
    return (Qualifier(t.qualifier).sign if t.qualifier else "") + _number(t.value, t.unit)


def _gap(r) -> str:
    if r.gap is None:
        return ""
    unit = "pp" if r.target.unit == "%" else r.target.unit
    return ("+" if r.gap > 0 else "") + _number(r.gap, unit)


_OUTCOME_STYLE = {"exceeded": "bold green", "met": "green", "missed": "red"}


def _named(canonical: str) -> str:
    """gdp_growth 地区生产总值增长: the id and its Chinese name."""
    from ..compare import names

    name = names().get(canonical)
    return f"{canonical} {name}" if name else canonical


def write_table(rows: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False,
                      width=None if out.isatty() else 160, soft_wrap=False)
    regions = {r.region for r in rows}
    table = Table(title=f"{len(rows)} targets and results", title_justify="left")
    if len(regions) > 1:
        table.add_column("region")
    for col, kw in (("indicator", {}), ("year", {"justify": "right"}), ("target", {"justify": "right"}),
                    ("result", {"justify": "right"}), ("gap", {"justify": "right"}), ("outcome", {})):
        table.add_column(col, **kw)
    for r in rows:
        met = Text(str(r.outcome), style=_OUTCOME_STYLE[r.outcome]) if r.outcome else Text("?", style="dim")
        cells = [Text(_named(r.canonical)), Text(str(r.year)), Text(_target(r.target)),
                 Text(_number(r.actual.value, r.actual.unit) if r.actual else ""), Text(_gap(r)), met]
        table.add_row(*([Text(r.region or "?")] if len(regions) > 1 else []), *cells)
    console.print(table)


def _gapped(points: list[tuple[int, float]]) -> tuple[list, list]:
    """x and y with a break (NaN) where years are missing, so no line bridges a gap."""
    xs, ys = [], []
    for year, value in points:
        if xs and year - xs[-1] > 1:
            xs.append(xs[-1] + 1)
            ys.append(float("nan"))
        xs.append(year)
        ys.append(value)
    return xs, ys


def plot(rows: list, path: str) -> None:
    """Target and result over the years, one small chart per region and indicator; the format
    follows the suffix (.svg, .png, .pdf). A target's interval (a range, 左右 ± the tolerance) is
    a band, years without a figure break the lines. Raises ImportError without matplotlib."""
    import warnings

    from ..compare import names
    from .plotting import label, pyplot

    plt = pyplot()
    chinese = names()
    series: dict[tuple, list] = {}
    for r in rows:
        series.setdefault((r.region, r.canonical), []).append(r)
    n = max(len(series), 1)
    cols = min(n, 3)
    nrows = -(-n // cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(4.5 * cols, 3 * nrows), squeeze=False)
    one_region = len({k[0] for k in series}) == 1
    for ax, ((region, canonical), rs) in zip(axes.flat, sorted(series.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))):
        ts = [r for r in rs if getattr(r.target, "value", None) is not None]  # not a target without a number
        acts = [r for r in rs if r.actual]
        ax.plot(*_gapped([(r.year, r.target.value) for r in ts]), "o--", label="target")
        banded = [r for r in ts if r.target.interval and r.target.interval.low is not None
                  and r.target.interval.high is not None and r.target.interval.low != r.target.interval.high]
        for r in banded:
            ax.fill_between([r.year - 0.3, r.year + 0.3], r.target.interval.low, r.target.interval.high,
                            color="C0", alpha=0.2, linewidth=0)
        ax.plot(*_gapped([(r.year, r.actual.value) for r in acts]), "s-", label="result")
        unit = ts[0].target.unit if ts else acts[0].actual.unit
        name = label(f"{canonical} {chinese.get(canonical, '')}".strip(), canonical)
        ax.set_title(name if one_region else f"{name} ({label(region, '?') if region else '?'})", fontsize=9)
        ax.set_ylabel(label(unit, unit if unit.isascii() else ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(series):]:
        ax.set_visible(False)
    with warnings.catch_warnings():  # a glyph a font lacks: a box, not noise on stderr
        warnings.simplefilter("ignore")
        fig.tight_layout()
        fig.savefig(path)
    plt.close(fig)
