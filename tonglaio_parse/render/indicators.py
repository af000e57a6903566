"""Writers for the catalogue of canonical ids (`tonglaio-parse indicators`); JSON: compare's row writer."""
from __future__ import annotations

from typing import TextIO


def write_csv(ids: list, out: TextIO) -> None:
    import csv

    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "kind", "target", "wordings"])
    for i in ids:
        w.writerow([i.id, i.name, i.kind, i.target, " / ".join(i.wordings)])


def write_table(ids: list, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, markup=False, emoji=False,
                      width=None if out.isatty() else 160)
    table = Table(title=f"{len(ids)} canonical ids", title_justify="left")
    for col in ("id", "name", "kind", "target", "wordings"):
        table.add_column(col, overflow="fold")
    for i in ids:
        table.add_row(i.id, i.name, i.kind, i.target, " / ".join(i.wordings))
    console.print(table)
