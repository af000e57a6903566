"""What the charts share: matplotlib on a file backend, and a font that draws Chinese.

Without a CJK font matplotlib draws Han characters as boxes; `cjk_font()` finds one among the
installed fonts (Noto CJK first) and says so once on stderr when there is none, and the charts
then label with ids and pinyin-free ASCII only.
"""
from __future__ import annotations

import sys
from functools import cache
from typing import Optional

# families that cover Simplified Chinese, in the order they are preferred
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC",
                "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
                "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")


def pyplot():
    """matplotlib.pyplot on the Agg backend (ImportError when matplotlib is not installed)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = cjk_font()
    if family:
        plt.rcParams["font.family"] = [family, "DejaVu Sans"]
        plt.rcParams["axes.unicode_minus"] = False
    return plt


@cache
def cjk_font() -> Optional[str]:
    """The first installed family of CJK_FAMILIES, else None (and one warning on stderr)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((f for f in CJK_FAMILIES if f in installed), None)
    if found is None:
        print("tonglaio-parse: warning: no CJK font found (install fonts-noto-cjk); the chart labels "
              "Chinese names by their ids", file=sys.stderr)
    return found


def label(chinese: Optional[str], fallback: str) -> str:
    """A Chinese label where a CJK font draws it, else the ASCII fallback."""
    return chinese if chinese and cjk_font() else fallback
