#!/usr/bin/env python3
"""`make bench`: how fast tonglaio-parse is, measured next to what jieba alone needs (issue 7).

    python benchmarks/bench.py --corpus ../shared/corpus/national      # table + bench-results.json
    python benchmarks/bench.py --quick -o -                           # seed only, JSON on stdout

Every command runs as its own process, with the package's bytecode cached (as after `pip
install`) and jieba's dictionary cache warm unless the row says cold (a fresh, empty
TONGLAIO_CACHE_DIR and TMPDIR). Wall and CPU time are medians of -n runs; peak memory is the
largest RSS of any process of the run's tree. The per-stage split runs in one process through
pipeline.Options(timings=...). Ratios compare figures taken in this same run, so a busy machine
slows both sides; the load average is recorded next to them.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
JIEBA_LOAD = "import logging, jieba; jieba.setLogLevel(logging.ERROR); jieba.initialize()"
JIEBA_SEGMENT = """import json, logging, sys, time
import jieba
jieba.setLogLevel(logging.ERROR); jieba.initialize()
out = {}
for key, files in json.load(sys.stdin).items():
    texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    out[key] = {"seconds": time.perf_counter() - t, "chars": sum(map(len, texts))}
print(json.dumps(out))"""
# ratio key: (label, numerator, denominator, target); names are figures computed by `figures`
RATIOS = {
    "parse_vs_jieba_load": ("parse seed / jieba load (processes)", "parse_seed", "jieba_load", "<= 1.0"),
    "parse_seed_seconds": ("parse seed, median seconds", "parse_seed", None, "<= 0.6"),
    "parse_cold_vs_jieba_cold": ("parse seed cold / jieba load cold", "parse_seed_cold", "jieba_load_cold", "<= 1.0"),
    "batch_vs_jieba_segment": ("batch -j1 / jieba segmenting the text", "batch_j1", "jieba_segmenting", "<= 1.0"),
    "batch_vs_jieba_process": ("batch -j1 / jieba load + segment (processes)", "batch_j1", "jieba_segment", "<= 1.0"),
    "batch_chars_per_second": ("batch -j1 characters per second", "batch_j1_cps", None, ">= 500000"),
    "jobs2_speedup": ("batch -j1 / batch -j2 (speed-up)", "batch_j1", "batch_j2", ">= 1.7"),
    "batch_peak_mb": ("batch -j1 peak MB (largest process)", "batch_j1_mb", None, "<= 300"),
    "batch_j2_peak_mb": ("batch -j2 peak MB (largest process)", "batch_j2_mb", None, "<= 300"),
    "memory_growth": ("batch peak MB, all files / a quarter", "batch_j1_mb", "batch_quarter_mb", "<= 1.15"),
    "help_seconds": ("--help, median seconds", "help", None, "<= 0.15"),
}


def _tree_rss(root: int) -> tuple[int, int]:
    """Bytes resident in `root` and all its descendants, and in the largest of them (/proc)."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return 0, 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        kids.setdefault(int(fields[2 - 1]), []).append(pid)
        rss[pid] = int(fields[22 - 1]) * PAGE
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total, largest = total + rss.get(pid, 0), max(largest, rss.get(pid, 0))
        todo.extend(kids.get(pid, ()))
    return total, largest


def run_once(cmd: list[str], env: dict, stdin: bytes | None = None, sample: bool = False) -> dict:
    """One process: wall and CPU seconds, peak RSS (largest process; the tree's sum if sampled)."""
    with tempfile.TemporaryFile() as fin, tempfile.TemporaryFile() as fout, tempfile.TemporaryFile() as ferr:
        fin.write(stdin or b"")
        fin.seek(0)
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdin=fin, stdout=fout, stderr=ferr)
        peak, stop = [0, 0], threading.Event()

        def sampler() -> None:
            while not stop.wait(0.05):
                peak[:] = map(max, peak, _tree_rss(proc.pid))

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        _, status, usage = os.wait4(proc.pid, 0)  # not Popen.wait: wait4 also gives the rusage
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        if thread:
            thread.join()
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
    return {"wall": wall, "rc": proc.returncode, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": max(usage.ru_maxrss * 1024, peak[1]) / 2**20, "tree_mb": peak[0] / 2**20 if sample else None,
            "stdout": out, "stderr": err.decode("utf-8", "replace")[-500:]}


