"""The public API, and the only place that knows the order of the stages:

load → normalize → sections → document → quantities → indicators → checks → Report.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from .errors import InputError
from .model import Indicator, QualitativeTarget, Report, Source
from .stages import load as load_stage

Timings = dict[str, float]  # stage -> seconds, summed over the reports parsed with it


@dataclass(frozen=True, slots=True)
class Options:
    """What a user may say about the inputs: every field has a default that detects or
    derives it from the text."""
    encoding: Optional[str] = None
    year: Optional[int] = None
    region: Optional[str] = None
    indicators_file: Optional[str] = None
    disabled_checks: tuple[str, ...] = ()
    # batch --year / --region: for the reports whose text and file name do not say (`year` and
    # `region` win over the text, these only fill in)
    default_year: Optional[int] = None
    default_region: Optional[str] = None


class _Timer:
    def __init__(self, sink: Optional[Timings]):
        self.sink = sink
        self.t = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.sink is not None:
            now = time.perf_counter()
            self.sink[stage] = self.sink.get(stage, 0.0) + now - self.t
            self.t = now


def max_input_bytes() -> int:
    """The largest input the parse functions accept (TONGLAIO_MAX_MB, default 20 MB; 0 lifts
    it): a reader of a stream reads one byte past it, and the parse refuses that."""
    return load_stage.max_bytes()


def parse_bytes(data: bytes, path: Optional[str] = None, options: Optional[Options] = None,
                timings: Optional[Timings] = None) -> Report:
    """Parse a report given as bytes (encoding detected unless `options.encoding` says).
    `timings`, when given, gets the seconds spent in each stage added to it (and in each check,
    under "check:CODE")."""
    opts = options or Options()
    timer = _Timer(timings)
    loaded = load_stage.load(data, path, opts.encoding)
    if not loaded.text.strip():
        raise InputError(f"{load_stage.show(path)}: empty, no text to parse")
    timer.lap("load")
    return _analyse(loaded, opts, timer)


def parse_text(text: str, path: Optional[str] = None, options: Optional[Options] = None,
               timings: Optional[Timings] = None) -> Report:
    """Parse a report given as text (offsets refer to this very string)."""
    return _analyse(load_stage.from_text(text, path), options or Options(), _Timer(timings))


def parse_file(path: str, options: Optional[Options] = None, timings: Optional[Timings] = None) -> Report:
    return parse_bytes(load_stage.read_path(path), path, options, timings)


def _analyse(loaded: load_stage.Loaded, opts: Options, timer: _Timer) -> Report:
    from . import checks
    from .rules import user_wordings
    from .stages import document, indicators, qualitative, sections
    from .stages.normalize import normalize
    from .stages.quantities import find_quantities
    from .stages.sentences import Sentences

    norm = normalize(loaded.text)
    timer.lap("normalise")
    secs = sections.build_sections(norm)
    outline = document.Outline(norm, secs)
    timer.lap("sections")
    doc = _as_written(document.describe(norm, loaded.path, opts.year, opts.region, opts.default_year,
                                        opts.default_region), norm, opts)
    quantities = find_quantities(norm.text)
    timer.lap("quantities")
    extra = user_wordings(opts.indicators_file)
    meanings = indicators.interpret(norm.text, quantities, outline, doc.year, extra)
    where = _Where(Sentences(loaded.text), loaded)
    inds = [_indicator(n, m, norm, outline, where) for n, m in enumerate(meanings, 1)]
    stated = [_stated(s, norm) for s in qualitative.find(norm.text, meanings, doc.year, extra)]
    timer.lap("indicators")
    ctx = checks.Context(norm, secs, inds, quantities, loaded.guessed, loaded.charset or loaded.encoding,
                         section_index=outline.index, document=doc)
    warnings = [replace(w, **where(w.span)) for w in checks.run_checks(ctx, opts.disabled_checks, timer.sink)]
    timer.lap("checks")
    src = Source(loaded.path, loaded.sha256, loaded.encoding, len(loaded.text), _count_lines(loaded.text),
                 loaded.format, loaded.extractor, loaded.charset, len(loaded.pages) or None)
    return Report(src, doc, secs, inds, warnings, text=loaded.text, qualitative_targets=stated)


@dataclass(frozen=True)
class _Where:
    """What an indicator or a warning says of where it stands besides its span: its sentence
    (context) and, in a PDF, its page."""
    sentences: object  # stages.sentences.Sentences of the original
    loaded: load_stage.Loaded

    def __call__(self, span: tuple[int, int]) -> dict:
        a, b = self.sentences.around(*span)
        page = self.loaded.page_at(span[0]) if self.loaded.pages else None
        return {"context": self.sentences.text[a:b], "context_span": (a, b), "page": page}


def _indicator(n: int, m, norm, outline, where: _Where) -> Indicator:
    q = m.quantity
    start, end = norm.orig_span(q.start, q.end)
    line, col = norm.line_col(start)
    return Indicator(
        id=f"i{n}", subject=norm.as_written(m.subject, q.start), canonical=m.canonical, measure=q.measure,
        direction=m.direction, status=m.status, period=m.period, section=outline.section_at(start),
        line=line, column=col, span=(start, end), text=norm.original[start:end],
        subject_simplified=m.subject, **where((start, end)))


def _as_written(doc, norm, opts: Options):
    """The document's title and region in the script of the original (a region the user gave as
    given), the region's Simplified form kept for matching."""
    from .stages.normalize import converter, same_length

    given = doc.region in (opts.region, opts.default_region)
    region = doc.region if given else norm.as_written(doc.region)
    converted = region and (given or norm.script in ("traditional", "mixed"))
    simplified = same_length(converter("t2s"), region) if converted else region
    return replace(doc, title=norm.as_written(doc.title), region=region, region_simplified=simplified)


def _stated(s, norm) -> QualitativeTarget:
    start, end = norm.orig_span(s.start, s.end)
    line, col = norm.line_col(start)
    return QualitativeTarget(s.canonical, norm.original[start:end], line, col, (start, end))


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
