"""Every figure and finding carries its sentence (`context`), in the script of the original;
subjects and the region stay in that script, their Simplified forms kept for matching."""
from __future__ import annotations

import glob

import pytest

from tonglaio_parse import Options, parse_file, parse_text
from tonglaio_parse.stages.sentences import Sentences

FIXTURES = ["fixtures/tongliao-2026-p2.txt", *sorted(glob.glob("fixtures/local/*.txt"))]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.rsplit("/", 1)[-1])
def test_every_context_is_the_original_at_its_span_and_holds_the_figure(path):
    report = parse_file(path)
    assert report.indicators
    for record in [*report.indicators, *report.warnings]:
        a, b = record.context_span
        assert report.text[a:b] == record.context
        assert a <= record.span[0] and record.span[1] <= b
        assert record.text in record.context
        assert record.context == record.context.strip()


@pytest.mark.parametrize("text, figure, sentence", [
    ("今年主要预期目标是:地区生产总值增长5%左右;一般公共预算收入增长3%。",
     "5%左右", "今年主要预期目标是:地区生产总值增长5%左右;"),
    ("全年地区生产总值1900亿元。按可比价格计算,比上年增长5.5%。\n其他工作。",
     "5.5%", "按可比价格计算,比上年增长5.5%。"),
    ("　　城镇、农村居民人均可支配收入分别增长4.5%和6.8%\n", "6.8%", "城镇、农村居民人均可支配收入分别增长4.5%和6.8%"),
    ("粮食产量达到1600万吨！", "1600万吨", "粮食产量达到1600万吨！"),
])
def test_the_context_is_the_sentence_with_its_end_mark(text, figure, sentence):
    report = parse_text(text, options=Options(year=2026))
    [ind] = [i for i in report.indicators if i.text == figure]
    assert ind.context == sentence


def test_a_sentence_without_stops_is_narrowed_to_the_clause():
    text = "，".join(["建成项目100个"] * 60) + "，新增就业1.2万人，" + "，".join(["改造小区50个"] * 60)
    s = Sentences(text)
    start = text.index("1.2万人")
    a, b = s.around(start, start + 5)
    assert text[a:b] == "新增就业1.2万人，"


TRADITIONAL = ("二〇二二年榕港市政府工作報告\n一、2021年工作回顧\n全市實現地區生產總值4286.3億元、增長8.6%；"
               "規模以上工業增加值增長10.2%。")


def test_a_traditional_report_keeps_its_script_and_gives_the_simplified_forms():
    report = parse_text(TRADITIONAL, options=Options(year=2022))
    by_value = {i.value: i for i in report.indicators}
    gdp = by_value[8.6]
    assert gdp.subject == "地區生產總值" and gdp.subject_simplified == "地区生产总值"
    assert gdp.canonical == "gdp_growth"
    assert "實現地區生產總值" in gdp.context
    industry = by_value[10.2]
    assert industry.subject == "規模以上工業增加值" and industry.subject_simplified == "规模以上工业增加值"
    [d] = [d for d in report.to_dict()["indicators"] if d["value"] == 8.6]
    a, b = d["context"]["span"]
    assert d["context"]["text"] == TRADITIONAL[a:b] and d["subject_simplified"] == "地区生产总值"
    assert d["page"] is None


def test_the_region_of_a_traditional_report_is_written_as_it_writes_it():
    text = "我代表臺灣省人民政府向大會報告工作。\n全省地區生產總值增長5%。"
    report = parse_text(text, options=Options(year=2022))
    assert report.document.region_simplified == "台湾省"
    assert report.document.region == "臺灣省"


def test_a_simplified_report_has_equal_forms():
    report = parse_file("fixtures/tongliao-2026-p2.txt")
    assert all(i.subject == i.subject_simplified for i in report.indicators)
    assert report.document.region == report.document.region_simplified == "通辽市"


def test_compare_joins_a_traditional_and_a_simplified_report_of_one_region():
    import tonglaio_parse as tp

    target = parse_text("2025年政府工作报告\n现在,我代表通辽市人民政府,向大会报告政府工作。\n"
                        "二、2025年主要目标任务\n今年地区生产总值增长5.5%左右。\n")
    result = parse_text("2026年政府工作報告\n現在,我代表通遼市人民政府,向大會報告政府工作。\n"
                        "一、2025年工作回顧\n地區生產總值增長5.8%。\n")
    assert (target.document.region, result.document.region) == ("通辽市", "通遼市")
    [row] = [r for r in tp.compare([target, result]) if r.canonical == "gdp_growth" and r.year == 2025]
    assert row.region == "通辽市" and row.target.value == 5.5 and row.actual.value == 5.8
