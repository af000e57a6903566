"""Layout findings: page markers, cut paragraphs, leftover markup, web-page furniture,
fragments, topic headings merged into the paragraph before them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import rx
from ..rules import char_class, compile_rule, entries, full_width, marks, numeral_chars, patterns
from ..stages.numbers import parse_number
from .context import Context, Para
from .registry import check

_EDIT_CODES = {"page-marker": "LA001", "paragraph-join": "LA002", "markup": "LA003", "invisible": "IN003"}


@dataclass(frozen=True)
class _Rules:
    continuation: regex.Pattern  # what a fragment starts with
    closing: regex.Pattern       # how a report's last paragraph ends
    topic: regex.Pattern         # a paragraph's lead sentence (a topic heading)
    topic_mid: regex.Pattern     # … turned up mid-paragraph
    numbered_mid: regex.Pattern  # a numbered heading after a full stop mid-line


@cache
def _rules() -> _Rules:
    t = entries("lint.toml")["layout"]
    keys = ("continuation_start", "closing", "topic_sentence", "topic_mid", "numbered_mid")  # _Rules' order
    return _Rules(*(compile_rule(t.text(k), t.name(k)) for k in keys))


@cache
def _sentence_end() -> regex.Pattern:
    """A sentence end or semicolon, of either width (tested on the original text)."""
    return rx.compile(char_class(full_width(marks().sentence_end_or_semicolon)))


@check("LA007", "LA008")
def site_furniture(ctx: Context) -> None:
    """Web chrome lines anywhere, and a licence/site footer (or header) block at either end."""
    found = ctx.furniture()
    if found.footer:
        (p, lines), end = found.footer, len(ctx.norm.original.rstrip())
        ctx.warn("LA008", ctx.norm.orig(p.start), end, f"site footer after the report ({lines} lines): {p.text[:20]}…")
    for block in found.blocks:
        first, last = block[0], block[-1]
        lines = f" ({len(block)} lines)" if len(block) > 1 else ""
        ctx.warn_norm("LA007", first.start, last.end, f"web-page furniture{lines}: {first.text[:30]}")


@check("LA001", "LA002", "LA003", "IN003")
def normalisation_edits(ctx: Context) -> None:
    original = ctx.norm.original
    last_invisible_line = None
    for s, e in _markup_runs(original, [e for e in ctx.norm.edits if e.kind == "markup"]):
        marks_ = original[s.start:s.end]
        inner = original[s.end:e.start].strip()
        ctx.warn("LA003", s.start, e.end, f"leftover markup {marks_[:20]!r}" +
                 (f" around '{inner[:16]}{'…' if len(inner) > 16 else ''}'" if e is not s else ""))
    for e in ctx.norm.edits:
        code = _EDIT_CODES.get(e.kind)
        if code == "LA002":
            if _heading_before(original, e.start):
                continue  # an unpunctuated heading line followed by its paragraph
            ctx.warn(code, max(0, e.start - 2), min(len(original), e.end + 2),
                     "paragraph cut by a page or column break; joined for matching")
        elif code == "IN003":
            line = ctx.norm.line_col(e.start)[0]
            if line == last_invisible_line:
                continue  # one finding per line is enough
            last_invisible_line = line
            ctx.warn(code, e.start, e.end, f"invisible character U+{ord(original[e.start]):04X}")
        elif code and code != "LA003":
            ctx.warn(code, e.start, e.end, f"page marker {original[e.start:e.end]}")


def _markup_runs(original: str, edits: list) -> list[tuple]:
    """The markup edits in runs, one finding each: a mark and the one that closes it on the same
    line (**…**, <b>…</b>, nested or not) are one run, spanning both, and the marks inside it
    are part of it; a mark left unclosed is a run alone. Linear in the number of marks: the
    open marks are kept per closer they wait for, and the runs inside a closed one are the
    last ones found."""
    runs: list[tuple] = []
    open_: list = []  # marks of the current line waiting for their closer, in order
    waiting: dict[str, list[int]] = {}  # closer -> indexes into open_ of the marks it closes

    def flush() -> None:
        runs.extend((o, o) for o in open_)
        open_.clear()
        waiting.clear()

    for e in edits:
        if open_ and "\n" in original[open_[-1].end:e.start]:
            flush()
        mark = original[e.start:e.end]
        stack = waiting.get(_closer_key(mark))
        if not stack:
            if mark.startswith("</") or mark.startswith("&"):
                runs.append((e, e))
            else:
                waiting.setdefault(_awaited(mark), []).append(len(open_))
                open_.append(e)
            continue
        k = stack[-1]
        opener = open_[k]
        while runs and runs[-1][0].start >= opener.start:  # those inside are part of it
            runs.pop()
        runs.append((opener, e))
        for later in open_[k:]:
            waiting[_awaited(original[later.start:later.end])].pop()
        del open_[k:]
    flush()
    return sorted(runs, key=lambda r: r[0].start)


def _awaited(opener: str) -> str:
    """What closes this mark: </b for <b …>, the same mark for ** or __."""
    if opener.startswith("<"):
        name = regex.match(r"<([A-Za-z0-9]+)", opener)
        return f"</{name.group(1).lower()}" if name else "\0"  # a tag with no name closes nothing
    return opener


def _closer_key(mark: str) -> str:
    """The key a mark closes, in the terms of `_awaited`."""
    if mark.startswith("</"):
        name = regex.match(r"</([A-Za-z0-9]+)", mark)
        return f"</{name.group(1).lower()}" if name else mark
    return mark


def _heading_before(original: str, gap: int) -> bool:
    """The line before a joined gap is a heading, not half a paragraph: it is numbered, or it
    is short and holds no sentence end."""
    start = original.rfind("\n", 0, gap) + 1
    line = original[start:gap].strip()
    if patterns().heading_start.match(line.translate({0x3000: 0x20}).strip()):
        return True
    return len(line) <= 60 and not _sentence_end().search(line)


@check("LA004", "LA005")
def fragment(ctx: Context) -> None:
    r = _rules()
    original = ctx.norm.original
    markers = [e for e in ctx.norm.edits if e.kind == "page-marker"]
    lo, hi = ctx.body
    body = ctx.body_paragraphs()
    if not body:
        return
    # start: a (上接…) marker before any body text, or a first paragraph that continues a sentence
    head_end = ctx.norm.orig(body[min(1, len(body) - 1)].end)
    first_marker = next((e for e in markers if e.start <= head_end), None)
    if first_marker and "上接" in original[first_marker.start:first_marker.end] or \
            first_marker and not original[lo:first_marker.start].strip(" \n\u3000政府工作报告"):
        ctx.warn("LA004", first_marker.start, first_marker.end,
                 "the document starts on a continued page: the text before it is missing")
    elif r.continuation.search(body[0].text):
        ctx.warn_norm("LA004", body[0].start, min(body[0].end, body[0].start + 10),
                      "the document starts in the middle of a sentence")
    # end: a (下转…) marker, or a last paragraph without closing punctuation
    last_text = original[lo:hi].rstrip()
    last_marker = markers[-1] if markers else None
    if last_marker and "下转" in original[last_marker.start:last_marker.end] and \
            not original[last_marker.end:hi].strip():
        ctx.warn("LA005", last_marker.start, last_marker.end,
                 "the document continues on another page: the text after it is missing")
        return
    tail = body[-1]
    if not r.closing.search(tail.text) and not patterns().heading_start.match(tail.text) \
            and len(tail.text) > 12:
        end = lo + len(last_text)
        ctx.warn("LA005", max(lo, end - 6), end,
                 f"the document ends mid-sentence: …{tail.text[-12:]}")


@check("LA006")
def merged_heading(ctx: Context) -> None:
    """Where the document is regular (most subsections hold k paragraphs that open with a topic
    sentence), a subsection with k-1 of them whose longest paragraph holds a topic-like sentence
    near its middle has lost a line break there."""
    r = _rules()
    groups: dict[str, list[Para]] = {}
    for p in ctx.body_paragraphs():
        if r.topic.match(p.text) and not patterns().heading_start.match(p.text):
            sec = ctx.section_at(ctx.norm.orig(p.start))
            if sec is not None:
                groups.setdefault(sec, []).append(p)
    counts = [len(v) for v in groups.values()]
    if len(counts) >= 4:
        k = max(set(counts), key=counts.count)
        if k >= 2 and counts.count(k) >= 0.6 * len(counts):
            for paras in groups.values():
                if len(paras) == k - 1:
                    _split_point(ctx, paras, r)
    labels = {s.label.replace("（", "(").replace("）", ")") for s in ctx.sections}
    for p in ctx.body_paragraphs():
        for m in r.numbered_mid.finditer(p.text):
            label = m.group("label")
            prev = relabel(label, -1)
            if label in labels or prev is None or prev not in labels:
                continue  # an inline enumeration, not a lost line break
            s = p.start + m.start("label")
            ctx.warn_norm("LA006", s, s + len(m.group("label")),
                          f"numbered heading {m.group('label')} in the middle of a paragraph")


def _split_point(ctx: Context, paras: list[Para], r) -> None:
    longest = max(paras, key=lambda p: len(p.text))
    typical = sorted(len(p.text) for p in paras)[len(paras) // 2 - 1] if len(paras) > 1 else len(longest.text) / 2
    best = None
    for m in r.topic_mid.finditer(longest.text):
        before, after = m.start("t"), len(longest.text) - m.start("t")
        if min(before, after) < 0.35 * typical:
            continue
        score = abs(before - after)
        if best is None or score < best[0]:
            best = (score, m)
    if best:
        m = best[1]
        ctx.warn_norm("LA006", longest.start + m.start("t"), longest.start + m.end(),
                      f"topic heading '{m.group('t')}' runs on inside the paragraph before it "
                      f"(this part has one topic paragraph fewer than the others)")


def relabel(label: str, delta: int):
    """The label numbered `delta` away: (三) -> (二); None outside 一 to 十."""
    digits = "".join(c for c in label if c not in "()、")
    try:
        n = int(parse_number(digits)) + delta
    except ValueError:
        return None
    if n < 1 or n > 10:
        return None
    nc = numeral_chars()
    return label.replace(digits, (nc.one_to_nine + nc.ten)[n - 1])
