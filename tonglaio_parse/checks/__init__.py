"""Stage 6 — data-quality checks. Each rule is a small function registered under its code;
codes, names, severities and help texts live in data/checks.toml."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterable, Optional

from ..model import Section, Warning
from ..normalize import Normalized
from ..rules import RuleError, table


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    severity: str
    help: str


@cache
def rule_table() -> dict[str, RuleInfo]:
    rules = {}
    names = set()
    for code, entry in table("checks.toml").items():
        if entry["name"] in names:
            raise RuleError(f"data/checks.toml [{code}]: name {entry['name']!r} used twice")
        names.add(entry["name"])
        rules[code] = RuleInfo(code, entry["name"], entry["severity"], entry["help"].strip())
    return rules


@dataclass
class Context:
    """What the checks see: the original, its normalised form and what the stages found."""
    norm: Normalized
    sections: list[Section]
    indicators: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    encoding_guessed: bool = False
    encoding: str = "utf-8"
    found: list[Warning] = field(default_factory=list)

    def warn(self, code: str, start: int, end: int, message: Optional[str] = None) -> None:
        """Record a finding at ORIGINAL offsets [start, end)."""
        info = rule_table()[code]
        text = self.norm.original
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        line, col = self.norm.line_col(start)
        self.found.append(Warning(code, info.name, info.severity, message or info.help.split(". ")[0],
                                  line, col, (start, end), text[start:end]))


Check = Callable[[Context], None]
_CHECKS: list[tuple[str, Check]] = []


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a rule function for the codes it may emit."""
    def register(fn: Check) -> Check:
        for code in codes:
            if code not in rule_table():
                raise RuleError(f"check {fn.__name__}: code {code} missing from data/checks.toml")
        _CHECKS.append((codes[0], fn))
        return fn
    return register


def run_checks(ctx: Context, disabled: Iterable[str] = ()) -> list[Warning]:
    from . import layout, numbers, text  # noqa: F401  (registers the rules)
    skip = set(disabled)
    for code, fn in _CHECKS:
        if code not in skip:
            fn(ctx)
    found = [w for w in ctx.found if w.code not in skip]
    return sorted(set(found), key=lambda w: (w.span[0], w.code, w.span[1]))
