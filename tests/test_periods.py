"""Periods: the document's year, plan periods and the time words that give each figure its years."""
from __future__ import annotations

import pytest

from tonglaio_parse.stages import periods
from tonglaio_parse.model import Period


@pytest.mark.parametrize("text, path, expected", [
    ("2026年是“十五五”开局之年,今年工作总体要求是……", None, 2026),
    ("各位代表,刚刚过去的2025年,我们全面加强政府自身建设。", None, 2026),
    ("2026年通辽市政府工作报告\n各位代表:", None, 2026),
    ("一、2024年工作回顾\n过去一年……", None, 2025),
    ("今年是2019年,是新中国成立70周年。", None, 2019),
    ("二〇二六年是“十五五”开局之年。", None, 2026),
    # a report calls LAST year a 收官之年: not a clue to its own year
    ("2015年是“十二五”规划收官之年。", "china-gwr-2016.txt", 2016),
    ("各位代表:", "/data/reports/tongliao-2026-p2.txt", 2026),
    ("各位代表:", None, None),
])
def test_document_year(text, path, expected):
    assert periods.document_year(text, path) == expected


CHROME = "下载\n打印\n【字号：\n加大\n】\n"


@pytest.mark.parametrize("text, path, year, source", [
    # a dated title after the page's chrome
    (CHROME + "2026年甘肃省政府工作报告\n来源：甘肃日报\n各位代表：", None, 2026, "title"),
    # the date line under an undated title, in Chinese numerals, and over two lines
    ("政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n各位代表：", None, 2026,
     "date-line"),
    ("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利", None, 2026,
     "date-line"),
    ("政府工作报告\n(2019年1月8日在县第十七届人民代表大会第四次会议上)\n县长 张某", None, 2019, "date-line"),
    # the text: the plan's first year, the review heading naming last year and the plan
    ("各位代表：\n今年是“十五五”开局之年，做好经济工作意义重大。", None, 2026, "text"),
    ("各位代表：\n一、2025年和“十四五”时期工作回顾\n2025年极不平凡。", None, 2026, "text"),
    ("一、过去一年工作回顾\n\n2004年，全国各族人民在中国共产党领导下", None, 2005, "text"),
    ("2011年，是“十二五”开局之年，做好今年的工作至关重要。", None, 2011, "text"),
    # an anniversary the year is named by (2024: 新中国成立75周年; 2021: 建党100周年)
    ("各位代表：\n今年是新中国成立75周年，做好全年工作意义重大。", None, 2024, "text"),
    ("各位代表：\n今年是中国共产党成立100周年。", None, 2021, "text"),
    # the plan part's heading or target lead naming the year; a plan's first year
    ("各位代表:\n一、过去一年的工作\n二、2004年主要任务\n今年是我国改革和发展十分关键的一年。", None, 2004, "text"),
    ("综合考虑各种因素,2006年国民经济和社会发展的主要预期目标是:国内生产总值增长8%左右。", None, 2006, "text"),
    ("2001年是进入新世纪、实施“十五”计划的第一年。", None, 2001, "text"),
    # …but not a year named in passing (1964: 他指出,一九六五年的主要任务就是…)
    ("各位代表:\n他指出,一九六五年的主要任务就是,在更加深入、广泛的基础上前进。", "r.txt", None, None),
    # only the page's publication date
    ("当前位置：首页\n发表时间：\n2026-02-09 09:45:30\n各位代表：", None, 2026, "publication-date"),
    # the file name is a guess, and says so; nothing at all is nothing
    ("各位代表：去年经济运行稳中有进。", "reports/xian-2024.txt", 2024, "filename"),
    ("各位代表：去年经济运行稳中有进。今年要稳中求进。", "report.txt", None, None),
    # a body paragraph that starts with a date is no date line
    ("各位代表：\n" + "现在报告工作。" * 10 + "\n2025年3月1日起，全面实施新规。", "x.txt", None, None),
])
def test_year_and_its_source(text, path, year, source):
    found = periods.find_year(text, path)
    assert (found.year, found.source) == (year, source)


@pytest.mark.parametrize("name, expected", [
    ("“十四五”", Period(2021, 2025)), ("十五五", Period(2026, 2030)), ("“十一五”", Period(2006, 2010)),
    ("一五", Period(1953, 1957)), ("二五", Period(1958, 1962)), ("三五", Period(1966, 1970)),
    ("六五", Period(1981, 1985)), ("中五", None),
])
def test_plan_period(name, expected):
    assert periods.plan_period(name) == expected


