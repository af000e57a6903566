"""The README's ```console examples print what the tool prints: each `$ command` is run from
the project's root (80 columns, the venv's tonglaio-parse first on PATH) and its output, stdout
then stderr, compared with the lines under it. In the README a line `...` stands for any
lines, and `…` inside a line for any text (a timing, a path)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^( *)```console\n(.*?)^ *```", re.M | re.S)  # indented in a list item too


def examples() -> list[tuple[str, list[str]]]:
    out = []
    for indent, block in BLOCK.findall(README):
        command, lines = None, []
        for line in block.splitlines():
            line = line[len(indent):] if line.startswith(indent) else line
            if line.startswith("$ "):
                if command:
                    out.append((command, lines))
                command, lines = line[2:], []
            elif command:
                lines.append(line)
        if command:
            out.append((command, lines))
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` (with `...` lines and `…` wildcards) matches `actual`, line for line."""
    pattern = "".join(r"(?:.*\n)*?" if line == "..." else
                      ".*".join(map(re.escape, line.rstrip().split("…"))) + r"\n" for line in expected)
    return re.fullmatch(pattern, "".join(a.rstrip() + "\n" for a in actual)) is not None


def test_the_readme_has_examples():
    assert len(examples()) >= 5


@pytest.mark.parametrize("command, expected", examples(), ids=[c for c, _ in examples()])
def test_a_readme_example_prints_what_the_readme_shows(command, expected, tmp_path):
    if "../shared/" in command and not (ROOT.parent / "shared").is_dir():
        pytest.skip("needs ../shared (the project's corpora), absent in a user's clone")
    env = dict(os.environ, COLUMNS="80", PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               TMP=str(tmp_path))
    env.pop("NO_COLOR", None)
    res = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    actual = (res.stdout + res.stderr).splitlines()
    assert matches(expected, actual), "\n".join(["README shows:", *expected, "the tool prints:", *actual])


@pytest.mark.parametrize("expected, actual, ok", [
    (["a", "b"], ["a", "b"], True),
    (["a", "..."], ["a", "b", "c"], True),
    (["a", "...", "d"], ["a", "b", "c", "d"], True),
    (["x … s"], ["x in 4.9 s"], True),
    (["a", "b"], ["a", "c"], False),
    (["a"], ["a", "b"], False),
])
def test_the_matcher(expected, actual, ok):
    assert matches(expected, actual) is ok
