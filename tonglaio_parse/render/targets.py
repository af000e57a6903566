"""Writers for `targets` rows: a rich table, CSV, a range chart (JSON: compare's row writer)."""
from __future__ import annotations

from typing import TextIO

from .compare import _named, _number, _target

CSV_COLUMNS = ["region", "level", "canonical", "year", "target_value", "target_value_high", "target_qualifier",
               "target_unit", "target_low", "target_high", "target_source", "previous_value", "previous_qualifier",
               "previous_result", "above_region", "above_value", "above_qualifier", "gap_above", "stale"]


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


def plot(rows: list, path: str) -> None:
    """A range chart per indicator: one line per region, sorted by target — a bar for a range, a
    dot with whiskers for 左右, a dot with an arrow for 以上 (→) or 以内 (←), a dot for a plain
    figure — and the level above as a vertical line. Raises ImportError without matplotlib."""
    import warnings

    from ..compare import names
    from .plotting import label, pyplot

    plt = pyplot()
    chinese = names()
    by_id: dict[str, list] = {}
    for r in rows:
        by_id.setdefault(r.canonical, []).append(r)
    n = max(len(by_id), 1)
    height = max(3.0, 0.28 * max((len(v) for v in by_id.values()), default=1) + 1.2)
    fig, axes = plt.subplots(n, 1, figsize=(7, height * n), squeeze=False)
    for ax, (canonical, rs) in zip(axes.flat, sorted(by_id.items())):
        rs = sorted(rs, key=lambda r: (r.target.value, r.region or ""))
        for y, r in enumerate(rs):
            _mark(ax, y, r.target)
        aboves = {(r.above_region, r.above.value) for r in rs if r.above}
        for region, value in sorted(aboves, key=lambda a: a[1]):
            ax.axvline(value, color="C3", linestyle="--", linewidth=1)
            ax.text(value, len(rs) - 0.4, label(region, "level above"), color="C3", fontsize=7, ha="left")
        ax.set_yticks(range(len(rs)))
        ax.set_yticklabels([label(r.region, f"#{k + 1}") for k, r in enumerate(rs)], fontsize=7)
        unit = rs[0].target.unit if rs else ""
        title = label(f"{canonical} {chinese.get(canonical, '')}".strip(), canonical)
        ax.set_title(f"{title}, {rs[0].year if rs else ''}", fontsize=9)
        ax.set_xlabel(label(unit, unit if unit.isascii() else ""), fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
        ax.margins(x=0.1)  # room for the arrows of 以上 / 以内 at the ends
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.tight_layout()
        fig.savefig(path)
    plt.close(fig)


def _mark(ax, y: float, t) -> None:
    band = t.interval
    if t.qualifier == "range" and t.value_high is not None:
        ax.plot([t.value, t.value_high], [y, y], color="C0", linewidth=5, solid_capstyle="butt")
    elif band and band.low is not None and band.high is not None and band.low != band.high:
        ax.errorbar(t.value, y, xerr=[[t.value - band.low], [band.high - t.value]], fmt="o", color="C0",
                    capsize=3, markersize=4)
    elif band and (band.high is None or band.low is None):
        ax.plot(t.value, y, "o", color="C0", markersize=4)
        step = 0.3 if band.high is None else -0.3  # 以上: the target and up; 以内: and down
        ax.annotate("", xy=(t.value + step, y), xytext=(t.value, y),
                    arrowprops={"arrowstyle": "->", "color": "C0"})
    else:
        ax.plot(t.value, y, "o", color="C0", markersize=4)
