"""Structure findings: inferred parts (fragments), gaps and repeats in heading numbers, a year
that was guessed or not found."""
from __future__ import annotations

import regex

from .context import Context
from .layout import relabel
from .registry import check

# Only the outer numbering levels are strict; item lists (1. 2.) restart freely.
_STRICT_KINDS = ("part", "subsection")


def _kind(label: str) -> str | None:
    label = label.replace("（", "(").replace("）", ")")
    if label.startswith("(") and not label[1:2].isdigit():
        return "subsection"
    if label.endswith(("、", ".")) and not label[:1].isdigit():
        return "part"
    return None


def _written_number(label: str) -> int | None:
    """The number as written in the label (ids are made unique, labels are not)."""
    from ..stages.numbers import parse_number

    core = label.strip("()（）、.． ")
    try:
        return int(parse_number(core))
    except ValueError:
        return None


@check("ST001")
def missing_heading(ctx: Context) -> None:
    for s in ctx.sections:
        if s.inferred:
            nxt = next((t for t in ctx.sections if not t.inferred and t.level == s.level), None)
            where = nxt.span[0] if nxt else s.span[0]
            ctx.warn("ST001", where, where + len(nxt.label) if nxt else where,
                     f"part {s.id} is implied by {nxt.label if nxt else 'the numbering'} but its heading "
                     f"is not in the document")


@check("ST002", "ST003")
def numbering(ctx: Context) -> None:
    groups: dict[tuple[str, str], list] = {}
    for s in ctx.sections:
        kind = _kind(s.label)
        if s.inferred or kind not in _STRICT_KINDS:
            continue
        parent = s.id.rsplit(".", 1)[0] if "." in s.id else ""
        groups.setdefault((parent, kind), []).append(s)
    for (_, kind), secs in groups.items():
        for a, b in zip(secs, secs[1:]):
            na, nb = _written_number(a.label), _written_number(b.label)
            if na is None or nb is None:
                continue
            if nb == na:
                ctx.warn("ST003", b.span[0], b.span[0] + len(b.label),
                         f"heading {b.label} repeats the number of the heading on line {a.line}")
            elif nb > na + 1:
                broken = _broken_heading(ctx, a, b)
                if broken:
                    ctx.warn("ST002", broken[0], broken[1],
                             f"heading {relabel(b.label, -1)} is broken over two lines (line "
                             f"{ctx.norm.line_col(broken[0])[0]}), so {b.label} follows {a.label}: the text "
                             f"under it is filed under {a.label}")
                    continue
                ctx.warn("ST002", b.span[0], b.span[0] + len(b.label),
                         f"heading {b.label} follows {a.label} (line {a.line}): "
                         f"{nb - na - 1} number{'s' if nb - na > 2 else ''} skipped")


def _broken_heading(ctx: Context, a, b) -> tuple[int, int] | None:
    """ORIGINAL span of the one heading between a and b, written with a line break inside its
    label ((⏎三)) so that it was not read as a heading."""
    missing = relabel(b.label.replace("（", "(").replace("）", ")"), -1)
    if not missing:
        return None
    pattern = r"\s*".join(f"[{regex.escape(c)}{'（' if c == '(' else '）' if c == ')' else ''}]" for c in missing)
    m = regex.search(rf"(?m)^\s*{pattern}", ctx.norm.original[a.span[0]:b.span[0]])
    if m is None or "\n" not in m.group().strip():
        return None
    return a.span[0] + m.start() + len(m.group()) - len(m.group().lstrip()), a.span[0] + m.end()


@check("ST004", "ST005")
def report_year(ctx: Context) -> None:
    doc = ctx.document
    if doc is None or doc.year_source not in ("filename", None):
        return
    if doc.year_source == "filename":
        ctx.warn("ST004", 0, 0, f"the report's year {doc.year} was taken from its file name: "
                                "no title, date line or text names it (pass --year if wrong)")
    else:
        ctx.warn("ST005", 0, 0, "the report's year is named nowhere (title, date line, text, publication "
                                "date, file name): figures dated by 今年/去年 get no period; pass --year YEAR")
