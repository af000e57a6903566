"""Stage 3 — headings to a section tree with dotted ids (二 -> "2", its (三) -> "2.3").

A newspaper page may start inside a part whose heading was on the previous page: when the
first numbered part is N > 1 and text comes before it, part N-1 is inferred (flagged
`inferred`) instead of dropping what precedes or inventing a heading text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import NamedTuple, Optional

from ..model import Section
from .normalize import Normalized, line_starts
from .numbers import parse_number
from ..rules import patterns

# Heading kinds from the outermost in; a lead-in ranks like a subsection of its part.
_RANK = {"part": 1, "subsection": 2, "lead_in": 2, "item": 3, "subitem": 4}
_PLAIN_PART = "plain_part"  # an unnumbered part title: a part where no part is numbered
_PLAIN_PART_MAX = 40  # longer lines are no such title (the pattern's own bound, checked first)


class Heading(NamedTuple):
    kind: str
    number: int | None  # None for lead-ins
    label: str
    title: str
    start: int  # normalised offset of the heading line
    title_end: int


def find_headings(text: str) -> list[Heading]:
    pats = patterns()
    found: list[Heading] = []
    starts = line_starts(text)
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[start:end]
        if not line.strip():
            continue
        for kind, rx in pats.headings.items():
            if kind == _PLAIN_PART and len(line) > _PLAIN_PART_MAX:
                continue
            m = rx.match(line)
            if m:
                title, title_len = _title(m.group("title"))
                if kind != "lead_in" and not title:
                    continue
                num = _number(m.groupdict().get("number"))
                if num == -1:
                    continue  # 十一一、: not a numeral, so not a heading
                found.append(Heading(kind, num,
                                     m.group("label"), title, start,
                                     start + m.start("title") + title_len))
                break
    if any(h.kind == "part" for h in found):
        return [h for h in found if h.kind != _PLAIN_PART]
    return [h._replace(kind="part") if h.kind == _PLAIN_PART else h for h in found]


def _number(written: Optional[str]) -> Optional[int]:
    """The heading's number; None when unnumbered (——), -1 when it does not parse."""
    if not written:
        return None
    try:
        return int(parse_number(written))
    except ValueError:
        return -1


def _title(rest: str) -> tuple[str, int]:
    """A heading's title: the whole line if short, else up to the first full stop."""
    pats = patterns()
    stop = pats.title_end.search(rest)
    if stop and (stop.end() < len(rest.rstrip()) or len(rest) > pats.max_title_chars):
        raw = rest[:stop.start()]
        return raw.strip(), stop.start()
    if len(rest) > pats.max_title_chars:
        return "", 0
    return rest.strip(), len(rest.rstrip())


def build_sections(norm: Normalized) -> list[Section]:
    text = norm.text
    headings = find_headings(text)
    if not headings:
        return []
    nodes = _with_inferred_parent(headings, text)
    ranks = _kind_ranks(nodes)
    placed = _place(nodes, ranks)
    ends = _ends([p.rank for p in placed], [n.start for n in nodes], len(text))
    sections = []
    for node, p, end in zip(nodes, placed, ends):
        o_start, o_end = norm.orig_span(node.start, end)
        line, _ = norm.line_col(o_start)
        sections.append(Section(p.id, node.label, node.title, p.level, line, (o_start, o_end),
                                inferred=node.label == "" and node.kind == "part" and not node.title))
    return sections


def _kind_ranks(nodes: list[Heading]) -> dict[str, float]:
    """Heading kinds nest in the usual order (一、 > (一) > 1. > (1)), unless every kind starts
    at 1 and they first appear in another order (1981: (一) chapters holding 一、 parts)."""
    first: dict[str, Heading] = {}
    for n in nodes:
        if n.kind != "lead_in":
            first.setdefault(n.kind, n)
    kinds = sorted(first, key=lambda k: _RANK[k])
    if first and all(h.number == 1 for h in first.values()):
        kinds = sorted(first, key=lambda k: first[k].start)
    ranks = {k: float(i + 1) for i, k in enumerate(kinds)}
    ranks["lead_in"] = 2.0
    return ranks


