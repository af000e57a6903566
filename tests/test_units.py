"""tonglaio_parse.stages.units: the unit table (data/units.toml) and the pint registry (data/units.txt)."""
import time
from decimal import Decimal

import pytest

from tonglaio_parse.stages import units


@pytest.fixture(scope="module")
def ureg():
    return units.registry()


def test_tables_valid():
    units.check_tables()  # every pint name in units.toml exists in units.txt
    for info in units.unit_table().values():
        assert info.dimension in units.DIMENSIONS


def test_registry_is_small_and_fast():
    units.registry.cache_clear()
    import pint  # noqa: F401  (the import itself is not what we measure)
    t = time.perf_counter()
    ureg = units.registry()
    assert time.perf_counter() - t < 1.0  # ~30 ms here; pint's default registry is far bigger
    assert len(list(ureg._units)) < 200


def test_percent_and_points_cannot_be_added(ureg):
    import pint
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(Decimal(2), "percentage_point") + ureg.Quantity(Decimal(5), "percent")
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(Decimal(2), "percentage_point").to("percent")


def test_trillion_yuan_exact(ureg):
    q = ureg.Quantity(Decimal("1.2"), "wan_yi_yuan").to("yuan")
    assert q.magnitude == Decimal("1200000000000")
    assert ureg.Quantity(Decimal("74.4"), "wan_yi_yuan").to("yuan").magnitude == Decimal("74400000000000")


@pytest.mark.parametrize("qty, target, expected", [
    ("1 mu", "square_meter", Decimal(10000) / 15),
    ("1 hectare", "mu", Decimal(15)),
    ("1 gigawatt", "kilowatt", Decimal(1000000)),
    ("1 yi_kilowatt", "kilowatt", Decimal(100000000)),
    ("2 jin", "kilogram", Decimal(1)),
    ("1 tonne", "jin", Decimal(2000)),
    ("7 tenth", "percent", Decimal(70)),
    ("3 permille", "percent", Decimal("0.3")),
    ("1 kilowatt_hour", "kilojoule", Decimal(3600)),
    ("1 square_kilometer", "hectare", Decimal(100)),
])
def test_conversions(ureg, qty, target, expected):
    value, unit = qty.split()
    got = ureg.Quantity(Decimal(value), unit).to(target).magnitude
    assert abs(Decimal(got) - expected) < Decimal("1e-9")


@pytest.mark.parametrize("word, dimension, pint_name", [
    ("%", "percent", "percent"), ("个百分点", "percentage_point", "percentage_point"),
    ("元", "money", "yuan"), ("美元", "money", "us_dollar"), ("千瓦", "power", "kilowatt"),
    ("兆瓦", "power", "megawatt"), ("吉瓦", "power", "gigawatt"), ("千瓦时", "energy", "kilowatt_hour"),
    ("度", "energy", "kilowatt_hour"), ("公里", "length", "kilometer"), ("千米", "length", "kilometer"),
    ("米", "length", "meter"), ("亩", "area", "mu"), ("公顷", "area", "hectare"),
    ("平方米", "area", "square_meter"), ("平方公里", "area", "square_kilometer"),
    ("吨", "mass", "tonne"), ("公斤", "mass", "kilogram"), ("千克", "mass", "kilogram"),
    ("斤", "mass", "jin"), ("立方米", "volume", "cubic_meter"), ("方", "volume", "cubic_meter"),
    ("天", "duration", "day"), ("年", "duration", "year"), ("个月", "duration", "month"),
    ("小时", "duration", "hour"), ("倍", "multiple", "times"),
    ("个", "count", "item"), ("家", "count", "firm"), ("户", "count", "household"),
    ("人", "count", "person"), ("人次", "count", "person_time"), ("名", "count", "person"),
    ("所", "count", "institution"), ("座", "count", "item"), ("条", "count", "item"),
    ("处", "count", "item"), ("套", "count", "set_"), ("件", "count", "piece"),
    ("项", "count", "project"), ("头", "count", "head"), ("只", "count", "head"),
    ("辆", "count", "vehicle"), ("台", "count", "piece"), ("张", "count", "piece"),
    ("次", "count", "time_count"), ("批", "count", "batch"), ("部", "count", "piece"),
    ("家次", "count", "firm"),
])
def test_unit_words(word, dimension, pint_name):
    info = units.unit_table()[word]
    assert (info.dimension, info.pint) == (dimension, pint_name)


@pytest.mark.parametrize("value, word, expected", [
    (3, "‰", (0.3, "percent")), (7, "成", (70.0, "percent")), (2, "吉瓦", (2_000_000.0, "kilowatt")),
    (5, "%", (5, "percent")), (16_000_000, "千瓦", (16_000_000, "kilowatt")),
    (1.2e12, "元", (1.2e12, "yuan")), (3, "", (3, "dimensionless")),
])
def test_normalize(value, word, expected):
    assert units.normalize(value, word) == expected


def test_infer_table_names_known_units():
    assert units.infer_table()["人口"] == "人"
