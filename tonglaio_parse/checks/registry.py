"""The rules the checks emit (data/checks.toml: code, name, severity, help) and the registry of
check functions, each under the codes it may emit."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable

from .. import rx
from ..rules import RuleError, entries

CODE = r"^[A-Z]{2,3}[0-9]{3}$"
NAME = r"^[a-z]+(?:-[a-z]+)*$"
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
    t = entries("checks.toml")
    for code in t:
        entry = t[code]
        where = t.name(code)
        if not rx.compile(CODE).match(code):
            raise RuleError(f"{where}: code must look like AB123")
        if not isinstance(entry, Mapping):
            raise RuleError(f"{where}: must be a table")
        if not isinstance(entry.get("name"), str) or not rx.compile(NAME).match(entry["name"]):
            raise RuleError(f"{where}: name {entry.get('name')!r} is not kebab-case")
        if entry["name"] in names:
            raise RuleError(f"{where}: name {entry['name']!r} used twice")
        if entry.get("severity") not in SEVERITIES:
            raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        names.add(entry["name"])
        rules[code] = RuleInfo(code, entry["name"], entry["severity"], entry.text("help").strip())
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


Check = Callable[..., None]  # called with a checks.context.Context (which imports this module)
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




def registered() -> list[tuple[tuple[str, ...], Check]]:
    """(codes, function) of every check registered, in registration order."""
    return list(_CHECKS)
