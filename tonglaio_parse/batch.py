"""Many reports at once: find the files, parse them in worker processes, hand them on in order.

`discover` turns files and folders into a sorted list; `run` parses them (one process per job,
each paying the start-up once) and yields one `Outcome` per file in that list's order, however
the work finished; a bad file is an outcome with a reason, never the end of the batch (a bad
data table, RuleError, ends it: every file would fail alike). The sinks take what comes out: a
writer of the render registry (streamed, or all at the end) or the SQLite database (store.py).
Nothing here prints or opens the output: the CLI owns the terminal and the files.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, TextIO

from .errors import InputError, RuleError
from .model import Report
from .pipeline import Options

DATABASE = "sqlite"  # the --format of the database output, beside the render registry's names


@dataclass(frozen=True, slots=True)
class Outcome:
    path: str
    report: Optional[Report] = None  # None when skipped or failed, or when `prepared` stands for it
    error: Optional[str] = None      # why the file failed, "PATH: reason"
    prepared: Any = None             # what run(prepare=…) made of the report, where it was parsed
    counts: tuple[int, int] = (0, 0)  # the report's indicators and warnings

    @property
    def item(self) -> Any:
        """What goes to the output: the prepared form, else the report (None: nothing)."""
        return self.report if self.prepared is None else self.prepared

    @property
    def skipped(self) -> bool:
        return self.item is None and self.error is None


@dataclass(slots=True)
class Summary:
    files: int = 0
    parsed: int = 0
    skipped: int = 0
    failed: int = 0
    indicators: int = 0
    warnings: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of each failed file
    started: float = field(default_factory=time.perf_counter)

    def add(self, o: Outcome) -> None:
        self.files += 1
        if o.error is not None:
            self.failed += 1
            self.errors.append((o.path, o.error.removeprefix(f"{o.path}: ")))
        elif o.item is None:
            self.skipped += 1
        else:
            self.parsed += 1
            self.indicators += o.counts[0]
            self.warnings += o.counts[1]

    def line(self) -> str:
        secs = time.perf_counter() - self.started
        skipped = f", {self.skipped} unchanged (skipped)" if self.skipped else ""
        return (f"{self.files} files: {self.parsed} parsed{skipped}, {self.failed} failed; "
                f"{self.indicators} indicators, {self.warnings} warnings in {secs:.1f} s")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# The files of a folder a batch takes: reports as text, saved web pages, PDFs and Word files.
DEFAULT_GLOB = "*.txt *.html *.htm *.pdf *.docx"


def discover(paths: Iterable[str], glob: str = DEFAULT_GLOB, recursive: bool = False,
             exclude: Iterable[str] = ()) -> tuple[list[str], list[Outcome]]:
    """Files named are taken as they are; folders give their files matching `glob` (patterns
    separated by spaces, sorted by name), subfolders too when `recursive`. Returns (files,
    failures for paths that do not exist)."""
    files: list[str] = []
    failures: list[Outcome] = []
    seen = {os.path.realpath(p) for p in exclude}
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted({f for g in glob.split() or [glob] for f in (p.rglob(g) if recursive else p.glob(g))})
            names = [str(f) for f in found if f.is_file()]
        elif p.exists():
            names = [arg]
        else:
            failures.append(Outcome(arg, error=f"{arg}: no such file or folder"))
            continue
        for name in names:
            key = os.path.realpath(name)
            if key not in seen:
                seen.add(key)
                files.append(name)
    return files, failures


def sha256_of(path: str) -> Optional[str]:
    """Digest of the file's bytes, or None when it cannot be read (the parse will say why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def text_name(path: str) -> str:
    """The file name --save-text gives the text of `path`: its name and .txt (report.pdf.txt)."""
    return (Path(path).name or "stdin") + ".txt"


def save_text(report: Report, target: str) -> None:
    """The report's original text (what its spans refer to) to `target`, UTF-8, as it is."""
    with open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write(report.text)


class TextSaver:
    """What batch --save-text DIR does where each file is parsed: write the report's original
    text (a PDF's, a page's or a Word file's extracted text) as DIR/NAME.txt in UTF-8, then hand
    the report on to the sink's `prepare` (or as it is, text and all)."""

    def __init__(self, directory: str, prepare: Prepare = None):
        self.directory, self.prepare = directory, prepare

    def __call__(self, report: Report) -> Any:
        target = os.path.join(self.directory, text_name(report.source.path or "stdin"))
        try:
            save_text(report, target)
        except OSError as exc:
            raise InputError(f"{target}: cannot write the text ({exc.strerror or exc})") from None
        return report if self.prepare is None else self.prepare(report)


