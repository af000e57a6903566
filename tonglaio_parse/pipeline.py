"""The only place that knows the order of the stages."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .errors import InputError
from .stages import load as load_stage
from .model import Document, Indicator, Report, Source


@dataclass
class Options:
    encoding: Optional[str] = None
    year: Optional[int] = None
    region: Optional[str] = None
    indicators_file: Optional[str] = None
    disabled_checks: tuple[str, ...] = ()
    timings: Optional[dict[str, float]] = field(default=None)


class _Timer:
    def __init__(self, sink: Optional[dict[str, float]]):
        self.sink = sink
        self.t = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.sink is not None:
            now = time.perf_counter()
            self.sink[stage] = self.sink.get(stage, 0.0) + now - self.t
            self.t = now


def parse_bytes(data: bytes, path: Optional[str] = None, options: Optional[Options] = None) -> Report:
    opts = options or Options()
    timer = _Timer(opts.timings)
    loaded = load_stage.decode(data, path, opts.encoding)
    timer.lap("load")
    return _analyse(loaded, opts, timer)


def parse_text(text: str, path: Optional[str] = None, options: Optional[Options] = None) -> Report:
    """Parse a report given as text (offsets refer to this very string)."""
    opts = options or Options()
    import hashlib
    loaded = load_stage.Loaded(load_stage._clean(text), "utf-8",
                               hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), path, False)
    return _analyse(loaded, opts, _Timer(opts.timings))


def parse_file(path: str, options: Optional[Options] = None) -> Report:
    return parse_bytes(load_stage.read_path(path), path, options)


def _analyse(loaded: load_stage.Loaded, opts: Options, timer: _Timer) -> Report:
    from . import checks
    from .stages import document, indicators, sections
    from .stages.normalize import normalize
    from .stages.quantities import find_quantities

    norm = normalize(loaded.text)
    timer.lap("normalise")
    secs = sections.build_sections(norm)
    timer.lap("sections")
    year = opts.year or document.year_of(norm.text, loaded.path)
    quantities = find_quantities(norm.text)
    timer.lap("quantities")
    meanings = indicators.interpret(norm.text, quantities, document.part_kinds(norm, secs), year,
                                    document.extra_canonical(opts.indicators_file),
                                    document.headings(norm, secs))
    index = sections.SectionIndex(secs)
    inds = [_indicator(n, m, norm, index) for n, m in enumerate(meanings, 1)]
    timer.lap("indicators")
    ctx = checks.Context(norm, secs, inds, quantities, loaded.guessed, loaded.encoding)
    warnings = checks.run_checks(ctx, opts.disabled_checks)
    timer.lap("checks")
    doc = Document(document.title_of(norm.text), opts.region or document.region_of(norm.text, loaded.path),
                   year, norm.script)
    src = Source(loaded.path, loaded.sha256, loaded.encoding, len(loaded.text), _count_lines(loaded.text))
    return Report(src, doc, secs, inds, warnings, text=loaded.text)


def _indicator(n: int, m, norm, index) -> Indicator:
    q = m.quantity
    start, end = norm.orig_span(q.start, q.end)
    line, col = norm.line_col(start)
    return Indicator(
        id=f"i{n}", subject=m.subject, canonical=m.canonical, measure=q.measure, direction=m.direction,
        status=m.status, period=m.period, section=_section_id(index.innermost(start)), line=line, column=col,
        span=(start, end), text=norm.original[start:end])


def _section_id(section) -> Optional[str]:
    return section.id if section else None


def _count_lines(text: str) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def parse_many(paths: Iterable[str], options: Optional[Options] = None):
    """Yield (path, Report or InputError) for each path; one bad file never stops the rest."""
    for p in paths:
        try:
            yield p, parse_file(p, options)
        except InputError as exc:
            yield p, exc