def measure(label: str, cmd: list[str], env: dict, runs: int, stdin: bytes | None = None,
            sample: bool = False, fresh_cache: bool = False) -> dict:
    results = []
    for _ in range(runs):
        e = dict(env)
        tmp = tempfile.mkdtemp(prefix="tonglaio-bench-cold-") if fresh_cache else None
        if tmp:
            e.update(TONGLAIO_CACHE_DIR=tmp, TMPDIR=tmp)
        try:
            results.append(run_once(cmd, e, stdin, sample))
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
    walls, cpus = [r["wall"] for r in results], [r["cpu"] for r in results if r["cpu"] is not None]
    row = {"label": label, "cmd": [str(c) for c in cmd], "runs": runs, "wall": walls,
           "wall_median": statistics.median(walls), "cpu_median": statistics.median(cpus) if cpus else None,
           "peak_rss_mb": max((r["rss_mb"] or 0) for r in results),
           "tree_peak_mb": max((r["tree_mb"] or 0) for r in results) if sample else None,
           "rc": [r["rc"] for r in results]}
    if any(r["rc"] for r in results):
        row["stderr"] = next(r["stderr"] for r in results if r["rc"])
    row["_stdout"] = results[-1]["stdout"]
    return row


def child_env(cache: Path) -> dict:
    """Bytecode cached in our own folder (as after an install), jieba caches warm in `cache`."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(PYTHONPYCACHEPREFIX=str(cache / "pyc"), TONGLAIO_CACHE_DIR=str(cache / "jieba"),
               TMPDIR=str(cache / "tmp"), PYTHONHASHSEED="0", COLUMNS="120")
    for sub in ("pyc", "jieba", "tmp"):
        (cache / sub).mkdir(parents=True, exist_ok=True)
    return env


def stage_worker(seed: str, files: list[str]) -> None:
    """In-process split (run as `bench.py --stages-worker SEED FILES...`): prints JSON."""
    import io
    t0 = time.perf_counter()
    from tonglaio_parse.pipeline import Options, parse_file
    from tonglaio_parse.render import writer
    out: dict = {"import_s": time.perf_counter() - t0}
    seg = {"s": 0.0, "calls": 0}
    try:  # segmentation time inside the indicators and checks stages
        from tonglaio_parse import segment
        t = time.perf_counter()
        tok = segment.tokenizer()
        out["segment_load_s"] = time.perf_counter() - t
        _instrument(type(tok), seg)
    except Exception as exc:  # noqa: BLE001 — the split still works without it
        out["segment_note"] = f"not instrumented: {exc}"
    write = writer("jsonl")
    for key, paths in (("seed_first", [seed]), ("seed_again", [seed]), ("corpus", files)):
        if not paths:
            continue
        timings: dict[str, float] = {}
        seg.update(s=0.0, calls=0)
        chars, t = 0, time.perf_counter()
        for p in paths:
            report = parse_file(p, Options(timings=timings))
            chars += len(report.text)
            r0 = time.perf_counter()
            write([report], io.StringIO())
            timings["render"] = timings.get("render", 0.0) + time.perf_counter() - r0
        total = time.perf_counter() - t
        out[key] = {"files": len(paths), "chars": chars, "total_s": total, "stages": timings,
                    "segmentation_s": seg["s"], "segment_calls": seg["calls"],
                    "chars_per_s": chars / total if total else None}
    print(json.dumps(out))


def _instrument(cls, acc: dict) -> None:
    """Wrap the tokenizer's cutting methods (outermost call only) to add up their time."""
    depth = [0]

    def wrap(fn):
        def timed(self, *a, **kw):
            if depth[0]:
                return fn(self, *a, **kw)
            depth[0] += 1
            t = time.perf_counter()
            try:
                res = list(fn(self, *a, **kw))
            finally:
                depth[0] -= 1
                acc["s"] += time.perf_counter() - t
                acc["calls"] += 1
            return res if fn.__name__.startswith("l") else iter(res)
        return timed
    for name in ("cut", "lcut", "tokenize", "cut_for_search", "lcut_for_search"):
        if hasattr(cls, name):
            setattr(cls, name, wrap(getattr(cls, name)))


