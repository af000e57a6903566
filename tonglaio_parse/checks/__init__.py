"""Stage 6 — data-quality checks. Each rule is a small function registered under its code;
codes, names, severities and help texts live in data/checks.toml.

Families: IN input (inputs.py), LA layout (layout.py), TX text (text.py, garble.py),
NU numbers (numbers.py), ST structure (structure.py).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterable, Optional

from .. import rx
from ..model import Section, Warning
from ..stages.normalize import Normalized
from ..stages.segment import Segmenter, segmenter
from ..rules import RuleError, table

CODE_RX = rx.compile(r"^[A-Z]{2,3}[0-9]{3}$")
NAME_RX = rx.compile(r"^[a-z]+(?:-[a-z]+)*$")
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    severity: str
    help: str

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


@cache
def rule_table() -> dict[str, RuleInfo]:
    rules = {}
    names = set()
    for code, entry in table("checks.toml").items():
        where = f"data/checks.toml [{code}]"
        if not CODE_RX.match(code):
            raise RuleError(f"{where}: code must look like AB123")
        if not NAME_RX.match(entry.get("name", "")):
            raise RuleError(f"{where}: name {entry.get('name')!r} is not kebab-case")
        if entry["name"] in names:
            raise RuleError(f"{where}: name {entry['name']!r} used twice")
        if entry.get("severity") not in SEVERITIES:
            raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        names.add(entry["name"])
        rules[code] = RuleInfo(code, entry["name"], entry["severity"], entry["help"].strip())
    return rules


def resolve_codes(selectors: Iterable[str]) -> set[str]:
    """Codes named by selectors: a code (TX001), a name (repeated-word) or a family prefix (TX, LA0).
    An unknown selector raises ValueError naming it (for --select / --ignore)."""
    rules = rule_table()
    out: set[str] = set()
    for raw in selectors:
        for sel in filter(None, (s.strip() for s in raw.split(","))):
            hit = {c for c, r in rules.items() if c == sel.upper() or r.name == sel.lower()
                   or c.startswith(sel.upper())}
            if not hit:
                raise ValueError(f"unknown check {sel!r} (see 'tonglaio-parse rules')")
            out |= hit
    return out


def disabled_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[str, ...]:
    """The codes to pass as Options.disabled_checks for --select/--ignore."""
    select, ignore = list(select), list(ignore)
    keep = resolve_codes(select) if select else set(rule_table())
    keep -= resolve_codes(ignore)
    return tuple(sorted(set(rule_table()) - keep))


@dataclass(frozen=True, slots=True)
class Para:
    """A non-blank line of the normalised text: [start, end) in NORMALISED offsets."""
    start: int
    end: int
    text: str


@dataclass
class Context:
    """What the checks see: the original, its normalised form and what the stages found."""
    norm: Normalized
    sections: list[Section]
    indicators: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    encoding_guessed: bool = False
    encoding: str = "utf-8"
    words: Segmenter = field(default_factory=segmenter)  # the segmentation the stages use
    found: list[Warning] = field(default_factory=list)
    _paras: Optional[list[Para]] = field(default=None, repr=False)
    body: Optional[tuple[int, int]] = field(default=None, repr=False)  # ORIGINAL span of the report proper
    _body_paras: Optional[tuple] = field(default=None, repr=False)  # (body, its paragraphs)

    def warn(self, code: str, start: int, end: int, message: Optional[str] = None) -> None:
        """Record a finding at ORIGINAL offsets [start, end)."""
        info = rule_table()[code]
        text = self.norm.original
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        line, col = self.norm.line_col(start)
        self.found.append(Warning(code, info.name, info.severity, message or info.help.split(". ")[0],
                                  line, col, (start, end), text[start:end]))

    def warn_norm(self, code: str, start: int, end: int, message: Optional[str] = None) -> None:
        """Record a finding at NORMALISED offsets [start, end)."""
        s, e = self.norm.orig_span(start, end)
        self.warn(code, s, e, message)

    def paragraphs(self) -> list[Para]:
        if self._paras is None:
            text = self.norm.text
            out, pos = [], 0
            for line in text.split("\n"):
                stripped = line.strip()
                if stripped:
                    lead = len(line) - len(line.lstrip())
                    out.append(Para(pos + lead, pos + lead + len(stripped), stripped))
                pos += len(line) + 1
            self._paras = out
        return self._paras

    def body_paragraphs(self) -> list[Para]:
        """Paragraphs inside the report proper (site furniture before and after left out); found
        by bisection and kept until `body` changes (LA007/LA008 set it)."""
        paras = self.paragraphs()
        if self.body is None:
            return paras
        if self._body_paras is None or self._body_paras[0] != self.body:
            lo, hi = self.body
            start = lambda p: self.norm.orig(p.start)  # noqa: E731
            first, last = bisect.bisect_left(paras, lo, key=start), bisect.bisect_left(paras, hi, key=start)
            self._body_paras = (self.body, paras[first:last])
        return self._body_paras[1]

    def body_span(self) -> Optional[tuple[int, int]]:
        """[start, end) of the body paragraphs in normalised offsets; None when there are none."""
        body = self.body_paragraphs()
        return (body[0].start, body[-1].end) if body else None


Check = Callable[[Context], None]
_CHECKS: list[tuple[tuple[str, ...], Check]] = []


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a rule function for the codes it may emit (run in registration order)."""
    def register(fn: Check) -> Check:
        for code in codes:
            if code not in rule_table():
                raise RuleError(f"check {fn.__name__}: code {code} missing from data/checks.toml")
        _CHECKS.append((codes, fn))
        return fn
    return register


def registered_codes() -> set[str]:
    _load()
    return {c for codes, _ in _CHECKS for c in codes}


def _load() -> None:
    from . import layout, inputs, text, garble, wording, coherence, stranded, numbers, structure  # noqa: F401  (registers, in this order)


def run_checks(ctx: Context, disabled: Iterable[str] = ()) -> list[Warning]:
    _load()
    skip = set(disabled)
    for codes, fn in _CHECKS:
        if not set(codes) <= skip:
            fn(ctx)
    found = [w for w in ctx.found if w.code not in skip]
    return sorted(set(found), key=lambda w: (w.span[0], w.code, w.span[1]))
