"""The package uses other libraries through their public APIs only (issue 13): no private module
or attribute of re, regex or anything else, which can change on any upgrade."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tonglaio_parse"

# names private to another library; matched in code and in strings (getattr(obj, "_private"),
# importlib.import_module("re._compiler") are uses too), not in comments or docstrings
PRIVATE = ["re._compiler", "re._parser", "re._constants", "re._casefix", "sre_compile", "sre_parse",
           "sre_constants", "_sre", "regex._main", "regex._regex_core", "_regex_core", "_regex",
           "_pickled_data"]
_NAME = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(PRIVATE, key=len, reverse=True))) + r")(?!\w)")
# `from re import _compiler`, `from regex import _main`: a private name of a library's top module
_FROM = re.compile(r"^\s*from\s+(re|regex|jieba|pint|platformdirs|click|rich|opencc|charset_normalizer)"
                   r"(?:\.\w+)*\s+import\s+(.*)$")


def _code_lines(source: str) -> dict[int, str]:
    """Line number -> the line with comments and docstrings blanked out."""
    keep = {i + 1: list(line) for i, line in enumerate(source.splitlines())}

    def blank(start: tuple[int, int], end: tuple[int, int]) -> None:
        (r0, c0), (r1, c1) = start, end
        for r in range(r0, r1 + 1):
            row = keep.get(r, [])
            for c in range(c0 if r == r0 else 0, min(c1 if r == r1 else len(row), len(row))):
                row[c] = " "

    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            blank(tok.start, tok.end)
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            doc = body[0].value
            # ast columns count UTF-8 bytes; a docstring's lines are blanked whole past its start
            blank((doc.lineno, 0), (doc.end_lineno, 10 ** 6))
    return {n: "".join(chars) for n, chars in keep.items()}


def find_private_names(source: str) -> list[tuple[int, str]]:
    found = []
    for n, line in sorted(_code_lines(source).items()):
        found.extend((n, m.group()) for m in _NAME.finditer(line))
        m = _FROM.match(line)
        if m:
            found.extend((n, f"{m.group(1)}.{name}") for name in re.findall(r"\w+", m.group(2))
                         if name.startswith("_") and not name.startswith("__"))
    return found


def test_the_scanner_finds_what_it_looks_for():
    bad = ('"""A module docstring naming re._compiler is fine."""\n'
           "import re\n"
           "from re import _compiler\n"
           "core = _compiler._sre  # _sre\n"
           "from regex import _main\n"
           "x = regex._main._regex.compile(p)\n"
           "args = getattr(c, '_pickled_data', None)\n"
           "y = c._pickled_data\n"
           "import sre_parse\n"
           "import importlib\n"
           "z = importlib.import_module('re._constants')\n")
    found = find_private_names(bad)
    assert {name for _, name in found} == {"re._compiler", "_sre", "regex._main", "_regex", "_pickled_data",
                                           "sre_parse", "re._constants"}
    assert {n for n, _ in found} == {3, 4, 5, 6, 7, 8, 9, 11}
    clean = ("# re._compiler is not used\n"
             "def f():\n"
             "    '''regex._main is not used either'''\n"
             "    return my_sre + self_regex + re.compile('x')\n")
    assert find_private_names(clean) == []


def test_the_package_uses_no_private_names_of_other_libraries():
    hits = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for n, name in find_private_names(path.read_text(encoding="utf-8")):
            hits.append(f"{path.relative_to(PACKAGE.parent)}:{n}: {name}")
    if hits:
        pytest.fail("private names of other libraries:\n" + "\n".join(hits))
