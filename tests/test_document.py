"""Document facts: year, region, script, title, and which part reviews and which plans."""
from __future__ import annotations

from pathlib import Path

import pytest

from tonglaio_parse import Options, parse_file, parse_text
from tonglaio_parse.rules import user_wordings
from tonglaio_parse.stages import document
from tonglaio_parse.stages.indicators import classify_part

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"


def test_seed_document():
    doc = parse_file(str(SEED)).document
    assert (doc.title, doc.region, doc.year, doc.script) == ("政府工作报告", "通辽市", 2026, "simplified")


def test_year_option_is_the_fallback_not_an_override_of_nothing():
    r = parse_text("各位代表:\n今年地区生产总值增长5%。", options=Options(year=2031))
    assert r.document.year == 2031
    assert r.indicators[0].period.start == 2031


def test_region_option_wins():
    assert parse_text("我代表通辽市人民政府,向大会报告政府工作。", options=Options(region="上海市")).document.region == "上海市"


@pytest.mark.parametrize("text, expected", [
    ("各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议。", "全国"),
    ("各位代表:\n我受国务院的委托,向大会提出关于国民经济计划安排的报告。", "全国"),
    ("现在,我代表通辽市人民政府,向大会报告政府工作,请予审议。", "通辽市"),
    ("在上海市第十六届人民代表大会第三次会议上", "上海市"),
    ("现在,我代表內蒙古自治區人民政府,向大會報告政府工作。", "内蒙古自治区"),
    ("各位代表:\n我国经济稳中有进。我国粮食增产。我国外贸回稳。我国就业稳定。", "全国"),
    ("各位代表:\n今年要办好几件事。", None),
    # districts and banners name themselves too
    ("现在,我代表棠溪区人民政府,向大会报告工作,请予审议。", "棠溪区"),
    ("——2020年1月10日在额仁高勒旗第十六届人民代表大会第四次会议上", "额仁高勒旗"),
])
def test_region(text, expected):
    from tonglaio_parse.stages.normalize import normalize
    assert document.region_of(normalize(text).text) == expected


def test_traditional_document():
    text = ("2026年政府工作報告\n\n現在,我代表通遼市人民政府,向大會報告政府工作。\n\n"
            "一、2025年工作回顧\n\n地區生產總值增長4.9%,城鄉居民人均可支配收入分別增長5%和6.5%。\n\n"
            "二、2026年主要目標任務\n\n今年地區生產總值增長5.5%左右。\n")
    r = parse_text(text)
    assert (r.document.region, r.document.year, r.document.script) == ("通遼市", 2026, "traditional")
    assert r.document.region_simplified == "通辽市"
    got = [(i.text, i.canonical, i.status, i.period.start) for i in r.indicators]
    assert got == [("4.9%", "gdp_growth", "actual", 2025), ("5%", "urban_income_growth", "actual", 2025),
                   ("6.5%", "rural_income_growth", "actual", 2025), ("5.5%左右", "gdp_growth", "target", 2026)]
    for i in r.indicators:  # provenance: spans point at the Traditional original
        assert r.text[i.span[0]:i.span[1]] == i.text


@pytest.mark.parametrize("title, body, expected", [
    ("2025年工作回顾", "", "review"),
    ("过去五年工作回顾", "", "review"),
    ("“十五五”时期主要目标任务和2026年重点工作", "", "plan"),
    ("2011年的工作", "", "plan"),
    ("2026年经济社会发展总体要求和政策取向", "", "plan"),
    ("“十三五”时期发展成就和“十四五”时期主要目标任务", "", None),  # mixed: time words decide
    ("", "五年来,我们坚持改善民生", "review"),
    ("加强和改善宏观调控", "", None),
])
def test_classify_part(title, body, expected):
    assert classify_part(title, body) == expected


def test_user_wordings_are_read_from_the_user_file(tmp_path):
    f = tmp_path / "ids.toml"
    f.write_text('[[canonical]]\nwordings = ["口袋公园"]\nlevel = "pocket_parks"\n', encoding="utf-8")
    assert user_wordings(str(f)) == (("口袋公园", (("level", "pocket_parks"),)),)
    assert user_wordings(None) == ()


def test_missing_user_file_is_an_input_error(tmp_path):
    from tonglaio_parse import RuleError
    with pytest.raises(RuleError, match="cannot read"):
        user_wordings(str(tmp_path / "nope.toml"))


def test_region_and_year_from_a_title_with_the_year():
    from tonglaio_parse import parse_text
    doc = parse_text("赤峰市2025年政府工作报告\n\n一、2024年工作回顾\n\n地区生产总值增长5%。\n").document
    assert (doc.region, doc.year, doc.title) == ("赤峰市", 2025, "赤峰市2025年政府工作报告")


@pytest.mark.parametrize("region, level", [
    ("全国", "national"), ("北京市", "province"), ("广西壮族自治区", "province"), ("广东省", "province"),
    ("通辽市", "city"), ("延边朝鲜族自治州", "city"), ("锡林郭勒盟", "city"), ("长丰县", "county"),
    ("科尔沁左翼中旗", "county"), ("棠溪区", "county"), (None, None),
])
def test_level_of_a_region(region, level):
    assert document.level_of(region) == level
