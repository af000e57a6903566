#!/usr/bin/env python3
"""The per-stage split for bench.py, inside one process: `python benchmarks/stages.py SEED [FILES...]`.

Parses the seed twice (first call: lazy set-up included; again: warm) then FILES, with
the timings= argument of parse_file per stage, the JSON Lines writer as render, the time spent in
jieba (inside indicators and checks) and each check's own time. Prints JSON."""
from __future__ import annotations

import io
import json
import sys
import time


def stage_worker(seed: str, files: list[str]) -> None:
    """The split inside this one process, as JSON on stdout."""
    t0 = time.perf_counter()
    from tonglaio_parse.pipeline import Options, parse_file
    from tonglaio_parse.render import writer
    out: dict = {"import_s": time.perf_counter() - t0}
    seg = {"s": 0.0}
    try:  # jieba's time inside the indicators and checks stages
        from tonglaio_parse.stages import segment
        t = time.perf_counter()
        cls, depth = type(segment.tokenizer()), [0]
        for name in ("cut", "lcut", "tokenize", "cut_for_search", "lcut_for_search"):
            setattr(cls, name, _timed(getattr(cls, name), seg, "s", depth, materialise=True))
        out["segment_load_s"] = time.perf_counter() - t
    except Exception as exc:  # noqa: BLE001 — the split still works without them
        out["note"] = f"not instrumented: {exc}"
    write = writer("jsonl")
    for key, paths in (("seed_first", [seed]), ("seed_again", [seed]), ("corpus", files)):
        timings: dict[str, float] = {}
        seg["s"], chars, t = 0.0, 0, time.perf_counter()
        for p in paths:
            report = parse_file(p, Options(), timings=timings)
            chars += len(report.text)
            r0 = time.perf_counter()
            write([report], io.StringIO())
            timings["render"] = timings.get("render", 0.0) + time.perf_counter() - r0
        total = time.perf_counter() - t
        rules = {k.removeprefix("check:"): timings.pop(k) for k in list(timings) if k.startswith("check:")}
        if paths:
            out[key] = {"files": len(paths), "chars": chars, "total_s": total, "stages": timings,
                        "segmentation_s": seg["s"], "chars_per_s": chars / total,
                        "checks": dict(sorted(rules.items(), key=lambda kv: -kv[1]))}
    print(json.dumps(out))


def _timed(fn, acc: dict, key: str, depth: list | None = None, materialise: bool = False):
    """fn adding its seconds to acc[key] (outermost call of those sharing `depth`); `materialise`
    runs a generator to the end inside the timing."""
    depth = depth if depth is not None else [0]

    def timed(*a, **kw):
        if depth[0]:
            return fn(*a, **kw)
        depth[0], t = 1, time.perf_counter()
        try:
            return (list(fn(*a, **kw)) if fn.__name__.startswith("l") else iter(list(fn(*a, **kw)))) \
                if materialise else fn(*a, **kw)
        finally:
            depth[0] = 0
            acc[key] = acc.get(key, 0.0) + time.perf_counter() - t
    return timed


if __name__ == "__main__":
    stage_worker(sys.argv[1], sys.argv[2:])
