"""Loads the package's data tables once and compiles their patterns.

Every rule the stages apply comes from tonglaio_parse/data/; a bad table fails with RuleError,
the file and entry named (`entries()` gives a table whose missing or mistyped entry says so).
data/text.toml is the one definition of the punctuation and numeral classes (`marks()`,
`numeral_chars()`), from which the stages and checks compose their character classes
(`char_class()`, `full_width()`); `alternation()` is the one longest-first alternation of words.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import regex

from . import rx
from .errors import RuleError
from .cache import cache_path, read_own, write_atomically


def data_path(name: str):
    return resources.files("tonglaio_parse") / "data" / name


@cache
def table(name: str) -> dict[str, Any]:
    """A TOML table from the package's data folder, parsed once per machine: the parsed form is
    kept as JSON under the hash of the file (tomllib costs ~2 ms per kilobyte; json a tenth)."""
    try:
        raw = data_path(name).read_bytes()
    except OSError as exc:
        raise RuleError(f"data/{name}: {exc}") from None
    path = cache_path(f"toml-{hashlib.sha256(raw).hexdigest()[:32]}.json")
    kept = read_own(path)
    if kept:
        try:
            parsed = json.loads(kept)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            return parsed
    try:
        parsed = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"data/{name}: {exc}") from None
    try:
        write_atomically(path, json.dumps(parsed, ensure_ascii=False).encode("utf-8"))
    except TypeError:  # a value JSON cannot hold (a TOML date): parse each time
        pass
    return parsed


def compile_rule(source: str, where: str, flags: int = 0) -> regex.Pattern:
    """A pattern of a data table; a bad one raises RuleError naming `where`."""
    try:
        return rx.compile(source, flags)
    except regex.error as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from None


def compile_any(sources: list[str], where: str) -> regex.Pattern:
    """One pattern for a list of them (one test instead of one per pattern); when it does not
    compile, each is compiled alone, so the bad one is named."""
    try:
        return rx.compile("|".join(f"(?:{p})" for p in sources) or "(?!)")
    except regex.error:
        for i, source in enumerate(sources):
            compile_rule(source, f"{where} #{i + 1}")
        raise RuleError(f"{where}: the patterns do not compile together") from None


def alternation(words, escape: bool = True, item: Optional[Callable[[str], str]] = None) -> str:
    """A regex alternation of words, longest first so 万亿 wins over 万. Each word is escaped,
    or given as it is (escape=False), or made into its alternative by `item` (a word with the
    conditions around it)."""
    piece = item or (regex.escape if escape else str)
    return "|".join(piece(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class LayoutPatterns:
    removals: list[tuple[str, regex.Pattern]]
    cut_paragraph: regex.Pattern
    heading_start: regex.Pattern
    headings: dict[str, regex.Pattern]
    title_end: regex.Pattern
    max_title_chars: int
    page_number: regex.Pattern        # a line that is only a page number (PDF text)
    running_header_chars: int         # a running header is at most this long
    wrapped_line_chars: int           # a line this long that ends open may be hard-wrapped
    wrapped_share: float              # …when this share of such lines ends open


@cache
def patterns() -> LayoutPatterns:
    t = entries("layout.toml")
    removals = [(kind, compile_rule(src, t["removals"].name(kind)))
                for kind in t["removals"] for src in t["removals"].words(kind)]
    headings = t["headings"]
    heads = {k: compile_rule(headings.text(k), headings.name(k))
             for k in headings if k not in ("title_end", "max_title_chars")}
    heading_start = rx.compile("|".join(f"(?:{p.pattern.lstrip('^')})" for p in heads.values()))
    return LayoutPatterns(
        removals=removals,
        cut_paragraph=compile_rule(t["paragraphs"].text("cut"), t["paragraphs"].name("cut")),
        heading_start=heading_start,
        headings=heads,
        title_end=compile_rule(headings.text("title_end"), headings.name("title_end")),
        max_title_chars=headings.integer("max_title_chars"),
        page_number=compile_rule(t["paragraphs"].text("page_number"), t["paragraphs"].name("page_number")),
        running_header_chars=t["paragraphs"].integer("running_header_chars"),
        wrapped_line_chars=t["paragraphs"].integer("wrapped_line_chars"),
        wrapped_share=float(t["paragraphs"]["wrapped_share"]),
    )


# ------------------------------------------------------------------------ table entries ----

class Entries(Mapping):
    """A data table, or a section of one, whose missing or mistyped entry raises RuleError
    naming it (data/FILE [section] key): no bare KeyError or ValueError from a bad table.
    A section is itself an Entries, and so is each row of an array of tables (`rows()`);
    lists and scalars are given as they are."""
    __slots__ = ("_data", "_file", "_path", "_row")

    def __init__(self, data: Any, file: str, path: tuple[str, ...] = (), row: int = 0):
        self._file, self._path, self._row = file, path, row
        if not isinstance(data, dict):
            raise RuleError(f"{self.where}: must be a table")
        self._data = data

    @property
    def where(self) -> str:
        """data/FILE, data/FILE [section.subsection] or data/FILE [[rows]] #n."""
        path = ".".join(self._path)
        if self._row:
            return f"data/{self._file} [[{path}]] #{self._row}"
        return f"data/{self._file}" + (f" [{path}]" if path else "")

    def rows(self, key: str) -> list["Entries"]:
        """The tables of an array of tables ([[key]]), each naming itself #1, #2 …"""
        value = self[key]
        if not isinstance(value, list):
            raise RuleError(f"{self.name(key)}: must be an array of tables")
        return [Entries(row, self._file, (*self._path, key), n) for n, row in enumerate(value, 1)]

    def name(self, key: str) -> str:
        """How a message names an entry: data/FILE [key] at the top, data/FILE [section] key below."""
        return f"{self.where} {key}" if self._path else f"data/{self._file} [{key}]"

    def __getitem__(self, key: str) -> Any:
        try:
            value = self._data[key]
        except KeyError:
            raise RuleError(f"{self.name(key)}: missing") from None
        return Entries(value, self._file, (*self._path, key)) if isinstance(value, dict) else value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._data else default

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def integer(self, key: str) -> int:
        return self._converted(key, int, "a whole number")

    def number(self, key: str) -> float:
        return self._converted(key, float, "a number")

    def text(self, key: str) -> str:
        value = self[key]
        if not isinstance(value, str):
            raise RuleError(f"{self.name(key)}: must be a string")
        return value

    def words(self, key: str) -> list[str]:
        """A list of strings."""
        value = self[key]
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise RuleError(f"{self.name(key)}: must be a list of strings")
        return value

    def _converted(self, key: str, kind: type, what: str) -> Any:
        try:
            return kind(self[key])
        except (TypeError, ValueError):
            raise RuleError(f"{self.name(key)}: must be {what}") from None


