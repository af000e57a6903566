"""Layout findings: page markers, cut paragraphs, leftover markup, web-page furniture,
fragments, topic headings merged into the paragraph before them."""
from __future__ import annotations

from functools import cache

from .. import rx
from ..rules import compile_rule, patterns, table
from ..stages.sections import SectionIndex
from . import Context, Para, check

_EDIT_CODES = {"page-marker": "LA001", "paragraph-join": "LA002", "markup": "LA003", "invisible": "IN003"}
_SENTENCE_END = rx.compile(r"[。!?;！？；]")


@cache
def _rules():
    t = table("lint.toml")["layout"]
    w = "data/lint.toml [layout]"
    return {
        "chrome": _any_of(t["chrome"], f"{w} chrome"),
        "boilerplate": _any_of(t["boilerplate"], f"{w} boilerplate"),
        "boilerplate_lines": int(t["boilerplate_lines"]),
        "continuation": compile_rule(t["continuation_start"], f"{w} continuation_start"),
        "closing": compile_rule(t["closing"], f"{w} closing"),
        "topic": compile_rule(t["topic_sentence"], f"{w} topic_sentence"),
        "topic_mid": compile_rule(t["topic_mid"], f"{w} topic_mid"),
        "numbered_mid": compile_rule(t["numbered_mid"], f"{w} numbered_mid"),
    }


def _any_of(patterns: list[str], where: str):
    """One pattern for a list of them (one test per line instead of one per pattern); each is
    compiled alone first, so a bad one is named."""
    for i, p in enumerate(patterns):
        compile_rule(p, f"{where} #{i + 1}")
    return compile_rule("|".join(f"(?:{p})" for p in patterns) or "(?!)", where)


@check("LA007", "LA008")
def site_furniture(ctx: Context) -> None:
    """Web chrome lines anywhere, and a licence/site footer (or header) block at either end.
    Sets ctx.body, the span of the report proper, for the checks that look at its ends."""
    r = _rules()
    paras = ctx.paragraphs()
    orig = ctx.norm.orig
    lo, hi = 0, len(ctx.norm.original)
    n = len(paras)
    edge = r["boilerplate_lines"]
    for i, p in enumerate(paras):
        if r["boilerplate"].search(p.text):
            if i >= n - edge and orig(p.start) < hi:  # a footer: it runs to the end
                hi = orig(p.start)
                ctx.warn("LA008", hi, len(ctx.norm.original.rstrip()),
                         f"site footer after the report ({n - i} lines): {p.text[:20]}…")
                break
            if i < min(edge, n // 3):  # a header: the report starts after it
                lo = orig(p.end)
    chrome_lines = [p for p in paras if r["chrome"].match(p.text)]
    for p in chrome_lines:
        ctx.warn_norm("LA007", p.start, p.end, f"web-page furniture: {p.text[:30]}")
        # furniture at the very start also moves the start of the report
        if orig(p.start) <= lo + 200 and p is paras[0] or orig(p.start) < lo:
            lo = max(lo, orig(p.end))
    ctx.body = (lo, hi)


@check("LA001", "LA002", "LA003", "IN003")
def normalisation_edits(ctx: Context) -> None:
    original = ctx.norm.original
    last_invisible_line = None
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
        elif code == "LA003":
            ctx.warn(code, e.start, e.end, f"leftover markup {original[e.start:e.end][:20]!r}")
        elif code:
            ctx.warn(code, e.start, e.end, f"page marker {original[e.start:e.end]}")


def _heading_before(original: str, gap: int) -> bool:
    """The line before a joined gap is a heading, not half a paragraph: it is numbered, or it
    is short and holds no sentence end."""
    start = original.rfind("\n", 0, gap) + 1
    line = original[start:gap].strip()
    if patterns().heading_start.match(line.translate({0x3000: 0x20}).strip()):
        return True
    return len(line) <= 60 and not _SENTENCE_END.search(line)


@check("LA004", "LA005")
def fragment(ctx: Context) -> None:
    r = _rules()
    original = ctx.norm.original
    markers = [e for e in ctx.norm.edits if e.kind == "page-marker"]
    lo, hi = ctx.body or (0, len(original))
    body = [p for p in ctx.body_paragraphs()]
    if not body:
        return
    # start: a (上接…) marker before any body text, or a first paragraph that continues a sentence
    head_end = ctx.norm.orig(body[min(1, len(body) - 1)].end)
    first_marker = next((e for e in markers if e.start <= head_end), None)
    if first_marker and "上接" in original[first_marker.start:first_marker.end] or \
            first_marker and not original[lo:first_marker.start].strip(" \n\u3000政府工作报告"):
        ctx.warn("LA004", first_marker.start, first_marker.end,
                 "the document starts on a continued page: the text before it is missing")
    elif r["continuation"].search(body[0].text):
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
    if not r["closing"].search(tail.text) and not patterns().heading_start.match(tail.text) \
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
    index = SectionIndex(ctx.sections)
    for p in ctx.body_paragraphs():
        if r["topic"].match(p.text) and not patterns().heading_start.match(p.text):
            sec = index.innermost(ctx.norm.orig(p.start))
            if sec is not None:
                groups.setdefault(sec.id, []).append(p)
    counts = [len(v) for v in groups.values()]
    if len(counts) >= 4:
        k = max(set(counts), key=counts.count)
        if k >= 2 and counts.count(k) >= 0.6 * len(counts):
            for paras in groups.values():
                if len(paras) == k - 1:
                    _split_point(ctx, paras, r)
    labels = {s.label.replace("（", "(").replace("）", ")") for s in ctx.sections}
    for p in ctx.body_paragraphs():
        for m in r["numbered_mid"].finditer(p.text):
            label = m.group("label")
            prev = _relabel(label, -1)
            if label in labels or prev is None or prev not in labels:
                continue  # an inline enumeration, not a lost line break
            s = p.start + m.start("label")
            ctx.warn_norm("LA006", s, s + len(m.group("label")),
                          f"numbered heading {m.group('label')} in the middle of a paragraph")


def _split_point(ctx: Context, paras: list[Para], r) -> None:
    longest = max(paras, key=lambda p: len(p.text))
    typical = sorted(len(p.text) for p in paras)[len(paras) // 2 - 1] if len(paras) > 1 else len(longest.text) / 2
    best = None
    for m in r["topic_mid"].finditer(longest.text):
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


def _relabel(label: str, delta: int):
    from ..stages.numbers import parse_number
    digits = "".join(c for c in label if c not in "()、")
    try:
        n = int(parse_number(digits)) + delta
    except ValueError:
        return None
    if n < 1 or n > 10:
        return None
    return label.replace(digits, "一二三四五六七八九十"[n - 1])


def _lead(sentence: str) -> str:
    return sentence.lstrip("“”\"《")[:2]
