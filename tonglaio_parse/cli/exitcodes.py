"""Exit codes, as one tested function: 0 done, 1 findings at --fail-on, 2 input or usage error."""
from __future__ import annotations

from ..model import Severity

OK = 0
FINDINGS = 1
INPUT_ERROR = 2
INTERNAL_ERROR = 3
INTERRUPTED = 130

NEVER = "never"
FAIL_ON = (*(s.value for s in sorted(Severity, key=lambda s: s.rank, reverse=True)), NEVER)  # --fail-on


def for_findings(reports, fail_on: str) -> int:
    """1 when any warning is at `fail_on` severity or worse ('never' disables)."""
    if fail_on == NEVER:
        return OK
    floor = Severity(fail_on).rank
    worst = max((Severity(w.severity).rank for r in reports for w in r.warnings), default=-1)
    return FINDINGS if worst >= floor else OK