def entries(name: str) -> Entries:
    """The table data/NAME as Entries."""
    return Entries(table(name), name)


# --------------------------------------------------------- punctuation and numeral classes ----

@dataclass(frozen=True)
class Marks:
    """The punctuation of data/text.toml [marks], in the form the normalised text has."""
    full_stop: str
    exclamation: str
    question: str
    semicolon: str
    comma: str
    colon: str
    enumeration_comma: str
    line_break: str
    brackets: str
    title_marks: str
    quotes: str
    list_dash: str

    @property
    def sentence_end(self) -> str:
        """。!? — what ends a sentence."""
        return self.full_stop + self.exclamation + self.question

    @property
    def sentence_end_or_semicolon(self) -> str:
        """。!?; — what ends a sentence in the narrow sense (a semicolon closes one of a series)."""
        return self.sentence_end + self.semicolon

    @property
    def clause_mark(self) -> str:
        """。!?;,: — what ends a clause (without the line break, which each use adds or not)."""
        return self.sentence_end_or_semicolon + self.comma + self.colon


@dataclass(frozen=True)
class NumeralChars:
    """The numeral characters of data/text.toml [numerals], grouped as the patterns name them."""
    zero: str
    zero_look_alike: str
    one_to_nine: str
    two: str
    ten: str
    hundred: str
    thousand: str
    ten_thousand: str
    hundred_million: str
    point: str

    @property
    def digit(self) -> str:
        """〇零一…九: a digit in words (not 两, which stands only before a measure or magnitude)."""
        return self.zero + self.one_to_nine

    @property
    def year_digit(self) -> str:
        """A digit of a number written digit by digit, as years are (二〇二五, 二○二五)."""
        return self.zero + self.zero_look_alike + self.one_to_nine

    @property
    def small_magnitude(self) -> str:
        """十百千."""
        return self.ten + self.hundred + self.thousand

    @property
    def big_magnitude(self) -> str:
        """万亿: the magnitudes that close a section of a number."""
        return self.ten_thousand + self.hundred_million

    @property
    def numeral(self) -> str:
        """Every numeral character of Simplified text but the decimal point."""
        return self.digit + self.two + self.small_magnitude + self.big_magnitude


_TEXT = "text.toml"
_SINGLE = {"full_stop", "exclamation", "question", "semicolon", "comma", "colon", "enumeration_comma",
           "line_break", "zero_look_alike", "two", "ten", "hundred", "thousand", "ten_thousand",
           "hundred_million", "point"}


