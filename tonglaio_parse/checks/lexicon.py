"""The vocabulary mined from the national reports (tests/update_terms.py -> data/report_terms.txt):
long fixed terms, their accepted variants and how often each word is used. Read once; TX005,
TX006 and TX010 use it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..rules import RuleError, data_path

_FILE = "report_terms.txt"


@dataclass(frozen=True)
class ReportTerms:
    terms: dict[str, int]    # fixed term -> reports using it
    variants: frozenset[str]  # other forms of a term that are right too
    words: dict[str, int]    # word -> times used in the reports


@cache
def report_terms() -> ReportTerms:
    terms, variants, words = {}, set(), {}
    try:
        lines = data_path(_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"data/{_FILE}: {exc}") from None
    for n, line in enumerate(lines, 1):
        kind, _, rest = line.partition("\t")
        try:
            if kind == "T":
                t, c = rest.split("\t")
                terms[t] = int(c)
            elif kind == "V":
                variants.add(rest)
            elif kind == "W":
                w, c = rest.split("\t")
                words[w] = int(c)
        except ValueError:
            raise RuleError(f"data/{_FILE} line {n}: expected {kind}<tab>entry<tab>count") from None
    return ReportTerms(terms, frozenset(variants), words)
