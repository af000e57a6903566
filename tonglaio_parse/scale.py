"""Past one machine: the Python API mapped over partitions of files by an existing engine.

`rows(paths)` is one partition's work, for any engine that maps a function over partitions
(Dask's `map_partitions`, Spark's `mapPartitions`): each file's indicator rows in order, and a
file that fails as one row naming it and why, so one bad file never ends a job and none is
dropped. `bag(paths)` is those rows as a Dask bag (the `scale` extra), computed by any of
Dask's schedulers: `bag(paths).compute(scheduler="processes")` on one machine, the same with a
`dask.distributed` client on a cluster. Nothing here schedules anything itself.

README ("Past one machine") quotes this code; tests/test_scaling.py runs it and keeps the quote.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from .batch import parse_one
from .pipeline import Options, parse_file
from .rows import columns, to_rows


def rows(paths: Iterable[str], options: Optional[Options] = None) -> list[dict[str, Any]]:
    """One partition: its files' indicator rows in order, each with `error` None; a file that
    fails is one row with its `file` and `error` (batch's one line) and the other columns None."""
    out: list[dict[str, Any]] = []
    for path in paths:
        o = parse_one(parse_file, path, options or Options(), prepare=to_rows)
        if o.error is None:
            out.extend({**row, "error": None} for row in o.prepared)
        else:
            out.append({**dict.fromkeys(columns("indicators")), "file": path, "error": o.error})
    return out


def bag(paths: Iterable[str], partition_size: int = 100, options: Optional[Options] = None):
    """The rows of `paths` as a Dask bag, `partition_size` files a partition (lazy: compute it,
    or .to_textfiles, with whatever scheduler or cluster)."""
    try:
        import dask.bag
    except ImportError as exc:
        raise ImportError("bag needs dask: pip install 'tonglaio-parse[scale]'", name="dask") from exc
    files = dask.bag.from_sequence(list(paths), partition_size=partition_size)
    return files.map_partitions(rows, options)