@dataclass
class _Placed:
    parent: int  # index of the parent node, -1 for the root
    level: int
    rank: float
    number: Optional[int]  # as written; None for a lead-in
    children: dict  # kind -> last child placed (index)
    id: str = ""


def _place(nodes: list[Heading], ranks: dict[str, float]) -> list[_Placed]:
    """Parents, levels and dotted ids. A list that restarts at 1 under a sibling of the same kind
    (一、…四、 then 一、二、三、 then 五、) is nested under that sibling, so ids stay unique."""
    placed: list[_Placed] = []
    root = _Placed(-1, 0, 0.0, None, {})
    stack: list[int] = []
    for i, node in enumerate(nodes):
        rank = ranks[node.kind]
        while stack and placed[stack[-1]].rank >= rank:
            stack.pop()
        parent = placed[stack[-1]] if stack else root
        last = parent.children.get(node.kind)
        if last is not None and node.number is not None and _restarts(node, placed, last):
            stack.append(last)
            parent, rank = placed[last], placed[last].rank + 0.5
        placed.append(_Placed(stack[-1] if stack else -1, len(stack) + 1, rank, node.number, {}))
        parent.children[node.kind] = i
        stack.append(i)
    _assign_ids(placed)
    return placed


def _assign_ids(placed: list[_Placed]) -> None:
    """Numbered headings keep their number; unnumbered lead-ins follow the highest number of
    their siblings (a part with (一)…(十) and eight —— lead-ins gives x.11 … x.18)."""
    top: dict[int, int] = {}
    for p in placed:
        if p.number is not None:
            top[p.parent] = max(top.get(p.parent, 0), p.number)
    used: set[str] = set()
    for p in placed:
        prefix = placed[p.parent].id + "." if p.parent >= 0 else ""
        number = p.number
        if number is None or f"{prefix}{number}" in used:  # unnumbered, or a number written twice
            top[p.parent] = top.get(p.parent, 0) + 1
            number = top[p.parent]
        p.id = f"{prefix}{number}"
        used.add(p.id)


def _restarts(node: Heading, placed: list[_Placed], last: int) -> bool:
    """Does this heading start or continue a list nested in its previous sibling?"""
    sibling = placed[last]
    nested = sibling.children.get(node.kind)
    if nested is not None and node.number == placed[nested].number + 1:
        return True
    return sibling.number is not None and node.number == 1 <= sibling.number


def _with_inferred_parent(headings: list[Heading], text: str) -> list[Heading]:
    parts = [h for h in headings if h.kind == "part"]
    first = headings[0]
    if parts and parts[0].number and parts[0].number > 1 and \
            (first.kind != "part" or text[:first.start].strip()):
        return [Heading("part", parts[0].number - 1, "", "", 0, 0)] + headings
    # a —— line before the first part is a byline or subtitle, not a lead-in of the review
    return [h for h in headings if not (h.kind == "lead_in" and parts and h.start < parts[0].start)]


def _ends(ranks: list[float], starts: list[int], text_len: int) -> list[int]:
    """A section runs to the next heading of the same or an outer rank."""
    ends = [text_len] * len(ranks)
    open_nodes: list[int] = []
    for i, rank in enumerate(ranks):
        while open_nodes and ranks[open_nodes[-1]] >= rank:
            ends[open_nodes.pop()] = starts[i]
        open_nodes.append(i)
    return ends


class SectionIndex:
    """Which sections hold an ORIGINAL offset, by bisection (sections nest and come in order)."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.starts = [s.span[0] for s in sections]
        self.by_id = {s.id: s for s in sections}

    def holding(self, offset: int) -> list[Section]:
        """The sections holding `offset`, outermost first."""
        k = bisect.bisect_right(self.starts, offset) - 1
        node = self.sections[k] if k >= 0 else None
        chain = []
        while node is not None:
            if node.span[0] <= offset < node.span[1]:
                chain.append(node)
            node = self.by_id.get(node.id.rsplit(".", 1)[0]) if "." in node.id else None
        return chain[::-1]

    def innermost(self, offset: int) -> Optional[Section]:
        held = self.holding(offset)
        return held[-1] if held else None

    def children(self, section: Section) -> list[Section]:
        prefix = section.id + "."
        return [s for s in self.sections if s.id.startswith(prefix) and s.level == section.level + 1]
