"""Number findings: units inferred from the subject."""
from __future__ import annotations

from . import Context, check


@check("NU002")
def unit_inferred(ctx: Context) -> None:
    for ind in ctx.indicators:
        if getattr(ind, "_unit_inferred", False):
            ctx.warn("NU002", ind.span[0], ind.span[1], f"no unit written; taken as {ind.unit} from '{ind.subject}'")