def _period(text: str, figure: str, status: str, year: int = 2026, heading: str = ""):
    return periods.TimeMarks(text, year).period_for(text.index(figure), status, heading)


@pytest.mark.parametrize("text, figure, status, year, expected", [
    ("今年地区生产总值增长5.5%左右。", "5.5%", "target", 2026, Period(2026, 2026)),
    ("去年地区生产总值增长4.9%。", "4.9%", "actual", 2026, Period(2025, 2025)),
    ("2025年地区生产总值增长4.9%。", "4.9%", "actual", 2026, Period(2025, 2025)),
    ("五年来,新增城镇就业6.9万人。", "6.9万", "actual", 2026, Period(2021, 2025)),
    ("“十四五”时期,单位国内生产总值能耗降低13.5%。", "13.5%", "target", 2021, Period(2021, 2025)),
    ("“十五五”时期,确保地区生产总值年均增长5.5%左右。", "5.5%", "target", 2026, Period(2026, 2030)),
    ("到二〇三五年,人均地区生产总值达到10万元。", "10万元", "target", 2026, Period(2035, 2035)),
    ("今后五年,我国经济增长预期目标是年均增长7%。", "7%", "target", 2011, Period(2011, 2015)),
    ("2021—2025年,年均增长6%。", "6%", "actual", 2026, Period(2021, 2025)),
    # 全年 / 年末: this year for a target, last year for a result
    ("全年城镇新增就业1314万人。", "1314", "actual", 2017, Period(2016, 2016)),
    ("全年城镇新增就业1100万人以上。", "1100", "target", 2017, Period(2017, 2017)),
    # comparisons are not periods: 比去年, 从去年的
    ("今年拟安排财政赤字2.18万亿元,比去年增加5600亿元。", "5600", "target", 2016, Period(2016, 2016)),
    ("赤字率从去年的2.1%提高到2.3%。", "2.3%", "target", 2015, Period(2015, 2015)),
    # 基础上年均 is not 上年
    ("在提高质量和效益的基础上年均增长7%。", "7%", "target", 2011, Period(2011, 2011)),
    # a strong marker earlier in the paragraph carries; a year inside another sentence does not
    ("刚刚过去的2025年,我们全面加强政府自身建设。地区生产总值增长4.9%。", "4.9%", "actual", 2026, Period(2025, 2025)),
    ("落实2030年应对气候变化国家自主贡献目标。单位能耗降低3%。", "3%", "target", 2026, Period(2026, 2026)),
    # nothing: this year for a target, last year for a result
    ("地区生产总值增长5%。", "5%", "target", 2026, Period(2026, 2026)),
    ("地区生产总值增长5%。", "5%", "actual", 2026, Period(2025, 2025)),
])
def test_period_for(text, figure, status, year, expected):
    assert _period(text, figure, status, year) == expected


def test_heading_gives_the_period_when_the_paragraph_has_none():
    assert _period("城镇调查失业率控制在5.5%以内。", "5.5%", "target", 2021,
                   heading="“十三五”时期发展成就和“十四五”时期主要目标任务\n着力提升发展质量效益") == Period(2021, 2025)


@pytest.mark.parametrize("status, expected", [("actual", Period(1993, 1993)), ("target", Period(1994, 1994))])
def test_a_heading_naming_two_years_gives_a_result_the_past_one(status, expected):
    # the 1994 report: 1993年国内工作的回顾和1994年工作的基本方针
    heading = "1993年国内工作的回顾和1994年工作的基本方针"
    assert _period("国内生产总值突破3万亿元大关,比上年增长13.4%。", "13.4%", status, 1994,
                   heading=heading) == expected


def test_no_year_no_relative_period():
    assert periods.TimeMarks("今年增长5%。", None).period_for(4, "target") is None


def test_explicit_period_for_status():
    marks = periods.TimeMarks("过去一年,国内生产总值增长10.3%。", 2011)
    assert marks.explicit(13) == (Period(2010, 2010), None)


def test_marks_keep_offsets_with_chinese_years():
    text = "二〇〇五年以来,增长5%。" + "一九九八年" * 3
    assert periods._arabic_years(text).__len__() == len(text)
