"""Units: the written unit words (data/units.toml) and one small pint registry (data/units.txt).

`unit_table()` is what the quantity patterns are built from; `registry()` is the pint registry,
created on first use (pint is imported lazily, so importing this module costs nothing).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Callable, Optional

import regex

from ..cache import cache_path, read_own, write_atomically
from ..errors import RuleError
from ..model import Dimension
from ..rules import alternation, char_class, data_path, table

__all__ = ["DIMENSIONS", "UnitInfo", "unit_table", "infer_table", "registry", "normalize",
           "check_tables", "dimension_of", "unit_pattern", "led_alternation"]

DIMENSIONS = tuple(Dimension)  # the schema's classes (model.Dimension)

# Units for quantities with no unit word, and for ratios (三分之一, 1/3).
NO_UNIT = "dimensionless"


@dataclass(frozen=True, slots=True)
class UnitInfo:
    word: str              # as written: 千瓦, 个百分点, %
    pint: str              # unit name in units.txt
    dimension: str         # schema class
    to: str                # pint unit the value is normalised to (often == pint)
    not_before: str        # characters that, right after the word, mean it is not a unit
    after: tuple[str, ...]  # when set: only a unit before these words or a non-Han character


@cache
def unit_pattern() -> str:
    """Regex source matching one written unit word, longest first, with its context limits."""
    units = unit_table()

    def limited(word: str) -> str:
        info, p = units[word], regex.escape(word)
        if info.not_before:
            p += f"(?![{regex.escape(info.not_before)}])"
        if info.after:
            p += rf"(?=[^\p{{Han}}]|$|{alternation(info.after)})"
        return p
    return led_alternation(units, item=limited)


def led_alternation(words, item: Optional[Callable[[str], str]] = None) -> str:
    """alternation() written as a tree of the words' characters (一(?:系列|批…)), behind a
    lookahead for their first characters: regex tries the branches of an alternation one by
    one, 58 words that start with 一 at each 一, where the tree tests one character per step.
    The same matches, in the same order: of the words that match at a place, one is the start
    of the next, and the tree tries the longer first. `item` (the word with conditions around
    it) may add a condition before the word: the words with its first character are then
    the plain alternation."""
    if not words:
        return alternation(words, item=item)
    piece = item or regex.escape
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(w[0], []).append(w)
    branches = []
    for first, group in sorted(by_first.items()):
        pieces = {w: piece(w) for w in group}
        if all(p.startswith(regex.escape(w)) for w, p in pieces.items()):
            tree: dict = {}
            for w, p in pieces.items():
                node = tree
                for ch in w:
                    node = node.setdefault(ch, {})
                node[""] = p[len(regex.escape(w)):]  # the conditions after the word
            branches.append(_branch(tree))
        else:
            branches.append(f"(?:{'|'.join(pieces.values())})")
    first = char_class("".join(sorted(by_first)))
    return f"(?={first})(?:{'|'.join(branches)})"


def _branch(node: dict) -> str:
    """The alternatives below a node of the tree: its children, then the word ending there."""
    alts = [regex.escape(ch) + _branch(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append(node[""])
    return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"


def _raw_table() -> dict[str, Any]:
    return table("units.toml")


@cache
def unit_table() -> dict[str, UnitInfo]:
    """Written unit word -> UnitInfo, validated against the schema's dimensions."""
    raw = _raw_table()
    out: dict[str, UnitInfo] = {}
    for word, spec in raw.get("units", {}).items():
        where = f"data/units.toml [units.{word!r}]"
        if not isinstance(spec, dict) or "pint" not in spec or "dimension" not in spec:
            raise RuleError(f"{where}: needs 'pint' and 'dimension'")
        if spec["dimension"] not in DIMENSIONS:
            raise RuleError(f"{where}: unknown dimension {spec['dimension']!r}")
        out[word] = UnitInfo(word=word, pint=spec["pint"], dimension=spec["dimension"],
                             to=spec.get("to", spec["pint"]), not_before=spec.get("not_before", ""),
                             after=tuple(spec.get("after", ())))
    if not out:
        raise RuleError("data/units.toml: no [units] defined")
    return out


@cache
def infer_table() -> dict[str, str]:
    """Subject word -> unit word, for quantities written without a unit (人口 -> 人)."""
    table = dict(_raw_table().get("infer", {}))
    units = unit_table()
    for subject, word in table.items():
        if word not in units:
            raise RuleError(f"data/units.toml [infer] {subject!r}: unknown unit {word!r}")
    return table


@cache
def registry():
    """The project's pint UnitRegistry, built from data/units.txt only."""
    import pint  # lazy: only code that converts pays for pint

    with resources.as_file(data_path("units.txt")) as path:
        return pint.UnitRegistry(str(path), non_int_type=Decimal, cache_folder=None)


def check_tables() -> None:
    """Every pint name in units.toml exists in units.txt (raises RuleError); for tests/CI."""
    ureg = registry()
    infer_table()
    for info in unit_table().values():
        for name in (info.pint, info.to):
            try:
                ureg.parse_units(name)
            except Exception as exc:  # pint raises several types here
                raise RuleError(
                    f"data/units.toml [units.{info.word!r}]: {name!r} not in units.txt ({exc})"
                ) from None


def normalize(value: float, word: str) -> tuple[float, str]:
    """(normalised value, pint unit name) for `value` written in unit `word` ('' = no unit)."""
    info = unit_table().get(word)
    if info is None:
        return value, NO_UNIT
    if info.to == info.pint:
        return value, info.to
    return _convert(value, info.pint, info.to), info.to


@cache
def _factor(src: str, dst: str) -> Decimal:
    """The factor from `src` to `dst`, computed by pint once per machine and kept on disk:
    importing pint and building the registry costs ~0.6 s, a lookup microseconds."""
    factors = _known_factors()
    key = f"{src}>{dst}"
    if key not in factors:
        factors[key] = str(registry().Quantity(Decimal(1), src).to(dst).magnitude)
        write_atomically(_factors_path(), json.dumps(factors, sort_keys=True).encode("utf-8"))
    return Decimal(factors[key])


@cache
def _factors_path() -> Optional[str]:
    definitions = data_path("units.txt").read_bytes()
    return cache_path(f"units-{hashlib.md5(definitions).hexdigest()}.json")


@cache
def _known_factors() -> dict[str, str]:
    """The factors kept on disk: a JSON object of "src>dst" -> a finite decimal number (as a
    string). A file that is missing, not ours, or holds anything else is ignored as a whole."""
    raw = read_own(_factors_path())
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:  # also a UnicodeDecodeError
        return {}
    if not isinstance(data, dict) or not all(_valid_factor(k, v) for k, v in data.items()):
        return {}
    return data


def _valid_factor(key: object, value: object) -> bool:
    if not isinstance(key, str) or key.count(">") != 1 or not isinstance(value, str):
        return False
    try:
        return Decimal(value).is_finite()
    except ArithmeticError:  # decimal.InvalidOperation: not a number
        return False


def _convert(value: float, src: str, dst: str) -> float:
    return float(Decimal(repr(value)) * _factor(src, dst))


def dimension_of(word: str) -> Optional[str]:
    info = unit_table().get(word)
    return info.dimension if info else None
