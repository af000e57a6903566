#!/usr/bin/env python3
"""The per-stage split for bench.py, inside one process: `python benchmarks/stages.py SEED [FILES...]`.

Parses the seed twice (first call: lazy set-up included; again: warm) then FILES, with
the timings= argument of parse_file per stage, the JSON Lines writer as render, the time spent in
jieba (inside indicators and checks: the package's own count, segment.measure_jieba) and each
check's own time. Prints JSON."""
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
    from tonglaio_parse.stages import segment
    t = time.perf_counter()
    segment.tokenizer()
    out["segment_load_s"] = time.perf_counter() - t
    write = writer("jsonl")
    for key, paths in (("seed_first", [seed]), ("seed_again", [seed]), ("corpus", files)):
        timings: dict[str, float] = {}
        segment.measure_jieba()  # jieba's time inside the indicators and checks stages
        chars, t = 0, time.perf_counter()
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
                        "segmentation_s": segment.jieba_seconds(), "chars_per_s": chars / total,
                        "checks": dict(sorted(rules.items(), key=lambda kv: -kv[1]))}
    print(json.dumps(out))


if __name__ == "__main__":
    stage_worker(sys.argv[1], sys.argv[2:])