def _classes(kind: type, section: str):
    t = entries(_TEXT)[section]
    values = {}
    for f in fields(kind):
        value = t.text(f.name)
        if not value or (f.name in _SINGLE and len(value) != 1):
            raise RuleError(f"{t.name(f.name)}: must be {'one character' if f.name in _SINGLE else 'characters'}")
        values[f.name] = value
    return kind(**values)


@cache
def marks() -> Marks:
    """The punctuation classes of data/text.toml, loaded and checked once."""
    return _classes(Marks, "marks")


@cache
def numeral_chars() -> NumeralChars:
    """The numeral classes of data/text.toml, each character checked against its value in
    data/numerals.toml."""
    chars = _classes(NumeralChars, "numerals")
    values = entries("numerals.toml")
    digits, small, big = values["digits"], values["small_units"], values["big_units"]
    expected = [*((c, digits, 0) for c in chars.zero + chars.zero_look_alike),
                *((c, digits, n) for n, c in enumerate(chars.one_to_nine, 1)),
                (chars.two, digits, 2), (chars.ten, small, 10), (chars.hundred, small, 100),
                (chars.thousand, small, 1000), (chars.ten_thousand, big, 10 ** 4),
                (chars.hundred_million, big, 10 ** 8)]
    for c, table_, value in expected:
        if table_.get(c) != value:
            raise RuleError(f"data/{_TEXT} [numerals]: {c!r} is not {value} in {table_.where}")
    if len(chars.one_to_nine) != 9:
        raise RuleError(f"data/{_TEXT} [numerals] one_to_nine: must be the nine digits")
    if chars.point not in values.get("decimal", {}).get("chars", ["点"]):
        raise RuleError(f"data/{_TEXT} [numerals] point: not a decimal point of data/numerals.toml")
    return chars


@cache
def width_fold() -> dict[int, int]:
    """Code point of each full-width form -> its ASCII (str.translate table), from
    data/text.toml [full_width]."""
    t = entries(_TEXT)["full_width"]
    first, last, space = t.text("first"), t.text("last"), t.text("space")
    if not (len(first) == len(last) == len(space) == 1) or ord(last) - ord(first) != ord("~") - ord("!"):
        raise RuleError(f"{t.where}: first and last must be the forms of '!' and '~', space one character")
    shift = ord(first) - ord("!")
    return {cp + shift: cp for cp in range(ord("!"), ord("~") + 1)} | {ord(space): ord(" ")}


@cache
def line_separators() -> str:
    """The characters read as a line break in the normalised text (data/text.toml)."""
    return entries(_TEXT)["line_separators"].text("chars")


def full_width(chars: str) -> str:
    """`chars` and the full-width form of each ASCII one among them (for the original text,
    which normalisation has not folded)."""
    return "".join(dict.fromkeys(chars + wide_forms(chars)))


def wide_forms(chars: str) -> str:
    """The full-width forms of the ASCII characters among `chars`, in their order."""
    wide = _wide_of()
    return "".join(wide[c] for c in chars if c in wide)


@cache
def _wide_of() -> dict[str, str]:
    return {chr(ascii_): chr(form) for form, ascii_ in width_fold().items()}


def char_class(chars: str, negated: bool = False, escapes: str = "") -> str:
    """A regex character class of `chars` and the class `escapes` given as they are (r"\\d\\s"),
    for `regex` and `re` alike, any flags."""
    return f"[{'^' if negated else ''}{''.join(map(_in_class, dict.fromkeys(chars)))}{escapes}]"


def _in_class(c: str) -> str:
    if c in "\\]^-[":
        return "\\" + c
    if c == "\n":
        return "\\n"
    return c if c.isprintable() and not c.isspace() else f"\\u{ord(c):04x}"


def user_wordings(path: Optional[str]) -> tuple:
    """The user's extra indicator wordings (`--indicators FILE`: TOML [[canonical]] entries), as a
    hashable tuple of (wording, ((kind, id), …)). A file that cannot be read or is malformed
    raises RuleError naming it."""
    if not path:
        return ()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: cannot read indicators file ({exc})") from None
    out = []
    for i, entry in enumerate(data.get("canonical", [])):
        words = entry.get("wordings")
        ids = {k: v for k, v in entry.items() if k in ("growth", "level", "decrease", "ratio")}
        if not isinstance(words, list) or not ids or not all(isinstance(v, str) for v in ids.values()):
            raise RuleError(f"{path}: [[canonical]] #{i + 1} needs 'wordings' (a list) and one of "
                             "growth/level/decrease/ratio (an id)")
        out += [(w, tuple(sorted(ids.items()))) for w in words]
    return tuple(out)
