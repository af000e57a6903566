"""HTML: the report's own text with every figure and warning marked in place.

One self-contained file per page: the CSS and JavaScript (data/html_page.css, data/html_page.js)
are inlined, nothing is loaded from the network, and a Content-Security-Policy that admits only
those two blocks (by hash) stops anything that slipped into the text from running. Report text is
always escaped; the data the script needs travels as JSON in a non-executable <script> block.

Marks are spans [start, end) into `Report.text`. They may overlap in any way (a warning inside a
figure, two figures on one span, a span across a line break): they are nested, and a mark that
crosses another is split into fragments. Only the first fragment carries the public attribute
(`data-indicator="ID"`, `data-warning="CODE"`) and the element id, so each figure is counted once;
every fragment carries `data-i` / `data-w`, the index the page's script uses.
"""
from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, TextIO
from urllib.parse import quote

from ..audit import WORST_FIRST, counts
from ..model import Qualifier, Status

_HEADING_REST = re.compile(r"[\s*#。．.:：_~`]*")  # what may follow a heading on its own line
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|#%&{}$!'@+`=\s]+")


def write(reports: list, out: TextIO) -> None:
    """One page: all the reports given, one after another."""
    out.write(page(reports))


def write_site(reports: list, directory, failures: Iterable[tuple[str, str]] = ()) -> list[Path]:
    """`batch … --format html -o DIR`: one page per report and DIR/index.html listing them.

    `failures` are (path, message) pairs for inputs that could not be read; the index lists them.
    Returns the paths written, the index last.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    names = page_names(reports)
    for report, name in zip(reports, names):
        written.append(_save(root / name, page([report], index_href="index.html")))
    written.append(_save(root / "index.html", index_page(reports, names, list(failures))))
    return written


def page_names(reports: list) -> list[str]:
    """A file name per report from its source path: safe on any file system, unique, never index."""
    seen = {"index"}
    names = []
    for r in reports:
        stem = Path(r.source.path).stem if r.source.path else "stdin"
        stem = _UNSAFE_NAME.sub("_", stem).strip("._") or "report"
        name, n = stem, 1
        while name.lower() in seen:
            n += 1
            name = f"{stem}-{n}"
        seen.add(name.lower())
        names.append(name + ".html")
    return names


def _save(path: Path, html: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(html)
    return path


# ---------------------------------------------------------------- the page shell


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("tonglaio_parse").joinpath("data", name).read_text(encoding="utf-8")


def _sha(s: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"


def _shell(title: str, lang: str, body: str, script: bool = True) -> str:
    from .. import __version__

    css = _asset("html_page.css")
    js = _asset("html_page.js") if script else ""
    script_src = _sha(js) if js else "'none'"
    csp = (f"default-src 'none'; style-src {_sha(css)}; script-src {script_src}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="tonglaio-parse {escape(__version__)}">\n'
            f'<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}'
            + (f"<script>{js}</script>\n" if js else "") + "</body>\n</html>\n")


def _lang(reports: list) -> str:
    scripts = {r.document.script for r in reports}
    return "zh-Hant" if scripts == {"traditional"} else "zh-Hans" if scripts <= {"simplified", "none"} else "zh"


def _title(r) -> str:
    return r.document.title or (Path(r.source.path).name if r.source.path else "<stdin>")


def page(reports: list, index_href: Optional[str] = None) -> str:
    parts = []
    if index_href:
        parts.append(f'<p class="up"><a href="{escape(index_href)}">← all documents</a></p>\n')
    if len(reports) > 1:
        items = "".join(f'<li><a href="#r{n}">{escape(_title(r))}</a> — {_counts(r)}</li>'
                        for n, r in enumerate(reports))
        parts.append(f'<nav class="docs"><h1>{len(reports)} reports</h1><ol>{items}</ol></nav>\n')
    if not reports:
        parts.append("<p>No report.</p>\n")
    parts.extend(_article(r, f"r{n}") for n, r in enumerate(reports))
    title = _title(reports[0]) if len(reports) == 1 else f"{len(reports)} reports"
    return _shell(f"{title} — tonglaio-parse", _lang(reports), "".join(parts))


def _counts(r) -> str:
    c = counts(r)
    severities = ", ".join(f"{n} {severity}" for severity, n in c.by_severity.items())
    return (f"{c.indicators} indicators ({c.actual} actual, {c.target} target), "
            f"{c.warnings} warnings ({severities})")


# ---------------------------------------------------------------- one report


def _article(r, p: str) -> str:
    doc, src = r.document, r.source
    meta = " · ".join(escape(str(x)) for x in (
        doc.region or "region unknown", doc.year or "year unknown", src.path or "<stdin>",
        src.encoding, f"{src.chars} chars", f"{src.lines} lines", f"sha256 {src.sha256[:12]}…"))
    legend = ('<span class="legend"><mark class="ind actual">actual</mark> '
              '<mark class="ind target">target</mark> '
              '<mark class="ind actual" data-qsign="≥">qualified</mark> '
              '<span class="warn sev-error">error</span> <span class="warn sev-warning">warning</span> '
              '<span class="warn sev-info">info</span></span>')
    return (f'<article class="report" id="{p}">\n<header><h1>{escape(_title(r))}</h1>'
            f'<p class="meta">{meta}</p><p class="counts">{escape(_counts(r))} {legend}</p></header>\n'
            f'<div class="cols">\n<nav class="side">{_outline(r, p)}{_warning_list(r, p)}</nav>\n'
            f'<main class="text" lang="{_lang([r])}">\n{render_text(r.text, _marks(r, p))}</main>\n'
            '<aside class="panel" aria-live="polite"><h2>Details</h2><p class="hint">Click a highlighted '
            'figure or an underlined passage.</p><div class="panel-body"></div></aside>\n</div>\n'
            f'{_table(r, p)}\n<script type="application/json" class="report-data">{_json(r)}</script>\n'
            '</article>\n')


def _json(r) -> str:
    """The report's records for the page's script, safe inside <script>: no '<', '>' or '&'."""
    d = r.to_dict()
    data = {"indicators": d["indicators"], "warnings": d["warnings"], "sections": d["sections"]}
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(ch, esc)
    return s


def _outline(r, p: str) -> str:
    if not r.sections:
        return '<h2>Outline</h2><p class="none">No section headings found.</p>'
    items = []
    for k, s in enumerate(r.sections):
        label = f"{s.label} {s.title}".strip() or f"part {s.id} (its heading is not in this text)"
        items.append(f'<li class="lv{min(s.level, 4)}"><a href="#{p}s{k}">'
                     f'<span class="sid">{escape(s.id)}</span> {escape(label)}</a></li>')
    return f'<h2>Outline</h2><ol class="outline">{"".join(items)}</ol>'


def _warning_list(r, p: str) -> str:
    if not r.warnings:
        return '<h2>Warnings</h2><p class="none">No warnings.</p>'
    items = "".join(
        f'<li><a href="#{p}w{k}" class="sev-{_token(w.severity)}"><b>{escape(w.code)}</b> '
        f'<span class="lc">{w.line}:{w.column}</span> {escape(w.message)}</a></li>'
        for k, w in enumerate(r.warnings))
    return f'<h2>Warnings ({len(r.warnings)})</h2><ol class="warnings">{items}</ol>'


def _table(r, p: str) -> str:
    secs = {s.id: s for s in r.sections}
    canon = sorted({i.canonical for i in r.indicators if i.canonical})
    opts = lambda pairs: "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in pairs)  # noqa: E731
    filters = (
        '<div class="filters">'
        f'<label>status <select data-filter="status">{opts([("*", "all")] + [(s.value, s.value) for s in Status])}</select></label> '
        f'<label>canonical <select data-filter="canonical">{opts([("*", "all"), ("", "(none)")] + [(c, c) for c in canon])}</select></label> '
        f'<label>section <select data-filter="section">{opts([("*", "all")] + [(s.id, f"{s.id} {s.title}".strip()) for s in r.sections])}</select></label> '
        '<label>text <input type="search" data-filter="q" placeholder="subject, value…"></label> '
        f'<output class="shown">{len(r.indicators)} of {len(r.indicators)}</output></div>')
    head = "".join(f"<th>{h}</th>" for h in ("id", "section", "subject", "canonical", "value", "unit",
                                              "normalised", "qualifier", "direction", "status",
                                              "period", "line:col", "text"))
    rows = []
    for k, i in enumerate(r.indicators):
        d = i.to_dict()
        value = _fmt(d["value"]) + (f"–{_fmt(d['value_high'])}" if d["value_high"] is not None else "")
        period = "" if not i.period else str(i.period.start) if i.period.start == i.period.end \
            else f"{i.period.start}–{i.period.end}"
        sec = secs.get(i.section)
        cells = (f'<a href="#{p}i{k}">{escape(i.id)}</a>',
                 f'<span title="{escape(sec.title if sec else "")}">{escape(i.section or "")}</span>',
                 escape(i.subject or ""), escape(i.canonical or ""), f'<span class="n">{value}</span>',
                 escape(i.unit), f'<span class="n">{_fmt(d["normalized"]["value"])} {escape(i.normalized_unit)}</span>',
                 escape(i.qualifier or ""), escape(i.direction or ""),
                 f'<span class="st {_token(i.status)}">{escape(i.status)}</span>', period,
                 f"{i.line}:{i.column}", escape(i.text))
        rows.append(f'<tr data-i="{k}" data-status="{escape(i.status)}" data-canonical="{escape(i.canonical or "")}" '
                    f'data-section="{escape(i.section or "")}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<section class="table"><h2>Indicators ({len(r.indicators)})</h2>{filters}'
            f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            '</section>')


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, int):
        return f"{v:,}"
    s = format(v, ",.12g")
    return repr(v) if "e" in s else s


def _token(s: str) -> str:
    """A class-name-safe word from data (severity, status)."""
    return re.sub(r"[^A-Za-z0-9_-]", "", str(s)) or "x"


# ---------------------------------------------------------------- marks in the text


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    rank: int    # on equal spans the lower rank is outside: section 0, indicator 1, warning 2
    seq: int     # unique; keeps the order of equal marks stable
    first: str   # opening tag of the first fragment (id and public data-* attribute)
    more: str    # opening tag of any further fragment
    tag: str


def _marks(r, p: str) -> list[Mark]:
    marks: list[Mark] = []
    for k, s in enumerate(r.sections):
        start, end = _heading_span(r.text, s)
        marks.append(Mark(start, end, 0, len(marks),
                          f'<span class="sec" id="{p}s{k}" data-section="{escape(s.id)}">', '<span class="sec">',
                          "span"))
    for k, i in enumerate(r.indicators):
        cls = f"ind {_token(i.status)}" + (" q" if i.qualifier else "")
        tip = f"{i.subject or '—'}: {i.text} · {i.status}" + (f" · {i.canonical}" if i.canonical else "")
        sign = f' data-qsign="{escape(Qualifier(i.qualifier).sign)}"' if i.qualifier else ""
        marks.append(Mark(*i.span, 1, len(marks),
                          f'<mark class="{cls}" id="{p}i{k}" data-indicator="{escape(i.id)}" data-i="{k}"'
                          f'{sign} tabindex="0" title="{escape(tip)}">',
                          f'<mark class="{cls} cont" data-i="{k}">', "mark"))
    for k, w in enumerate(r.warnings):
        cls = f"warn sev-{_token(w.severity)}"
        marks.append(Mark(*w.span, 2, len(marks),
                          f'<span class="{cls}" id="{p}w{k}" data-warning="{escape(w.code)}" data-w="{k}" '
                          f'tabindex="0" title="{escape(f"{w.code} {w.message}")}">',
                          f'<span class="{cls} cont" data-w="{k}">', "span"))
    return marks


def _heading_span(text: str, s) -> tuple[int, int]:
    """Where a section's heading (label and title) stands; empty at its start when it has none."""
    start = max(0, min(s.span[0], len(text)))
    if getattr(s, "inferred", False) or not (s.title or s.label):
        return start, start
    nl = text.find("\n", start)
    line = text[start:nl if nl >= 0 else len(text)]
    at = line.find(s.title) if s.title else -1
    if at >= 0:
        return start, start + at + len(s.title)
    at = line.find(s.label)
    return (start, start + at + len(s.label)) if at >= 0 else (start, start)


