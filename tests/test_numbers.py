"""tonglaio_parse.stages.numbers: written numbers -> values (cases from the seed and the national corpus)."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from tonglaio_parse.stages.numbers import (numerals, parse_decimal, parse_doubling, parse_fraction,
                                    parse_number, parse_percent)


@pytest.mark.parametrize("text, value", [
    ("1600", 1600), ("4.9", 4.9), ("１２．５", 12.5), ("1,200", 1200), ("33,212", 33212),
    ("27,203,319,000", 27203319000),                    # 1956 final accounts
    ("7 4 7 7 2", 74772), ("1 .1", 1.1), ("2\u200b0\u200b2\u200b5", 2025),
    ("二十二", 22), ("十", 10), ("十五", 15), ("一百零五", 105), ("两千", 2000),
    ("一千二百万", 12_000_000), ("三千五百万", 35_000_000),
    ("一千三百八十七亿四千万", 138_740_000_000),            # 1959: 工农业总产值
    ("四亿零七百万", 407_000_000), ("二十万零五百", 200_500), ("一万零五百亿", 1_050_000_000_000),
    ("二〇三五", 2035), ("一九五八", 1958), ("一九○七", 1907), ("十二点五", 12.5),
    ("百分之", None),
    ("4.5万", 45_000), ("1.2万亿", 1.2e12), ("74.4\n万亿", 74.4e12), ("4万5千", 45_000),
    ("百", 100), ("千万", 10_000_000), ("百亿", 1e10), ("万亿", 1e12), ("十亿", 1e9),
    ("六万万", 600_000_000), ("一万五", 15_000), ("三千五", 3500), ("零两", 2),
])
def test_parse_number(text, value):
    if value is None:
        with pytest.raises(ValueError):
            parse_number(text)
    else:
        assert parse_number(text) == pytest.approx(value, rel=1e-12)


def test_exact_decimal():
    assert parse_decimal("1.2万亿") == 1_200_000_000_000
    assert parse_number("1.2万亿") == 1.2e12


@pytest.mark.parametrize("bad", ["", "1,2", "万万万x", "abc", "一二百", "两三", "十二点", "点五",
                                 "1" * 65, "一二三四五六七八九十百千" * 6])
def test_not_numbers(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


@pytest.mark.parametrize("text, value", [
    ("百分之十二点五", 12.5), ("百分之一百四十一", 141), ("百分之六十", 60), ("12.5%", 12.5),
    ("七成", 70), ("千分之三", 0.3), ("3‰", 0.3), ("万分之五", 0.05),
])
def test_parse_percent(text, value):
    assert parse_percent(text) == pytest.approx(value)


@pytest.mark.parametrize("text, value", [("三分之一", 1 / 3), ("1/3", 1 / 3), ("四分之一", 0.25),
                                         ("三分之二", 2 / 3), ("百分之五", 0.05)])
def test_parse_fraction(text, value):
    assert parse_fraction(text) == pytest.approx(value)


@pytest.mark.parametrize("text, value", [("翻一番", 2), ("翻两番", 4), ("翻了一番", 2), ("翻三番", 8)])
def test_parse_doubling(text, value):
    assert parse_doubling(text) == value


def test_tables_are_consistent():
    tab = numerals()
    assert tab.digits["两"] == 2 and tab.big_units["亿"] == 10 ** 8
    assert not set(tab.digits) & set(tab.magnitudes)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 16 - 1))
def test_against_cn2an(n):
    cn2an = pytest.importorskip("cn2an")
    written = cn2an.an2cn(n, "low")
    assert parse_decimal(written) == n, written


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=1, max_value=99))
def test_decimals_against_cn2an(whole, frac):
    cn2an = pytest.importorskip("cn2an")
    value = float(f"{whole}.{frac:02d}".rstrip("0"))
    written = cn2an.an2cn(str(value), "low")
    assert math.isclose(parse_number(written), value), written
