"""Stage 6 — data-quality checks. Each rule is a small function registered under its code;
codes, names, severities and help texts live in data/checks.toml.

Families: IN input (inputs.py), LA layout (layout.py), TX text (text.py, garble.py, wording.py,
coherence.py, stranded.py), NU numbers (numbers.py), ST structure (structure.py).

A check is a function of the Context alone: what the pipeline hands over, and what the Context
derives from it on first use (paragraphs, the span of the report proper): no check sets
anything for another, so the order they run in changes nothing but the order of their findings.
"""
from __future__ import annotations

import time
from typing import Iterable, Optional

from ..model import Warning
from .body import Furniture, Para
from .context import Context
from .registry import RuleInfo, check, disabled_codes, registered, resolve_codes, rule_table

__all__ = ["Context", "Para", "Furniture", "RuleInfo", "check", "rule_table", "resolve_codes",
           "disabled_codes", "registered_codes", "run_checks"]


def registered_codes() -> set[str]:
    _load()
    return {c for codes, _ in registered() for c in codes}


def _load() -> None:
    # registers the checks; their order is the order of findings that sort alike
    from . import layout, inputs, text, garble, wording, formulas, coherence, stranded, numbers, structure  # noqa: F401


def run_checks(ctx: Context, disabled: Iterable[str] = (),
               timings: Optional[dict[str, float]] = None) -> list[Warning]:
    """The findings of every check not disabled, in text order. `timings`, when given, gets each
    check's seconds added under "check:CODE" (codes joined by / for a check of several)."""
    _load()
    skip = set(disabled)
    for codes, fn in registered():
        if not set(codes) <= skip:
            start = time.perf_counter()
            fn(ctx)
            if timings is not None:
                key = "check:" + "/".join(codes)
                timings[key] = timings.get(key, 0.0) + time.perf_counter() - start
    found = [w for w in ctx.found if w.code not in skip]
    return sorted(set(found), key=lambda w: (w.span[0], w.code, w.span[1]))
