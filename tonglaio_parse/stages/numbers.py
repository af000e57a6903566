"""Pure number parsing: 一千二百万 / 4.5万 / 1,234.5 / 二〇三五 / 十二点五 / 百分之十二点五 → value.

Every function here is pure: no I/O besides reading the numeral table once (data/numerals.toml,
cached), no logging. Arithmetic is done in `Decimal` so that 1.2万亿 is exactly 1.2e12; results
are returned as `float`. Anything that is not a number raises `ValueError` naming the input; a
bad numeral table raises RuleError naming the file and entry.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import regex

from .. import rx
from ..rules import RuleError, entries, wide_forms

__all__ = [
    "Numerals", "numerals", "parse_number", "parse_decimal", "parse_percent", "parse_fraction",
    "parse_doubling", "fold_digits", "MAX_CHARS",
]

# The longest written number accepted (27,203,319,000 has 14 characters; 一千三百八十七亿四千万 11).
MAX_CHARS = 64
# The ASCII characters of a written number whose full-width forms fold_digits() folds.
_NUMBER_ASCII = "0123456789.,%/"
# Characters that may sit inside a written number without meaning anything.
_NOISE = rx.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
# Thousands separators only when every group after the first has exactly three digits.
_GROUPED = rx.compile(r"\d{1,3}(?:,\d{3})++(?:\.\d++)?+")
_ARABIC = rx.compile(r"\d++(?:\.\d++)?+")
_PLAIN = rx.compile(r"[0-9]++(?:\.[0-9]++)?+|[0-9]{1,3}(?:,[0-9]{3})++(?:\.[0-9]++)?+")
# Arabic digits with blanks between them (a PDF's letter-spacing, a space for a thousands mark)
_SPACED = rx.compile(r"[0-9]++(?:[ \t\u00a0\u3000]++[0-9]++)++")
_GAP = rx.compile(r"[ \t\u00a0\u3000]++")
_BLANKS = frozenset(" \t\u00a0\u3000")


@dataclass(frozen=True, slots=True)
class Numerals:
    """The numeral tables of data/numerals.toml."""
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    decimal: tuple[str, ...]
    fractions: dict[str, str]

    @property
    def chars(self) -> str:
        """Every character that is part of a Chinese numeral (digits and magnitudes)."""
        return "".join([*self.digits, *self.small_units, *self.big_units])

    @property
    def magnitudes(self) -> dict[str, int]:
        return {**self.small_units, **self.big_units}


@cache
def numerals() -> Numerals:
    """Load and validate data/numerals.toml once."""
    raw = entries("numerals.toml")
    tables = {}
    for key in ("digits", "small_units", "big_units"):
        table = raw.get(key)
        if not isinstance(table, Mapping) or not table:
            raise RuleError(f"{raw.name(key)}: missing or empty table")
        for ch, val in table.items():
            if len(ch) != 1 or not isinstance(val, int):
                raise RuleError(f"{table.name(ch)}: must be one character -> integer")
        tables[key] = dict(table)
    seen: dict[str, str] = {}
    for key, table in tables.items():
        for ch in table:
            if ch in seen:
                raise RuleError(f"{raw.where}: {ch!r} is in both [{seen[ch]}] and [{key}]")
            seen[ch] = key
    return Numerals(
        digits=tables["digits"], small_units=tables["small_units"], big_units=tables["big_units"],
        decimal=tuple(raw.get("decimal", {}).get("chars", ["点"])),
        fractions=dict(raw.get("fractions", {})),
    )


@cache
def _fold_table() -> dict[int, int]:
    """Full-width digits and the punctuation that belongs inside numbers -> ASCII."""
    return str.maketrans(wide_forms(_NUMBER_ASCII), _NUMBER_ASCII)


def fold_digits(s: str) -> str:
    """Full-width digits/point/comma/percent to ASCII; removes spaces and zero-width characters."""
    return _NOISE.sub("", s.translate(_fold_table()))


def parse_number(s: str) -> float:
    """Value of a written number: 1,200 / 33,212 / 7 4 7 7 2 / 二十二 / 一千二百万 / 二〇三五 /
    十二点五 / 4.5万 / 1.2万亿 / 三千五百万 / 百 / 千万. Raises ValueError when `s` is not one."""
    return float(parse_decimal(s))


@lru_cache(maxsize=8192)
def parse_decimal(s: str) -> Decimal:
    """Like `parse_number` but exact."""
    text = fold_digits(s)
    if len(text) > MAX_CHARS:  # a run of numerals this long is not one number (and costs time)
        raise ValueError(f"not a number: {s[:20]!r}… ({len(text)} characters)")
    if _PLAIN.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if not text:
        raise ValueError(f"not a number: {s!r}")
    tab = numerals()
    for point in tab.decimal:
        if point in text:
            whole, _, frac = text.partition(point)
            if not whole or not frac or any(ch not in tab.digits or ch == "两" for ch in frac):
                raise ValueError(f"not a number: {s!r}")
            digits = "".join(str(tab.digits[ch]) for ch in frac)
            return _integer_part(whole, s) + Decimal("0." + digits)
    return _integer_part(text, s)


def spacing_ok(s: str) -> bool:
    """Digits set apart are one number when every digit stands alone (7 4 7 7 2, letter-spaced)
    or the groups after the first have three digits (1 234 567); 表1  2025年 is two numbers."""
    if _BLANKS.isdisjoint(s):
        return True
    for m in _SPACED.finditer(s.translate(_fold_table())):
        groups = _GAP.split(m.group())
        if not (all(len(g) == 1 for g in groups) or (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))):
            return False
    return True


def _integer_part(text: str, original: str) -> Decimal:
    tab = numerals()
    # 二〇三五 / 一九五八 / 五八: digit by digit when there is no magnitude character at all.
    if len(text) >= 2 and all(ch in tab.digits for ch in text) and not ("两" in text or "兩" in text):
        return Decimal("".join(str(tab.digits[ch]) for ch in text))
    return _positional(_tokens(text, original), original)


def _tokens(text: str, original: str) -> list[Decimal | str]:
    """Split into Arabic numbers (as Decimal) and single Chinese numeral characters."""
    tab = numerals()
    out: list[Decimal | str] = []
    pos = 0
    while pos < len(text):
        m = _GROUPED.match(text, pos) or _ARABIC.match(text, pos)
        if m:
            try:
                out.append(Decimal(m.group().replace(",", "")))
            except InvalidOperation:  # pragma: no cover - the patterns only match valid numbers
                raise ValueError(f"not a number: {original!r}") from None
            pos = m.end()
            continue
        ch = text[pos]
        if ch not in tab.digits and ch not in tab.small_units and ch not in tab.big_units:
            raise ValueError(f"not a number: {original!r} (unexpected {ch!r})")
        out.append(ch)
        pos += 1
    return out


def _positional(tokens: list[Decimal | str], original: str) -> Decimal:
    """一千三百七亿四千万 → 130740000000; handles 零, 万亿, 4.5万, 一万五 (= 15000)."""
    tab = numerals()
    total = Decimal(0)
    section = Decimal(0)
    number: Decimal | None = None
    number_is_digit = False  # the pending number is one Chinese digit (for 一万五 elision)
    last_big: int | None = None
    prev_unit: int | None = None
    zero_since_unit = False
    prev_big = False  # the token before was a section magnitude (万万 = 亿, 万亿)
    for tok in tokens:
        is_big = isinstance(tok, str) and tok in tab.big_units
        if is_big and prev_big:
            total *= tab.big_units[tok]
            last_big = max(last_big or 0, tab.big_units[tok])
            continue
        prev_big = is_big
        if isinstance(tok, Decimal) or tok in tab.digits:
            value = tok if isinstance(tok, Decimal) else Decimal(tab.digits[tok])
            if not isinstance(tok, Decimal) and value == 0:
                zero_since_unit = True
                continue
            if number is not None:
                raise ValueError(f"not a number: {original!r} (two numbers in a row)")
            number, number_is_digit = value, not isinstance(tok, Decimal)
        elif tok in tab.small_units:
            unit = tab.small_units[tok]
            section += (number if number is not None else 1) * unit
            number, prev_unit, zero_since_unit = None, unit, False
        else:
            unit = tab.big_units[tok]
            temp = section + (number if number is not None else 0)
            if temp == 0 and total == 0:
                temp = Decimal(1)  # 万 / 亿 standing alone
            elif temp == 0 and (last_big is None or unit <= last_big):
                raise ValueError(f"not a number: {original!r} (magnitude {tok!r} repeated)")
            if last_big is not None and unit > last_big:
                total = (total + temp) * unit  # 万亿, 4.5万亿
            else:
                total += temp * unit
            last_big, prev_unit = max(unit, last_big or 0), unit
            section, number, zero_since_unit = Decimal(0), None, False
    if number is not None:
        if number_is_digit and prev_unit and prev_unit >= 100 and not zero_since_unit:
            number *= Decimal(prev_unit) / 10  # 一万五 = 15000, 三千五 = 3500
        section += number
    return total + section


def parse_percent(s: str) -> float:
    """Percent value of 百分之十二点五 / 12.5% / 七成 / 千分之三 / 3‰ / 万分之五 / 5‱."""
    text = fold_digits(s)
    tab = numerals()
    scale = {"percent": Decimal(1), "permille": Decimal("0.1"), "permyriad": Decimal("0.01")}
    for word, kind in tab.fractions.items():
        if text.startswith(word):
            return float(parse_decimal(text[len(word):]) * scale[kind])
    for sign, factor in (("%", "1"), ("‰", "0.1"), ("‱", "0.01"), ("成", "10")):
        if text.endswith(sign) and len(text) > 1:
            return float(parse_decimal(text[: -len(sign)]) * Decimal(factor))
    raise ValueError(f"not a percentage: {s!r}")


def parse_fraction(s: str) -> float:
    """Value of 三分之一 / 百分之五 (= 0.05) / 1/3 as a plain ratio."""
    text = fold_digits(s)
    if "分之" in text:
        den, _, num = text.partition("分之")
    elif "/" in text:
        num, _, den = text.partition("/")
    else:
        raise ValueError(f"not a fraction: {s!r}")
    denominator = parse_decimal(den) if den else None
    if not denominator:
        raise ValueError(f"not a fraction: {s!r}")
    return float(parse_decimal(num) / denominator)


def parse_doubling(s: str) -> float:
    """翻一番 → 2, 翻两番 → 4, 翻了三番 → 8: the factor of 2**n."""
    m = regex.fullmatch(r"翻了?+(.+?)番", fold_digits(s))
    if not m:
        raise ValueError(f"not a doubling: {s!r}")
    return float(2 ** parse_decimal(m.group(1)))
