"""The two kinds of failure a user can meet: a bad input, and a bad data table."""
from __future__ import annotations


class InputError(Exception):
    """An input that cannot be parsed: missing, a directory, binary, undecodable."""


class RuleError(ValueError):
    """A data table of the package (or one the user gave) is malformed: the message names the
    file and the entry."""
