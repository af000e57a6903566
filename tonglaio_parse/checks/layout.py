"""Layout findings: page markers, cut paragraphs, leftover markup, fragments."""
from __future__ import annotations

import regex

from . import Context, check

_EDIT_CODES = {"page-marker": "LA001", "paragraph-join": "LA002", "markup": "LA003", "invisible": "IN003"}
_OPENING_OK = regex.compile(r"^\s*(?:各位代表|[一二三四五六七八九十]+、|\(一\)|——|[\p{Han}]{2,30}\s*$)")
_CLOSING = regex.compile(r"[。!?”」』)]\s*$")


@check("LA001", "LA002", "LA003", "IN003")
def normalisation_edits(ctx: Context) -> None:
    for e in ctx.norm.edits:
        code = _EDIT_CODES.get(e.kind)
        if code == "LA002":
            ctx.warn(code, max(0, e.start - 2), min(len(ctx.norm.original), e.end + 2),
                     "paragraph cut by a page break; joined for matching")
        elif code:
            ctx.warn(code, e.start, e.end)


@check("LA004", "LA005")
def fragment(ctx: Context) -> None:
    original = ctx.norm.original
    body = original.strip()
    if not body:
        return
    first = next((e for e in ctx.norm.edits if e.kind == "page-marker"), None)
    lead = len(original) - len(original.lstrip())
    if first and original[lead:first.start].strip() in ("", "政府工作报告") or \
            first and first.start < 200 and "上接" in original[first.start:first.end]:
        ctx.warn("LA004", first.start, first.end, "the document starts on a continued page")
    last = [e for e in ctx.norm.edits if e.kind == "page-marker"]
    tail_start = len(original.rstrip())
    if last and "下转" in original[last[-1].start:last[-1].end]:
        ctx.warn("LA005", last[-1].start, last[-1].end, "the document continues on another page")
    elif not _CLOSING.search(body[-5:]):
        ctx.warn("LA005", max(0, tail_start - 1), tail_start, "the document ends mid-sentence")
