"""README keeps its promises: the two first commands, every warning code, the CSV header."""
from __future__ import annotations

import re

from conftest import ROOT
from tonglaio_parse.checks import rule_table
from tonglaio_parse.render.csv import COLUMNS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_two_commands_are_run_and_test():
    commands = re.findall(r"^(make \w+)", README, flags=re.M)
    assert commands[:2] == ["make run", "make test"]


def test_every_check_code_is_documented():
    for code, info in rule_table().items():
        assert re.search(rf"\| {code} \| {re.escape(info.name)} \| {info.severity} \|", README), code


def test_every_csv_column_is_documented():
    table = README.split("## CSV columns", 1)[1].split("\n## ", 1)[0]
    for col in COLUMNS:
        assert col in table, col
