"""Input findings: how the bytes became text (guessed encoding, lost bytes, mojibake,
control characters, mixed scripts, pinyin readings)."""
from __future__ import annotations

from functools import cache

from .. import rx
from ..rules import compile_rule, entries
from ..stages.normalize import converter, same_length
from .context import Context
from .registry import check



@cache
def _fffd():
    return rx.compile("\ufffd+")


@cache
def _gbk_run():
    """Runs to test for UTF-8-read-as-GBK: CJK and CJK-compatible characters, no ASCII, no newline."""
    return rx.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff00-\uffef\ufffd]{4,}")


@cache
def _latin_run():
    """Runs to test for UTF-8-read-as-Latin-1/cp1252: a lead byte À-ï then continuation bytes."""
    return rx.compile(r"(?:[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                      r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
                      r"\u203a\u20ac\u2122]{1,2}){2,}")


@cache
def _rx():
    t = entries("lint.toml")["input"]
    return (compile_rule(t.text("control"), t.name("control")),
            compile_rule(t.text("pinyin"), t.name("pinyin")), t.integer("mojibake_min_run"))


@check("IN001")
def encoding_guessed(ctx: Context) -> None:
    if ctx.encoding_guessed:
        first = ctx.norm.original.find("\n")
        end = first if first > 0 else min(len(ctx.norm.original), 20)
        ctx.warn("IN001", 0, end, f"the encoding was guessed as {ctx.encoding}; check the text reads right "
                                  f"or pass --encoding")


@check("IN002")
def replacement_characters(ctx: Context) -> None:
    for m in _fffd().finditer(ctx.norm.original):
        n = m.end() - m.start()
        ctx.warn("IN002", m.start(), m.end(),
                 f"{n} replacement character{'s' if n > 1 else ''} (U+FFFD): bytes were lost in decoding")


@check("IN004")
def control_characters(ctx: Context) -> None:
    control, _, _ = _rx()
    for m in control.finditer(ctx.norm.original):
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in m.group()}))
        ctx.warn("IN004", m.start(), m.end(), f"control character{'s' if len(m.group()) > 1 else ''} {codes}")


@cache
def _han():
    return rx.compile(r"\p{Han}")


def _utf8_from(run: str, codec: str) -> str | None:
    """The text `run` becomes when re-encoded with `codec` and read as UTF-8, if that works
    for nearly all of it and gives Han text."""
    probe = run[:8].encode(codec, errors="ignore").decode("utf-8", errors="replace")
    if probe.count("\ufffd") > 2:  # real text fails on its first characters: skip the rest
        return None
    try:
        raw = run.encode(codec)
    except UnicodeEncodeError:
        return None
    fixed = raw.decode("utf-8", errors="replace")
    bad = fixed.count("\ufffd")
    if bad > 2 or bad * 5 > len(fixed):  # nearly every run of real text ends here
        return None
    return fixed if len(_han().findall(fixed)) >= 2 else None


# UTF-8 read as GBK gives back, once re-encoded, runs of UTF-8's three-byte shape (a lead byte
# E2-EF, two continuation bytes 80-BF); clean Chinese text in GB18030 never has three in a row.
# Tested on the bytes mapped to L/C/x, one C-speed pass: the run-by-run probe costs 30 times more.
_UTF8_SHAPE = bytes(76 if 0xE2 <= b <= 0xEF else 67 if 0x80 <= b <= 0xBF else 120 for b in range(256))


def _may_be_gbk_mojibake(text: str) -> bool:
    return text.encode("gb18030", errors="replace").translate(_UTF8_SHAPE).find(b"LCCLCCLCC") >= 0


@check("IN005")
def mojibake(ctx: Context) -> None:
    text = ctx.norm.original
    _, _, min_run = _rx()
    passes = [(_latin_run(), ("cp1252", "latin-1"), "Latin-1")]
    if _may_be_gbk_mojibake(text):
        passes.insert(0, (_gbk_run(), ("gb18030",), "GBK"))
    for pattern, codecs, what in passes:
        for m in pattern.finditer(text):
            if len(m.group()) < (min_run if what == "GBK" else 4):
                continue
            for codec in codecs:
                fixed = _utf8_from(m.group(), codec)
                if fixed:
                    ctx.warn("IN005", m.start(), m.end(),
                             f"UTF-8 text read as {what}: '{m.group()[:12]}' should read '{fixed[:8]}'")
                    break


@check("IN006")
def mixed_script(ctx: Context) -> None:
    if ctx.norm.script != "mixed":
        return
    text = ctx.norm.original
    # two whole-text conversions (offsets kept), not two OpenCC calls per character
    as_simp, as_trad = same_length(converter("t2s"), text), same_length(converter("s2t"), text)
    trad = [i for i, (c, s) in enumerate(zip(text, as_simp)) if c != s]
    simp = [i for i, (c, s, t) in enumerate(zip(text, as_simp, as_trad)) if c == s and c != t]
    minority, name, major = (trad, "Traditional", "Simplified") if len(trad) <= len(simp) \
        else (simp, "Simplified", "Traditional")
    if not minority:
        return
    # one finding per line holding minority-script characters
    lines: dict[int, list[int]] = {}
    for i in minority:
        lines.setdefault(ctx.norm.line_col(i)[0], []).append(i)
    for _, idx in sorted(lines.items())[:20]:
        chars = "".join(dict.fromkeys(text[i] for i in idx))[:10]
        ctx.warn("IN006", idx[0], idx[-1] + 1,
                 f"{name} characters ({chars}) in a mostly {major} text")


@check("IN007")
def pinyin(ctx: Context) -> None:
    _, rx, _ = _rx()
    for m in rx.finditer(ctx.norm.original):
        ctx.warn("IN007", m.start(), m.end(), f"pinyin reading {m.group()} inside the text")