def saving_text(directory: Optional[str], prepare: Prepare) -> Prepare:
    return TextSaver(directory, prepare) if directory else prepare


# --- parsing, in this process or in workers ------------------------------------------------

Parse = Callable[[str, Options], Report]
Prepare = Optional[Callable[[Report], Any]]


def _default_parse(path: str, options: Options) -> Report:
    from .pipeline import parse_file

    return parse_file(path, options)


def parse_one(parse: Parse, path: str, options: Options, prepare: Prepare = None) -> Outcome:
    """Parse one file; any failure becomes an outcome. The text is dropped (not needed downstream,
    and it would be shipped between processes for nothing); with `prepare`, only what it makes
    of the report is kept (a JSON line is cheaper to ship than the objects)."""
    try:
        report = parse(path, options)
        counts = (len(report.indicators), len(report.warnings))
        if prepare is not None:
            return Outcome(path, prepared=prepare(report), counts=counts)
    except InputError as exc:
        return Outcome(path, error=str(exc))
    except RuleError:
        raise
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not end the batch
        return Outcome(path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")
    return Outcome(path, replace(report, text=""), counts=counts)


_worker: dict = {}


def _start_worker(parse: Parse, options: Options, prepare: Prepare, parent: int) -> None:
    """Once per worker process: ignore Ctrl-C (the parent decides), leave when the parent is
    gone, and load the rules, the dictionary and the unit registry before the first file."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _worker.update(parse=parse, options=options, prepare=prepare)
    if parse is _default_parse:
        warm_up(options)  # milliseconds when forked from a warm server (module warmup)


def warm_up(options: Optional[Options] = None) -> None:
    """Parse one sentence, so the rules, the dictionary and the registry are loaded."""
    try:
        from .pipeline import parse_text

        parse_text("一、回顾\n2025年国内生产总值增长5%左右。\n", "<warm-up>", options)
    except Exception:  # noqa: BLE001 — the real files will report whatever is wrong
        pass


def _exit_with(parent: int) -> None:
    """A killed batch (kill -9) leaves its workers waiting for work forever; end them instead."""
    while _alive(parent):
        time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed parent stays a zombie until reaped: dead all the same
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _work(path: str) -> Outcome:
    return parse_one(_worker["parse"], path, _worker["options"], _worker["prepare"])


def _context(default_parse: bool):
    """How workers start. Fork, from this process once it is warm, when nothing else runs in
    it: the workers start in a millisecond with everything loaded. Not fork when another thread
    runs (the progress bar on a terminal): fork would copy its locks, held or not. Then a fork
    server, loaded once (module warmup) and forked for every worker."""
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if default_parse and "fork" in methods and threading.active_count() == 1:
        warm_up()
        return mp.get_context("fork")
    if "forkserver" not in methods:
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    if default_parse:
        ctx.set_forkserver_preload(["__main__", f"{__package__}.warmup"])
    return ctx


# A worker's start-up (imports, dictionary, rules) costs about as much as parsing this much
# text: fewer bytes per process and the processes cost more than they save.
BYTES_PER_JOB = 256 * 1024


def run(files: list[str], options: Optional[Options] = None, jobs: int = 1,
        skip: Optional[Callable[[str], bool]] = None, on_done: Optional[Callable[[Outcome], None]] = None,
        parse: Parse = _default_parse, bytes_per_job: int = 0, prepare: Prepare = None) -> Iterator[Outcome]:
    """Yield one Outcome per file in `files` order. `skip(path)` True means nothing to do
    (an empty Outcome); `on_done` is called as each file finishes, in any order (for progress);
    `prepare(report)`, a picklable function, runs where the file is parsed and its result is
    the outcome's `prepared` instead of the report.
    Up to `jobs` worker processes, and with `bytes_per_job` no more than one per that much input."""
    files = list(dict.fromkeys(files))  # a file named twice is parsed once
    options = options or Options()
    done = on_done or (lambda o: None)
    todo = [f for f in files if not (skip and skip(f))]
    pending = set(todo)
    if bytes_per_job:
        jobs = min(jobs, -(-sum(map(_size, todo)) // bytes_per_job))
    if len(todo) <= 1 or jobs <= 1:
        for path in files:
            o = parse_one(parse, path, options, prepare) if path in pending else Outcome(path)
            done(o)
            yield o
        return
    results = {path: Outcome(path) for path in files if path not in pending}
    yield from _parallel(files, todo, options, min(jobs, len(todo)), parse, prepare, results, done)


def _parallel(files, todo, options, jobs, parse, prepare, results, done) -> Iterator[Outcome]:
    """`jobs` worker processes, each fed two files at a time, largest files first (so no one
    is left with a big file at the end); emitted in `files` order as they come. Outcomes
    already in `results` (skipped files) are reported once the workers exist (reporting starts
    the progress bar's thread, and workers are forked only while no other thread runs). A dead
    worker fails the files it and the pool still held; the batch goes on with a new pool."""
    queue = deque(sorted(todo, key=_size, reverse=True))
    early = list(results.values())
    pool = None
    running: dict = {}
    nxt = 0

    def finish(o: Outcome) -> None:
        results[o.path] = o
        done(o)

    try:
        while nxt < len(files):
            if pool is None:
                pool = ProcessPoolExecutor(jobs, mp_context=_context(parse is _default_parse),
                                           initializer=_start_worker, initargs=(parse, options, prepare, os.getpid()))
            try:
                while queue and len(running) < _QUEUED_PER_WORKER * jobs:
                    path = queue.popleft()
                    running[pool.submit(_work, path)] = path
            except BrokenProcessPool:
                queue.appendleft(path)
                for fut, held in list(running.items()):
                    finish(_result(fut, held))
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                continue
            for o in early:
                done(o)
            early = []
            if files[nxt] not in results:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    finish(_result(fut, running.pop(fut)))
            while nxt < len(files) and files[nxt] in results:
                yield results.pop(files[nxt])
                nxt += 1
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_QUEUED_PER_WORKER = 2  # one file parsing and one waiting, so a worker never idles


def _result(fut, path: str) -> Outcome:
    try:
        return fut.result()
    except BrokenProcessPool:
        return Outcome(path, error=f"{path}: the worker process died (out of memory or killed?)")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# --- where the reports go -------------------------------------------------------------------

def output_format(output: Optional[str], fmt: Optional[str]) -> str:
    """--format wins; else the suffix of -o; no -o means JSON Lines on stdout. A name without
    a suffix gets SQLite (the default store); an unknown suffix is an error, not a guess."""
    from . import render, store

    if fmt:
        if fmt == DATABASE and (output is None or output == "-"):
            raise ValueError("SQLite output needs a file: -o FILE.sqlite")
        return fmt
    if output is None or output == "-":
        return "jsonl"
    suffix = Path(output).suffix.lower()
    if not suffix or suffix in store.SUFFIXES:
        return DATABASE
    writer = render.by_suffix(output)
    if writer is None:
        known = ", ".join((*render.suffixes(), *store.SUFFIXES))
        raise ValueError(f"cannot tell the output format from {output!r} (use {known} or --format)")
    return writer.name


class Sink:
    """Where a batch's reports go: `known` says whether a file can be skipped, `put` stores one
    and returns why it could not (that file failed; the batch goes on). With a `prepare`
    function, put receives what it made of the report, in the worker, instead of the report."""
    prepare: Prepare = None

    def known(self, path: str) -> bool:
        return False

    def put(self, item: Any) -> Optional[str]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class StreamSink(Sink):
    """A writer that streams (render.Writer.each: JSON Lines, CSV) on `out`: its head first,
    then each report as soon as it is ready, its text made in the worker that parsed it."""

    def __init__(self, writer, out: TextIO):
        self.out = out
        self.prepare = writer.each
        if writer.head is not None:
            out.write(writer.head())

    def put(self, text: str) -> Optional[str]:
        self.out.write(text)
        self.out.flush()
        return None


def with_text(report: Report) -> Report:
    """The report whole: what a CollectSink keeps (workers otherwise drop the text)."""
    return report


class CollectSink(Sink):
    """Every report, in order, for a writer that writes them all at once (`reports`); with
    their text unless `text` is False."""

    def __init__(self, text: bool = True):
        self.reports: list[Report] = []
        self.prepare = with_text if text else None

    def put(self, report: Report) -> Optional[str]:
        self.reports.append(report)
        return None


class SqliteSink(Sink):
    """The database (store.py): known files are skipped, each report stored in one transaction."""

    def __init__(self, path: str):
        from .store import Database

        self.db = Database(path)

    def known(self, path: str) -> bool:
        sha = sha256_of(path)
        return sha is not None and self.db.known(path, sha)

    def put(self, report: Report) -> Optional[str]:
        from .store import RejectedReport

        try:
            self.db.store(report)
        except RejectedReport as exc:
            return str(exc)
        return None

    def close(self) -> None:
        self.db.close()
