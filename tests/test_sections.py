"""Sections: numbering to a tree with dotted ids; a page that starts inside part 一."""
from __future__ import annotations

import pytest

from tonglaio_parse import parse_text

SEED_SUBSECTIONS = {
    "2.1": "在紧扣主线和贯彻主线上精准发力,全方位铸牢中华民族共同体意识",
    "2.2": "在扩大投资和激活消费上精准发力,巩固经济稳中向好态势",
    "2.3": "在强基提质和培育新兴产业上精准发力,着力构建优势特色现代化产业体系",
    "2.4": "在科技创新和应用赋能上精准发力,因地制宜发展新质生产力",
    "2.5": "在改革攻坚和开放合作上精准发力,主动融入服务新发展格局",
    "2.6": "在生态保护和低碳转型上精准发力,绘就美丽通辽新图景",
    "2.7": "在绿色开发和高效利用上精准发力,不断强化能源资源战略支撑",
    "2.8": "在城乡融合和功能完善上精准发力,打造更高品质区域中心城市",
    "2.9": "在兜底保障和优化供给上精准发力,推动高质量发展成果普惠可及",
}


def test_seed_parts(seed_dict):
    parts = [s for s in seed_dict["sections"] if s["level"] == 1]
    assert [p["id"] for p in parts] == ["1", "2"]
    assert parts[0].get("inferred") is True and parts[0]["title"] == ""
    assert parts[1]["title"] == "“十五五”时期主要目标任务和2026年重点工作"
    assert parts[1]["label"] == "二、" and parts[1]["line"] == 19


def test_seed_subsections_with_titles(seed_dict):
    subs = {s["id"]: s for s in seed_dict["sections"] if s["id"].startswith("2.")}
    assert {k: v["title"] for k, v in subs.items()} == SEED_SUBSECTIONS
    assert subs["2.1"]["label"] == "(一)" and subs["2.1"]["line"] == 29
    assert subs["2.9"]["line"] == 95


def test_seed_review_lead_ins(seed_dict):
    leads = [s for s in seed_dict["sections"] if s["label"] == "——"]
    assert [(s["id"], s["line"]) for s in leads] == [("1.1", 7), ("1.2", 9), ("1.3", 11)]
    assert leads[0]["title"] == "五年来,我们坚持建管并举、提升品质,城乡面貌明显改善"


def test_section_spans_nest(seed_dict):
    by_id = {s["id"]: s for s in seed_dict["sections"]}
    for s in seed_dict["sections"]:
        if "." in s["id"]:
            parent = by_id[s["id"].rsplit(".", 1)[0]]
            assert parent["span"][0] <= s["span"][0] and s["span"][1] <= parent["span"][1]


@pytest.mark.parametrize("text, expected", [
    ("一、过去一年工作回顾\n\n内容。\n\n二、今年工作安排\n\n(一)扩大内需。内容。\n\n(二)稳定就业。内容。\n",
     [("1", 1, "过去一年工作回顾"), ("2", 1, "今年工作安排"), ("2.1", 2, "扩大内需"), ("2.2", 2, "稳定就业")]),
    ("(三)做好三件事。内容。\n\n(四)再做一件。内容。\n",  # a page starting inside a part
     [("3", 1, "做好三件事"), ("4", 1, "再做一件")]),
    ("一、总体要求\n\n1.坚持稳中求进。内容。\n\n2.坚持改革开放。内容\n\n(1)深化改革。内容。\n",
     [("1", 1, "总体要求"), ("1.1", 2, "坚持稳中求进"), ("1.2", 2, "坚持改革开放"), ("1.2.1", 3, "深化改革")]),
    ("没有编号的一段话,经济增长5%。\n", []),
])
def test_numbering_shapes(text, expected):
    secs = parse_text(text).sections
    assert [(s.id, s.level, s.title) for s in secs] == expected


def test_decimal_number_is_not_a_heading():
    secs = parse_text("一、回顾\n\n1.2万亿元的投资全部到位。\n").sections
    assert [s.id for s in secs] == ["1"]
