"""Stage 3 — headings to a section tree with dotted ids (二 -> "2", its (三) -> "2.3").

A newspaper page may start inside a part whose heading was on the previous page: when the
first numbered part is N > 1 and text comes before it, part N-1 is inferred (flagged
`inferred`) instead of dropping what precedes or inventing a heading text.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Section
from .normalize import Normalized, line_starts
from .numbers import parse_number
from .rules import patterns

# Heading kinds from the outermost in; a lead-in ranks like a subsection of its part.
_RANK = {"part": 1, "subsection": 2, "lead_in": 2, "item": 3, "subitem": 4}


@dataclass(frozen=True, slots=True)
class Heading:
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
            m = rx.match(line)
            if m:
                title, title_len = _title(m.group("title"))
                if kind != "lead_in" and not title:
                    continue
                num = m.groupdict().get("number")
                found.append(Heading(kind, int(parse_number(num)) if num else None,
                                     m.group("label"), title, start,
                                     start + m.start("title") + title_len))
                break
    return found


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
    sections: list[Section] = []
    stack: list[tuple[int, str, dict]] = []  # (rank, id, child counters)
    root_counts: dict = {}
    ends = _ends(nodes, len(text))
    for node, end in zip(nodes, ends):
        rank = _RANK[node.kind]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        counters = stack[-1][2] if stack else root_counts
        if node.number is None:
            counters[node.kind] = counters.get(node.kind, 0) + 1
            number = counters[node.kind]
        else:
            number = node.number
        sid = f"{stack[-1][1]}.{number}" if stack else str(number)
        level = len(stack) + 1
        o_start, o_end = norm.orig_span(node.start, end)
        line, _ = norm.line_col(o_start)
        sections.append(Section(sid, node.label, node.title, level, line, (o_start, o_end),
                                inferred=node.label == "" and node.kind == "part"))
        stack.append((rank, sid, {}))
    return sections


def _with_inferred_parent(headings: list[Heading], text: str) -> list[Heading]:
    parts = [h for h in headings if h.kind == "part"]
    first = headings[0]
    if parts and parts[0].number and parts[0].number > 1 and \
            (first.kind != "part" or text[:first.start].strip()):
        return [Heading("part", parts[0].number - 1, "", "", 0, 0)] + headings
    return headings


def _ends(nodes: list[Heading], text_len: int) -> list[int]:
    """A section runs to the next heading of the same or an outer rank."""
    ends = [text_len] * len(nodes)
    open_nodes: list[int] = []
    for i, node in enumerate(nodes):
        rank = _RANK[node.kind]
        while open_nodes and _RANK[nodes[open_nodes[-1]].kind] >= rank:
            ends[open_nodes.pop()] = node.start
        open_nodes.append(i)
    return ends
