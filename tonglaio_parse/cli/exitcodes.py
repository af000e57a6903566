"""Exit codes, as one tested function: 0 done, 1 findings at --fail-on, 2 input or usage error."""
from __future__ import annotations

OK = 0
FINDINGS = 1
INPUT_ERROR = 2
INTERNAL_ERROR = 3

_RANK = {"info": 0, "warning": 1, "error": 2}


def for_findings(reports, fail_on: str) -> int:
    """1 when any warning is at `fail_on` severity or worse ('never' disables)."""
    if fail_on == "never":
        return OK
    floor = _RANK[fail_on]
    worst = max((_RANK[w.severity] for r in reports for w in r.warnings), default=-1)
    return FINDINGS if worst >= floor else OK