def figures(rows: dict, chars: int, segmenting: float | None) -> dict[str, float]:
    fig = {k: r["wall_median"] for k, r in rows.items()}
    fig.update({f"{k}_mb": r["peak_rss_mb"] for k, r in rows.items()})
    if "batch_j1" in rows and chars:
        fig["batch_j1_cps"] = chars / rows["batch_j1"]["wall_median"]
    if segmenting:
        fig["jieba_segmenting"] = segmenting
    return fig


def ratios(fig: dict[str, float]) -> dict:
    out = {}
    for key, (label, num, den, target) in RATIOS.items():
        if num not in fig or (den and den not in fig):
            continue
        value = fig[num] / fig[den] if den else fig[num]
        op, bound = target.split()
        out[key] = {"label": label, "value": value, "target": target,
                    "ok": value <= float(bound) if op == "<=" else value >= float(bound)}
    return out


def show(result: dict, stream) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(file=stream, highlight=False, width=120)
    m = result["machine"]
    con.print(f"tonglaio-parse bench — {m['cores']} cores, load {m['load_before'][0]:.1f} → {m['load_after'][0]:.1f}, "
              f"Python {m['python']}, {result['runs']} runs", markup=False)
    t = Table("measure", "wall s (median)", "cpu s", "peak MB", "tree MB", "note")
    for row in result["measures"].values():
        t.add_row(row["label"], f"{row['wall_median']:.3f}", f"{row['cpu_median']:.3f}", f"{row['peak_rss_mb']:.0f}",
                  f"{row['tree_peak_mb']:.0f}" if row.get("tree_peak_mb") else "", row.get("note", ""))
    con.print(t)
    st = Table("stage (in one process)", *[k for k in result["stages"] if k.startswith(("seed", "corpus"))])
    parts = {k: v for k, v in result["stages"].items() if isinstance(v, dict)}
    names = list(dict.fromkeys(n for v in parts.values() for n in v["stages"]))
    for name in names + ["segmentation_s", "total_s", "chars_per_s"]:
        cells = [v["stages"].get(name) if name in names else v.get(name) for v in parts.values()]
        label = {"segmentation_s": "(of which jieba segmentation)", "total_s": "total",
                 "chars_per_s": "characters / s"}.get(name, name)
        st.add_row(label, *["" if c is None else f"{c:,.0f}" if name == "chars_per_s" else f"{c:.3f}" for c in cells])
    if parts:
        stg = result["stages"]
        con.print(st)
        con.print(f"start-up in that process: import {stg.get('import_s', 0):.3f} s, jieba tokenizer "
                  f"{stg.get('segment_load_s', 0):.3f} s; peak {stg.get('peak_rss_mb', 0):.0f} MB", markup=False)
    rt = Table("ratio (issue 7)", "value", "target", "ok")
    for r in result["ratios"].values():
        rt.add_row(r["label"], f"{r['value']:,.3f}", r["target"], "yes" if r["ok"] else "NO")
    con.print(rt)
    for key, why in result["skipped"].items():
        con.print(f"skipped {key}: {why}", markup=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="folder of reports for the batch rows (e.g. ../shared/corpus/national)")
    ap.add_argument("--seed", default=str(SEED), help="the one report for the parse rows")
    ap.add_argument("-n", "--runs", type=int, default=5, help="runs per short command (median)")
    ap.add_argument("--batch-runs", type=int, default=1, help="runs per batch command")
    ap.add_argument("-o", "--output", default="bench-results.json", help="JSON results here ('-': stdout)")
    ap.add_argument("--quick", action="store_true", help="seed only, one run: a smoke test, not a measurement")
    ap.add_argument("--stages-worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stages_worker:
        stage_worker(args.stages_worker[0], args.stages_worker[1:])
        return 0
    runs = 1 if args.quick else args.runs
    py = sys.executable
    exe = Path(py).parent / "tonglaio-parse"
    cli = [str(exe)] if exe.exists() else [py, "-m", "tonglaio_parse"]
    cache = Path(tempfile.gettempdir()) / "tonglaio-bench"
    env = child_env(cache)
    files = [] if args.quick or not args.corpus else sorted(str(p) for p in Path(args.corpus).glob("*.txt"))
    chars = sum(len(Path(f).read_text(encoding="utf-8", errors="replace")) for f in files)
    recent = [f for f in files if int((re.findall(r"(?:19|20)\d\d", Path(f).name) or ["0"])[-1]) >= 2004]
    result: dict = {"machine": {"cores": os.cpu_count(), "load_before": os.getloadavg(), "python": platform.python_version(),
                                "platform": platform.platform()},
                    "runs": runs, "seed": args.seed, "corpus": {"path": args.corpus, "files": len(files), "chars": chars},
                    "measures": {}, "stages": {}, "ratios": {}, "skipped": {}}
    rows = result["measures"]
    for cmd in () if args.quick else (cli + ["parse", args.seed], [py, "-c", JIEBA_LOAD]):
        run_once(cmd, env)  # warm-up: bytecode and jieba caches

    def add(key, label, cmd, n=runs, **kw):
        print(f"measuring {label} ...", file=sys.stderr)
        rows[key] = measure(label, cmd, env, n, **kw)
        return rows[key]

    add("help", "tonglaio-parse --help", cli + ["--help"])
    add("jieba_load", "reference: import jieba + load its dictionary", [py, "-c", JIEBA_LOAD])
    add("parse_seed", "parse seed (table to a file)", cli + ["parse", args.seed])
    if not args.quick:
        add("parse_seed_json", "parse seed --format json", cli + ["parse", args.seed, "-f", "json"])
        add("parse_seed_cold", "parse seed, cold (empty cache dir)", cli + ["parse", args.seed], fresh_cache=True)
        add("jieba_load_cold", "reference: jieba load, cold (no cache)", [py, "-c", JIEBA_LOAD], fresh_cache=True)
        nopyc = dict(env, PYTHONDONTWRITEBYTECODE="1")
        nopyc.pop("PYTHONPYCACHEPREFIX")
        print("measuring parse seed without .pyc ...", file=sys.stderr)
        rows["parse_seed_nopyc"] = measure("parse seed, PYTHONDONTWRITEBYTECODE=1 (our .py compiled each run)",
                                           cli + ["parse", args.seed], nopyc, runs)
    if files:
        seg = add("jieba_segment", "reference: jieba load + segment the corpus", [py, "-c", JIEBA_SEGMENT],
                  n=args.batch_runs, stdin=json.dumps({"recent": recent, "all": files}).encode())
        ref = json.loads(seg["_stdout"] or "{}")
        if "all" in ref:  # the reference: jieba *segmenting* the text, its load not counted
            result["jieba_segment"] = ref
            seg["note"] = (f"segmenting alone: {ref['all']['seconds']:.2f} s; the {len(recent)} reports 2004–: "
                           f"{ref['recent']['seconds']:.2f} s for {ref['recent']['chars']:,} chars")
        if subprocess.run(cli + ["batch", "--help"], env=env, capture_output=True).returncode:
            result["skipped"]["batch"] = "`tonglaio-parse batch` is not available"
        else:
            for key, label, jobs, subset in (("batch_j1", "batch --jobs 1", 1, files),
                                             ("batch_j2", "batch --jobs 2", 2, files),
                                             ("batch_quarter", "batch --jobs 1, every 4th file", 1, files[::4])):
                add(key, f"{label} ({len(subset)} files)", cli + ["batch", "-j", str(jobs), *subset],
                    n=args.batch_runs, sample=True)
    elif not args.quick:
        result["skipped"]["batch"] = "no --corpus"
    print("measuring the per-stage split ...", file=sys.stderr)
    st = run_once([py, str(Path(__file__).resolve()), "--stages-worker", args.seed, *files], env)
    result["stages"] = json.loads(st["stdout"] or "{}") if st["rc"] == 0 else {"error": st["stderr"]}
    result["stages"]["peak_rss_mb"] = st["rss_mb"]
    segmenting = result.get("jieba_segment", {}).get("all", {}).get("seconds")
    result["ratios"] = ratios(figures(rows, chars, segmenting))
    result["machine"]["load_after"] = os.getloadavg()
    for row in rows.values():
        row.pop("_stdout", None)
    show(result, sys.stderr if args.output == "-" else sys.stdout)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