def render_text(text: str, marks: list[Mark]) -> str:
    """The text as one element per line (`data-line`), with every mark nested in place."""
    n = len(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    ends = [s - 1 for s in starts[1:]] + [n]
    per_line: list[list[Mark]] = [[] for _ in starts]
    for m in marks:
        a = max(0, min(m.start, n))
        m = replace(m, start=a, end=max(a, min(m.end, n)))
        lo = bisect.bisect_right(starts, m.start) - 1
        hi = bisect.bisect_right(starts, max(m.start, m.end - 1)) - 1
        hit = [ln for ln in range(lo, hi + 1) if m.start < ends[ln] and m.end > starts[ln]]
        if not hit:  # empty, or covering only line breaks: show it where it starts
            m = replace(m, end=m.start)
            hit = [lo]
        for ln in hit:
            per_line[ln].append(m)
    heads = {m.seq: m for m in marks if m.rank == 0}
    out: list[str] = []
    emitted: set[int] = set()
    for ln, (ls, le) in enumerate(zip(starts, ends)):
        items = per_line[ln]
        if ls == le and not items:
            continue
        tag = "p"
        for m in items:
            if m.seq in heads and m.start == ls and _HEADING_REST.fullmatch(text, m.end, le):
                tag = "h3"
        out.append(f'<{tag} class="ln" data-line="{ln + 1}">{_render_line(text, ls, le, items, emitted)}</{tag}>\n')
    return "".join(out)


def _render_line(text: str, ls: int, le: int, items: list[Mark], emitted: set[int]) -> str:
    clip = {m.seq: (max(m.start, ls), min(m.end, le)) for m in items}
    pending = sorted(items, key=lambda m: (clip[m.seq][0], -clip[m.seq][1], m.rank, m.seq))
    points = sorted({ls, le, *(c for pair in clip.values() for c in pair)})
    out: list[str] = []
    stack: list[Mark] = []

    def open_(m: Mark) -> None:
        out.append(m.more if m.seq in emitted else m.first)
        emitted.add(m.seq)

    nxt = 0
    for k, p in enumerate(points):
        ending = [j for j, m in enumerate(stack) if clip[m.seq][1] == p]
        if ending:  # close down to the lowest mark that ends here; reopen the others inside it
            low = ending[0]
            reopen = [m for m in stack[low:] if clip[m.seq][1] != p]
            out.extend(f"</{m.tag}>" for m in reversed(stack[low:]))
            del stack[low:]
            for m in reopen:
                open_(m)
                stack.append(m)
        while nxt < len(pending) and clip[pending[nxt].seq][0] == p:
            m = pending[nxt]
            nxt += 1
            open_(m)
            if clip[m.seq][1] == p:
                out.append(f"</{m.tag}>")
            else:
                stack.append(m)
        if k + 1 < len(points):
            out.append(escape(text[p:points[k + 1]], quote=False))
    out.extend(f"</{m.tag}>" for m in reversed(stack))
    return "".join(out)


# ---------------------------------------------------------------- the site index


def index_page(reports: list, names: list[str], failures: list[tuple[str, str]]) -> str:
    rows = []
    for r, name in zip(reports, names):
        c = counts(r)
        cells = (f'<a href="{escape(quote(name))}">{escape(name[:-5])}</a>', escape(r.document.title or ""),
                 escape(r.document.region or ""), escape(str(r.document.year or "")),
                 escape(r.source.path or "<stdin>"))
        numbers = (c.indicators, c.actual, c.target, c.warnings, *c.by_severity.values(), c.sections)
        rows.append("<tr>" + "".join(f"<td>{x}</td>" for x in cells)
                    + "".join(f'<td class="n">{n}</td>' for n in numbers) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("page", "title", "region", "year", "source", "indicators", "actual",
                                              "target", "warnings", *WORST_FIRST, "sections"))
    body = (f'<main class="index"><h1>{len(reports)} documents</h1>'
            f'<p class="meta">{sum(len(r.indicators) for r in reports)} indicators, '
            f'{sum(len(r.warnings) for r in reports)} warnings</p>'
            f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    if failures:
        items = "".join(f"<li><code>{escape(str(path))}</code>: {escape(str(msg))}</li>" for path, msg in failures)
        body += f'<h2>Could not be read ({len(failures)})</h2><ul class="failures">{items}</ul>'
    return _shell("Reports — tonglaio-parse", _lang(reports), body + "</main>\n", script=False)
